/*
 * store-compute.c — run the engine on a stored cycle and store its result
 * files (results_*.csv, warnings.csv) in the result tables, replacing the
 * previous ones in one transaction; one audit record per result file.
 * Apart from store-load.c because it needs the result renderer.
 */
#include <stdio.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/summary.h"
#include "store/store-int.h"

#define NFILES 8

struct files {
    const char *name[NFILES];
    struct kh_buf data[NFILES];
    size_t n;
};

struct results_ctx {
    const struct kh_actor *actor;
    const char *code;
    struct files *f;
};

static int results_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct results_ctx *x = ctx;
    struct kh_cycle_row c;
    /* Checked again inside the writing transaction: the state may have
     * moved (to final, say) while the engine ran outside it. */
    int rc = kh__store_cycle_get(s, x->code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, x->actor, KH_ACT_CYCLE_COMPUTE, &c, NULL, err);
    if (rc == 0)
        rc = kh__store_files_delete(s, c.id, true, err);
    for (size_t i = 0; rc == 0 && i < x->f->n; i++) {
        char key[300];
        snprintf(key, sizeof key, "%s/%s", x->code, x->f->name[i]);
        rc = kh__store_file_put(s, x->actor, c.id, x->f->name[i], x->f->data[i].data, x->f->data[i].len, key,
                               err);
    }
    char now[32];
    kh__store_now(now);
    const char *p[] = {now, c.id};
    if (rc == 0)
        rc = kh_store_exec(s, "UPDATE cycles SET computed_at = $1 WHERE id = $2", p, 2, NULL, err);
    return rc;
}

int kh__store_compute(struct kh_store *s, const struct kh_actor *a, const char *code,
                      struct kh_buf *summary, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_bundle b = {0};
    struct kh_results r;
    struct files f = {0};
    memset(&b, 0, sizeof b);   /* the reader initialises it; zeroed is the empty state */
    memset(&r, 0, sizeof r);
    int rc = kh__store_load(s, code, &b, diags, err);
    if (rc == 0)
        rc = kh_engine_run(&b, NULL, &r, err);
    for (int i = 0; rc == 0 && i < KH_RESULT_NFILES; i++) {
        if (i == KH_RESULT_WARNINGS && r.nwarnings == 0)
            continue;
        kh_buf_init(&f.data[f.n], 0);
        f.name[f.n] = kh_result_file_names[i];
        rc = kh_results_render(&b, &r, (enum kh_result_file)i, &f.data[f.n]);
        f.n++;
    }
    if (rc == 0) {
        struct results_ctx x = {a, code, &f};
        rc = kh_store_tx(s, results_tx, &x, err);
    }
    if (rc == 0 && summary != NULL)
        rc = kh_summary_render(&b, &r, summary);
    for (size_t i = 0; i < f.n; i++)
        kh_buf_release(&f.data[i]);
    kh_results_release(&r);
    kh_bundle_release(&b);
    return rc;
}

int kh_store_compute(struct kh_store *s, const struct kh_actor *a, const char *code,
                     struct kh_buf *summary, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_CYCLE_COMPUTE, &c, NULL, err);
    return rc ? rc : kh__store_compute(s, a, code, summary, diags, err);
}
