/*
 * msg-cli.h — the messages of src/cli: the usage errors of the argument
 * parser (src/cli/args.c) and the commands' own refusals.  Conventions of
 * every catalog: msg.h.  The objects are defined in src/cli/msg-cli.c,
 * which the build puts in the library (CMakeLists.txt) so the catalog test
 * sees them with all the others.
 */
#ifndef KAOHE_MSG_CLI_H
#define KAOHE_MSG_CLI_H

#include "kaohe/msg.h"

#define KH_MSGS_CLI(X)                                                                             \
    X(CLI_UNKNOWN_OPTION, "未知选项 {1}", "unknown option {1}")                                      \
    X(CLI_NEEDS_VALUE, "选项 {1} 需要一个值", "option {1} needs a value")                             \
    X(CLI_NO_VALUE, "选项 {1} 不带值", "option {1} takes no value")                                  \
    X(CLI_TOO_FEW, "参数太少：至少需要 {1} 个", "too few arguments: at least {1} needed")             \
    X(CLI_TOO_MANY, "参数太多：至多 {1} 个（多出的是 {2}）", "too many arguments: at most {1} ({2} is one too many)") \
    X(CLI_SEE_HELP, "用 --help 查看用法。", "see --help for usage.")                                 \
    X(CLI_TABLE_HEADER, "表头至少要有单位列和一个指标列",                                             \
      "the header needs the unit column and at least one criterion")                              \
    X(CLI_TABLE_EMPTY_CODE, "第 {1} 列指标编码为空", "criterion code of column {1} is empty")          \
    X(CLI_TABLE_REPEATED_CODE, "指标编码重复", "criterion code repeated")                            \
    X(CLI_TABLE_CELLS, "有 {1} 个单元格，表头有 {2} 个", "{1} cells where the header has {2}")         \
    X(CLI_TABLE_NOT_NUMBER, "“{1}” 不是数值", "'{1}' is not a number")                              \
    X(CLI_TABLE_MISSING, "缺少数值", "missing value")                                               \
    X(CLI_TABLE_NO_ROWS, "没有数据行", "no data rows")                                              \
    X(CLI_PASSWORDS_DIFFER, "两次输入的密码不同", "the passwords differ")                             \
    X(CLI_NEW_PASSWORD, "需要新密码：KAOHE_NEW_PASSWORD 或终端",                                     \
      "a new password is needed: KAOHE_NEW_PASSWORD or a terminal")

KH_MSGS_CLI(KH_MSG_EXTERN)

#endif
