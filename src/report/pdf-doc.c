/*
 * pdf-doc.c — documents, pages and text of the PDF drawing layer
 * (pdf-draw.h): the two-pass render, the running header and footer, pango
 * text boxes, headings, paragraphs and the key-figure cards.
 *
 * Invariants.  One cairo context and one pango layout live for the whole
 * document (a PDF surface keeps its context across cairo_show_page), so the
 * font setup — family Noto Sans CJK SC, language zh-cn, metrics hinting off
 * — is made once per pass.  Sizes are absolute (points = cairo units): pango's
 * own 96 dpi scaling would otherwise make a "10 pt" font 13.3 points tall.
 * The footer is drawn when a page is closed, when its number is certain; the
 * total comes from the counting pass.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include "kaohe/pdf-report.h"
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/xalloc.h"
#include "report/pdf-draw.h"

static const double palette[][3] = {
    [KH__PDF_C_TEXT] = {0.13, 0.13, 0.13},    [KH__PDF_C_MUTED] = {0.40, 0.40, 0.42},
    [KH__PDF_C_RULE] = {0.70, 0.72, 0.75},    [KH__PDF_C_PRIMARY] = {0.12, 0.31, 0.47},
    [KH__PDF_C_SECOND] = {0.82, 0.50, 0.13},  [KH__PDF_C_FILL] = {0.955, 0.965, 0.975},
    [KH__PDF_C_ACCENT] = {0.70, 0.09, 0.09},  [KH__PDF_C_HEAD] = {0.89, 0.92, 0.95},
};

void kh__pdf_color(struct kh__pdf *p, int which)
{
    cairo_set_source_rgb(p->cr, palette[which][0], palette[which][1], palette[which][2]);
}

static cairo_status_t discard_bytes(void *closure, const unsigned char *data, unsigned int n)
{
    (void)closure, (void)data, (void)n;
    return CAIRO_STATUS_SUCCESS;
}

/* The second pass writes to a FILE we opened ourselves: a path that cannot
 * be created is an error before any drawing, never a cairo error surface
 * (drawing on one leaves font references behind that trip cairo's own
 * assertions in kh_pdf_release_caches). */
static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Set when cairo failed half-way through a pass: the caches may still be referenced. */
static bool render_failed;

/* Set the layout up for one text box: font, width, wrapping, alignment. */
static void layout_setup(struct kh__pdf *p, double w, const char *text, double size,
                         unsigned flags)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, KH__PDF_FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, flags & KH__PDF_BOLD ? PANGO_WEIGHT_BOLD
                                                               : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(p->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(p->layout, w > 0 ? (int)(w * PANGO_SCALE) : -1);
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(p->layout, flags & KH__PDF_NOWRAP ? PANGO_ELLIPSIZE_END
                                                                 : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_alignment(p->layout, flags & KH__PDF_RIGHT_ALIGN ? PANGO_ALIGN_RIGHT
                                          : flags & KH__PDF_CENTER    ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
    pango_layout_set_text(p->layout, text ? text : "", -1);
}

static double layout_height(struct kh__pdf *p)
{
    int w, h;
    pango_layout_get_size(p->layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

double kh__pdf_text_height(struct kh__pdf *p, double w, const char *text, double size,
                           unsigned flags)
{
    layout_setup(p, w, text, size, flags);
    return layout_height(p);
}

double kh__pdf_text_width(struct kh__pdf *p, const char *text, double size, unsigned flags)
{
    int w, h;
    layout_setup(p, -1, text, size, flags & ~(unsigned)KH__PDF_NOWRAP);
    pango_layout_get_size(p->layout, &w, &h);
    return (double)w / PANGO_SCALE;
}

double kh__pdf_text(struct kh__pdf *p, double x, double y, double w, const char *text,
                    double size, unsigned flags)
{
    layout_setup(p, w, text, size, flags);
    kh__pdf_color(p, flags & KH__PDF_ACCENT  ? KH__PDF_C_ACCENT
                     : flags & KH__PDF_MUTED ? KH__PDF_C_MUTED
                                             : KH__PDF_C_TEXT);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->layout);
    return layout_height(p);
}

static void draw_header(struct kh__pdf *p)
{
    const double y = 34;
    kh__pdf_text(p, KH__PDF_LEFT, y, KH__PDF_WIDTH * 0.5, p->header_left, 8, KH__PDF_MUTED | KH__PDF_NOWRAP);
    kh__pdf_text(p, KH__PDF_LEFT + KH__PDF_WIDTH * 0.5, y, KH__PDF_WIDTH * 0.5, p->header_right, 8,
                 KH__PDF_MUTED | KH__PDF_RIGHT_ALIGN | KH__PDF_NOWRAP);
    kh__pdf_color(p, KH__PDF_C_ACCENT);
    cairo_set_line_width(p->cr, 1.2);
    cairo_move_to(p->cr, KH__PDF_LEFT, y + 16);
    cairo_line_to(p->cr, KH__PDF_RIGHT, y + 16);
    cairo_stroke(p->cr);
}

static void draw_footer(struct kh__pdf *p)
{
    const double y = KH__PDF_PAGE_H - 44;
    char num[96];
    kh__pdf_color(p, KH__PDF_C_RULE);
    cairo_set_line_width(p->cr, 0.5);
    cairo_move_to(p->cr, KH__PDF_LEFT, y - 6);
    cairo_line_to(p->cr, KH__PDF_RIGHT, y - 6);
    cairo_stroke(p->cr);
    kh__pdf_text(p, KH__PDF_LEFT, y, KH__PDF_WIDTH / 3, p->footer_left, 8, KH__PDF_MUTED | KH__PDF_NOWRAP);
    if (p->lang == KH_LANG_EN)
        snprintf(num, sizeof num, "Page %d of %d", p->page, p->total_pages ? p->total_pages : p->page);
    else
        snprintf(num, sizeof num, "第 %d 页 / 共 %d 页", p->page,
                 p->total_pages ? p->total_pages : p->page);
    kh__pdf_text(p, KH__PDF_LEFT + KH__PDF_WIDTH / 3, y, KH__PDF_WIDTH / 3, num, 8,
                 KH__PDF_CENTER | KH__PDF_NOWRAP);
    kh__pdf_text(p, KH__PDF_LEFT + 2 * KH__PDF_WIDTH / 3, y, KH__PDF_WIDTH / 3,
                 kh__pdf_tr(p, "kaohe 乡镇考核系统", "kaohe township assessment"), 8,
                 KH__PDF_MUTED | KH__PDF_RIGHT_ALIGN | KH__PDF_NOWRAP);
}

/* Close the current page: its footer, then the PDF page or the PNG file. */
static void close_page(struct kh__pdf *p)
{
    draw_footer(p);
    if (!p->png_base) {
        cairo_show_page(p->cr);
        return;
    }
    size_t n = strlen(p->png_base) + 32;
    char *name = kh_xmalloc(n);
    snprintf(name, n, "%s-%d.png", p->png_base, p->page);
    cairo_surface_flush(p->surface);
    cairo_status_t st = cairo_surface_write_to_png(p->surface, name);
    if (st != CAIRO_STATUS_SUCCESS && p->png_status == CAIRO_STATUS_SUCCESS)
        p->png_status = st;
    free(name);
}

void kh__pdf_new_page(struct kh__pdf *p)
{
    if (p->page > 0)
        close_page(p);
    p->page++;
    if (p->png_base) {           /* an image page starts white, not black */
        cairo_save(p->cr);
        cairo_set_source_rgb(p->cr, 1, 1, 1);
        cairo_paint(p->cr);
        cairo_restore(p->cr);
    }
    draw_header(p);
    p->y = KH__PDF_TOP;
}

void kh__pdf_need(struct kh__pdf *p, double h)
{
    if (p->page == 0 || p->y + h > KH__PDF_BOTTOM)
        kh__pdf_new_page(p);
}

int kh__pdf_bookmark(struct kh__pdf *p, int parent, const char *name)
{
    char link[96];
    if (p->page == 0)
        kh__pdf_new_page(p);
    if (p->png_base)             /* an image has no outline */
        return 0;
    snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, KH__PDF_LEFT, p->y);
    return cairo_pdf_surface_add_outline(p->surface, parent, name, link, 0);
}

void kh__pdf_heading(struct kh__pdf *p, int level, const char *text)
{
    if (level <= 1) {
        double h = kh__pdf_text_height(p, KH__PDF_WIDTH, text, 19, KH__PDF_BOLD);
        kh__pdf_need(p, h + 16);
        kh__pdf_text(p, KH__PDF_LEFT, p->y, KH__PDF_WIDTH, text, 19,
                     KH__PDF_BOLD | KH__PDF_CENTER | KH__PDF_ACCENT);
        p->y += h + 6;
        kh__pdf_color(p, KH__PDF_C_ACCENT);
        cairo_set_line_width(p->cr, 2.0);
        cairo_move_to(p->cr, KH__PDF_LEFT, p->y);
        cairo_line_to(p->cr, KH__PDF_RIGHT, p->y);
        cairo_stroke(p->cr);
        cairo_set_line_width(p->cr, 0.6);
        cairo_move_to(p->cr, KH__PDF_LEFT, p->y + 3);
        cairo_line_to(p->cr, KH__PDF_RIGHT, p->y + 3);
        cairo_stroke(p->cr);
        p->y += 14;
        return;
    }
    double size = level == 2 ? 12.5 : 10.5;
    double h = kh__pdf_text_height(p, KH__PDF_WIDTH - 10, text, size, KH__PDF_BOLD);
    /* a heading never ends a page: ask for room for some content below it */
    kh__pdf_need(p, h + 8 + 60);
    p->y += level == 2 ? 8 : 4;
    if (level == 2) {
        kh__pdf_color(p, KH__PDF_C_PRIMARY);
        cairo_rectangle(p->cr, KH__PDF_LEFT, p->y + 2, 3.5, h - 4);
        cairo_fill(p->cr);
    }
    kh__pdf_text(p, KH__PDF_LEFT + (level == 2 ? 9 : 0), p->y, KH__PDF_WIDTH - 10, text, size,
                 KH__PDF_BOLD);
    p->y += h + 5;
}

void kh__pdf_paragraph(struct kh__pdf *p, const char *text, double size, unsigned flags)
{
    double h = kh__pdf_text_height(p, KH__PDF_WIDTH, text, size, flags);
    kh__pdf_need(p, h);
    kh__pdf_text(p, KH__PDF_LEFT, p->y, KH__PDF_WIDTH, text, size, flags);
    p->y += h + 3;
}

void kh__pdf_cards(struct kh__pdf *p, int n, const char *const *labels,
                   const char *const *values, const char *const *notes)
{
    const double gap = 8, h = 70;
    double w = (KH__PDF_WIDTH - gap * (n - 1)) / n;
    kh__pdf_need(p, h + 10);
    for (int i = 0; i < n; i++) {
        double x = KH__PDF_LEFT + i * (w + gap);
        kh__pdf_color(p, KH__PDF_C_FILL);
        cairo_rectangle(p->cr, x, p->y, w, h);
        cairo_fill_preserve(p->cr);
        kh__pdf_color(p, KH__PDF_C_RULE);
        cairo_set_line_width(p->cr, 0.5);
        cairo_stroke(p->cr);
        kh__pdf_color(p, KH__PDF_C_PRIMARY);
        cairo_rectangle(p->cr, x, p->y, w, 2.5);
        cairo_fill(p->cr);
        kh__pdf_text(p, x + 6, p->y + 7, w - 12, labels[i], 8, KH__PDF_MUTED | KH__PDF_NOWRAP);
        kh__pdf_text(p, x + 6, p->y + 20, w - 12, values[i], 16, KH__PDF_BOLD | KH__PDF_NOWRAP);
        if (notes && notes[i])
            kh__pdf_text(p, x + 6, p->y + 45, w - 12, notes[i], 7, KH__PDF_MUTED);  /* up to two lines */
    }
    p->y += h + 10;
}

/* True when fontconfig resolves the family to itself, not to a fallback. */
static bool font_present(PangoContext *ctx)
{
    PangoFontDescription *fd = pango_font_description_from_string(KH__PDF_FONT " 10");
    PangoFont *f = pango_font_map_load_font(pango_cairo_font_map_get_default(), ctx, fd);
    bool ok = false;
    if (f) {
        PangoFontDescription *got = pango_font_describe(f);
        const char *fam = pango_font_description_get_family(got);
        ok = fam && strcmp(fam, KH__PDF_FONT) == 0;
        pango_font_description_free(got);
        g_object_unref(f);
    }
    pango_font_description_free(fd);
    return ok;
}

/* One pass: draw the document into surface.  Returns the cairo status. */
static cairo_status_t run_pass(struct kh__pdf *p, cairo_surface_t *surface,
                               const struct kh__pdf_setup *setup, kh__pdf_draw_fn fn, void *ctx,
                               bool *font_ok)
{
    char date[40];
    p->surface = surface;
    p->cr = cairo_create(surface);
    p->page = 0;
    p->y = KH__PDF_TOP;
    p->lang = setup->lang;
    p->header_left = setup->title;
    p->header_right = setup->header_right;
    p->footer_left = setup->footer_left;
    snprintf(date, sizeof date, "%.10sT00:00:00", setup->date_iso ? setup->date_iso : "2000-01-01");
    if (p->png_base) {
        cairo_scale(p->cr, setup->png_dpi / 72.0, setup->png_dpi / 72.0);
    } else {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, setup->title);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "kaohe");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    }

    PangoContext *pc = pango_cairo_create_context(p->cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    *font_ok = font_present(pc);
    if (*font_ok) {
        p->layout = pango_layout_new(pc);
        fn(p, ctx);
        if (p->page == 0)
            kh__pdf_new_page(p);
        close_page(p);
        g_object_unref(p->layout);
        p->layout = NULL;
    }
    g_object_unref(pc);
    cairo_destroy(p->cr);
    p->cr = NULL;
    cairo_surface_finish(surface);
    cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    p->surface = NULL;
    return st;
}

/* The real pass on an image surface: BASE-N.png per page (pdf-draw.h). */
static int render_png(struct kh__pdf *p, const char *path, const struct kh__pdf_setup *setup,
                      kh__pdf_draw_fn fn, void *ctx, struct kh_error *err)
{
    bool font_ok;
    size_t n = strlen(path);
    char *base = kh_xmalloc(n + 1);
    memcpy(base, path, n + 1);
    if (n > 4 && strcmp(base + n - 4, ".pdf") == 0)
        base[n - 4] = '\0';
    int w = (int)lround(KH__PDF_PAGE_W * setup->png_dpi / 72.0);
    int h = (int)lround(KH__PDF_PAGE_H * setup->png_dpi / 72.0);
    p->png_base = base;
    p->png_status = CAIRO_STATUS_SUCCESS;
    cairo_status_t st = run_pass(p, cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h), setup, fn, ctx,
                                 &font_ok);
    if (st == CAIRO_STATUS_SUCCESS)
        st = p->png_status;
    int rc = 0;
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, path, cairo_status_to_string(st));
        render_failed = true;
    }
    p->png_base = NULL;
    free(base);
    return rc;
}

int kh__pdf_render(const char *path, const struct kh__pdf_setup *setup, kh__pdf_draw_fn fn,
                   void *ctx, struct kh_error *err)
{
    struct kh__pdf p = {0};
    bool font_ok = false;
    size_t n = strlen(path);
    char *tmp = kh_xmalloc(n + 5);
    int rc = 0;
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);

    p.counting = true;
    cairo_status_t st = run_pass(&p, cairo_pdf_surface_create_for_stream(discard_bytes, NULL,
                                                                         KH__PDF_PAGE_W, KH__PDF_PAGE_H),
                                 setup, fn, ctx, &font_ok);
    if (!font_ok) {
        rc = KH_ERR(err, KH_EDATA, REPORT_NO_FONT, KH__PDF_FONT);
        goto out;
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, path, cairo_status_to_string(st));
        goto out;
    }
    p.total_pages = p.page;
    p.counting = false;
    if (setup->png_dpi > 0) {
        rc = render_png(&p, path, setup, fn, ctx, err);
        goto out;
    }
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        rc = KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, path, strerror(errno));
        goto out;
    }
    st = run_pass(&p, cairo_pdf_surface_create_for_stream(write_bytes, f, KH__PDF_PAGE_W, KH__PDF_PAGE_H), setup,
                  fn, ctx, &font_ok);
    if (fclose(f) != 0 && st == CAIRO_STATUS_SUCCESS)
        st = CAIRO_STATUS_WRITE_ERROR;
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, path, cairo_status_to_string(st));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) != 0) {
        rc = KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, path, strerror(errno));
        unlink(tmp);
    }
out:
    free(tmp);
    if (st != CAIRO_STATUS_SUCCESS)
        render_failed = true;
    return rc;
}

void kh_pdf_release_caches(void)
{
    if (render_failed)   /* leave them to the process's exit rather than assert in cairo */
        return;
    /* order matters: pango's font map holds cairo fonts, which hold fontconfig patterns */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}
