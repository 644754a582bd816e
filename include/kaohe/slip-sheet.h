/*
 * slip-sheet.h — the printable sheet of 民主测评 ballot slips: one card per
 * slip with the rater group's label and colour, the unit's name, the QR
 * code of the slip's link and the link itself (for typing in), and no
 * identity of anybody.  A standalone HTML document (inline SVG, print CSS
 * for A4: 3 × 4 cards, cut lines) that a browser prints or saves as PDF;
 * `kaohe ballot --sheet` writes it, the web's ballot page serves it.
 */
#ifndef KAOHE_SLIP_SHEET_H
#define KAOHE_SLIP_SHEET_H

#include "kaohe/buf.h"
#include "kaohe/msg.h"

struct kh_slip {
    const char *group, *group_name, *link;
};

/* Append the sheet of n slips of the ballot of unit_name (cycle_name as
 * the heading's second line) to out, in language lang (the card's words
 * in Chinese first either way: the participants read Chinese).  Slips of
 * one group share a colour, in the order the groups first appear.
 * Returns 0, KH_EINVAL (a link too long for a QR code) or KH_ETOOBIG. */
int kh_slip_sheet_html(struct kh_buf *out, enum kh_lang lang, const char *cycle_name, const char *unit_name,
                       const struct kh_slip *slips, long n);

#endif
