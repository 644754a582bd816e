/*
 * http.h — `kaohe serve`: the web application and its JSON API.
 *
 * The server is a second thin shell over the store, beside the CLI: every
 * page and API call names one or more actions of authz.h's table in the
 * route table (src/http/route.c) and then calls the same store operation
 * the CLI calls, which makes the real check.  Nothing under src/http knows
 * a workflow rule.  docs/web.md describes the pages, the API and the
 * deployment.
 */
#ifndef KAOHE_HTTP_H
#define KAOHE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct kh_error;

struct kh_http_opts {
    const char *db;            /* store target (path or postgresql://…) */
    const char *listen;        /* "127.0.0.1:8080"; port 0 = any free port */
    int threads;               /* worker threads (= store connections); 0 = 4 */
    const char *tls_cert;      /* PEM files; both or neither */
    const char *tls_key;
    long session_idle;         /* seconds; 0 = 1800 */
    long session_max;          /* seconds; 0 = 43200 (12 h) */
    size_t body_max;           /* bytes; 0 = 12 MiB */
    unsigned timeout;          /* seconds a connection may be idle; 0 = 30 */
    const char *port_file;     /* when not NULL, the bound port is written there */
    bool no_group_commit;      /* commit each public submission on its own (server.c) */
};

/* Run until SIGTERM or SIGINT; requests in flight finish first.  Returns
 * 0 after a clean shutdown, or an error (bad --listen, port taken, store
 * not openable). */
int kh_http_serve(const struct kh_http_opts *opts, struct kh_error *err);

/* Print the route table (method, path, actions, roles that may open it,
 * api) as tab-separated lines: what tests/http's role × route matrix
 * iterates over. */
void kh_http_print_routes(void);

#endif
