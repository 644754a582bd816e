/*
 * pdf-draw.h — the small drawing layer under kaohe's printable reports:
 * A4 pages with a running header and footer, flowing text, tables that
 * break across pages, and three vector charts (radar, bars, histogram).
 * Internal to src/report (prefix kh__pdf_); the reports themselves are
 * pdf-unit-card.c and pdf-district.c, the public entry points pdf-report.h.
 *
 * Geometry.  Units are PostScript points (cairo's PDF unit): an A4 page is
 * 595.28 × 841.89.  Content runs between KH__PDF_LEFT and KH__PDF_RIGHT and
 * from KH__PDF_TOP down to KH__PDF_BOTTOM; the header (report title left,
 * cycle right) sits above, the footer (date of computation left, "第 n 页 /
 * 共 m 页" centre) below, on every page.  A vertical cursor `y` is the only
 * flow state: every block first asks for its height (kh__pdf_need), which
 * starts a new page when it would not fit, then draws at `y` and moves it.
 *
 * Two passes.  "共 m 页" needs the page count before page 1 is drawn, and a
 * PDF page cannot be changed once shown.  kh__pdf_render() therefore runs
 * the report's drawing function twice: first into a surface that discards
 * its bytes, only to count pages, then for real.  The drawing function must
 * be deterministic (it is: it reads only the bundle and results).  The real
 * pass writes to FILE.tmp and renames it over FILE, so a failure never
 * leaves a partial PDF behind.
 *
 * Text.  Everything goes through pango with the family "Noto Sans CJK SC"
 * and the language zh-cn, never a generic "sans": under an English or
 * Japanese locale fontconfig would otherwise pick Japanese glyph forms for
 * the shared Han code points (docs: ../shared/DEPENDENCIES.md).  Metrics
 * hinting is off so a layout measured in pass 1 is the layout of pass 2.
 */
#ifndef KH_REPORT_PDF_DRAW_H
#define KH_REPORT_PDF_DRAW_H

#include <stdbool.h>
#include <stdint.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include "kaohe/msg.h"

struct kh_error;

#define KH__PDF_FONT "Noto Sans CJK SC"
#define KH__PDF_PAGE_W 595.2756
#define KH__PDF_PAGE_H 841.8898
#define KH__PDF_LEFT 56.0
#define KH__PDF_RIGHT (KH__PDF_PAGE_W - 56.0)
#define KH__PDF_WIDTH (KH__PDF_RIGHT - KH__PDF_LEFT)
#define KH__PDF_TOP 70.0
#define KH__PDF_BOTTOM (KH__PDF_PAGE_H - 62.0)

/* Text flags (or'ed). */
enum {
    KH__PDF_BOLD = 1 << 0,
    KH__PDF_RIGHT_ALIGN = 1 << 1,
    KH__PDF_CENTER = 1 << 2,
    KH__PDF_MUTED = 1 << 3,      /* grey: secondary text */
    KH__PDF_NOWRAP = 1 << 4,     /* one line, ellipsized at the width */
    KH__PDF_ACCENT = 1 << 5,     /* the report's red: vetoes, warnings */
};

/* One document being drawn.  Fields are read by the report code; only the
 * functions below change them. */
struct kh__pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    enum kh_lang lang;
    const char *header_left;     /* report title, changes per section */
    const char *header_right;    /* cycle code and name */
    const char *footer_left;     /* "计算日期 …" */
    int page;                    /* current page, 1-based; 0 before the first */
    int total_pages;             /* 0 during the counting pass */
    bool counting;
    double y;                    /* cursor */
    /* PNG pages (kh__pdf_setup.png_dpi > 0, the real pass only): each page
     * is drawn on one image surface and written to png_base-N.png when it
     * closes; PDF-only calls (outline, metadata) are skipped. */
    const char *png_base;
    cairo_status_t png_status;   /* first write error */
};

/* The report body: draws everything by calling the functions below. */
typedef void (*kh__pdf_draw_fn)(struct kh__pdf *p, void *ctx);

/* What every page shows, fixed for the document (strings copied by the
 * caller's lifetime: they must outlive kh__pdf_render). */
struct kh__pdf_setup {
    enum kh_lang lang;
    const char *title;           /* PDF metadata title, and first header_left */
    const char *header_right;
    const char *footer_left;
    const char *date_iso;        /* "YYYY-MM-DD": PDF creation date, so output is reproducible */
    int png_dpi;                 /* > 0: PNG pages at this resolution instead of the PDF */
};

/* Draw the document into path (two passes, temporary file then rename).
 * Returns 0, or KH_EIO with err naming the file (nothing is left at path
 * or path.tmp on failure); KH_EDATA when the CJK font is not installed.
 * With setup->png_dpi > 0 the second pass draws the same pages on a cairo
 * image surface instead and writes BASE-1.png, BASE-2.png … where BASE is
 * path without its ".pdf" (no PDF is written). */
int kh__pdf_render(const char *path, const struct kh__pdf_setup *setup, kh__pdf_draw_fn fn,
                   void *ctx, struct kh_error *err);

/* "zh" text in Chinese documents, "en" in English ones. */
static inline const char *kh__pdf_tr(const struct kh__pdf *p, const char *zh, const char *en)
{
    return p->lang == KH_LANG_EN ? en : zh;
}

/* Pages.  new_page closes the current page (drawing its footer) and opens
 * the next one with its header; y goes to KH__PDF_TOP. */
void kh__pdf_new_page(struct kh__pdf *p);
/* Make sure h points fit below y on this page, else start a new page. */
void kh__pdf_need(struct kh__pdf *p, double h);
/* Add a bookmark (PDF outline entry) to the current page at y; level 0 is
 * top.  Returns the outline id for children (0 = root). */
int kh__pdf_bookmark(struct kh__pdf *p, int parent, const char *name);

/* Text.  Draw `text` in a box of width w at (x, y) (y = top of the first
 * line); returns the height used.  measure gives the height without
 * drawing.  size in points. */
double kh__pdf_text(struct kh__pdf *p, double x, double y, double w, const char *text,
                    double size, unsigned flags);
double kh__pdf_text_height(struct kh__pdf *p, double w, const char *text, double size,
                           unsigned flags);
/* Width of one unwrapped line. */
double kh__pdf_text_width(struct kh__pdf *p, const char *text, double size, unsigned flags);
/* Flowing blocks at the cursor: a heading (level 1 report title, 2 section,
 * 3 subsection) and a paragraph. */
void kh__pdf_heading(struct kh__pdf *p, int level, const char *text);
void kh__pdf_paragraph(struct kh__pdf *p, const char *text, double size, unsigned flags);
/* Key-value boxes in a row: n cards of (label, big value, note), as on the
 * top of a report card. */
void kh__pdf_cards(struct kh__pdf *p, int n, const char *const *labels,
                   const char *const *values, const char *const *notes);

/* Colours of the reports (RGB 0..1). */
void kh__pdf_color(struct kh__pdf *p, int which);
enum { KH__PDF_C_TEXT, KH__PDF_C_MUTED, KH__PDF_C_RULE, KH__PDF_C_PRIMARY, KH__PDF_C_SECOND,
       KH__PDF_C_FILL, KH__PDF_C_ACCENT, KH__PDF_C_HEAD };

/* ---- tables (pdf-table.c) ---- */

struct kh__pdf_col {
    const char *title;
    double width;                /* points */
    unsigned flags;              /* text flags of the cells (alignment) */
};

/* Row flags. */
enum {
    KH__PDF_ROW_GROUP = 1 << 0,  /* a group heading: first cell spans the row, shaded */
    KH__PDF_ROW_ACCENT = 1 << 1, /* text in the accent colour */
};

struct kh__pdf_table {
    const struct kh__pdf_col *cols;
    int ncols;
    double size;                 /* font size of the cells */
    int nrows;                   /* rows drawn since the header, for zebra stripes */
};

/* Start a table at the cursor: draws the header row (on a new page if not
 * even the header and one row fit). */
void kh__pdf_table_begin(struct kh__pdf *p, struct kh__pdf_table *t,
                         const struct kh__pdf_col *cols, int ncols, double size);
/* One row of ncols cells (NULL = empty); a row that does not fit moves to a
 * new page, where the header is repeated. */
void kh__pdf_table_row(struct kh__pdf *p, struct kh__pdf_table *t, const char *const *cells,
                       unsigned flags);
/* A labelled dashed line across the table at the cursor (the quota line). */
void kh__pdf_table_line(struct kh__pdf *p, struct kh__pdf_table *t, const char *label);
/* Close the table: a bottom rule and some space. */
void kh__pdf_table_end(struct kh__pdf *p, struct kh__pdf_table *t);

/* ---- charts (pdf-radar.c, pdf-bars.c, pdf-histogram.c); scores 0..100 ---- */

/* Radar of n ≥ 3 axes in a square of side `size` at (x, y): polygon `a`
 * (filled, primary colour) over polygon `b` (dashed, second colour); NaN
 * values are drawn at 0.  Legends name a and b. */
void kh__pdf_radar(struct kh__pdf *p, double x, double y, double size, int n,
                   const char *const *labels, const double *a, const double *b,
                   const char *legend_a, const char *legend_b);
/* Horizontal bars, one row per label: value (bar, number at its end) and a
 * tick at mark (NaN = none), in a box of width w at (x, y).  Returns the
 * height used. */
double kh__pdf_bars(struct kh__pdf *p, double x, double y, double w, int n,
                    const char *const *labels, const double *values, const double *marks,
                    const char *legend_value, const char *legend_mark);
/* Histogram of values in bins of `bin` points from lo to hi, in a box
 * w × h at (x, y), with labelled vertical lines at the nthr thresholds. */
void kh__pdf_histogram(struct kh__pdf *p, double x, double y, double w, double h,
                       const double *values, int n, double lo, double hi, double bin,
                       const double *thresholds, const char *const *thr_labels, int nthr);

#endif
