/*
 * msg.c — rendering messages (msg.h) and choosing a language.
 *
 * Rendering walks the template once, copying bytes and substituting {k}
 * with the k-th argument.  The output is bounded by the caller's buffer and
 * cut at a UTF-8 character boundary, so a truncated Chinese message never
 * ends in half a character (which a terminal or a JSON encoder would
 * reject).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "kaohe/msg.h"
#include "kaohe/numfmt.h"

const struct kh_msg KH_M_RAW = {"RAW", "{1}", "{1}"};

enum kh_lang kh_lang_parse(const char *s)
{
    if (s != NULL && strncasecmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '-' || s[2] == '_' ||
                                                      s[2] == '.'))
        return KH_LANG_EN;
    return KH_LANG_ZH;
}

const char *kh_lang_code(enum kh_lang lang)
{
    return lang == KH_LANG_EN ? "en" : "zh";
}

/* Accept-Language: "en-US,en;q=0.9,zh-CN;q=0.8".  The first tag with the
 * highest q among zh* and en* decides; q=0 means "not acceptable". */
enum kh_lang kh_lang_from_accept(const char *h)
{
    if (h == NULL)
        return KH_LANG_ZH;
    double best_q = -1;
    enum kh_lang best = KH_LANG_ZH;
    const char *p = h;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *tag = p;
        size_t tl = strcspn(p, ";, ");
        p += tl;
        double q = 1.0;
        while (*p == ' ')
            p++;
        if (*p == ';') {
            const char *qs = strstr(p, "q=");
            const char *end = p + strcspn(p, ",");
            if (qs != NULL && qs < end) {
                double v;
                if (sscanf(qs + 2, "%lf", &v) == 1)
                    q = v;
            }
            p = end;
        }
        int which = -1;
        if (tl >= 2 && strncasecmp(tag, "zh", 2) == 0 && (tl == 2 || tag[2] == '-' || tag[2] == '_'))
            which = KH_LANG_ZH;
        else if (tl >= 2 && strncasecmp(tag, "en", 2) == 0 && (tl == 2 || tag[2] == '-' || tag[2] == '_'))
            which = KH_LANG_EN;
        if (which >= 0 && q > 0 && q > best_q) {
            best_q = q;
            best = (enum kh_lang)which;
        }
        while (*p && *p != ',')
            p++;
    }
    return best;
}

const char *kh_msg_template(const struct kh_msg *m, enum kh_lang lang)
{
    if (m == NULL)
        return "";
    return lang == KH_LANG_EN ? m->en : m->zh;
}

/* Append src[0..len) to out at *off, stopping short of a partial UTF-8
 * character; returns false once the buffer is full. */
static int put(char *out, size_t n, size_t *off, const char *src, size_t len)
{
    size_t room = n - 1 - *off;
    if (len > room) {
        len = room;
        /* back off continuation bytes so the cut is at a character start */
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
        memcpy(out + *off, src, len);
        *off += len;
        return 0;
    }
    memcpy(out + *off, src, len);
    *off += len;
    return 1;
}

char *kh_msg_render(const struct kh_msg *m, enum kh_lang lang, const char *const *args, int nargs,
                    char *out, size_t n)
{
    if (n == 0)
        return out;
    size_t off = 0;
    const char *t = kh_msg_template(m, lang);
    while (*t) {
        const char *brace = strchr(t, '{');
        size_t lit = brace ? (size_t)(brace - t) : strlen(t);
        if (!put(out, n, &off, t, lit))
            goto done;
        t += lit;
        if (brace == NULL)
            break;
        if (t[1] == '{') {
            if (!put(out, n, &off, "{", 1))
                goto done;
            t += 2;
        } else if (t[1] >= '1' && t[1] <= '9' && t[2] == '}') {
            int k = t[1] - '1';
            const char *a = k < nargs && args != NULL ? args[k] : NULL;
            if (a != NULL && !put(out, n, &off, a, strlen(a)))
                goto done;
            t += 3;
        } else {
            if (!put(out, n, &off, "{", 1))
                goto done;
            t++;
        }
    }
done:
    out[off] = '\0';
    return out;
}

const char *kh_arg_long(char buf[24], long v)
{
    snprintf(buf, 24, "%ld", v);
    return buf;
}

const char *kh_arg_size(char buf[24], size_t v)
{
    snprintf(buf, 24, "%zu", v);
    return buf;
}

const char *kh_arg_num(char buf[32], double v)
{
    return kh_fmt_double_short(v, buf);
}
