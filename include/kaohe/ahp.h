/*
 * ahp.h — the analytic hierarchy process (层次分析法), SPEC §8.
 *
 * A pairwise-comparison matrix A of order n (1 ≤ n ≤ 15) says how much more
 * important criterion i is than criterion j (Saaty's 1/9–9 scale).  It must
 * be positive and reciprocal: |a_ij·a_ji − 1| ≤ 1e-6 for every i, j (the
 * diagonal included, which forces a_ii = 1).
 *
 * The weights are the principal right eigenvector of A, normalised to sum 1,
 * found by power iteration; λmax, the consistency index CI = (λmax − n)/(n − 1)
 * and the consistency ratio CR = CI/RI(n) with Saaty's random index RI tell
 * whether the judgements hang together (CR < 0.1 is acceptable).  Several
 * experts are pooled by the element-wise geometric mean of their matrices,
 * which keeps the result reciprocal (Aczél & Saaty 1983).
 *
 * Matrices are flat, row-major: a[i*n + j].  The functions here are pure
 * math; kh_ahp_matrix_parse() reads the CSV text of one matrix file from
 * memory (the CLI does the file I/O).
 */
#ifndef KAOHE_AHP_H
#define KAOHE_AHP_H

#include <stdbool.h>
#include <stddef.h>

struct kh_error;

#define KH_AHP_MAX_N 15
/* Reciprocity tolerance of SPEC §8. */
#define KH_AHP_RECIPROCAL_TOL 1e-6
/* Power iteration stops when no weight moves by this much (SPEC §8). */
#define KH_AHP_TOL 1e-12
/* CR at or above this is inconsistent (SPEC §8). */
#define KH_AHP_CR_LIMIT 0.1

struct kh_ahp_result {
    int n;
    double weights[KH_AHP_MAX_N];   /* sum 1 */
    double lambda_max;              /* mean((Aw)_i / w_i) */
    double ci;                      /* (λmax − n)/(n − 1), 0 for n ≤ 2, never negative */
    double ri;                      /* Saaty's RI(n), 0 for n ≤ 2 */
    double cr;                      /* ci/ri, 0 for n ≤ 2 */
    bool consistent;                /* cr < 0.1 */
    int iterations;                 /* power-iteration steps taken */
};

/* What is wrong with a matrix cell (kh_ahp_check). */
enum kh_ahp_defect { KH_AHP_OK, KH_AHP_NOT_POSITIVE, KH_AHP_NOT_RECIPROCAL, KH_AHP_TOO_LARGE };

/* Saaty's random index for order n (SPEC §8 table; 0 for n ≤ 2; NaN beyond 15). */
double kh_ahp_random_index(int n);

/*
 * Check that a is positive and reciprocal.  Returns KH_AHP_OK, or the first
 * defect in row-major order with *row and *col (0-based) naming the cell; for a
 * reciprocity defect the cell named is the one below the diagonal (i > j),
 * or the diagonal cell.  n outside 1..15 gives KH_AHP_TOO_LARGE, cell (0,0).
 */
enum kh_ahp_defect kh_ahp_check(const double *a, int n, int *row, int *col);

/*
 * Weights and consistency of a (which must pass kh_ahp_check).  Returns 0,
 * or KH_EINVAL (with err's message) when a fails the check, or KH_EDATA in
 * the theoretically impossible case that the iteration does not converge.
 */
int kh_ahp_solve(const double *a, int n, struct kh_ahp_result *out, struct kh_error *err);

/*
 * Element-wise geometric mean of `k` matrices of order n into out[n*n]:
 * out_ij = exp(mean_k ln a_ij^(k)).  The diagonal is set to exactly 1 and
 * out_ji to exactly 1/out_ij, so the result is reciprocal to the last bit.
 * Inputs must be positive.
 */
void kh_ahp_geomean(const double *const *mats, size_t k, int n, double *out);

/*
 * One matrix file.  Layout: n records of n cells, optionally preceded by a
 * header record of criterion codes and optionally led by a first column of
 * criterion codes (both may be present; the header may then have an empty
 * or any corner cell).  A first record is a header when none of its cells is
 * a number (its first cell aside, which may be a row code or a corner
 * label; so criterion codes must not look like numbers); a first column holds codes when the data records have n + 1
 * cells.  Cells are numbers (`7`, `0.5`) or fractions (`1/7`).  Blank
 * records are skipped.
 *
 * codes[i] is NULL when the file has no codes.  When both header and first
 * column carry codes they must agree, in the same order.
 */
struct kh_ahp_matrix {
    int n;
    double a[KH_AHP_MAX_N * KH_AHP_MAX_N];
    char *codes[KH_AHP_MAX_N];      /* malloc'd, or NULL */
    long line[KH_AHP_MAX_N];        /* physical line of row i */
    int first_col;                  /* 1 when the first column holds codes */
};

/* Parse a cell "7", "0.5", "1/7" (surrounding spaces allowed).  Returns
 * false for anything else, including a zero denominator. */
bool kh_ahp_parse_cell(const char *s, double *out);

/*
 * Parse and validate one matrix file held in memory.  `fname` is used in
 * error locations: "FILE:LINE:COLUMN" where COLUMN is the criterion code of
 * the column when known, else its 1-based position.  Every rule above and
 * kh_ahp_check() are applied.  Returns 0, or KH_EINVAL with err set (the
 * first defect).  On success the caller releases m with
 * kh_ahp_matrix_release(); on failure m is already released.
 */
int kh_ahp_matrix_parse(const char *data, size_t len, const char *fname,
                        struct kh_ahp_matrix *m, struct kh_error *err);
void kh_ahp_matrix_release(struct kh_ahp_matrix *m);

/* Location text of a matrix cell for messages: the column code, or its
 * 1-based position in the file.  Writes into buf (≥ 32 bytes), returns buf. */
const char *kh_ahp_matrix_column(const struct kh_ahp_matrix *m, int col, char *buf, size_t n);

#endif
