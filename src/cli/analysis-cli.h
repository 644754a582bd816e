/*
 * analysis-cli.h — small helpers shared by the analysis subcommands
 * (cmd-ahp.c, cmd-entropy.c, cmd-weights.c, cmd-sensitivity.c,
 * cmd-agreement.c): reading a whole file with a located message, JSON
 * output with round-trip numbers, and writing a file atomically.
 */
#ifndef KAOHE_CLI_ANALYSIS_CLI_H
#define KAOHE_CLI_ANALYSIS_CLI_H

#include <jansson.h>
#include "kaohe/buf.h"
#include "cli/cmd.h"

/* Read `path` into b; on failure print "kaohe CMD: path: reason" and return
 * KH_EXIT_INPUT (a file that cannot be read is bad input), else 0. */
int kh__cli_read(const struct kh_cmd *cmd, const char *path, struct kh_buf *b);
/* Write b to path atomically; on failure print and return KH_EXIT_FAIL. */
int kh__cli_write(const struct kh_cmd *cmd, const char *path, const struct kh_buf *b);
/* A JSON number, or null for NaN/infinity (JSON has neither). */
json_t *kh__json_num(double x);
/* Print v to stdout (2-space indent, keys in insertion order, 17 significant
 * digits) followed by a newline, and drop the reference. */
void kh__json_print(json_t *v);
/* Load a bundle folder printing its diagnostics; returns 0 or an exit status. */
struct kh_bundle;
int kh__cli_load_bundle(const struct kh_cmd *cmd, const char *dir, struct kh_bundle *b);
/* Put `path` into err->file (truncated when too long). */
struct kh_error;
void kh__cli_err_file(struct kh_error *err, const char *path);
/* Split "a,b,c" into a malloc'd array of malloc'd strings; *n gets the count. */
char **kh__cli_split(const char *s, size_t *n);
void kh__cli_free_list(char **v, size_t n);

#endif
