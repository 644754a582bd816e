/*
 * msg-report.h — the messages of src/report: what can go wrong while
 * writing a printable report (pdf-report.h) or a workbook
 * (xlsx-results.h).  Conventions: msg.h.
 */
#ifndef KAOHE_MSG_REPORT_H
#define KAOHE_MSG_REPORT_H

#include "kaohe/msg.h"

#define KH_MSGS_REPORT(X)                                                                          \
    X(REPORT_PDF_WRITE, "无法写入 PDF 文件 {1}：{2}", "cannot write the PDF file {1}: {2}")          \
    X(REPORT_NO_UNIT, "考核周期 {2} 中没有单位 {1}", "cycle {2} has no unit {1}")                    \
    X(REPORT_NO_UNITS, "没有要输出报告的单位", "no unit to report on")                             \
    X(REPORT_NO_CADRE, "考核周期 {2} 中没有干部 {1}", "cycle {2} has no cadre {1}")                  \
    X(REPORT_NO_CADRES, "没有要输出考核表的干部", "no cadre to report on")                         \
    X(REPORT_NO_FONT, "缺少中文字体 {1}（请安装 fonts-noto-cjk）",                                  \
      "the Chinese font {1} is missing (install fonts-noto-cjk)")                                 \
    X(REPORT_STALE, "考核周期 {1} 的已存结果与当前数据不一致：请先运行 kaohe compute {1}",             \
      "the stored results of cycle {1} do not match its data: run kaohe compute {1} first")       \
    X(REPORT_XLSX_WRITE, "无法写入 Excel 文件 {1}：{2}", "cannot write the Excel file {1}: {2}")     \
    X(REPORT_XLSX_BAD_RESULT, "结果文件 {1} 无法读取：{2}", "the result file {1} cannot be read: {2}") \
    X(REPORT_XLSX_NO_COLUMN, "结果文件 {1} 第 {2} 行缺少列 {3}", "the result file {1} has no column {3} on line {2}") \
    X(REPORT_XLSX_TOO_BIG, "工作表 {1} 有 {2} 行，超过 Excel 的上限（1048576 行）",                   \
      "sheet {1} has {2} rows, more than Excel allows (1048576)")                                 \
    X(REPORT_NOT_COMPUTED, "考核周期 {1} 尚未计算结果：请先运行 kaohe compute {1}",                   \
      "cycle {1} has no results yet: run kaohe compute {1} first") \
    X(RESULTS_MKDIR, "无法创建输出目录：{1}", "cannot create the output folder: {1}") \
    X(RESULTS_UNLINK, "无法删除旧文件：{1}", "cannot remove the old file: {1}") \
    X(RESULTS_RENDER, "生成结果失败", "rendering the results failed")

KH_MSGS_REPORT(KH_MSG_EXTERN)

#endif
