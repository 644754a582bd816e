/*
 * numfmt.c — numbers in and out, the same everywhere (numfmt.h, SPEC §11.24).
 *
 * Output is "%.17g" (round-trips every double) with three fixed spellings:
 * -0 is "0", ±∞ is "inf"/"-inf", NaN is the empty cell.  Bundle export uses
 * kh_fmt_double_short(), the shortest of %.15g/%.16g/%.17g that reads back
 * to the same double, so a value typed as 0.1 is written 0.1 again.
 *
 * Input is strict on purpose: strtod alone would accept "inf", "nan",
 * "0x1p3", leading spaces and — under some locales — a decimal comma.  The
 * cell is first matched against  [+-]? digits [. digits] ([eE] [+-]? digits)?
 * (at least one digit in the mantissa), and only then converted; the C
 * locale's '.' is what strtod uses in this library since nothing here
 * calls setlocale for LC_NUMERIC.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/numfmt.h"

char *kh_fmt_double(double x, char *buf)
{
    if (x != x)
        buf[0] = '\0';
    else if (isinf(x))
        strcpy(buf, x > 0 ? "inf" : "-inf");
    else if (x == 0)
        strcpy(buf, "0");
    else
        snprintf(buf, 32, "%.17g", x);
    return buf;
}

char *kh_fmt_double_short(double x, char *buf)
{
    if (x != x || isinf(x) || x == 0)
        return kh_fmt_double(x, buf);
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

static bool syntax_ok(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = 0;
    while (*p >= '0' && *p <= '9') {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            digits++;
        }
    }
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

bool kh_parse_double(const char *s, double *out)
{
    if (s == NULL || !syntax_ok(s))
        return false;
    errno = 0;
    double v = strtod(s, NULL);
    if (isinf(v))
        return false;    /* overflow: "1e999" is not a usable number */
    *out = v;
    return true;
}

bool kh_parse_long(const char *s, long lo, long hi, long *out)
{
    const char *p = s;
    if (s == NULL)
        return false;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '\0')
        return false;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}
