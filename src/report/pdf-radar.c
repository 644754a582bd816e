/*
 * pdf-radar.c — the radar chart of a report card (pdf-draw.h): a unit's
 * dimension scores against the mean of its township type.
 *
 * Axes start at 12 o'clock and go clockwise in the order given (the
 * indicator tree's order), the scale is fixed 0–100 with rings every 20
 * points, so two report cards of the same cycle can be compared by eye.
 * Drawn as paths, not an image: it stays sharp at any zoom and print size.
 * Labels sit outside the outer ring, aligned away from the centre so a long
 * dimension name never crosses the plot.
 */
#include <math.h>
#include <stdio.h>
#include "kaohe/model.h"
#include "report/pdf-draw.h"

static void axis_point(double cx, double cy, double r, int i, int n, double *x, double *y)
{
    double a = -M_PI / 2 + 2 * M_PI * i / n;
    *x = cx + r * cos(a);
    *y = cy + r * sin(a);
}

static double clamp100(double v)
{
    if (kh_isnan(v) || v < 0)
        return 0;
    return v > 100 ? 100 : v;
}

static void polygon(cairo_t *cr, double cx, double cy, double r, int n, const double *v)
{
    for (int i = 0; i < n; i++) {
        double x, y;
        axis_point(cx, cy, r * (v ? clamp100(v[i]) / 100 : 1), i, n, &x, &y);
        if (i == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
}

void kh__pdf_radar(struct kh__pdf *p, double x, double y, double size, int n,
                   const char *const *labels, const double *a, const double *b,
                   const char *legend_a, const char *legend_b)
{
    static const double dash[] = {3.0, 2.0};
    const double legend_h = 16;
    double cx = x + size / 2, cy = y + (size - legend_h) / 2;
    double r = (size - legend_h) / 2 - 26;
    cairo_t *cr = p->cr;
    if (n < 3 || r <= 10)
        return;

    cairo_set_line_width(cr, 0.5);
    for (int ring = 1; ring <= 5; ring++) {
        double ring_v[64];
        for (int i = 0; i < n && i < 64; i++)
            ring_v[i] = ring * 20.0;
        polygon(cr, cx, cy, r, n < 64 ? n : 64, ring_v);
        kh__pdf_color(p, ring == 5 ? KH__PDF_C_MUTED : KH__PDF_C_RULE);
        cairo_stroke(cr);
    }
    for (int i = 0; i < n; i++) {
        double px, py;
        axis_point(cx, cy, r, i, n, &px, &py);
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, px, py);
    }
    kh__pdf_color(p, KH__PDF_C_RULE);
    cairo_stroke(cr);
    for (int ring = 1; ring <= 5; ring++) {
        char num[8];
        snprintf(num, sizeof num, "%d", ring * 20);
        kh__pdf_text(p, cx + 2, cy - r * ring / 5.0 - 1, 20, num, 5.5, KH__PDF_MUTED);
    }

    if (b) {
        polygon(cr, cx, cy, r, n, b);
        kh__pdf_color(p, KH__PDF_C_SECOND);
        cairo_set_line_width(cr, 1.3);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    polygon(cr, cx, cy, r, n, a);
    cairo_set_source_rgba(cr, 0.12, 0.31, 0.47, 0.22);
    cairo_fill_preserve(cr);
    kh__pdf_color(p, KH__PDF_C_PRIMARY);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    for (int i = 0; i < n; i++) {
        double px, py;
        axis_point(cx, cy, r * clamp100(a[i]) / 100, i, n, &px, &py);
        cairo_arc(cr, px, py, 1.8, 0, 2 * M_PI);
        cairo_fill(cr);
    }

    /* labels: a box of width lw whose near edge touches the label point */
    const double lw = 74;
    for (int i = 0; i < n; i++) {
        double px, py;
        axis_point(cx, cy, r + 5, i, n, &px, &py);
        double dx = px - cx, dy = py - cy;
        unsigned al = fabs(dx) < 8 ? KH__PDF_CENTER : dx > 0 ? 0 : KH__PDF_RIGHT_ALIGN;
        double bx = al == KH__PDF_CENTER ? px - lw / 2 : dx > 0 ? px : px - lw;
        double th = kh__pdf_text_height(p, lw, labels[i], 7, al);
        double by = fabs(dy) < 8 ? py - th / 2 : dy > 0 ? py : py - th;
        kh__pdf_text(p, bx, by, lw, labels[i], 7, al);
    }

    /* legend */
    double ly = y + size - legend_h + 4, lx = cx - 80;
    cairo_set_source_rgba(cr, 0.12, 0.31, 0.47, 0.35);
    cairo_rectangle(cr, lx, ly + 2, 10, 6);
    cairo_fill(cr);
    kh__pdf_text(p, lx + 13, ly - 1, 64, legend_a, 7, KH__PDF_NOWRAP);
    lx += 84;
    kh__pdf_color(p, KH__PDF_C_SECOND);
    cairo_set_line_width(cr, 1.3);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, lx, ly + 5);
    cairo_line_to(cr, lx + 12, ly + 5);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    kh__pdf_text(p, lx + 15, ly - 1, 70, legend_b, 7, KH__PDF_NOWRAP);
}
