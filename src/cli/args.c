/*
 * args.c — parse a command's arguments against its declared spec (args.h).
 *
 * One pass over argv.  Each word is a positional, the `--` that ends the
 * options, a long option (`--name`, `--name=value`) or a cluster of short
 * letters (`-sq`, `-o value`, `-ovalue`).  Long names are looked up first
 * in the command's table, then in the common table (db, user, lang, help),
 * so a command may not redeclare a common option by accident: the lookup
 * would simply find its own entry first, which is harmless.
 *
 * Storage: the parsed struct holds pointers, never copies.  A value is the
 * next argv word or the text after '=' (a suffix of an argv word, so it is
 * NUL-terminated); the option's *name* is its table entry, so `--name=value`
 * needs no copy of "name" — which is why there is no fixed table of names
 * and no limit on the number of arguments: the arrays are sized by argc.
 *
 * A word starting with '-' is positional when it is "-" alone or looks like
 * a negative number ("-5", "-0.5", "-.5"): targets and thresholds may be
 * negative and no option letter is a digit.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/args.h"
#include "cli/cmd.h"
#include "kaohe/error.h"
#include "kaohe/msg-cli.h"
#include "kaohe/xalloc.h"

static const struct kh_opt common_opts[] = {
    {"db", 0, KH_OPT_VALUE},
    {"user", 0, KH_OPT_VALUE},
    {"lang", 0, KH_OPT_VALUE},
    {"help", 'h', 0},
    {NULL, 0, 0},
};

static const struct kh_opt *find_long(const struct kh_opt *t, const char *name, size_t n)
{
    for (; t && t->name; t++)
        if (strlen(t->name) == n && strncmp(t->name, name, n) == 0)
            return t;
    return NULL;
}

static const struct kh_opt *find_short(const struct kh_opt *t, char c)
{
    for (; t && t->name; t++)
        if (t->letter == c)
            return t;
    return NULL;
}

static const struct kh_opt *lookup_long(const struct kh_args_spec *spec, const char *name, size_t n)
{
    const struct kh_opt *o = find_long(spec->opts, name, n);
    return o ? o : find_long(common_opts, name, n);
}

static const struct kh_opt *lookup_short(const struct kh_args_spec *spec, char c)
{
    const struct kh_opt *o = find_short(spec->opts, c);
    return o ? o : find_short(common_opts, c);
}

static bool is_positional(const char *w)
{
    if (w[0] != '-' || w[1] == '\0')
        return true;
    const char *p = w + 1;
    if (*p == '.')
        p++;
    return isdigit((unsigned char)*p) != 0;
}

/* Record o = val; a repeated option that is not KH_OPT_MANY replaces its
 * earlier value, so the last one wins. */
static void add_opt(struct kh_args *a, const struct kh_opt *o, const char *val)
{
    if (!(o->flags & KH_OPT_MANY))
        for (int i = 0; i < a->nopt; i++)
            if (a->opt[i] == o) {
                memmove(&a->opt[i], &a->opt[i + 1], (size_t)(a->nopt - i - 1) * sizeof *a->opt);
                memmove(&a->val[i], &a->val[i + 1], (size_t)(a->nopt - i - 1) * sizeof *a->val);
                a->nopt--;
                break;
            }
    a->opt[a->nopt] = o;
    a->val[a->nopt] = val;
    a->nopt++;
}

static int usage(const struct kh_cmd *cmd, struct kh_args *a, const struct kh_msg *m, const char *arg1,
                 const char *arg2)
{
    struct kh_error err;
    kh_error_msg(&err, KH_EUSAGE, NULL, 0, NULL, m, arg1, arg2, (const char *)NULL);
    kh_args_release(a);
    return kh_cmd_usage_fail(cmd, &err);
}

/* "--x" or "-x" as the user wrote it, for messages. */
static const char *spelled(char buf[80], const char *word, size_t n)
{
    snprintf(buf, 80, "%.*s", (int)n, word);
    return buf;
}

int kh_args_parse(const struct kh_cmd *cmd, const struct kh_args_spec *spec, int argc, char **argv,
                  struct kh_args *a)
{
    static const struct kh_args_spec none = {NULL, 0, -1};
    if (spec == NULL)
        spec = &none;
    size_t cap = argc > 0 ? (size_t)argc : 1;
    a->npos = a->nopt = 0;
    a->pos = kh_xcalloc(cap, sizeof *a->pos);
    a->opt = kh_xcalloc(cap, sizeof *a->opt);
    a->val = kh_xcalloc(cap, sizeof *a->val);
    char buf[80];
    bool only_pos = false;
    for (int i = 1; i < argc; i++) {
        char *w = argv[i];
        if (only_pos || is_positional(w)) {
            a->pos[a->npos++] = w;
            continue;
        }
        if (strcmp(w, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (w[1] == '-') {
            const char *name = w + 2;
            const char *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            const struct kh_opt *o = lookup_long(spec, name, n);
            if (o == NULL)
                return usage(cmd, a, &KH_M_CLI_UNKNOWN_OPTION, spelled(buf, w, n + 2), NULL);
            if (!(o->flags & KH_OPT_VALUE)) {
                if (eq)
                    return usage(cmd, a, &KH_M_CLI_NO_VALUE, spelled(buf, w, n + 2), NULL);
                add_opt(a, o, "");
            } else if (eq) {
                add_opt(a, o, eq + 1);
            } else if (i + 1 < argc) {
                add_opt(a, o, argv[++i]);
            } else {
                return usage(cmd, a, &KH_M_CLI_NEEDS_VALUE, w, NULL);
            }
            continue;
        }
        for (const char *p = w + 1; *p; p++) {
            const struct kh_opt *o = lookup_short(spec, *p);
            char letter[3] = {'-', *p, '\0'};
            if (o == NULL)
                return usage(cmd, a, &KH_M_CLI_UNKNOWN_OPTION, letter, NULL);
            if (!(o->flags & KH_OPT_VALUE)) {
                add_opt(a, o, "");
                continue;
            }
            if (p[1] != '\0')
                add_opt(a, o, p + 1);
            else if (i + 1 < argc)
                add_opt(a, o, argv[++i]);
            else
                return usage(cmd, a, &KH_M_CLI_NEEDS_VALUE, letter, NULL);
            break;
        }
    }
    if (a->npos < spec->lower)
        return usage(cmd, a, &KH_M_CLI_TOO_FEW, KH_ARG_LONG(spec->lower), NULL);
    if (spec->upper >= 0 && a->npos > spec->upper)
        return usage(cmd, a, &KH_M_CLI_TOO_MANY, KH_ARG_LONG(spec->upper), a->pos[spec->upper]);
    return 0;
}

void kh_args_release(struct kh_args *a)
{
    free(a->pos);
    free(a->opt);
    free(a->val);
    memset(a, 0, sizeof *a);
}

const char *kh_args_get(const struct kh_args *a, const char *name)
{
    for (int i = a->nopt - 1; i >= 0; i--)
        if (strcmp(a->opt[i]->name, name) == 0)
            return a->val[i];
    return NULL;
}

bool kh_args_has(const struct kh_args *a, const char *name)
{
    return kh_args_get(a, name) != NULL;
}

const char *kh_args_value(const struct kh_args *a, const char *name, int i)
{
    for (int k = 0; k < a->nopt; k++)
        if (strcmp(a->opt[k]->name, name) == 0 && i-- == 0)
            return a->val[k];
    return NULL;
}

int kh_args_count(const struct kh_args *a)
{
    return a->npos;
}

const char *kh_args_pos(const struct kh_args *a, int i)
{
    return i >= 0 && i < a->npos ? a->pos[i] : NULL;
}
