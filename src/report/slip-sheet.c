/*
 * slip-sheet.c — the printable sheet of ballot slips (slip-sheet.h).
 *
 * Layout: A4 portrait, 12 cards a page (3 columns × 4 rows, 63 × 68 mm),
 * dashed borders to cut along.  A card: a band in the group's colour with
 * the group's name (so the staff hand each group its own colour, as on
 * paper 测评票), the unit, what the slip is for, the QR code (34 mm: a
 * phone camera reads it from arm's length) and the link in small type.
 * The palette has eight colours that stay distinct when printed in
 * grey (different lightness), repeated beyond eight groups; the label,
 * not the colour, is what identifies a group.
 */
#include <stdbool.h>
#include <string.h>
#include "kaohe/html.h"
#include "kaohe/qr.h"
#include "kaohe/slip-sheet.h"

static const char *const palette[] = {"#b71c1c", "#0d47a1", "#1b5e20", "#e65100",
                                      "#4a148c", "#006064", "#827717", "#3e2723"};

int kh_slip_sheet_html(struct kh_buf *out, enum kh_lang lang, const char *cycle_name, const char *unit_name,
                       const struct kh_slip *slips, long n)
{
    bool en = lang == KH_LANG_EN;
    int rc = kh_html_put(out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%T %T</title>\n<style>\n"
        "@page { size: A4 portrait; margin: 10mm; }\n"
        "body { font-family: sans-serif; margin: 0; color: #000; }\n"
        "h1 { font-size: 14pt; margin: 0 0 2mm; } p.note { font-size: 9pt; margin: 0 0 4mm; }\n"
        ".sheet { display: grid; grid-template-columns: repeat(3, 63mm); grid-auto-rows: 68mm; gap: 0; }\n"
        ".slip { border: 1px dashed #888; padding: 2mm; box-sizing: border-box; text-align: center;"
        " break-inside: avoid; overflow: hidden; }\n"
        ".band { color: #fff; font-weight: bold; font-size: 11pt; padding: 1mm; border-radius: 1mm; }\n"
        ".unit { font-size: 11pt; font-weight: bold; margin-top: 1mm; }\n"
        ".what { font-size: 8pt; } .link { font-size: 6pt; word-break: break-all; color: #333; }\n"
        ".slip svg { width: 34mm; height: 34mm; display: block; margin: 1mm auto; }\n"
        "@media print { .noprint { display: none; } }\n"
        "</style>\n</head>\n<body>\n<h1>%T · %T</h1>\n<p class=\"note noprint\">%T</p>\n<div class=\"sheet\">\n",
        en ? "Ballot slips" : "民主测评票", unit_name, unit_name, cycle_name,
        en ? "Print now (Ctrl-P), cut along the dashed lines, hand each group its own slips. These links are not "
             "shown again; a slip names no one."
           : "请立即打印（Ctrl-P），沿虚线裁开，按评价组分发。这些链接不会再次显示；票上不含任何个人信息。");
    const char *seen[sizeof palette / sizeof palette[0] * 4];
    size_t nseen = 0;
    for (long i = 0; rc == 0 && i < n; i++) {
        size_t g = 0;
        while (g < nseen && strcmp(seen[g], slips[i].group) != 0)
            g++;
        if (g == nseen && nseen < sizeof seen / sizeof seen[0])
            seen[nseen++] = slips[i].group;
        const char *name = slips[i].group_name && slips[i].group_name[0] ? slips[i].group_name : slips[i].group;
        rc = kh_html_put(out, "<div class=\"slip\" data-group=\"%A\"><div class=\"band\" style=\"background:%R\">%T</div>"
                              "<div class=\"unit\">%T</div><div class=\"what\">%T</div>",
                         slips[i].group, palette[g % (sizeof palette / sizeof palette[0])], name, unit_name,
                         "民主测评 · 扫码投票 · 匿名 · 每票一次 / scan to vote · anonymous · once");
        if (rc == 0)
            rc = kh_qr_svg(slips[i].link, 128, out);
        if (rc == 0)
            rc = kh_html_put(out, "<div class=\"link\">%T</div></div>\n", slips[i].link);
    }
    if (rc == 0)
        rc = kh_html_put(out, "</div>\n</body>\n</html>\n");
    return rc;
}
