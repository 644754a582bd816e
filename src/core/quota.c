/*
 * quota.c — the top-grade quota of a group (quota.h, SPEC §11.18).
 *
 * Kept in core, not in rank-grade.c, because reports need the number of
 * places without running the grading: a summary that draws the quota line
 * must draw it where the engine put it.
 */
#include <math.h>
#include "kaohe/quota.h"

int32_t kh_top_grade_places(double quota, int32_t n, bool at_least_one)
{
    int32_t places = (int32_t)floor(quota * (double)n + 1e-9);
    if (at_least_one && places < 1)
        places = 1;
    return places;
}
