/*
 * msg-all.h — every message catalog of kaohe, for the code that must see
 * them all: the catalog test (tests/unit/test-msg.c) and the list of error
 * codes of the JSON API.  A new catalog adds one include and one line.
 */
#ifndef KAOHE_MSG_ALL_H
#define KAOHE_MSG_ALL_H

#include "kaohe/msg-analysis.h"
#include "kaohe/msg-bundle.h"
#include "kaohe/msg-cli.h"
#include "kaohe/msg-core.h"
#include "kaohe/msg-http.h"
#include "kaohe/msg-report.h"
#include "kaohe/msg-sample.h"
#include "kaohe/msg-store.h"
#include "kaohe/msg-util.h"

#define KH_MSGS_ALL(X) \
    KH_MSGS_UTIL(X)     \
    KH_MSGS_STORE(X)    \
    KH_MSGS_HTTP(X)     \
    KH_MSGS_REPORT(X)   \
    KH_MSGS_ANALYSIS(X) \
    KH_MSGS_CORE(X)     \
    KH_MSGS_BUNDLE(X)   \
    KH_MSGS_SAMPLE(X)   \
    KH_MSGS_CLI(X)

/* The refusals of authz.h's actions, four per action (msg-store.h). */
#define KH_MSGS_ALL_AUTHZ KH_ACTIONS(KH_AUTHZ_MSG_REF)

#endif
