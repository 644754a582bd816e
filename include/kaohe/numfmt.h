/*
 * numfmt.h — numbers in and out, the same everywhere.
 *
 * Output (SPEC §11.24): "%.17g", with -0 written "0", infinities "inf" and
 * "-inf", NaN written as the empty cell.  Input: a decimal number with '.' as
 * decimal point, optional sign and exponent, surrounded by nothing else;
 * "inf"/"nan" and hex are refused, so a cell like "12,5" or "1O" is an error.
 */
#ifndef KAOHE_NUMFMT_H
#define KAOHE_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

/* Writes into buf (at least 32 bytes); returns buf. NaN -> "". */
char *kh_fmt_double(double x, char *buf);
/* The shortest of %.15g/%.16g/%.17g that reads back to x (bundle export);
 * -0, infinities and NaN as kh_fmt_double.  buf at least 32 bytes. */
char *kh_fmt_double_short(double x, char *buf);
/* Parse a whole cell. Returns true and sets *out on success. */
bool kh_parse_double(const char *s, double *out);
/* Parse a whole cell as a decimal integer in [lo, hi]. */
bool kh_parse_long(const char *s, long lo, long hi, long *out);

#endif
