/*
 * msg-analysis.h — the messages of src/analysis: the AHP judgement matrix,
 * the entropy method, weight files and the rank-stability study.  Their
 * places (file, line, column) travel in struct kh_error, not in the text.
 * Conventions of every catalog: msg.h.
 */
#ifndef KAOHE_MSG_ANALYSIS_H
#define KAOHE_MSG_ANALYSIS_H

#include "kaohe/msg.h"

#define KH_MSGS_ANALYSIS(X) \
    X(AHP_TOO_LARGE, "判断矩阵超过 {1} 阶", "the matrix has more than {1} rows") \
    X(MATRIX_EMPTY, "文件为空", "the file is empty") \
    X(AHP_NO_ROWS, "只有表头，没有判断矩阵", "a header but no matrix rows") \
    X(AHP_NOT_SQUARE, "判断矩阵不是方阵：{1} 行，本行 {2} 个数", \
      "the matrix is not square: {1} rows but this row has {2} values") \
    X(AHP_HEADER_COUNT, "表头有 {1} 个编码，矩阵为 {2} 阶", "the header has {1} codes for a matrix of order {2}") \
    X(AHP_HEADER_EXTRA, "表头比数据行多一列", "the header has one cell more than the rows") \
    X(AHP_HEADER_CODE_EMPTY, "表头第 {1} 个指标编码为空", "criterion code {1} of the header is empty") \
    X(AHP_ROW_CODE, "行编码 “{1}” 与表头第 {2} 列 “{3}” 不一致", \
      "row code '{1}' does not match header column {2} '{3}'") \
    X(AHP_NOT_NUMBER, "“{1}” 不是数值或分数（如 7、1/7、0.5）", "'{1}' is not a number or fraction (like 7, 1/7, 0.5)") \
    X(AHP_CODE_REPEATED, "指标编码 “{1}” 重复", "criterion code '{1}' appears twice") \
    X(AHP_NOT_POSITIVE, "判断值必须为正数，此处为 {1}", "a judgement must be positive, this one is {1}") \
    X(AHP_DIAGONAL, "对角线元素必须为 1，此处为 {1}", "a diagonal cell must be 1, this one is {1}") \
    X(AHP_NOT_RECIPROCAL, "不满足互反性：a[{1}][{2}]·a[{2}][{1}] = {3} × {4} ≠ 1", \
      "not reciprocal: a[{1}][{2}]·a[{2}][{1}] = {3} × {4} ≠ 1") \
    X(AHP_ORDER, "判断矩阵阶数 {1} 不在 1–{2} 之间", "matrix order {1} is outside 1–{2}") \
    X(AHP_NO_CONVERGENCE, "特征向量迭代未收敛", "the eigenvector iteration did not converge") \
    X(ENTROPY_FEW_UNITS, "熵权法至少需要 2 个单位（现有 {1} 个）", "the entropy method needs at least 2 units (got {1})") \
    X(ENTROPY_NO_CRITERIA, "没有指标列", "no criteria columns") \
    X(ENTROPY_NOT_FINITE, "第 {1} 行第 {2} 列不是有限数值", "row {1} column {2} is not a finite number") \
    X(ENTROPY_NEGATIVE, "不做标准化时数值不能为负（第 {1} 行第 {2} 列）", \
      "with normalisation `none` values must be ≥ 0 (row {1} column {2})") \
    X(ENTROPY_COST_NONE, "不做标准化时不能有成本型指标（第 {1} 列）", \
      "normalisation `none` takes benefit criteria only (column {1})") \
    X(ENTROPY_CONSTANT, "所有指标列取值都相同，熵权无定义", "every column is constant: entropy weights are undefined") \
    X(ENTROPY_ALPHA, "α 必须在 0 与 1 之间", "alpha must lie in [0, 1]") \
    X(WEIGHTS_NEGATIVE, "权重必须为非负有限数（第 {1} 项）", "weights must be finite and non-negative (entry {1})") \
    X(WEIGHTS_ZERO_SUM, "权重之和为 0", "a weight set sums to 0") \
    X(STABILITY_RUNS, "运行次数须至少为 1", "the number of runs must be at least 1") \
    X(STABILITY_DELTA, "δ 须在 [0, 1) 之内", "delta must lie in [0, 1)") \
    X(WEIGHTS_HEADER, "表头应为 code,weight", "the header must be code,weight") \
    X(WEIGHTS_FIELD_COUNT, "应有 2 列，实有 {1} 列", "expected 2 cells, found {1}") \
    X(WEIGHTS_CODE_EMPTY, "编码为空", "empty code") \
    X(WEIGHTS_NOT_NONNEG, "“{1}” 不是非负数值", "'{1}' is not a non-negative number") \
    X(WEIGHTS_CODE_REPEATED, "编码 “{1}” 重复（首次在第 {2} 行）", "code '{1}' repeated (first on line {2})") \
    X(WEIGHTS_NONE, "没有权重行", "the file holds no weights") \
    X(WEIGHTS_NO_CODE_PARENT, "缺少 code 或 parent 列", "no code or parent column") \
    X(WEIGHTS_NO_CATEGORY, "没有 {1} 列：类别 “{2}” 不存在", "no column {1}: category '{2}' does not exist") \
    X(WEIGHTS_CELL_COUNT, "列数 {1} 与表头 {2} 不同", "{1} cells where the header has {2}") \
    X(WEIGHTS_NOT_NUMBER, "“{1}” 不是数值", "'{1}' is not a number") \
    X(WEIGHTS_NO_INDICATOR, "没有指标 “{1}”", "no indicator '{1}'") \
    X(WEIGHTS_NOT_CHILD, "“{1}” 不是 “{2}” 的参与加权的下级指标", "'{1}' is not a weighted child of '{2}'") \
    X(WEIGHTS_CHILD_MISSING, "下级指标 “{1}” 在 {2} 中有权重，但判断矩阵中没有它", \
      "child '{1}' has a weight in {2} but is missing from the matrix") \
    X(AHP_CELL_NOT_POSITIVE, "判断矩阵第 {1} 行第 {2} 列不是正数", "matrix cell ({1},{2}) is not positive") \
    X(AHP_CELL_NOT_RECIPROCAL, "判断矩阵第 {1} 行第 {2} 列不满足互反性", "matrix cell ({1},{2}) is not reciprocal")

KH_MSGS_ANALYSIS(KH_MSG_EXTERN)

#endif
