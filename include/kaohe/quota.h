/*
 * quota.h — how many members of a group may hold the top grade (SPEC
 * §11.18), the one place the formula is written.
 *
 *   places = floor(quota·n + 1e-9)
 *
 * n counts every member of the group (vetoed and capped ones too); the
 * 1e-9 keeps 0.2·10 from becoming 1.999… → 1.  Teams get at least one
 * place, cadres no minimum.  The engine decides grades with it
 * (rank-grade.c); the summaries and PDF reports show the same number as
 * "the quota line", so it must never be recomputed elsewhere.
 */
#ifndef KAOHE_QUOTA_H
#define KAOHE_QUOTA_H

#include <stdbool.h>
#include <stdint.h>

/* Top-grade places for a group of n members; pure, never fails. */
int32_t kh_top_grade_places(double quota, int32_t n, bool at_least_one);

#endif
