/*
 * msg-bundle.h — the messages of src/bundle: the diagnostics of the bundle
 * reader (FORMATS.md, docs/formats.md) and the errors of the bundle writer.
 * Conventions of every catalog: msg.h.
 *
 * A diagnostic's place ("values.csv:3:value", "values!D3") is not part of
 * its message: the reader records it beside the message (kh_diag), so one
 * message serves a CSV file and a workbook sheet alike.  Arguments are the
 * user's own codes and cells, quoted as written, and numbers made with
 * KH_ARG_LONG / KH_ARG_NUM.  A message used by several readers ("unknown
 * unit" in values, targets, responses and cadres) is one message.  The
 * messages about sheets of a workbook as such (unknown, duplicate, missing,
 * a cell outside the header) are the xlsx messages of msg-util.h.
 *
 * The reasons of the small cell syntaxes (params.c: key=value lists and
 * grade thresholds) are complete messages too: a `k=v` list names the
 * column or key it was read from as {1} ("survey_channels", "dims",
 * "参数"), which reads the same in both languages, and the thresholds have
 * one context only (team_thresholds / cadre_thresholds of cycle.csv), so
 * their messages say "bad thresholds" themselves.
 */
#ifndef KAOHE_MSG_BUNDLE_H
#define KAOHE_MSG_BUNDLE_H

#include "kaohe/msg.h"

#define KH_MSGS_BUNDLE(X)                                                                          \
    /* files and headers (bundle-read.c, table.c) */                                                \
    X(BUNDLE_MISSING_FILE, "缺少必需文件", "missing required file")                                 \
    X(BUNDLE_NOT_A_FOLDER, "无法读取目录：{1}", "cannot read bundle folder: {1}")                      \
    X(BUNDLE_NUL_BYTE, "含 NUL 字节（0x00），不是文本文件", "NUL byte (0x00): not a text file")          \
    X(BUNDLE_EMPTY_FILE, "文件为空，缺少表头", "empty file, no header")                               \
    X(BUNDLE_DUP_COLUMN, "列重复：与 “{1}” 同为 {2}", "duplicate column: “{1}” is {2} too")            \
    X(BUNDLE_UNKNOWN_WEIGHT_CATEGORY, "未知列：分类不存在于 categories.csv",                           \
      "unknown column: unknown category (not in categories.csv)")                                 \
    X(BUNDLE_EMPTY_HEADER, "第 {1} 列表头为空", "empty column header (column {1})")                   \
    X(BUNDLE_UNKNOWN_COLUMN, "未知列 “{1}”", "unknown column “{1}”")                                \
    X(BUNDLE_MISSING_COLUMN, "缺少必需列 {1}", "missing required column {1}")                       \
    X(BUNDLE_MISSING_WEIGHT_COLUMN, "缺少分类 {1} 的权重列", "missing weight column of category {1}")  \
    X(BUNDLE_FIELD_COUNT, "字段数为 {1}，表头为 {2}", "wrong field count: {1}, header has {2}")        \
    /* cells (table.c) */                                                                           \
    X(BUNDLE_EMPTY_CODE, "编码为空", "empty code")                                                  \
    X(BUNDLE_BAD_CODE, "编码 “{1}” 含空白、分号或等号", "code “{1}” contains whitespace, ';' or '='")   \
    X(BUNDLE_NUMBER_REQUIRED, "缺少数值", "number required")                                        \
    X(BUNDLE_NOT_A_NUMBER, "不是数字 “{1}”", "not a number: “{1}”")                                 \
    X(BUNDLE_NUMBER_RANGE, "数值 “{1}” 超出范围：绝对值须为 0 或在 1e-100 到 1e100 之间",              \
      "number “{1}” out of range: |x| must be 0 or within 1e-100..1e100")                         \
    /* cycle.csv (read-setup.c) */                                                                  \
    X(BUNDLE_UNKNOWN_CYCLE_KEY, "未知键 “{1}”", "unknown cycle key “{1}”")                          \
    X(BUNDLE_DUP_CYCLE_KEY, "键 “{1}” 重复", "duplicate key “{1}”")                                \
    X(BUNDLE_EXPECT_NUMBER, "应为 {1} 到 {2} 之间的数字，而非 “{3}”",                                 \
      "expected a number in range {1}..{2}, not “{3}”")                                           \
    X(BUNDLE_EXPECT_INTEGER, "应为 {1} 到 {2} 之间的整数，而非 “{3}”",                                \
      "expected an integer in range {1}..{2}, not “{3}”")                                         \
    X(BUNDLE_BAD_DATE, "日期应为 YYYY-MM-DD，而非 “{1}”", "expected an ISO date (YYYY-MM-DD), not “{1}”") \
    X(BUNDLE_EXPECT_ON_OFF, "应为 on 或 off，而非 “{1}”", "expected on or off, not “{1}”")            \
    X(BUNDLE_BAD_CHANNEL_WEIGHT, "渠道 “{1}={2}” 无效", "bad channel weight “{1}={2}”")             \
    X(BUNDLE_BAD_VETO_CAP, "veto_cap “{1}” 不是班子等级，也不是 lowest",                              \
      "veto_cap “{1}” is not a team grade or lowest")                                             \
    /* key=value lists of a cell, {1} the column or key (params.c) */                              \
    X(BUNDLE_KV_NO_EQUALS, "{1} 语法错误：“{2}” 缺少 “=”", "bad {1} syntax: “{2}”: expected key=value") \
    X(BUNDLE_KV_EMPTY_KEY, "{1} 语法错误：“={2}” 缺少名称", "bad {1} syntax: “={2}”: empty key")      \
    X(BUNDLE_KV_DUP_KEY, "{1} 语法错误：“{2}” 重复", "bad {1} syntax: duplicate key “{2}”")          \
    /* grade thresholds of cycle.csv (params.c) */                                                  \
    X(BUNDLE_GRADES_BARE_NOT_LAST, "等级分数线无效：只有最后一项可以不带分数线",                         \
      "bad thresholds: only the last grade may omit its threshold")                               \
    X(BUNDLE_GRADES_NOT_NUMBER, "等级分数线无效：“{1}” 的分数线不是数字 “{2}”",                          \
      "bad thresholds: the threshold of “{1}” is not a number: “{2}”")                            \
    X(BUNDLE_GRADES_NOT_DECREASING, "等级分数线无效：分数线须严格递减",                                 \
      "bad thresholds: thresholds must decrease")                                                 \
    X(BUNDLE_GRADES_BAD_NAME, "等级分数线无效：等级名称 “{1}” 无效", "bad thresholds: bad grade name “{1}”") \
    X(BUNDLE_GRADES_DUP, "等级分数线无效：等级 “{1}” 重复", "bad thresholds: duplicate grade “{1}”")  \
    X(BUNDLE_GRADES_NONE, "等级分数线无效：至少需要一个带分数线的等级",                                 \
      "bad thresholds: at least one grade with a threshold is needed")                           \
    X(BUNDLE_GRADES_BOTTOM_CLASH, "等级分数线无效：等级 “{1}” 与隐含的最低等级重名",                     \
      "bad thresholds: grade “{1}” clashes with the implied bottom grade")                        \
    /* categories, units, scales, rater groups, raters (read-setup.c) */                           \
    X(BUNDLE_DUP_CATEGORY, "分类 “{1}” 重复", "duplicate category “{1}”")                           \
    X(BUNDLE_EMPTY_CATEGORY, "分类为空", "empty category")                                          \
    X(BUNDLE_UNKNOWN_CATEGORY, "未知分类 “{1}”", "unknown category “{1}”")                          \
    X(BUNDLE_DUP_UNIT, "单位 “{1}” 重复", "duplicate unit “{1}”")                                   \
    X(BUNDLE_EMPTY_LEVEL, "等级名称为空", "empty level")                                            \
    X(BUNDLE_BAD_LEVEL, "等级 “{1}” 含空白、分号或等号", "bad level name “{1}”: whitespace, ';' or '='") \
    X(BUNDLE_DUP_LEVEL, "量表 {1} 的等级 “{2}” 重复", "duplicate level “{2}” of scale {1}")         \
    X(BUNDLE_BAD_COMBINE, "合成方式应为 mean、trimmed 或 median，而非 “{1}”",                          \
      "bad combine: expected mean, trimmed or median, not “{1}”")                                 \
    X(BUNDLE_DUP_GROUP, "评价组 “{1}” 重复", "duplicate rater group “{1}”")                         \
    X(BUNDLE_UNKNOWN_GROUP, "未知评价组 “{1}”", "unknown rater group “{1}”")                        \
    X(BUNDLE_DUP_RATER, "评价人 “{1}” 重复", "duplicate rater “{1}”")                               \
    /* indicators.csv (read-tree.c) */                                                              \
    X(BUNDLE_BAD_KIND, "类型应为 node/quant/qual/survey/bonus/penalty/veto，而非 “{1}”",               \
      "bad kind: expected node/quant/qual/survey/bonus/penalty/veto, not “{1}”")                  \
    X(BUNDLE_BAD_DIRECTION, "方向应为 benefit 或 cost，而非 “{1}”",                                  \
      "bad direction: expected benefit or cost, not “{1}”")                                       \
    X(BUNDLE_UNKNOWN_METHOD, "未知计分方法 “{1}”", "unknown method “{1}”")                          \
    X(BUNDLE_QUANT_NEEDS_METHOD, "定量指标必须有计分方法", "a quant leaf needs a method")            \
    X(BUNDLE_METHOD_NOT_QUANT, "只有定量指标有计分方法，{1} 不应有", "only quant leaves have a method, not {1}") \
    X(BUNDLE_BAD_MISSING, "缺失处理应为 zero、exclude 或 category_mean，而非 “{1}”",                   \
      "bad missing policy: expected zero, exclude or category_mean, not “{1}”")                   \
    X(BUNDLE_RATERS_NOT_QUAL, "只有定性指标有评价主体", "raters belong to qual leaves")              \
    X(BUNDLE_SCALE_NOT_QUAL, "只有定性指标有量表", "scale belongs to qual leaves")                   \
    X(BUNDLE_UNKNOWN_SCALE, "未知量表 “{1}”", "unknown scale “{1}”")                                \
    X(BUNDLE_WEIGHT_NOT_NUMBER, "权重不是数字或超出范围 “{1}”",                                        \
      "weight “{1}” is not a number, or |x| outside 0 or 1e-100..1e100")                          \
    X(BUNDLE_NEGATIVE_WEIGHT, "权重为负 “{1}”", "negative weight “{1}”")                            \
    X(BUNDLE_WEIGHT_RANGE, "指标权重 “{1}” 超出范围：须为 0 或在 1e-15 到 1e15 之间",                   \
      "indicator weight “{1}” out of range: 0 or 1e-15..1e15")                                    \
    X(BUNDLE_DUP_INDICATOR, "指标 “{1}” 重复", "duplicate indicator “{1}”")                         \
    X(BUNDLE_UNKNOWN_PARENT, "未知上级指标 “{1}”", "unknown parent “{1}”")                          \
    X(BUNDLE_OWN_PARENT, "指标 “{1}” 以自身为上级", "node “{1}” is its own parent")                  \
    X(BUNDLE_DENOMINATOR_NOT_QUANT, "denominator “{1}” 不是定量叶子指标",                              \
      "denominator “{1}” must be a quant leaf")                                                   \
    X(BUNDLE_TREE_CYCLE, "上级关系成环，经过 “{1}”", "cycle in the tree through {1}")                \
    X(BUNDLE_PARENT_IS_LEAF, "上级 “{1}” 是叶子指标（{2}），不能有下级",                                \
      "parent is a leaf: “{1}” ({2}) cannot have children")                                       \
    X(BUNDLE_NODE_NO_CHILD, "node “{1}” 没有下级指标", "node “{1}”: a node needs at least one child") \
    /* parameters of a leaf (params.c) */                                                           \
    X(BUNDLE_PARAM_NOT_NUMBER, "参数 {1} 不是数字或超出范围 “{2}”",                                    \
      "parameter {1} is not a number, or out of range: “{2}”")                                   \
    X(BUNDLE_PARAM_BOUND, "参数 {1} 应为数字（绝对值不超过 1e100）、pop_min 或 pop_max，而非 “{2}”",      \
      "parameter {1}: expected a number within ±1e100, pop_min or pop_max, not “{2}”")            \
    X(BUNDLE_PARAM_NOT_PAIRS, "参数 {1} 的第 {2} 项 “{3}” 应为 x:y",                                  \
      "parameter {1}, item {2} “{3}”: expected x:y pairs separated by |")                         \
    X(BUNDLE_PARAM_BAD_PAIR, "参数 {1} 的第 {2} 项 “{3}:{4}” 无效",                                   \
      "parameter {1}, item {2} “{3}:{4}”: invalid pair")                                          \
    X(BUNDLE_UNKNOWN_PARAM, "未知参数 “{1}”", "unknown parameter “{1}”")                            \
    X(BUNDLE_PARAM_NOT_OF_KIND, "参数 {1} 不属于 {2}", "parameter {1} does not belong to this kind ({2})") \
    X(BUNDLE_PARAM_NOT_OF_METHOD, "参数 {1} 不属于 {2}（方法 {3}）",                                  \
      "parameter {1} does not belong to this method ({2}, method {3})")                          \
    X(BUNDLE_DUP_BREAKPOINT, "分段点 x={1} 重复", "duplicate breakpoint x={1}")                     \
    X(BUNDLE_POINTS_NOT_NUMBER, "参数 points 的第 {1} 项 “{2}” 不是数字",                              \
      "parameter points, item {1} “{2}”: not a number")                                           \
    X(BUNDLE_UNKNOWN_TRANSFORM, "未知变换 “{1}”，应为 growth、per_capita 或 ratio",                     \
      "unknown transform “{1}”: expected growth, per_capita or ratio")                            \
    X(BUNDLE_BAD_USE, "use 应为 index 或 rate，而非 “{1}”", "use must be index or rate, not “{1}”")  \
    X(BUNDLE_MISSING_PARAM, "方法 {1} 缺少必需参数 {2}", "missing required parameter {2} of method {1}") \
    X(BUNDLE_FLOOR_POINTS, "floor 与 points 只能取其一", "floor and points are exclusive")          \
    X(BUNDLE_MISSING_DENOMINATOR, "变换 {1} 缺少必需参数 denominator",                                 \
      "missing required parameter denominator of transform {1}")                                  \
    X(BUNDLE_DENOMINATOR_FOREIGN, "参数 denominator 只用于 per_capita/ratio",                          \
      "denominator belongs to per_capita/ratio")                                                  \
    X(BUNDLE_WREF_NOT_NUMBER, "“{1}” 的权重不是数字 “{2}”", "the weight of “{1}” is not a number: “{2}”") \
    X(BUNDLE_WREF_NEGATIVE, "“{1}” 的权重为负", "negative weight of “{1}”")                         \
    /* positions, cadres, adjustments (read-cadres.c) */                                            \
    X(BUNDLE_BAD_PRINCIPAL, "正职应为 1/0、yes/no、true/false 或 是/否，而非 “{1}”",                   \
      "bad principal: expected 1/0, yes/no, true/false or 是/否, not “{1}”")                      \
    X(BUNDLE_POSITION_WEIGHT_RANGE, "权重应在 0 到 1 之间", "weight must be in [0,1]")              \
    X(BUNDLE_POSITION_WEIGHT_SUM, "w_team + w_duty + w_eval = {1}，应为 1",                           \
      "position weights must sum to 1: w_team + w_duty + w_eval = {1}")                           \
    X(BUNDLE_BAD_DIM_CODE, "维度编码 “{1}” 无效", "bad dimension code “{1}”")                       \
    X(BUNDLE_BAD_DIM_WEIGHT, "维度 {1} 的权重 “{2}” 无效", "bad weight “{2}” of dimension {1}")     \
    X(BUNDLE_DUP_POSITION, "职位 “{1}” 重复", "duplicate position “{1}”")                           \
    X(BUNDLE_CODE_CLASH, "编码 “{1}” 已是单位编码，不能同时作干部编码",                                 \
      "code “{1}” used by a unit and a cadre")                                                    \
    X(BUNDLE_UNKNOWN_POSITION, "未知职位 “{1}”", "unknown position “{1}”")                          \
    X(BUNDLE_UNKNOWN_RESPONSIBILITY, "分管工作 “{1}” 不是指标编码",                                    \
      "responsibility “{1}”: unknown indicator node")                                             \
    X(BUNDLE_DUP_CADRE, "干部 “{1}” 重复", "duplicate cadre “{1}”")                                 \
    X(BUNDLE_UNKNOWN_SUBJECT, "对象 “{1}” 既不是单位也不是干部", "subject “{1}” is not a unit or cadre") \
    X(BUNDLE_NOT_POINT_LEAF, "指标 “{1}” 不是加分、扣分或否决指标（{2}）",                              \
      "indicator “{1}” is not a bonus/penalty/veto leaf ({2})")                                   \
    X(BUNDLE_VETO_AMOUNT, "否决指标的数额只能是 1（触发）或 0（未触发），而非 “{1}”",                    \
      "veto amount must be 1 or 0 (triggered or not), not “{1}”")                        \
    X(BUNDLE_NEGATIVE_AMOUNT, "数额为负 “{1}”", "negative amount “{1}”")                            \
    /* targets, values, ratings, survey items, responses (read-data.c) */                          \
    X(BUNDLE_UNKNOWN_UNIT, "未知单位 “{1}”", "unknown unit “{1}”")                                  \
    X(BUNDLE_UNKNOWN_INDICATOR, "未知指标 “{1}”", "unknown indicator “{1}”")                        \
    X(BUNDLE_NOT_QUANT_LEAF, "指标 “{1}” 不是定量叶子指标（{2}）", "indicator “{1}” is not a quant leaf ({2})") \
    X(BUNDLE_BAD_STATUS, "状态应为 approved、proposed 或 returned，而非 “{1}”",                        \
      "bad status: expected approved, proposed or returned, not “{1}”")                           \
    X(BUNDLE_DUP_TARGET, "单位 {1} 指标 {2} 的目标重复", "duplicate target: unit {1}, indicator {2}") \
    X(BUNDLE_BAD_PERIOD, "期间应为 Y、Q1–Q4 或 M01–M12，而非 “{1}”",                                  \
      "bad period: expected Y, Q1–Q4 or M01–M12, not “{1}”")                                      \
    X(BUNDLE_DUP_VALUE, "单位 {1} 指标 {2} 期间 {3} 的数值重复",                                       \
      "duplicate value: unit {1}, indicator {2}, period {3}")                                     \
    X(BUNDLE_EMPTY_SCORE, "评分为空", "empty score")                                                \
    X(BUNDLE_LEVEL_ON_NUMERIC, "量表 {1} 是数值量表，“{2}” 不是数字",                                  \
      "level on a numeric scale: scale {1} takes numbers, “{2}” is not one")                      \
    X(BUNDLE_SCORE_RANGE, "分数 “{1}” 超出 0–100", "number out of 0-100: “{1}”")                    \
    X(BUNDLE_NUMBER_ON_LEVEL, "量表 {1} 是等级量表，不接受数字 “{2}”",                                 \
      "number on a level scale: scale {1} does not take the number “{2}”")                        \
    X(BUNDLE_NOT_A_LEVEL, "“{1}” 不是量表 {2} 的等级", "“{1}” is not a level of the scale {2}")      \
    X(BUNDLE_UNKNOWN_RATER, "未知评价人 “{1}”", "unknown rater “{1}”")                              \
    X(BUNDLE_ITEM_NOT_QUAL, "“{1}” 不是定性叶子指标", "item of a unit must be a qual leaf, not “{1}”") \
    X(BUNDLE_NOT_A_DIMENSION, "“{1}” 不是干部 {2} 职位的评价维度",                                     \
      "“{1}” is not a dimension of the position of cadre {2}")                                    \
    X(BUNDLE_UNKNOWN_RATEE, "被评价对象 “{1}” 既不是单位也不是干部",                                   \
      "unknown ratee “{1}”: not a unit or cadre")                                                 \
    X(BUNDLE_DUP_RATING, "同一评价人对同一对象同一评价项重复评分",                                      \
      "duplicate rating: the same rater, ratee and item")                                         \
    X(BUNDLE_DUP_ITEM, "题目 “{1}” 重复", "duplicate survey item “{1}”")                            \
    X(BUNDLE_BAD_CHANNEL, "渠道 “{1}” 含空白、分号或等号", "bad channel “{1}”: whitespace, ';' or '='") \
    X(BUNDLE_UNKNOWN_CHANNEL, "渠道 “{1}” 不在 cycle.csv 的 survey_channels 中（{2}）",                \
      "unknown channel “{1}”: not in survey_channels of cycle.csv ({2})")                         \
    X(BUNDLE_UNKNOWN_ITEM, "未知题目 “{1}”", "unknown survey item “{1}”")                           \
    X(BUNDLE_RESPONSE_UNIT, "答卷 {1} 的单位与前面的行不同", "a response keeps one unit: response {1} changes it") \
    X(BUNDLE_RESPONSE_CHANNEL, "答卷 {1} 的渠道与前面的行不同",                                        \
      "a response keeps one channel: response {1} changes it")                                    \
    X(BUNDLE_DUP_ANSWER, "答卷 {1} 的题目 {2} 重复", "duplicate answer: response {1}, item {2}")     \
    /* cross-file checks (bundle-read.c) */                                                         \
    X(BUNDLE_MISSING_TARGET, "缺少单位 {1} 指标 {2} 的已批准目标值",                                   \
      "missing approved target for unit {1}, indicator {2}")                                      \
    X(BUNDLE_TARGET_NOT_APPROVED, "目标值未批准（{1}），目标计分指标需要已批准的目标",                   \
      "target not approved ({1}): a target-scored leaf needs an approved target")                 \
    X(BUNDLE_TARGET_MISSING, "目标值为空", "missing target")                                        \
    X(BUNDLE_TARGET_ZERO, "目标值为 0", "zero target")                                              \
    X(BUNDLE_MISSING_BASELINE, "增长率指标 {1} 缺少单位 {2} 的基期值（targets.csv 的 baseline）",        \
      "missing growth baseline: leaf {1}, unit {2} (baseline of targets.csv)")                    \
    X(BUNDLE_BASELINE_ZERO, "增长率指标 {1} 单位 {2} 的基期值为 0",                                    \
      "growth baseline is 0: leaf {1}, unit {2}")                                                 \
    X(BUNDLE_GROWTH_RANGE, "增长率指标 {1} 的增长率超出范围（基期值过小？）",                            \
      "growth rate out of range: |x| > 1e100 (leaf {1}; baseline too small?)")                    \
    X(BUNDLE_DENOMINATOR_ZERO, "分母指标 {1} 的值为 0", "denominator value is 0 (leaf {1})")        \
    X(BUNDLE_RATIO_RANGE, "指标 {1} 除以分母 {2} 后超出范围",                                          \
      "ratio out of range: |x| > 1e100 ({1} divided by {2})")                                     \
    /* the writer (bundle-write.c; the folder also for kaohe sample) */                             \
    X(BUNDLE_MKDIR, "无法创建目录：{1}", "cannot create the folder: {1}")                            \
    X(BUNDLE_WRITE_FAILED, "写出失败", "write failed")

KH_MSGS_BUNDLE(KH_MSG_EXTERN)

#endif
