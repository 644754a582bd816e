/*
 * msg-util.c — the message objects of src/util (catalog: msg-util.h).
 */
#include "kaohe/msg-util.h"

KH_MSGS_UTIL(KH_MSG_DEFINE)
