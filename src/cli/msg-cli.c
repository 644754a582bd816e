/*
 * msg-cli.c — the message objects of src/cli (catalog: msg-cli.h).  Built
 * into kaohe_lib, not the kaohe executable, so tests/unit/test-msg.c can
 * check this catalog with the others.
 */
#include "kaohe/msg-cli.h"

KH_MSGS_CLI(KH_MSG_DEFINE)
