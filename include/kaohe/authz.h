/*
 * authz.h — who may do what, in which state of a cycle: the one copy.
 *
 * Every store operation that reads or changes cycle data takes the acting
 * person (struct kh_actor) and calls kh_authz_check() first, naming one
 * action of the table below.  The CLI and the web server are thin shells
 * over those operations: neither checks a role itself, so neither can
 * forget a check the other makes.  docs/workflow.md's matrix is generated
 * from this table (tests/store check that it matches), the web server's
 * route table names actions from it instead of listing roles, and the role
 * × operation test (tests/store) iterates over it, so an action added here
 * is covered without anyone remembering to.
 *
 * A row is { action, states, roles, scope, Chinese and English description }:
 *
 *   states   the cycle states in which the action is allowed (KH_ST_*
 *            bits); KH_ST_NOCYCLE for actions that do not concern one cycle
 *            (users, backups, the list of cycles).
 *   roles    the roles that may perform it (KH_RL_* bits).
 *   scope    whether the action concerns one unit, leaf or rater; if so,
 *            a scoped role is confined to its own part of the data:
 *              unit      only its own unit (struct kh_actor.unit)
 *              reporter  only leaves whose `department` is its department
 *              rater     only its own ratings (its rater code)
 *            admin and viewer are never confined.  KH_SCOPE_SELF: the
 *            target is a user name and a non-admin may only name itself.
 *
 * Refusals.  A refused check returns KH_EPERM (role or scope) or KH_ESTATE
 * (state) with a message naming the action, the role and the reason, and is
 * audited: an audit record (action "refuse", entity "authz", key the action
 * name) written in its own transaction, since the operation's transaction
 * is rolled back.  Reads that are refused are audited too.
 */
#ifndef KAOHE_AUTHZ_H
#define KAOHE_AUTHZ_H

#include <stdbool.h>
#include "kaohe/msg.h"
#include "kaohe/store.h"

/* State bits (1 << enum kh_cycle_state). */
#define KH_ST_SETUP (1u << KH_STATE_SETUP)
#define KH_ST_AGREEMENT (1u << KH_STATE_AGREEMENT)
#define KH_ST_TRACKING (1u << KH_STATE_TRACKING)
#define KH_ST_EVALUATION (1u << KH_STATE_EVALUATION)
#define KH_ST_REVIEW (1u << KH_STATE_REVIEW)
#define KH_ST_PUBLICITY (1u << KH_STATE_PUBLICITY)
#define KH_ST_FINAL (1u << KH_STATE_FINAL)
#define KH_ST_OPEN (KH_ST_SETUP | KH_ST_AGREEMENT | KH_ST_TRACKING | KH_ST_EVALUATION | KH_ST_REVIEW | \
                    KH_ST_PUBLICITY)
#define KH_ST_ANY (KH_ST_OPEN | KH_ST_FINAL)
#define KH_ST_PUBLISHED (KH_ST_PUBLICITY | KH_ST_FINAL)
#define KH_ST_NOCYCLE (1u << 31)

/* Role bits (1 << enum kh_role). */
#define KH_RL_ADMIN (1u << KH_ROLE_ADMIN)
#define KH_RL_REPORTER (1u << KH_ROLE_REPORTER)
#define KH_RL_RATER (1u << KH_ROLE_RATER)
#define KH_RL_UNIT (1u << KH_ROLE_UNIT)
#define KH_RL_VIEWER (1u << KH_ROLE_VIEWER)
#define KH_RL_ALL (KH_RL_ADMIN | KH_RL_REPORTER | KH_RL_RATER | KH_RL_UNIT | KH_RL_VIEWER)

enum kh_scope { KH_SCOPE_NONE, KH_SCOPE_OWN, KH_SCOPE_SELF };

/*
 * The table.  X(name, code, states, roles, scope, zh, en): `code` is the
 * action's stable name (audit key, API documentation, docs/workflow.md);
 * zh/en complete the sentence "may not …" / "无权…".
 *
 * Issue 7 fills in the rows; later issues add theirs (web sessions, survey
 * invitations, ballots, rectification items) to this same list.
 */
#define KH_ACTIONS(X)                                                                              \
    X(USER_LIST, "user.list", KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE, "查看用户", "list users") \
    X(USER_ADD, "user.add", KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE, "添加用户", "add users")    \
    X(USER_PASSWD, "user.passwd", KH_ST_NOCYCLE, KH_RL_ALL, KH_SCOPE_SELF, "修改密码",              \
      "change passwords")                                                                         \
    X(USER_DISABLE, "user.disable", KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE, "停用或启用用户",     \
      "disable or enable users")                                                                  \
    X(CYCLE_LIST, "cycle.list", KH_ST_NOCYCLE, KH_RL_ALL, KH_SCOPE_NONE, "查看考核周期",            \
      "list cycles")                                                                              \
    X(CYCLE_SHOW, "cycle.show", KH_ST_ANY, KH_RL_ALL, KH_SCOPE_NONE, "查看考核周期详情",            \
      "show a cycle")                                                                             \
    X(CYCLE_IMPORT, "cycle.import", KH_ST_SETUP | KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE,        \
      "导入考核周期", "import a cycle")                                                            \
    X(CYCLE_ADVANCE, "cycle.advance", KH_ST_OPEN, KH_RL_ADMIN, KH_SCOPE_NONE, "推进考核周期",       \
      "advance a cycle")                                                                          \
    X(CYCLE_REOPEN, "cycle.reopen", KH_ST_FINAL, KH_RL_ADMIN, KH_SCOPE_NONE, "重新打开已定案的周期", \
      "reopen a final cycle")                                                                     \
    X(CYCLE_EXPORT, "cycle.export", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,           \
      "导出考核周期", "export a cycle")                                                            \
    X(CYCLE_COMPUTE, "cycle.compute", KH_ST_OPEN, KH_RL_ADMIN, KH_SCOPE_NONE, "计算结果",           \
      "compute results")                                                                          \
    X(SCHEME_PREVIEW, "scheme.preview", KH_ST_ANY, KH_RL_ADMIN, KH_SCOPE_NONE,                     \
      "预览权重修改的影响", "preview a weight change")                                             \
    X(SCHEME_EDIT, "scheme.edit", KH_ST_SETUP, KH_RL_ADMIN, KH_SCOPE_NONE, "修改指标权重",          \
      "change indicator weights")                                                                 \
    X(SETUP_EDIT, "setup.edit", KH_ST_SETUP, KH_RL_ADMIN, KH_SCOPE_NONE,                            \
      "修改基础数据（类别、单位、职务、干部、评价组、评价人）",                                           \
      "change setup data (categories, units, positions, cadres, rater groups, raters)")           \
    X(TARGET_PROPOSE, "target.propose", KH_ST_AGREEMENT, KH_RL_ADMIN | KH_RL_UNIT, KH_SCOPE_OWN,   \
      "提出目标值", "propose targets")                                                             \
    X(TARGET_APPROVE, "target.approve", KH_ST_AGREEMENT, KH_RL_ADMIN, KH_SCOPE_NONE, "批准目标值",  \
      "approve targets")                                                                          \
    X(TARGET_RETURN, "target.return", KH_ST_AGREEMENT, KH_RL_ADMIN, KH_SCOPE_NONE, "退回目标值",    \
      "return targets")                                                                           \
    X(TARGET_LIST, "target.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_UNIT | KH_RL_VIEWER, KH_SCOPE_OWN, \
      "查看目标值", "list targets")                                                                \
    X(AGREEMENT_PRINT, "agreement.print", KH_ST_ANY, KH_RL_ADMIN | KH_RL_UNIT | KH_RL_VIEWER,       \
      KH_SCOPE_OWN, "打印绩效协议", "print agreements")                                             \
    X(VALUE_TRACK, "value.track", KH_ST_SETUP | KH_ST_TRACKING,                                     \
      KH_RL_ADMIN | KH_RL_REPORTER | KH_RL_UNIT, KH_SCOPE_OWN, "填报过程跟踪值（季度、月度）",       \
      "enter tracking values (quarters, months)")                                                 \
    X(VALUE_YEAREND, "value.yearend", KH_ST_SETUP | KH_ST_EVALUATION, KH_RL_ADMIN | KH_RL_REPORTER, \
      KH_SCOPE_OWN, "填报年末值（期间 Y）", "enter year-end values (period Y)")                     \
    X(PROGRESS_SHOW, "progress.show", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,       \
      "查看全周期进度（填报率、评分完成率、问卷样本）", "read the cycle's progress (values, ratings, surveys)") \
    X(PROGRESS_READ, "progress.read", KH_ST_ANY,                                                    \
      KH_RL_ADMIN | KH_RL_REPORTER | KH_RL_UNIT | KH_RL_VIEWER, KH_SCOPE_OWN, "查看进度预警",       \
      "read progress warnings")                                                                   \
    X(APPEAL_FILE, "appeal.file", KH_ST_PUBLICITY, KH_RL_ADMIN | KH_RL_UNIT, KH_SCOPE_OWN,         \
      "提出申诉", "file appeals")                                                                  \
    X(APPEAL_ACCEPT, "appeal.accept", KH_ST_PUBLICITY, KH_RL_ADMIN, KH_SCOPE_NONE, "受理申诉",      \
      "accept appeals")                                                                           \
    X(APPEAL_REJECT, "appeal.reject", KH_ST_PUBLICITY, KH_RL_ADMIN, KH_SCOPE_NONE, "驳回申诉",      \
      "reject appeals")                                                                           \
    X(APPEAL_LIST, "appeal.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_UNIT | KH_RL_VIEWER, KH_SCOPE_OWN, \
      "查看申诉", "list appeals")                                                                  \
    X(APPEAL_ATTACHMENT, "appeal.attachment", KH_ST_ANY, KH_RL_ADMIN | KH_RL_UNIT, KH_SCOPE_OWN,    \
      "查看或下载申诉附件", "read appeal attachments")                                               \
    X(PUBLICITY_CONFIGURE, "publicity.configure", KH_ST_OPEN, KH_RL_ADMIN, KH_SCOPE_NONE,        \
      "设置公示内容（公示哪些部分、公示期、申诉说明）",                                              \
      "configure what publicity shows (parts, period, how to appeal)")                             \
    X(RATING_ENTER, "rating.enter", KH_ST_SETUP | KH_ST_EVALUATION, KH_RL_ADMIN | KH_RL_RATER,      \
      KH_SCOPE_OWN, "录入评分", "enter ratings")                                                   \
    X(RATING_LIST, "rating.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_RATER | KH_RL_VIEWER,             \
      KH_SCOPE_OWN, "查看评分", "list ratings")                                                    \
    X(RATING_SUBMIT, "rating.submit", KH_ST_SETUP | KH_ST_EVALUATION, KH_RL_RATER, KH_SCOPE_OWN,     \
      "提交评分表（提交后只读）", "submit rating forms (read-only once submitted)")                   \
    X(RATING_REOPEN, "rating.reopen", KH_ST_EVALUATION, KH_RL_ADMIN, KH_SCOPE_NONE,                 \
      "重新开放已提交的评分表", "reopen submitted rating forms")                                       \
    X(RESULTS_READ, "results.read", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,           \
      "查看考核结果", "read results")                                                              \
    X(RESULTS_PUBLIC, "public.read", KH_ST_PUBLISHED, KH_RL_ALL, KH_SCOPE_NONE,                      \
      "查看公示结果（公众，无需登录）", "read the published results (public, no sign-in)")            \
    X(RESULTS_OWN, "results.own", KH_ST_PUBLISHED, KH_RL_UNIT, KH_SCOPE_OWN,                        \
      "查看本单位已公示的考核结果", "read its own published results")                               \
    X(AUDIT_READ, "audit.read", KH_ST_NOCYCLE, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,           \
      "查看审计记录", "read the audit trail")                                                      \
    X(AUDIT_VERIFY, "audit.verify", KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE, "校验审计链",        \
      "verify the audit trail")                                                                   \
    X(BACKUP, "backup", KH_ST_NOCYCLE, KH_RL_ADMIN, KH_SCOPE_NONE, "备份数据库", "back up the database") \
    X(SURVEY_INVITE, "survey.invite", KH_ST_SETUP | KH_ST_AGREEMENT | KH_ST_TRACKING | KH_ST_EVALUATION,  \
      KH_RL_ADMIN, KH_SCOPE_NONE, "生成满意度问卷邀请", "create survey invitations")                  \
    X(SURVEY_LIST, "survey.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,               \
      "查看问卷邀请与回收情况", "list survey invitations and returns")                                \
    X(BALLOT_CREATE, "ballot.create", KH_ST_SETUP | KH_ST_EVALUATION, KH_RL_ADMIN, KH_SCOPE_NONE,    \
      "创建民主测评票", "create meeting ballots (民主测评)")                                                   \
    X(BALLOT_CLOSE, "ballot.close", KH_ST_OPEN, KH_RL_ADMIN, KH_SCOPE_NONE, "结束民主测评投票",        \
      "close meeting ballots")                                                                    \
    X(BALLOT_LIST, "ballot.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,               \
      "查看民主测评票及回收情况", "list meeting ballots and their returns")                          \
    X(BALLOT_SHOW, "ballot.show", KH_ST_ANY, KH_RL_ADMIN | KH_RL_VIEWER, KH_SCOPE_NONE,               \
      "查看民主测评票的分组计票", "show a ballot's tally per rater group")                            \
    X(BALLOT_SUBMIT, "ballot.submit", KH_ST_SETUP | KH_ST_EVALUATION, KH_RL_ADMIN, KH_SCOPE_NONE,       \
      "提交民主测评票（公众凭一次性二维码，无需登录；考核办代录纸质票）",                                              \
      "submit a ballot slip (the public by its one-time code; the office types in paper slips)")                            \
    X(RECTIFY_ADD, "rectify.add", KH_ST_FINAL, KH_RL_ADMIN, KH_SCOPE_NONE, "记录整改事项",              \
      "record rectification items")                                                               \
    X(RECTIFY_LIST, "rectify.list", KH_ST_ANY, KH_RL_ADMIN | KH_RL_UNIT | KH_RL_VIEWER,               \
      KH_SCOPE_OWN, "查看整改事项", "list rectification items")                                      \
    X(RECTIFY_CLOSE, "rectify.close", KH_ST_FINAL, KH_RL_ADMIN, KH_SCOPE_NONE, "关闭整改事项",         \
      "close rectification items")                                                                \
    X(RECTIFY_ANSWER, "rectify.answer", KH_ST_AGREEMENT, KH_RL_ADMIN | KH_RL_UNIT, KH_SCOPE_OWN,       \
      "在绩效协议中答复整改事项", "answer rectification items in the agreement")                      \
    X(TOKEN_CREATE, "token.create", KH_ST_NOCYCLE, KH_RL_ALL, KH_SCOPE_SELF, "创建 API 令牌",          \
      "create API tokens")

#define KH__ACTION_ENUM(name, code, states, roles, scope, zh, en) KH_ACT_##name,
enum kh_action { KH_ACTIONS(KH__ACTION_ENUM) KH_NACTIONS };
#undef KH__ACTION_ENUM

struct kh_action_rule {
    enum kh_action action;
    const char *code;           /* "cycle.advance" */
    unsigned states;            /* KH_ST_* */
    unsigned roles;             /* KH_RL_* */
    enum kh_scope scope;
    const char *zh, *en;
};
/* kh_action_rules[a] is the row of action a. */
extern const struct kh_action_rule kh_action_rules[KH_NACTIONS];
/* The action named code, or -1. */
int kh_action_parse(const char *code);

/*
 * The acting person, established once by kh_store_login (or, for a CLI on a
 * database whose built-in admin has no password yet, kh_store_actor_builtin)
 * and passed to every store operation.  Plain data: a web server copies it
 * out of the session for each request.
 */
struct kh_actor {
    char name[128];
    enum kh_role role;
    char unit[128];          /* role unit: the unit code it acts for */
    char department[128];    /* role reporter: the department whose leaves it reports */
    char rater[128];         /* role rater: its rater code (raters.csv) */
    enum kh_lang lang;       /* the user's preferred language */
};

/* What an action concerns, for scoped checks; NULL fields = not given. */
struct kh_authz_target {
    const char *unit;        /* a unit code */
    const char *leaf;        /* an indicator code (reporter: its department decides) */
    const char *rater;       /* a rater code */
    const char *user;        /* a user name (KH_SCOPE_SELF) */
};

/*
 * The guard every store entry point calls first.  c is the cycle concerned
 * (NULL for KH_ST_NOCYCLE actions; an action with KH_ST_SETUP |
 * KH_ST_NOCYCLE such as import accepts NULL = "no such cycle yet"); t may be
 * NULL when the action is not scoped.  Checks role, then state, then scope
 * (a leaf's department is looked up in cycle c).  Returns 0, or KH_EPERM /
 * KH_ESTATE with the message in err after auditing the refusal (see the
 * essay).  Safe to call inside a transaction: the refusal's audit record
 * is written after that transaction ends (store.c keeps it pending).
 */
int kh_authz_check(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                   const struct kh_cycle_row *c, const struct kh_authz_target *t,
                   struct kh_error *err);

/* Pure table lookups (no store): may a role perform the action at all, and
 * in state st (KH_STATE_NONE: ignoring states)?  For menus and the route
 * table, never instead of kh_authz_check. */
bool kh_authz_role_may(enum kh_role role, enum kh_action act);
bool kh_authz_state_allows(enum kh_action act, enum kh_cycle_state st);

/*
 * Authentication (store-user.c).  kh_store_login checks the password
 * (argon2id, libsodium crypto_pwhash_str) of an enabled user and fills out;
 * every failure is KH_EPERM with one message that does not tell which
 * names exist.  kh_store_actor_builtin gives the built-in `admin` that
 * init creates, but only while it has no password (a single-desk office
 * can start at once; once it has a password everyone must log in).
 */
int kh_store_login(struct kh_store *s, const char *user, const char *password,
                   struct kh_actor *out, struct kh_error *err);
int kh_store_actor_builtin(struct kh_store *s, struct kh_actor *out, struct kh_error *err);
/* The name written into audit records for a (NULL = "system"). */
const char *kh_actor_name(const struct kh_actor *a);

#endif
