/*
 * weights-report.c — `kaohe weights combine`'s JSON and terminal table
 * (weights-report.h).
 *
 * The inputs are divided by their sums here, for display only; the sums
 * are taken front to back, as kh_weights_combine takes them, so a weight
 * shown as 1/3 is the same double the combination used.
 */
#include "kaohe/msg.h"
#include "kaohe/weights-report.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

static double sum(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s;
}

json_t *kh_weights_json(const struct kh_weights_report *rep)
{
    double ss = sum(rep->subj, rep->n), so = sum(rep->obj, rep->n);
    json_t *j = json_object(), *arr = json_array();
    json_object_set_new(j, "alpha", json_real(rep->alpha));
    json_object_set_new(j, "subjective", json_string(rep->subjective));
    json_object_set_new(j, "objective", json_string(rep->objective));
    for (size_t i = 0; i < rep->n; i++) {
        json_t *e = json_object();
        json_object_set_new(e, "code", json_string(rep->codes[i]));
        json_object_set_new(e, "subjective", json_real(rep->subj[i] / ss));
        json_object_set_new(e, "objective", json_real(rep->obj[i] / so));
        json_object_set_new(e, "weight", json_real(rep->w[i]));
        json_array_append_new(arr, e);
    }
    json_object_set_new(j, "criteria", arr);
    return j;
}

void kh_weights_render_text(const struct kh_weights_report *rep, enum kh_lang lang,
                            struct kh_buf *out)
{
    double ss = sum(rep->subj, rep->n), so = sum(rep->obj, rep->n);
    kh_buf_printf(out, TR("组合权重 w = %g × 主观 + %g × 客观\n",
                          "combined w = %g × subjective + %g × objective\n"),
                  rep->alpha, 1 - rep->alpha);
    kh_buf_printf(out, "%-16s %-10s %-10s %s\n", TR("指标", "criterion"), TR("主观", "subjective"),
                  TR("客观", "objective"), TR("组合", "combined"));
    for (size_t i = 0; i < rep->n; i++)
        kh_buf_printf(out, "%-16s %-10.6f %-10.6f %.6f\n", rep->codes[i], rep->subj[i] / ss,
                      rep->obj[i] / so, rep->w[i]);
}
