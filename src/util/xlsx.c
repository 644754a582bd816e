/*
 * xlsx.c — the cells of an .xlsx workbook, read with libzip and expat
 * (xlsx.h has the contract and the cell rules).
 *
 * Every part is streamed: zip_fread hands 64 KiB at a time to an expat
 * parser, so no part is ever held whole, and the caps count the bytes that
 * actually came out of the inflater — a zip bomb or a lying size header is
 * stopped at the cap, not after it.  Parsers are namespace-aware
 * (XML_ParserCreateNS with '|') and elements and attributes are matched on
 * their local name only, so transitional and strict OOXML, and any prefix
 * a producer picks, read the same.  A DOCTYPE stops the parser: OOXML has
 * none, and refusing it is what keeps entity expansion out.
 *
 * Layout of what is kept.  The workbook keeps its sheets (name, hidden,
 * part), the shared strings (one text buffer, an offset per string) and one
 * flag per cell format (xf) saying "this format shows a date".  A sheet read
 * keeps only its non-empty cells (struct kh_xlsx_sheet), so a sheet with a
 * formatted but empty million-row column costs nothing.
 *
 * Handlers never longjmp: an error records the first failure in struct
 * xml and calls XML_StopParser; the part loop then returns that failure.
 */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include "kaohe/error.h"
#include "kaohe/msg-util.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"
#include "kaohe/xlsx.h"

#define MAX_ROW 1048576u
#define MAX_COL 16384u
#define MAX_STRINGS ((size_t)1 << 24)
#define MAX_XFS ((size_t)1 << 16)
#define MAX_SHEETS 1024

struct sheet_entry {
    char *name;
    char *rid;
    char *part;
    bool hidden;
};

struct rel {
    char *id, *target, *type;
};

struct kh_xlsx {
    zip_t *zip;
    size_t total;                 /* bytes inflated so far, every part */
    bool date1904;
    char *wbpart;                 /* e.g. "xl/workbook.xml" */
    struct sheet_entry *sheets;
    size_t nsheets, sheets_cap;
    size_t *sst;                  /* offsets into sst_text */
    size_t nsst, sst_cap;
    struct kh_buf sst_text;
    bool *xf_date;                /* per cellXfs entry: a date format */
    size_t nxf, xf_cap;
    uint32_t *date_fmts;          /* custom numFmtIds that are dates */
    size_t ndate_fmts, date_fmts_cap;
};

/* ---- one XML part through expat ---- */

struct xml {
    struct kh_xlsx *x;
    const char *part;
    XML_Parser p;
    struct kh_error *err;
    int rc;                       /* the first handler failure, else 0 */
    void *ud;
};

/* The local part of a namespaced name "uri|local". */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

/* The attribute whose local name is `name`, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static long xml_line(const struct xml *m)
{
    return (long)XML_GetCurrentLineNumber(m->p);
}

/* Record rc (the first failure wins) and stop the parser. */
static void xml_stop(struct xml *m, int rc)
{
    if (m->rc == 0)
        m->rc = rc;
    XML_StopParser(m->p, XML_FALSE);
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    struct xml *m = ud;
    char line[24];
    xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_DOCTYPE, m->part, kh_arg_long(line, xml_line(m))));
}

/*
 * Stream part `name` of x through expat with the given handlers (ud in
 * m->ud).  Returns 0; 1 when the part is absent and not required; or
 * KH_EINVAL with err set (missing, too big, unreadable, malformed, or a
 * handler's failure).
 */
static int part_parse(struct kh_xlsx *x, const char *name, bool required,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars, void *ud, struct kh_error *err)
{
    zip_int64_t idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return required ? KH_ERR(err, KH_EINVAL, XLSX_PART_MISSING, name) : 1;
    char cap[24], line[24];
    zip_stat_t st;
    if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > KH_XLSX_PART_MAX)
        return KH_ERR(err, KH_EINVAL, XLSX_PART_TOO_BIG, name, kh_arg_size(cap, KH_XLSX_PART_MAX));
    zip_file_t *f = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
    if (f == NULL)
        return KH_ERR(err, KH_EINVAL, XLSX_PART_READ, name, zip_strerror(x->zip));
    struct xml m = {.x = x, .part = name, .err = err, .ud = ud};
    m.p = XML_ParserCreateNS(NULL, '|');
    if (m.p == NULL)
        abort();
    XML_SetUserData(m.p, &m);
    XML_SetElementHandler(m.p, start, end);
    XML_SetCharacterDataHandler(m.p, chars);
    XML_SetStartDoctypeDeclHandler(m.p, on_doctype);
    int rc = 0;
    size_t seen = 0;
    char buf[65536];
    zip_int64_t got;
    for (;;) {
        got = zip_fread(f, buf, sizeof buf);
        if (got < 0) {
            rc = KH_ERR(err, KH_EINVAL, XLSX_PART_READ, name, zip_file_strerror(f));
            break;
        }
        seen += (size_t)got;
        if (seen > KH_XLSX_PART_MAX) {
            rc = KH_ERR(err, KH_EINVAL, XLSX_PART_TOO_BIG, name, kh_arg_size(cap, KH_XLSX_PART_MAX));
            break;
        }
        if (x->total + seen > KH_XLSX_TOTAL_MAX) {
            rc = KH_ERR(err, KH_EINVAL, XLSX_TOO_BIG, kh_arg_size(cap, KH_XLSX_TOTAL_MAX));
            break;
        }
        if (XML_Parse(m.p, buf, (int)got, got == 0) != XML_STATUS_OK) {
            rc = m.rc ? m.rc
                      : KH_ERR(err, KH_EINVAL, XLSX_XML, name, kh_arg_long(line, xml_line(&m)),
                               XML_ErrorString(XML_GetErrorCode(m.p)));
            break;
        }
        if (got == 0)
            break;
    }
    x->total += seen;
    XML_ParserFree(m.p);
    zip_fclose(f);
    return rc;
}

/* ---- text helpers ---- */

/* A part name: target resolved against the folder of the part `base`
 * ("xl/workbook.xml" + "worksheets/sheet1.xml"; "/xl/…" is absolute), with
 * "." and ".." segments removed.  Caller frees. */
static char *resolve_target(const char *base, const char *target)
{
    struct kh_buf path = KH_BUF_INIT;
    if (target[0] != '/') {
        const char *slash = strrchr(base, '/');
        if (slash)
            kh_buf_append(&path, base, (size_t)(slash - base) + 1);
    }
    kh_buf_puts(&path, target[0] == '/' ? target + 1 : target);
    /* normalise segment by segment into out */
    char *in = kh_buf_detach(&path, NULL), *out = kh_xmalloc(strlen(in) + 1);
    size_t n = 0;
    for (char *seg = in, *next; seg != NULL; seg = next) {
        next = strchr(seg, '/');
        if (next)
            *next++ = '\0';
        if (seg[0] == '\0' || strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
            continue;
        }
        if (n > 0)
            out[n++] = '/';
        size_t l = strlen(seg);
        memcpy(out + n, seg, l);
        n += l;
    }
    out[n] = '\0';
    free(in);
    return out;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Decode the _xHHHH_ escapes of OOXML strings (ST_Xstring: a control
 * character such as CR is stored as _x000D_, a literal "_x" as _x005F_x) in
 * place; b's length shrinks.  U+0000 and surrogates stay as written: a NUL
 * would cut a C string, and a lone surrogate is not a character.
 */
static void decode_escapes(struct kh_buf *b)
{
    if (b->data == NULL || memchr(b->data, '_', b->len) == NULL)
        return;
    char *s = b->data;
    size_t r = 0, w = 0;
    while (r < b->len) {
        unsigned cp = 0;
        bool esc = r + 7 <= b->len && s[r] == '_' && s[r + 1] == 'x' && s[r + 6] == '_';
        for (int i = 2; esc && i < 6; i++) {
            int h = hexval(s[r + (size_t)i]);
            esc = h >= 0;
            cp = cp << 4 | (unsigned)(h < 0 ? 0 : h);
        }
        if (esc && (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)))
            esc = false;
        if (!esc) {
            s[w++] = s[r++];
            continue;
        }
        if (cp < 0x80) {
            s[w++] = (char)cp;
        } else if (cp < 0x800) {
            s[w++] = (char)(0xC0 | cp >> 6);
            s[w++] = (char)(0x80 | (cp & 0x3F));
        } else {
            s[w++] = (char)(0xE0 | cp >> 12);
            s[w++] = (char)(0x80 | (cp >> 6 & 0x3F));
            s[w++] = (char)(0x80 | (cp & 0x3F));
        }
        r += 7;
    }
    b->len = w;
    s[w] = '\0';
}

/* Append character data to acc; past the cell cap, fail the parse. */
static void collect(struct xml *m, struct kh_buf *acc, const XML_Char *s, int len)
{
    if (kh_buf_append(acc, s, (size_t)len) != 0)
        xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_CELL_TOO_BIG, m->part));
}

/* ---- _rels/.rels and the workbook's relationships ---- */

struct rels_ctx {
    struct rel *v;
    size_t n, cap;
};

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml *m = ud;
    struct rels_ctx *c = m->ud;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target"), *type = attr(atts, "Type");
    const char *mode = attr(atts, "TargetMode");
    if (id == NULL || target == NULL || type == NULL || (mode && strcmp(mode, "External") == 0))
        return;
    if (c->n >= MAX_SHEETS * 4) {
        xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_TOO_MANY, m->part));
        return;
    }
    KH_GROW(c->v, c->n + 1, c->cap);
    c->v[c->n].id = kh_xstrdup(id);
    c->v[c->n].target = kh_xstrdup(target);
    c->v[c->n].type = kh_xstrdup(type);
    c->n++;
}

static void rels_release(struct rels_ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].id);
        free(c->v[i].target);
        free(c->v[i].type);
    }
    free(c->v);
}

/* Whether a relationship type URI ends in "/kind". */
static bool rel_is(const struct rel *r, const char *kind)
{
    size_t t = strlen(r->type), k = strlen(kind);
    return t > k && r->type[t - k - 1] == '/' && strcmp(r->type + t - k, kind) == 0;
}

/* ---- xl/workbook.xml ---- */

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml *m = ud;
    struct kh_xlsx *x = m->x;
    const char *l = local(name);
    if (strcmp(l, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        x->date1904 = d && (strcmp(d, "1") == 0 || strcasecmp(d, "true") == 0);
    } else if (strcmp(l, "sheet") == 0) {
        const char *sname = attr(atts, "name"), *rid = attr(atts, "id"), *state = attr(atts, "state");
        if (sname == NULL || rid == NULL) {
            char line[24];
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_XML, m->part, kh_arg_long(line, xml_line(m)),
                               "<sheet> without name or r:id"));
            return;
        }
        if (x->nsheets >= MAX_SHEETS) {
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_TOO_MANY, m->part));
            return;
        }
        KH_GROW(x->sheets, x->nsheets + 1, x->sheets_cap);
        struct sheet_entry *e = &x->sheets[x->nsheets++];
        e->name = kh_xstrdup(sname);
        e->rid = kh_xstrdup(rid);
        e->part = NULL;
        e->hidden = state && strcmp(state, "visible") != 0;
    }
}

/* ---- xl/sharedStrings.xml ---- */

struct sst_ctx {
    struct kh_buf acc;
    bool in_si, in_t;
    int phonetic;                 /* depth inside <rPh> */
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct xml *m = ud;
    struct sst_ctx *c = m->ud;
    const char *l = local(name);
    if (strcmp(l, "si") == 0) {
        c->in_si = true;
        kh_buf_reset(&c->acc);
    } else if (strcmp(l, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(l, "t") == 0 && c->in_si && c->phonetic == 0) {
        c->in_t = true;
    }
}

static void sst_end(void *ud, const XML_Char *name)
{
    struct xml *m = ud;
    struct sst_ctx *c = m->ud;
    struct kh_xlsx *x = m->x;
    const char *l = local(name);
    if (strcmp(l, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(l, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(l, "si") == 0 && c->in_si) {
        c->in_si = false;
        if (x->nsst >= MAX_STRINGS) {
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_TOO_MANY, m->part));
            return;
        }
        decode_escapes(&c->acc);
        KH_GROW(x->sst, x->nsst + 1, x->sst_cap);
        x->sst[x->nsst++] = x->sst_text.len;
        if (kh_buf_append(&x->sst_text, kh_buf_cstr(&c->acc), c->acc.len + 1) != 0)
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_TOO_MANY, m->part));
    }
}

static void sst_chars(void *ud, const XML_Char *s, int len)
{
    struct xml *m = ud;
    struct sst_ctx *c = m->ud;
    if (c->in_t)
        collect(m, &c->acc, s, len);
}

/* ---- xl/styles.xml: which cell formats are dates ---- */

/*
 * Whether a custom number format shows a date: after dropping quoted text,
 * [..] sections (colours, locales, elapsed time), backslash escapes and the
 * character after _ or *, it has y or d, or m with neither h nor s (m next
 * to h or s means minutes).
 */
static bool format_is_date(const char *f)
{
    bool y = false, d = false, mo = false, hs = false;
    for (const char *p = f; *p; p++) {
        switch (*p) {
        case '"':
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            break;
        case '[':
            while (p[1] && p[1] != ']')
                p++;
            if (p[1])
                p++;
            break;
        case '\\': case '_': case '*':
            if (p[1])
                p++;
            break;
        case 'y': case 'Y': y = true; break;
        case 'd': case 'D': d = true; break;
        case 'm': case 'M': mo = true; break;
        case 'h': case 'H': case 's': case 'S': hs = true; break;
        default: break;
        }
    }
    return y || d || (mo && !hs);
}

/* Built-in formats that show a date: 14–17 and 22, and the ones Excel
 * defines for Chinese locales (27–36, 50–58, e.g. yyyy"年"m"月"d"日"). */
static bool builtin_is_date(unsigned long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

struct styles_ctx {
    int in_cellxfs;
};

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml *m = ud;
    struct styles_ctx *c = m->ud;
    struct kh_xlsx *x = m->x;
    const char *l = local(name);
    const char *ids = attr(atts, "numFmtId");
    unsigned long id = ids ? strtoul(ids, NULL, 10) : 0;
    if (strcmp(l, "cellXfs") == 0) {
        c->in_cellxfs++;
    } else if (strcmp(l, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");
        if (ids && code && format_is_date(code) && x->ndate_fmts < MAX_XFS) {
            KH_GROW(x->date_fmts, x->ndate_fmts + 1, x->date_fmts_cap);
            x->date_fmts[x->ndate_fmts++] = (uint32_t)id;
        }
    } else if (strcmp(l, "xf") == 0 && c->in_cellxfs) {
        if (x->nxf >= MAX_XFS) {
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_TOO_MANY, m->part));
            return;
        }
        bool date = builtin_is_date(id);
        for (size_t i = 0; !date && i < x->ndate_fmts; i++)
            date = x->date_fmts[i] == id;
        KH_GROW(x->xf_date, x->nxf + 1, x->xf_cap);
        x->xf_date[x->nxf++] = date;
    }
}

static void styles_end(void *ud, const XML_Char *name)
{
    struct xml *m = ud;
    struct styles_ctx *c = m->ud;
    if (strcmp(local(name), "cellXfs") == 0)
        c->in_cellxfs--;
}

static void no_chars(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s, (void)len;
}

/* ---- opening ---- */

/* The relationships part of part `p` ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
static char *rels_of(const char *p)
{
    const char *slash = strrchr(p, '/');
    size_t dir = slash ? (size_t)(slash - p) + 1 : 0;
    char *r = kh_xmalloc(strlen(p) + 12);
    memcpy(r, p, dir);
    sprintf(r + dir, "_rels/%s.rels", p + dir);
    return r;
}

static int open_parts(struct kh_xlsx *x, struct kh_error *err)
{
    struct rels_ctx top = {0}, wb = {0};
    struct sst_ctx sc = {.acc = KH_BUF_INIT};
    struct styles_ctx stc = {0};
    char *wbrels = NULL, *sst_part = NULL, *styles_part = NULL;
    int rc = part_parse(x, "_rels/.rels", false, rels_start, NULL, no_chars, &top, err);
    if (rc < 0)
        goto out;
    for (size_t i = 0; i < top.n && x->wbpart == NULL; i++)
        if (rel_is(&top.v[i], "officeDocument"))
            x->wbpart = resolve_target("", top.v[i].target);
    if (x->wbpart == NULL)
        x->wbpart = kh_xstrdup("xl/workbook.xml");
    if ((rc = part_parse(x, x->wbpart, true, workbook_start, NULL, no_chars, NULL, err)) < 0)
        goto out;
    wbrels = rels_of(x->wbpart);
    if ((rc = part_parse(x, wbrels, true, rels_start, NULL, no_chars, &wb, err)) < 0)
        goto out;
    for (size_t i = 0; i < wb.n; i++) {
        if (rel_is(&wb.v[i], "sharedStrings") && sst_part == NULL)
            sst_part = resolve_target(x->wbpart, wb.v[i].target);
        else if (rel_is(&wb.v[i], "styles") && styles_part == NULL)
            styles_part = resolve_target(x->wbpart, wb.v[i].target);
    }
    for (size_t s = 0; s < x->nsheets; s++) {
        for (size_t i = 0; i < wb.n && x->sheets[s].part == NULL; i++)
            if (strcmp(wb.v[i].id, x->sheets[s].rid) == 0)
                x->sheets[s].part = resolve_target(x->wbpart, wb.v[i].target);
        if (x->sheets[s].part == NULL) {
            rc = KH_ERR(err, KH_EINVAL, XLSX_SHEET_REL, x->sheets[s].name, x->sheets[s].rid);
            goto out;
        }
    }
    kh_buf_init(&sc.acc, KH_XLSX_CELL_MAX);
    if (sst_part && (rc = part_parse(x, sst_part, true, sst_start, sst_end, sst_chars, &sc, err)) < 0)
        goto out;
    if (styles_part &&
        (rc = part_parse(x, styles_part, true, styles_start, styles_end, no_chars, &stc, err)) < 0)
        goto out;
    rc = 0;
out:
    rels_release(&top);
    rels_release(&wb);
    kh_buf_release(&sc.acc);
    free(wbrels);
    free(sst_part);
    free(styles_part);
    return rc;
}

int kh_xlsx_open(const void *data, size_t len, struct kh_xlsx **out, struct kh_error *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (z == NULL) {
        int rc = KH_ERR(err, KH_EINVAL, XLSX_NOT_ZIP, zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    struct kh_xlsx *x = kh_xcalloc(1, sizeof *x);
    x->zip = z;
    kh_buf_init(&x->sst_text, KH_XLSX_PART_MAX);
    int rc = open_parts(x, err);
    if (rc != 0) {
        kh_xlsx_close(x);
        return rc;
    }
    *out = x;
    return 0;
}

void kh_xlsx_close(struct kh_xlsx *x)
{
    if (x == NULL)
        return;
    zip_discard(x->zip);   /* also frees the source */
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].rid);
        free(x->sheets[i].part);
    }
    free(x->sheets);
    free(x->wbpart);
    free(x->sst);
    kh_buf_release(&x->sst_text);
    free(x->xf_date);
    free(x->date_fmts);
    free(x);
}

size_t kh_xlsx_nsheets(const struct kh_xlsx *x)
{
    return x->nsheets;
}

const char *kh_xlsx_sheet_name(const struct kh_xlsx *x, size_t i)
{
    return x->sheets[i].name;
}

bool kh_xlsx_sheet_hidden(const struct kh_xlsx *x, size_t i)
{
    return x->sheets[i].hidden;
}

char *kh_xlsx_colname(uint32_t col, char buf[8])
{
    char tmp[8];
    int n = 0;
    uint32_t c = col + 1;
    while (c > 0 && n < 7) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* ---- a worksheet ---- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE };

struct sheet_ctx {
    struct kh_xlsx_sheet *s;
    const char *sheet;            /* its name, for messages */
    uint32_t row;                 /* current row, 0 before the first */
    uint32_t next_col;            /* column of a cell without r= */
    bool row_stored;              /* the current row has a kh_xlsx_row */
    bool in_data, in_cell, in_v, in_is, in_t;
    int phonetic;
    uint32_t col;
    enum cell_type type;
    bool date;
    struct kh_buf acc;
};

/* Parse "AB12" into col (0-based) and row; false when invalid. */
static bool parse_ref(const char *ref, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, r = 0;
    const char *p = ref;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
        if (c > MAX_COL)
            return false;
    }
    if (p == ref || *p < '1' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        r = r * 10 + (uint32_t)(*p - '0');
        if (r > MAX_ROW)
            return false;
    }
    if (*p != '\0')
        return false;
    *col = c - 1;
    *row = r;
    return true;
}

/* Fail the parse with a cell-located message: file = sheet name, line =
 * row, column = letters (struct kh_error's place), and the part's line. */
static void cell_fail(struct xml *m, const struct kh_msg *msg, const char *a1, const char *a2)
{
    struct sheet_ctx *c = m->ud;
    char col[8], line[24];
    kh_xlsx_colname(c->col, col);
    xml_stop(m, kh_error_msg(m->err, KH_EINVAL, c->sheet, (long)c->row, col, msg, m->part,
                             kh_arg_long(line, xml_line(m)), a1, a2, (const char *)NULL));
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct xml *m = ud;
    struct sheet_ctx *c = m->ud;
    const char *l = local(name);
    char line[24];
    if (strcmp(l, "sheetData") == 0) {
        c->in_data = true;
    } else if (!c->in_data) {
        return;
    } else if (strcmp(l, "row") == 0) {
        const char *r = attr(atts, "r");
        char *end = NULL;
        unsigned long n = r ? strtoul(r, &end, 10) : (unsigned long)c->row + 1;
        if ((r && (*end != '\0' || r[0] < '1' || r[0] > '9')) || n > MAX_ROW || n <= c->row) {
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_BAD_ROW, m->part,
                               kh_arg_long(line, xml_line(m)), r ? r : ""));
            return;
        }
        c->row = (uint32_t)n;
        c->next_col = 0;
        c->row_stored = false;
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
        uint32_t col = c->next_col, row = c->row;
        if (c->row == 0 || (r && !parse_ref(r, &col, &row)) || row != c->row || col < c->next_col ||
            col >= MAX_COL) {
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_BAD_REF, m->part,
                               kh_arg_long(line, xml_line(m)), r ? r : ""));
            return;
        }
        c->col = col;
        c->next_col = col + 1;
        c->in_cell = true;
        c->type = !t || strcmp(t, "n") == 0        ? CT_NUMBER
                  : strcmp(t, "s") == 0            ? CT_SHARED
                  : strcmp(t, "inlineStr") == 0    ? CT_INLINE
                  : strcmp(t, "b") == 0            ? CT_BOOL
                  : strcmp(t, "e") == 0            ? CT_ERROR
                  : strcmp(t, "d") == 0            ? CT_DATE
                                                   : CT_STR;
        unsigned long xf = st ? strtoul(st, NULL, 10) : 0;
        c->date = st && xf < m->x->nxf && m->x->xf_date[xf];
        kh_buf_reset(&c->acc);
    } else if (!c->in_cell) {
        return;
    } else if (strcmp(l, "v") == 0) {
        c->in_v = true;
    } else if (strcmp(l, "is") == 0) {
        c->in_is = true;
    } else if (strcmp(l, "rPh") == 0) {
        c->phonetic++;
    } else if (strcmp(l, "t") == 0 && c->in_is && c->phonetic == 0) {
        c->in_t = true;
    }
}

/* Days since 1970-01-01 → "YYYY-MM-DD" (proleptic Gregorian, by 400-year eras). */
static void iso_date(long days, char out[16])
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long mo = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (mo <= 2);
    snprintf(out, 16, "%04d-%02d-%02d", (int)(y % 10000), (int)(mo % 100), (int)(d % 100));
}

/*
 * The ISO date of an Excel serial number, or false when it is not a
 * calendar day Excel shows (before day 1 or after 9999-12-31).  1900
 * system: day 1 is 1900-01-01 and day 60 the 1900-02-29 Lotus kept, so
 * days from 61 on are one less in the real calendar; 1904 system: day 0 is
 * 1904-01-01.  The fraction (time of day) is dropped.
 */
static bool serial_date(double v, bool date1904, char out[16])
{
    if (!(v >= 0 && v < 2958466))
        return false;
    long day = (long)floor(v);
    if (date1904) {
        iso_date(day - 24107, out);
        return true;
    }
    if (day < 1)
        return false;
    if (day == 60) {
        snprintf(out, 16, "1900-02-29");
        return true;
    }
    iso_date(day < 60 ? day - 25568 : day - 25569, out);
    return true;
}

/* The text of the finished cell into c->acc (empty: no cell). */
static bool cell_text(struct xml *m, struct sheet_ctx *c)
{
    struct kh_xlsx *x = m->x;
    char num[40];
    const char *v = kh_buf_cstr(&c->acc);
    switch (c->type) {
    case CT_SHARED: {
        char *end;
        unsigned long long i = strtoull(v, &end, 10);
        if (v[0] < '0' || v[0] > '9' || *end != '\0' || i >= x->nsst) {
            char n[24];
            cell_fail(m, &KH_M_XLSX_SST_INDEX, v, kh_arg_size(n, x->nsst));
            return false;
        }
        const char *s = x->sst_text.data + x->sst[i];
        kh_buf_reset(&c->acc);
        kh_buf_puts(&c->acc, s);
        return true;
    }
    case CT_BOOL:
        if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0) {
            bool t = v[0] == '1';
            kh_buf_reset(&c->acc);
            kh_buf_puts(&c->acc, t ? "TRUE" : "FALSE");
        }
        return true;
    case CT_DATE:
        if (c->acc.len >= 10 && v[4] == '-' && v[7] == '-' && (v[10] == '\0' || v[10] == 'T'))
            c->acc.len = 10, c->acc.data[10] = '\0';
        return true;
    case CT_INLINE: case CT_STR:
        decode_escapes(&c->acc);
        return true;
    case CT_ERROR:
        return true;
    case CT_NUMBER:
        break;
    }
    if (c->acc.len == 0)
        return true;
    char *end;
    double d = strtod(v, &end);
    if (*end != '\0' || !isfinite(d) || end == v) {
        cell_fail(m, &KH_M_XLSX_BAD_NUMBER, v, NULL);
        return false;
    }
    char date[16];
    const char *text = c->date && serial_date(d, x->date1904, date) ? date
                                                                   : kh_fmt_double_short(d, num);
    kh_buf_reset(&c->acc);
    kh_buf_puts(&c->acc, text);
    return true;
}

static void sheet_end(void *ud, const XML_Char *name)
{
    struct xml *m = ud;
    struct sheet_ctx *c = m->ud;
    struct kh_xlsx_sheet *s = c->s;
    const char *l = local(name);
    if (strcmp(l, "sheetData") == 0) {
        c->in_data = false;
    } else if (strcmp(l, "v") == 0) {
        c->in_v = false;
    } else if (strcmp(l, "is") == 0) {
        c->in_is = false;
    } else if (strcmp(l, "rPh") == 0) {
        c->phonetic--;
    } else if (strcmp(l, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(l, "c") == 0 && c->in_cell) {
        c->in_cell = false;
        if (!cell_text(m, c) || c->acc.len == 0)
            return;
        if (!c->row_stored) {
            KH_GROW(s->rows, s->nrows + 1, s->rows_cap);
            s->rows[s->nrows++] = (struct kh_xlsx_row){c->row, s->ncells, 0};
            c->row_stored = true;
        }
        KH_GROW(s->cells, s->ncells + 1, s->cells_cap);
        s->cells[s->ncells++] = (struct kh_xlsx_cell){c->col, s->text.len};
        s->rows[s->nrows - 1].n++;
        if (kh_buf_append(&s->text, c->acc.data, c->acc.len + 1) != 0)
            xml_stop(m, KH_ERR(m->err, KH_EINVAL, XLSX_PART_TOO_BIG, m->part,
                               kh_arg_size((char[24]){0}, KH_XLSX_PART_MAX)));
    }
}

static void sheet_chars(void *ud, const XML_Char *t, int len)
{
    struct xml *m = ud;
    struct sheet_ctx *c = m->ud;
    if ((c->in_v && !c->in_is) || c->in_t)
        collect(m, &c->acc, t, len);
}

int kh_xlsx_sheet_read(struct kh_xlsx *x, size_t i, struct kh_xlsx_sheet *s, struct kh_error *err)
{
    kh_xlsx_sheet_release(s);
    kh_buf_init(&s->text, KH_XLSX_PART_MAX);
    struct sheet_ctx c = {.s = s, .sheet = x->sheets[i].name};
    kh_buf_init(&c.acc, KH_XLSX_CELL_MAX);
    int rc = part_parse(x, x->sheets[i].part, true, sheet_start, sheet_end, sheet_chars, &c, err);
    kh_buf_release(&c.acc);
    if (rc != 0)
        kh_xlsx_sheet_release(s);
    return rc;
}

void kh_xlsx_sheet_release(struct kh_xlsx_sheet *s)
{
    free(s->rows);
    free(s->cells);
    kh_buf_release(&s->text);
    memset(s, 0, sizeof *s);
}
