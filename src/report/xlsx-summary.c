/*
 * xlsx-summary.c — the summary sheet of the results workbook, 汇总
 * (xlsx-int.h: kh__xlsx_summary).
 *
 * What a reader sees first, top to bottom:
 *   1. the cycle (code, name) and its computation time;
 *   2. 等次分布: a table of grade counts, one row per team grade (best
 *      first, cycle.team_grades order), one column per township type in
 *      categories.csv order and a total, with a clustered column chart of it;
 *   3. per township type, the ranking: rank in the type, unit code and name,
 *      composite ("0.00" display, full value), grade — ordered by
 *      rank_category, ties in results_units.csv order — with a bar chart of
 *      the composites beside it, rank 1 at the top.
 * The charts are native Excel charts whose series point at these cells, so
 * they are as exact as the table and follow any edit of it.
 *
 * Everything comes from results_units.csv (the text the results sheet
 * shows) plus names from the bundle: the summary can never disagree with
 * the result sheets.  A chart is sized to its rows (about 22 px a bar) so a
 * type with a hundred townships stays legible; blocks are spaced so that no
 * chart overlaps the next table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/numfmt.h"
#include "kaohe/strmap.h"
#include "kaohe/xalloc.h"
#include "report/xlsx-int.h"

#define ROW_PX 20.0           /* libxlsxwriter's default row height in pixels */
#define CHART_W_PX 480.0
#define CHART_H_PX 288.0

struct unit_row {
    char *code, *grade, *composite;
    int32_t category, unit, grade_ix;   /* -1 when unknown */
    long rank;
};

struct summary {
    struct unit_row *rows;
    size_t n, cap;
};

static void summary_release(struct summary *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->rows[i].code);
        free(s->rows[i].grade);
        free(s->rows[i].composite);
    }
    free(s->rows);
}

static int32_t find_category(const struct kh_bundle *b, const char *code)
{
    for (int32_t c = 0; c < b->ncategories; c++)
        if (strcmp(b->categories[c].code, code) == 0)
            return c;
    return -1;
}

static int32_t find_grade(const struct kh_grades *g, const char *name)
{
    for (int32_t i = 0; i < g->n; i++)
        if (strcmp(g->names[i], name) == 0)
            return i;
    return -1;
}

/* Read results_units.csv into s: the columns the summary needs, by name. */
static int read_units(const struct kh__xlsx *x, const char *data, size_t len, struct summary *s,
                      struct kh_error *err)
{
    enum { UNIT, CATEGORY, COMPOSITE, RANK, GRADE, NEED };
    static const char *const need[NEED] = {"unit", "category", "composite", "rank_category", "grade"};
    static const char file[] = "results_units.csv";
    const struct kh_bundle *b = x->b;
    size_t col[NEED];
    struct kh_csv_reader r;
    struct kh_error e;
    struct kh_strmap units;
    int rc;
    bool header = true;
    kh_error_clear(&e);
    kh_strmap_init(&units);
    for (int32_t u = 0; u < b->nunits; u++)
        kh_strmap_put(&units, b->units[u].code, u);
    kh_csv_reader_init(&r, data, len);
    while ((rc = kh_csv_next(&r, &e)) == 1) {
        if (header) {
            header = false;
            for (int k = 0; k < NEED; k++) {
                col[k] = r.nfields;
                for (size_t c = 0; c < r.nfields; c++)
                    if (strcmp(r.fields[c], need[k]) == 0)
                        col[k] = c;
                if (col[k] == r.nfields) {
                    rc = KH_ERR(err, KH_EINVAL, REPORT_XLSX_NO_COLUMN, file, "1", need[k]);
                    goto out;
                }
            }
            continue;
        }
        if (kh_csv_record_blank(&r))
            continue;
        for (int k = 0; k < NEED; k++)
            if (col[k] >= r.nfields) {
                rc = KH_ERR(err, KH_EINVAL, REPORT_XLSX_NO_COLUMN, file, KH_ARG_LONG(r.line), need[k]);
                goto out;
            }
        KH_GROW(s->rows, s->n + 1, s->cap);
        struct unit_row *u = &s->rows[s->n++];
        u->code = kh_xstrdup(r.fields[col[UNIT]]);
        u->grade = kh_xstrdup(r.fields[col[GRADE]]);
        u->composite = kh_xstrdup(r.fields[col[COMPOSITE]]);
        u->category = find_category(b, r.fields[col[CATEGORY]]);
        u->unit = kh_strmap_get(&units, u->code);
        u->grade_ix = find_grade(&b->cycle.team_grades, u->grade);
        if (!kh_parse_long(r.fields[col[RANK]], 0, 1L << 30, &u->rank))
            u->rank = 0;
    }
out:
    kh_csv_reader_release(&r);
    kh_strmap_release(&units);
    if (rc < 0 && e.code != 0)
        return kh__xlsx_bad_csv(x, err, file, &e);
    return rc < 0 ? rc : 0;
}

static const char *category_label(const struct kh_category *c, char *buf, size_t n)
{
    if (c->name && c->name[0])
        snprintf(buf, n, "%s（%s）", c->name, c->code);
    else
        snprintf(buf, n, "%s", c->code);
    return buf;
}

/* Rows the chart of height px covers, plus one of margin. */
static lxw_row_t chart_rows(double px)
{
    return (lxw_row_t)ceil(px / ROW_PX) + 1;
}

static void insert_chart(struct kh__xlsx_sheet *s, lxw_row_t row, lxw_col_t col, lxw_chart *chart,
                         double height_px)
{
    lxw_chart_options o = {.x_scale = 1.25, .y_scale = height_px / CHART_H_PX};
    worksheet_insert_chart_opt(s->ws, row, col, chart, &o);
}

/* 等次分布: the table at top, chart beside it; returns the first free row. */
static lxw_row_t grade_counts(struct kh__xlsx_sheet *s, const struct summary *sm, lxw_row_t top)
{
    struct kh__xlsx *x = s->x;
    const struct kh_bundle *b = x->b;
    const struct kh_grades *g = &b->cycle.team_grades;
    const char *sheet = KH__XLSX_TR(x, "汇总", "Summary");
    char label[400];
    long *count = kh_xcalloc((size_t)(g->n * (b->ncategories + 1)) + 1, sizeof *count);
    for (size_t i = 0; i < sm->n; i++)
        if (sm->rows[i].grade_ix >= 0 && sm->rows[i].category >= 0) {
            count[sm->rows[i].grade_ix * (b->ncategories + 1) + sm->rows[i].category]++;
            count[sm->rows[i].grade_ix * (b->ncategories + 1) + b->ncategories]++;
        }

    worksheet_write_string(s->ws, top, 0, KH__XLSX_TR(x, "等次分布", "Grade counts"), x->header);
    lxw_row_t head = top + 1;
    kh__xlsx_text(s, head, 0, KH__XLSX_TR(x, "等次", "grade"), x->header);
    for (int32_t c = 0; c < b->ncategories; c++)
        kh__xlsx_text(s, head, (lxw_col_t)(c + 1), category_label(&b->categories[c], label, sizeof label),
                      x->header);
    kh__xlsx_text(s, head, (lxw_col_t)(b->ncategories + 1), KH__XLSX_TR(x, "合计", "total"), x->header);
    for (int32_t i = 0; i < g->n; i++) {
        kh__xlsx_text(s, head + 1 + (lxw_row_t)i, 0, g->names[i], NULL);
        for (int32_t c = 0; c <= b->ncategories; c++) {
            char n[24];
            snprintf(n, sizeof n, "%ld", count[i * (b->ncategories + 1) + c]);
            kh__xlsx_cell(s, head + 1 + (lxw_row_t)i, (lxw_col_t)(c + 1), n, KH__XK_INT);
        }
    }
    free(count);
    lxw_row_t last = head + (lxw_row_t)g->n;
    kh__xlsx_grade_colours(x, s->ws, head + 1, last, 0, g);

    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
    chart_title_set_name(chart, KH__XLSX_TR(x, "各类别等次分布", "Grades per township type"));
    for (int32_t c = 0; c < b->ncategories; c++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(ser, sheet, head + 1, 0, last, 0);
        chart_series_set_values(ser, sheet, head + 1, (lxw_col_t)(c + 1), last, (lxw_col_t)(c + 1));
        chart_series_set_name_range(ser, sheet, head, (lxw_col_t)(c + 1));
    }
    chart_axis_set_name(chart->y_axis, KH__XLSX_TR(x, "单位数", "units"));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_col_t at = (lxw_col_t)(b->ncategories + 3 > 7 ? b->ncategories + 3 : 7);
    insert_chart(s, top, at, chart, CHART_H_PX);
    lxw_row_t end = last + 1;
    lxw_row_t below_chart = top + chart_rows(CHART_H_PX);
    return (end > below_chart ? end : below_chart) + 1;
}

struct ranked { long rank; size_t row; };

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked *p = a, *q = b;
    if (p->rank != q->rank)
        return p->rank < q->rank ? -1 : 1;
    return (p->row > q->row) - (p->row < q->row);
}

/* The ranking of category c from row top, chart beside it; returns the first free row. */
static lxw_row_t ranking(struct kh__xlsx_sheet *s, const struct summary *sm, int32_t c, lxw_row_t top)
{
    struct kh__xlsx *x = s->x;
    const struct kh_bundle *b = x->b;
    const char *sheet = KH__XLSX_TR(x, "汇总", "Summary");
    struct ranked *order = kh_xcalloc(sm->n + 1, sizeof *order);
    size_t n = 0;
    bool named = false;
    for (size_t i = 0; i < sm->n; i++)
        if (sm->rows[i].category == c) {
            order[n++] = (struct ranked){sm->rows[i].rank, i};
            int32_t u = sm->rows[i].unit;
            named |= u >= 0 && b->units[u].name && b->units[u].name[0];
        }
    if (n == 0) {
        free(order);
        return top;
    }
    qsort(order, n, sizeof *order, ranked_cmp);

    char label[400], heading[480];
    snprintf(heading, sizeof heading, "%s%s", category_label(&b->categories[c], label, sizeof label),
             KH__XLSX_TR(x, "：综合得分排名", ": ranking"));
    worksheet_write_string(s->ws, top, 0, heading, x->header);   /* a heading spills over: not a width */
    const char *head[] = {KH__XLSX_TR(x, "类别内排名", "rank"), KH__XLSX_TR(x, "单位编码", "unit"),
                          KH__XLSX_TR(x, "单位名称", "name"), KH__XLSX_TR(x, "综合得分", "composite"),
                          KH__XLSX_TR(x, "等次", "grade")};
    kh__xlsx_header(s, top + 1, head, 5);
    lxw_row_t first = top + 2;
    for (size_t i = 0; i < n; i++) {
        const struct unit_row *u = &sm->rows[order[i].row];
        lxw_row_t row = first + (lxw_row_t)i;
        char rank[24];
        snprintf(rank, sizeof rank, "%ld", u->rank);
        kh__xlsx_cell(s, row, 0, rank, KH__XK_INT);
        kh__xlsx_text(s, row, 1, u->code, NULL);
        kh__xlsx_text(s, row, 2, u->unit >= 0 && b->units[u->unit].name ? b->units[u->unit].name : "",
                      NULL);
        kh__xlsx_cell(s, row, 3, u->composite, KH__XK_SCORE);
        kh__xlsx_text(s, row, 4, u->grade, NULL);
    }
    lxw_row_t last = first + (lxw_row_t)n - 1;
    kh__xlsx_grade_colours(x, s->ws, first, last, 4, &b->cycle.team_grades);

    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
    chart_title_set_name(chart, heading);
    lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
    chart_series_set_categories(ser, sheet, first, named ? 2 : 1, last, named ? 2 : 1);
    chart_series_set_values(ser, sheet, first, 3, last, 3);
    chart_series_set_name_range(ser, sheet, top + 1, 3);
    chart_series_set_labels(ser);
    chart_series_set_labels_num_format(ser, "0.00");
    chart_axis_set_reverse(chart->x_axis);      /* the category axis of a bar chart: rank 1 on top */
    chart_axis_set_num_format(chart->y_axis, "0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    double px = 22.0 * (double)n + 90.0;
    px = px < CHART_H_PX ? CHART_H_PX : px;
    insert_chart(s, top, 6, chart, px);
    free(order);
    lxw_row_t end = last + 1, below_chart = top + chart_rows(px);
    return (end > below_chart ? end : below_chart) + 1;
}

int kh__xlsx_summary(struct kh__xlsx *x, lxw_worksheet *ws, const char *units, size_t len,
                     struct kh_error *err)
{
    const struct kh_bundle *b = x->b;
    struct summary sm = {0};
    struct kh__xlsx_sheet s;
    char line[640];
    int rc = units ? read_units(x, units, len, &sm, err) : 0;
    if (rc != 0) {
        summary_release(&sm);
        return rc;
    }
    kh__xlsx_sheet_init(&s, x, ws);
    const char *code = b->cycle.code && b->cycle.code[0] ? b->cycle.code : "—";
    const char *name = b->cycle.name ? b->cycle.name : "";
    snprintf(line, sizeof line, "%s · %s%s%s", KH__XLSX_TR(x, "考核结果汇总", "Results summary"), code,
             name[0] ? " " : "", name);
    worksheet_write_string(ws, 0, 0, line, x->title);   /* wide: not counted in column A's width */
    snprintf(line, sizeof line, "%s%s", KH__XLSX_TR(x, "计算时间：", "Computed: "),
             x->computed_at[0] ? x->computed_at : "—");
    worksheet_write_string(ws, 1, 0, line, NULL);
    if (units == NULL) {
        worksheet_write_string(ws, 3, 0, KH__XLSX_TR(x, "尚无计算结果", "no results yet"), NULL);
    } else {
        lxw_row_t row = grade_counts(&s, &sm, 3);
        for (int32_t c = 0; c < b->ncategories; c++)
            row = ranking(&s, &sm, c, row);
    }
    kh__xlsx_sheet_finish(&s, false, 0);
    worksheet_activate(ws);
    summary_release(&sm);
    return 0;
}
