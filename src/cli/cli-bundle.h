/*
 * cli-bundle.h — what every bundle-reading command shares: read a bundle
 * folder, print its diagnostics, map the outcome to an exit status.
 */
#ifndef KAOHE_CLI_BUNDLE_H
#define KAOHE_CLI_BUNDLE_H

#include <stddef.h>
#include "kaohe/model.h"

/*
 * Read `dir` into `b` (initialised here).  On success returns KH_EXIT_OK and
 * the caller releases `b`; on failure prints every diagnostic to stderr,
 * leaves `b` released and returns KH_EXIT_INPUT (invalid bundle) or
 * KH_EXIT_FAIL (I/O).  `encoding` may be NULL; `max_errors` 0 = default.
 */
int kh_cli_read_bundle(const char *cmdname, const char *dir, const char *encoding,
                       size_t max_errors, struct kh_bundle *b);

#endif
