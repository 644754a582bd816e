/*
 * store-group.h — group commit: many small transactions made durable by
 * one COMMIT (issue 9 item 5–6).
 *
 * A public submission (a survey answer, a 民主测评 slip) is a few rows and
 * one audit record; what it costs is the COMMIT, which waits for the disk
 * (SQLite synchronous=FULL: an fsync of the WAL; PostgreSQL: the WAL flush).
 * When hundreds of citizens answer at once, the web server hands their
 * submissions to a group: one committer thread with its own connection
 * takes every job queued so far, runs each inside its own SAVEPOINT of one
 * transaction (a job that fails — a token already used, an answer off the
 * scale — is rolled back alone, exactly as its own transaction would have
 * been), commits once, and only then tells each job's owner its result.
 * The answer "submitted" is therefore sent after the COMMIT that holds it:
 * a kill -9 at any moment loses only submissions nobody was told about.
 *
 * Retries stay in kh_store_tx: a busy database reruns the whole batch
 * (every job's result is reset and recomputed), so there is still one
 * retry point.  A job's body must be a kh_store_tx_fn that is correct when
 * rerun and that makes no authorization refusal (the refusal slot belongs
 * to a transaction, not to a job): the public, token-holding submissions.
 *
 * Without a group (the CLI, tests, a draining server) the same job runs as
 * its own transaction with kh_store_job_run, so a submission has one code
 * path whichever way it is committed.
 */
#ifndef KAOHE_STORE_GROUP_H
#define KAOHE_STORE_GROUP_H

#include "kaohe/error.h"
#include "kaohe/store.h"

struct kh_store_job {
    kh_store_tx_fn fn;                      /* the transaction body */
    void *ctx;                              /* its argument, owned by the job */
    void (*free_ctx)(void *ctx);            /* releases ctx (kh_store_job_release) */
    /* Called on the committer thread once the job's outcome is durable (or
     * known failed); the job must not be touched by the group afterwards. */
    void (*done)(struct kh_store_job *job);
    void *owner;                            /* for done */
    int rc;                                 /* the outcome: fn's result or the COMMIT's */
    struct kh_error err;
    struct kh_store_job *next;              /* the group's queue */
};

/* Run job as a transaction of its own on s: job->rc and job->err are set
 * as kh_store_tx would return them.  Returns job->rc; done is not called. */
int kh_store_job_run(struct kh_store *s, struct kh_store_job *job);
/* kh_store_job_run, then the job's error copied to err and the job
 * released: a synchronous submission in one call. */
int kh_store_job_once(struct kh_store *s, struct kh_store_job *job, struct kh_error *err);
/* Free the job's ctx (idempotent). */
void kh_store_job_release(struct kh_store_job *job);

struct kh_store_group;

/* Open a connection to target and start its committer thread; at most
 * max_batch jobs share one COMMIT (≤ 0: 512). */
int kh_store_group_start(const char *target, int max_batch, struct kh_store_group **out,
                         struct kh_error *err);
/* Queue job (fn and ctx set); its done is called on the committer thread.
 * Must not be called after kh_store_group_stop has begun. */
void kh_store_group_add(struct kh_store_group *g, struct kh_store_job *job);
/* Commit everything queued, stop the thread, close the connection, free g.
 * Accepts NULL. */
void kh_store_group_stop(struct kh_store_group *g);
/* Jobs and COMMITs so far (for the server's log line and the benchmark). */
void kh_store_group_counts(struct kh_store_group *g, long *jobs, long *commits);

#endif
