/*
 * entropy-report.c — `kaohe entropy`'s JSON and terminal table
 * (entropy-report.h).
 *
 * Criteria keep the order of the data (the file's columns, or the leaves
 * under --node in indicators.csv order); the units left out keep the order
 * in which the bundle lists them, so two runs on one bundle print the same
 * bytes.
 */
#include "kaohe/entropy-report.h"
#include "kaohe/json-dump.h"
#include "kaohe/msg.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

const char *kh_entropy_norm_name(enum kh_entropy_norm norm)
{
    return norm == KH_ENTROPY_MINMAX ? "minmax" : "none";
}

json_t *kh_entropy_json(const struct kh_entropy_report *rep)
{
    json_t *o = json_object(), *crit = json_array(), *sk = json_array();
    json_object_set_new(o, "source", json_string(rep->source));
    json_object_set_new(o, "normalise", json_string(kh_entropy_norm_name(rep->norm)));
    json_object_set_new(o, "units", json_integer((json_int_t)rep->m));
    for (size_t j = 0; j < rep->n; j++) {
        json_t *cj = json_object();
        json_object_set_new(cj, "code", json_string(rep->crit[j]));
        json_object_set_new(cj, "direction", json_string(rep->cost[j] ? "cost" : "benefit"));
        json_object_set_new(cj, "entropy", kh_json_num(rep->e[j]));
        json_object_set_new(cj, "divergence", kh_json_num(rep->d[j]));
        json_object_set_new(cj, "weight", kh_json_num(rep->w[j]));
        json_array_append_new(crit, cj);
    }
    json_object_set_new(o, "criteria", crit);
    for (size_t k = 0; k < rep->nskipped; k++)
        json_array_append_new(sk, json_string(rep->skipped[k]));
    json_object_set_new(o, "units_left_out", sk);
    return o;
}

void kh_entropy_render_text(const struct kh_entropy_report *rep, enum kh_lang lang, struct kh_buf *out)
{
    kh_buf_printf(out, TR("熵权法：%zu 个单位，%zu 个指标，标准化 %s\n",
                          "entropy weights: %zu units, %zu criteria, normalisation %s\n"),
                  rep->m, rep->n, kh_entropy_norm_name(rep->norm));
    kh_buf_printf(out, "%-16s %-8s %-10s %-10s %s\n", TR("指标", "criterion"), TR("方向", "dir"),
                  TR("熵值 e", "entropy"), TR("差异 1−e", "1−e"), TR("权重", "weight"));
    for (size_t j = 0; j < rep->n; j++)
        kh_buf_printf(out, "%-16s %-8s %-10.6f %-10.6f %.6f\n", rep->crit[j],
                      rep->cost[j] ? "cost" : "benefit", rep->e[j], rep->d[j], rep->w[j]);
    if (rep->nskipped) {
        kh_buf_printf(out, TR("缺少数值而未纳入的单位（%zu）：", "units left out for missing values (%zu):"),
                      rep->nskipped);
        for (size_t k = 0; k < rep->nskipped; k++)
            kh_buf_printf(out, " %s", rep->skipped[k]);
        kh_buf_putc(out, '\n');
    }
}
