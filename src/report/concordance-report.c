/*
 * concordance-report.c — concordance.h's results as CSV and JSON
 * (concordance-report.h), and the summary `kaohe concordance` prints.
 * Rows are in the analysis's order: by group (rater_groups.csv order),
 * units before cadres, item, rater.  Numbers not computed (NaN) are empty
 * CSV cells, JSON null and "-" in the summary.
 */
#include <stdio.h>
#include "kaohe/concordance-report.h"
#include "kaohe/csv.h"
#include "kaohe/json-dump.h"
#include "kaohe/msg.h"
#include "kaohe/numfmt.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

const char *kh_concordance_status_name(enum kh_concordance_status s)
{
    switch (s) {
    case KH_CONC_OK: return "ok";
    case KH_CONC_FEW_RATERS: return "too_few_raters";
    case KH_CONC_FEW_RATEES: return "too_few_ratees";
    }
    return "";
}

const char *kh_concordance_item_code(const struct kh_bundle *b, const struct kh_concordance_item *it)
{
    return it->ratee_is_cadre ? b->dims[it->item] : b->nodes[it->item].code;
}

void kh_concordance_render_csv(const struct kh_bundle *b, const struct kh_concordance *a,
                               struct kh_buf *items, struct kh_buf *raters)
{
    static const char *const h1[] = {"group", "item", "ratee_kind", "status", "raters", "ratees",
                                     "raters_total", "ratees_total", "kendall_w", "chi2", "icc21",
                                     "mean"};
    static const char *const h2[] = {"group", "item", "rater", "ratees", "mean", "leniency",
                                     "spearman", "flag"};
    kh_csv_put_row(items, h1, 12);
    kh_csv_put_row(raters, h2, 8);
    for (size_t i = 0; i < a->nitems; i++) {
        const struct kh_concordance_item *it = &a->items[i];
        char n1[16], n2[16], n3[16], n4[16], w[32], chi[32], icc[32], mean[32];
        snprintf(n1, sizeof n1, "%d", it->nraters);
        snprintf(n2, sizeof n2, "%d", it->nratees);
        snprintf(n3, sizeof n3, "%d", it->raters_total);
        snprintf(n4, sizeof n4, "%d", it->ratees_total);
        const char *cells[12] = {b->groups[it->group].code, kh_concordance_item_code(b, it),
                                 it->ratee_is_cadre ? "cadre" : "unit", kh_concordance_status_name(it->status),
                                 n1, n2, n3, n4, kh_fmt_double(it->w, w),
                                 kh_fmt_double(it->chi2, chi), kh_fmt_double(it->icc, icc),
                                 kh_fmt_double(it->mean, mean)};
        kh_csv_put_row(items, cells, 12);
    }
    for (size_t k = 0; k < a->nraters; k++) {
        const struct kh_concordance_rater *r = &a->raters[k];
        const struct kh_concordance_item *it = &a->items[r->item_row];
        char n[16], mean[32], len[32], rho[32];
        snprintf(n, sizeof n, "%d", r->n);
        const char *cells[8] = {b->groups[it->group].code, kh_concordance_item_code(b, it),
                                b->raters[r->rater].code, n, kh_fmt_double(r->mean, mean),
                                kh_fmt_double(r->leniency, len), kh_fmt_double(r->spearman, rho),
                                r->flagged ? "negative_correlation" : ""};
        kh_csv_put_row(raters, cells, 8);
    }
}

json_t *kh_concordance_json(const struct kh_bundle *b, const struct kh_concordance *a,
                            const char *bundle_dir)
{
    json_t *o = json_object(), *items = json_array(), *raters = json_array(),
           *flagged = json_array();
    json_object_set_new(o, "bundle", json_string(bundle_dir));
    for (size_t i = 0; i < a->nitems; i++) {
        const struct kh_concordance_item *it = &a->items[i];
        json_t *e = json_object();
        json_object_set_new(e, "group", json_string(b->groups[it->group].code));
        json_object_set_new(e, "item", json_string(kh_concordance_item_code(b, it)));
        json_object_set_new(e, "ratee_kind", json_string(it->ratee_is_cadre ? "cadre" : "unit"));
        json_object_set_new(e, "status", json_string(kh_concordance_status_name(it->status)));
        json_object_set_new(e, "raters", json_integer(it->nraters));
        json_object_set_new(e, "ratees", json_integer(it->nratees));
        json_object_set_new(e, "raters_total", json_integer(it->raters_total));
        json_object_set_new(e, "ratees_total", json_integer(it->ratees_total));
        json_object_set_new(e, "kendall_w", kh_json_num(it->w));
        json_object_set_new(e, "chi2", kh_json_num(it->chi2));
        json_object_set_new(e, "icc21", kh_json_num(it->icc));
        json_object_set_new(e, "mean", kh_json_num(it->mean));
        json_array_append_new(items, e);
    }
    for (size_t k = 0; k < a->nraters; k++) {
        const struct kh_concordance_rater *r = &a->raters[k];
        const struct kh_concordance_item *it = &a->items[r->item_row];
        json_t *e = json_object();
        json_object_set_new(e, "group", json_string(b->groups[it->group].code));
        json_object_set_new(e, "item", json_string(kh_concordance_item_code(b, it)));
        json_object_set_new(e, "rater", json_string(b->raters[r->rater].code));
        json_object_set_new(e, "ratees", json_integer(r->n));
        json_object_set_new(e, "mean", kh_json_num(r->mean));
        json_object_set_new(e, "leniency", kh_json_num(r->leniency));
        json_object_set_new(e, "spearman", kh_json_num(r->spearman));
        json_object_set_new(e, "flagged", json_boolean(r->flagged));
        json_array_append_new(raters, e);
        if (r->flagged) {
            json_t *f = json_object();
            json_object_set_new(f, "rater", json_string(b->raters[r->rater].code));
            json_object_set_new(f, "group", json_string(b->groups[it->group].code));
            json_object_set_new(f, "item", json_string(kh_concordance_item_code(b, it)));
            json_object_set_new(f, "reason", json_string("negative_correlation"));
            json_object_set_new(f, "spearman", kh_json_num(r->spearman));
            json_array_append_new(flagged, f);
        }
    }
    json_object_set_new(o, "items", items);
    json_object_set_new(o, "raters", raters);
    json_object_set_new(o, "flagged", flagged);
    return o;
}

void kh_concordance_render_text(const struct kh_bundle *b, const struct kh_concordance *a,
                                const char *items_path, const char *raters_path, enum kh_lang lang,
                                struct kh_buf *out)
{
    kh_buf_printf(out, TR("评价一致性：%zu 个（评价组，评价项）\n", "rater agreement: %zu (group, item) blocks\n"),
           a->nitems);
    kh_buf_printf(out, "  %-10s %-12s %6s %6s %9s %9s\n", TR("评价组", "group"), TR("评价项", "item"),
           TR("评价人", "raters"), TR("对象", "ratees"), "W", "ICC(2,1)");
    for (size_t i = 0; i < a->nitems; i++) {
        const struct kh_concordance_item *it = &a->items[i];
        if (it->status != KH_CONC_OK) {
            kh_buf_printf(out, "  %-10s %-12s %6d %6d  %s\n", b->groups[it->group].code, kh_concordance_item_code(b, it),
                   it->raters_total, it->ratees_total,
                   it->status == KH_CONC_FEW_RATERS
                       ? TR("未计算：评价人少于 2", "not computed: fewer than 2 raters")
                       : TR("未计算：被所有评价人评过的对象少于 2",
                            "not computed: fewer than 2 ratees scored by every rater"));
            continue;
        }
        char w[32], icc[32];
        snprintf(w, sizeof w, it->w == it->w ? "%.4f" : "-", it->w);
        snprintf(icc, sizeof icc, it->icc == it->icc ? "%.4f" : "-", it->icc);
        kh_buf_printf(out, "  %-10s %-12s %6d %6d %9s %9s\n", b->groups[it->group].code, kh_concordance_item_code(b, it),
               it->nraters, it->nratees, w, icc);
    }
    size_t nflag = 0;
    for (size_t k = 0; k < a->nraters; k++)
        nflag += a->raters[k].flagged;
    if (nflag == 0)
        kh_buf_puts(out, TR("没有与其他评价人呈负相关的评价人。\n",
                           "no rater correlates negatively with the others.\n"));
    else {
        kh_buf_printf(out, TR("需要关注的评价人（%zu，仅提示，未剔除）：\n",
                     "raters to look at (%zu; listed, not removed):\n"), nflag);
        for (size_t k = 0; k < a->nraters; k++) {
            const struct kh_concordance_rater *r = &a->raters[k];
            if (!r->flagged)
                continue;
            const struct kh_concordance_item *it = &a->items[r->item_row];
            kh_buf_printf(out, TR("  %s（%s，%s）：与其他评价人均值的 Spearman 相关 %.3f < 0，宽严度 %+.2f 分\n",
                         "  %s (%s, %s): Spearman correlation %.3f < 0 with the other raters' mean, "
                         "leniency %+.2f points\n"),
                   b->raters[r->rater].code, b->groups[it->group].code, kh_concordance_item_code(b, it),
                   r->spearman, r->leniency);
        }
    }
    kh_buf_printf(out, TR("明细：%s、%s\n", "details: %s, %s\n"), items_path, raters_path);
}
