/*
 * pdf-histogram.c — the distribution of composites of one township type
 * (pdf-draw.h), with the grade thresholds drawn as labelled dashed lines so
 * the district leadership sees how many units sit just below a line.
 *
 * Bins are [lo + k·bin, lo + (k+1)·bin); the last bin also takes hi, and
 * values outside [lo, hi] are counted in the first or last bin so that every
 * unit appears once (the counts add up to n).  The count axis is integer,
 * its top the largest count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "kaohe/xalloc.h"
#include "report/pdf-draw.h"

void kh__pdf_histogram(struct kh__pdf *p, double x, double y, double w, double h,
                       const double *values, int n, double lo, double hi, double bin,
                       const double *thresholds, const char *const *thr_labels, int nthr)
{
    static const double dash[] = {3.0, 2.0};
    cairo_t *cr = p->cr;
    int nbins = (int)ceil((hi - lo) / bin - 1e-9);
    if (nbins < 1)
        nbins = 1;
    int *count = kh_xcalloc((size_t)nbins, sizeof *count);
    int maxc = 1;
    char num[32];
    for (int i = 0; i < n; i++) {
        int k = (int)floor((values[i] - lo) / bin);
        k = k < 0 ? 0 : k >= nbins ? nbins - 1 : k;
        if (++count[k] > maxc)
            maxc = count[k];
    }
    const double left = 22, bottom = 14, top = 14;
    double px = x + left, pw = w - left - 4, py = y + top, ph = h - top - bottom;

    /* count axis */
    cairo_set_line_width(cr, 0.4);
    int step = maxc <= 5 ? 1 : (maxc + 4) / 5;
    for (int c = 0; c <= maxc; c += step) {
        double gy = py + ph - ph * c / maxc;
        kh__pdf_color(p, KH__PDF_C_RULE);
        cairo_move_to(cr, px, gy);
        cairo_line_to(cr, px + pw, gy);
        cairo_stroke(cr);
        snprintf(num, sizeof num, "%d", c);
        kh__pdf_text(p, x, gy - 4.5, left - 4, num, 6, KH__PDF_MUTED | KH__PDF_RIGHT_ALIGN);
    }
    double bw = pw / nbins;
    for (int k = 0; k < nbins; k++) {
        double bh = ph * count[k] / maxc;
        if (count[k] > 0) {
            kh__pdf_color(p, KH__PDF_C_PRIMARY);
            cairo_rectangle(cr, px + k * bw + 1, py + ph - bh, bw - 2, bh);
            cairo_fill(cr);
            snprintf(num, sizeof num, "%d", count[k]);
            kh__pdf_text(p, px + k * bw, py + ph - bh - 10, bw, num, 6, KH__PDF_CENTER);
        }
    }
    /* x axis: a label at every boundary that has room */
    int every = 1;
    while (bw * every < 18)
        every++;
    kh__pdf_color(p, KH__PDF_C_MUTED);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, px, py + ph);
    cairo_line_to(cr, px + pw, py + ph);
    cairo_stroke(cr);
    for (int k = 0; k <= nbins; k += every) {
        snprintf(num, sizeof num, "%g", lo + k * bin);
        kh__pdf_text(p, px + k * bw - 12, py + ph + 2, 24, num, 6, KH__PDF_MUTED | KH__PDF_CENTER);
    }
    for (int t = 0; t < nthr; t++) {
        if (thresholds[t] < lo || thresholds[t] > hi)
            continue;
        double tx = px + pw * (thresholds[t] - lo) / (hi - lo);
        kh__pdf_color(p, KH__PDF_C_ACCENT);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_move_to(cr, tx, py - 2);
        cairo_line_to(cr, tx, py + ph);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        kh__pdf_text(p, tx - 30, y, 60, thr_labels[t], 6.5, KH__PDF_ACCENT | KH__PDF_CENTER | KH__PDF_NOWRAP);
    }
    free(count);
}
