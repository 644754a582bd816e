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
 * page lists its diagnostics with file, line and column.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/msg-util.h"
#include "kaohe/store-load.h"
#include "kaohe/zipdir.h"

/* A private folder under $TMPDIR (or /tmp) in the arena, or NULL. */
static char *temp_dir(struct kh_req *r)
{
    const char *t = getenv("TMPDIR");
    char *p = kh_arena_printf(&r->arena, "%s/kaohe-web.XXXXXX", t && t[0] ? t : "/tmp");
    return mkdtemp(p);
}

/* Remove the folder and the files in it (a bundle folder has no subfolders). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

void kh__h_export(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    char *dir = temp_dir(r);
    int rc = dir ? kh_store_export_dir(r->store, &r->actor, r->cap[0], dir, &d, &err)
                 : KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
    struct kh_buf zip = KH_BUF_INIT;
    if (rc == 0)
        rc = kh_zip_dir(dir, &zip, &err);
    if (dir)
        remove_dir(dir);
    kh_diags_release(&d);
    if (rc != 0) {
        kh_buf_release(&zip);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh_buf_reset(&r->out);
    kh_buf_append(&r->out, zip.data, zip.len);
    kh_buf_release(&zip);
    char name[120];
    size_t n = 0;
    for (const char *p = r->cap[0]; *p && n < 100; p++)
        name[n++] = (char)((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ? *p : '_');
    name[n] = '\0';
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"kaohe-%s.zip\"", name);
    kh__respond(r, 200, "application/zip");
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
    if (zip == NULL || len == 0)
        rc = KH_ERR(&err, KH_EINVAL, HTTP_FIELD_MISSING, "bundle (.zip)");
    else if ((dir = temp_dir(r)) == NULL)
        rc = KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
    else if ((rc = kh_unzip_dir(zip, len, dir, &err)) == 0)
        rc = kh_store_import_dir(r->store, &r->actor, dir, replace, NULL, code_in && code_in[0] ? code_in : NULL,
                                 &d, code, &err);
    if (dir)
        remove_dir(dir);
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
