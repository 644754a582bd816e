/*
 * msg-bundle.c — the message objects of src/bundle (catalog: msg-bundle.h).
 */
#include "kaohe/msg-bundle.h"

KH_MSGS_BUNDLE(KH_MSG_DEFINE)
