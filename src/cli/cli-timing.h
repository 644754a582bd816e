/*
 * cli-timing.h — phase timings of a command, printed to stderr when the
 * environment has KH_TIMING=1 (bench/, docs/performance.md).
 *
 * A command calls kh_cli_timing_mark("phase") after each phase; the time
 * since the previous mark (or the first call of the process) is recorded
 * under that name.  kh_cli_timing_report() prints one line per phase and the
 * total, then forgets them.  With KH_TIMING unset or not "1" every call is a
 * no-op, so the commands' output is unchanged.  The library is never timed
 * from inside: it neither prints nor reads the environment (STYLE.md), so
 * phases are what the CLI can see between library calls.
 */
#ifndef KAOHE_CLI_TIMING_H
#define KAOHE_CLI_TIMING_H

void kh_cli_timing_mark(const char *phase);   /* `phase` must outlive the report */
void kh_cli_timing_report(const char *cmdname);

#endif
