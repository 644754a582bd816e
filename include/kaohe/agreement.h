/*
 * agreement.h — the performance agreement of one unit as data (绩效协议,
 * SPEC §9.2, with the rectification items of §9.6): what the printed text
 * (kh_store_agreement_text) and the PDF (kh_pdf_agreement_report) both
 * show, gathered once by kh_store_agreement_get (store-targets.c) so the
 * milestones and the carried items are worked out in one place.
 *
 * Plain data: strings are copied in, arrays are malloc'd; the holder
 * releases it with kh_agreement_release (which accepts the zeroed state).
 */
#ifndef KAOHE_AGREEMENT_H
#define KAOHE_AGREEMENT_H

struct kh_agreement_target {
    char leaf[128], name[256], measure[64];
    int cost;                    /* direction cost: smaller is better */
    char baseline[64], target[64];
    double milestones[4];        /* cumulative target at the end of Q1…Q4 (schedule, else k/4) */
    char note[1024];             /* the unit's justification */
};

struct kh_agreement_item {
    char id[24], from_cycle[128], leaf[128], text[1024];
    char kind[16];               /* "target", "note", or "" when not answered yet */
    char answer[1024];
};

struct kh_agreement {
    char cycle[128], cycle_name[256];
    char state[32], state_zh[64];
    char unit[128], unit_name[256], district[128];
    struct kh_agreement_target *targets;   /* approved targets, in indicator order */
    int ntargets;
    struct kh_agreement_item *items;       /* carried rectification items */
    int nitems;
};

void kh_agreement_release(struct kh_agreement *ag);

#endif
