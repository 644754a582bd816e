/*
 * summary-text.c — the per-category ranking as aligned terminal text
 * (summary.h).
 *
 * Order: categories as in categories.csv; inside a category by
 * rank_category, ties in units.csv order — the same order a reader of the
 * results file would sort to.  Composites are shown to two decimals with
 * round2 (SPEC §6), the same number the ranks and grades were decided on,
 * so the table never shows 94.99 next to a unit ranked as 95.00.
 * Labels are in the language of the call (lang), never a process-wide one:
 * the web server renders each response in the language of its request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/summary.h"
#include "kaohe/msg.h"
#include "kaohe/quota.h"
#include "kaohe/round2.h"
#include "kaohe/textwidth.h"
#include "kaohe/xalloc.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

/* qsort has no context argument; the order array carries (rank, index). */
struct ranked { int32_t rank, unit; };

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

int kh_summary_render(const struct kh_bundle *b, const struct kh_results *r, enum kh_lang lang,
                      struct kh_buf *out)
{
    struct ranked *order = kh_xcalloc((size_t)b->nunits + 1, sizeof *order);
    int32_t *grade_count = kh_xcalloc((size_t)b->cycle.team_grades.n, sizeof *grade_count);
    char num[64];
    int rc = 0;

    for (int32_t c = 0; rc == 0 && c < b->ncategories; c++) {
        int32_t n = 0;
        for (int32_t u = 0; u < b->nunits; u++)
            if (b->units[u].category == c)
                order[n++] = (struct ranked){r->units[u].rank_category, u};
        qsort(order, (size_t)n, sizeof *order, ranked_cmp);
        const struct kh_category *cat = &b->categories[c];
        rc = kh_buf_printf(out, TR("【%s %s】%d 个单位\n", "[%s %s] %d units\n"), cat->code,
                           cat->name && cat->name[0] ? cat->name : "", (int)n);
        if (rc == 0 && n == 0)
            continue;
        rc = kh_buf_put_padded_right(out, TR("名次", "rank"), 5);
        kh_buf_puts(out, "  ");
        kh_buf_put_padded(out, TR("单位", "unit"), 10);
        kh_buf_put_padded(out, TR("名称", "name"), 16);
        kh_buf_put_padded_right(out, TR("综合得分", "composite"), 10);
        kh_buf_puts(out, "  ");
        kh_buf_put_padded(out, TR("等次", "grade"), 8);
        kh_buf_puts(out, TR("标记", "flags"));
        kh_buf_putc(out, '\n');
        memset(grade_count, 0, (size_t)b->cycle.team_grades.n * sizeof *grade_count);
        for (int32_t i = 0; rc == 0 && i < n; i++) {
            int32_t u = order[i].unit;
            const struct kh_unit_result *ur = &r->units[u];
            grade_count[ur->grade]++;
            snprintf(num, sizeof num, "%d", (int)ur->rank_category);
            rc = kh_buf_put_padded_right(out, num, 5);
            kh_buf_puts(out, "  ");
            kh_buf_put_padded(out, b->units[u].code, 10);
            kh_buf_put_padded(out, b->units[u].name ? b->units[u].name : "", 16);
            snprintf(num, sizeof num, "%.2f", kh_round2(ur->composite));
            kh_buf_put_padded_right(out, num, 10);
            kh_buf_puts(out, "  ");
            kh_buf_put_padded(out, b->cycle.team_grades.names[ur->grade], 8);
            if (r->unit_flags && r->unit_flags[u][0])
                kh_buf_puts(out, r->unit_flags[u]);
            rc = kh_buf_putc(out, '\n');
        }
        /* grade counts against the top-grade quota (§11.18) */
        int32_t places = kh_top_grade_places(b->cycle.team_top_quota, n, true);
        kh_buf_puts(out, TR("  等次分布: ", "  grades: "));
        for (int32_t g = 0; g < b->cycle.team_grades.n; g++)
            kh_buf_printf(out, "%s%s %d", g ? " · " : "", b->cycle.team_grades.names[g],
                          (int)grade_count[g]);
        rc = kh_buf_printf(out, TR("（%s 名额 %d）\n\n", " (%s quota %d)\n\n"),
                           b->cycle.team_grades.names[0], (int)places);
    }
    free(order);
    free(grade_count);
    return rc;
}
