/*
 * authz-matrix.h — the permission table of authz.h as a document.
 *
 * docs/workflow.md carries the matrix between the lines
 * "<!-- authz-matrix:begin -->" and "<!-- authz-matrix:end -->", pasted from
 * `kaohe authz` (this renderer); tests/cli/t0490-authz-matrix.sh fails when
 * the document and the table disagree, so the table in authz.h stays the one
 * copy and the document can never describe an older rule.
 */
#ifndef KAOHE_AUTHZ_MATRIX_H
#define KAOHE_AUTHZ_MATRIX_H

#include "kaohe/buf.h"
#include "kaohe/msg.h"

/*
 * Append the matrix as a Markdown table to out: one row per action (its code
 * and description in lang), one column per role ("✓" allowed, "own" allowed
 * for its own unit / department's leaves / ratings only, "–" refused), and the
 * states in which it is allowed ("—" for actions outside a cycle).  Pure: the
 * same table gives the same bytes.
 */
void kh_authz_matrix_render(enum kh_lang lang, struct kh_buf *out);

#endif
