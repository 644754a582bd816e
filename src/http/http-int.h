/*
 * http-int.h — what the files of src/http share (kh__ prefix).
 *
 * A request (struct kh_req) lives in one arena: its parameters, fields,
 * path captures and the response body's pieces are allocated there and
 * freed with the request in one call.  The server (server.c) fills the
 * request from libmicrohttpd, route.c finds the route, checks who may open
 * it and whether a state-changing request carries its CSRF token, and
 * calls the handler with a store connection of its own; the handler calls
 * store operations and writes the response with the helpers below.
 *
 * Handlers come in two flavours on the same table: pages (HTML, forms,
 * redirects) and the JSON API under /api/v1.  An operation that changes
 * data is written once: it reads its fields with kh__field (form or JSON
 * body alike), calls the store, and ends with kh__done, which answers a
 * page with a redirect carrying the outcome and the API with JSON.
 */
#ifndef KAOHE_HTTP_INT_H
#define KAOHE_HTTP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "kaohe/arena.h"
#include "kaohe/authz.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/msg.h"
#include "kaohe/store-group.h"
#include "kaohe/store-session.h"
#include "kaohe/store.h"

struct MHD_Connection;
struct kh_form;
struct kh__server;

#define KH_REQ_MAXCAP 4

struct kh_req {
    struct kh__server *srv;
    struct MHD_Connection *conn;
    struct kh_arena arena;
    const char *method;          /* "GET", "POST", … */
    const char *path;            /* without the query */
    char addr[64];               /* client address */
    struct kh_buf body;          /* request body (capped) */
    bool body_too_big;
    json_t *json;                /* parsed JSON body (API), or NULL */
    struct kh_form *form;           /* parsed form body (request.c), or NULL */
    struct kh_store *store;      /* this request's connection */
    /* who */
    bool authed;
    bool bearer;                 /* authenticated by an API token */
    struct kh_actor actor;
    char secret[KH_SESSION_SECRET_HEX];   /* the session's secret ("" when none) */
    char csrf[KH_SESSION_SECRET_HEX];     /* its CSRF token */
    enum kh_lang lang;
    bool api;                    /* route under /api/v1 */
    const char *cap[KH_REQ_MAXCAP];  /* path captures (:cycle, :id…) */
    int ncap;
    /* response */
    int status;
    const char *ctype;
    struct kh_buf out;
    const char *location;        /* redirect target */
    const char *set_cookie[3];
    int nset_cookie;
    const char *disposition;     /* Content-Disposition */
    const char *etag;
    const char *refusal;         /* X-Kaohe-Error: the message id of a refusal */
    bool gzip_ok;                /* client accepts gzip */
    bool no_store;               /* Cache-Control: no-store (pages; not assets) */
    /* a submission handed to the group commit (kh__commit) */
    struct kh_store_job job;
    void (*then)(struct kh_req *r, int rc, const struct kh_error *err);
    bool queued;                 /* job waits for the committer; the connection is suspended */
};

/* T(r, "中文", "English"): the text in the request's language. */
#define T(r, zh, en) ((r)->lang == KH_LANG_EN ? (en) : (zh))

/* ---- request (request.c) ---- */
/* A query-string parameter, or NULL. */
const char *kh__query(struct kh_req *r, const char *name);
/* A field of the body: form-urlencoded or JSON object member (string or
 * number as text), or NULL when absent.  Trimmed of surrounding blanks. */
const char *kh__field(struct kh_req *r, const char *name);
/* kh__field, or "" when absent (for fields the store validates). */
const char *kh__fieldz(struct kh_req *r, const char *name);
/* A file part of a multipart/form-data body: its bytes (length in *len)
 * and the file name the browser sent, or NULL when there is none. */
const char *kh__upload(struct kh_req *r, const char *name, size_t *len, const char **filename);
/* Every non-empty file part named name, in order, into att (at most max;
 * bytes and names stay in the request's arena); returns how many.  A file
 * input left empty sends a part with no file name and no bytes: skipped. */
struct kh_attachment_in;
int kh__uploads(struct kh_req *r, const char *name, struct kh_attachment_in *att, int max);
/* Every field of a form body in order (none for JSON). */
struct form_view {
    int n;
    const char **names, **values;
};
void kh__form_fields(struct kh_req *r, struct form_view *fv);
/* A cookie, or NULL. */
const char *kh__cookie(struct kh_req *r, const char *name);
/* A request header, or NULL. */
const char *kh__header(struct kh_req *r, const char *name);
/* Parse the body once (JSON or form); KH_EINVAL with HTTP_BAD_JSON when the
 * API body is not a JSON object. */
int kh__parse_body(struct kh_req *r, struct kh_error *err);

/* ---- responses (response.c) ---- */
/* s (cut to 100 bytes) as a part of a download's file name, in the arena:
 * ASCII letters, digits and '-' kept, every other byte '_' — safe inside
 * Content-Disposition's quoted filename on every browser. */
const char *kh__file_name_part(struct kh_req *r, const char *s);
/* Status and content type; the body is r->out. */
void kh__respond(struct kh_req *r, int status, const char *ctype);
/* 303 See Other to url (page flows after a POST). */
void kh__redirect(struct kh_req *r, const char *url);
/* The end of a data-changing handler: rc 0 → page: redirect to back with
 * ?ok=done_zh/en, API: 200 with result (may be NULL: {"ok":true}; stolen);
 * rc != 0 → page: redirect to back with ?err=<message>, API: the error as
 * JSON with its HTTP status (kh__error_status). */
void kh__done(struct kh_req *r, int rc, const struct kh_error *err, const char *back,
              const char *done_zh, const char *done_en, json_t *result);
/* The HTTP status of an error code: EPERM 403, ESTATE 409, ENOTFOUND 404,
 * EINVAL/EDATA/EUSAGE 422, ETOOBIG 413, EBUSY 503, else 500. */
int kh__error_status(int code);
/* An error response: a page (HTML, in the layout when signed in) or JSON
 * {"error":{"code","message","field"}} for the API. */
void kh__fail(struct kh_req *r, int status, const struct kh_error *err);
/* The same for a change the bundle validator refused: under /api/v1 the
 * error object also carries "diagnostics", one {text, message, file,
 * line, field} per stored diagnostic of d, and "more" (how many were not
 * kept); a page is kh__fail's (pages that keep the typed input render
 * their own with kh__put_refusal). */
void kh__fail_diags(struct kh_req *r, int status, const struct kh_error *err, const struct kh_diags *d);
/* The same with a message of the catalog and its arguments. */
void kh__fail_msg(struct kh_req *r, int status, const struct kh_msg *m, ...)
    __attribute__((sentinel));
/* Send a JSON value (stolen) with status. */
void kh__json(struct kh_req *r, int status, json_t *v);

/* ---- page layout (page.c) ---- */
/* Open a page: doctype, head with CSS and the page's scripts (NULL-ended
 * list of asset names), the top bar (user, language switch, sign out) and
 * the cycle's tabs when cycle is not NULL; tab names the current one. */
void kh__page_begin(struct kh_req *r, const char *title, const struct kh_cycle_row *cycle,
                    const char *tab, const char *const *scripts);
void kh__page_end(struct kh_req *r);
/* The hidden CSRF field of a form. */
void kh__csrf_field(struct kh_req *r);
/* A refused change: err's message as an alert and the validator's located
 * diagnostics (d may be NULL) below it; nothing when err is NULL. */
struct kh_diags;
void kh__put_refusal(struct kh_req *r, const struct kh_error *err, const struct kh_diags *d);
/* The ?ok= / ?err= notice of a redirect, if any. */
void kh__notice(struct kh_req *r);
/* Load the cycle named by the first capture into c; on failure answer the
 * error and return false. */
bool kh__cycle(struct kh_req *r, struct kh_cycle_row *c);
/* The URL of an asset with its version (?v=etag) for caching. */
const char *kh__asset_url(struct kh_req *r, const char *name);
/* Pages opened from a link without an account (public-page.c): the
 * language (Chinese unless the kh_lang cookie says English), the frame
 * around the page's body, and a whole page of one sentence (err's text)
 * under title with status. */
void kh__public_lang(struct kh_req *r);
void kh__public_begin(struct kh_req *r, const char *title, const char *body_class);
void kh__public_end(struct kh_req *r);
void kh__public_outcome(struct kh_req *r, const char *title, int status, const struct kh_error *err, const char *cls);
/* The answer to a public submission (survey, ballot slip) whose store call
 * returned rc: 0 → the thank-you page saying thanks; KH_EINVAL → back to
 * the form at path form with ?err= (the form shows it); otherwise the
 * outcome page under title (404 unknown, 410 used/closed/expired, 503). */
void kh__public_submitted(struct kh_req *r, int rc, const struct kh_error *err, const char *form, const char *title,
                          const char *thanks);

/* ---- rows (rows.c) ---- */
/* Store rows collected into the arena: rows[i][j]. */
struct kh__rows {
    struct kh_req *r;
    int ncols;
    long n, cap;
    const char ***rows;
    long limit;      /* keep at most this many (0 = all); `n` counts all */
    long total;
};
int kh__rows_fn(void *ctx, int ncols, const char *const *cells);
void kh__rows_init(struct kh__rows *x, struct kh_req *r, long limit);
/* Rows as a JSON array of objects with the given column names. */
json_t *kh__rows_json(const struct kh__rows *x, const char *const *names);
/* Parse CSV text (header line + rows) into x; names receives the header. */
int kh__rows_csv(struct kh__rows *x, const char *csv, const char ***names, struct kh_error *err);
/* A number cell for display: decimals 2 = the method's round2 then two
 * decimals (scores), n > 0 = n decimals, -1 = up to 4 decimals without
 * trailing zeros (raw values).  Non-numbers come back unchanged.  Display
 * only: downloads and the API keep the stored text. */
const char *kh__fmt(struct kh_req *r, const char *cell, int decimals);
/* Index of column name in names (ncols), or -1. */
int kh__col(const char *const *names, int ncols, const char *name);

/* A scheme file of the cycle by code (column 0): units.csv, indicators.csv,
 * cadres.csv… for names in tables.  kh__name_of gives the name, or the code
 * itself when unknown; kh__names_row the whole row or NULL. */
#include "kaohe/strmap.h"
struct kh__names {
    struct kh__rows x;
    struct kh_strmap m;
    int name_col;
};
int kh__names_load(struct kh__names *n, struct kh_req *r, const char *cycle, const char *file);
const char *kh__name_of(const struct kh__names *n, const char *code);
const char **kh__names_row(const struct kh__names *n, const char *code);
void kh__names_release(struct kh__names *n);

/* ---- tracking rows (warnings-table.c) ---- */
/* "红" / "red" etc. for a level (red, yellow, green) in r's language; any
 * other string as it is. */
const char *kh__level_text(struct kh_req *r, const char *level);
/* Rows of w (unit, indicator, period, expected, actual, ratio, level: the
 * shape of warnings.csv and kh_store_progress) as <table id=id>: a unit
 * column named from units unless units is NULL, the indicator named from
 * leaves, green rows only when with_green. */
void kh__warnings_table(struct kh_req *r, const char *id, const struct kh__rows *w, const struct kh__names *units,
                        const struct kh__names *leaves, bool with_green);

/* ---- session (session.c) ---- */
/* Establish r->actor from the Authorization header or the session cookie
 * (also the language).  Never fails: unknown credentials leave r->authed
 * false. */
void kh__authenticate(struct kh_req *r);
/* Whether a state-changing request carries the session's CSRF token
 * (requests with an API token need none). */
bool kh__csrf_ok(struct kh_req *r);
/* Login rate limit (session.c): may user/addr try now?  retry_after
 * receives seconds to wait when not. */
bool kh__login_allowed(struct kh__server *srv, const char *user, const char *addr,
                       long *retry_after);
void kh__login_failed(struct kh__server *srv, const char *user, const char *addr);
void kh__login_succeeded(struct kh__server *srv, const char *user, const char *addr);
/* Commit r->job (prepared by a store *_job function) and answer with
 * then(r, rc, err) once its outcome is durable: on this thread as its own
 * transaction, or — when the server runs a group commit — after the
 * connection has been suspended and the committer's COMMIT has returned
 * (server.c).  The handler returns right after; then renders the answer. */
void kh__commit(struct kh_req *r, void (*then)(struct kh_req *r, int rc, const struct kh_error *err));
/* Session settings of the server. */
long kh__session_idle(const struct kh__server *srv);
long kh__session_max(const struct kh__server *srv);
bool kh__server_tls(const struct kh__server *srv);

/* ---- assets (assets.c) ---- */
/* Serve /assets/NAME (ETag, 304, gzip); false when there is no such asset. */
bool kh__asset_serve(struct kh_req *r, const char *name);
const char *kh__asset_etag(const char *name);
void kh__assets_init(void);

/* ---- routes (route.c) ---- */
typedef void (*kh__handler)(struct kh_req *r);
/* Dispatch a complete request. */
void kh__dispatch(struct kh_req *r);

#endif
