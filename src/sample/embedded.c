/*
 * embedded.c — lookup in the table of data files compiled into the binary
 * (embedded.h).  The table itself is generated at build time; this file only
 * owns the search, a linear scan over a handful of entries.
 */
#include <string.h>
#include "sample/embedded.h"

const struct kh__embedded_file *kh__embedded_find(const char *name)
{
    for (const struct kh__embedded_file *f = kh__embedded_files; f->name != NULL; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
