/*
 * msg-sample.h — the messages of src/sample (kaohe sample: synthetic
 * bundles from the embedded presets).  Conventions of every catalog: msg.h.
 *
 * A catalog of its own rather than a part of msg-bundle.h: these errors are
 * about the generator and its embedded data (a preset that names a leaf or
 * a position it has no model for), which a user of the reader never sees.
 * Where the generator meets the same trouble as others — a folder that
 * cannot be created, a file that cannot be written — it uses their
 * messages (BUNDLE_MKDIR, FILE_CREATE, FILE_WRITE).
 */
#ifndef KAOHE_MSG_SAMPLE_H
#define KAOHE_MSG_SAMPLE_H

#include "kaohe/msg.h"

#define KH_MSGS_SAMPLE(X)                                                                          \
    X(SAMPLE_UNKNOWN_PRESET, "未知预设 {1}", "unknown preset {1}")                                  \
    X(SAMPLE_EMBEDDED_MISSING, "内嵌数据缺失", "embedded file missing")                              \
    X(SAMPLE_FIELD_COUNT, "字段数不一致", "field count differs")                                    \
    X(SAMPLE_NOT_A_FOLDER, "不是目录", "not a directory")                                           \
    X(SAMPLE_UNKNOWN_CYCLE_KEY, "预设“{1}”修改了不存在的周期参数 {2}",                                 \
      "preset “{1}”: override of an unknown cycle key {2}")                                       \
    X(SAMPLE_CATEGORY, "预设“{1}”不支持该类别", "preset “{1}”: category not in preset")              \
    X(SAMPLE_NO_MODEL, "预设“{1}”没有指标 {2} 的模拟模型", "preset “{1}”: no sample model for leaf {2}") \
    X(SAMPLE_UNKNOWN_CATEGORY, "未知类别", "unknown category")                                      \
    X(SAMPLE_BAD_LAYOUT, "预设“{1}”的单位布局无效", "preset “{1}”: bad synthetic layout")            \
    X(SAMPLE_NO_ROSTER, "预设“{1}”没有评价主体 {2} 的名单模型",                                        \
      "preset “{1}”: no roster model for rater group {2}")                                        \
    X(SAMPLE_SCALE_MISSING, "缺少量表 {1}", "scale missing: {1}")                                   \
    X(SAMPLE_UNKNOWN_POSITION, "预设“{1}”使用了不存在的职位 {2}", "preset “{1}”: unknown position {2}")

KH_MSGS_SAMPLE(KH_MSG_EXTERN)

#endif
