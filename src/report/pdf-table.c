/*
 * pdf-table.c — tables that break across pages (pdf-draw.h).
 *
 * A row is as tall as its tallest cell (cells wrap inside their column,
 * with PAD points of padding on each side).  A row never splits: when it
 * does not fit above KH__PDF_BOTTOM, the page is closed and the header row
 * is drawn again at the top of the next page, so every printed page can be
 * read alone.  Body rows alternate a light fill (zebra) counted from the
 * header, group rows span all columns and are shaded darker.
 *
 * Column widths are given in points by the caller and are trusted to add up
 * to at most KH__PDF_WIDTH.
 */
#include "report/pdf-draw.h"

#define PAD 4.0
#define VPAD 2.6

static double row_height(struct kh__pdf *p, const struct kh__pdf_table *t,
                         const char *const *cells, unsigned cell_flags, bool span)
{
    double h = 0;
    for (int c = 0; c < t->ncols; c++) {
        double w = span ? KH__PDF_WIDTH : t->cols[c].width;
        double ch = kh__pdf_text_height(p, w - 2 * PAD, cells[c] ? cells[c] : "", t->size,
                                        (span ? 0 : t->cols[c].flags) | cell_flags);
        if (ch > h)
            h = ch;
        if (span)
            break;
    }
    return h + 2 * VPAD;
}

static double table_width(const struct kh__pdf_table *t)
{
    double w = 0;
    for (int c = 0; c < t->ncols; c++)
        w += t->cols[c].width;
    return w;
}

static void draw_header(struct kh__pdf *p, struct kh__pdf_table *t)
{
    const char *titles[32];
    int n = t->ncols < 32 ? t->ncols : 32;
    for (int c = 0; c < n; c++)
        titles[c] = t->cols[c].title;
    double h = row_height(p, t, titles, KH__PDF_BOLD, false);
    kh__pdf_color(p, KH__PDF_C_HEAD);
    cairo_rectangle(p->cr, KH__PDF_LEFT, p->y, table_width(t), h);
    cairo_fill(p->cr);
    kh__pdf_color(p, KH__PDF_C_PRIMARY);
    cairo_set_line_width(p->cr, 1.0);
    cairo_move_to(p->cr, KH__PDF_LEFT, p->y);
    cairo_line_to(p->cr, KH__PDF_LEFT + table_width(t), p->y);
    cairo_stroke(p->cr);
    double x = KH__PDF_LEFT;
    for (int c = 0; c < n; c++) {
        kh__pdf_text(p, x + PAD, p->y + VPAD, t->cols[c].width - 2 * PAD, titles[c], t->size,
                     (t->cols[c].flags & ~(unsigned)KH__PDF_NOWRAP) | KH__PDF_BOLD);
        x += t->cols[c].width;
    }
    p->y += h;
    kh__pdf_color(p, KH__PDF_C_RULE);
    cairo_set_line_width(p->cr, 0.6);
    cairo_move_to(p->cr, KH__PDF_LEFT, p->y);
    cairo_line_to(p->cr, KH__PDF_LEFT + table_width(t), p->y);
    cairo_stroke(p->cr);
    t->nrows = 0;
}

void kh__pdf_table_begin(struct kh__pdf *p, struct kh__pdf_table *t,
                         const struct kh__pdf_col *cols, int ncols, double size)
{
    t->cols = cols;
    t->ncols = ncols;
    t->size = size;
    t->nrows = 0;
    kh__pdf_need(p, 3.2 * (size * 1.5 + 2 * VPAD));
    draw_header(p, t);
}

void kh__pdf_table_row(struct kh__pdf *p, struct kh__pdf_table *t, const char *const *cells,
                       unsigned flags)
{
    bool group = flags & KH__PDF_ROW_GROUP;
    unsigned tf = (group ? KH__PDF_BOLD : 0) | (flags & KH__PDF_ROW_ACCENT ? KH__PDF_ACCENT : 0);
    double h = row_height(p, t, cells, tf, group);
    if (p->y + h > KH__PDF_BOTTOM) {
        kh__pdf_new_page(p);
        draw_header(p, t);
    }
    double tw = table_width(t);
    if (group || t->nrows % 2 == 1) {
        kh__pdf_color(p, group ? KH__PDF_C_HEAD : KH__PDF_C_FILL);
        cairo_rectangle(p->cr, KH__PDF_LEFT, p->y, tw, h);
        cairo_fill(p->cr);
    }
    if (group) {
        kh__pdf_text(p, KH__PDF_LEFT + PAD, p->y + VPAD, tw - 2 * PAD, cells[0], t->size, tf);
    } else {
        double x = KH__PDF_LEFT;
        for (int c = 0; c < t->ncols; c++) {
            if (cells[c])
                kh__pdf_text(p, x + PAD, p->y + VPAD, t->cols[c].width - 2 * PAD, cells[c],
                             t->size, t->cols[c].flags | tf);
            x += t->cols[c].width;
        }
        t->nrows++;
    }
    p->y += h;
}

void kh__pdf_table_line(struct kh__pdf *p, struct kh__pdf_table *t, const char *label)
{
    static const double dash[] = {4.0, 2.5};
    const double h = 13;
    double tw = table_width(t);
    double lw = kh__pdf_text_width(p, label, 7, KH__PDF_BOLD);
    if (p->y + h > KH__PDF_BOTTOM) {
        kh__pdf_new_page(p);
        draw_header(p, t);
    }
    /* its own thin row, so the label never covers a cell */
    kh__pdf_color(p, KH__PDF_C_ACCENT);
    cairo_set_line_width(p->cr, 1.0);
    cairo_set_dash(p->cr, dash, 2, 0);
    cairo_move_to(p->cr, KH__PDF_LEFT, p->y + h / 2);
    cairo_line_to(p->cr, KH__PDF_LEFT + tw - lw - 10, p->y + h / 2);
    cairo_stroke(p->cr);
    cairo_set_dash(p->cr, NULL, 0, 0);
    double th = kh__pdf_text_height(p, lw + 4, label, 7, KH__PDF_BOLD);
    kh__pdf_text(p, KH__PDF_LEFT + tw - lw - 4, p->y + (h - th) / 2, lw + 4, label, 7,
                 KH__PDF_BOLD | KH__PDF_ACCENT | KH__PDF_NOWRAP);
    p->y += h;
}

void kh__pdf_table_end(struct kh__pdf *p, struct kh__pdf_table *t)
{
    kh__pdf_color(p, KH__PDF_C_PRIMARY);
    cairo_set_line_width(p->cr, 1.0);
    cairo_move_to(p->cr, KH__PDF_LEFT, p->y);
    cairo_line_to(p->cr, KH__PDF_LEFT + table_width(t), p->y);
    cairo_stroke(p->cr);
    p->y += 10;
}
