/*
 * bundle.h — reading and writing the CSV bundle of FORMATS.md.
 *
 * Reading is all-or-nothing: every file is parsed and every rule of SPEC
 * §11 "Input" checked; each defect becomes one located diagnostic
 * ("values.csv:12:value: …", up to a limit), and on any defect the bundle is
 * released and KH_EINVAL returned.  Nothing is ever partially loaded.
 *
 * Files are read from a folder or from memory (the database layer and the
 * fuzzers use memory).  Encodings: UTF-8 with or without BOM, GB18030/GBK
 * detected or forced (encoding.h).
 *
 * Writing produces the input files of the bundle again (export): same
 * columns as FORMATS.md, rows in model order, raw cells as they were read
 * where the model keeps them, numbers in the shortest form that round-trips.
 * read → write → read → write gives byte-identical files.
 */
#ifndef KAOHE_BUNDLE_H
#define KAOHE_BUNDLE_H

#include <stddef.h>
#include "kaohe/model.h"
#include "kaohe/error.h"

struct kh_bundle_read_opts {
    const char *encoding;   /* NULL/"auto", "utf-8", "gbk", "gb18030" */
    size_t max_errors;      /* 0 = 100 */
    /* Database import: when cycle.csv names a `previous` cycle, an empty
     * growth baseline is not an error here, because the store fills it from
     * the previous cycle's year-end value when it loads the cycle (FORMATS.md,
     * `previous`).  A baseline of 0 is still an error. */
    bool baselines_from_previous;
};

struct kh_bundle_file {
    const char *name;       /* e.g. "units.csv" */
    const char *data;
    size_t len;
};

/* Returns 0; KH_EINVAL with diagnostics; KH_EIO (a diagnostic names the file).
 * `b` must be zeroed, initialised (kh_bundle_init) or hold a bundle — never
 * uninitialised memory: the reader releases what it holds, then fills it.
 * On success the caller releases b; on failure b is left released
 * (releasing it again is safe). */
int kh_bundle_read_dir(const char *dir, const struct kh_bundle_read_opts *opts,
                       struct kh_bundle *b, struct kh_diags *d);
/* A workbook FILE.xlsx whose sheets are the bundle's files (xlsx.h;
 * docs/formats.md "Workbooks"): the same rules and results as the folder,
 * diagnostics placed as cells ("values!D17").  kh_bundle_read_dir calls it
 * when `dir` is a regular file.  Same returns and contract as read_dir. */
int kh_bundle_read_xlsx(const char *path, const struct kh_bundle_read_opts *opts,
                        struct kh_bundle *b, struct kh_diags *d);
int kh_bundle_read_mem(const struct kh_bundle_file *files, size_t nfiles,
                       const struct kh_bundle_read_opts *opts, struct kh_bundle *b,
                       struct kh_diags *d);

/*
 * A consumer of a bundle's canonical rows: for each input file, begin (its
 * name and header), one row call per record, end.  Cells are valid only
 * during the call.  A non-zero return stops the walk and is returned.
 */
struct kh_bundle_sink {
    int (*begin)(void *ctx, const char *file, const char *const *header, size_t n);
    int (*row)(void *ctx, const char *const *cells, size_t n);
    int (*end)(void *ctx);
};

/* Emit every input file the bundle has, exactly as kh_bundle_write_dir
 * writes it (bundle-rows.c has the rules).  Returns 0 or the sink's code. */
int kh_bundle_write_rows(const struct kh_bundle *b, const struct kh_bundle_sink *k, void *ctx);

/* Write every input file the bundle has data for into dir (created if
 * needed), through kh_bundle_write_rows.  Returns 0 or KH_EIO. */
int kh_bundle_write_dir(const struct kh_bundle *b, const char *dir, struct kh_error *err);

/* The names of every input file, in FORMATS.md order, NULL-terminated. */
extern const char *const kh_bundle_input_files[];
/* The Chinese sheet name a workbook reader accepts first for input file
 * kh_bundle_input_files[f] (read-xlsx.c), or NULL. */
const char *kh_bundle_sheet_alias(int f);

#endif
