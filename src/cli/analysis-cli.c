/*
 * analysis-cli.c — helpers of the analysis subcommands (analysis-cli.h).
 *
 * Output is made elsewhere: text, CSV and JSON by the renderers of
 * src/report (JSON numbers with 17 significant digits, json-dump.h); this
 * file only moves bytes between those buffers and files or stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/xalloc.h"

int kh__cli_read(const struct kh_cmd *cmd, const char *path, struct kh_buf *b)
{
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_buf_read_file(b, path, &err) != 0) {
        if (err.file[0] == '\0')
            kh__cli_err_file(&err, path);
        kh_cmd_print_error(cmd->name, &err);
        return KH_EXIT_INPUT;
    }
    return 0;
}

int kh__cli_write(const struct kh_cmd *cmd, const char *path, const struct kh_buf *b)
{
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_buf_write_file(b, path, &err) != 0) {
        if (err.file[0] == '\0')
            kh__cli_err_file(&err, path);
        kh_cmd_print_error(cmd->name, &err);
        return KH_EXIT_FAIL;
    }
    return 0;
}

int kh__cli_print(const struct kh_buf *b)
{
    if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
        return KH_EXIT_FAIL;
    return KH_EXIT_OK;
}

void kh__cli_err_file(struct kh_error *err, const char *path)
{
    size_t l = strlen(path);
    if (l >= sizeof err->file)
        l = sizeof err->file - 1;
    memcpy(err->file, path, l);
    err->file[l] = '\0';
}

char **kh__cli_split(const char *s, size_t *n)
{
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        while (len > 0 && s[0] == ' ') {
            s++;
            len--;
        }
        while (len > 0 && s[len - 1] == ' ')
            len--;
        if (len > 0) {
            KH_GROW(v, *n + 1, cap);
            v[(*n)++] = kh_xstrndup(s, len);
        }
        if (!e)
            break;
        s = e + 1;
    }
    return v;
}

void kh__cli_free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}
