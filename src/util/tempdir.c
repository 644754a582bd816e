/*
 * tempdir.c — private scratch folders (tempdir.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kaohe/buf.h"
#include "kaohe/tempdir.h"

char *kh_temp_dir_make(const char *prefix)
{
    const char *t = getenv("TMPDIR");
    struct kh_buf p = KH_BUF_INIT;
    kh_buf_printf(&p, "%s/%s.XXXXXX", t && t[0] ? t : "/tmp", prefix);
    char *path = kh_buf_detach(&p, NULL);
    if (mkdtemp(path) == NULL) {
        free(path);
        return NULL;
    }
    return path;
}

void kh_temp_dir_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct kh_buf path = KH_BUF_INIT;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        kh_buf_reset(&path);
        kh_buf_printf(&path, "%s/%s", dir, e->d_name);
        unlink(kh_buf_cstr(&path));
    }
    kh_buf_release(&path);
    closedir(d);
    rmdir(dir);
}
