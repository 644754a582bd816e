/*
 * store-session.h — who is on the other end of a web request.
 *
 * A browser signs in once with a password (argon2id, kh_store_login) and
 * then carries a session secret in a cookie; a script carries an API token
 * in an Authorization header.  Both are credentials of one table (schema
 * version 6): the store keeps only the SHA-256 of the secret, so a copy of
 * the database does not let anyone act as its users.  A secret is 32
 * random bytes (libsodium randombytes_buf), written as 64 hex digits.
 *
 * Lifetimes.  A session ends when it has not been used for `idle` seconds
 * or `max` seconds after sign-in, whichever comes first, when its user
 * signs out, or when the user is disabled (checked on every resume).  An
 * API token ends at its expiry or with its user.  Resuming touches the
 * session's last-seen time at most once a minute, so reads do not turn
 * into writes.
 *
 * Audit.  Every sign-in ("login"), failed sign-in and refused request
 * ("refuse"), sign-out ("logout") and token creation ("token.create") is
 * an audit record; no record holds a secret or a hash of one.
 *
 * CSRF.  The token a page embeds in its forms is derived from the session
 * secret (kh_session_csrf), so it needs no storage and changes with every
 * sign-in; the server compares it in constant time.
 */
#ifndef KAOHE_STORE_SESSION_H
#define KAOHE_STORE_SESSION_H

#include <stdbool.h>
#include "kaohe/authz.h"
#include "kaohe/store.h"

#define KH_SESSION_SECRET_HEX 65   /* 64 hex digits + NUL */

/* Sign in: check the password of user (kh_store_login), then create a
 * session valid for at most max seconds, write its secret to secret_out and
 * the actor to out.  A failure is KH_EPERM LOGIN_FAILED and is audited with
 * the address (addr may be NULL). */
int kh_store_session_open(struct kh_store *s, const char *user, const char *password,
                          const char *addr, long max, struct kh_actor *out,
                          char secret_out[KH_SESSION_SECRET_HEX], struct kh_error *err);
/* The actor of a live session or API token (kind "session" or "api").
 * KH_EPERM SESSION_NONE when unknown, expired, idle for longer than idle
 * seconds (sessions only; the row is then removed) or of a disabled user. */
int kh_store_session_resume(struct kh_store *s, const char *secret, const char *kind, long idle,
                            struct kh_actor *out, struct kh_error *err);
/* Sign out: remove the session (nothing when unknown) and audit it. */
int kh_store_session_close(struct kh_store *s, const struct kh_actor *a, const char *secret,
                           struct kh_error *err);
/* A new API token for user (a itself, or anyone when a is the admin:
 * action token.create), valid for days days, named label (1–64 bytes). */
int kh_store_api_token_new(struct kh_store *s, const struct kh_actor *a, const char *user,
                           const char *label, long days, char secret_out[KH_SESSION_SECRET_HEX],
                           struct kh_error *err);
/* Audit a refusal decided outside the store (a route the role may not
 * open, a missing CSRF token): action "refuse", entity "http", key what
 * (e.g. "POST /cycles/2024/advance"), with the reason.  Own transaction. */
int kh_store_audit_refusal(struct kh_store *s, const struct kh_actor *a, const char *what,
                           const char *reason, struct kh_error *err);
/* The CSRF token of a session secret: hex SHA-256 of "csrf:" + secret. */
void kh_session_csrf(const char *secret, char out[KH_SESSION_SECRET_HEX]);
/* Constant-time comparison of two NUL-terminated strings. */
bool kh_secret_equal(const char *a, const char *b);

#endif
