/*
 * qr.h — a QR code as SVG (libqrencode), for printed survey invitations
 * and ballot slips: vector, so it prints sharp at any size, and embeddable
 * in an HTML page (an <svg> element is markup, not script: the CSP allows it).
 */
#ifndef KAOHE_QR_H
#define KAOHE_QR_H

struct kh_buf;

/* Append an <svg> element of the QR code of text (error correction M,
 * a 4-module quiet zone), `size` CSS pixels square.  Returns 0, KH_EINVAL
 * when text cannot be encoded (too long), or KH_ETOOBIG (buffer cap). */
int kh_qr_svg(const char *text, int size, struct kh_buf *out);

#endif
