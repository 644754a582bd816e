/*
 * api.c — the JSON reads of /api/v1 and its OpenAPI document.
 *
 * Changes go through the page handlers (kh__done answers JSON under
 * /api/v1), so this file has only reads: each calls the same store
 * operation as its page and turns the rows into an array of objects named
 * by the columns.  Errors are {"error": {"code", "status", "message",
 * "field"}}: `code` the stable message id (msg-*.h), `message` in the
 * request's language (Accept-Language, or the kh_lang cookie).
 *
 * The OpenAPI 3.0 document is generated from the route table, so a route
 * cannot exist without being described: paths, methods, the actions that
 * open each (x-kaohe-actions) and which roles those allow.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/store-attachment.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-load.h"
#include "kaohe/store-setup.h"
#include "kaohe/store-workflow.h"

#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void rows_out(struct kh_req *r, int rc, const struct kh_error *err, const struct kh__rows *x,
                     const char *const *names)
{
    if (rc != 0)
        kh__fail(r, kh__error_status(rc), err);
    else
        kh__json(r, 200, kh__rows_json(x, names));
}

#define READ(call, names)                                 \
    do {                                                  \
        struct kh_error err;                              \
        kh_error_clear(&err);                             \
        struct kh__rows x;                                \
        kh__rows_init(&x, r, 0);                          \
        int rc = (call);                                  \
        rows_out(r, rc, &err, &x, names);                 \
    } while (0)

void kh__h_api_me(struct kh_req *r)
{
    kh__json(r, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "user", r->actor.name, "role",
                               kh_role_name(r->actor.role), "unit", r->actor.unit, "department",
                               r->actor.department, "rater", r->actor.rater, "lang", kh_lang_code(r->lang)));
}

void kh__h_api_cycles(struct kh_req *r)
{
    READ(kh_store_cycles_list(r->store, &r->actor, kh__rows_fn, &x, &err), COLS("code", "name", "state", "previous"));
}

void kh__h_api_cycle(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    long open = 0;
    kh_store_cycle_open_appeals(r->store, &r->actor, c.code, &open, NULL);
    kh__json(r, 200, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "code", c.code, "name", c.name, "state",
                               kh_cycle_state_name(c.state), "previous", c.previous, "state_since", c.state_since,
                               "computed_at", c.computed_at, "open_appeals", (int)open));
}

void kh__h_api_targets(struct kh_req *r)
{
    READ(kh_store_targets_list(r->store, &r->actor, r->cap[0], kh__query(r, "unit"), kh__rows_fn, &x, &err),
         COLS("unit", "indicator", "target", "baseline", "status", "note", "review_note"));
}

void kh__h_api_ratings(struct kh_req *r)
{
    READ(kh_store_ratings_list(r->store, &r->actor, r->cap[0], kh__rows_fn, &x, &err),
         COLS("rater", "ratee", "item", "score", "status"));
}

void kh__h_api_appeals(struct kh_req *r)
{
    READ(kh_store_appeals_list(r->store, &r->actor, r->cap[0], false, kh__rows_fn, &x, &err),
         COLS("id", "unit", "indicator", "state", "reason", "filed_by", "filed_at", "decided_by", "decided_at",
              "decision", "new_value"));
}

/* The files of one appeal (appeal.attachment, checked by the store);
 * each downloads from /api/v1/appeals/ID/attachments/N. */
void kh__h_api_attachments(struct kh_req *r)
{
    READ(kh_store_appeal_attachments(r->store, &r->actor, r->cap[0], kh__rows_fn, &x, &err),
         COLS("n", "name", "mime", "size", "sha256"));
}

void kh__h_api_audit(struct kh_req *r)
{
    const char *limit = kh__query(r, "limit");
    READ(kh_store_audit_list(r->store, &r->actor, kh__query(r, "entity"), kh__query(r, "key"),
                             limit ? atol(limit) : 0, kh__rows_fn, &x, &err),
         COLS("seq", "at", "user", "action", "entity", "key", "before", "after", "reason"));
}

void kh__h_api_users(struct kh_req *r)
{
    READ(kh_store_users_list(r->store, &r->actor, kh__rows_fn, &x, &err),
         COLS("name", "role", "unit", "department", "rater", "has_password", "disabled"));
}

/* A setup file's rows as objects named by its header (the page's
 * kh_store_setup_rows). */
void kh__h_api_setup(struct kh_req *r)
{
    const char *file = kh_setup_file(r->cap[1]);
    struct kh_error err;
    kh_error_clear(&err);
    if (file == NULL) {
        KH_ERR(&err, KH_ENOTFOUND, SETUP_NOT_FILE, r->cap[1]);
        kh__fail(r, 404, &err);
        return;
    }
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_setup_rows(r->store, &r->actor, r->cap[0], file, kh__rows_fn, &x, &err);
    if (rc != 0 || x.n == 0) {
        rows_out(r, rc, &err, &x, COLS("none"));
        return;
    }
    const char **names = kh_arena_calloc(&r->arena, (size_t)x.ncols + 1, sizeof *names);
    for (int j = 0; j < x.ncols; j++)
        names[j] = x.rows[0][j];
    struct kh__rows body = x;   /* the rows after the header */
    body.rows++;
    body.n--;
    rows_out(r, 0, &err, &body, names);
}

void kh__h_api_results(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_buf csv = KH_BUF_INIT;
    const char *unit = r->actor.role == KH_ROLE_UNIT ? r->actor.unit : kh__query(r, "unit");
    int rc = kh_store_results_csv(r->store, &r->actor, r->cap[0], r->cap[1], unit, &csv, &err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    const char **names = NULL;
    if (rc == 0)
        rc = kh__rows_csv(&x, kh_buf_cstr(&csv), &names, &err);
    kh_buf_release(&csv);
    rows_out(r, rc, &err, &x, names ? names : COLS("none"));
}

void kh__h_openapi(struct kh_req *r)
{
    json_t *paths = json_object();
    for (size_t i = 0; i < kh__nroutes; i++) {
        const struct kh__route *rt = &kh__routes[i];
        if (strncmp(rt->pattern, "/api/v1/", 8) != 0)
            continue;
        /* OpenAPI writes captures as {name} */
        char path[256];
        size_t n = 0;
        for (const char *p = rt->pattern; *p && n < sizeof path - 2; p++) {
            if (*p == ':') {
                path[n++] = '{';
                while (p[1] && p[1] != '/' && n < sizeof path - 2)
                    path[n++] = *++p;
                path[n++] = '}';
            } else {
                path[n++] = *p;
            }
        }
        path[n] = '\0';
        json_t *item = json_object_get(paths, path);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, path, item);
        }
        json_t *acts = json_array();
        for (int k = 0; k < 3 && rt->acts[k] >= 0; k++)
            json_array_append_new(acts, json_string(kh_action_rules[rt->acts[k]].code));
        json_t *op = json_pack("{s:s, s:s, s:o, s:{s:{s:s}, s:{s:s}, s:{s:s}}}", "summary", T(r, rt->zh, rt->en),
                               "operationId", kh_arena_printf(&r->arena, "%s %s", rt->method, rt->pattern),
                               "x-kaohe-actions", acts, "responses", "200", "description", "OK", "403",
                               "description", "refused (error.code names the rule)", "422", "description",
                               "invalid input (error.field names the field)");
        char m[8];
        size_t k = 0;
        for (; rt->method[k] && k < sizeof m - 1; k++)
            m[k] = (char)(rt->method[k] | 0x20);
        m[k] = '\0';
        json_object_set_new(item, m, op);
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:{s:{s:s, s:s}}}, s:[{s:[]}]}", "openapi", "3.0.3", "info",
                            "title", "kaohe API", "version", "1", "paths", paths, "components", "securitySchemes",
                            "bearer", "type", "http", "scheme", "bearer", "security", "bearer");
    kh__json(r, 200, doc);
}
