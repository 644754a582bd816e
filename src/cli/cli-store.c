/*
 * cli-store.c — option parsing, opening the database and authenticating
 * the actor for the database commands (cli-store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static bool in_list(const char *list, const char *name, size_t n)
{
    const char *p = list;
    while (p && *p) {
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, " ");
        if (k == n && strncmp(p, name, n) == 0)
            return true;
        p += k;
    }
    return false;
}

int kh__cli_args(const struct kh_cmd *cmd, int argc, char **argv, const char *valued,
                 const char *flags, struct kh_cli_args *a)
{
    memset(a, 0, sizeof *a);
    bool only_pos = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_pos && strcmp(arg, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (only_pos || strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
            if (a->npos == KH_CLI_MAXARGS)
                return kh_cmd_usage_error(cmd, "%s", KH_TR("参数太多", "too many arguments"));
            a->pos[a->npos++] = argv[i];
            continue;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        const char *val;
        if (in_list(valued, name, n) || in_list("db user", name, n)) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return kh_cmd_usage_error(cmd, KH_TR("选项 %s 需要一个值", "option %s needs a value"),
                                          arg);
        } else if (in_list(flags, name, n) && eq == NULL) {
            val = "";
        } else {
            return kh_cmd_usage_error(cmd, KH_TR("未知选项 %s", "unknown option %s"), arg);
        }
        if (a->nopt == KH_CLI_MAXARGS)
            return kh_cmd_usage_error(cmd, "%s", KH_TR("参数太多", "too many arguments"));
        /* Store the name without "=value": point into a static-lifetime argv copy. */
        static char names[KH_CLI_MAXARGS][64];
        snprintf(names[a->nopt], sizeof names[0], "%.*s", (int)n, name);
        a->optname[a->nopt] = names[a->nopt];
        a->optval[a->nopt] = val;
        a->nopt++;
    }
    return 0;
}

const char *kh__cli_opt(const struct kh_cli_args *a, const char *name)
{
    for (int i = a->nopt - 1; i >= 0; i--)
        if (strcmp(a->optname[i], name) == 0)
            return a->optval[i];
    return NULL;
}

int kh__cli_fail(const struct kh_cmd *cmd, const struct kh_error *err)
{
    kh_cmd_print_error(cmd->name, err);
    switch (err->code) {
    case KH_EINVAL:
    case KH_EUSAGE:
        return KH_EXIT_INPUT;
    default:
        return KH_EXIT_FAIL;
    }
}

int kh__cli_password(const char *prompt, char *out, size_t n)
{
    const char *env = getenv("KAOHE_PASSWORD");
    if (env != NULL) {
        snprintf(out, n, "%s", env);
        return 0;
    }
    FILE *tty = fopen("/dev/tty", "r+");
    if (tty == NULL)
        return -1;
    struct termios old, quiet;
    int fd = fileno(tty);
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    fprintf(tty, "%s", prompt);
    fflush(tty);
    int rc = fgets(out, (int)n, tty) ? 0 : -1;
    if (restore)
        tcsetattr(fd, TCSAFLUSH, &old);
    fprintf(tty, "\n");
    fclose(tty);
    out[strcspn(out, "\r\n")] = '\0';
    return rc;
}

int kh__cli_open(const struct kh_cmd *cmd, const struct kh_cli_args *a, bool create,
                 struct kh_store **s, struct kh_actor *actor)
{
    struct kh_error err;
    kh_error_clear(&err);
    *s = NULL;
    const char *target = kh_store_default_target(kh__cli_opt(a, "db"));
    struct kh_store *st;
    int rc = kh_store_open(target, create, &st, &err);
    if (rc != 0)
        return kh__cli_fail(cmd, &err);
    const char *user = kh__cli_opt(a, "user");
    if (user == NULL)
        user = getenv("KAOHE_USER");
    if (user != NULL && user[0] != '\0') {
        char pw[256];
        if (kh__cli_password(KH_TR("密码: ", "password: "), pw, sizeof pw) != 0) {
            fprintf(stderr, "kaohe %s: %s\n", cmd->name,
                    KH_TR("需要密码：设置 KAOHE_PASSWORD 或在终端输入",
                          "a password is needed: set KAOHE_PASSWORD or run on a terminal"));
            kh_store_close(st);
            return KH_EXIT_FAIL;
        }
        rc = kh_store_login(st, user, pw, actor, &err);
        memset(pw, 0, sizeof pw);
    } else {
        rc = kh_store_actor_builtin(st, actor, &err);
    }
    if (rc != 0) {
        kh_store_close(st);
        return kh__cli_fail(cmd, &err);
    }
    *s = st;
    return 0;
}
