/*
 * survey.c — satisfaction surveys (SPEC §5, §11.16).
 *
 * What it owns: the survey table (struct kh_survey_result per unit) from
 * responses and answers.
 *
 *   response score  Σ w_i·p_i / Σ w_i over the items answered (不了解 = NaN
 *                   points = not answered); no answered item → ignored
 *   channel index   mean of the response scores of the channel
 *   unit index      with survey_channels: Σ w_c·idx_c / Σ w_c over the channels
 *                   present; without: mean of all response scores (pooled)
 *   n, sd           all scored responses; sample sd (÷(n−1), 0 for n = 1) of
 *                   the pooled response scores around their own mean
 *   interval        index ± 1.96·sd/√n (centred on the reported index)
 *   rate            answered items at 满意 or 基本满意 / answered items, pooled
 *   sample_small    n < min_sample (n = 0 included)
 *
 * Readings (docs/method.md): a response whose channel is not listed in
 * survey_channels (or has no channel: FORMATS.md's default `web`, unless
 * `web` is listed) contributes weight 0 to the channel-weighted index but is
 * counted in n, sd and rate.  Satisfied levels are recognised by their names
 * 满意 / 基本满意 (the SPEC's wording), on whatever scale the item uses.
 *
 * Cost: two passes over answers and responses; sums in input order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

void kh__surveys(struct kh__prep *p)
{
    const struct kh_bundle *b = p->b;
    const int32_t U = p->U, NR = b->nresponses, NCH = b->nchannels;
    const bool by_channel = b->cycle.nchannels > 0;
    double *num, *den, *chw, *csum, *usum;
    int32_t *cn, *un;
    int64_t *answered, *good;
    uint8_t **sat;
    double webw = 0.0;

    if (b->nitems == 0)
        return;
    num = kh_xcalloc((size_t)NR + 1, sizeof *num);
    den = kh_xcalloc((size_t)NR + 1, sizeof *den);
    answered = kh_xcalloc((size_t)U + 1, sizeof *answered);
    good = kh_xcalloc((size_t)U + 1, sizeof *good);

    /* satisfied levels per scale, by name */
    sat = kh_xcalloc((size_t)b->nscales + 1, sizeof *sat);
    for (int32_t s = 0; s < b->nscales; s++) {
        sat[s] = kh_xcalloc((size_t)b->scales[s].nlevels + 1, 1);
        for (int32_t l = 0; l < b->scales[s].nlevels; l++) {
            const char *ln = b->scales[s].levels[l].name;
            sat[s][l] = ln && (strcmp(ln, "满意") == 0 || strcmp(ln, "基本满意") == 0);
        }
    }

    for (int32_t i = 0; i < b->nanswers; i++) {
        const struct kh_answer *a = &b->answers[i];
        const struct kh_survey_item *it = &b->items[a->item];
        int32_t u = b->responses[a->response].unit;
        if (kh_isnan(a->points))
            continue;
        num[a->response] += it->weight * a->points;
        den[a->response] += it->weight;
        answered[u]++;
        if (a->level >= 0 && it->scale >= 0 && it->scale < b->nscales
            && a->level < b->scales[it->scale].nlevels && sat[it->scale][a->level])
            good[u]++;
    }

    /* channel weights of the interned channel names */
    chw = kh_xcalloc((size_t)NCH + 1, sizeof *chw);
    for (int32_t k = 0; k < b->cycle.nchannels; k++) {
        for (int32_t c = 0; c < NCH; c++)
            if (strcmp(b->channels[c], b->cycle.channels[k].name) == 0)
                chw[c] = b->cycle.channels[k].weight;
        if (strcmp(b->cycle.channels[k].name, "web") == 0)
            webw = b->cycle.channels[k].weight;
    }

    usum = kh_xcalloc((size_t)U + 1, sizeof *usum);
    un = kh_xcalloc((size_t)U + 1, sizeof *un);
    csum = kh_xcalloc((size_t)U * (NCH + 1) + 1, sizeof *csum);   /* slot NCH: no channel */
    cn = kh_xcalloc((size_t)U * (NCH + 1) + 1, sizeof *cn);
    for (int32_t r = 0; r < NR; r++) {
        const struct kh_response *rs = &b->responses[r];
        double sc;
        size_t at;
        if (den[r] <= 0)
            continue;
        sc = num[r] / den[r];
        num[r] = sc;                               /* keep the score for the sd pass */
        usum[rs->unit] += sc;
        un[rs->unit]++;
        at = (size_t)rs->unit * (NCH + 1) + (rs->channel >= 0 ? rs->channel : NCH);
        csum[at] += sc;
        cn[at]++;
    }

    for (int32_t u = 0; u < U; u++) {
        struct kh_survey_result *sr = &p->surveys[u];
        sr->n = un[u];
        sr->sample_small = un[u] < b->cycle.min_sample;
        if (un[u] == 0) {
            sr->mean = sr->sd = sr->ci_low = sr->ci_high = sr->rate = NAN;
            continue;
        }
        if (by_channel) {
            double wn = 0.0, wd = 0.0;
            for (int32_t c = 0; c <= NCH; c++) {
                size_t at = (size_t)u * (NCH + 1) + c;
                double w = c < NCH ? chw[c] : webw;
                if (cn[at] == 0 || w <= 0)
                    continue;
                wn += w * (csum[at] / (double)cn[at]);
                wd += w;
            }
            sr->mean = wd > 0 ? wn / wd : NAN;
        } else {
            sr->mean = usum[u] / (double)un[u];
        }
        sr->rate = answered[u] ? (double)good[u] / (double)answered[u] : NAN;
        usum[u] = usum[u] / (double)un[u];   /* pooled mean, for the sd */
    }
    for (int32_t u = 0; u < U; u++)
        p->surveys[u].sd = 0.0;
    for (int32_t r = 0; r < NR; r++) {
        int32_t u = b->responses[r].unit;
        double dv;
        if (den[r] <= 0)
            continue;
        dv = num[r] - usum[u];
        p->surveys[u].sd += dv * dv;
    }
    for (int32_t u = 0; u < U; u++) {
        struct kh_survey_result *sr = &p->surveys[u];
        double half;
        if (sr->n == 0) {
            sr->sd = NAN;
            continue;
        }
        sr->sd = sr->n > 1 ? sqrt(sr->sd / (double)(sr->n - 1)) : 0.0;
        half = 1.96 * sr->sd / sqrt((double)sr->n);
        sr->ci_low = sr->mean - half;
        sr->ci_high = sr->mean + half;
    }

    for (int32_t s = 0; s < b->nscales; s++)
        free(sat[s]);
    free(sat);
    free(num);
    free(den);
    free(answered);
    free(good);
    free(chw);
    free(usum);
    free(un);
    free(csum);
    free(cn);
}
