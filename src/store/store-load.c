/*
 * store-load.c — whole cycles in and out of the database: import a bundle
 * folder, load a cycle back as a validated struct kh_bundle, export it, and
 * store computed results.
 *
 * Import validates with kh_bundle_read_dir (every rule of SPEC §11, all
 * errors located), then writes the validated bundle with kh_bundle_write_dir
 * into a private temporary folder: those *canonical* files are what the
 * tables receive.  So the database never holds a cell the reader would
 * interpret differently on the way out, Chinese header aliases and GBK
 * input are already normalised, and import → export → import → export is
 * byte-identical because write(read(write(read(x)))) = write(read(x)).
 * Everything is inserted in one transaction (kh_store_tx): a killed import
 * leaves the database exactly as before.
 *
 * Loading rebuilds the CSV files in memory from the tables
 * (kh_store_file_get) and feeds kh_bundle_read_mem: the one validator is
 * reused, and a database edited by hand into an invalid cycle is refused
 * with located diagnostics instead of being computed.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kaohe/bundle.h"
#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

#define NFILES 32

struct files {
    const char *name[NFILES];
    struct kh_buf data[NFILES];
    size_t n;
};

static void files_release(struct files *f)
{
    for (size_t i = 0; i < f->n; i++)
        kh_buf_release(&f->data[i]);
    f->n = 0;
}

struct import_ctx {
    const struct kh_bundle *b;
    struct files *f;
    bool replace;
    char id[24];
};

static int import_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct import_ctx *x = ctx;
    const struct kh_cycle *c = &x->b->cycle;
    int rc = kh_store_cycle_create(s, c->code, c->name ? c->name : "", c->previous ? c->previous : "",
                                   x->replace, x->id, err);
    for (size_t i = 0; rc == 0 && i < x->f->n; i++) {
        char key[300];
        snprintf(key, sizeof key, "%s/%s", c->code, x->f->name[i]);
        rc = kh_store_file_put(s, x->id, x->f->name[i], x->f->data[i].data, x->f->data[i].len, key,
                               err);
    }
    return rc;
}

int kh_store_import_dir(struct kh_store *s, const char *dir, bool replace,
                        const struct kh_bundle_read_opts *opts, struct kh_diags *diags,
                        char code[128], struct kh_error *err)
{
    struct kh_bundle b;
    struct files f = {0};
    char tmp[] = "/tmp/kaohe-import.XXXXXX";
    bool made = false;
    kh_bundle_init(&b);
    int rc = kh_bundle_read_dir(dir, opts, &b, diags);
    if (rc != 0) {
        rc = kh_error_set(err, rc, dir, 0, NULL, "数据包有错误，未导入任何内容 / the bundle has errors; "
                                                 "nothing was imported");
        goto out;
    }
    if (b.cycle.code == NULL || b.cycle.code[0] == '\0') {
        rc = kh_error_set(err, KH_EINVAL, "cycle.csv", 0, "code",
                          "导入数据库需要 cycle.csv 中的 code / importing needs a code in cycle.csv");
        goto out;
    }
    snprintf(code, 128, "%s", b.cycle.code);
    if (mkdtemp(tmp) == NULL) {
        rc = kh_error_set(err, KH_EIO, tmp, 0, NULL, "无法创建临时目录 / cannot create a temporary folder");
        goto out;
    }
    made = true;
    rc = kh_bundle_write_dir(&b, tmp, err);
    for (size_t i = 0; rc == 0 && kh_bundle_input_files[i] != NULL && f.n < NFILES; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", tmp, kh_bundle_input_files[i]);
        if (access(path, F_OK) != 0)
            continue;
        kh_buf_init(&f.data[f.n], 0);
        f.name[f.n] = kh_bundle_input_files[i];
        rc = kh_buf_read_file(&f.data[f.n], path, err);
        f.n++;
        unlink(path);
    }
    if (rc == 0) {
        struct import_ctx x = {&b, &f, replace, ""};
        rc = kh_store_tx(s, import_tx, &x, err);
    }
out:
    if (made) {
        DIR *d = opendir(tmp);   /* anything the writer added beyond the known files */
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            char path[4200];
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", tmp, e->d_name);
            unlink(path);
        }
        if (d)
            closedir(d);
        rmdir(tmp);
    }
    files_release(&f);
    kh_bundle_release(&b);
    return rc;
}

static int load_files(struct kh_store *s, const char *cycle_id, bool results, struct files *f,
                      struct kh_error *err)
{
    for (size_t i = 0; i < kh_store_ntables && f->n < NFILES; i++) {
        if (kh_store_tables[i].result != results)
            continue;
        bool present;
        kh_buf_init(&f->data[f->n], 0);
        int rc = kh_store_file_get(s, cycle_id, kh_store_tables[i].file, &f->data[f->n], &present, err);
        if (rc != 0) {
            kh_buf_release(&f->data[f->n]);
            return rc;
        }
        if (present)
            f->name[f->n++] = kh_store_tables[i].file;
        else
            kh_buf_release(&f->data[f->n]);
    }
    return 0;
}

int kh_store_load(struct kh_store *s, const char *code, struct kh_bundle *b, struct kh_diags *diags,
                  struct kh_error *err)
{
    struct kh_cycle_row c;
    struct files f = {0};
    struct kh_bundle_file bf[NFILES];
    int rc = kh_store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = load_files(s, c.id, false, &f, err);
    if (rc == 0) {
        for (size_t i = 0; i < f.n; i++)
            bf[i] = (struct kh_bundle_file){f.name[i], kh_buf_cstr(&f.data[i]), f.data[i].len};
        rc = kh_bundle_read_mem(bf, f.n, NULL, b, diags);
        if (rc != 0)
            rc = kh_error_set(err, rc, NULL, 0, NULL,
                              "数据库中的考核周期 %s 未通过校验 / cycle %s in the database does not validate",
                              code, code);
    }
    files_release(&f);
    return rc;
}

int kh_store_export_dir(struct kh_store *s, const char *code, const char *dir,
                        struct kh_diags *diags, struct kh_error *err)
{
    struct kh_bundle b;
    struct kh_cycle_row c;
    struct files f = {0};
    kh_bundle_init(&b);
    int rc = kh_store_load(s, code, &b, diags, err);
    if (rc == 0)
        rc = kh_bundle_write_dir(&b, dir, err);
    if (rc == 0)
        rc = kh_store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = load_files(s, c.id, true, &f, err);
    for (size_t i = 0; rc == 0 && i < f.n; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, f.name[i]);
        rc = kh_buf_write_file(&f.data[i], path, err);
    }
    files_release(&f);
    kh_bundle_release(&b);
    return rc;
}

