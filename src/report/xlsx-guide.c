/*
 * xlsx-guide.c — the first sheet of an input workbook (填表说明): what an
 * assessment office needs to fill the workbook in without the manual.
 *
 * The sheet has three parts:
 *   1. a title with the cycle's code and name;
 *   2. the rules of filling in, the ones a spreadsheet user breaks without
 *      knowing: sheet names and headers must stay (they are how the reader
 *      finds the data), codes are text, numbers use a decimal point, dates
 *      are ISO, lists are "a;b" and "k=v;k=v", an empty sheet may stay
 *      empty, and `kaohe validate` names the cell of every mistake;
 *   3. one row per input sheet in FORMATS.md order: the sheet's name, the
 *      Chinese name the reader also accepts (kh_bundle_sheet_alias), whether the cycle
 *      needs it, and what one row of it is.
 *
 * The reader ignores this sheet by its name (填表说明 / notes), so the guide
 * can be left in the workbook when it is sent back.  The texts are fixed
 * (nothing depends on the bundle but the title), hence the workbook stays
 * deterministic.
 */
#include <stdio.h>
#include "kaohe/bundle.h"
#include "kaohe/model.h"
#include "report/xlsx-int.h"

/* One input sheet, in kh_bundle_input_files order: its name without .csv,
 * required, and what a row holds (its Chinese name is the reader's,
 * kh_bundle_sheet_alias). */
static const struct {
    const char *sheet;
    bool required;
    const char *zh, *en;
} sheets[] = {
    {"cycle", false,
     "考核周期的设置，每行一项（key,value）：code、name、start、end（日期）、等次阈值与比例、"
     "min_raters、min_sample、publicity_days、appeal_days、previous 等；未列出的取默认值",
     "the cycle's settings, one per row (key,value): code, name, start, end (dates), grade "
     "thresholds and quotas, min_raters, min_sample, publicity_days, appeal_days, previous …; "
     "defaults for any key left out"},
    {"categories", true, "乡镇类型（功能区分类）：编码、名称",
     "township types: code, name"},
    {"units", true, "被考核乡镇（街道）：编码、名称、所属区、类型编码、功能区、乡/镇/街道",
     "the townships assessed: code, name, district, type code, zone, kind"},
    {"indicators", true,
     "指标树：每个节点一行，parent 为空的是一级维度；kind、method、params 见 FORMATS.md；"
     "每个类型一列 weight.类型编码",
     "the indicator tree, one row per node (empty parent: a first-level dimension); kind, "
     "method, params as in FORMATS.md; one weight.<TYPE> column per township type"},
    {"scales", false, "评价量表的等级及其分值（scale,level,points）；内置量表可不填",
     "the levels of each rating scale and their points; built-in scales need no rows"},
    {"rater_groups", false, "评价主体分组：编码、名称、合成方式（mean/trimmed/median）",
     "rater groups: code, name, combine (mean/trimmed/median)"},
    {"raters", false, "评价人：编码、姓名、所属评价组", "raters: code, name, group"},
    {"targets", false,
     "绩效协议目标：单位、指标、目标值、基期值、状态（approved 才参与计分）",
     "performance-agreement targets: unit, indicator, target, baseline, status (only approved "
     "ones are scored)"},
    {"values", false,
     "指标数值：单位、指标、期间（Y 为年度值，Q1… 或 M01… 为过程跟踪）、数值、数据来源",
     "indicator values: unit, indicator, period (Y year-end; Q1…, M01… tracking), value, source"},
    {"ratings", false,
     "定性评价：评价人、被评对象（单位或干部编码）、评价项目、等级或分数",
     "ratings: rater, ratee (unit or cadre code), item, level or score"},
    {"survey_items", false, "群众满意度问卷的题目：编码、题目、权重、量表",
     "satisfaction-survey items: code, text, weight, scale"},
    {"responses", false,
     "问卷答案：每份答卷每题一行（答卷编号、单位、渠道、题目、答案等级）",
     "survey answers: one row per answered item (response, unit, channel, item, answer level)"},
    {"positions", false,
     "干部职位：编码、名称、是否主要负责人、班子/履职/测评三部分权重、测评维度与评价组权重",
     "cadre positions: code, name, principal, the team/duty/evaluation weights, dimensions and "
     "rater-group weights"},
    {"cadres", false, "领导干部：编码、姓名、所在单位、职位、分管的指标节点",
     "leading cadres: code, name, unit, position, the indicator nodes they are responsible for"},
    {"adjustments", false,
     "加分、扣分与一票否决：对象（单位或干部）、指标、分值（否决填 1）、事由",
     "bonuses, penalties and vetoes: subject (unit or cadre), indicator, points (1 for a veto), "
     "reason"},
};

static const char *const rules_zh[] = {
    "1. 工作表名称和第一行列名不要修改：系统按名称识别数据（也接受“单位”“数据”等中文表名）。",
    "2. 编码按文本填写（如 001），区分大小写，不含空格、分号和等号。",
    "3. 数值用半角小数点；日期写作 YYYY-MM-DD；列表写作 a;b，键值写作 k=v;k=v。",
    "4. 不需要的工作表可以留空或删除；本说明表不会被读入，可以保留。",
    ("5. 填好后运行 kaohe validate 工作簿.xlsx：每处错误都会指明单元格（如 values!D17）和原因，"
     "有错误时不导入任何数据。"),
};

static const char *const rules_en[] = {
    "1. Keep the sheet names and the header rows: they are how kaohe finds the data (Chinese "
    "sheet names such as 单位 are accepted too).",
    "2. Codes are text (e.g. 001), case-sensitive, without spaces, ';' or '='.",
    "3. Numbers use a decimal point; dates are YYYY-MM-DD; lists are a;b and k=v;k=v.",
    "4. A sheet that is not needed may stay empty or be deleted; this sheet is not read and may "
    "stay.",
    "5. Then run kaohe validate WORKBOOK.xlsx: every mistake is named by its cell (e.g. "
    "values!D17) with the reason, and nothing is imported while there is one.",
};

void kh__xlsx_guide(struct kh__xlsx *x, lxw_worksheet *ws)
{
    struct kh__xlsx_sheet s;
    char title[320];
    const struct kh_cycle *c = &x->b->cycle;
    lxw_row_t row = 0;
    kh__xlsx_sheet_init(&s, x, ws);

    snprintf(title, sizeof title, "%s%s%s", KH__XLSX_TR(x, "考核数据填表说明", "How to fill in"),
             c->code && *c->code ? " — " : "", c->code ? c->code : "");
    worksheet_write_string(ws, row, 0, title, x->title);
    if (c->name && *c->name)
        worksheet_write_string(ws, ++row, 0, c->name, NULL);
    row += 2;
    size_t nrules = sizeof rules_zh / sizeof rules_zh[0];
    for (size_t i = 0; i < nrules; i++, row++) {
        worksheet_merge_range(ws, row, 0, row, 3, KH__XLSX_TR(x, rules_zh[i], rules_en[i]), x->wrap);
        worksheet_set_row(ws, row, 30, NULL);
    }
    row++;
    const char *const head_zh[] = {"工作表", "中文表名", "是否必填", "内容"};
    const char *const head_en[] = {"sheet", "Chinese name", "required", "what a row holds"};
    kh__xlsx_header(&s, row++, x->lang == KH_LANG_EN ? head_en : head_zh, 4);
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++, row++) {
        kh__xlsx_text(&s, row, 0, sheets[i].sheet, NULL);
        kh__xlsx_text(&s, row, 1, kh_bundle_sheet_alias((int)i), NULL);
        kh__xlsx_text(&s, row, 2,
                      sheets[i].required ? KH__XLSX_TR(x, "必填", "yes") : KH__XLSX_TR(x, "选填", "no"),
                      NULL);
        kh__xlsx_text(&s, row, 3, KH__XLSX_TR(x, sheets[i].zh, sheets[i].en), x->wrap);
        worksheet_set_row(ws, row, 45, NULL);
    }
    kh__xlsx_sheet_finish(&s, false, 0);
    worksheet_set_column(ws, 3, 3, 80, NULL);   /* the explanations wrap within it */
}
