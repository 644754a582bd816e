/*
 * pages-data.c — where values of quantitative leaves are entered by people
 * (reporting bureaus, townships, the office).  Ratings, the other place,
 * are the rater forms of pages-ratings.c.
 *
 * Values.  The page shows the tracking warnings of SPEC §9.3 as they are
 * now (kh_store_progress), a grid of the leaves this user reports ×
 * units for one period with the current value in each cell and the
 * missing ones highlighted, and a paste box that takes rows copied from a
 * spreadsheet (unit, leaf, period, value, tab-separated).  The grid and the
 * paste are stored all or nothing (kh_store_values_set: one transaction,
 * each entry checked as a single one would be), and an error names the
 * line or cell.  Numbers in a Chinese office's spreadsheet often carry
 * thousands separators, full-width digits or units (1,234 / １２３ /
 * 12万); those are refused with a message saying so rather than guessed.
 */
#include <stdio.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"

static const char *const periods[] = {"Y", "Q1", "Q2", "Q3", "Q4", "M01", "M02", "M03", "M04", "M05", "M06",
                                      "M07", "M08", "M09", "M10", "M11", "M12", NULL};

static bool leaf_reported_by(const struct kh_req *r, const char **leaf)
{
    if (strcmp(leaf[3], "quant") != 0)
        return false;
    return r->actor.role != KH_ROLE_REPORTER || strcmp(leaf[9], r->actor.department) == 0;
}

void kh__h_values(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_buf *o = &r->out;
    const char *period = kh__query(r, "period");
    if (period == NULL || period[0] == '\0')
        period = c.state == KH_STATE_TRACKING ? "Q1" : "Y";
    struct kh__names units, leaves;
    kh__names_load(&units, r, c.code, "units.csv");
    kh__names_load(&leaves, r, c.code, "indicators.csv");
    kh__page_begin(r, T(r, "数据填报与进度预警", "Values and tracking warnings"), &c, "values", (const char *const[]){"values.js", NULL});
    bool may_enter = kh_authz_role_may(r->actor.role, KH_ACT_VALUE_TRACK) ||
                     kh_authz_role_may(r->actor.role, KH_ACT_VALUE_YEAREND);
    /* the grid: leaves this user reports × units, for one period */
    struct kh__rows v;
    kh__rows_init(&v, r, 0);
    kh_store_values_list(r->store, &r->actor, c.code, period, kh__rows_fn, &v, NULL);
    struct kh_strmap have;
    kh_strmap_init(&have);
    for (long i = 0; i < v.n; i++)
        kh_strmap_put(&have, kh_arena_printf(&r->arena, "%s\x1f%s", v.rows[i][0], v.rows[i][1]), (int32_t)i);
    kh_html_put(o, "<h2>%T</h2><form method=\"get\" class=\"inline\"><label>%T <select name=\"period\" id=\"period\">",
                T(r, "填报表", "Reporting grid"), T(r, "期间", "Period"));
    for (int i = 0; periods[i]; i++)
        kh_html_put(o, "<option%R>%T</option>", strcmp(periods[i], period) == 0 ? " selected" : "", periods[i]);
    kh_html_put(o, "</select></label><button type=\"submit\" class=\"secondary\">%T</button></form>", T(r, "切换", "Show"));
    kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/values\" id=\"grid-form\">", c.code);
    kh__csrf_field(r);
    kh_html_put(o, "<input type=\"hidden\" name=\"period\" value=\"%A\"><div class=\"scroll\"><table class=\"grid sheet\" id=\"grid\"><thead><tr><th>%T</th>",
                period, T(r, "单位", "Unit"));
    long nleaf = 0, missing = 0;
    for (long j = 0; j < leaves.x.n; j++)
        if (leaf_reported_by(r, leaves.x.rows[j])) {
            nleaf++;
            kh_html_put(o, "<th title=\"%A\">%T<br><span class=\"code\">%T</span></th>", leaves.x.rows[j][4],
                        leaves.x.rows[j][2], leaves.x.rows[j][0]);
        }
    kh_html_put(o, "</tr></thead><tbody>");
    for (long i = 0; i < units.x.n; i++) {
        const char *u = units.x.rows[i][0];
        if (r->actor.role == KH_ROLE_UNIT && strcmp(u, r->actor.unit) != 0)
            continue;
        kh_html_put(o, "<tr><th>%T <span class=\"code\">%T</span></th>", units.x.rows[i][1], u);
        for (long j = 0; j < leaves.x.n; j++) {
            const char **l = leaves.x.rows[j];
            if (!leaf_reported_by(r, l))
                continue;
            int32_t k = kh_strmap_get(&have, kh_arena_printf(&r->arena, "%s\x1f%s", u, l[0]));
            const char *val = k >= 0 ? v.rows[k][3] : "";
            missing += k < 0;
            kh_html_put(o, "<td%R><input name=\"v:%A:%A\" value=\"%A\" inputmode=\"decimal\" aria-label=\"%A %A\"%R></td>",
                        k < 0 ? " class=\"missing\"" : "", u, l[0], val, units.x.rows[i][1], l[2],
                        may_enter ? "" : " readonly");
        }
        kh_html_put(o, "</tr>");
    }
    kh_html_put(o, "</tbody></table></div><p>%T %ld</p>", T(r, "缺报单元格：", "Missing cells:"), missing);
    if (may_enter && nleaf > 0)
        kh_html_put(o, "<button type=\"submit\" id=\"save-grid\">%T</button>", T(r, "保存填报表", "Save the grid"));
    kh_html_put(o, "</form>");
    kh_strmap_release(&have);
    if (may_enter) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><p>%T</p><form method=\"post\" action=\"/cycles/%U/values\" id=\"paste-form\">",
                    T(r, "从 Excel 粘贴", "Paste from Excel"),
                    T(r, "每行：单位编码、指标编码、期间、数值（用制表符分隔，即从表格直接复制）。全部正确才保存。",
                      "One row each: unit code, indicator code, period, value (tab-separated, as copied from a spreadsheet). Saved only if every row is valid."),
                    c.code);
        kh__csrf_field(r);
        kh_html_put(o, "<textarea name=\"paste\" rows=\"6\" id=\"paste\" placeholder=\"BJ001&#9;A1.06&#9;Y&#9;1234.5\"></textarea>"
                       "<button type=\"submit\">%T</button></form></section>",
                    T(r, "粘贴并保存", "Paste and save"));
    }
    /* warnings */
    struct kh__rows w;
    kh__rows_init(&w, r, 500);
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_store_progress(r->store, &r->actor, c.code, NULL, kh__rows_fn, &w, NULL, &err) == 0) {
        long red = 0, yellow = 0;
        for (long i = 0; i < w.n; i++)
            red += strcmp(w.rows[i][6], "red") == 0, yellow += strcmp(w.rows[i][6], "yellow") == 0;
        kh_html_put(o, "<details class=\"warnings\"%R><summary><h2>%T</h2> %T <span class=\"lv lv-red\">%ld</span> %T <span class=\"lv lv-yellow\">%ld</span></summary>",
                    r->actor.role == KH_ROLE_UNIT ? " open" : "", T(r, "进度预警", "Tracking warnings"), kh__level_text(r, "red"), red,
                    kh__level_text(r, "yellow"), yellow);
        if (red + yellow > 0)
            kh__warnings_table(r, "warnings", &w, &units, &leaves, false);
        kh_html_put(o, "</details>");
    }
    kh__names_release(&units);
    kh__names_release(&leaves);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

/* The message for a number a spreadsheet formatted the Chinese way, or NULL. */
static const char *chinese_number(struct kh_req *r, const char *v)
{
    if (strchr(v, ',') || strstr(v, "，"))
        return T(r, "含千分位逗号，请只填数字（如 1234.5）", "has a thousands separator: enter digits only (1234.5)");
    if (strstr(v, "万") || strstr(v, "亿") || strstr(v, "元") || strstr(v, "%") || strstr(v, "％"))
        return T(r, "含单位或百分号，请按指标的计量单位只填数字", "has a unit or percent sign: enter the number in the indicator's measure");
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD))
            return T(r, "含全角字符，请改为半角数字", "has full-width characters: use ASCII digits");
    return NULL;
}

void kh__h_value_set(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s/values", r->cap[0]);
    const char *paste = kh__field(r, "paste");
    size_t cap = 64, n = 0;
    struct kh_value_entry *v = kh_arena_calloc(&r->arena, cap, sizeof *v);
    long *lines = kh_arena_calloc(&r->arena, cap, sizeof *lines);
#define PUSH(U, L, P, V, LINE)                                                              \
    do {                                                                                \
        if (n == cap) {                                                                 \
            struct kh_value_entry *nv = kh_arena_calloc(&r->arena, cap * 2, sizeof *nv); \
            long *nl = kh_arena_calloc(&r->arena, cap * 2, sizeof *nl);                 \
            memcpy(nv, v, n * sizeof *v);                                               \
            memcpy(nl, lines, n * sizeof *lines);                                       \
            v = nv, lines = nl, cap *= 2;                                               \
        }                                                                               \
        v[n] = (struct kh_value_entry){(U), (L), (P), (V), NULL};                       \
        lines[n++] = (LINE);                                                            \
    } while (0)
    int rc = 0;
    if (paste != NULL) {
        long line = 0;
        char *text = kh_arena_strdup(&r->arena, paste);
        for (char *save = NULL, *ln = strtok_r(text, "\n", &save); ln && rc == 0; ln = strtok_r(NULL, "\n", &save)) {
            line++;
            size_t len = strlen(ln);
            if (len && ln[len - 1] == '\r')
                ln[--len] = '\0';
            if (len == 0)
                continue;
            char *cells[5] = {0};
            int k = 0;
            for (char *p = ln; k < 5;) {
                cells[k++] = p;
                char *tab = strchr(p, '\t');
                if (!tab)
                    break;
                *tab = '\0';
                p = tab + 1;
            }
            if (k != 4)
                rc = KH_ERR(&err, KH_EINVAL, HTTP_PASTE_COLUMNS, KH_ARG_LONG(line), "4",
                            T(r, "单位、指标、期间、数值", "unit, indicator, period, value"), KH_ARG_LONG(k));
            else if (chinese_number(r, cells[3]))
                rc = KH_ERR(&err, KH_EINVAL, HTTP_PASTE_LINE, KH_ARG_LONG(line),
                            kh_arena_printf(&r->arena, "“%s” %s", cells[3], chinese_number(r, cells[3])));
            else
                PUSH(cells[0], cells[1], cells[2], cells[3], line);
        }
        if (rc == 0 && n == 0)
            rc = KH_ERR(&err, KH_EINVAL, HTTP_PASTE_EMPTY);
    } else if (kh__field(r, "leaf") != NULL) {
        /* one value (the API's form) */
        PUSH(kh__fieldz(r, "unit"), kh__fieldz(r, "leaf"), kh__fieldz(r, "period"), kh__fieldz(r, "value"), 0);
    } else if (r->form != NULL || !r->api) {
        /* the grid: fields v:UNIT:LEAF, empty cells skipped */
        const char *period = kh__fieldz(r, "period");
        struct form_view fv;
        kh__form_fields(r, &fv);
        for (int i = 0; i < fv.n && rc == 0; i++) {
            const char *name = fv.names[i], *val = fv.values[i];
            if (strncmp(name, "v:", 2) != 0 || val[0] == '\0')
                continue;
            const char *colon = strchr(name + 2, ':');
            if (!colon)
                continue;
            const char *unit = kh_arena_strndup(&r->arena, name + 2, (size_t)(colon - name - 2));
            if (chinese_number(r, val))
                rc = KH_ERR_AT(&err, KH_EINVAL, NULL, 0, kh_arena_printf(&r->arena, "%s/%s", unit, colon + 1),
                               RAW, kh_arena_printf(&r->arena, "%s/%s “%s” %s", unit, colon + 1, val, chinese_number(r, val)));
            else
                PUSH(unit, colon + 1, period, val, 0);
        }
    }
#undef PUSH
    size_t bad = 0;
    if (rc == 0 && n > 0)
        rc = kh_store_values_set(r->store, &r->actor, r->cap[0], v, n, &bad, &err);
    if (rc != 0 && n > 0 && lines[bad] > 0 && err.code != KH_EPERM && err.code != KH_ESTATE) {
        /* name the pasted line the store refused */
        char text[1024];
        kh_error_text(&err, r->lang, text, sizeof text);
        struct kh_error e2;
        kh_error_clear(&e2);
        KH_ERR(&e2, err.code, HTTP_PASTE_LINE, KH_ARG_LONG(lines[bad]), text);
        kh_error_copy(&err, &e2);
    }
    kh__done(r, rc, &err, back, kh_arena_printf(&r->arena, "已保存 %zu 个值", n),
             kh_arena_printf(&r->arena, "%zu values saved", n), rc == 0 ? json_pack("{s:i}", "saved", (int)n) : NULL);
}
