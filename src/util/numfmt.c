/*
 * numfmt.c — numbers in and out, the same everywhere (numfmt.h, SPEC §11.24).
 *
 * Output is "%.17g" (round-trips every double) with three fixed spellings:
 * -0 is "0", ±∞ is "inf"/"-inf", NaN is the empty cell.  Result files hold
 * millions of numbers, so the common range is formatted by fmt17_fixed()
 * with the same bytes as printf at a fraction of its cost.  Bundle export uses
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/numfmt.h"

#ifdef __SIZEOF_INT128__
/*
 * "%.17g" without printf, for the values results are made of: finite,
 * normal, with a decimal exponent X in [-4, 16] (so %g picks fixed notation).
 * Everything else returns false and goes to snprintf.
 *
 * Why it is exact.  |x| = m * 2^e with m < 2^53.  The 17 significant digits
 * are q = round(|x| * 10^k), k = 16 - X, where 10^X <= |x| < 10^(X+1).  With
 * e < 0 that is (m * 10^k) / 2^-e, and m * 10^k < 2^53 * 10^22 < 2^127 for
 * the k <= 22 allowed here, so the quotient and the remainder are computed
 * exactly in 128 bits; the remainder against half of 2^-e decides the
 * rounding, ties to even — what glibc's printf does in the default rounding
 * mode, the only one kaohe runs in.  With e >= 0, |x| is an integer and the
 * product is exact.  X is estimated from the binary exponent and corrected by
 * comparing q with 10^16 and 10^17; a carry to 10^17 moves X up by one, as %g's X does.  Then
 * %g's layout: the 17 digits with trailing zeros dropped, a point after the
 * X+1-th digit, or "0." and -X-1 zeros before them when X < 0.
 * tests/unit/test-numfmt.c compares it with snprintf on millions of values.
 */
/* v < 10^8 as exactly eight digits, two at a time. */
static void put8_digits(char *o, uint32_t v)
{
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
                                "31323334353637383940414243444546474849505152535455565758596061"
                                "62636465666768697071727374757677787980818283848586878889909192"
                                "93949596979899";
    for (int i = 3; i >= 0; i--) {
        memcpy(o + 2 * i, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
}

static bool fmt17_fixed(double x, char *buf)
{
    static const uint64_t p10[] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
        100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
        10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};
    typedef unsigned __int128 u128;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int bexp = (int)((bits >> 52) & 0x7FF);
    if (bexp == 0 || bexp == 0x7FF)
        return false;                          /* zero, subnormal, inf, NaN */
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e = bexp - 1075;
    double a = fabs(x);
    if (!(a >= 1e-5 && a < 1e17))
        return false;
    /* floor(log10 a) from the binary exponent, log2(1 + f) taken as f: at
     * most one too small, which the loop below corrects */
    double l2 = (double)(bexp - 1023) + (double)(m - (1ULL << 52)) / (double)(1ULL << 52);
    int X = (int)floor(l2 * 0.30102999566398120);
    uint64_t q = 0;
    for (int tries = 0;; tries++) {
        if (tries == 3)
            return false;
        int k = 16 - X;
        if (k < 0 || k > 22)
            return false;
        u128 pk = k <= 19 ? (u128)p10[k] : (u128)p10[19] * p10[k - 19];
        u128 fl;
        bool up = false;
        if (e >= 0) {
            if (e > 10 || k > 2)
                return false;
            fl = ((u128)m << e) * pk;
        } else {
            int sh = -e;
            if (sh >= 127)
                return false;
            u128 n = (u128)m * pk;
            fl = n >> sh;
            u128 rem = n & (((u128)1 << sh) - 1), half = (u128)1 << (sh - 1);
            up = rem > half || (rem == half && (fl & 1));
        }
        if (fl < p10[16]) {
            X--;
            continue;
        }
        if (fl >= p10[17]) {
            X++;
            continue;
        }
        q = (uint64_t)fl + up;
        if (q == p10[17]) {
            q = p10[16];
            X++;
        }
        break;
    }
    if (X < -4 || X > 16)
        return false;
    char d[17];
    d[0] = (char)('0' + q / p10[16]);
    put8_digits(d + 1, (uint32_t)(q % p10[16] / p10[8]));
    put8_digits(d + 9, (uint32_t)(q % p10[8]));
    int nd = 17;
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    char *o = buf;
    if (x < 0)
        *o++ = '-';
    if (X >= 0) {
        int ip = X + 1;                        /* digits before the point */
        memcpy(o, d, (size_t)ip);
        o += ip;
        if (nd > ip) {
            *o++ = '.';
            memcpy(o, d + ip, (size_t)(nd - ip));
            o += nd - ip;
        }
    } else {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -X - 1; i++)
            *o++ = '0';
        memcpy(o, d, (size_t)nd);
        o += nd;
    }
    *o = '\0';
    return true;
}
#else
static bool fmt17_fixed(double x, char *buf)
{
    (void)x;
    (void)buf;
    return false;
}
#endif

char *kh_fmt_double(double x, char *buf)
{
    if (x != x)
        buf[0] = '\0';
    else if (isinf(x))
        strcpy(buf, x > 0 ? "inf" : "-inf");
    else if (x == 0)
        strcpy(buf, "0");
    else if (!fmt17_fixed(x, buf))
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
