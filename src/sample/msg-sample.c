/*
 * msg-sample.c — the message objects of src/sample (catalog: msg-sample.h).
 */
#include "kaohe/msg-sample.h"

KH_MSGS_SAMPLE(KH_MSG_DEFINE)
