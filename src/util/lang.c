/*
 * lang.c — the process-wide language choice (lang.h).  Set once at start-up
 * by the CLI or server, read everywhere; no locking is needed because it is
 * written before any thread starts.
 */
#include <string.h>
#include "kaohe/lang.h"

static bool lang_en;

void kh_lang_set(const char *lang)
{
    lang_en = lang != NULL && strncmp(lang, "en", 2) == 0;
}

bool kh_lang_en(void)
{
    return lang_en;
}
