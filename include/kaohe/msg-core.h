/*
 * msg-core.h — the messages of src/core: the engine's own checks of data
 * that the bundle reader has already validated (a bundle built in memory by
 * other code can still reach them).  Conventions of every catalog: msg.h.
 */
#ifndef KAOHE_MSG_CORE_H
#define KAOHE_MSG_CORE_H

#include "kaohe/msg.h"

#define KH_MSGS_CORE(X) \
    X(TRANSFORM_BASELINE, "增长率基数缺失或为0：{1} {2}", "growth baseline missing or zero: {1} {2}") \
    X(TRANSFORM_DENOMINATOR, "分母为0：{1} {2}", "denominator is zero: {1} {2}")

KH_MSGS_CORE(KH_MSG_EXTERN)

#endif
