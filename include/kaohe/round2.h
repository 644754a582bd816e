/*
 * round2.h — the method's one rounding function (SPEC §6).
 *
 * round2(x) = floor(100·x + 0.5 + 1e-9) / 100, each operation one IEEE
 * double rounding in exactly that order (the build uses -ffp-contract=off so
 * no fused multiply-add changes the result).  Every *decision* — ranks, ties,
 * grade thresholds, quota boundaries — compares round2 values; printf is for
 * display only.
 */
#ifndef KAOHE_ROUND2_H
#define KAOHE_ROUND2_H

double kh_round2(double x);

#endif
