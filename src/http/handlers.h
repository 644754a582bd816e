/*
 * handlers.h — every handler of the route table (route.c), by file.
 */
#ifndef KAOHE_HTTP_HANDLERS_H
#define KAOHE_HTTP_HANDLERS_H

#include "http/http-int.h"

/* pages-auth.c */
void kh__h_root(struct kh_req *r);
void kh__h_login_form(struct kh_req *r);
void kh__h_login(struct kh_req *r);
void kh__h_logout(struct kh_req *r);
void kh__h_lang(struct kh_req *r);
void kh__h_account(struct kh_req *r);
void kh__h_passwd(struct kh_req *r);
void kh__h_token(struct kh_req *r);
void kh__h_asset(struct kh_req *r);
/* pages-cycle.c */
void kh__h_cycles(struct kh_req *r);
void kh__h_cycle(struct kh_req *r);
void kh__h_advance(struct kh_req *r);
void kh__h_compute(struct kh_req *r);
/* pages-agreement.c */
void kh__h_targets(struct kh_req *r);
void kh__h_propose(struct kh_req *r);
void kh__h_decide(struct kh_req *r);
/* pages-setup.c */
void kh__h_setup(struct kh_req *r);
void kh__h_setup_put(struct kh_req *r);
void kh__h_setup_delete(struct kh_req *r);
/* pages-scheme.c */
void kh__h_scheme(struct kh_req *r);
void kh__h_scheme_preview(struct kh_req *r);
void kh__h_scheme_set(struct kh_req *r);
/* pages-data.c */
void kh__h_values(struct kh_req *r);
void kh__h_value_set(struct kh_req *r);
void kh__h_ratings(struct kh_req *r);
void kh__h_rating_set(struct kh_req *r);
void kh__h_rating_submit(struct kh_req *r);
void kh__h_rating_reopen(struct kh_req *r);
/* pages-results.c */
void kh__h_results(struct kh_req *r);
void kh__h_results_file(struct kh_req *r);
/* pages-stability.c */
void kh__h_results_stability(struct kh_req *r);
void kh__h_results_stability_csv(struct kh_req *r);
/* pages-admin.c */
void kh__h_appeals(struct kh_req *r);
void kh__h_appeal_file(struct kh_req *r);
void kh__h_appeal_decide(struct kh_req *r);
/* pages-attachment.c */
void kh__h_appeal_attachment(struct kh_req *r);
/* The links to appeal_id's attachments, when r's actor may read them. */
void kh__attachment_links(struct kh_req *r, const char *appeal_id);
/* pages-publicity.c */
void kh__h_publicity(struct kh_req *r);
void kh__h_publicity_set(struct kh_req *r);
void kh__h_api_publicity(struct kh_req *r);
/* api.c */
void kh__h_api_attachments(struct kh_req *r);
void kh__h_audit(struct kh_req *r);
void kh__h_users(struct kh_req *r);
void kh__h_user_add(struct kh_req *r);
void kh__h_user_disable(struct kh_req *r);
/* pages-bundle.c */
void kh__h_export(struct kh_req *r);
void kh__h_export_xlsx(struct kh_req *r);
/* PDF reports of a stored cycle (pages-reports.c). */
void kh__h_report_district(struct kh_req *r);
void kh__h_report_unit(struct kh_req *r);
void kh__h_report_feedback(struct kh_req *r);
void kh__h_report_cadre(struct kh_req *r);
void kh__h_report_agreement(struct kh_req *r);
void kh__h_import(struct kh_req *r);
/* pages-survey.c */
void kh__h_survey_form(struct kh_req *r);
void kh__h_survey_submit(struct kh_req *r);
void kh__h_invitations(struct kh_req *r);
void kh__h_invite(struct kh_req *r);
/* pages-ballot.c */
void kh__h_ballot_form(struct kh_req *r);
void kh__h_ballot_submit(struct kh_req *r);
void kh__h_ballots(struct kh_req *r);
void kh__h_ballot_create(struct kh_req *r);
void kh__h_ballot_close(struct kh_req *r);
/* pages-public.c */
void kh__h_public(struct kh_req *r);
/* api.c */
void kh__h_openapi(struct kh_req *r);
void kh__h_api_cycles(struct kh_req *r);
void kh__h_api_cycle(struct kh_req *r);
void kh__h_api_targets(struct kh_req *r);
void kh__h_api_ratings(struct kh_req *r);
void kh__h_api_results(struct kh_req *r);
void kh__h_api_setup(struct kh_req *r);
void kh__h_api_appeals(struct kh_req *r);
void kh__h_api_audit(struct kh_req *r);
void kh__h_api_users(struct kh_req *r);
void kh__h_api_me(struct kh_req *r);

/* The route table (route.c), for the OpenAPI document (api.c). */
#define KH_ROUTE_PUBLIC (-1)     /* anyone, signed in or not */
#define KH_ROUTE_SIGNED_IN (-2)  /* anyone signed in */
struct kh__route {
    const char *method;
    const char *pattern;         /* "/cycles/:cycle/targets" */
    int acts[3];                 /* actions of authz.h (any of them opens it), or a KH_ROUTE_ value; -9 ends */
    kh__handler fn;
    const char *zh, *en;         /* what it is (OpenAPI summary, docs/web.md) */
};
extern const struct kh__route kh__routes[];
extern const size_t kh__nroutes;

#endif
