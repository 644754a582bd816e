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
    X(ZIP_TOO_BIG, "zip 内容过大（最多 64 个文件、共 1 GiB）", "the zip is too large (at most 64 files, 1 GiB in all)") \
    X(XLSX_NOT_ZIP, "不是 xlsx 工作簿（无法作为 zip 打开）：{1}", "not an xlsx workbook (not a zip file): {1}") \
    X(XLSX_PART_MISSING, "工作簿缺少部件 {1}", "the workbook has no part {1}") \
    X(XLSX_PART_TOO_BIG, "部件 {1} 解压后超过 {2} 字节", "part {1} is larger than {2} bytes uncompressed") \
    X(XLSX_TOO_BIG, "工作簿解压后超过 {1} 字节", "the workbook is larger than {1} bytes uncompressed") \
    X(XLSX_PART_READ, "无法读取部件 {1}：{2}", "cannot read part {1}: {2}") \
    X(XLSX_XML, "{1} 第 {2} 行：XML 错误：{3}", "{1} line {2}: XML error: {3}") \
    X(XLSX_DOCTYPE, "{1} 第 {2} 行：不接受 DOCTYPE 声明", "{1} line {2}: DOCTYPE is not accepted") \
    X(XLSX_TOO_MANY, "{1}：条目过多", "{1}: too many entries") \
    X(XLSX_CELL_TOO_BIG, "{1}：单元格超过 1 MiB", "{1}: a cell larger than 1 MiB") \
    X(XLSX_SHEET_REL, "工作表 {1} 的关系 {2} 不存在", "sheet {1}: relationship {2} not found") \
    X(XLSX_BAD_ROW, "{1} 第 {2} 行：行号 “{3}” 无效或未递增", "{1} line {2}: row number “{3}” invalid or not increasing") \
    X(XLSX_BAD_REF, "{1} 第 {2} 行：单元格引用 “{3}” 无效或未递增", "{1} line {2}: cell reference “{3}” invalid or not increasing") \
    X(XLSX_SST_INDEX, "共享字符串序号 “{3}” 超出范围（共 {4} 个；{1} 第 {2} 行）", "shared string index “{3}” out of range ({4} strings; {1} line {2})") \
    X(XLSX_BAD_NUMBER, "数值 “{3}” 无效（{1} 第 {2} 行）", "invalid number “{3}” ({1} line {2})") \
    X(XLSX_UNKNOWN_SHEET, "未知工作表（工作表名应为数据包文件名，如 values 或 数据）", "unknown sheet (a sheet is named after a bundle file, e.g. values or 数据)") \
    X(XLSX_DUP_SHEET, "工作表重复：与 {1} 同为 {2}", "duplicate sheet: {1} is {2} too") \
    X(XLSX_MISSING_SHEET, "缺少必需工作表", "missing required sheet") \
    X(XLSX_OUTSIDE_HEADER, "单元格在表头之外（该列无表头）", "cell outside the header's columns (no header above it)")

KH_MSGS_UTIL(KH_MSG_EXTERN)

#endif
