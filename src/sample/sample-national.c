/*
 * sample-national.c — the `national` preset of `kaohe sample`: a synthetic
 * country of 40,000 towns, townships and sub-districts in 2,800 districts
 * (about 14 each) under the default scheme, sized for benchmarks (issue 3
 * item 9): about 10 million ratings, 8 million survey answers and 320,000
 * cadres.
 *
 * Only parameters live here; the generator is sample.c.  Units are coded
 * N00001 … N40000 and named 第n乡 / 第n镇 / 第n街道 after their category's
 * kind; districts are 第k区.  Magnitudes are those of an average Chinese
 * township rather than a Beijing one (lower tax and investment, lower
 * incomes), per category in the order U I A E.
 *
 * How the volumes come out (per unit, on average):
 *   - cadres: the slot chances below sum to 8.0, so 320,000 cadres;
 *   - ratings: each cadre is rated on the five dimensions of its position by
 *     3 district leaders and 3 township staff (cadre_groups below), 8 × 5 × 6
 *     = 240, plus the qualitative leaves of the unit (PB1 by 3 panel + 3
 *     department raters, PB4 by 3 staff + 3 village + 3 deputies, SA4 by the
 *     panel in E units), about 16: ≈ 256 × 40,000 ≈ 10.2 million;
 *   - surveys: 20–30 responses of 8 answers each, 25 × 8 × 40,000 = 8 million.
 *     A national sample survey asks about 25 residents a township, so the
 *     cycle's min_sample is lowered to 20 (the scheme's 200 is a district
 *     survey's); every other cycle rule is the scheme's.
 * Three raters per group is the scheme's min_raters, so every group counts
 * and no rating is an abstention: the pools are as small as the method
 * allows, which keeps the ratings near the target volume.
 */
#include "sample/sample-int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct kh__leaf_model national_leaves[] = {
    /* code  shape              U        I        A       E      spread lo    hi   dec pop uplift perf step */
    {"POP", KH__SHAPE_POP,     {6, 4.5, 3, 1.5},                0.4,  0.2,  0,   2, 0, 0,     0,    0},
    {"EC1", KH__SHAPE_FLOW,    {30000, 60000, 6000, 0},         0.6, 300,  0,   0, 1, 0.08,  0.06, 0},
    {"EC2", KH__SHAPE_GROWTH,  {12000, 8000, 2500, 0},          0.6, 50,   0,   0, 1, 6,     4,    0},
    {"EC3", KH__SHAPE_GROWTH,  {28000, 24000, 18000, 14000},    0.15, 5000, 0,  0, 0, 7,     1.5,  0},
    {"EC4", KH__SHAPE_FLOW,    {50000, 120000, 0, 0},           0.6, 1000, 0,   0, 1, 0.10,  0.08, 0},
    {"EC5", KH__SHAPE_RATE,    {0, 40, 0, 0},                   18,  3,    0,   1, 0, 0,     0,    0},
    {"EC6", KH__SHAPE_FLOW,    {0, 0, 5000, 2000},              0.6, 100,  0,   0, 1, 0.08,  0.07, 0},
    {"EC7", KH__SHAPE_FLOW,    {0, 0, 0, 2500},                 0.7, 100,  0,   0, 0, 0.08,  0.08, 0},
    {"SO1", KH__SHAPE_RATE,    {94, 93, 91, 89},                4,   70,   100, 1, 0, 0,     0,    0},
    {"SO2", KH__SHAPE_RATE,    {96, 96, 95, 94},                2.5, 80,   100, 1, 0, 0,     0,    0},
    {"SO3", KH__SHAPE_FLOW,    {1200, 1000, 900, 400},          0.5, 20,   0,   0, 1, 0.05,  0.08, 0},
    {"SO4", KH__SHAPE_RATE,    {99.4, 99.3, 99.1, 98.8},        0.9, 95,   100, 1, 0, 0,     0,    0},
    {"SO5", KH__SHAPE_RATE,    {88, 84, 80, 74},                9,   30,   100, 1, 0, 0,     0,    0},
    {"EN1", KH__SHAPE_LEVEL,   {0, 0, 28, 65},                  8,   5,    95,  2, 0, 0.02,  0.02, 0},
    {"EN2", KH__SHAPE_FLOW,    {0, 1200, 2500, 0},              0.6, 50,   0,   0, 0, 0.05,  0.08, 0},
    {"EN3", KH__SHAPE_RATE,    {0, 0, 0, 95},                   3,   75,   100, 1, 0, 0,     0,    0},
    {"EN4", KH__SHAPE_RATE,    {97, 95, 92, 88},                4,   50,   100, 1, 0, 0,     0,    0},
    {"EN5", KH__SHAPE_RATE,    {0, 0, 60, 52},                  14,  10,   100, 1, 0, 0,     0,    0},
    {"EN6", KH__SHAPE_COUNT,   {0, 0, 0, 0.7},                  0,   0,    0,   0, 0, 0,     0,    1},
    {"EN7", KH__SHAPE_LEVEL,   {35, 38, 0, 0},                  6,   10,   90,  1, 0, -0.04, 0.04, 0},
    {"UM1", KH__SHAPE_FLOW,    {80000, 60000, 30000, 0},        0.6, 1000, 0,   0, 1, 0.05,  0.08, 0},
    {"UM2", KH__SHAPE_COUNT,   {0.8, 0.8, 0.6, 0.3},            0,   0,    0,   0, 0, 0,     0,    150},
    {"UM3", KH__SHAPE_FLOW,    {100, 0, 0, 0},                  0,   50,   100, 1, 0, 0,     0.06, 0},
    {"UM4", KH__SHAPE_RATE,    {91, 92, 93, 94},                4,   50,   100, 1, 0, 0,     0,    0},
    {"SA1", KH__SHAPE_COUNT,   {0.15, 0.2, 0.12, 0.1},          0,   0,    0,   0, 0, 0,     0,    1},
    {"SA2", KH__SHAPE_COUNT,   {0.6, 0.5, 0.4, 0.2},            0,   0,    0,   0, 0, 0,     0,    1},
    {"SA3", KH__SHAPE_PER_CAPITA, {30, 26, 0, 0},               0.35, 0,   0,   0, 0, 0,     0,    0},
    {"PB2", KH__SHAPE_COUNT,   {0.7, 0.7, 0.5, 0.4},            0,   0,    0,   0, 0, 0,     0,    1},
    {"PB3", KH__SHAPE_RATE,    {93, 93, 92, 90},                5,   60,   100, 1, 0, 0,     0,    0},
};

/* Panels and departments assess per district (one national panel could not
 * rate 40,000 units); every group has exactly min_raters members. */
static const struct kh__group_model national_groups[] = {
    {"panel", KH__SCOPE_DISTRICT, 3, "PANEL", "综合评价小组专家"},
    {"depts", KH__SCOPE_DISTRICT, 3, "DEPT", "职能部门评价人"},
    {"leaders", KH__SCOPE_DISTRICT, 3, "LEAD", "领导"},
    {"staff", KH__SCOPE_UNIT, 3, "STAFF", "乡镇干部"},
    {"village", KH__SCOPE_UNIT, 3, "VIL", "村(社区)干部"},
    {"npc", KH__SCOPE_UNIT, 3, "NPC", "人大代表"},
};

/* Eight cadres a unit on average (1+1+1+0.9+1+1+1+0.3+0.2+0.6). */
static const struct kh__cadre_slot national_cadres[] = {
    {"SJ", 1.0, ""},
    {"ZZ", 1.0, ""},
    {"FSJ", 1.0, "PB;SV"},
    {"RDZX", 0.9, "SO"},
    {"JWSJ", 1.0, "PB"},
    {"FZZ", 1.0, "EC;SA1"},
    {"FZZ", 1.0, "UM;EN"},
    {"FZZ", 0.3, "SO"},
    {"DW", 0.2, "SV"},
    {"WZBZ", 0.6, "SA"},
};

static const struct kh__adjust_model national_adjusts[] = {
    {"B1", 0.005, 2, 3, 1, "获国家级表彰", NULL, 0},
    {"B2", 0.03, 1, 2, 1, "获省级表彰", NULL, 0},
    {"B3", 0.10, 0.5, 0.5, 0.5, "获县级表彰或创新案例", NULL, 0},
    {"P1", 0.06, 2, 4, 2, "越级集体上访被通报", NULL, 0},
    {"P2", 0.04, 3, 3, 1, "环境违法被通报", NULL, 0},
    {"P3", 0.5, 5, 5, 1, "发生较大事故（未达否决线）", "SA1", 1},
    {"P4", 0.04, 1, 1, 1, "被上级督查通报", NULL, 0},
};

/* About two units in a thousand vetoed. */
static const struct kh__veto_model national_vetoes[] = {
    {"V1", "SA1", 3, "发生重大生产安全责任事故，死亡3人", 30},
    {"V2", NULL, 0, "发生重大群体性事件", 15},
    {"V3", NULL, 0, "发生森林火灾，过火面积较大", 15},
    {"V5", NULL, 0, "班子成员严重违纪违法", 15},
    {"V6", NULL, 0, "考核数据弄虚作假", 5},
};

const struct kh__sample_preset kh__sample_preset_national = {
    .name = "national",
    .townships = NULL,
    .code_prefix = "N",
    .code_digits = 5,
    .categories = "UIAE",
    .nunits = 40000,
    .ndistricts = 2800,
    .cat_share = {0.15, 0.2, 0.4, 0.25},
    .district_mix = 0.25,
    .cat_kind = {"街道", "镇", "镇", "乡"},
    .cat_zone = {"城市功能拓展区", "城市发展新区", "城市发展新区", "生态涵养发展区"},
    .responses_min = 20,
    .responses_max = 30,
    .phone_share = 0.6,
    .unknown_share = 0.06,
    .abstain_share = 0.02,
    .min_raters = 3,
    .missing_share = 0.004,
    .lag_share = 0.15,
    .leaves = national_leaves, .nleaves = N(national_leaves),
    .groups = national_groups, .ngroups = N(national_groups),
    .cadres = national_cadres, .ncadres = N(national_cadres),
    .adjusts = national_adjusts, .nadjusts = N(national_adjusts),
    .vetoes = national_vetoes, .nvetoes = N(national_vetoes),
    .veto_cleared = "V4",
    .cadre_veto = "V5",
    .cadre_penalty = "P4",
    .cadre_penalty_share = 0.01,
    .cycle_overrides = "name=2024年度全国乡镇绩效考核（基准测试）;min_sample=20",
    .cadre_groups = "leaders=0.5;staff=0.5",
};
