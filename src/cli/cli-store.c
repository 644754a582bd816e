/*
 * cli-store.c — opening the database and authenticating the actor for the
 * database commands (cli-store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

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

int kh__cli_open(const struct kh_cmd *cmd, const struct kh_args *a, bool create,
                 struct kh_store **s, struct kh_actor *actor)
{
    struct kh_error err;
    kh_error_clear(&err);
    *s = NULL;
    const char *target = kh_store_default_target(kh_args_get(a, "db"));
    struct kh_store *st;
    int rc = kh_store_open(target, create, &st, &err);
    if (rc != 0)
        return kh__cli_fail(cmd, &err);
    const char *user = kh_args_get(a, "user");
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
