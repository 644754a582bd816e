/*
 * cmd-serve.c — `kaohe serve`: the web application (http.h).  This file
 * only reads options; the server and its routes live in src/http.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/http.h"
#include "kaohe/lang.h"

static int run_serve(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"listen", 0, KH_OPT_VALUE},
    {"port-file", 0, KH_OPT_VALUE},
    {"threads", 0, KH_OPT_VALUE},
    {"tls-cert", 0, KH_OPT_VALUE},
    {"tls-key", 0, KH_OPT_VALUE},
    {"no-group-commit", 0, 0},
    {"routes", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_serve = {
    .name = "serve",
    .summary_zh = "启动网页应用（考核办、填报部门、评价人、乡镇在浏览器中使用）",
    .summary_en = "run the web application (office, bureaus, raters and townships in a browser)",
    .help_zh = "用法: kaohe serve [--db 数据库] [--listen 127.0.0.1:8080] [--threads N]\n"
               "                   [--tls-cert 证书.pem --tls-key 私钥.pem] [--no-group-commit] [--routes]\n"
               "  --listen 地址:端口   监听地址，默认 127.0.0.1:8080（端口 0 = 任选空闲端口）\n"
               "  --threads N          工作线程数（= 数据库连接数），默认 4\n"
               "  --tls-cert/--tls-key 直接提供 HTTPS；或部署在 nginx 之后（见 docs/web.md）\n"
               "  --port-file 文件     把实际监听的端口写入文件（测试用）\n"
               "  --no-group-commit    公众提交（问卷、测评票）逐条提交，不合并提交（默认合并，见 docs/web.md）\n"
               "  --routes             列出路由表（方法、路径、动作、可访问的角色）后退出\n"
               "  环境变量 KAOHE_SESSION_IDLE：会话空闲超时秒数（默认 1800）\n"
               "  SIGTERM 或 Ctrl-C：处理完进行中的请求后退出。\n",
    .help_en = "usage: kaohe serve [--db DATABASE] [--listen 127.0.0.1:8080] [--threads N]\n"
               "                   [--tls-cert CERT.pem --tls-key KEY.pem] [--no-group-commit] [--routes]\n"
               "  --listen ADDR:PORT   where to listen, default 127.0.0.1:8080 (port 0 = any free port)\n"
               "  --threads N          worker threads (= database connections), default 4\n"
               "  --tls-cert/--tls-key serve HTTPS directly; or deploy behind nginx (docs/web.md)\n"
               "  --port-file FILE     write the bound port to FILE (for tests)\n"
               "  --no-group-commit    commit each public submission (survey, ballot) on its own (default: group commit, docs/web.md)\n"
               "  --routes             print the route table (method, path, actions, roles) and exit\n"
               "  Environment KAOHE_SESSION_IDLE: session idle timeout in seconds (default 1800)\n"
               "  SIGTERM or Ctrl-C: finish the requests in flight, then exit.\n",
    .args = {opts, 0, 0},
    .run = run_serve,
};

static int run_serve(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    if (kh_args_get(a, "routes")) {
        kh_http_print_routes();
        return KH_EXIT_OK;
    }
    struct kh_http_opts o = {0};
    o.db = kh_store_default_target(kh_args_get(a, "db"));
    o.listen = kh_args_get(a, "listen");
    const char *t = kh_args_get(a, "threads");
    o.threads = t ? atoi(t) : 4;
    if (o.threads < 1 || o.threads > 256)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--threads 需要 1–256", "--threads needs 1–256"));
    o.tls_cert = kh_args_get(a, "tls-cert");
    o.tls_key = kh_args_get(a, "tls-key");
    o.port_file = kh_args_get(a, "port-file");
    o.no_group_commit = kh_args_has(a, "no-group-commit");
    const char *idle = getenv("KAOHE_SESSION_IDLE");
    o.session_idle = idle ? atol(idle) : 0;
    struct kh_error err;
    kh_error_clear(&err);
    rc = kh_http_serve(&o, &err);
    if (rc != 0)
        return kh__cli_fail(cmd, &err);
    return KH_EXIT_OK;
}
