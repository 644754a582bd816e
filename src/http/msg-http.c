/*
 * msg-http.c — the message objects of src/http (catalog: msg-http.h).
 */
#include "kaohe/msg-http.h"

KH_MSGS_HTTP(KH_MSG_DEFINE)
