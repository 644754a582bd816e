/*
 * cli-timing.c — KH_TIMING=1 phase timings (cli-timing.h).
 *
 * Wall time from CLOCK_MONOTONIC, and the process's CPU time from
 * CLOCK_PROCESS_CPUTIME_ID, so a phase that waits on the disk or on a busy
 * machine shows as wall ≫ cpu; and the peak resident set size so far
 * (getrusage ru_maxrss) at the end of each phase, so the phase that sets
 * the process's peak memory is the first to show it.  At most MAX_PHASES
 * phases are kept; later marks only move the clock on.  State is static: a command runs once per
 * process.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "cli/cli-timing.h"

#define MAX_PHASES 16

struct phase {
    const char *name;
    double wall, cpu;
    long peak_kib;   /* ru_maxrss at the end of the phase */
};

static struct phase phases[MAX_PHASES];
static size_t nphases;
static double last_wall, last_cpu;
static int enabled = -1;   /* -1 = not asked yet */

static double seconds(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool timing_on(void)
{
    if (enabled < 0) {
        const char *v = getenv("KH_TIMING");
        enabled = v != NULL && strcmp(v, "1") == 0;
        last_wall = seconds(CLOCK_MONOTONIC);
        last_cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
    }
    return enabled == 1;
}

void kh_cli_timing_mark(const char *phase)
{
    if (!timing_on())
        return;
    double w = seconds(CLOCK_MONOTONIC), c = seconds(CLOCK_PROCESS_CPUTIME_ID);
    struct rusage ru;
    long peak = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
    if (nphases < MAX_PHASES)
        phases[nphases++] = (struct phase){phase, w - last_wall, c - last_cpu, peak};
    last_wall = w;
    last_cpu = c;
}

void kh_cli_timing_report(const char *cmdname)
{
    if (!timing_on())
        return;
    double tw = 0, tc = 0;
    for (size_t i = 0; i < nphases; i++) {
        fprintf(stderr, "timing %s %-10s wall %8.3f s  cpu %8.3f s  peak %6ld MiB\n", cmdname,
                phases[i].name, phases[i].wall, phases[i].cpu, phases[i].peak_kib / 1024);
        tw += phases[i].wall;
        tc += phases[i].cpu;
    }
    fprintf(stderr, "timing %s %-10s wall %8.3f s  cpu %8.3f s\n", cmdname, "total", tw, tc);
    nphases = 0;
}
