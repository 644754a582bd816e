/*
 * bundle-int.h — internals shared by the bundle reader's files (kh__ prefix).
 *
 * Reading one bundle is one `struct kh__rd`: the bundle being filled, the
 * diagnostics, the UTF-8 text of the input file being read, and the scratch indexes
 * the cross-file checks need (row lines of targets and values, composite-key
 * maps).  Each input file is read in one pass through a `struct kh__table`,
 * which resolves the header (canonical names, Chinese aliases, weight.<CAT>
 * columns), skips blank records, checks field counts and locates every
 * diagnostic as "file:line:column".
 *
 * `usable[f]` is true when file f was present and its header could be
 * resolved.  References *into* an unusable file are not checked, so one
 * broken units.csv yields one diagnostic, not one per row of values.csv.
 */
#ifndef KAOHE_BUNDLE_INT_H
#define KAOHE_BUNDLE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/buf.h"
#include "kaohe/bundle.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/model.h"
#include "kaohe/msg-bundle.h"
#include "kaohe/msg-util.h"
#include "kaohe/strmap.h"
#include "kaohe/xlsx.h"

/* Input files, in FORMATS.md order (the order of kh_bundle_input_files). */
enum kh__file {
    KH__F_CYCLE, KH__F_CATEGORIES, KH__F_UNITS, KH__F_INDICATORS, KH__F_SCALES,
    KH__F_RATER_GROUPS, KH__F_RATERS, KH__F_TARGETS, KH__F_VALUES, KH__F_RATINGS,
    KH__F_SURVEY_ITEMS, KH__F_RESPONSES, KH__F_POSITIONS, KH__F_CADRES, KH__F_ADJUSTMENTS,
    KH__F_COUNT
};

struct kh__rd {
    struct kh_bundle *b;
    struct kh_diags *d;
    bool baselines_from_previous;  /* opts: empty growth baselines allowed (store import) */
    const char *encoding;          /* opts: NULL/"auto" or the forced encoding */
    bool present[KH__F_COUNT];     /* the file exists (set before any reader runs) */
    /* UTF-8, by length: the input or conv[f].  Only while file f's reader
     * runs (bundle-read.c frees a folder's files one by one), else NULL. */
    const char *text[KH__F_COUNT];
    /* The buffer text[f] is a view into when the reader owns it (a folder's
     * file, not converted), else NULL: kh__table_next gives its pages back
     * as the rows are consumed (kh_buf_forget). */
    struct kh_buf *own[KH__F_COUNT];
    size_t len[KH__F_COUNT];
    bool usable[KH__F_COUNT];
    struct kh_buf conv[KH__F_COUNT]; /* converted text of non-UTF-8 files */
    /* A workbook (read-xlsx.c): file f is the sheet sheet_name[f]; its cells
     * while f's reader runs are sheet[f].  Places are cells ("values!D17"). */
    bool workbook;
    const char *sheet_name[KH__F_COUNT];
    const struct kh_xlsx_sheet *sheet[KH__F_COUNT];
    /* Field of each spec column of file f once its header was read, for the
     * diagnostics made after its table closed (kh__diag_at). */
    const struct kh__colspec *spec[KH__F_COUNT];
    int nspec[KH__F_COUNT];
    int field[KH__F_COUNT][24];
    long *target_line; size_t target_line_cap;   /* [ntargets] */
    long *value_line; size_t value_line_cap;     /* [nvalues] */
    long *adj_line; size_t adj_line_cap;         /* [nadjustments], first row */
    struct kh_u64map target_ix;   /* (unit, node) -> target */
    struct kh_u64map value_ix;    /* (unit, node<<7 | period) -> value */
    struct kh_u64map adj_ix;      /* (subject*2+is_cadre, node) -> adjustment */
    struct kh_u64map answer_ix;   /* (response, item) -> answer */
    struct kh_strmap intern_ix;   /* text -> index in interned (kh__intern) */
    const char **interned; size_t interned_cap; int32_t ninterned;
    int32_t scale_team, scale_cadre, scale_survey, scale_numeric;
    size_t caps[32];              /* capacities of the bundle's top-level arrays */
};

/* Capacities slots in kh__rd.caps */
enum { KH__CAP_CAT, KH__CAP_UNIT, KH__CAP_DISTRICT, KH__CAP_NODE, KH__CAP_SCALE,
       KH__CAP_GROUP, KH__CAP_RATER, KH__CAP_TARGET, KH__CAP_VALUE, KH__CAP_RATING,
       KH__CAP_ITEM, KH__CAP_RESPONSE, KH__CAP_ANSWER, KH__CAP_CHANNEL, KH__CAP_POSITION,
       KH__CAP_DIM, KH__CAP_CADRE, KH__CAP_ADJ };

/* ---- table.c: one CSV file with a resolved header ---- */
#define KH__MAXCOLS 24

struct kh__colspec { const char *name; bool required; };

/* The last code looked up in one column, the map it was looked up in and
 * what it resolved to (kh__lookup). */
struct kh__memo {
    const struct kh_strmap *map;   /* NULL: empty */
    int32_t val;
    char code[48];
};

struct kh__table {
    struct kh__rd *rd;
    int file;
    const char *fname;           /* "values.csv", or the sheet name */
    struct kh_csv_reader csv;    /* a CSV file */
    const struct kh_xlsx_sheet *sheet;   /* else a sheet: its cells */
    size_t next_row;             /* sheet: next row of sheet->rows */
    struct kh_buf cellbuf;       /* sheet: the current record's trimmed cells */
    char **sfields;              /* sheet: the current record, nheader cells */
    size_t sfields_cap;
    const char *const *fields;   /* current record (csv.fields or sfields) */
    size_t nfields;
    const struct kh__colspec *cols;
    int ncols;
    int idx[KH__MAXCOLS];        /* field index per spec column, -1 absent */
    const char *hdr[KH__MAXCOLS];/* header cell as written (arena) */
    int32_t *wfield;             /* weights: field per category (-1 absent), malloc */
    const char **wname;          /* weights: header as written per category, malloc */
    size_t nheader;
    long line;                   /* line of the current record */
    size_t forgotten;            /* rd->own[file]: bytes given back so far */
    struct kh__memo memo[KH__MAXCOLS][2];   /* per column, newest first */
};

/* Open file `f` and resolve its header against cols (plus weight.<CAT>
 * columns when `weights`).  Returns true when rows can be read; false when
 * the file is absent (required → diagnostic) or its header is unusable. */
bool kh__table_open(struct kh__rd *rd, int f, const struct kh__colspec *cols, int ncols,
                    bool weights, struct kh__table *t);
/* Next non-blank record with the right field count: 1, or 0 at the end. */
int kh__table_next(struct kh__table *t);
void kh__table_close(struct kh__table *t);
/* Cell of spec column c ("" when the column is absent). */
const char *kh__cell(const struct kh__table *t, int c);
bool kh__has(const struct kh__table *t, int c);
const char *kh__colname(const struct kh__table *t, int c);
/*
 * Diagnostics are messages with their arguments (msg.h, msg-bundle.h),
 * rendered when shown.  The variadic arguments are `const char *`, ended
 * by NULL; the macros add the NULL and the BUNDLE_ prefix of the catalog:
 *
 *     KH__ERR(t, CD_UNIT, UNKNOWN_UNIT, uc);
 *     KH__DIAG_AT(rd, KH__F_TARGETS, line, "baseline", BASELINE_ZERO, leaf, unit);
 */
/* A located diagnostic for column c of the current record (c < 0: no column). */
void kh__err(struct kh__table *t, int c, const struct kh_msg *msg, ...) __attribute__((sentinel));
#define KH__ERR(t, c, name, ...) \
    kh__err((t), (c), &KH_M_BUNDLE_##name, ##__VA_ARGS__, (const char *)NULL)
/* The error e (message and arguments; its place is ignored) as a diagnostic
 * for column c of the current record: the reasons of params.c's parsers. */
void kh__err_from(struct kh__table *t, int c, const struct kh_error *e);
/* A located diagnostic about file f after its table closed (cross-file
 * checks): line and canonical column name (NULL: none), placed as a cell
 * when the bundle is a workbook. */
void kh__diag_at(struct kh__rd *rd, int f, long line, const char *col, const struct kh_msg *msg,
                 ...) __attribute__((sentinel));
#define KH__DIAG_AT(rd, f, line, col, name, ...) \
    kh__diag_at((rd), (f), (line), (col), &KH_M_BUNDLE_##name, ##__VA_ARGS__, (const char *)NULL)
/* Same as kh__err, with an explicit column name (weight columns). */
void kh__err_named(struct kh__table *t, const char *col, const struct kh_msg *msg, ...)
    __attribute__((sentinel));
#define KH__ERR_NAMED(t, col, name, ...) \
    kh__err_named((t), (col), &KH_M_BUNDLE_##name, ##__VA_ARGS__, (const char *)NULL)

/* Code rule of FORMATS.md: non-empty, no ';', '=' or whitespace. */
bool kh__code_ok(const char *s);
/* Validate the code in column c; diagnostic and false when bad. */
bool kh__check_code(struct kh__table *t, int c);
/*
 * kh_strmap_get(map, s) for the cell s of column c, remembering the answer:
 * the big files come grouped (every rating of one ratee, every answer of one
 * response, every value of one unit), so a row often repeats the previous
 * row's code, and one strcmp replaces a probe that at a million codes is a
 * cache miss.  Two codes are remembered per column, so a column looked up
 * in two maps (a ratee is a unit or else a cadre) keeps both answers.  Only
 * for a map that does not change while the file is read, or whose entries
 * never change once present (kh__memo_set after a put).
 */
int32_t kh__lookup(struct kh__table *t, int c, const struct kh_strmap *map, const char *s);
/* Remember s -> val for column c (s now maps to val in map for good). */
void kh__memo_set(struct kh__table *t, int c, const struct kh_strmap *map, const char *s,
                  int32_t val);
/* Parse a number cell of column c: empty → NaN when allow_empty, else error. */
bool kh__num(struct kh__table *t, int c, bool allow_empty, double *out);

/* Magnitudes a bundle number may have (docs/formats.md "Number range"): 0, or
 * 1e-100 <= |x| <= 1e100.  Squares, sums over 40,000 units and ratios of such
 * numbers stay far from overflow and underflow, so no result can become inf or
 * NaN by accident.  Indicator weights, which multiply along the tree path
 * (weight_global), have the tighter range of KH__WEIGHT_MIN..KH__WEIGHT_MAX. */
#define KH__WEIGHT_MAX 1e15
#define KH__WEIGHT_MIN 1e-15
#define KH__NUM_MAX 1e100
#define KH__NUM_MIN 1e-100
bool kh__num_in_range(double x);
/* kh_parse_double() plus kh__num_in_range(): every number of a bundle goes
 * through here.  False on bad syntax or magnitude (then *out is unchanged
 * or the parsed value). */
bool kh__parse_num(const char *s, double *out);
const char *kh__str(struct kh__rd *rd, const char *s);
/* Like kh__str, but one arena copy per distinct text, shared by every cell
 * that has it: for columns whose few texts repeat on every row of a big
 * file (values.csv `source`, targets.csv `status`). */
const char *kh__intern(struct kh__rd *rd, const char *s);
/* Physical lines of file f (an upper bound on its rows): a capacity hint.
 * Only before the file's first row (kh__table_next gives read pages back). */
size_t kh__line_count(const struct kh__rd *rd, int f);

/* ---- read-xlsx.c: the workbook form ---- */
/* The input file a sheet name stands for (canonical name, with or without
 * .csv, ASCII case-insensitive, or a Chinese alias); -1 for a sheet that is
 * ignored (results, notes, names starting with # or _), -2 unknown. */
int kh__sheet_file(const char *name);

/* ---- params.c: cell syntaxes ---- */
struct kh__kvlist { struct kh_kv *kv; int32_t n; };
/* Split "k=v;k=v" (keys trimmed, non-empty, unique).  On a syntax error
 * records the reason in why (a BUNDLE_KV_* message naming `what`, the
 * column or key the list was read from) and returns false. */
bool kh__kv_parse(struct kh_arena *a, const char *s, const char *what, struct kh__kvlist *out,
                  struct kh_error *why);
/* Parse the method parameters of node n from its params_text (SPEC §11.3);
 * the denominator is left as its code in *denom_code for the caller. */
bool kh__params_parse(struct kh__table *t, int col, struct kh_bundle *b, struct kh_node *n,
                      const char **denom_code);
/* "g=0.4;h=0.3", rater-group codes with weights, resolved through map (the
 * rater groups) into an arena list. */
bool kh__wrefs_parse(struct kh__table *t, int col, struct kh_arena *a, const char *s,
                     const struct kh_strmap *map, struct kh_wref **out, int32_t *nout);
/* Grade thresholds "好=90;较好=80;一般=70[;差]" with `bottom` implied.  On an
 * error records the reason in why (a BUNDLE_GRADES_* message). */
bool kh__grades_parse(struct kh_arena *a, const char *s, const char *bottom,
                      struct kh_grades *g, struct kh_error *why);

/* ---- per-file readers ---- */
void kh__read_cycle(struct kh__rd *rd);
void kh__read_categories(struct kh__rd *rd);
void kh__read_units(struct kh__rd *rd);
void kh__read_scales(struct kh__rd *rd);
void kh__read_rater_groups(struct kh__rd *rd);
void kh__read_raters(struct kh__rd *rd);
void kh__read_indicators(struct kh__rd *rd);
void kh__read_survey_items(struct kh__rd *rd);
void kh__read_positions(struct kh__rd *rd);
void kh__read_cadres(struct kh__rd *rd);
void kh__read_targets(struct kh__rd *rd);
void kh__read_values(struct kh__rd *rd);
void kh__read_ratings(struct kh__rd *rd);
void kh__read_responses(struct kh__rd *rd);
void kh__read_adjustments(struct kh__rd *rd);
void kh__check_cross(struct kh__rd *rd);

/* Level lookup with the §11.6 abstentions. -1 when absent. */
int32_t kh__scale_find(const struct kh_scale *s, const char *name);

#endif
