/*
 * embedded.h — data files compiled into the binary.
 *
 * The default scheme (every data/scheme CSV file) and the Beijing township list
 * (data/beijing-townships.csv) are turned into C arrays at build time by
 * cmake/embed-data.cmake; the generated source defines kh__embedded_files[].
 * Names are paths relative to data/ ("scheme/indicators.csv").  Each entry's
 * bytes are followed by a NUL not counted in `len`, so text can be used as a
 * C string.  The table ends with a {NULL, NULL, 0} entry.
 */
#ifndef KAOHE_SAMPLE_EMBEDDED_H
#define KAOHE_SAMPLE_EMBEDDED_H

#include <stddef.h>

struct kh__embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

extern const struct kh__embedded_file kh__embedded_files[];

/* The embedded file of that name, or NULL. */
const struct kh__embedded_file *kh__embedded_find(const char *name);

#endif
