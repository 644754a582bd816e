/*
 * pages-attachment.c — appeal attachments on the web (申诉材料, SPEC §9.4):
 * the links the appeals page shows under each appeal, and the download.
 *
 * The store decides who may read a file (appeal.attachment: the admin, and
 * a unit user for its own unit's appeals) for the list and the bytes
 * alike; a page only avoids asking for a role that may never read them.
 * A download is served with the type the store decided from the file's
 * content (never the name), X-Content-Type-Options: nosniff (server.c,
 * every response) and Content-Disposition: attachment with the name in
 * RFC 5987 form (filename*=UTF-8''…, every byte outside A–Z a–z 0–9 - . _ ~
 * percent-encoded), so a hostile name can neither break the header nor get
 * the browser to render the file inline.  In HTML the name is text (%T).
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-attachment.h"

void kh__attachment_links(struct kh_req *r, const char *appeal_id)
{
    if (!kh_authz_role_may(r->actor.role, KH_ACT_APPEAL_ATTACHMENT))
        return;
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    if (kh_store_appeal_attachments(r->store, &r->actor, appeal_id, kh__rows_fn, &x, NULL) != 0 || x.n == 0)
        return;
    kh_html_put(&r->out, "<ul class=\"attachments\">");
    for (long i = 0; i < x.n; i++) {
        const char **a = x.rows[i];
        kh_html_put(&r->out, "<li><a href=\"/appeals/%U/attachments/%U\" download>%T</a> <small>%T, %T B</small></li>",
                    appeal_id, a[0], a[1], a[2], a[3]);
    }
    kh_html_put(&r->out, "</ul>");
}

void kh__h_appeal_attachment(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_attachment x;
    int rc = kh_store_appeal_attachment_get(r->store, &r->actor, r->cap[0], atol(r->cap[1]), &x, &err);
    if (rc != 0) {
        kh_attachment_release(&x);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh_buf_reset(&r->out);
    kh_buf_append(&r->out, x.bytes, x.size);
    struct kh_buf d = KH_BUF_INIT;
    kh_buf_puts(&d, "attachment; filename*=UTF-8''");
    kh_html_url(&d, x.name);
    r->disposition = kh_arena_strdup(&r->arena, kh_buf_cstr(&d));
    kh_buf_release(&d);
    kh__respond(r, 200, kh_arena_strdup(&r->arena, x.mime));
    kh_attachment_release(&x);
}
