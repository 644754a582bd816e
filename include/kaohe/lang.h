/*
 * lang.h — the user's language: Simplified Chinese first, English available.
 *
 * The language is chosen once per process: `--lang en|zh` on the command
 * line (kh_lang_set), else KAOHE_LANG, else Chinese.  Messages are written
 * in both languages at the call site — KH_TR("单位", "unit") — so a message
 * and its translation are never apart.
 */
#ifndef KAOHE_LANG_H
#define KAOHE_LANG_H

#include <stdbool.h>

void kh_lang_set(const char *lang);      /* "en" or anything else = zh */
bool kh_lang_en(void);
#define KH_TR(zh, en) (kh_lang_en() ? (en) : (zh))

#endif
