/*
 * session.c — who a request is from, and the two guards around sign-in.
 *
 * Credentials.  `Authorization: Bearer <token>` (an API token, for
 * scripts) or the cookie kh_session (a browser session); both are
 * resolved by the store (kh_store_session_resume), which knows their
 * expiry and whether the user is still enabled.  The cookie is HttpOnly,
 * SameSite=Strict, Path=/, and Secure under TLS; it has no Max-Age, so it
 * ends with the browser while the store's idle and absolute limits end it
 * on the server.
 *
 * CSRF.  A state-changing request made with the session cookie must carry
 * the session's CSRF token — the hidden form field `csrf` or the header
 * X-CSRF-Token — equal (constant time) to kh_session_csrf(secret).
 * SameSite=Strict already keeps other sites' forms from sending the cookie;
 * the token is the second, independent lock (older browsers, same-site
 * subdomains).  A request with an API token needs none: nothing sends a
 * bearer token on its own.  The sign-in form, made before there is a
 * session, uses a double-submit token: a random cookie kh_login and the
 * same value in the form.
 *
 * Rate limiting.  Failed sign-ins are counted per user name and per
 * client address over a sliding 15-minute window: after 5 failures for a
 * name or 20 from an address, further attempts are refused with 429
 * without checking the password (so guessing costs the attacker time, not
 * us argon2id work).  A success clears the name's count.  The table is in
 * memory, bounded (oldest entry replaced), and shared by the worker
 * threads under a mutex; a restart forgets it, which is acceptable for a
 * limit whose window is minutes.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "http/http-int.h"

#define WINDOW 900
#define MAX_PER_USER 5
#define MAX_PER_ADDR 20
#define SLOTS 1024

struct slot {
    char key[160];     /* "u:name" or "a:address" */
    long first;        /* start of the window */
    int fails;
};

static pthread_mutex_t rl_mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];

/* The slot of key (created, replacing the oldest, when create). */
static struct slot *find(const char *key, long now, bool create)
{
    struct slot *oldest = &slots[0];
    for (int i = 0; i < SLOTS; i++) {
        struct slot *s = &slots[i];
        if (s->key[0] && strcmp(s->key, key) == 0) {
            if (now - s->first > WINDOW) {
                s->first = now;
                s->fails = 0;
            }
            return s;
        }
        if (s->key[0] == '\0' || s->first < oldest->first)
            oldest = s;
    }
    if (!create)
        return NULL;
    snprintf(oldest->key, sizeof oldest->key, "%s", key);
    oldest->first = now;
    oldest->fails = 0;
    return oldest;
}

static void keys(const char *user, const char *addr, char ku[160], char ka[160])
{
    snprintf(ku, 160, "u:%s", user ? user : "");
    snprintf(ka, 160, "a:%s", addr ? addr : "");
}

bool kh__login_allowed(struct kh__server *srv, const char *user, const char *addr, long *retry_after)
{
    (void)srv;
    char ku[160], ka[160];
    keys(user, addr, ku, ka);
    long now = (long)time(NULL);
    pthread_mutex_lock(&rl_mu);
    struct slot *u = find(ku, now, false), *a = find(ka, now, false);
    bool ok = !(u && u->fails >= MAX_PER_USER) && !(a && a->fails >= MAX_PER_ADDR);
    long wait = 0;
    if (!ok) {
        long t1 = u && u->fails >= MAX_PER_USER ? u->first + WINDOW - now : 0;
        long t2 = a && a->fails >= MAX_PER_ADDR ? a->first + WINDOW - now : 0;
        wait = t1 > t2 ? t1 : t2;
    }
    pthread_mutex_unlock(&rl_mu);
    if (retry_after)
        *retry_after = wait > 0 ? wait : 1;
    return ok;
}

void kh__login_failed(struct kh__server *srv, const char *user, const char *addr)
{
    (void)srv;
    char ku[160], ka[160];
    keys(user, addr, ku, ka);
    long now = (long)time(NULL);
    pthread_mutex_lock(&rl_mu);
    find(ku, now, true)->fails++;
    find(ka, now, true)->fails++;
    pthread_mutex_unlock(&rl_mu);
}

void kh__login_succeeded(struct kh__server *srv, const char *user, const char *addr)
{
    (void)srv, (void)addr;
    char ku[160], ka[160];
    keys(user, addr, ku, ka);
    pthread_mutex_lock(&rl_mu);
    struct slot *u = find(ku, (long)time(NULL), false);
    if (u)
        u->fails = 0;
    pthread_mutex_unlock(&rl_mu);
}

void kh__authenticate(struct kh_req *r)
{
    r->authed = false;
    r->actor.role = KH_ROLE_NONE;
    const char *auth = kh__header(r, "Authorization");
    if (auth && strncmp(auth, "Bearer ", 7) == 0) {
        if (kh_store_session_resume(r->store, auth + 7, "api", 0, &r->actor, NULL) == 0) {
            r->authed = true;
            r->bearer = true;
        }
    } else {
        const char *cookie = kh__cookie(r, "kh_session");
        if (cookie && kh_store_session_resume(r->store, cookie, "session", kh__session_idle(r->srv),
                                              &r->actor, NULL) == 0) {
            r->authed = true;
            snprintf(r->secret, sizeof r->secret, "%s", cookie);
            kh_session_csrf(r->secret, r->csrf);
        }
    }
    /* Language: an explicit choice (cookie kh_lang), else the user's
     * setting, else the browser's Accept-Language. */
    const char *pick = kh__cookie(r, "kh_lang");
    if (pick && pick[0])
        r->lang = kh_lang_parse(pick);
    else if (r->authed && r->actor.lang == KH_LANG_EN)
        r->lang = KH_LANG_EN;
    else
        r->lang = kh_lang_from_accept(kh__header(r, "Accept-Language"));
}

bool kh__csrf_ok(struct kh_req *r)
{
    if (r->bearer)
        return true;
    if (!r->authed || r->csrf[0] == '\0')
        return false;
    const char *t = kh__header(r, "X-CSRF-Token");
    if (t == NULL)
        t = kh__field(r, "csrf");
    return t != NULL && kh_secret_equal(t, r->csrf);
}
