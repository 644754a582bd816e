/*
 * analysis-cli.h — small helpers shared by the analysis subcommands
 * (cmd-ahp.c, cmd-entropy.c, cmd-weights.c, cmd-sensitivity.c,
 * cmd-agreement.c): reading a whole file with a located message, writing a
 * file atomically, and printing what a renderer of src/report made.  The
 * commands build no JSON or CSV themselves (issue 7): they hand the
 * analysis's result to a renderer and print or write the buffer.
 */
#ifndef KAOHE_CLI_ANALYSIS_CLI_H
#define KAOHE_CLI_ANALYSIS_CLI_H

#include "kaohe/buf.h"
#include "cli/cmd.h"

/* Read `path` into b; on failure print "kaohe CMD: path: reason" and return
 * KH_EXIT_INPUT (a file that cannot be read is bad input), else 0. */
int kh__cli_read(const struct kh_cmd *cmd, const char *path, struct kh_buf *b);
/* Write b to path atomically; on failure print and return KH_EXIT_FAIL. */
int kh__cli_write(const struct kh_cmd *cmd, const char *path, const struct kh_buf *b);
/* Write b's bytes to stdout as they are (a rendered table or JSON
 * document); returns KH_EXIT_OK, or KH_EXIT_FAIL when stdout fails. */
int kh__cli_print(const struct kh_buf *b);
/* Put `path` into err->file (truncated when too long). */
struct kh_error;
void kh__cli_err_file(struct kh_error *err, const char *path);
/* Split "a,b,c" into a malloc'd array of malloc'd strings; *n gets the count. */
char **kh__cli_split(const char *s, size_t *n);
void kh__cli_free_list(char **v, size_t n);

#endif
