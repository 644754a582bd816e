/*
 * msg-store.h — the messages of src/store that issue 7 converted: refusals
 * of the authorization guard (one set per action of authz.h's table, made
 * at compile time by pasting the action's own zh/en phrase into the
 * template, so a refusal names its action in the reader's language), login
 * and user management.  Conventions of every catalog: msg.h.
 *
 * Refusal arguments: {1} user, {2} role, then per message:
 *   AUTHZ_ROLE_x   {3} the roles that may
 *   AUTHZ_STATE_x  {3} cycle, {4} its state, {5} the states that allow it
 *   AUTHZ_FINAL_x  {3} cycle
 *   AUTHZ_SCOPE_x  {3} what the user is bound to, {4} what was named
 * KH_ACTIONS(KH_AUTHZ_MSG_REF) lists them all (tests/unit/test-msg.c).
 */
#ifndef KAOHE_MSG_STORE_H
#define KAOHE_MSG_STORE_H

#include "kaohe/authz.h"
#include "kaohe/msg.h"

/* The four refusal templates of one action (zh, en pasted in). */
#define KH__AUTHZ_ROLE_ZH(zh) "用户 {1}（角色 {2}）无权" zh "：仅限角色 {3}"
#define KH__AUTHZ_ROLE_EN(en) "user {1} (role {2}) may not " en ": only role {3} may"
#define KH__AUTHZ_STATE_ZH(zh) \
    "用户 {1}（角色 {2}）：考核周期 {3} 处于 {4} 状态，不能" zh "；只能在 {5} 状态进行"
#define KH__AUTHZ_STATE_EN(en) \
    "user {1} (role {2}): cycle {3} is in state {4}: may not " en " there; allowed only in {5}"
#define KH__AUTHZ_FINAL_ZH(zh) \
    "用户 {1}（角色 {2}）：考核周期 {3} 已定案（final），不能" zh "；只能经审计的 reopen 重新打开"
#define KH__AUTHZ_FINAL_EN(en) \
    "user {1} (role {2}): cycle {3} is final: may not " en "; final: only an audited reopen changes it"
#define KH__AUTHZ_SCOPE_ZH(zh) "用户 {1}（角色 {2}，限于 {3}）不能对 {4}" zh "：不属于本人负责的范围"
#define KH__AUTHZ_SCOPE_EN(en) "user {1} (role {2}, confined to {3}) may not " en " for {4}: not its own"

/* Callbacks for KH_ACTIONS: declare, define and list the refusals. */
#define KH__AUTHZ_EXTERN(name, code, states, roles, scope, zh, en)                           \
    extern const struct kh_msg KH_M_AUTHZ_ROLE_##name, KH_M_AUTHZ_STATE_##name,              \
        KH_M_AUTHZ_FINAL_##name, KH_M_AUTHZ_SCOPE_##name;
#define KH__AUTHZ_DEFINE(name, code, states, roles, scope, zh, en)                           \
    const struct kh_msg KH_M_AUTHZ_ROLE_##name = {"AUTHZ_ROLE_" #name, KH__AUTHZ_ROLE_ZH(zh),  \
                                                  KH__AUTHZ_ROLE_EN(en)};                    \
    const struct kh_msg KH_M_AUTHZ_STATE_##name = {"AUTHZ_STATE_" #name,                     \
                                                   KH__AUTHZ_STATE_ZH(zh),                   \
                                                   KH__AUTHZ_STATE_EN(en)};                  \
    const struct kh_msg KH_M_AUTHZ_FINAL_##name = {"AUTHZ_FINAL_" #name,                     \
                                                   KH__AUTHZ_FINAL_ZH(zh),                   \
                                                   KH__AUTHZ_FINAL_EN(en)};                  \
    const struct kh_msg KH_M_AUTHZ_SCOPE_##name = {"AUTHZ_SCOPE_" #name,                     \
                                                   KH__AUTHZ_SCOPE_ZH(zh),                   \
                                                   KH__AUTHZ_SCOPE_EN(en)};
#define KH_AUTHZ_MSG_REF(name, code, states, roles, scope, zh, en)                           \
    &KH_M_AUTHZ_ROLE_##name, &KH_M_AUTHZ_STATE_##name, &KH_M_AUTHZ_FINAL_##name,             \
        &KH_M_AUTHZ_SCOPE_##name,

#define KH_MSGS_STORE(X)                                                                          \
    X(AUTHZ_NO_TARGET, "（未指明）", "(nothing named)")                                            \
    X(STORE_NO_CYCLE, "考核周期 {1} 不存在", "no cycle {1}")                                       \
    X(AUDIT_REC_MISSING, "记录 {1} 缺失（被删除）", "record {1} is missing (removed)")               \
    X(AUDIT_REC_INSERTED, "记录序号 {1} 不连续（被插入）", "record {1} out of sequence (inserted)")   \
    X(AUDIT_REC_FOREIGN, "记录 {1} 不是 kaohe 写入的（在 kaohe 之外插入）",                           \
      "record {1} was not written by kaohe (inserted out of band)")                              \
    X(AUDIT_REC_UNLINKED, "记录 {1} 与前一条记录的链接断开（前一条被替换或本条被插入）",              \
      "record {1} does not link to the record before it (that one was replaced, or this one "     \
      "inserted)")                                                                               \
    X(AUDIT_REC_CHANGED, "记录 {1} 的内容被修改", "record {1} was changed")                          \
    X(AUDIT_TAIL_MISSING, "记录 {1} 起的最后 {2} 条记录缺失（被删除）",                               \
      "the last {2} record(s) from {1} on are missing (removed)")                                \
    X(AUDIT_APPENDED, "记录 {1} 不是 kaohe 写入的（在 kaohe 之外追加）",                              \
      "record {1} was not written by kaohe (appended out of band)")                              \
    X(AUDIT_LAST_REPLACED, "最后一条记录 {1} 被替换", "the last record {1} was replaced")            \
    X(SEAL_CHANGED, "考核周期 {1} 的 {2}（表 {3}）与 kaohe 最后一次写入时的摘要不符：在 kaohe 之外被修改", \
      "cycle {1}, {2} (table {3}) does not match the digest kaohe recorded when it last wrote it: " \
      "changed behind kaohe's back")                                                             \
    X(SEAL_COUNT, "考核周期 {1} 的 {2}（表 {3}）有 {4} 行，kaohe 记录的是 {5} 行：在 kaohe 之外被增删", \
      "cycle {1}, {2} (table {3}) has {4} rows where kaohe recorded {5}: rows added or removed "  \
      "behind kaohe's back")                                                                     \
    X(SEAL_UNRECORDED, "考核周期 {1} 在表 {3} 中有 {4} 行，但 kaohe 没有写入过 {2}：在 kaohe 之外插入", \
      "cycle {1} has {4} rows in table {3} but kaohe never wrote {2}: inserted behind kaohe's "  \
      "back")                                                                                    \
    X(SEAL_MISSING, "{1} 没有 kaohe 记录的摘要（数据库损坏？请运行 kaohe audit verify）",               \
      "{1} has no digest recorded by kaohe (a damaged database? run kaohe audit verify)")         \
    X(LOGIN_FAILED, "用户名或密码错误，或账号已停用",                                                \
      "wrong user name or password, or the account is disabled")                                 \
    X(BUILTIN_HAS_PASSWORD, "内置管理员已设置密码：请用 --user 用户名（密码用 KAOHE_PASSWORD 或终端输入）", \
      "the built-in admin has a password: use --user NAME (password from KAOHE_PASSWORD or the "  \
      "terminal)")                                                                               \
    X(NO_BUILTIN_ADMIN, "数据库没有内置管理员：请用 --user", "the database has no built-in admin: use --user") \
    X(USER_EXISTS, "用户 {1} 已存在", "user {1} already exists")                                  \
    X(USER_NONE, "用户 {1} 不存在", "no user {1}")                                                \
    X(USER_ROLE_BAD, "需要 --role admin|reporter|rater|unit|viewer",                                  \
      "--role admin|reporter|rater|unit|viewer is required")                                     \
    X(USER_NAME_BAD, "用户名不能为空或含空白、; 或 =",                                               \
      "a user name must be non-empty without whitespace, ; or =")                                \
    X(USER_BINDING, "角色 {1} 的用户需要 --{2}（它只能代表自己的 {2}）",                              \
      "a user of role {1} needs --{2} (it acts only for its own {2})")                           \
    X(USER_PASSWORD_SHORT, "密码至少 8 个字符", "a password needs at least 8 characters")          \
    X(USER_HASH_FAILED, "密码哈希失败（内存不足？）", "password hashing failed (out of memory?)")  \
    X(USER_DISABLE_SELF, "不能停用自己", "you cannot disable yourself")                            \
    X(CYCLE_REOPEN_NOT_FINAL, "考核周期 {1} 处于 {2} 状态：只有已定案（final）的周期可以重新打开",    \
      "cycle {1} is in state {2}: only a final cycle can be reopened")                           \
    X(CYCLE_ADVANCE_FINAL, "考核周期 {1} 已定案：只读，只能用 kaohe cycle reopen 重新打开",           \
      "cycle {1} is final and read-only: use kaohe cycle reopen")                               \
    X(STORE_NOT_SCHEME_FILE, "{1} 不是方案文件", "{1} is not a scheme file")                     \
    X(SCHEME_NO_CHANGE, "没有要修改的权重", "no weight to change")                                \
    X(SCHEME_NO_CATEGORY, "考核周期 {1} 没有单位类别 {2}", "cycle {1} has no category {2}")          \
    X(SCHEME_NO_INDICATOR, "考核周期 {1} 没有指标 {2}", "cycle {1} has no indicator {2}")            \
    X(SCHEME_INVALID, "修改后的指标方案未通过校验（考核周期 {1}），未作任何修改",                      \
      "the changed scheme of cycle {1} does not validate; nothing was changed")                  \
    X(SETUP_NOT_FILE, "{1} 不是可编辑的基础数据文件（categories、units、positions、cadres、rater_groups、raters）", \
      "{1} is not an editable setup file (categories, units, positions, cadres, rater_groups, raters)") \
    X(SETUP_NO_COLUMN, "{1} 没有列 {2}", "{1} has no column {2}")                                    \
    X(SETUP_NO_CODE, "需要 code=编码", "code=CODE is needed")                                        \
    X(SETUP_NO_ROW, "考核周期 {1} 的 {2} 中没有编码为 {3} 的行", "cycle {1}'s {2} has no row {3}")    \
    X(SETUP_INVALID, "修改后的 {2} 未通过校验（考核周期 {1}），未作任何修改",                          \
      "the changed {2} of cycle {1} does not validate; nothing was changed")                     \
    X(SURVEY_NO_ITEMS, "考核周期 {1} 没有问卷题目（survey_items.csv）", "cycle {1} has no survey items (survey_items.csv)") \
    X(SURVEY_CHANNEL_BAD, "渠道 {1} 不在 cycle.csv 的 survey_channels（{2}）中", "channel {1} is not one of cycle.csv's survey_channels ({2})") \
    X(SURVEY_COUNT_BAD, "邀请数量应为 1–100000", "the number of invitations must be 1–100000") \
    X(SURVEY_TOKEN_UNKNOWN, "此问卷链接无效。请核对链接，或联系发放问卷的单位。", "this survey link is not valid: check it, or ask whoever sent it") \
    X(SURVEY_TOKEN_USED, "此问卷已经提交过，每个链接只能提交一次。感谢您的参与！", "this survey has already been submitted: each link counts once. Thank you!") \
    X(SURVEY_TOKEN_EXPIRED, "此问卷链接已过期。", "this survey link has expired") \
    X(SURVEY_CLOSED, "问卷调查已结束。", "the survey is closed") \
    X(GROUP_THREAD, "无法启动提交线程：{1}", "cannot start the commit thread: {1}") \
    X(SURVEY_ANSWER_BAD, "第 {1} 题：请选择一项", "question {1}: please choose one answer") \
    X(BALLOT_GROUPS_NONE, "需要至少一个评价组及其票数（--group 组:票数）", "a ballot needs at least one rater group and its number of slips (--group GROUP:N)") \
    X(BALLOT_GROUP_BAD, "本考核周期没有评价组 {1}，或该组重复", "the cycle has no rater group {1}, or it is named twice") \
    X(BALLOT_COUNT_BAD, "评价组 {1} 的票数应为 1–10000", "the number of slips of group {1} must be 1–10000") \
    X(BALLOT_GROUP_NOTHING, "评价组 {1} 在单位 {2} 没有可评的项目（定性指标的 raters 或职位的 groups 未包含该组）", "rater group {1} rates nothing in unit {2} (no qual leaf's raters nor position's groups names it)") \
    X(BALLOT_UNKNOWN, "本考核周期没有民主测评票 {1}", "the cycle has no ballot {1}") \
    X(BALLOT_SLIP_UNKNOWN, "此测评票无效。请核对二维码，或向会议工作人员询问。", "this ballot slip is not valid: check the code, or ask the meeting's staff") \
    X(BALLOT_SLIP_USED, "此测评票已经提交过，每张票只能投一次。感谢您的参与！", "this ballot slip has already been used: each slip counts once. Thank you!") \
    X(BALLOT_CLOSED, "本次民主测评已结束投票。", "this ballot is closed") \
    X(BALLOT_VOTE_BAD, "第 {1} 项：请在给出的选项中选择", "item {1}: please choose one of the options given") \
    X(BALLOT_EMPTY, "请至少选择一项后再提交", "choose at least one option before submitting") \
    X(RATING_SUBMITTED, "评价人 {1} 对 {2} 的评分已提交，只读；如需修改请联系考核办重新开放", \
      "the ratings of rater {1} for {2} are already submitted and read-only: ask the office to reopen them") \
    X(RATING_NOTHING, "评价人 {1} 对 {2} 既没有草稿也没有评分，无可提交", \
      "rater {1} has neither drafts nor ratings for {2}: nothing to submit") \
    X(RATING_NOT_SUBMITTED, "评价人 {1} 对 {2} 的评分尚未提交，无需重新开放", \
      "the ratings of rater {1} for {2} are not submitted: there is nothing to reopen") \
    X(RATING_REASON_NEEDED, "重新开放需要说明理由（--reason）", "reopening needs a reason (--reason)") \
    X(APPEAL_NONE, "没有申诉 {1}", "no appeal {1}") \
    X(ATTACH_TYPE_BAD, "附件 {1} 不是 PDF、PNG 或 JPEG 文件（按文件内容判断，与文件名无关；其开头字节为 {2}），未提交任何内容", \
      "attachment {1} is not a PDF, PNG or JPEG file (judged by its content, not its name: it begins with bytes {2}); nothing was filed") \
    X(ATTACH_TOO_BIG, "附件 {1} 大小为 {2} 字节，超过每个文件 {3} 字节（5 MiB）的上限，未提交任何内容", \
      "attachment {1} is {2} bytes, over the limit of {3} bytes (5 MiB) per file; nothing was filed") \
    X(ATTACH_TOTAL_TOO_BIG, "附件合计 {1} 字节，超过每次申诉 {2} 字节（10 MiB）的上限，未提交任何内容", \
      "the attachments total {1} bytes, over the limit of {2} bytes (10 MiB) per appeal; nothing was filed") \
    X(ATTACH_TOO_MANY, "每次申诉最多 {1} 个附件，未提交任何内容", "an appeal takes at most {1} attachments; nothing was filed") \
    X(ATTACH_NAME_BAD, "附件名称“{1}”无效：不能为空、不能含控制字符、不超过 200 字节", \
      "attachment name \"{1}\" is not valid: it must be non-empty, without control characters, at most 200 bytes") \
    X(ATTACH_EMPTY, "附件 {1} 是空文件，未提交任何内容", "attachment {1} is empty; nothing was filed") \
    X(ATTACH_NONE, "申诉 {1} 没有第 {2} 个附件", "appeal {1} has no attachment {2}") \
    X(PUBLICITY_DATE_BAD, "{1} 不是有效日期（应为 YYYY-MM-DD）", "{1} is not a valid date (YYYY-MM-DD)") \
    X(PUBLICITY_PERIOD_BAD, "公示截止日期 {2} 早于开始日期 {1}", "the publication ends ({2}) before it starts ({1})") \
    X(PUBLICITY_PART_BAD, "无法理解的公示内容 {1}（可选 ranking、composite、dimensions，或 none）", \
      "unknown part {1} (one of ranking, composite, dimensions, or none)") \
    X(PUBLICITY_TEXT_LONG, "{1} 过长（最多 2000 字节）", "{1} is too long (at most 2000 bytes)") \
    X(STORE_NOT_PUBLISHED, "考核周期 {1} 的结果尚未公示", "the results of cycle {1} are not published yet") \
    X(SESSION_NONE, "未登录或登录已过期，请重新登录", "not signed in, or the session has expired: sign in again") \
    X(TOKEN_LABEL_BAD, "令牌名称不能为空，最多 64 个字符", "a token needs a name of at most 64 characters") \
    X(APPEAL_NOT_LEAF, "申诉针对具体的末级指标，{1} 是中间节点", "an appeal is about a leaf; {1} is a node") \
    X(APPEAL_REASON_NEEDED, "申诉需要写明理由（--reason）", "an appeal needs a reason (--reason)") \
    X(APPEAL_PERIOD_OVER, "申诉期已过：公示开始于 {1}，申诉期 {2} 天，截止 {3}", \
      "the appeal period is over: publicity began {1}, appeals are open {2} days, until {3}") \
    X(APPEAL_OPEN_EXISTS, "单位 {1} 对指标 {2} 已有未处理的申诉 {3}", "unit {1} already has open appeal {3} on {2}") \
    X(APPEAL_DECIDED, "申诉 {1} 已处理（{2}）", "appeal {1} was already decided ({2})") \
    X(APPEAL_DECIDE_REASON, "处理申诉需要写明理由（--reason）", "deciding an appeal needs a reason (--reason)") \
    X(APPEAL_NOT_QUANT, "指标 {1} 不是定量指标，不能用更正数值的方式受理；请驳回并说明", \
      "{1} is not a quant leaf: it cannot be corrected by a value; reject it with a reason") \
    X(APPEAL_VALUE_NEEDED, "受理申诉需要更正后的年末值（--value）", \
      "accepting needs the corrected year-end value (--value)") \
    X(TABLE_UNKNOWN_FILE, "未知文件", "unknown file") \
    X(TABLE_TOO_MANY_COLUMNS, "列太多", "too many columns") \
    X(TABLE_UNKNOWN_COLUMN, "未知列", "unknown column") \
    X(TABLE_FIELD_COUNT, "列数不对", "wrong field count") \
    X(TABLE_NO_HEADER, "缺少表头", "no header") \
    X(TABLE_HEADER_DAMAGED, "存储的表头损坏", "stored header is damaged") \
    X(RESULT_NOT_FILE, "不是结果文件（results_units.csv、results_nodes.csv、results_cadres.csv、results_surveys.csv、warnings.csv、results_contributions.csv、results_strengths.csv）", \
      "not a result file (results_units.csv, results_nodes.csv, results_cadres.csv, results_surveys.csv, warnings.csv, results_contributions.csv, results_strengths.csv)") \
    X(RESULT_NOT_COMPUTED, "考核周期 {1} 没有已计算的 {2}（先 kaohe compute）", \
      "cycle {1} has no computed {2} (run kaohe compute first)") \
    X(CYCLE_REOPEN_TARGET, "reopen 必须回到定案之前的某个状态", "reopen must go back to a state before final") \
    X(CYCLE_REOPEN_REASON, "重新打开已定案的考核周期必须说明原因（--reason）", \
      "reopening a final cycle needs a reason (--reason)") \
    X(CYCLE_OPEN_APPEALS, "考核周期 {1} 还有 {2} 件未处理的申诉，不能定案", \
      "cycle {1} has {2} open appeal(s): it cannot become final") \
    X(CYCLE_EXISTS, "考核周期 {1} 已存在；要替换请加 --replace", "cycle {1} exists; use --replace to replace it") \
    X(CYCLE_NO_UNIT, "本考核周期没有单位 {1}", "the cycle has no unit {1}") \
    X(CYCLE_NO_INDICATOR, "本考核周期没有指标 {1}", "the cycle has no indicator {1}") \
    X(IMPORT_BUNDLE_ERRORS, "数据包有错误，未导入任何内容", "the bundle has errors; nothing was imported") \
    X(IMPORT_NO_CYCLE_CODE, "导入数据库需要考核周期编码：cycle.csv 中的 code，或 --cycle 编码", \
      "importing needs a cycle code: `code` in cycle.csv, or --cycle CODE") \
    X(IMPORT_CYCLE_MISMATCH, "数据包的周期编码是 {1}，与 --cycle {2} 不一致", \
      "the bundle's cycle code is {1}, not {2} (--cycle)") \
    X(IMPORT_CYCLE_CODE_BAD, "周期编码不能含空白、逗号、引号、; 或 =", \
      "a cycle code has no whitespace, comma, quote, ';' or '='") \
    X(STORED_CYCLE_INVALID, "数据库中的考核周期 {1} 未通过校验", "cycle {1} in the database does not validate") \
    X(PG_CONNECT, "无法连接 PostgreSQL：{1}", "cannot connect to PostgreSQL: {1}") \
    X(RATING_NOT_QUAL, "指标 {1} 不是定性指标（{2}），不能评分", \
      "indicator {1} is not a qual leaf ({2}): it takes no ratings") \
    X(RATING_NO_ITEM, "本考核周期没有定性指标或干部考核维度 {1}", "the cycle has no qual leaf or cadre dimension {1}") \
    X(RATING_SCORE_RANGE, "评分 {1} 超出 0–100", "score {1} is outside 0–100") \
    X(RATING_SCORE_BAD, "评分 “{1}” 不是量表 {2} 的等级，也不是 0–100 的数", \
      "score '{1}' is neither a level of scale {2} nor a number in 0–100") \
    X(RATING_RATER_NEEDED, "需要评价人编码（--rater）", "a rater code is needed (--rater)") \
    X(RATING_NO_RATER, "本考核周期没有评价人 {1}", "the cycle has no rater {1}") \
    X(RATING_NO_RATEE, "本考核周期没有单位或干部 {1}", "the cycle has no unit or cadre {1}") \
    X(RECTIFY_NONE, "没有整改事项 {1}", "no rectification item {1}") \
    X(RECTIFY_PROBLEM_NEEDED, "整改事项需要写明问题", "a rectification item needs the problem to rectify") \
    X(RECTIFY_CLOSED, "整改事项 {1} 已关闭", "rectification item {1} is already closed") \
    X(RECTIFY_NOTE_NEEDED, "关闭整改事项需要写明整改结果（--note）", \
      "closing a rectification item needs a note on the outcome (--note)") \
    X(RECTIFY_NOT_CARRIED, "整改事项 {1} 来自周期 {2}，不转入周期 {3} 的绩效协议（{3} 不是它之后的周期）", \
      "rectification item {1} comes from cycle {2} and does not carry into the agreement of {3} (not a later cycle of the same series)") \
    X(RECTIFY_CLOSED_NO_ANSWER, "整改事项 {1} 已关闭，无需答复", "rectification item {1} is closed: it needs no answer") \
    X(RECTIFY_ANSWER_KIND, "答复方式须为 target（目标）或 note（说明）", "an answer is a target or a note") \
    X(RECTIFY_ANSWER_EMPTY, "答复不能为空", "an answer needs a text") \
    X(RECTIFY_UNANSWERED, "单位 {1} 有未答复的整改事项 {2}：须先在本周期绩效协议中逐项答复（kaohe rectify answer {3} 编号 --target|--note），才能批准其目标", \
      "unit {1} has unanswered rectification items {2}: answer each in this cycle's agreement (kaohe rectify answer {3} ID --target|--note) before its targets can be approved") \
    X(BACKUP_PG, "PostgreSQL 数据库请用 pg_dump 备份（如 pg_dump -Fc -f kaohe.dump URL），用 pg_restore 恢复", \
      "for PostgreSQL use pg_dump (e.g. pg_dump -Fc -f kaohe.dump URL) and pg_restore") \
    X(BACKUP_FAILED, "备份失败：{1}", "backup failed: {1}") \
    X(BACKUP_RENAME, "改名失败", "rename failed") \
    X(TARGET_NOT_TARGET_METHOD, "指标 {1} 不按目标值计分（method 不是 target），不需要协议目标", \
      "indicator {1} is not scored against a target (method is not target)") \
    X(TARGET_ZERO, "目标值不能为 0", "a target cannot be 0") \
    X(TARGET_NOTE_NEEDED, "提出目标值需要说明理由（--note）", "a proposed target needs a justification (--note)") \
    X(TARGET_COMMENT_NEEDED, "退回目标值需要写明意见（--comment）", "returning a target needs a comment (--comment)") \
    X(TARGET_NONE_PROPOSED, "单位 {1} 没有提出指标 {2} 的目标值", "unit {1} has proposed no target for {2}") \
    X(TARGET_NOT_PROPOSED, "单位 {1} 指标 {2} 的目标值状态是 {3}，只有 proposed 的目标值可以批准或退回", \
      "the target of unit {1}, {2} is {3}: only a proposed target can be approved or returned") \
    X(VALUE_PERIOD_BAD, "期间应为 Y、Q1…Q4 或 M01…M12，而非 “{1}”", "period must be Y, Q1…Q4 or M01…M12, not '{1}'") \
    X(VALUE_NOT_QUANT, "指标 {1} 不是定量指标（{2}），没有填报值", \
      "indicator {1} is not a quant leaf ({2}): it has no values") \
    X(SCHEMA_TOO_NEW, "数据库结构版本 {1} 比本程序（{2}）新，请升级 kaohe", \
      "schema version {1} is newer than this kaohe ({2}): upgrade kaohe") \
    X(SODIUM_INIT, "libsodium 初始化失败", "libsodium init failed") \
    X(DB_NOT_FOUND, "数据库不存在，请先运行 kaohe init", "database not found: run kaohe init first") \
    X(STORE_BAD_TIME, "存储的时间无效：{1}，{2}", "a stored time is not valid: {1}, {2}") \
    X(CYCLE_AGREEMENTS_INCOMPLETE, "绩效协议尚未完成，考核周期 {1} 不能进入 tracking：共 {2} 处未通过校验，第一处在 {3}", \
      "the performance agreements of cycle {1} are not complete: {2} problem(s), the first at {3}") \
    X(STORE_NOT_A_NUMBER, "“{1}” 不是数字", "'{1}' is not a number") \
    X(STORE_TOO_MANY_FILES, "数据包文件过多", "too many bundle files") \
    X(DB_SQLITE_ERROR, "SQLite 数据库错误：{1}：{2}", "SQLite: {1}: {2}") \
    X(DB_PG_ERROR, "PostgreSQL 数据库错误：{1}：{2} [{3}]", "PostgreSQL: {1}: {2} [{3}]") \
    X(DB_VALUE_TOO_BIG, "数据库：一个值长 {1} 字节，过大", "database: a value of {1} bytes is too large") \
    X(DB_COPY_COLUMNS, "数据库批量写入：列太多", "database bulk copy: too many columns") \
    X(DB_COPY_CELLS, "数据库批量写入：{1} 个单元格，应为 {2} 列", "database bulk copy: {1} cells for {2} columns") \
    X(DB_COPY_BATCH, "数据库批量写入：批次过大", "database bulk copy: batch too large") \
    X(STORE_PREVIOUS_MISSING, "上一周期 {1} 不在数据库中，无法取得增长率基期值", \
      "the previous cycle {1} is not in the database: growth baselines cannot be filled") \
    X(STORE_PREVIOUS_NO_VALUE, "单位 {1} 指标 {2} 的增长率基期值为空，上一周期 {3} 也没有该单位该指标的年末值", \
      "unit {1}, leaf {2}: empty growth baseline and no year-end value in the previous cycle {3}")

KH_MSGS_STORE(KH_MSG_EXTERN)
KH_ACTIONS(KH__AUTHZ_EXTERN)

#endif
