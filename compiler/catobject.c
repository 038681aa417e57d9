/*
 * catobject.c — the objects beyond tables in the schema model: storing
 * them, what their texts depend on, and following renames (catalog.h,
 * "Objects beyond tables").
 *
 * Dependencies of a text are found lexically (sqlscan.h), erring on the
 * side of yes as the checker needs:
 *   - every identifier that is not a function name and names a table
 *     (qualified by a schema the model has, or in the default schema), or
 *     an object of the relation namespace, is a dependency on it;
 *   - every identifier that names a column of one of those tables is a
 *     dependency on that column;
 *   - a `*` in a select list (after select, distinct, all, ',' or '.')
 *     depends on every column of those tables, as PostgreSQL expands it
 *     when the view is made.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "objkind.h"
#include "sqlscan.h"

/* ---- keys ---- */

/* "ns\x1e" + cat_key: ns is "r" for the relation namespace, else the
 * kind's number. */
static const char *obj_key(Arena *a, ObjKindId kind, const char *schema,
                           const char *name)
{
    const char *k = cat_key(a, schema, name);
    if (obj_kind(kind)->relation)
        return arena_printf(a, "r\x1e%s", k);
    return arena_printf(a, "%d\x1e%s", (int)kind, k);
}

CatObject *cat_object_any(const Catalog *c, ObjKindId kind,
                          const char *schema, const char *name)
{
    if (!name || !c->objects)
        return NULL;
    /* Lookups are rare (statements on objects, renames): a scratch
     * buffer for the key is enough. */
    StrBuf b;
    sb_init(&b);
    if (obj_kind(kind)->relation)
        sb_puts(&b, "r\x1e");
    else
        sb_printf(&b, "%d\x1e", (int)kind);
    if (schema)
        sb_printf(&b, "%s\x1f", schema);
    sb_puts(&b, name);
    CatObject *o = hash_get(&c->objmap, sb_str(&b));
    sb_free(&b);
    return o;
}

CatObject *cat_object(const Catalog *c, ObjKindId kind, const char *schema,
                      const char *name)
{
    CatObject *o = cat_object_any(c, kind, schema, name);
    return o && o->kind == kind ? o : NULL;
}

/* ---- dependencies ---- */

typedef struct DepList {
    CatDep *v;
    int n, cap;
} DepList;

static void dep_add(DepList *l, CatTable *t, CatColumn *col, CatObject *o)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i].table == t && l->v[i].col == col && l->v[i].obj == o)
            return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
    }
    l->v[l->n++] = (CatDep){ t, col, o };
}

/* The name token t stands for (folded when unquoted, "" undoubled). */
static void tok_name(StrBuf *b, const char *text, const SqlTok *t)
{
    sb_reset(b);
    const char *p = text + t->start, *end = text + t->end;
    if (!t->quoted) {
        for (; p < end; p++)
            sb_putc(b, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
        return;
    }
    for (p++; p < end; p++) {
        if (*p == '"') {
            if (p + 1 >= end || p[1] != '"')
                break;
            p++;
        }
        sb_putc(b, *p);
    }
}

/* Whether the text has a `*` standing for columns. */
static bool has_star(const char *text)
{
    SqlLex l;
    SqlLexTok t;
    bool after_list_start = false;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next(&l, &t)) {
        if (t.kind == SQLLEX_SPACE || t.kind == SQLLEX_COMMENT)
            continue;
        if (t.kind == SQLLEX_PUNCT && text[t.start] == '*' && after_list_start)
            return true;
        after_list_start =
            (t.kind == SQLLEX_WORD &&
             (sqllex_word_is(text, &t, "select") ||
              sqllex_word_is(text, &t, "distinct") ||
              sqllex_word_is(text, &t, "all"))) ||
            (t.kind == SQLLEX_PUNCT &&
             (text[t.start] == ',' || text[t.start] == '.'));
    }
    return false;
}

static void compute_deps(Catalog *c, CatObject *o)
{
    o->deps = NULL;
    o->ndeps = 0;
    if (!o->text || !obj_kind(o->kind)->has_text)
        return;
    DepList l = { 0 };
    StrBuf name, qual;
    sb_init(&name);
    sb_init(&qual);
    SqlScan s;
    SqlTok t, prev = { 0 };
    bool have_prev = false;
    sqlscan_init(&s, o->text);
    /* Tables and objects first. */
    while (sqlscan_next(&s, &t)) {
        bool qualified = t.after_dot && have_prev &&
                         o->text[prev.end] == '.';
        if (!t.before_paren) {
            tok_name(&name, o->text, &t);
            const char *schema = NULL;
            if (qualified) {
                tok_name(&qual, o->text, &prev);
                schema = strcmp(sb_str(&qual), "public") == 0
                             ? NULL
                             : cat_schema(c, sb_str(&qual))
                                   ? sb_str(&qual)
                                   : "";
            }
            if (!schema || *schema) {
                CatTable *tb = cat_table(c, schema, sb_str(&name));
                CatObject *ob = cat_object_any(c, OBJ_VIEW, schema,
                                               sb_str(&name));
                if (tb)
                    dep_add(&l, tb, NULL, NULL);
                else if (ob && ob != o &&
                         !(ob->kind == o->kind &&
                           strcmp(ob->name, o->name) == 0))
                    dep_add(&l, NULL, NULL, ob);
            }
        }
        prev = t;
        have_prev = true;
    }
    /* Then the columns of those tables. */
    int ntables = l.n;
    bool star = has_star(o->text);
    for (int i = 0; i < ntables; i++) {
        CatTable *tb = l.v[i].table;
        if (!tb)
            continue;
        if (star) {
            for (CatColumn *col = tb->cols; col; col = col->next)
                dep_add(&l, tb, col, NULL);
            continue;
        }
        sqlscan_init(&s, o->text);
        while (sqlscan_next(&s, &t)) {
            if (t.before_paren)
                continue;
            tok_name(&name, o->text, &t);
            CatColumn *col = cat_column(tb, sb_str(&name));
            if (col)
                dep_add(&l, tb, col, NULL);
        }
    }
    sb_free(&name);
    sb_free(&qual);
    if (l.n) {
        o->deps = ARENA_ARRAY(c->arena, CatDep, l.n);
        memcpy(o->deps, l.v, sizeof *l.v * (size_t)l.n);
        o->ndeps = l.n;
    }
    free(l.v);
}

void cat_dependants(const Catalog *c, const CatTable *t, const CatColumn *col,
                    const CatObject *o, CatDepFn *fn, void *arg)
{
    for (CatObject *d = c->objects; d; d = d->next) {
        if (t && d->table == t)
            continue; /* belongs to the table: goes with it */
        for (int i = 0; i < d->ndeps; i++) {
            const CatDep *p = &d->deps[i];
            bool hit = o ? p->obj == o
                         : p->table == t && (!col || p->col == col);
            if (hit) {
                if (!fn(arg, d, p))
                    return;
                break;
            }
        }
    }
}

/* ---- apply ---- */

static void link_object(Catalog *c, CatObject *o)
{
    o->prev = c->objects_tail;
    o->next = NULL;
    if (c->objects_tail)
        c->objects_tail->next = o;
    else
        c->objects = o;
    c->objects_tail = o;
    hash_put(&c->objmap, obj_key(c->arena, o->kind, o->schema, o->name), o);
}

static void unlink_object(Catalog *c, CatObject *o)
{
    if (o->prev)
        o->prev->next = o->next;
    else
        c->objects = o->next;
    if (o->next)
        o->next->prev = o->prev;
    else
        c->objects_tail = o->prev;
    hash_remove(&c->objmap, obj_key(c->arena, o->kind, o->schema, o->name));
    c->names_freed++;
}

/* Rewrite the texts of the objects that depend on what matches, `from`
 * becoming `to`. */
static void rewrite_dependants(Catalog *c, const CatTable *t,
                               const CatColumn *col, const CatObject *obj,
                               const char *from, const char *to)
{
    for (CatObject *d = c->objects; d; d = d->next)
        for (int i = 0; i < d->ndeps; i++) {
            const CatDep *p = &d->deps[i];
            bool hit = obj ? p->obj == obj
                           : p->table == t && (!col || p->col == col);
            if (hit) {
                d->text = sqlscan_rename_ref(c->arena, d->text, from, to);
                d->col_renamed = d->col_renamed || col != NULL;
                break;
            }
        }
}

void cat_apply_object(Catalog *c, const Stmt *s)
{
    const char *schema = s->object.schema.s, *name = s->object.name.s;
    if (!name)
        return;
    CatObject *o = cat_object(c, s->obj, schema, name);
    switch (s->kind) {
    case ST_CREATE_OBJECT:
        if (!o) {
            if (cat_object_any(c, s->obj, schema, name))
                return;
            o = ARENA_NEW(c->arena, CatObject);
            o->kind = s->obj;
            o->schema = schema;
            o->name = name;
            if (s->table.name.s)
                o->table = cat_table(c, s->table.schema.s, s->table.name.s);
            link_object(c, o);
        }
        o->text = s->sql_up;
        o->cols = s->names;
        o->no_data = s->no_data;
        o->col_renamed = false;
        compute_deps(c, o);
        return;
    case ST_DROP_OBJECT:
        if (o)
            unlink_object(c, o);
        return;
    case ST_RENAME_OBJECT: {
        if (!o || !s->new_name.s ||
            cat_object_any(c, s->obj, schema, s->new_name.s))
            return;
        const char *from = o->name;
        hash_remove(&c->objmap, obj_key(c->arena, o->kind, o->schema,
                                        o->name));
        c->names_freed++;
        o->name = s->new_name.s;
        hash_put(&c->objmap, obj_key(c->arena, o->kind, o->schema, o->name),
                 o);
        rewrite_dependants(c, NULL, NULL, o, from, o->name);
        return;
    }
    default:
        return;
    }
}

void cat_objects_table_renamed(Catalog *c, CatTable *t, const char *from)
{
    if (c->objects)
        rewrite_dependants(c, t, NULL, NULL, from, t->name);
}

void cat_objects_column_renamed(Catalog *c, CatColumn *col, const char *from)
{
    if (c->objects)
        rewrite_dependants(c, col->table, col, NULL, from, col->name);
}

void cat_objects_table_dropped(Catalog *c, CatTable *t)
{
    for (CatObject *o = c->objects, *nx; o; o = nx) {
        nx = o->next;
        if (o->table == t)
            unlink_object(c, o);
    }
}

/* ---- copies, comparison, statements ---- */

static void add_object_index(Catalog *c, CatObject *o, const char *name,
                             const IndexDef *def);

void cat_objects_copy(Catalog *dst, const Catalog *src, Arena *a)
{
    for (CatObject *o = src->objects; o; o = o->next) {
        CatObject *n = ARENA_NEW(a, CatObject);
        n->kind = o->kind;
        n->schema = o->schema ? arena_strdup(a, o->schema) : NULL;
        n->name = arena_strdup(a, o->name);
        n->text = o->text ? arena_strdup(a, o->text) : NULL;
        n->cols = o->cols;
        n->no_data = o->no_data;
        n->col_renamed = o->col_renamed;
        if (o->table)
            n->table = cat_table(dst, o->table->schema, o->table->name);
        link_object(dst, n);
        compute_deps(dst, n);
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            add_object_index(dst, n, arena_strdup(a, ix->name), ix->def);
    }
}

static bool names_equal(const NameList *a, const NameList *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (strcmp(a->name.s, b->name.s) != 0)
            return false;
    return !a && !b;
}

static bool keys_equal(const IndexKey *a, const IndexKey *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (!(a->col.s ? b->col.s && strcmp(a->col.s, b->col.s) == 0
                       : !b->col.s && sqlscan_equal(a->expr, b->expr)) ||
            !(a->opclass.s ? b->opclass.s &&
                                 strcmp(a->opclass.s, b->opclass.s) == 0
                           : !b->opclass.s) ||
            a->order != b->order || a->nulls != b->nulls)
            return false;
    return !a && !b;
}

/* Whether two index definitions are the same as written. */
static bool index_defs_equal(const void *ctx, const IndexDef *x,
                             const IndexDef *y)
{
    (void)ctx;
    return x->unique == y->unique && keys_equal(x->keys, y->keys) &&
           names_equal(x->cols, y->cols) &&
           names_equal(x->include, y->include) &&
           (x->method.s ? y->method.s && strcmp(x->method.s, y->method.s) == 0
                        : !y->method.s) &&
           (x->where ? y->where && sqlscan_equal(x->where, y->where)
                     : !y->where);
}

bool cat_object_indexes_match(const CatObject *o, const CatObject *p,
                              CatIndexDefSame *same, const void *ctx)
{
    int n = 0, m = 0;
    for (const CatObjIndex *ix = o->idx; ix; ix = ix->next, n++) {
        const CatObjIndex *jx = p->idx;
        while (jx && strcmp(jx->name, ix->name) != 0)
            jx = jx->next;
        if (!jx || !same(ctx, ix->def, jx->def))
            return false;
    }
    for (const CatObjIndex *jx = p->idx; jx; jx = jx->next)
        m++;
    return n == m;
}

bool cat_object_indexes_equal(const CatObject *o, const CatObject *p)
{
    return cat_object_indexes_match(o, p, index_defs_equal, NULL);
}

static int count_objects(const Catalog *c)
{
    int n = 0;
    for (CatObject *o = c->objects; o; o = o->next)
        n++;
    return n;
}

bool cat_objects_equal(const Catalog *a, const Catalog *b, StrBuf *why)
{
    for (CatObject *o = a->objects; o; o = o->next) {
        CatObject *p = cat_object(b, o->kind, o->schema, o->name);
        const char *w = obj_kind(o->kind)->word;
        if (!p) {
            if (why)
                sb_printf(why, "%s %s is only on one side", w, o->name);
            return false;
        }
        if (!sqlscan_equal(o->text, p->text) || !names_equal(o->cols, p->cols)) {
            if (why)
                sb_printf(why, "%s %s has another definition", w, o->name);
            return false;
        }
        if (!cat_object_indexes_equal(o, p)) {
            if (why)
                sb_printf(why, "%s %s has other indexes", w, o->name);
            return false;
        }
    }
    if (count_objects(a) != count_objects(b)) {
        if (why)
            sb_puts(why, "objects beyond tables differ");
        return false;
    }
    return true;
}

Stmt *cat_object_stmt(Catalog *c, const CatObject *o)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_OBJECT;
    s->obj = o->kind;
    s->object.schema.s = o->schema;
    s->object.name.s = o->name;
    s->sql_up = o->text;
    s->names = o->cols;
    s->no_data = o->no_data;
    if (o->table) {
        s->table.schema.s = o->table->schema;
        s->table.name.s = o->table->name;
    }
    return s;
}

/* ---- indexes on objects (materialized views) ---- */

CatObjIndex *cat_object_index(const Catalog *c, const char *schema,
                              const char *name)
{
    if (!name)
        return NULL;
    for (CatObject *o = c->objects; o; o = o->next) {
        if (!o->idx || !(schema ? o->schema && strcmp(schema, o->schema) == 0
                                : !o->schema))
            continue;
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            if (strcmp(ix->name, name) == 0)
                return ix;
    }
    return NULL;
}

Stmt *cat_object_index_stmt(Catalog *c, const CatObjIndex *ix)
{
    IndexDef *d = ARENA_NEW(c->arena, IndexDef);
    *d = *ix->def;
    d->concurrently = false;
    d->name.schema.s = NULL;
    d->name.name.s = ix->name;
    d->table.schema.s = ix->obj->schema;
    d->table.name.s = ix->obj->name;
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_INDEX;
    s->index = d;
    return s;
}

bool cat_object_has_unique_index(const CatObject *o)
{
    for (const CatObjIndex *ix = o->idx; ix; ix = ix->next) {
        const IndexDef *d = ix->def;
        if (!d->unique || d->where)
            continue;
        bool cols = true;
        for (const IndexKey *k = d->keys; k && cols; k = k->next)
            cols = k->col.s != NULL;
        if (cols)
            return true;
    }
    return false;
}

static void add_object_index(Catalog *c, CatObject *o, const char *name,
                             const IndexDef *def)
{
    CatObjIndex *ix = ARENA_NEW(c->arena, CatObjIndex);
    ix->name = name;
    ix->def = def;
    ix->obj = o;
    CatObjIndex **tail = &o->idx;
    while (*tail)
        tail = &(*tail)->next;
    *tail = ix;
}

bool cat_object_index_apply(Catalog *c, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_INDEX: {
        const IndexDef *d = s->index;
        CatObject *o = d ? cat_object_any(c, OBJ_VIEW, d->table.schema.s,
                                          d->table.name.s)
                         : NULL;
        if (!o || !d->name.name.s)
            return false;
        if (!cat_object_index(c, o->schema, d->name.name.s))
            add_object_index(c, o, d->name.name.s, d);
        return true;
    }
    case ST_DROP_INDEX:
    case ST_RENAME_INDEX: {
        CatObjIndex *ix = cat_object_index(c, s->object.schema.s,
                                           s->object.name.s);
        if (!ix)
            return false;
        c->names_freed++;
        if (s->kind == ST_RENAME_INDEX) {
            if (s->new_name.s)
                ix->name = s->new_name.s;
            return true;
        }
        for (CatObjIndex **p = &ix->obj->idx; *p; p = &(*p)->next)
            if (*p == ix) {
                *p = ix->next;
                break;
            }
        return true;
    }
    default:
        return false;
    }
}
