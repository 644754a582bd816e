/*
 * msg-http.h — the messages of src/http (the web server and its API).
 * Conventions of every catalog: msg.h.  The ids are the stable `code` of
 * the API's error objects (docs/web.md).
 */
#ifndef KAOHE_MSG_HTTP_H
#define KAOHE_MSG_HTTP_H

#include "kaohe/msg.h"

#define KH_MSGS_HTTP(X)                                                                          \
    X(HTTP_NOT_FOUND, "页面不存在：{1}", "no such page: {1}")                                      \
    X(HTTP_METHOD, "{1} 不支持 {2} 请求", "{1} does not accept {2}")                               \
    X(HTTP_SIGN_IN, "请先登录", "please sign in first")                                           \
    X(HTTP_ROLE, "角色 {1} 无权打开 {2}", "role {1} may not open {2}")                              \
    X(HTTP_CSRF, "表单已过期或来源不明（缺少 CSRF 令牌），请刷新页面后重试",                            \
      "the form is stale or of unknown origin (missing CSRF token): reload the page and retry")   \
    X(HTTP_RATE_LIMIT, "登录失败次数过多，请 {1} 秒后再试", "too many failed sign-ins: retry in {1} seconds") \
    X(HTTP_BODY_TOO_BIG, "请求体超过 {1} 字节的上限", "the request body exceeds the limit of {1} bytes") \
    X(HTTP_BAD_JSON, "请求体不是 JSON 对象：{1}", "the request body is not a JSON object: {1}")       \
    X(HTTP_FIELD_MISSING, "缺少字段 {1}", "field {1} is missing")                                  \
    X(HTTP_PASTE_COLUMNS, "第 {1} 行：需要 {2} 列（{3}），实有 {4} 列",                               \
      "line {1}: {2} columns are needed ({3}), found {4}")                                       \
    X(HTTP_PASTE_LINE, "第 {1} 行：{2}", "line {1}: {2}")                                          \
    X(HTTP_PASTE_EMPTY, "没有粘贴任何数据", "nothing was pasted")                                  \
    X(HTTP_LISTEN_BAD, "--listen 需要 地址:端口（如 127.0.0.1:8080），而不是 {1}",                  \
      "--listen needs ADDRESS:PORT (such as 127.0.0.1:8080), not {1}")                          \
    X(HTTP_LISTEN_FAILED, "无法在 {1} 上监听：{2}", "cannot listen on {1}: {2}")                    \
    X(HTTP_TLS_BOTH, "--tls-cert 与 --tls-key 须同时给出", "--tls-cert and --tls-key go together")   \
    X(HTTP_NO_RESULTS_FILE, "没有结果表 {1}", "no result table {1}")                                \
    X(HTTP_SLIP_SHEET, "测评票页生成失败（票已生成，请结束此测评后重新生成）",                         \
      "the slip sheet could not be made (close this ballot and create it again)")                \
    X(HTTP_STABILITY_RUNS, "runs（模拟次数）须为 1 到 {1} 的整数，而不是 {2}",                       \
      "runs (the number of runs) must be an integer from 1 to {1}, not {2}")                     \
    X(HTTP_STABILITY_DELTA, "delta（权重扰动幅度）须在 [0, 1) 之内，而不是 {1}",                     \
      "delta (how far weights move) must lie in [0, 1), not {1}")                                \
    X(HTTP_STABILITY_SEED, "seed（随机种子）须为非负整数（64 位），而不是 {1}",                       \
      "seed must be a non-negative 64-bit integer, not {1}")

KH_MSGS_HTTP(KH_MSG_EXTERN)

#endif
