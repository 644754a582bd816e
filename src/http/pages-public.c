/*
 * pages-public.c — 公示: the published results, for anyone (/public/CYCLE).
 *
 * Once a cycle is in publicity or final, the public reads what the office
 * publishes (kh_store_public_results): the ranking per township type with
 * each unit's composite and grade, its first-level dimension scores, the
 * publication period and how to appeal.  Which of these parts appear is the
 * office's choice (store-publicity.h): the store leaves a part turned off
 * out of its rows, and this page leaves out its columns — absent from the
 * HTML, not hidden by CSS.  No sign-in, no script (the page
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
    const char *name = "", *since = "", *appeal_days = "15", *state = "";
    const char *start = "", *end = "", *contact = "", *howto = "", *deadline = "";
    bool ranking = true, composite = true;
    /* dimension columns in first-seen order */
    const char *dims[16], *dim_names[16];
    int nd = 0;
    for (long i = 0; i < x.n; i++) {
        const char **row = x.rows[i];
        if (strcmp(row[0], "info") == 0) {
            const char *k = row[1], *v = row[2];
            if (strcmp(k, "name") == 0) name = v;
            else if (strcmp(k, "state_since") == 0) since = v;
            else if (strcmp(k, "state") == 0) state = v;
            else if (strcmp(k, "appeal_days") == 0) appeal_days = v;
            else if (strcmp(k, "start") == 0) start = v;
            else if (strcmp(k, "end") == 0) end = v;
            else if (strcmp(k, "contact") == 0) contact = v;
            else if (strcmp(k, "howto") == 0) howto = v;
            else if (strcmp(k, "appeal_deadline") == 0) deadline = v;
            else if (strcmp(k, "show_ranking") == 0) ranking = strcmp(v, "1") == 0;
            else if (strcmp(k, "show_composite") == 0) composite = strcmp(v, "1") == 0;
        } else if (strcmp(row[0], "dim") == 0) {
            int k = 0;
            while (k < nd && strcmp(dims[k], row[2]) != 0)
                k++;
            if (k == nd && nd < 16)
                dims[nd] = row[2], dim_names[nd++] = row[3];
        }
    }
    kh__page_begin(r, T(r, "考核结果公示", "Published results"), NULL, NULL, NULL);
    kh_html_put(o, "<p class=\"pubname\">%T</p>", name[0] ? name : r->cap[0]);
    if (start[0])
        kh_html_put(o, "<p class=\"period\">%T %T %T %T</p>", T(r, "公示期", "Published from"), start,
                    T(r, "至", "to"), end);
    else
        kh_html_put(o, "<p class=\"period\">%T %T</p>", T(r, "公示自", "Published since"), since);
    if (strcmp(state, "publicity") == 0) {
        const char *text = howto[0] ? howto
            : kh_arena_printf(&r->arena, T(r, "对结果有异议的乡镇，可在公示开始后 %s 天内登录本系统，在“申诉”页就具体指标提出申诉，考核办将受理并答复。",
                                           "A township that disputes its result may appeal on a specific indicator within %s days of publication: sign in and use the Appeals page; the office answers every appeal."),
                              appeal_days);
        kh_html_put(o, "<section class=\"howto\"><p>%T</p>", text);
        if (deadline[0])
            kh_html_put(o, "<p>%T %T</p>", T(r, "申诉截止：", "Appeals close:"), deadline);
        if (contact[0])
            kh_html_put(o, "<p>%T %T</p>", T(r, "联系方式：", "Contact:"), contact);
        kh_html_put(o, "</section>");
    }
    const char *cur = NULL;
    for (long i = 0; i < x.n; i++) {
        const char **u = x.rows[i];
        if (strcmp(u[0], "unit") != 0)
            continue;
        if (cur == NULL || strcmp(cur, u[3]) != 0) {
            if (cur)
                kh_html_put(o, "</tbody></table>");
            cur = u[3];
            kh_html_put(o, "<h2>%T</h2><table class=\"grid\" data-category=\"%A\"><thead><tr>", u[4], u[3]);
            if (ranking)
                kh_html_put(o, "<th class=\"num\">%T</th>", T(r, "排名", "Rank"));
            kh_html_put(o, "<th>%T</th>", T(r, "单位", "Unit"));
            if (composite)
                kh_html_put(o, "<th class=\"num\">%T</th>", T(r, "综合得分", "Composite"));
            if (ranking)
                kh_html_put(o, "<th>%T</th>", T(r, "等次", "Grade"));
            for (int k = 0; k < nd; k++)
                kh_html_put(o, "<th class=\"num\">%T</th>", dim_names[k]);
            kh_html_put(o, "</tr></thead><tbody>");
        }
        kh_html_put(o, "<tr>");
        if (ranking)
            kh_html_put(o, "<td class=\"num\">%T</td>", u[6]);
        kh_html_put(o, "<td>%T</td>", u[2][0] ? u[2] : u[1]);
        if (composite)
            kh_html_put(o, "<td class=\"num\">%T</td>", kh__fmt(r, u[5], 2));
        if (ranking)
            kh_html_put(o, "<td>%T</td>", u[7]);
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
