/*
 * sample.h — the default scheme and simulated assessment cycles.
 *
 * kh_sample_write_scheme() writes the default indicator scheme (the files of
 * data/scheme, compiled into the binary) to a folder: the starting point of
 * an office that begins from scratch.  kh_sample_write() writes that scheme
 * plus a complete, plausible cycle generated from a named preset and a seed:
 * units, approved targets and baselines, year-end and quarterly values,
 * ratings, survey responses, cadres and their ratings, bonuses, penalties and
 * vetoes — a bundle `kaohe eval` accepts.
 *
 * Determinism: the output depends only on (preset, seed).  All randomness
 * comes from kaohe's SplitMix64 (prng.h) and every number is formatted with
 * integer arithmetic, so the same seed gives byte-identical files on every
 * platform.  Nothing is read from the source tree at run time.
 *
 * Both functions create `dir` (and missing parents) when needed, overwrite
 * the files they write and leave other files alone.  They return 0 or a
 * negative KH_E* code with details in `err`; they never print.
 */
#ifndef KAOHE_SAMPLE_H
#define KAOHE_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/msg.h"

struct kh_diags;
struct kh_error;

/* Whether a preset of that name exists ("beijing"). */
bool kh_sample_preset_exists(const char *name);
/* The preset names, NULL-terminated, for help and error messages. */
const char *const *kh_sample_preset_names(void);

int kh_sample_write_scheme(const char *dir, struct kh_error *err);
int kh_sample_write(const char *preset, uint64_t seed, const char *dir, struct kh_error *err);
/* The same as one input workbook at path (kh_xlsx_bundle_write: a guide
 * sheet, then every input sheet): preset NULL = the scheme alone, with
 * empty sheets to fill in.  The guide sheet in lang (input sheets keep
 * their FORMATS.md names and headers).
 * Bundle diagnostics (a generator bug) go to diags with KH_EINVAL. */
int kh_sample_write_xlsx(const char *preset, uint64_t seed, enum kh_lang lang, const char *path,
                         struct kh_diags *diags, struct kh_error *err);

#endif
