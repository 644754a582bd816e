/*
 * warnings-table.c — tracking rows as an HTML table, for the values page
 * (pages-data.c: the open warnings of every unit) and the unit card
 * (pages-results.c: every checked period of one unit).
 *
 * Both read rows of the same shape — unit, indicator, period, expected,
 * actual, ratio, level — whether from kh_store_progress or the stored
 * warnings.csv, so one function writes them: the level as a coloured pill
 * (lv-red, lv-yellow, lv-green in app.css) with its name in the request's
 * language and the raw level in data-level for scripts and tests.
 */
#include <string.h>
#include "http/http-int.h"
#include "kaohe/html.h"

const char *kh__level_text(struct kh_req *r, const char *level)
{
    return strcmp(level, "red") == 0      ? T(r, "红", "red")
           : strcmp(level, "yellow") == 0 ? T(r, "黄", "yellow")
           : strcmp(level, "green") == 0  ? T(r, "绿", "green")
                                          : level;
}

void kh__warnings_table(struct kh_req *r, const char *id, const struct kh__rows *w, const struct kh__names *units,
                        const struct kh__names *leaves, bool with_green)
{
    struct kh_buf *o = &r->out;
    kh_html_put(o, "<table class=\"grid\" id=\"%A\"><thead><tr>", id);
    if (units)
        kh_html_put(o, "<th>%T</th>", T(r, "单位", "Unit"));
    kh_html_put(o, "<th>%T</th><th>%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th>"
                   "<th>%T</th></tr></thead><tbody>",
                T(r, "指标", "Indicator"), T(r, "期间", "Period"), T(r, "应达", "Expected"), T(r, "实际", "Actual"),
                T(r, "进度", "Ratio"), T(r, "预警", "Level"));
    for (long i = 0; i < w->n; i++) {
        const char **x = w->rows[i];
        if (!with_green && strcmp(x[6], "green") == 0)
            continue;
        kh_html_put(o, "<tr>");
        if (units)
            kh_html_put(o, "<td>%T</td>", kh__name_of(units, x[0]));
        kh_html_put(o, "<td>%T</td><td>%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td>"
                       "<td class=\"num\">%T</td><td><span class=\"lv lv-%A\" data-level=\"%A\">%T</span></td></tr>",
                    kh__name_of(leaves, x[1]), x[2], kh__fmt(r, x[3], -1), kh__fmt(r, x[4], -1), kh__fmt(r, x[5], 3),
                    x[6], x[6], kh__level_text(r, x[6]));
    }
    kh_html_put(o, "</tbody></table>");
}
