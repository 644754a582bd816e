/*
 * store-digest.c — SHA-256 of a stream of bytes, computed on a second
 * thread while the caller goes on (import's file digests).
 *
 * Why a thread.  Import records the SHA-256 of every file's canonical bytes
 * (the audit record of the file, SPEC §9.5).  For a national bundle that is
 * 757 MB of hashing, about 4 s of CPU — a tenth of the whole import — done
 * on the thread that also drives SQLite.  Machines have at least two cores,
 * and hashing depends on nothing but the bytes, so it overlaps with the
 * inserts here.
 *
 * How.  The caller appends bytes to the fill buffer (kh__digest_buf) and
 * calls kh__digest_commit after each record; when the fill buffer holds a
 * chunk (1 MiB) it is swapped with the work buffer and the worker hashes
 * it, while the caller fills the other one.  Two buffers and one mutex:
 * the caller waits only when it fills a chunk before the worker has hashed
 * the previous one.  The hash state belongs to the worker until
 * kh__digest_final joins it.  The digest is the same as hashing the
 * concatenated bytes in one call (chunks are hashed in order).  If the
 * thread cannot be started, the caller hashes each chunk itself.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sodium.h>
#include "kaohe/buf.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

#define DIGEST_CHUNK (1u << 20)

struct kh__digest {
    crypto_hash_sha256_state sha;
    struct kh_buf fill, work;    /* the caller's buffer; the worker's */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool threaded;
    bool full;                   /* work holds bytes not hashed yet */
    bool quit;
};

static void *worker(void *arg)
{
    struct kh__digest *d = arg;
    pthread_mutex_lock(&d->mu);
    for (;;) {
        while (!d->full && !d->quit)
            pthread_cond_wait(&d->cv, &d->mu);
        if (!d->full)
            break;
        pthread_mutex_unlock(&d->mu);
        crypto_hash_sha256_update(&d->sha, (const unsigned char *)d->work.data, d->work.len);
        pthread_mutex_lock(&d->mu);
        kh_buf_reset(&d->work);
        d->full = false;
        pthread_cond_broadcast(&d->cv);
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

struct kh__digest *kh__digest_new(void)
{
    struct kh__digest *d = kh_xcalloc(1, sizeof *d);
    crypto_hash_sha256_init(&d->sha);
    kh_buf_init(&d->fill, 0);
    kh_buf_init(&d->work, 0);
    pthread_mutex_init(&d->mu, NULL);
    pthread_cond_init(&d->cv, NULL);
    d->threaded = pthread_create(&d->thread, NULL, worker, d) == 0;
    return d;
}

struct kh_buf *kh__digest_buf(struct kh__digest *d)
{
    return &d->fill;
}

/* Hand the fill buffer to the worker (or hash it here without one). */
static void hand_off(struct kh__digest *d)
{
    if (!d->threaded) {
        crypto_hash_sha256_update(&d->sha, (const unsigned char *)d->fill.data, d->fill.len);
        kh_buf_reset(&d->fill);
        return;
    }
    pthread_mutex_lock(&d->mu);
    while (d->full)
        pthread_cond_wait(&d->cv, &d->mu);
    struct kh_buf t = d->work;
    d->work = d->fill;
    d->fill = t;
    d->full = true;
    pthread_cond_broadcast(&d->cv);
    pthread_mutex_unlock(&d->mu);
}

void kh__digest_commit(struct kh__digest *d)
{
    if (d->fill.len >= DIGEST_CHUNK)
        hand_off(d);
}

/* Stop the worker after it has hashed what it was given. */
static void stop(struct kh__digest *d)
{
    if (!d->threaded)
        return;
    pthread_mutex_lock(&d->mu);
    d->quit = true;
    pthread_cond_broadcast(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
    d->threaded = false;
}

void kh__digest_final(struct kh__digest *d, unsigned char out[32])
{
    if (d->fill.len > 0)
        hand_off(d);
    stop(d);
    crypto_hash_sha256_final(&d->sha, out);
}

void kh__digest_free(struct kh__digest *d)
{
    if (d == NULL)
        return;
    stop(d);
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    kh_buf_release(&d->fill);
    kh_buf_release(&d->work);
    free(d);
}
