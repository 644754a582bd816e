/*
 * msg.h — messages as data.
 *
 * Every text kaohe shows a person — an error, a bundle diagnostic, a
 * refusal — is a `struct kh_msg`: a stable id and two templates, Simplified
 * Chinese and English, written side by side in one catalog so a message and
 * its translation are never apart.  Code that detects a problem records the
 * message *and its arguments*, never a rendered sentence; the text is made
 * when it is shown, in the language of that one call (kh_msg_render).  A
 * CLI renders in the language of its --lang; the web server renders each
 * response in the language of its request, from the same error value.
 *
 * Templates.  Arguments are strings, referred to by position: {1} … {8}.
 * Position lets a translation reorder them ("用户 {1} 无权{2}" / "user {1}
 * may not {2}").  "{{" is a literal "{"; a placeholder without an argument
 * renders as nothing.  Both templates of one message use the same set of
 * placeholders (tests/unit/test-msg.c checks every catalog).  Numbers are
 * turned into strings by the caller with KH_ARG_LONG / KH_ARG_NUM, which
 * format into a compound-literal buffer living until the end of the
 * enclosing block (so they are valid for the call they appear in).
 *
 * Catalogs.  Each module owns its messages in one X-macro list in
 * include/kaohe/msg-<module>.h:
 *
 *     #define KH_MSGS_STORE(X) \
 *         X(STORE_NO_CYCLE, "考核周期 {1} 不存在", "no cycle {1}") \
 *         …
 *     KH_MSGS_STORE(KH_MSG_EXTERN)
 *
 * and one src/<module>/msg-<module>.c with `KH_MSGS_STORE(KH_MSG_DEFINE)`.
 * A message is then the object KH_M_STORE_NO_CYCLE, whose id is its name
 * ("STORE_NO_CYCLE"): the stable code the JSON API returns.  Ids are
 * unique because they are C identifiers.
 *
 * Language.  enum kh_lang is passed to every rendering call; nothing in
 * the library keeps a process-wide language.  Short labels that are not
 * worth a catalog entry are chosen with kh_tr(lang, zh, en) below.
 */
#ifndef KAOHE_MSG_H
#define KAOHE_MSG_H

#include <stddef.h>

enum kh_lang { KH_LANG_ZH = 0, KH_LANG_EN = 1 };

/* "en", "en-US", "en_GB.UTF-8", "EN" → English; NULL and anything else →
 * Chinese (the default of the product). */
enum kh_lang kh_lang_parse(const char *s);
/* "zh" or "en". */
const char *kh_lang_code(enum kh_lang lang);
/* The language an HTTP Accept-Language header prefers among zh and en
 * (highest q; ties by order; none of them → Chinese). */
enum kh_lang kh_lang_from_accept(const char *accept_language);

/* zh in Chinese, en in English: a label written in both languages at the
 * place it is used (a table heading, a line of a summary), for text too
 * small to deserve a catalog message.  Returns one of its arguments.  A
 * renderer takes lang as a parameter and usually wraps this in a
 * file-local `#define TR(zh, en) kh_tr(lang, zh, en)`. */
static inline const char *kh_tr(enum kh_lang lang, const char *zh, const char *en)
{
    return lang == KH_LANG_EN ? en : zh;
}

struct kh_msg {
    const char *id;      /* stable code, e.g. "STORE_NO_CYCLE" */
    const char *zh;      /* template, Simplified Chinese */
    const char *en;      /* template, English */
};

#define KH_MSG_MAXARGS 8

#define KH_MSG_EXTERN(name, zh, en) extern const struct kh_msg KH_M_##name;
#define KH_MSG_DEFINE(name, zh, en) const struct kh_msg KH_M_##name = {#name, zh, en};
#define KH_MSG_REF(name, zh, en) &KH_M_##name,

/* The template of m in lang. */
const char *kh_msg_template(const struct kh_msg *m, enum kh_lang lang);

/*
 * Render m in lang with args[0..nargs) into out (size n, always
 * NUL-terminated, truncated at a UTF-8 character boundary when too long);
 * returns out.  args may hold NULL entries (rendered as nothing).
 */
char *kh_msg_render(const struct kh_msg *m, enum kh_lang lang, const char *const *args, int nargs,
                    char *out, size_t n);

/* Number arguments: format v into buf and return buf. */
const char *kh_arg_long(char buf[24], long v);
const char *kh_arg_size(char buf[24], size_t v);
/* Shortest round-trip form, as the bundle writer writes numbers. */
const char *kh_arg_num(char buf[32], double v);
#define KH_ARG_LONG(v) kh_arg_long((char[24]){0}, (long)(v))
#define KH_ARG_SIZE(v) kh_arg_size((char[24]){0}, (size_t)(v))
#define KH_ARG_NUM(v) kh_arg_num((char[32]){0}, (double)(v))

/* The message of last resort, template "{1}" in both languages: text that
 * arrives already made by someone else (a database server's own message,
 * strerror).  Prefer a real message with that text as one argument. */
extern const struct kh_msg KH_M_RAW;

#endif
