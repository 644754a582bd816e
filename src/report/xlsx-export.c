/*
 * xlsx-export.c — a stored cycle, as `kaohe export` hands it out
 * (struct kh_export, store-load.h), as its results workbook: the one place
 * both `kaohe export CYCLE --xlsx` and the web's download of
 * /cycles/CYCLE/export.xlsx make it, so the two give the same bytes.
 *
 * A cycle never computed has no results to show and is refused
 * (REPORT_NOT_COMPUTED) rather than exported as an empty summary.  A cycle
 * imported under --cycle CODE has no code in its cycle.csv; the workbook
 * then names the stored code.
 */
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/store-load.h"
#include "kaohe/xlsx-results.h"

int kh_xlsx_export_write(struct kh_export *x, enum kh_lang lang, const char *path, struct kh_error *err)
{
    if (x->computed_at[0] == '\0')
        return KH_ERR(err, KH_ESTATE, REPORT_NOT_COMPUTED, x->code);
    struct kh_bundle_file files[KH_EXPORT_MAXFILES];
    for (size_t i = 0; i < x->nresults; i++)
        files[i] = (struct kh_bundle_file){x->result_name[i], x->result[i].data, x->result[i].len};
    if (!x->bundle.cycle.code || !x->bundle.cycle.code[0])
        x->bundle.cycle.code = kh_arena_strdup(&x->bundle.arena, x->code);
    struct kh_xlsx_opts o = {.lang = lang, .computed_at = x->computed_at};
    return kh_xlsx_results_write(&x->bundle, files, x->nresults, &o, path, err);
}
