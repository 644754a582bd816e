/*
 * pages-setup.c — a cycle's setup data on the web (基础数据): one page per
 * setup file (/cycles/C/setup/units …), its rows in a table, each row an
 * edit form, an add form below, delete behind a confirm step.
 *
 * Every row's form is a <form> element in the row's last cell with the
 * row's inputs attached to it by the form= attribute (a form may not span
 * table cells otherwise); no script.  Fields are `c:COLUMN`.  A put posts
 * to the page's own path, a delete to …/delete, which first answers a
 * page asking to confirm (confirm=1 then deletes).  What a change may be
 * is the store's (kh_store_setup_put: the bundle validator on the changed
 * file): a refused change shows the same page with the reader's located
 * diagnostics and the typed row kept in its form, status 422.  Forms are
 * shown only to a role that may perform setup.edit on a cycle in setup;
 * everyone else sees the table (cycle.show).
 *
 * The same handlers answer /api/v1/cycles/C/setup/FILE: a JSON object
 * {"code": …, COLUMN: value, …} is the row to put (numbers and booleans
 * as their text), {"code": …} to …/delete deletes without the confirm
 * step (a script has nothing to confirm with), the answer is {"ok",
 * "changed"} and a refusal is 422 with the reader's diagnostics in the
 * error object (kh__fail_diags).  The rows are read by api.c.
 */
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-setup.h"

static const char *const file_labels[][3] = {
    {"categories.csv", "类别", "Categories"}, {"units.csv", "单位", "Units"},
    {"positions.csv", "职务", "Positions"},   {"cadres.csv", "干部", "Cadres"},
    {"rater_groups.csv", "评价组", "Rater groups"}, {"raters.csv", "评价人", "Raters"},
};

/* The Chinese heading of a setup column; the CSV name is shown beside it,
 * as the file names are, so the page and an exported file read alike. */
static const char *const column_labels[][2] = {
    {"code", "编码"}, {"name", "名称"}, {"district", "所属区"}, {"category", "类型"},
    {"zone", "功能区"}, {"kind", "乡/镇/街道"}, {"principal", "正职"}, {"w_team", "班子权重"},
    {"w_duty", "履职权重"}, {"w_eval", "测评权重"}, {"dims", "测评维度"}, {"groups", "评价组权重"},
    {"unit", "单位"}, {"position", "职务"}, {"responsibilities", "分管指标"},
    {"combine", "合成方式"}, {"group", "评价组"},
};

static const char *column_label(const char *column)
{
    for (size_t i = 0; i < sizeof column_labels / sizeof column_labels[0]; i++)
        if (strcmp(column_labels[i][0], column) == 0)
            return column_labels[i][1];
    return NULL;
}

/* The row typed into a refused form: cells by column. */
struct typed {
    struct kh_setup_cell *cells;
    size_t n;
    const char *code;
};

static void typed_read(struct typed *t, struct kh_req *r)
{
    if (r->json != NULL) {   /* the API: {"code": "T9", "name": "新镇", …}, one member per column */
        size_t n = json_is_object(r->json) ? json_object_size(r->json) : 0;
        t->cells = kh_arena_alloc(&r->arena, (n > 0 ? n : 1) * sizeof *t->cells);
        t->n = 0;
        t->code = kh__fieldz(r, "code");
        const char *key;
        json_t *v;
        json_object_foreach(r->json, key, v) {
            const char *text = kh__field(r, key);
            if (text)
                t->cells[t->n++] = (struct kh_setup_cell){kh_arena_strdup(&r->arena, key), text};
        }
        return;
    }
    struct form_view fv;
    kh__form_fields(r, &fv);
    t->cells = kh_arena_alloc(&r->arena, (size_t)(fv.n > 0 ? fv.n : 1) * sizeof *t->cells);
    t->n = 0;
    t->code = "";
    for (int i = 0; i < fv.n; i++) {
        if (strncmp(fv.names[i], "c:", 2) != 0)
            continue;
        t->cells[t->n] = (struct kh_setup_cell){fv.names[i] + 2, fv.values[i]};
        if (strcmp(fv.names[i] + 2, "code") == 0)
            t->code = fv.values[i];
        t->n++;
    }
}

static const char *typed_value(const struct typed *t, const char *col, const char *dflt)
{
    for (size_t i = 0; t && i < t->n; i++)
        if (strcmp(t->cells[i].column, col) == 0)
            return t->cells[i].value;
    return dflt;
}

static void put_subnav(struct kh_req *r, const char *cycle, const char *file)
{
    kh_html_put(&r->out, "<nav class=\"tabs sub\" id=\"setup-files\">");
    for (size_t i = 0; i < sizeof file_labels / sizeof file_labels[0]; i++) {
        const char *f = file_labels[i][0];
        kh_html_put(&r->out, "<a href=\"/cycles/%U/setup/%U\"%R>%T <span class=\"code\">%T</span></a>", cycle,
                    kh_arena_strndup(&r->arena, f, strlen(f) - 4),
                    strcmp(f, file) == 0 ? " class=\"on\" aria-current=\"page\"" : "",
                    T(r, file_labels[i][1], file_labels[i][2]), f);
    }
    kh_html_put(&r->out, "</nav>\n");
}

/* One row: cells as inputs of form id (may_edit) or as text. */
static void put_row(struct kh_req *r, const char *action, const char *const *header, int nh, const char *const *row,
                    const char *id, bool may_edit, const struct typed *t)
{
    struct kh_buf *o = &r->out;
    kh_html_put(o, "<tr>");
    for (int j = 0; j < nh; j++) {
        const char *v = typed_value(t, header[j], row ? row[j] : "");
        if (!may_edit)
            kh_html_put(o, "<td>%T</td>", v);
        else if (row && strcmp(header[j], "code") == 0)   /* the key of an existing row is not edited */
            kh_html_put(o, "<td><span class=\"code\">%T</span><input type=\"hidden\" form=\"%A\" name=\"c:code\" "
                           "value=\"%A\"></td>", v, id, v);
        else
            kh_html_put(o, "<td><input form=\"%A\" name=\"c:%A\" value=\"%A\" aria-label=\"%A\" size=\"10\"></td>",
                        id, header[j], v, header[j]);
    }
    if (may_edit) {
        kh_html_put(o, "<td class=\"actions\"><form method=\"post\" action=\"%A\" id=\"%A\" class=\"inline\">", action, id);
        kh__csrf_field(r);
        kh_html_put(o, "<button type=\"submit\">%T</button></form>", row ? T(r, "保存", "Save") : T(r, "添加", "Add"));
        if (row) {
            kh_html_put(o, " <form method=\"post\" action=\"%A/delete\" class=\"inline\">", action);
            kh__csrf_field(r);
            kh_html_put(o, "<input type=\"hidden\" name=\"code\" value=\"%A\"><button type=\"submit\" class=\"secondary\">%T"
                           "</button></form>", row[kh__col(header, nh, "code")], T(r, "删除", "Delete"));
        }
        kh_html_put(o, "</td>");
    }
    kh_html_put(o, "</tr>\n");
}

/* The page of a file (file: canonical name), with t's row kept and the
 * refusal shown when fail is set. */
static void render(struct kh_req *r, const char *file, const struct typed *t, const struct kh_diags *d,
                   const struct kh_error *fail, int status)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_setup_rows(r->store, &r->actor, c.code, file, kh__rows_fn, &x, &err);
    if (rc != 0 || x.n == 0) {
        kh__fail(r, rc ? kh__error_status(rc) : 500, &err);
        return;
    }
    const char *const *header = x.rows[0];
    int nh = x.ncols, code = kh__col(header, nh, "code");
    bool may_edit = kh_authz_role_may(r->actor.role, KH_ACT_SETUP_EDIT) && c.state == KH_STATE_SETUP;
    const char *action = kh_arena_printf(&r->arena, "/cycles/%s/setup/%.*s", c.code, (int)(strlen(file) - 4), file);
    bool typed_found = false;
    kh_buf_reset(&r->out);
    kh__page_begin(r, T(r, "基础数据", "Setup data"), &c, "setup", NULL);
    put_subnav(r, c.code, file);
    kh__put_refusal(r, fail, d);
    kh_html_put(&r->out, "<p class=\"hint\">%T</p>",
                may_edit ? T(r, "修改按导入规则校验（与导入数据包相同）；不通过时列出出错位置，不作任何修改。",
                             "A change is checked as an import is; a refused change lists where and writes nothing.")
                         : T(r, "基础数据只能由管理员在“准备”阶段修改。", "Only the admin changes setup data, in setup."));
    if (may_edit && strcmp(file, "categories.csv") == 0)
        kh_html_put(&r->out, "<p class=\"hint\" id=\"category-weights\">%T <a href=\"/cycles/%U/scheme\">%T</a></p>",
                    T(r, "新增的类型先沿用第一个类型的各项权重，删除类型时其权重一并删除。新类型的权重请在",
                      "A new type starts with the first type's weights; deleting a type drops its weights. Set the new "
                      "type's weights in"),
                    c.code, T(r, "指标方案", "the scheme editor"));
    kh_html_put(&r->out, "<table class=\"grid\" id=\"setup-rows\"><thead><tr>");
    for (int j = 0; j < nh; j++) {
        const char *zh = r->lang == KH_LANG_EN ? NULL : column_label(header[j]);
        if (zh)
            kh_html_put(&r->out, "<th>%T <span class=\"code\">%T</span></th>", zh, header[j]);
        else
            kh_html_put(&r->out, "<th>%T</th>", header[j]);
    }
    kh_html_put(&r->out, "%R</tr></thead><tbody>\n", may_edit ? "<th></th>" : "");
    for (long i = 1; i < x.n; i++) {
        const char *const *row = x.rows[i];
        bool mine = t && code >= 0 && strcmp(row[code], t->code) == 0;
        typed_found |= mine;
        put_row(r, action, header, nh, row, kh_arena_printf(&r->arena, "row-%ld", i), may_edit, mine ? t : NULL);
    }
    if (may_edit)
        put_row(r, action, header, nh, NULL, "row-new", true, typed_found ? NULL : t);
    kh_html_put(&r->out, "</tbody></table>\n");
    kh__page_end(r);
    kh__respond(r, status, "text/html; charset=utf-8");
}

/* The file named by the second capture, or answer 404 and NULL. */
static const char *file_of(struct kh_req *r)
{
    const char *f = kh_setup_file(r->cap[1]);
    if (f == NULL) {
        struct kh_error err;
        kh_error_clear(&err);
        KH_ERR(&err, KH_ENOTFOUND, SETUP_NOT_FILE, r->cap[1]);
        kh__fail(r, 404, &err);
    }
    return f;
}

void kh__h_setup(struct kh_req *r)
{
    const char *f = file_of(r);
    if (f)
        render(r, f, NULL, NULL, NULL, 200);
}

/* The store's answer to a change: done (back to the page with a notice, or
 * the API's {ok, changed}),
 * refused by the validator (the page again, typed row and diagnostics),
 * or the usual error page. */
static void answer(struct kh_req *r, const char *file, int rc, const struct typed *t, const struct kh_diags *d,
                   const struct kh_error *err, const char *zh, const char *en, json_t *result)
{
    if (rc == 0) {
        kh__done(r, 0, err, kh_arena_printf(&r->arena, "/cycles/%s/setup/%s", r->cap[0], r->cap[1]), zh, en,
                 result);
        return;
    }
    json_decref(result);
    if (rc == KH_EINVAL && r->api)
        kh__fail_diags(r, 422, err, d);
    else if (rc == KH_EINVAL)
        render(r, file, t, d, err, 422);
    else
        kh__fail(r, kh__error_status(rc), err);
    if (rc == KH_EINVAL)
        r->refusal = "SETUP_INVALID";
}

void kh__h_setup_put(struct kh_req *r)
{
    const char *f = file_of(r);
    if (f == NULL)
        return;
    struct typed t;
    typed_read(&t, r);
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 20);
    size_t changed = 0;
    int rc = kh_store_setup_put(r->store, &r->actor, r->cap[0], f, t.cells, t.n, &changed, &d, &err);
    answer(r, f, rc, &t, &d, &err, "已保存", "saved", json_pack("{s:b, s:I}", "ok", 1, "changed", (json_int_t)changed));
    kh_diags_release(&d);
}

void kh__h_setup_delete(struct kh_req *r)
{
    const char *f = file_of(r);
    if (f == NULL)
        return;
    const char *code = kh__fieldz(r, "code");
    const char *confirm = kh__field(r, "confirm");
    struct kh_cycle_row c;
    if (!r->api && (confirm == NULL || strcmp(confirm, "1") != 0)) {
        if (!kh__cycle(r, &c))
            return;
        kh_buf_reset(&r->out);
        kh__page_begin(r, T(r, "确认删除", "Confirm the deletion"), &c, "setup", NULL);
        kh_html_put(&r->out, "<section class=\"card\" id=\"confirm\"><p>%T <span class=\"code\">%T</span> (%T)</p>"
                             "<form method=\"post\" action=\"/cycles/%U/setup/%U/delete\">",
                    T(r, "删除这一行？", "Delete this row?"), code, f, c.code, r->cap[1]);
        kh__csrf_field(r);
        kh_html_put(&r->out, "<input type=\"hidden\" name=\"code\" value=\"%A\"><input type=\"hidden\" name=\"confirm\" "
                             "value=\"1\"><button type=\"submit\">%T</button> <a href=\"/cycles/%U/setup/%U\">%T</a></form>"
                             "</section>\n",
                    code, T(r, "确认删除", "Delete"), c.code, r->cap[1], T(r, "取消", "Cancel"));
        kh__page_end(r);
        kh__respond(r, 200, "text/html; charset=utf-8");
        return;
    }
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 20);
    int rc = kh_store_setup_delete(r->store, &r->actor, r->cap[0], f, code, &d, &err);
    answer(r, f, rc, NULL, &d, &err, "已删除", "deleted", NULL);
    kh_diags_release(&d);
}
