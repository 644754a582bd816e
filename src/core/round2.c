/*
 * round2.c — the method's one rounding function (round2.h, SPEC §6).
 *
 * round2(x) = floor(100·x + 0.5 + 1e-9) / 100.  Each step is written as its
 * own statement on a volatile-free double so the compiler, built with
 * -ffp-contract=off, cannot fuse the multiply and the add; the 1e-9 makes
 * 94.995 (stored as 94.99499999…) round up as a spreadsheet would.
 */
#include <math.h>
#include "kaohe/round2.h"

double kh_round2(double x)
{
    double y = 100.0 * x;
    y = y + 0.5;
    y = y + 1e-9;
    return floor(y) / 100.0;
}
