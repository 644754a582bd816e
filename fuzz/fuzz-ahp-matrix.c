/*
 * fuzz-ahp-matrix.c — libFuzzer target for the AHP matrix-file parser and
 * solver (ahp.h).
 *
 * Any bytes go through kh_ahp_matrix_parse(); an accepted matrix must pass
 * kh_ahp_check() (the parser promises it) and solve to weights that are
 * finite, non-negative and sum to 1 within 1e-9, with CR ≥ 0 — properties
 * of SPEC §8 that hold for every positive reciprocal matrix, so a violation
 * is a bug, not just a crash.  A rejected matrix must say where
 * (err.file is the file name given).  Build: -DKH_FUZZ=ON with clang.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/ahp.h"
#include "kaohe/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kh_ahp_matrix m;
    struct kh_ahp_result res;
    struct kh_error err;
    int row, col;
    kh_error_clear(&err);
    if (kh_ahp_matrix_parse((const char *)data, size, "m.csv", &m, &err) != 0) {
        if (strcmp(err.file, "m.csv") != 0)
            abort();
        return 0;
    }
    if (kh_ahp_check(m.a, m.n, &row, &col) != KH_AHP_OK)
        abort();
    if (kh_ahp_solve(m.a, m.n, &res, &err) == 0) {
        double sum = 0;
        for (int i = 0; i < res.n; i++) {
            if (!isfinite(res.weights[i]) || res.weights[i] < 0)
                abort();
            sum += res.weights[i];
        }
        if (fabs(sum - 1) > 1e-9 || !(res.cr >= 0))
            abort();
    }
    kh_ahp_matrix_release(&m);
    return 0;
}
