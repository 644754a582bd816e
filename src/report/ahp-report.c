/*
 * ahp-report.c — `kaohe ahp`'s JSON and terminal table (ahp-report.h).
 *
 * Weights are printed as the analysis computed them: JSON with 17
 * significant digits (json-dump.h), the table with 6 decimals, RI with 2
 * (Saaty's table has two).  "forced" in the JSON is true only when an
 * inconsistent matrix was written anyway, which is what --force changed.
 */
#include "kaohe/ahp-report.h"
#include "kaohe/msg.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

json_t *kh_ahp_json(const struct kh_ahp_report *rep)
{
    const struct kh_ahp_result *r = rep->r;
    int n = r->n;
    json_t *o = json_object(), *files = json_array(), *crit = json_array(), *mat = json_array();
    for (int f = 0; f < rep->nfiles; f++)
        json_array_append_new(files, json_string(rep->files[f]));
    for (int i = 0; i < n; i++) {
        json_t *row = json_array();
        for (int j = 0; j < n; j++)
            json_array_append_new(row, json_real(rep->pooled[i * n + j]));
        json_array_append_new(mat, row);
        json_t *cr = json_object();
        json_object_set_new(cr, "code", rep->have_codes ? json_string(rep->codes[i]) : json_null());
        json_object_set_new(cr, "weight", json_real(r->weights[i]));
        json_array_append_new(crit, cr);
    }
    json_object_set_new(o, "files", files);
    json_object_set_new(o, "experts", json_integer(rep->nfiles));
    json_object_set_new(o, "n", json_integer(n));
    json_object_set_new(o, "criteria", crit);
    json_object_set_new(o, "matrix", mat);
    json_object_set_new(o, "lambda_max", json_real(r->lambda_max));
    json_object_set_new(o, "ci", json_real(r->ci));
    json_object_set_new(o, "ri", json_real(r->ri));
    json_object_set_new(o, "cr", json_real(r->cr));
    json_object_set_new(o, "consistent", json_boolean(r->consistent));
    json_object_set_new(o, "iterations", json_integer(r->iterations));
    if (rep->bundle) {
        json_t *ap = json_object();
        json_object_set_new(ap, "bundle", json_string(rep->bundle));
        json_object_set_new(ap, "node", json_string(rep->node));
        json_object_set_new(ap, "category", json_string(rep->category));
        json_object_set_new(ap, "forced", json_boolean(rep->applied && !r->consistent));
        json_object_set_new(o, "applied", ap);
    } else {
        json_object_set_new(o, "applied", json_null());
    }
    return o;
}

void kh_ahp_render_text(const struct kh_ahp_report *rep, enum kh_lang lang, struct kh_buf *out)
{
    const struct kh_ahp_result *r = rep->r;
    kh_buf_printf(out, TR("判断矩阵 %d 阶，专家 %d 人%s\n", "matrix of order %d, %d expert(s)%s\n"),
                  r->n, rep->nfiles,
                  rep->nfiles > 1 ? TR("（几何平均合成）", " (pooled by geometric mean)") : "");
    kh_buf_printf(out, "%-16s %s\n", TR("指标", "criterion"), TR("权重", "weight"));
    for (int i = 0; i < r->n; i++)
        kh_buf_printf(out, "%-16s %.6f\n", rep->codes[i], r->weights[i]);
    kh_buf_printf(out, "λmax = %.6f  CI = %.6f  RI = %.2f  CR = %.6f  %s\n", r->lambda_max, r->ci,
                  r->ri, r->cr,
                  r->consistent ? TR("一致性可以接受", "consistency acceptable")
                                : TR("一致性不可接受（CR ≥ 0.1）", "inconsistent (CR ≥ 0.1)"));
    if (rep->applied)
        kh_buf_printf(out, TR("已写入 %s/indicators.csv：%s 的下级指标，weight.%s%s\n",
                              "written to %s/indicators.csv: children of %s, weight.%s%s\n"),
                      rep->bundle, rep->node, rep->category,
                      r->consistent ? "" : TR("（--force）", " (--force)"));
}
