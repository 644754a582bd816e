/*
 * msg-store.c — the message objects of src/store (catalog: msg-store.h),
 * including the four refusals of every action of authz.h's table.
 */
#include "kaohe/msg-store.h"

KH_MSGS_STORE(KH_MSG_DEFINE)
KH_ACTIONS(KH__AUTHZ_DEFINE)
