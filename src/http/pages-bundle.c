/*
 * pages-bundle.c — a cycle's bundle as one download, and a bundle uploaded
 * as one zip: the office's import and export without a command line.
 *
 * Export is kh_store_export_dir (the bundle and the stored results, as
 * `kaohe export` writes them) into a private temporary folder, zipped
 * (zipdir.h) and removed.  Import unpacks the uploaded zip into a private
 * temporary folder (zipdir.h refuses anything that is not a flat .csv
 * file) and calls kh_store_import_dir — the CLI's import, in one
 * transaction, all or nothing: a bundle with errors stores nothing, and the
 * page lists its diagnostics with file, line and column.  An upload named
 * *.xlsx is a workbook instead (docs/formats.md "Workbooks"): it is saved
 * as one file in the temporary folder and imported from there, so its
 * diagnostics name sheet and cell ("values!D17").  The results workbook
 * (export.xlsx) is kh_xlsx_export_write's, written to a temporary file and
 * sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/msg-util.h"
#include "kaohe/store-load.h"
#include "kaohe/tempdir.h"
#include "kaohe/xlsx-results.h"
#include "kaohe/zipdir.h"

/* Whether an upload is a workbook: its name ends in .xlsx (any case).  A
 * workbook is itself a zip, so the name, not the content, tells the two
 * forms apart; a wrong guess fails with the reader's own located error. */
static bool is_workbook(const char *filename)
{
    size_t n = filename ? strlen(filename) : 0;
    return n > 5 && strcasecmp(filename + n - 5, ".xlsx") == 0;
}

/* The uploaded workbook as dir/bundle.xlsx, its path in the arena, or NULL
 * with err set. */
static const char *save_workbook(struct kh_req *r, const char *dir, const char *data, size_t len,
                                 struct kh_error *err)
{
    const char *path = kh_arena_printf(&r->arena, "%s/bundle.xlsx", dir);
    FILE *f = fopen(path, "wb");
    bool ok = f != NULL && fwrite(data, 1, len, f) == len;
    if (f != NULL && fclose(f) != 0)
        ok = false;
    if (!ok) {
        KH_ERR(err, KH_EIO, FILE_CREATE, path);
        return NULL;
    }
    return path;
}

void kh__h_export(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    char *dir = kh_temp_dir_make("kaohe-web");
    int rc = dir ? kh_store_export_dir(r->store, &r->actor, r->cap[0], dir, &d, &err)
                 : KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
    struct kh_buf zip = KH_BUF_INIT;
    if (rc == 0)
        rc = kh_zip_dir(dir, &zip, &err);
    if (dir)
        kh_temp_dir_remove(dir);
    free(dir);
    kh_diags_release(&d);
    if (rc != 0) {
        kh_buf_release(&zip);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh_buf_reset(&r->out);
    kh_buf_append(&r->out, zip.data, zip.len);
    kh_buf_release(&zip);
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"kaohe-%s.zip\"", kh__file_name_part(r, r->cap[0]));
    kh__respond(r, 200, "application/zip");
}

/* GET /cycles/:cycle/export.xlsx — the results workbook, as `kaohe export
 * --xlsx` writes it (kh_xlsx_export_write), in the page's language. */
void kh__h_export_xlsx(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    struct kh_export x;
    char *dir = NULL;
    int rc = kh_store_export(r->store, &r->actor, r->cap[0], &x, &d, &err);
    if (rc == 0) {
        if ((dir = kh_temp_dir_make("kaohe-web")) == NULL)
            rc = KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
        const char *path = dir ? kh_arena_printf(&r->arena, "%s/results.xlsx", dir) : NULL;
        if (rc == 0)
            rc = kh_xlsx_export_write(&x, r->lang, path, &err);
        kh_buf_reset(&r->out);
        if (rc == 0)
            rc = kh_buf_read_file(&r->out, path, &err);
        kh_export_release(&x);
    }
    if (dir)
        kh_temp_dir_remove(dir);
    free(dir);
    kh_diags_release(&d);
    if (rc != 0) {
        kh_buf_reset(&r->out);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"kaohe-%s.xlsx\"", kh__file_name_part(r, r->cap[0]));
    kh__respond(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void kh__h_import(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 50);
    size_t len = 0;
    const char *filename = NULL;
    const char *zip = kh__upload(r, "bundle", &len, &filename);
    const char *code_in = kh__field(r, "cycle");
    bool replace = kh__field(r, "replace") != NULL;
    char code[128] = "";
    char *dir = NULL;
    int rc;
    const char *source = NULL;
    if (zip == NULL || len == 0)
        rc = KH_ERR(&err, KH_EINVAL, HTTP_FIELD_MISSING, "bundle (.zip / .xlsx)");
    else if ((dir = kh_temp_dir_make("kaohe-web")) == NULL)
        rc = KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
    else if (is_workbook(filename))
        rc = (source = save_workbook(r, dir, zip, len, &err)) ? 0 : KH_EIO;
    else if ((rc = kh_unzip_dir(zip, len, dir, &err)) == 0)
        source = dir;
    if (rc == 0)
        rc = kh_store_import_dir(r->store, &r->actor, source, replace, NULL, code_in && code_in[0] ? code_in : NULL,
                                 &d, code, &err);
    if (dir)
        kh_temp_dir_remove(dir);
    free(dir);
    if (rc != 0 && d.n > 0 && r->api) {
        kh__fail_diags(r, 422, &err, &d);
        r->refusal = "BUNDLE_INVALID";
        kh_diags_release(&d);
        return;
    }
    if (rc != 0 && d.n > 0) {
        /* The bundle's own diagnostics, each with its file, line and column. */
        kh_buf_reset(&r->out);
        kh__page_begin(r, T(r, "导入失败", "Import failed"), NULL, NULL, NULL);
        kh_html_put(&r->out, "<div class=\"notice err\" role=\"alert\">%T %T</div><ul class=\"diags\" id=\"diags\">",
                    filename ? filename : "", T(r, "未导入任何数据（全部正确才导入）：", "nothing was imported (all or nothing):"));
        char text[2048];
        for (size_t i = 0; i < d.n; i++)
            kh_html_put(&r->out, "<li>%T</li>", kh_diag_render(&d.items[i], r->lang, text, sizeof text));
        if (d.total > d.n)
            kh_html_put(&r->out, "<li>%T %z</li>", T(r, "……另有", "… and more:"), d.total - d.n);
        kh_html_put(&r->out, "</ul><p><a href=\"/cycles\">%T</a></p>", T(r, "返回", "Back"));
        kh__page_end(r);
        kh__respond(r, 422, "text/html; charset=utf-8");
        r->refusal = "BUNDLE_INVALID";
        kh_diags_release(&d);
        return;
    }
    kh_diags_release(&d);
    if (rc != 0 && !r->api) {   /* a page, not a redirect: the upload cannot be kept in a URL anyway */
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh__done(r, rc, &err, rc == 0 ? kh_arena_printf(&r->arena, "/cycles/%s", code) : "/cycles",
             kh_arena_printf(&r->arena, "已导入考核周期 %s", code), kh_arena_printf(&r->arena, "cycle %s imported", code),
             NULL);
}
