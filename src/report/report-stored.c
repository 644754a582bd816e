/*
 * report-stored.c — a stored cycle as its reports read it
 * (report-stored.h): the reloaded, re-evaluated and checked cycle, and
 * what the feedback report adds (the previous cycle, the rectification
 * items).  `kaohe report` and the web's PDF downloads both come here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/report-stored.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/store-rectify.h"
#include "kaohe/store-workflow.h"
#include "kaohe/strmap.h"
#include "kaohe/xalloc.h"

int kh_report_stored_load(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                          const struct kh_authz_target *t, const char *code, struct kh_bundle *b,
                          struct kh_results *r, char date[16], struct kh_diags *d,
                          struct kh_error *err)
{
    struct kh_cycle_row row;
    struct kh_buf stored = KH_BUF_INIT, mine = KH_BUF_INIT;
    int rc = kh_store_cycle_get(s, a, code, &row, err);
    if (rc == 0 && !row.computed_at[0])
        rc = KH_ERR(err, KH_ESTATE, REPORT_NOT_COMPUTED, code);
    if (rc == 0)
        rc = kh_store_load(s, a, act, t, code, b, d, err);
    if (rc == 0)
        rc = kh_engine_run(b, NULL, r, err);
    if (rc == 0)
        rc = kh_store_results_csv(s, a, code, "results_units.csv", NULL, &stored, err);
    if (rc == 0) {
        kh_results_render(b, r, KH_RESULT_UNITS, &mine);
        if (stored.len != mine.len || memcmp(stored.data, mine.data, stored.len) != 0)
            rc = KH_ERR(err, KH_ESTATE, REPORT_STALE, code);
    }
    if (rc == 0) {
        snprintf(date, 16, "%.10s", row.computed_at);
        /* a cycle imported with --cycle has no code in its cycle.csv: the header names the stored one */
        if (!b->cycle.code || !b->cycle.code[0])
            b->cycle.code = kh_arena_strdup(&b->arena, row.code);
    }
    kh_buf_release(&stored);
    kh_buf_release(&mine);
    return rc;
}

/* The rows of the feedback report's extra, collected (strings in b's arena). */
struct feedback_load {
    struct kh_bundle *b;
    struct kh_feedback_item *items;
    int32_t n, cap;
};

static const char *arena_cell(struct kh_bundle *b, const char *s)
{
    return kh_arena_strdup(&b->arena, s ? s : "");
}

static int rectify_row(void *ctx, int ncols, const char *const *c)
{
    struct feedback_load *f = ctx;
    if (ncols < 10)
        return 0;
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->items = kh_xrealloc(f->items, (size_t)f->cap * sizeof *f->items);
    }
    f->items[f->n++] = (struct kh_feedback_item){arena_cell(f->b, c[1]), arena_cell(f->b, c[0]),
                                                 arena_cell(f->b, c[2]), arena_cell(f->b, c[3]),
                                                 arena_cell(f->b, c[4]), arena_cell(f->b, c[9])};
    return 0;
}

/* Fill prev[] from a results_units.csv text (header row first). */
static void read_prev_units(struct kh_bundle *b, const struct kh_buf *csv,
                            struct kh_feedback_prev_unit *prev)
{
    struct kh_csv_reader rd;
    struct kh_error e;
    kh_csv_reader_init(&rd, csv->data, csv->len);
    bool header = true;
    while (kh_csv_next(&rd, &e) == 1) {
        if (header || rd.nfields < 9) {
            header = false;
            continue;
        }
        int32_t u = kh_strmap_get(&b->unit_ix, rd.fields[0]);
        if (u < 0)
            continue;
        prev[u].present = true;
        prev[u].composite = strtod(rd.fields[5], NULL);
        prev[u].rank_category = (int32_t)strtol(rd.fields[6], NULL, 10);
        prev[u].rank_overall = (int32_t)strtol(rd.fields[7], NULL, 10);
        snprintf(prev[u].grade, sizeof prev[u].grade, "%s", rd.fields[8]);
    }
    kh_csv_reader_release(&rd);
}

int kh_report_feedback_load(struct kh_store *s, const struct kh_actor *actor, const char *code,
                            struct kh_bundle *b, struct kh_feedback_extra *x, struct kh_error *err)
{
    struct kh_cycle_row row;
    struct kh_buf prev = KH_BUF_INIT;
    struct feedback_load f = {b, NULL, 0, 0};
    x->stored = true;
    int rc = kh_store_cycle_get(s, actor, code, &row, err);
    if (rc != 0)
        goto out;
    if (row.previous[0]) {
        struct kh_feedback_prev_unit *pu = kh_xcalloc((size_t)b->nunits + 1, sizeof *pu);
        x->prev_cycle = arena_cell(b, row.previous);
        x->prev = pu;
        /* a previous cycle without results shows as "no result for this unit" */
        if (kh_store_results_csv(s, actor, row.previous, "results_units.csv", NULL, &prev, err) == 0)
            read_prev_units(b, &prev, pu);
        kh_error_clear(err);
    }
    rc = kh_store_rectify_list(s, actor, code, NULL, rectify_row, &f, err);
    x->items = f.items;
    x->nitems = f.n;
out:
    kh_buf_release(&prev);
    return rc;
}

void kh_report_feedback_release(struct kh_feedback_extra *x)
{
    free((void *)x->prev);
    free((void *)x->items);
}

