/*
 * store-group.c — the committer of store-group.h.
 *
 * One thread, one connection, one queue under one mutex.  The thread
 * sleeps until the queue is non-empty, takes up to max_batch jobs off its
 * head, and runs them in one kh_store_tx: each job between SAVEPOINT and
 * RELEASE, a failed one rolled back to its savepoint first.  While that
 * COMMIT waits for the disk, new jobs queue up behind it and form the
 * next batch — so the batch grows with the load by itself, and an idle
 * server commits a lone submission at once (no timer, no added latency).
 *
 * Outcomes.  A job that fails on its own keeps its error and its rows are
 * gone with its savepoint; the others commit.  When the batch as a whole
 * fails (the COMMIT, a savepoint statement, or busy after every retry),
 * every job of it gets that error: nothing of it was committed.  KH_EBUSY
 * from inside a job aborts the batch so that kh_store_tx reruns all of it
 * from the beginning, every job's outcome reset.
 *
 * done() is called after the transaction has ended, outside the mutex,
 * with the next pointer read first: the owner may free the job at once.
 */
#include <pthread.h>
#include <string.h>
#include <stdbool.h>
#include <stdlib.h>
#include "kaohe/msg-store.h"
#include "kaohe/store-group.h"
#include "kaohe/xalloc.h"

int kh_store_job_run(struct kh_store *s, struct kh_store_job *job)
{
    kh_error_clear(&job->err);
    job->rc = kh_store_tx(s, job->fn, job->ctx, &job->err);
    return job->rc;
}

int kh_store_job_once(struct kh_store *s, struct kh_store_job *job, struct kh_error *err)
{
    int rc = kh_store_job_run(s, job);
    *err = job->err;
    kh_store_job_release(job);
    return rc;
}

void kh_store_job_release(struct kh_store_job *job)
{
    if (job->ctx != NULL && job->free_ctx != NULL)
        job->free_ctx(job->ctx);
    job->ctx = NULL;
}

struct kh_store_group {
    struct kh_store *store;
    int max_batch;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct kh_store_job *head, *tail;
    bool stopping;
    long jobs, commits;
};

/* The body of the batch's transaction: ctx is the batch's first job. */
static int batch_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    for (struct kh_store_job *j = ctx; j != NULL; j = j->next) {
        int rc = kh_store_exec(s, "SAVEPOINT kh_job", NULL, 0, NULL, err);
        if (rc != 0)
            return rc;
        kh_error_clear(&j->err);
        j->rc = j->fn(s, j->ctx, &j->err);
        if (j->rc == KH_EBUSY) {
            *err = j->err;
            return KH_EBUSY;   /* kh_store_tx reruns the whole batch */
        }
        if (j->rc != 0 && (rc = kh_store_exec(s, "ROLLBACK TO SAVEPOINT kh_job", NULL, 0, NULL, err)) != 0)
            return rc;
        if ((rc = kh_store_exec(s, "RELEASE SAVEPOINT kh_job", NULL, 0, NULL, err)) != 0)
            return rc;
    }
    return 0;
}

static void run_batch(struct kh_store_group *g, struct kh_store_job *batch)
{
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_store_tx(g->store, batch_tx, batch, &err);
    long n = 0;
    for (struct kh_store_job *j = batch, *next; j != NULL; j = next) {
        next = j->next;
        j->next = NULL;
        if (rc != 0) {
            j->rc = rc;
            j->err = err;
        }
        n++;
        j->done(j);
    }
    pthread_mutex_lock(&g->mu);
    g->jobs += n;
    g->commits += rc == 0;
    pthread_mutex_unlock(&g->mu);
}

static void *committer(void *arg)
{
    struct kh_store_group *g = arg;
    pthread_mutex_lock(&g->mu);
    for (;;) {
        while (g->head == NULL && !g->stopping)
            pthread_cond_wait(&g->cv, &g->mu);
        if (g->head == NULL)
            break;   /* stopping, and everything is committed */
        struct kh_store_job *batch = g->head, *last = batch;
        for (int n = 1; n < g->max_batch && last->next != NULL; n++)
            last = last->next;
        g->head = last->next;
        if (g->head == NULL)
            g->tail = NULL;
        last->next = NULL;
        pthread_mutex_unlock(&g->mu);
        run_batch(g, batch);
        pthread_mutex_lock(&g->mu);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

int kh_store_group_start(const char *target, int max_batch, struct kh_store_group **out,
                         struct kh_error *err)
{
    *out = NULL;
    struct kh_store_group *g = kh_xcalloc(1, sizeof *g);
    int rc = kh_store_open(target, false, &g->store, err);
    if (rc != 0) {
        free(g);
        return rc;
    }
    g->max_batch = max_batch > 0 ? max_batch : 512;
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->cv, NULL);
    int e = pthread_create(&g->thread, NULL, committer, g);
    if (e != 0) {
        kh_store_close(g->store);
        pthread_mutex_destroy(&g->mu);
        pthread_cond_destroy(&g->cv);
        free(g);
        return KH_ERR(err, KH_EIO, GROUP_THREAD, strerror(e));
    }
    *out = g;
    return 0;
}

void kh_store_group_add(struct kh_store_group *g, struct kh_store_job *job)
{
    job->next = NULL;
    pthread_mutex_lock(&g->mu);
    if (g->tail)
        g->tail->next = job;
    else
        g->head = job;
    g->tail = job;
    pthread_cond_signal(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

void kh_store_group_stop(struct kh_store_group *g)
{
    if (g == NULL)
        return;
    pthread_mutex_lock(&g->mu);
    g->stopping = true;
    pthread_cond_signal(&g->cv);
    pthread_mutex_unlock(&g->mu);
    pthread_join(g->thread, NULL);
    kh_store_close(g->store);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->cv);
    free(g);
}

void kh_store_group_counts(struct kh_store_group *g, long *jobs, long *commits)
{
    pthread_mutex_lock(&g->mu);
    *jobs = g->jobs;
    *commits = g->commits;
    pthread_mutex_unlock(&g->mu);
}
