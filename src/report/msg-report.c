/*
 * msg-report.c — the message objects of src/report (catalog: msg-report.h).
 */
#include "kaohe/msg-report.h"

KH_MSGS_REPORT(KH_MSG_DEFINE)
