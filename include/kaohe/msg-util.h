/*
 * msg-util.h — the messages of src/util (files, CSV, encodings).
 * Conventions of every catalog: msg.h.
 */
#ifndef KAOHE_MSG_UTIL_H
#define KAOHE_MSG_UTIL_H

#include "kaohe/msg.h"

#define KH_MSGS_UTIL(X)                                                                       \
    X(FILE_OPEN, "无法打开文件：{1}", "cannot open the file: {1}")                             \
    X(FILE_TOO_LARGE, "文件过大", "file too large")                                           \
    X(FILE_READ, "读取失败：{1}", "read error: {1}")                                          \
    X(FILE_CREATE, "无法写入文件：{1}", "cannot write the file: {1}")                          \
    X(FILE_WRITE, "写入失败：{1}", "write error: {1}")                                        \
    X(CSV_UNTERMINATED_QUOTE, "引号未闭合", "unterminated quote")                             \
    X(CSV_TEXT_AFTER_QUOTE, "右引号后有多余字符", "text after the closing quote")              \
    X(CSV_CELL_TOO_BIG, "单元格超过 1 MiB", "cell larger than 1 MiB")                         \
    X(ENC_UNSUPPORTED, "不支持的编码 {1}", "unsupported encoding {1}")                         \
    X(ENC_INVALID_BYTES, "第 {1} 字节不是有效的 {2} 编码", "invalid {2} bytes at byte {1}")\
    X(ENC_BAD_AFTER_BOM, "带 UTF-8 BOM 但含无效字节", "invalid UTF-8 after a BOM") \
    X(ZIP_BAD, "不是有效的 zip 文件：{1}", "not a valid zip file: {1}")                           \
    X(ZIP_ENTRY_NAME, "zip 中的 {1} 不是数据包文件（只接受同一文件夹中的 .csv 文件）",            \
      "{1} in the zip is not a bundle file (only .csv files of one folder are accepted)")         \
    X(ZIP_TOO_BIG, "zip 内容过大（最多 64 个文件、共 1 GiB）", "the zip is too large (at most 64 files, 1 GiB in all)")

KH_MSGS_UTIL(KH_MSG_EXTERN)

#endif
