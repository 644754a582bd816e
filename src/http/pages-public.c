/*
 * pages-public.c — 公示: the published results, for anyone (/public/CYCLE).
 *
 * Once a cycle is in publicity or final, the public reads what the office
 * publishes (kh_store_public_results): the ranking per township type with
 * each unit's composite and grade, its first-level dimension scores, the
 * publication period and how to appeal.  No sign-in, no script (the page
 * must open on any phone and print as it is); before publication the page
 * says the results are not published yet, and nothing else.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-load.h"

void kh__h_public(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_public_results(r->store, r->cap[0], kh__rows_fn, &x, &err);
    struct kh_buf *o = &r->out;
    if (rc != 0) {
        char text[512];
        kh__page_begin(r, T(r, "考核结果公示", "Published results"), NULL, NULL, NULL);
        kh_html_put(o, "<p class=\"big\">%T</p>", kh_error_text(&err, r->lang, text, sizeof text));
        kh__page_end(r);
        kh__respond(r, rc == KH_ESTATE ? 409 : 404, "text/html; charset=utf-8");
        return;
    }
    const char *name = "", *since = "", *pub_days = "", *appeal_days = "15", *state = "";
    /* dimension columns in first-seen order */
    const char *dims[16], *dim_names[16];
    int nd = 0;
    for (long i = 0; i < x.n; i++) {
        const char **row = x.rows[i];
        if (strcmp(row[0], "info") == 0) {
            if (strcmp(row[1], "name") == 0) name = row[2];
            else if (strcmp(row[1], "state_since") == 0) since = row[2];
            else if (strcmp(row[1], "state") == 0) state = row[2];
            else if (strcmp(row[1], "publicity_days") == 0) pub_days = row[2];
            else if (strcmp(row[1], "appeal_days") == 0) appeal_days = row[2];
        } else if (strcmp(row[0], "dim") == 0) {
            int k = 0;
            while (k < nd && strcmp(dims[k], row[2]) != 0)
                k++;
            if (k == nd && nd < 16)
                dims[nd] = row[2], dim_names[nd++] = row[3];
        }
    }
    kh__page_begin(r, T(r, "考核结果公示", "Published results"), NULL, NULL, NULL);
    kh_html_put(o, "<p class=\"pubname\">%T</p><p>%T %T%T%T</p>", name[0] ? name : r->cap[0],
                T(r, "公示自", "Published since"), since, pub_days[0] ? T(r, "，公示期 ", ", for ") : "",
                pub_days[0] ? kh_arena_printf(&r->arena, "%s %s", pub_days, T(r, "天", "days")) : "");
    if (strcmp(state, "publicity") == 0)
        kh_html_put(o, "<p class=\"howto\">%T</p>",
                kh_arena_printf(&r->arena, T(r, "对结果有异议的乡镇，可在公示开始后 %s 天内登录本系统，在“申诉”页就具体指标提出申诉，考核办将受理并答复。",
                                             "A township that disputes its result may appeal on a specific indicator within %s days of publication: sign in and use the Appeals page; the office answers every appeal."),
                                appeal_days));
    const char *cur = NULL;
    for (long i = 0; i < x.n; i++) {
        const char **u = x.rows[i];
        if (strcmp(u[0], "unit") != 0)
            continue;
        if (cur == NULL || strcmp(cur, u[3]) != 0) {
            if (cur)
                kh_html_put(o, "</tbody></table>");
            cur = u[3];
            kh_html_put(o, "<h2>%T</h2><table class=\"grid\" data-category=\"%A\"><thead><tr><th class=\"num\">%T</th><th>%T</th>"
                           "<th class=\"num\">%T</th><th>%T</th>",
                        u[4], u[3], T(r, "排名", "Rank"), T(r, "单位", "Unit"), T(r, "综合得分", "Composite"), T(r, "等次", "Grade"));
            for (int k = 0; k < nd; k++)
                kh_html_put(o, "<th class=\"num\">%T</th>", dim_names[k]);
            kh_html_put(o, "</tr></thead><tbody>");
        }
        kh_html_put(o, "<tr><td class=\"num\">%T</td><td>%T</td><td class=\"num\">%T</td><td>%T</td>", u[6], u[2][0] ? u[2] : u[1],
                    kh__fmt(r, u[5], 2), u[7]);
        for (int k = 0; k < nd; k++) {
            const char *score = "";
            for (long j = 0; j < x.n; j++)
                if (strcmp(x.rows[j][0], "dim") == 0 && strcmp(x.rows[j][1], u[1]) == 0 && strcmp(x.rows[j][2], dims[k]) == 0)
                    score = x.rows[j][4];
            kh_html_put(o, "<td class=\"num\">%T</td>", kh__fmt(r, score, 2));
        }
        kh_html_put(o, "</tr>");
    }
    if (cur)
        kh_html_put(o, "</tbody></table>");
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}
