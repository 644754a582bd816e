/*
 * msg-analysis.c — the message objects of src/analysis (catalog:
 * msg-analysis.h).
 */
#include "kaohe/msg-analysis.h"

KH_MSGS_ANALYSIS(KH_MSG_DEFINE)
