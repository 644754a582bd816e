/*
 * cmd-sample.c — `kaohe sample`: write the default scheme, or the default
 * scheme plus a simulated full cycle for a preset (sample.h), to a folder.
 *
 * Options: --preset NAME (default beijing), --seed N (default 1, decimal
 * 0 … 2^64−1), --scheme-only, -o/--output DIR and/or --xlsx FILE (at
 * least one: the bundle folder, the same as one workbook to fill in).  The
 * library does the work; this file parses options and prints the outcome.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cmd.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/sample.h"

static int parse_seed(const char *s, uint64_t *out)
{
    char *end;
    if (*s == '\0' || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int run_sample(const struct kh_cmd *cmd, const struct kh_args *a)
{
    const char *preset = kh_args_get(a, "preset"), *dir = kh_args_get(a, "output");
    const char *seed_text = kh_args_get(a, "seed"), *xlsx = kh_args_get(a, "xlsx");
    int scheme_only = kh_args_has(a, "scheme-only");
    uint64_t seed;
    struct kh_error err;
    if (preset == NULL)
        preset = "beijing";
    if (seed_text == NULL)
        seed_text = "1";
    if ((dir == NULL || *dir == '\0') && (xlsx == NULL || *xlsx == '\0'))
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("缺少 -o 输出目录或 --xlsx 文件", "missing -o DIR or --xlsx FILE"));
    if (parse_seed(seed_text, &seed) < 0)
        return kh_cmd_usage_error(cmd, KH_TR("种子须为非负整数：%s", "seed must be a non-negative integer: %s"),
                                  seed_text);
    if (!scheme_only && !kh_sample_preset_exists(preset)) {
        const char *const *names = kh_sample_preset_names();
        fprintf(stderr, KH_TR("kaohe sample: 未知预设 “%s”。可用：", "kaohe sample: unknown preset '%s'. Available:"),
                preset);
        for (size_t i = 0; names[i]; i++)
            fprintf(stderr, " %s", names[i]);
        fputc('\n', stderr);
        return KH_EXIT_INPUT;
    }

    kh_error_clear(&err);
    int rc = 0;
    if (dir && *dir)
        rc = scheme_only ? kh_sample_write_scheme(dir, &err) : kh_sample_write(preset, seed, dir, &err);
    struct kh_diags d;
    kh_diags_init(&d, 0);
    if (rc == 0 && xlsx && *xlsx)
        rc = kh_sample_write_xlsx(scheme_only ? NULL : preset, seed, kh_cli_lang(), xlsx, &d, &err);
    if (rc < 0) {
        if (d.n > 0)
            kh_cmd_print_diags(&d);
        else
            kh_cmd_print_error("sample", &err);
        kh_diags_release(&d);
        return rc == KH_EINVAL ? KH_EXIT_INPUT : KH_EXIT_FAIL;
    }
    kh_diags_release(&d);
    const char *where = dir && *dir ? dir : xlsx;
    if (dir && *dir && xlsx && *xlsx)
        printf(KH_TR("已写出 Excel 工作簿：%s\n", "workbook written to %s\n"), xlsx);
    if (scheme_only)
        printf(KH_TR("已写出默认指标体系：%s\n", "default scheme written to %s\n"), where);
    else
        printf(KH_TR("已写出模拟数据（预设 %s，种子 %s）：%s\n", "sample bundle written (preset %s, seed %s): %s\n"),
               preset, seed_text, where);
    return KH_EXIT_OK;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"preset", 0, KH_OPT_VALUE},
    {"seed", 0, KH_OPT_VALUE},
    {"xlsx", 0, KH_OPT_VALUE},
    {"scheme-only", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_sample = {
    .name = "sample",
    .summary_zh = "生成默认指标体系或完整的模拟考核数据",
    .summary_en = "write the default scheme or a simulated full cycle",
    .help_zh =
        "用法: kaohe sample [--preset beijing|national] [--seed N] -o 目录 [--xlsx 文件.xlsx]\n"
        "      kaohe sample --scheme-only [-o 目录] [--xlsx 文件.xlsx]\n"
        "\n"
        "  --scheme-only   只写出默认指标体系（考核办从零开始时复制后修改）\n"
        "  --preset 名称   模拟数据预设，默认 beijing（北京市 182 个乡镇）；\n"
        "                  national：4 万个模拟乡镇、2800 个区，约 1000 万条评价，用于性能测试\n"
        "  --seed N        随机种子（非负整数，默认 1）；同一种子生成的文件逐字节相同\n"
        "  -o, --output 目录  输出目录（不存在则创建，同名文件被覆盖）\n"
        "  --xlsx 文件     同样的数据写成一个 Excel 工作簿（含填表说明；与 --scheme-only 合用得到\n"
        "                  空白填报模板），kaohe eval/validate/import 可直接读取\n"
        "\n"
        "写出的是考核数据包（见 FORMATS.md）：指标体系、单位、目标与基期值、年度与季度数值、\n"
        "定性评价、群众满意度问卷、干部及其测评、加减分与一票否决。\n",
    .help_en =
        "usage: kaohe sample [--preset beijing|national] [--seed N] -o DIR [--xlsx FILE.xlsx]\n"
        "       kaohe sample --scheme-only [-o DIR] [--xlsx FILE.xlsx]\n"
        "\n"
        "  --scheme-only   write only the default indicator scheme (to copy and edit)\n"
        "  --preset NAME   simulation preset, default beijing (182 Beijing townships);\n"
        "                  national: 40,000 synthetic townships in 2,800 districts, ~10M ratings (benchmarks)\n"
        "  --seed N        random seed (non-negative integer, default 1); same seed, same bytes\n"
        "  -o, --output DIR  output folder (created if missing; files of the same name are overwritten)\n"
        "  --xlsx FILE     the same as one Excel workbook with a guide sheet (with --scheme-only: an\n"
        "                  empty template to fill in); kaohe eval/validate/import read it as it is\n"
        "\n"
        "The output is a bundle (FORMATS.md): scheme, units, targets and baselines, year-end and\n"
        "quarterly values, ratings, survey responses, cadres and their ratings, bonuses, penalties, vetoes.\n",
    .args = {opts, 0, 0},
    .run = run_sample,
};
