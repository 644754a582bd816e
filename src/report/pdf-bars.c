/*
 * pdf-bars.c — horizontal bars, one per dimension, with a tick at the
 * township type's mean (pdf-draw.h).
 *
 * The scale is fixed 0–100 like the radar's, with light grid lines every 20
 * points; each bar carries its score at its end (two decimals, as every
 * score a reader sees), so the chart doubles as a table.  Labels that do not
 * fit their column are ellipsized, never wrapped into the next row.
 */
#include <stdio.h>
#include "kaohe/model.h"
#include "report/pdf-draw.h"

#define ROW 19.0

double kh__pdf_bars(struct kh__pdf *p, double x, double y, double w, int n,
                    const char *const *labels, const double *values, const double *marks,
                    const char *legend_value, const char *legend_mark)
{
    cairo_t *cr = p->cr;
    const double label_w = w * 0.34, num_w = 34;
    double bx = x + label_w + 4, bw = w - label_w - 4 - num_w;
    double top = y + 16, h = n * ROW;
    char num[32];

    /* legend */
    kh__pdf_color(p, KH__PDF_C_PRIMARY);
    cairo_rectangle(cr, bx, y + 3, 10, 6);
    cairo_fill(cr);
    kh__pdf_text(p, bx + 13, y, 70, legend_value, 7, KH__PDF_NOWRAP);
    kh__pdf_color(p, KH__PDF_C_SECOND);
    cairo_set_line_width(cr, 2);
    cairo_move_to(cr, bx + 90, y + 1);
    cairo_line_to(cr, bx + 90, y + 11);
    cairo_stroke(cr);
    kh__pdf_text(p, bx + 95, y, 90, legend_mark, 7, KH__PDF_NOWRAP);

    cairo_set_line_width(cr, 0.4);
    for (int g = 0; g <= 5; g++) {
        double gx = bx + bw * g / 5.0;
        kh__pdf_color(p, KH__PDF_C_RULE);
        cairo_move_to(cr, gx, top);
        cairo_line_to(cr, gx, top + h);
        cairo_stroke(cr);
        snprintf(num, sizeof num, "%d", g * 20);
        kh__pdf_text(p, gx - 10, top + h + 1, 20, num, 6, KH__PDF_MUTED | KH__PDF_CENTER);
    }
    for (int i = 0; i < n; i++) {
        double ry = top + i * ROW;
        double th = kh__pdf_text_height(p, label_w, labels[i], 7.5, KH__PDF_NOWRAP);
        kh__pdf_text(p, x, ry + (ROW - th) / 2, label_w, labels[i], 7.5,
                     KH__PDF_NOWRAP | KH__PDF_RIGHT_ALIGN);
        double v = values[i];
        if (!kh_isnan(v)) {
            double vv = v < 0 ? 0 : v > 100 ? 100 : v;
            kh__pdf_color(p, KH__PDF_C_PRIMARY);
            cairo_rectangle(cr, bx, ry + 5, bw * vv / 100, ROW - 10);
            cairo_fill(cr);
            snprintf(num, sizeof num, "%.2f", v);
        } else {
            snprintf(num, sizeof num, "—");
        }
        th = kh__pdf_text_height(p, num_w, num, 7, 0);
        kh__pdf_text(p, bx + bw + 3, ry + (ROW - th) / 2, num_w, num, 7, 0);
        if (marks && !kh_isnan(marks[i])) {
            double m = marks[i] < 0 ? 0 : marks[i] > 100 ? 100 : marks[i];
            kh__pdf_color(p, KH__PDF_C_SECOND);
            cairo_set_line_width(cr, 2);
            cairo_move_to(cr, bx + bw * m / 100, ry + 2);
            cairo_line_to(cr, bx + bw * m / 100, ry + ROW - 2);
            cairo_stroke(cr);
        }
    }
    return 16 + h + 12;
}
