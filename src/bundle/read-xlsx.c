/*
 * read-xlsx.c — which sheet of a workbook is which bundle file
 * (docs/formats.md "Workbooks").
 *
 * A sheet is a bundle file when its name (trimmed) is the file's name
 * without .csv (ASCII case-insensitive, `.csv` also accepted), or one of its
 * Chinese names below (the first of a file is the one the input
 * workbook's guide shows, kh_bundle_sheet_alias).  The aliases follow the file names of FORMATS.md and
 * the words an assessment office uses for them; each alias names exactly one
 * file.  Sheets that carry no input — the result tables an export adds
 * (results_*, warnings), notes (说明, 填表说明, 汇总, summary, notes,
 * readme) and any name starting with # or _ — are ignored; anything else is
 * unknown, an error, because a sheet named by a typo must not drop its data.
 * The rest of the workbook form lives in the table layer (table.c: rows
 * from cells, cell places) and the driver (bundle-read.c).
 */
#include <string.h>
#include <strings.h>
#include "bundle-int.h"

/* (sheet name, file) — canonical names come from kh_bundle_input_files. */
static const struct {
    const char *alias;
    int file;
} sheet_aliases[] = {
    {"考核周期", KH__F_CYCLE}, {"周期", KH__F_CYCLE}, {"参数", KH__F_CYCLE},
    {"分类", KH__F_CATEGORIES}, {"类别", KH__F_CATEGORIES},
    {"单位", KH__F_UNITS}, {"乡镇", KH__F_UNITS},
    {"指标体系", KH__F_INDICATORS}, {"指标", KH__F_INDICATORS},
    {"量表", KH__F_SCALES},
    {"评价组", KH__F_RATER_GROUPS},
    {"评价人", KH__F_RATERS},
    {"目标", KH__F_TARGETS}, {"目标值", KH__F_TARGETS},
    {"数据", KH__F_VALUES}, {"数值", KH__F_VALUES},
    {"评分", KH__F_RATINGS}, {"评价", KH__F_RATINGS},
    {"调查题目", KH__F_SURVEY_ITEMS}, {"题目", KH__F_SURVEY_ITEMS},
    {"答卷", KH__F_RESPONSES}, {"调查答卷", KH__F_RESPONSES},
    {"职位", KH__F_POSITIONS},
    {"干部", KH__F_CADRES},
    {"加减分", KH__F_ADJUSTMENTS}, {"调整", KH__F_ADJUSTMENTS},
};

static const char *const ignored_sheets[] = {
    "results_units", "results_nodes", "results_cadres", "results_surveys",
    "results_contributions", "results_strengths", "warnings", "说明", "填表说明", "汇总", "summary", "notes", "readme",
    /* the Chinese names `kaohe export --xlsx` gives the result sheets (src/report/xlsx-results.c),
     * so an exported workbook reads back as its bundle (tests/cli/t0530) */
    "单位结果", "指标得分", "干部结果", "满意度调查", "进度预警", "得分贡献", "优势短板",
};

const char *kh_bundle_sheet_alias(int f)
{
    for (size_t i = 0; i < sizeof sheet_aliases / sizeof sheet_aliases[0]; i++)
        if (sheet_aliases[i].file == f)
            return sheet_aliases[i].alias;
    return NULL;
}

int kh__sheet_file(const char *name)
{
    char s[128];
    size_t n = strlen(name);
    while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
        n--;
    while (n > 0 && (*name == ' ' || *name == '\t'))
        name++, n--;
    if (n >= sizeof s)
        return -2;
    memcpy(s, name, n);
    s[n] = '\0';
    if (n > 4 && strcasecmp(s + n - 4, ".csv") == 0)
        s[n - 4] = '\0';
    for (int f = 0; f < KH__F_COUNT; f++) {
        const char *file = kh_bundle_input_files[f];
        size_t fl = strlen(file) - 4;   /* without ".csv" */
        if (strlen(s) == fl && strncasecmp(s, file, fl) == 0)
            return f;
    }
    for (size_t i = 0; i < sizeof sheet_aliases / sizeof sheet_aliases[0]; i++)
        if (strcmp(s, sheet_aliases[i].alias) == 0)
            return sheet_aliases[i].file;
    if (s[0] == '#' || s[0] == '_')
        return -1;
    for (size_t i = 0; i < sizeof ignored_sheets / sizeof ignored_sheets[0]; i++)
        if (strcasecmp(s, ignored_sheets[i]) == 0)
            return -1;
    return -2;
}
