/*
 * pages-reports.c — the printable reports of a stored cycle as PDF
 * downloads (issue 10: "the web pages link to these files"): the district
 * summary, a unit's report card, its feedback report, a cadre's form and a
 * unit's performance agreement.
 *
 * Each handler is `kaohe report … CYCLE …` without the command line: the
 * cycle comes from kh_report_stored_load (reloaded, re-evaluated and
 * checked against the stored results, so a stale cycle is refused, never
 * printed) or, for the agreement, kh_store_agreement_get; the store
 * decides who may (results.read, agreement.print).  The PDF is drawn into
 * a private temporary folder by the same renderer the CLI uses, read back
 * and sent as an attachment named after the cycle and the subject.
 *
 * Rendering is serialised by one mutex: cairo, pango and fontconfig keep
 * process-wide caches (kh_pdf_release_caches drops them after each
 * report, as the CLI does at exit), and a report takes well under a second,
 * so one at a time is plenty for an office.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "http/handlers.h"
#include "kaohe/agreement.h"
#include "kaohe/msg-report.h"
#include "kaohe/msg-util.h"
#include "kaohe/report-stored.h"
#include "kaohe/store-workflow.h"
#include "kaohe/tempdir.h"

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

enum report_kind { DISTRICT, UNIT, FEEDBACK, CADRE };

/* Draw with draw(ctx, path) into a temporary file and make it the response. */
typedef int (*draw_fn)(const void *ctx, const struct kh_pdf_report_opts *o, const char *path,
                       struct kh_error *err);

static void send_pdf(struct kh_req *r, draw_fn draw, const void *ctx, const char *date, const char *name)
{
    struct kh_error err;
    kh_error_clear(&err);
    char *dir = kh_temp_dir_make("kaohe-web");
    int rc = 0;
    if (dir == NULL) {
        rc = KH_ERR(&err, KH_EIO, FILE_CREATE, "TMPDIR");
    } else {
        const char *path = kh_arena_printf(&r->arena, "%s/report.pdf", dir);
        struct kh_pdf_report_opts o = {.lang = r->lang, .computed_at = date};
        pthread_mutex_lock(&render_lock);
        rc = draw(ctx, &o, path, &err);
        kh_pdf_release_caches();
        pthread_mutex_unlock(&render_lock);
        kh_buf_reset(&r->out);
        if (rc == 0)
            rc = kh_buf_read_file(&r->out, path, &err);
        kh_temp_dir_remove(dir);
        free(dir);
    }
    if (rc != 0) {
        kh_buf_reset(&r->out);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"%s.pdf\"", name);
    kh__respond(r, 200, "application/pdf");
}

struct loaded {
    enum report_kind kind;
    const struct kh_bundle *b;
    const struct kh_results *res;
    const struct kh_feedback_extra *x;
    int32_t subject;
};

static int draw_loaded(const void *ctx, const struct kh_pdf_report_opts *o, const char *path,
                       struct kh_error *err)
{
    const struct loaded *l = ctx;
    switch (l->kind) {
    case DISTRICT:
        return kh_pdf_district_report(l->b, l->res, o, path, err);
    case UNIT:
        return kh_pdf_unit_report(l->b, l->res, &l->subject, 1, o, path, err);
    case FEEDBACK:
        return kh_pdf_feedback_report(l->b, l->res, l->x, &l->subject, 1, o, path, err);
    case CADRE:
        return kh_pdf_cadre_report(l->b, l->res, &l->subject, 1, o, path, err);
    }
    return KH_EINVAL;
}

/* The report of kind on subject code (NULL for the district) of the URL's cycle. */
static void stored_report(struct kh_req *r, enum report_kind kind, const char *code)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    struct kh_bundle b;
    struct kh_results res = {0};
    struct kh_feedback_extra x = {0};
    char date[16] = "";
    const char *cycle = r->cap[0];
    kh_bundle_init(&b);
    struct loaded l = {kind, &b, &res, &x, -1};
    int rc = kh_report_stored_load(r->store, &r->actor, KH_ACT_RESULTS_READ, NULL, cycle, &b, &res, date, &d,
                                   &err);
    if (rc == 0 && kind == FEEDBACK)
        rc = kh_report_feedback_load(r->store, &r->actor, cycle, &b, &x, &err);
    if (rc == 0 && kind != DISTRICT) {
        l.subject = kh_strmap_get(kind == CADRE ? &b.cadre_ix : &b.unit_ix, code);
        if (l.subject < 0)
            rc = kind == CADRE ? KH_ERR(&err, KH_ENOTFOUND, REPORT_NO_CADRE, code, cycle)
                               : KH_ERR(&err, KH_ENOTFOUND, REPORT_NO_UNIT, code, cycle);
    }
    if (rc == 0) {
        static const char *const prefix[] = {"district", "unit", "feedback", "cadre"};
        const char *name = kh_arena_printf(&r->arena, "%s-%s%s%s", kh__file_name_part(r, cycle), prefix[kind],
                                           code ? "-" : "", code ? kh__file_name_part(r, code) : "");
        send_pdf(r, draw_loaded, &l, date, name);
    } else {
        kh__fail(r, kh__error_status(rc), &err);
    }
    kh_report_feedback_release(&x);
    kh_results_release(&res);
    kh_bundle_release(&b);
    kh_diags_release(&d);
}

void kh__h_report_district(struct kh_req *r)
{
    stored_report(r, DISTRICT, NULL);
}

void kh__h_report_unit(struct kh_req *r)
{
    stored_report(r, UNIT, r->cap[1]);
}

void kh__h_report_feedback(struct kh_req *r)
{
    stored_report(r, FEEDBACK, r->cap[1]);
}

void kh__h_report_cadre(struct kh_req *r)
{
    stored_report(r, CADRE, r->cap[1]);
}

static int draw_agreement(const void *ctx, const struct kh_pdf_report_opts *o, const char *path,
                          struct kh_error *err)
{
    return kh_pdf_agreement_report(ctx, o, path, err);
}

/* GET /cycles/:cycle/agreement/:unit.pdf — dated the day it is printed. */
void kh__h_report_agreement(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_agreement ag = {0};
    int rc = kh_store_agreement_get(r->store, &r->actor, r->cap[0], r->cap[1], &ag, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    char date[16];
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%Y-%m-%d", localtime_r(&now, &tm));
    send_pdf(r, draw_agreement, &ag, date,
             kh_arena_printf(&r->arena, "%s-agreement-%s", kh__file_name_part(r, r->cap[0]), kh__file_name_part(r, r->cap[1])));
    kh_agreement_release(&ag);
}
