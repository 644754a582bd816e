/*
 * store-token.c — what the public, token-holding forms share: the one-time
 * token itself and the choices a form offers.
 *
 * A survey invitation (store-survey.c) and a 民主测评 ballot slip
 * (store-ballot.c) are the same kind of credential: 128 random bits that
 * whoever holds the link may use once, without an account.  The token is
 * printed exactly once; the database keeps only its SHA-256, so a copy of
 * the database (a backup, a stolen laptop) cannot answer on anybody's
 * behalf.  128 bits from libsodium's CSPRNG: guessing one of a million
 * issued tokens takes 2^108 tries.
 *
 * The choices of a form are the levels of a scale (SPEC §4, §11.6) as one
 * "a|b|c" string in scales.csv order.  A cycle without scales.csv still has
 * the built-in team, cadre and survey scales, so those are filled in here
 * exactly as the bundle reader (src/bundle/read-setup.c) defines them.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "kaohe/error.h"
#include "store/store-int.h"

void kh__token_hash(const char *token, char hash[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(hash, 65, d, sizeof d);
}

void kh__token_new(char token[33], char hash[65])
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, 33, raw, sizeof raw);
    kh__token_hash(token, hash);
}

bool kh__level_in(const char *levels, const char *answer)
{
    size_t n = strlen(answer);
    for (const char *p = levels; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, answer, n) == 0)
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

struct level_ctx {
    char *out;
    size_t n;
};

static int level_row(void *ctx, int ncols, const char *const *c)
{
    struct level_ctx *l = ctx;
    if (ncols < 1 || c[0] == NULL)
        return 0;
    size_t used = strlen(l->out);
    snprintf(l->out + used, l->n - used, "%s%s", used ? "|" : "", c[0]);
    return 0;
}

int kh__scale_levels(struct kh_store *s, const char *cycle_id, const char *scale, char *out, size_t n,
                     struct kh_error *err)
{
    static const struct {
        const char *scale, *levels;
    } builtin[] = {{"team", "好|较好|一般|差"}, {"cadre", "优秀|称职|基本称职|不称职"}, {"survey", "满意|基本满意|不满意"}};
    out[0] = '\0';
    struct level_ctx l = {out, n};
    const char *k[] = {cycle_id, scale};
    int rc = kh_store_query(s, "SELECT level FROM scales WHERE cycle_id = $1 AND scale = $2 ORDER BY ord", k, 2,
                            level_row, &l, err);
    for (size_t i = 0; rc == 0 && out[0] == '\0' && i < sizeof builtin / sizeof builtin[0]; i++)
        if (strcmp(scale, builtin[i].scale) == 0)
            snprintf(out, n, "%s", builtin[i].levels);
    return rc;
}
