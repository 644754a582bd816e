/*
 * store-compute.c — run the engine on a stored cycle and store its result
 * files (results_*.csv, warnings.csv) in the result tables, replacing the
 * previous ones in one transaction; one audit record per result file.
 * Apart from store-load.c because it needs the result renderer.
 */
#include <stdio.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/engine.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/numfmt.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/summary.h"
#include "kaohe/store-publicity.h"
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
                      struct kh_buf *summary, enum kh_lang lang, struct kh_diags *diags,
                      struct kh_error *err)
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
        rc = kh_summary_render(&b, &r, lang, summary);
    for (size_t i = 0; i < f.n; i++)
        kh_buf_release(&f.data[i]);
    kh_results_release(&r);
    kh_bundle_release(&b);
    return rc;
}

int kh_store_compute(struct kh_store *s, const struct kh_actor *a, const char *code,
                     struct kh_buf *summary, enum kh_lang lang, struct kh_diags *diags,
                     struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_CYCLE_COMPUTE, &c, NULL, err);
    return rc ? rc : kh__store_compute(s, a, code, summary, lang, diags, err);
}

struct csv_rows {
    struct kh_buf *out;
    int ncols;
};

static int csv_row(void *ctx, int ncols, const char *const *cells)
{
    struct csv_rows *x = ctx;
    const char *row[32];
    for (int i = 0; i < ncols && i < 32; i++)
        row[i] = cells[i] ? cells[i] : "";
    return kh_csv_put_row(x->out, row, (size_t)(ncols < 32 ? ncols : 32));
}

int kh_store_results_csv(struct kh_store *s, const struct kh_actor *a, const char *code,
                         const char *file, const char *unit, struct kh_buf *out,
                         struct kh_error *err)
{
    const struct kh_store_table *t = kh_store_table_by_file(file);
    if (t == NULL || !t->result)
        return KH_ERR_AT(err, KH_EINVAL, file, 0, NULL, RESULT_NOT_FILE);
    bool own = a != NULL && a->role == KH_ROLE_UNIT;
    if (own && (unit == NULL || unit[0] == '\0'))
        unit = a->unit;
    struct kh_cycle_row c;
    struct kh_authz_target at = {.unit = unit};
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, own ? KH_ACT_RESULTS_OWN : KH_ACT_RESULTS_READ, &c, &at, err);
    if (rc != 0)
        return rc;
    char n[24];
    const char *fp[] = {c.id, file};
    rc = kh_store_query_text(s, "SELECT nrows FROM cycle_files WHERE cycle_id = $1 AND file = $2", fp,
                             2, n, sizeof n, NULL, err);
    if (rc == KH_ENOTFOUND)
        return KH_ERR_AT(err, KH_ENOTFOUND, file, 0, NULL, RESULT_NOT_COMPUTED, c.code, file);
    if (rc != 0)
        return rc;
    struct kh_buf sql = KH_BUF_INIT;
    int ncols = 0;
    kh_buf_puts(&sql, "SELECT ");
    for (const char *const *col = t->columns; *col; col++, ncols++)
        kh_buf_printf(&sql, "%s\"%s\"", ncols ? ", " : "", *col);
    kh_buf_printf(&sql, " FROM %s WHERE cycle_id = $1 AND ($2 = '' OR \"unit\" = $2) ORDER BY ord",
                  t->table);
    rc = kh_csv_put_row(out, (const char *const *)t->columns, (size_t)ncols);
    struct csv_rows x = {out, ncols};
    const char *p[] = {c.id, unit ? unit : ""};
    if (rc == 0)
        rc = kh_store_query(s, kh_buf_cstr(&sql), p, 2, csv_row, &x, err);
    kh_buf_release(&sql);
    return rc;
}

int kh_store_progress(struct kh_store *s, const struct kh_actor *a, const char *code,
                      const char *unit, kh_store_row_fn fn, void *ctx, struct kh_diags *diags,
                      struct kh_error *err)
{
    if ((unit == NULL || unit[0] == '\0') && a != NULL && a->role == KH_ROLE_UNIT)
        unit = a->unit;   /* a unit sees its own warnings (progress.read scope) */
    if (unit != NULL && unit[0] == '\0')
        unit = NULL;
    struct kh_authz_target t = {.unit = unit};
    struct kh_bundle b;
    struct kh_results r;
    memset(&r, 0, sizeof r);
    memset(&b, 0, sizeof b);
    struct kh_diags own;
    kh_diags_init(&own, 10);
    int rc = kh_store_load(s, a, KH_ACT_PROGRESS_READ, &t, code, &b, diags ? diags : &own, err);
    kh_diags_release(&own);
    if (rc == 0)
        rc = kh_engine_run(&b, NULL, &r, err);
    static const char *const levels[] = {"green", "yellow", "red"};
    for (int32_t i = 0; rc == 0 && i < r.nwarnings; i++) {
        const struct kh_warning *w = &r.warnings[i];
        if (unit != NULL && strcmp(b.units[w->unit].code, unit) != 0)
            continue;
        char e[32], ac[32], ra[32];
        const char *row[] = {b.units[w->unit].code, b.nodes[w->node].code, kh_period_name(w->period),
                             kh_fmt_double_short(w->expected, e), kh_fmt_double_short(w->actual, ac),
                             kh_fmt_double_short(w->ratio, ra), levels[w->level]};
        rc = fn(ctx, 7, row);
    }
    kh_results_release(&r);
    kh_bundle_release(&b);
    return rc;
}

struct pub_ctx {
    kh_store_row_fn fn;
    void *ctx;
    const char *kind;
};

static int pub_row(void *ctx, int ncols, const char *const *c)
{
    struct pub_ctx *x = ctx;
    const char *row[8] = {x->kind};
    int n = ncols < 7 ? ncols : 7;
    for (int i = 0; i < n; i++)
        row[i + 1] = c[i] ? c[i] : "";
    return x->fn(x->ctx, n + 1, row);
}

int kh_store_public_results(struct kh_store *s, const char *code, kh_store_row_fn fn, void *ctx,
                            struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc != 0)
        return rc;
    if (!kh_authz_state_allows(KH_ACT_RESULTS_PUBLIC, c.state))
        return KH_ERR(err, KH_ESTATE, STORE_NOT_PUBLISHED, c.code);
    if (c.computed_at[0] == '\0')
        return KH_ERR(err, KH_ENOTFOUND, STORE_NOT_PUBLISHED, c.code);
    const char *p[] = {c.id};
    struct pub_ctx x = {fn, ctx, "info"};
    const char *name[] = {"name", c.name};
    const char *since[] = {"state_since", c.state_since};
    rc = fn(ctx, 3, (const char *const[]){"info", name[0], name[1]});
    if (rc == 0)
        rc = fn(ctx, 3, (const char *const[]){"info", since[0], since[1]});
    if (rc == 0)
        rc = fn(ctx, 3, (const char *const[]){"info", "state", kh_cycle_state_name(c.state)});
    if (rc == 0)
        rc = kh_store_query(s, "SELECT \"key\", value FROM cycle_settings WHERE cycle_id = $1 AND "
                               "\"key\" IN ('publicity_days', 'appeal_days') ORDER BY \"key\"",
                            p, 1, pub_row, &x, err);
    /* what the office chose to publish (store-publicity.c): a part turned
     * off is not in the rows at all */
    struct kh_publicity pub;
    memset(&pub, 0, sizeof pub);
    if (rc == 0)
        rc = kh_store_publicity_get(s, NULL, c.code, &pub, err);
    const char *info[][2] = {
        {"show_ranking", pub.show_ranking ? "1" : "0"},
        {"show_composite", pub.show_composite ? "1" : "0"},
        {"show_dimensions", pub.show_dimensions ? "1" : "0"},
        {"start", pub.start}, {"end", pub.end}, {"contact", pub.contact}, {"howto", pub.howto},
        {"appeal_deadline", pub.appeal_deadline},
    };
    for (size_t i = 0; rc == 0 && i < sizeof info / sizeof info[0]; i++)
        rc = fn(ctx, 3, (const char *const[]){"info", info[i][0], info[i][1]});
    const char *pp[] = {c.id, pub.show_composite ? "1" : "0", pub.show_ranking ? "1" : "0"};
    x.kind = "unit";
    /* without the ranking, units come by code: the order would tell the rank */
    if (rc == 0)
        rc = kh_store_query(s, pub.show_ranking
                                   ? "SELECT r.unit, u.name, r.category, COALESCE(g.name, r.category), "
                                     "CASE WHEN $2 = '1' THEN r.composite ELSE '' END, "
                                     "r.rank_category, r.grade FROM results_units r "
                                     "LEFT JOIN units u ON u.cycle_id = r.cycle_id AND u.code = r.unit "
                                     "LEFT JOIN categories g ON g.cycle_id = r.cycle_id AND g.code = r.category "
                                     "WHERE r.cycle_id = $1 AND $3 = '1' ORDER BY r.ord"
                                   : "SELECT r.unit, u.name, r.category, COALESCE(g.name, r.category), "
                                     "CASE WHEN $2 = '1' THEN r.composite ELSE '' END, '', '' "
                                     "FROM results_units r "
                                     "LEFT JOIN units u ON u.cycle_id = r.cycle_id AND u.code = r.unit "
                                     "LEFT JOIN categories g ON g.cycle_id = r.cycle_id AND g.code = r.category "
                                     "WHERE r.cycle_id = $1 AND $3 = '0' ORDER BY r.category, r.unit",
                            pp, 3, pub_row, &x, err);
    x.kind = "dim";
    if (rc == 0 && pub.show_dimensions)
        rc = kh_store_query(s, "SELECT n.unit, n.node, i.name, n.score FROM results_nodes n "
                               "JOIN indicators i ON i.cycle_id = n.cycle_id AND i.code = n.node "
                               "WHERE n.cycle_id = $1 AND i.parent = '' ORDER BY n.ord",
                            p, 1, pub_row, &x, err);
    return rc;
}
