/*
 * server.c — kaohe serve on libmicrohttpd (http.h).
 *
 * Threads.  MHD runs a pool of `threads` worker threads over epoll
 * (MHD_USE_EPOLL_INTERNAL_THREAD with a thread-pool size); each request is
 * handled entirely on the thread that received it.  Store connections are
 * a pool of the same size, handed out per request under a mutex, so a
 * request never waits for another's connection and SQLite connections are
 * never shared between threads.
 *
 * The access handler.  MHD calls it several times per request: the first
 * call only creates the request (arena, body buffer) and returns — answering
 * on the first call drops keep-alive (DEPENDENCIES.md) —, the calls with
 * upload data append to the body up to body_max (past it the body is
 * dropped and the request answered 413 at its end), and the last call
 * (no more data) dispatches.  The completed-request callback frees the
 * request's arena: one release per request.
 *
 * Limits.  A connection idle for `timeout` seconds is closed by MHD (slow
 * clients cannot hold a worker); a body past body_max is refused with 413;
 * MHD_OPTION_CONNECTION_MEMORY_LIMIT bounds the header size.
 *
 * Group commit.  Public submissions (survey answers, ballot slips) are
 * handed to a group commit (store-group.h) instead of committing one by
 * one: the handler prepares the job, the access handler suspends the
 * connection and queues the job, and the worker thread is free for the
 * next request at once — so a hundred citizens submitting at the same
 * moment are a hundred jobs in the committer's queue, not a hundred
 * fsyncs in a row.  The committer resumes the connection after its COMMIT;
 * MHD calls the access handler again, which renders the answer (then).
 * The answer "submitted" is thus never sent before the data is durable.
 * The connection is suspended before its job is queued, so a resume can
 * never overtake its suspend.  --no-group-commit (or a draining server)
 * commits each submission on its own worker, through the same job.
 *
 * Shutdown.  SIGTERM/SIGINT set a flag the main thread polls;
 * MHD_quiesce_daemon stops accepting; new submissions are then committed
 * on their own workers ("draining"), the main thread waits until no
 * connection is suspended for the committer (MHD must not be stopped with
 * one), then MHD_stop_daemon waits for the requests in flight, and only
 * then are the committer and the store connections closed.  Every write is
 * one store transaction, so a request cut short by a kill leaves nothing
 * half-written (the store's guarantee, not ours).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include "http/http-int.h"
#include "kaohe/http.h"
#include "kaohe/msg-http.h"
#include "kaohe/xalloc.h"

struct kh__server {
    struct kh_http_opts opts;
    pthread_mutex_t pool_mu;
    pthread_cond_t pool_cv;
    struct kh_store **pool;
    int npool, nfree;
    struct kh_store **free_list;
    struct kh_store_group *group;   /* NULL: every submission commits on its own */
    pthread_mutex_t group_mu;       /* guards draining and suspended */
    bool draining;
    int suspended;                  /* connections waiting for the committer */
};

long kh__session_idle(const struct kh__server *srv) { return srv->opts.session_idle; }
long kh__session_max(const struct kh__server *srv) { return srv->opts.session_max; }
bool kh__server_tls(const struct kh__server *srv) { return srv->opts.tls_cert != NULL; }

static struct kh_store *pool_get(struct kh__server *srv)
{
    pthread_mutex_lock(&srv->pool_mu);
    while (srv->nfree == 0)
        pthread_cond_wait(&srv->pool_cv, &srv->pool_mu);
    struct kh_store *s = srv->free_list[--srv->nfree];
    pthread_mutex_unlock(&srv->pool_mu);
    return s;
}

static void pool_put(struct kh__server *srv, struct kh_store *s)
{
    pthread_mutex_lock(&srv->pool_mu);
    srv->free_list[srv->nfree++] = s;
    pthread_cond_signal(&srv->pool_cv);
    pthread_mutex_unlock(&srv->pool_mu);
}

/* The committer's news for a queued request (on the committer's thread). */
static void job_done(struct kh_store_job *job)
{
    struct kh_req *r = job->owner;
    MHD_resume_connection(r->conn);
}

void kh__commit(struct kh_req *r, void (*then)(struct kh_req *r, int rc, const struct kh_error *err))
{
    struct kh__server *srv = r->srv;
    bool queue = false;
    if (srv->group != NULL) {
        pthread_mutex_lock(&srv->group_mu);
        queue = !srv->draining;
        srv->suspended += queue;
        pthread_mutex_unlock(&srv->group_mu);
    }
    if (queue) {   /* access_cb suspends the connection, then queues the job */
        r->then = then;
        r->queued = true;
        r->job.done = job_done;
        r->job.owner = r;
        return;
    }
    kh_store_job_run(r->store, &r->job);
    then(r, r->job.rc, &r->job.err);
    kh_store_job_release(&r->job);
}

/* A queued request is over: answered, or its client went away while the
 * job was committed (MHD then ends the resumed connection without calling
 * the access handler again — completed_cb counts it). */
static void unsuspended(struct kh__server *srv)
{
    pthread_mutex_lock(&srv->group_mu);
    srv->suspended--;
    pthread_mutex_unlock(&srv->group_mu);
}

/* The access handler's second pass over a request whose job has been
 * committed: the answer, then the connection counts as no longer waiting. */
static void resume_answer(struct kh__server *srv, struct kh_req *r)
{
    r->queued = false;
    r->store = pool_get(srv);
    r->then(r, r->job.rc, &r->job.err);
    pool_put(srv, r->store);
    r->store = NULL;
    kh_store_job_release(&r->job);
    unsuspended(srv);
}

static void client_addr(struct MHD_Connection *c, char out[64])
{
    snprintf(out, 64, "?");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, 64);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, 64);
}

/* The headers every response carries (pages and API alike). */
static void security_headers(struct MHD_Response *resp, bool tls)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    if (tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(struct kh_req *r)
{
    size_t len = r->out.len;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, len ? r->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (resp == NULL)
        return MHD_NO;
    security_headers(resp, kh__server_tls(r->srv));
    if (r->ctype)
        MHD_add_response_header(resp, "Content-Type", r->ctype);
    if (r->location)
        MHD_add_response_header(resp, "Location", r->location);
    for (int i = 0; i < r->nset_cookie; i++)
        MHD_add_response_header(resp, "Set-Cookie", r->set_cookie[i]);
    if (r->disposition)
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->etag) {
        MHD_add_response_header(resp, "ETag", r->etag);
        MHD_add_response_header(resp, "Cache-Control", "public, max-age=31536000, immutable");
    } else if (r->no_store) {
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    }
    if (r->refusal)
        MHD_add_response_header(resp, "X-Kaohe-Error", r->refusal);
    if (r->gzip_ok)
        MHD_add_response_header(resp, "Content-Encoding", "gzip");
    if (r->status == 429)
        MHD_add_response_header(resp, "Retry-After", "900");
    MHD_add_response_header(resp, "Vary", "Accept-Encoding, Accept-Language, Cookie");
    enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload,
                                 size_t *upload_size, void **con_cls)
{
    (void)version;
    struct kh__server *srv = cls;
    struct kh_req *r = *con_cls;
    if (r == NULL) {
        r = kh_xcalloc(1, sizeof *r);
        kh_arena_init(&r->arena, 16384);
        r->srv = srv;
        r->conn = conn;
        r->method = kh_arena_strdup(&r->arena, method);
        r->path = kh_arena_strdup(&r->arena, url);
        kh_buf_init(&r->body, srv->opts.body_max);
        kh_buf_init(&r->out, 0);
        r->status = 200;
        r->no_store = true;
        client_addr(conn, r->addr);
        *con_cls = r;
        return MHD_YES;
    }
    if (r->queued) {   /* resumed by the committer: its outcome is durable */
        resume_answer(srv, r);
        return send_response(r);
    }
    if (*upload_size > 0) {
        if (!r->body_too_big && kh_buf_append(&r->body, upload, *upload_size) != 0) {
            r->body_too_big = true;
            kh_buf_release(&r->body);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    r->store = pool_get(srv);
    if (r->body_too_big) {
        kh__authenticate(r);
        r->api = strncmp(r->path, "/api/", 5) == 0;
        kh__fail_msg(r, 413, &KH_M_HTTP_BODY_TOO_BIG, KH_ARG_SIZE(srv->opts.body_max), (const char *)NULL);
    } else {
        kh__dispatch(r);
    }
    pool_put(srv, r->store);
    r->store = NULL;
    if (r->queued) {
        MHD_suspend_connection(conn);
        kh_store_group_add(srv->group, &r->job);
        return MHD_YES;
    }
    return send_response(r);
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn, (void)toe;
    struct kh_req *r = *con_cls;
    if (r == NULL)
        return;
    if (r->queued)   /* committed, but the client left before its answer */
        unsuspended(cls);
    if (r->json)
        json_decref(r->json);
    kh_store_job_release(&r->job);
    kh_buf_release(&r->body);
    kh_buf_release(&r->out);
    kh_arena_release(&r->arena);
    free(r);
    *con_cls = NULL;
}

static volatile sig_atomic_t stop_flag;
static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct kh_error *err)
{
    char host[64] = "127.0.0.1";
    const char *colon = strrchr(listen, ':');
    const char *port = colon ? colon + 1 : listen;
    if (colon) {
        size_t n = (size_t)(colon - listen);
        if (n == 0 || n >= sizeof host)
            return KH_ERR(err, KH_EUSAGE, HTTP_LISTEN_BAD, listen);
        memcpy(host, listen, n);
        host[n] = '\0';
    }
    char *end;
    long p = strtol(port, &end, 10);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (*port == '\0' || *end != '\0' || p < 0 || p > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return KH_ERR(err, KH_EUSAGE, HTTP_LISTEN_BAD, listen);
    sa->sin_port = htons((uint16_t)p);
    return 0;
}

static char *read_pem(const char *path, struct kh_error *err)
{
    struct kh_buf b = KH_BUF_INIT;
    if (kh_buf_read_file(&b, path, err) != 0)
        return NULL;
    return kh_buf_detach(&b, NULL);
}

int kh_http_serve(const struct kh_http_opts *opts, struct kh_error *err)
{
    struct kh__server srv;
    memset(&srv, 0, sizeof srv);
    srv.opts = *opts;
    if (srv.opts.threads <= 0)
        srv.opts.threads = 4;
    if (srv.opts.session_idle <= 0)
        srv.opts.session_idle = 1800;
    if (srv.opts.session_max <= 0)
        srv.opts.session_max = 43200;
    if (srv.opts.body_max == 0)   /* an appeal's files (10 MiB, store-attachment.h) and its form */
        srv.opts.body_max = 12u << 20;
    if (srv.opts.timeout == 0)
        srv.opts.timeout = 30;
    if ((opts->tls_cert == NULL) != (opts->tls_key == NULL))
        return KH_ERR(err, KH_EUSAGE, HTTP_TLS_BOTH);
    struct sockaddr_in sa;
    int rc = parse_listen(opts->listen ? opts->listen : "127.0.0.1:8080", &sa, err);
    if (rc != 0)
        return rc;
    char *cert = NULL, *key = NULL;
    if (opts->tls_cert && ((cert = read_pem(opts->tls_cert, err)) == NULL ||
                           (key = read_pem(opts->tls_key, err)) == NULL)) {
        free(cert);
        return KH_EIO;
    }
    srv.npool = srv.opts.threads;
    srv.pool = kh_xcalloc((size_t)srv.npool, sizeof *srv.pool);
    srv.free_list = kh_xcalloc((size_t)srv.npool, sizeof *srv.free_list);
    pthread_mutex_init(&srv.pool_mu, NULL);
    pthread_cond_init(&srv.pool_cv, NULL);
    for (int i = 0; i < srv.npool && rc == 0; i++) {
        rc = kh_store_open(opts->db, false, &srv.pool[i], err);
        if (rc == 0)
            srv.free_list[srv.nfree++] = srv.pool[i];
    }
    pthread_mutex_init(&srv.group_mu, NULL);
    if (rc == 0 && !opts->no_group_commit)
        rc = kh_store_group_start(opts->db, 0, &srv.group, err);
    kh__assets_init();
    struct MHD_Daemon *d = NULL;
    if (rc == 0) {
        unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
        if (cert)
            flags |= MHD_USE_TLS;
        d = MHD_start_daemon(flags, 0, NULL, NULL, access_cb, &srv,
                             MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv.opts.threads,
                             MHD_OPTION_CONNECTION_TIMEOUT, srv.opts.timeout,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
                             MHD_OPTION_NOTIFY_COMPLETED, completed_cb, &srv,
                             cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
                             MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
        if (d == NULL)
            rc = KH_ERR(err, KH_EIO, HTTP_LISTEN_FAILED, opts->listen ? opts->listen : "127.0.0.1:8080",
                        strerror(errno));
    }
    if (rc == 0) {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        unsigned port = di ? di->port : 0;
        char host[64];
        inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
        fprintf(stderr, "kaohe serve: %s://%s:%u/\n", cert ? "https" : "http", host, port);
        if (opts->port_file) {
            FILE *f = fopen(opts->port_file, "w");
            if (f) {
                fprintf(f, "%u\n", port);
                fclose(f);
            }
        }
        struct sigaction act;
        memset(&act, 0, sizeof act);
        act.sa_handler = on_signal;
        sigaction(SIGTERM, &act, NULL);
        sigaction(SIGINT, &act, NULL);
        signal(SIGPIPE, SIG_IGN);
        while (!stop_flag)
            pause();
        fprintf(stderr, "kaohe serve: stopping (requests in flight finish)\n");
        MHD_quiesce_daemon(d);
        pthread_mutex_lock(&srv.group_mu);
        srv.draining = true;
        pthread_mutex_unlock(&srv.group_mu);
        for (;;) {   /* the committer resumes every suspended connection */
            pthread_mutex_lock(&srv.group_mu);
            int waiting = srv.suspended;
            pthread_mutex_unlock(&srv.group_mu);
            if (waiting == 0)
                break;
            struct timespec ts = {0, 5000000};
            nanosleep(&ts, NULL);
        }
        MHD_stop_daemon(d);
    }
    if (srv.group != NULL) {
        long jobs, commits;
        kh_store_group_counts(srv.group, &jobs, &commits);
        if (jobs > 0)
            fprintf(stderr, "kaohe serve: %ld submissions in %ld commits\n", jobs, commits);
        kh_store_group_stop(srv.group);
    }
    pthread_mutex_destroy(&srv.group_mu);
    for (int i = 0; i < srv.npool; i++)
        kh_store_close(srv.pool[i]);
    free(srv.pool);
    free(srv.free_list);
    pthread_mutex_destroy(&srv.pool_mu);
    pthread_cond_destroy(&srv.pool_cv);
    free(cert);
    free(key);
    return rc;
}
