/*
 * sample-beijing.c — the `beijing` preset of `kaohe sample`: the 182 towns
 * and townships of data/beijing-townships.csv under the default scheme.
 *
 * Only parameters live here; the generator is sample.c.  Magnitudes follow
 * research/domain.md §2–§5 and are per category in the order U I A E
 * (城市化型, 新城产业型, 平原农业型, 山区生态型): money in 万元, income in 元,
 * population in 万人, shares in %.  A leaf not assessed in a category has
 * base 0 there (never drawn).  Rater pools follow a district assessment:
 * one 综合评价小组 and one set of department raters for the whole cycle,
 * district leaders per district, and per township the cadres, village
 * cadres and people's-congress deputies who vote in 民主测评.
 */
#include "sample/sample-int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct kh__leaf_model beijing_leaves[] = {
    /* code  shape              U        I        A       E      spread lo    hi   dec pop uplift perf step */
    {"POP", KH__SHAPE_POP,     {8, 6, 3.5, 1.2},                0.35, 0.3,  0,   2, 0, 0,     0,    0},
    {"EC1", KH__SHAPE_FLOW,    {120000, 250000, 20000, 0},      0.5, 1000, 0,   0, 1, 0.08,  0.06, 0},
    {"EC2", KH__SHAPE_GROWTH,  {40000, 25000, 6000, 0},         0.5, 100,  0,   0, 1, 6,     4,    0},
    {"EC3", KH__SHAPE_GROWTH,  {38000, 34000, 28000, 24000},    0.1, 8000, 0,   0, 0, 7.5,   1.5,  0},
    {"EC4", KH__SHAPE_FLOW,    {150000, 400000, 0, 0},          0.5, 5000, 0,   0, 1, 0.10,  0.08, 0},
    {"EC5", KH__SHAPE_RATE,    {0, 60, 0, 0},                   25,  5,    0,   1, 0, 0,     0,    0},
    {"EC6", KH__SHAPE_FLOW,    {0, 0, 9000, 3500},              0.5, 200,  0,   0, 1, 0.08,  0.07, 0},
    {"EC7", KH__SHAPE_FLOW,    {0, 0, 0, 5000},                 0.6, 200,  0,   0, 0, 0.08,  0.08, 0},
    {"SO1", KH__SHAPE_RATE,    {95, 94, 92, 91},                4,   70,   100, 1, 0, 0,     0,    0},
    {"SO2", KH__SHAPE_RATE,    {97, 97, 96, 95},                2,   80,   100, 1, 0, 0,     0,    0},
    {"SO3", KH__SHAPE_FLOW,    {1500, 1200, 800, 300},          0.4, 30,   0,   0, 1, 0.05,  0.08, 0},
    {"SO4", KH__SHAPE_RATE,    {99.6, 99.6, 99.5, 99.4},        0.7, 95,   100, 1, 0, 0,     0,    0},
    {"SO5", KH__SHAPE_RATE,    {92, 88, 85, 80},                8,   40,   100, 1, 0, 0,     0,    0},
    {"EN1", KH__SHAPE_LEVEL,   {0, 0, 32, 72},                  6,   10,   95,  2, 0, 0.02,  0.02, 0},
    {"EN2", KH__SHAPE_FLOW,    {0, 1500, 3000, 0},              0.5, 100,  0,   0, 0, 0.05,  0.08, 0},
    {"EN3", KH__SHAPE_RATE,    {0, 0, 0, 96},                   2.5, 80,   100, 1, 0, 0,     0,    0},
    {"EN4", KH__SHAPE_RATE,    {99, 98, 96, 94},                3,   60,   100, 1, 0, 0,     0,    0},
    {"EN5", KH__SHAPE_RATE,    {0, 0, 70, 65},                  12,  20,   100, 1, 0, 0,     0,    0},
    {"EN6", KH__SHAPE_COUNT,   {0, 0, 0, 0.6},                  0,   0,    0,   0, 0, 0,     0,    1},
    {"EN7", KH__SHAPE_LEVEL,   {38, 40, 0, 0},                  3,   20,   80,  1, 0, -0.04, 0.04, 0},
    {"UM1", KH__SHAPE_FLOW,    {200000, 150000, 80000, 0},      0.5, 2000, 0,   0, 1, 0.05,  0.08, 0},
    {"UM2", KH__SHAPE_COUNT,   {0.8, 0.8, 0.6, 0.3},            0,   0,    0,   0, 0, 0,     0,    150},
    {"UM3", KH__SHAPE_FLOW,    {100, 0, 0, 0},                  0,   50,   100, 1, 0, 0,     0.06, 0},
    {"UM4", KH__SHAPE_RATE,    {93, 94, 95, 96},                3,   60,   100, 1, 0, 0,     0,    0},
    {"SA1", KH__SHAPE_COUNT,   {0.15, 0.2, 0.12, 0.1},          0,   0,    0,   0, 0, 0,     0,    1},
    {"SA2", KH__SHAPE_COUNT,   {0.6, 0.5, 0.4, 0.2},            0,   0,    0,   0, 0, 0,     0,    1},
    {"SA3", KH__SHAPE_PER_CAPITA, {35, 30, 0, 0},               0.3, 0,    0,   0, 0, 0,     0,    0},
    {"PB2", KH__SHAPE_COUNT,   {0.7, 0.7, 0.5, 0.4},            0,   0,    0,   0, 0, 0,     0,    1},
    {"PB3", KH__SHAPE_RATE,    {95, 95, 94, 93},                4,   70,   100, 1, 0, 0,     0,    0},
};

static const struct kh__group_model beijing_groups[] = {
    {"panel", KH__SCOPE_CYCLE, 7, "PANEL", "综合评价小组专家"},
    {"depts", KH__SCOPE_CYCLE, 6, "DEPT", "区职能部门评价人"},
    {"leaders", KH__SCOPE_DISTRICT, 5, "LEAD", "领导"},
    {"staff", KH__SCOPE_UNIT, 10, "STAFF", "乡镇干部"},
    {"village", KH__SCOPE_UNIT, 8, "VIL", "村(社区)干部"},
    {"npc", KH__SCOPE_UNIT, 5, "NPC", "人大代表"},
    {"peers", KH__SCOPE_UNIT, 6, "PEER", "班子成员"},
    {"villrep", KH__SCOPE_UNIT, 8, "REP", "村干部及群众代表"},
};

/* About 8 cadres a township; deputies are in charge of dimension nodes
 * (a 副乡镇长 for EC and SA1, as INDICATORS.md's example). */
static const struct kh__cadre_slot beijing_cadres[] = {
    {"SJ", 1.0, ""},
    {"ZZ", 1.0, ""},
    {"FSJ", 1.0, "PB;SV"},
    {"RDZX", 0.9, "SO"},
    {"JWSJ", 1.0, "PB"},
    {"FZZ", 1.0, "EC;SA1"},
    {"FZZ", 1.0, "UM;EN"},
    {"FZZ", 0.35, "SO"},
    {"DW", 0.3, "SV"},
    {"WZBZ", 0.7, "SA"},
};

static const struct kh__adjust_model beijing_adjusts[] = {
    {"B1", 0.01, 2, 3, 1, "获国家级表彰", NULL, 0},
    {"B2", 0.04, 1, 2, 1, "获市级表彰", NULL, 0},
    {"B3", 0.10, 0.5, 0.5, 0.5, "获区级表彰或创新案例", NULL, 0},
    {"P1", 0.06, 2, 4, 2, "越级集体上访被通报", NULL, 0},
    {"P2", 0.03, 3, 3, 1, "环境违法被通报", NULL, 0},
    {"P3", 0.5, 5, 5, 1, "发生较大事故（未达否决线）", "SA1", 1},
    {"P4", 0.04, 1, 1, 1, "被市级以上督查通报", NULL, 0},
};

static const struct kh__veto_model beijing_vetoes[] = {
    {"V1", "SA1", 3, "发生重大生产安全责任事故，死亡3人", 1},
    {"V2", NULL, 0, "发生重大群体性事件", 1},
    {"V3", NULL, 0, "发生森林火灾，过火面积较大", 1},
    {"V5", NULL, 0, "班子成员严重违纪违法", 1},
    {"V6", NULL, 0, "考核数据弄虚作假", 1},
};

const struct kh__sample_preset kh__sample_preset_beijing = {
    .name = "beijing",
    .townships = "beijing-townships.csv",
    .code_prefix = "BJ",
    .code_digits = 3,
    .categories = "UIAE",
    .responses_min = 210,
    .responses_max = 320,
    .phone_share = 0.6,
    .unknown_share = 0.06,
    .abstain_share = 0.02,
    .min_raters = 3,
    .missing_share = 0.004,
    .lag_share = 0.15,
    .leaves = beijing_leaves, .nleaves = N(beijing_leaves),
    .groups = beijing_groups, .ngroups = N(beijing_groups),
    .cadres = beijing_cadres, .ncadres = N(beijing_cadres),
    .adjusts = beijing_adjusts, .nadjusts = N(beijing_adjusts),
    .vetoes = beijing_vetoes, .nvetoes = N(beijing_vetoes),
    .veto_cleared = "V4",
    .cadre_veto = "V5",
    .cadre_penalty = "P4",
    .cadre_penalty_share = 0.01,
};
