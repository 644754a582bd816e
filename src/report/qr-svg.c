/*
 * qr-svg.c — QR codes as SVG (qr.h).  One <path> of unit squares, one
 * "M x y h1 v1 h-1 z" per dark module, in module coordinates scaled by the
 * viewBox, so the file is small and the renderer does the scaling.
 */
#include <qrencode.h>
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/qr.h"

int kh_qr_svg(const char *text, int size, struct kh_buf *out)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (q == NULL)
        return KH_EINVAL;
    int w = q->width, quiet = 4, n = w + 2 * quiet;
    int rc = kh_buf_printf(out,
                           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                           "shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                           "<path fill=\"#000\" d=\"",
                           n, n, size, size, n, n);
    for (int y = 0; y < w && rc == 0; y++)
        for (int x = 0; x < w && rc == 0; x++)
            if (q->data[y * w + x] & 1)
                rc = kh_buf_printf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
    if (rc == 0)
        rc = kh_buf_puts(out, "\"/></svg>");
    QRcode_free(q);
    return rc;
}
