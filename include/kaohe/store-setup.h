/*
 * store-setup.h — editing a stored cycle's setup data row by row while the
 * cycle is in setup (store-setup.c).
 *
 * The setup files are categories.csv (township types), units.csv,
 * positions.csv, cadres.csv, rater_groups.csv and raters.csv (FORMATS.md).
 * Each has a `code` column that keys its rows.  A change is one row added
 * or replaced (put) or removed (delete); it is checked the way an import
 * is checked — the cycle is loaded with that file rewritten and the one
 * bundle validator decides — so a unit of an unknown category, or a unit
 * that cadres still name, is refused with the reader's located
 * diagnostics (units.csv:LINE:COLUMN …) and nothing is written.
 */
#ifndef KAOHE_STORE_SETUP_H
#define KAOHE_STORE_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/store.h"

/* One cell of a row being put: its column (a header name of the file) and
 * its new text. */
struct kh_setup_cell {
    const char *column, *value;
};

/* The canonical name ("units.csv") of a setup file named with or without
 * ".csv", or NULL when file is not one of the six. */
const char *kh_setup_file(const char *file);
/* The setup files' canonical names, in FORMATS.md order, NULL-terminated. */
extern const char *const kh_setup_files[];

/*
 * The rows of a setup file of the cycle as the bundle writer writes them
 * (action cycle.show): fn receives the header first, then one call per
 * row in file order.  A file the cycle lacks gives the header alone.
 * KH_EINVAL for a file that is not a setup file.
 */
int kh_store_setup_rows(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                        kh_store_row_fn fn, void *ctx, struct kh_error *err);
/*
 * Add or replace one row (action setup.edit: the admin, the cycle in
 * setup).  cells must name `code`; a row with that code is replaced in
 * place (columns not named keep their text), otherwise the row is added
 * last (columns not named are empty).  A column the file does not have is
 * KH_EINVAL naming it.  When the changed cycle does not validate the
 * result is KH_EINVAL SETUP_INVALID with the reader's diagnostics in
 * diags.  Otherwise the file is stored in its canonical form and every
 * row that changed is audited (entity "setup", key CYCLE/FILE/CODE,
 * before and after as JSON objects of the row's cells), in one
 * transaction.  *changed (may be NULL) receives the number of rows that
 * changed (0: the row was already so; nothing is written).
 */
int kh_store_setup_put(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                       const struct kh_setup_cell *cells, size_t n, size_t *changed,
                       struct kh_diags *diags, struct kh_error *err);
/* Remove the row keyed code (KH_ENOTFOUND SETUP_NO_ROW when there is
 * none); otherwise as kh_store_setup_put, audited with after null. */
int kh_store_setup_delete(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                          const char *code, struct kh_diags *diags, struct kh_error *err);

#endif
