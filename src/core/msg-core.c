/*
 * msg-core.c — the message objects of src/core (catalog: msg-core.h).
 */
#include "kaohe/msg-core.h"

KH_MSGS_CORE(KH_MSG_DEFINE)
