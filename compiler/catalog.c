/*
 * catalog.c — the schema model.
 *
 * Every object lives in the compilation's arena and is linked into
 * doubly-linked lists (creation order) and hash maps (lookup by name), so
 * adding, finding and removing one object is O(1) on average, and renaming
 * a table or a column is one map update: references are pointers.
 *
 * cat_apply() trusts the checker: it does not report errors, and a
 * statement that names something missing is ignored where it would
 * otherwise crash.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "naming.h"
#include "sqlscan.h"

/* ---- keys ---- */

/* Map keys: "name" in the default schema, "schema\x1fname" elsewhere. */
static const char *key_arena(Arena *a, const char *schema, const char *name)
{
    return schema ? arena_printf(a, "%s\x1f%s", schema, name) : name;
}

const char *cat_key(Arena *a, const char *schema, const char *name)
{
    return key_arena(a, schema, name);
}

const char *cat_display(Arena *a, const char *schema, const char *name)
{
    return schema ? arena_printf(a, "%s.%s", schema, name) : name;
}

/* A key for one lookup, on the stack when it fits. */
typedef struct KeyBuf {
    char buf[200];
    char *heap;
} KeyBuf;

static const char *key_tmp(KeyBuf *k, const char *schema, const char *name)
{
    k->heap = NULL;
    if (!schema)
        return name;
    size_t ls = strlen(schema), ln = strlen(name);
    char *p = k->buf;
    if (ls + ln + 2 > sizeof k->buf)
        p = k->heap = xmalloc(ls + ln + 2);
    memcpy(p, schema, ls);
    p[ls] = '\x1f';
    memcpy(p + ls + 1, name, ln + 1);
    return p;
}

static void key_done(KeyBuf *k)
{
    free(k->heap);
}

static bool str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* ---- init, lookups ---- */

void cat_init(Catalog *c, Arena *a)
{
    memset(c, 0, sizeof *c);
    c->arena = a;
    hash_init(&c->schemamap);
    hash_init(&c->tablemap);
    hash_init(&c->indexmap);
    hash_init(&c->keymap);
    hash_init(&c->seqmap);
    hash_init(&c->enummap);
    hash_init(&c->objmap);
    hash_init(&c->routinemap);
    hash_init(&c->namehint);
}

void cat_free(Catalog *c)
{
    for (CatTable *t = c->tables; t; t = t->next) {
        hash_free(&t->colmap);
        hash_free(&t->conmap);
    }
    hash_free(&c->schemamap);
    hash_free(&c->tablemap);
    hash_free(&c->indexmap);
    hash_free(&c->keymap);
    hash_free(&c->seqmap);
    hash_free(&c->enummap);
    hash_free(&c->objmap);
    hash_free(&c->routinemap);
    hash_free(&c->namehint);
}

CatSchema *cat_schema(const Catalog *c, const char *name)
{
    return name ? hash_get(&c->schemamap, name) : NULL;
}

CatTable *cat_table(const Catalog *c, const char *schema, const char *name)
{
    if (!name)
        return NULL;
    KeyBuf k;
    CatTable *t = hash_get(&c->tablemap, key_tmp(&k, schema, name));
    key_done(&k);
    return t;
}

CatColumn *cat_column(const CatTable *t, const char *name)
{
    if (!t || !name)
        return NULL;
    if (t->colmap.cap == 0) {
        /* A snapshot (or an empty table): scan. */
        for (CatColumn *col = t->cols; col; col = col->next)
            if (strcmp(col->name, name) == 0)
                return col;
        return NULL;
    }
    return hash_get(&t->colmap, name);
}

CatConstraint *cat_constraint(const CatTable *t, const char *name)
{
    if (!t || !name)
        return NULL;
    if (t->conmap.cap == 0) {
        for (CatConstraint *k = t->cons; k; k = k->next)
            if (strcmp(k->name, name) == 0)
                return k;
        return NULL;
    }
    return hash_get(&t->conmap, name);
}

CatIndex *cat_index(const Catalog *c, const char *schema, const char *name)
{
    if (!name)
        return NULL;
    KeyBuf k;
    CatIndex *ix = hash_get(&c->indexmap, key_tmp(&k, schema, name));
    key_done(&k);
    return ix;
}

CatConstraint *cat_key_constraint(const Catalog *c, const char *schema,
                                  const char *name)
{
    if (!name)
        return NULL;
    KeyBuf k;
    CatConstraint *x = hash_get(&c->keymap, key_tmp(&k, schema, name));
    key_done(&k);
    return x;
}

CatColumn *cat_sequence(const Catalog *c, const char *schema,
                        const char *name)
{
    if (!name)
        return NULL;
    KeyBuf k;
    CatColumn *x = hash_get(&c->seqmap, key_tmp(&k, schema, name));
    key_done(&k);
    return x;
}

CatConstraint *cat_primary_key(const CatTable *t)
{
    for (CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_PRIMARY)
            return k;
    return NULL;
}

/* ---- types and expressions ---- */

bool cat_type_equal(const TypeRef *a, const TypeRef *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == TY_CUSTOM)
        return str_eq(a->name, b->name) && str_eq(a->args, b->args);
    if (a->nargs != b->nargs)
        return false;
    for (int i = 0; i < a->nargs && i < TYPE_MAX_ARGS; i++)
        if (a->arg[i] != b->arg[i])
            return false;
    return true;
}

bool cat_expr_equal(const Expr *a, const Expr *b)
{
    if (!a || !b)
        return a == b;
    return a->kind == b->kind && str_eq(a->text, b->text) &&
           str_eq(a->name, b->name) && cat_expr_equal(a->arg, b->arg) &&
           (!a->cast || cat_type_equal(a->cast, b->cast));
}

static TypeRef type_copy(Arena *a, const TypeRef *t);

static Expr *expr_copy(Arena *a, const Expr *e)
{
    if (!e)
        return NULL;
    Expr *x = ARENA_NEW(a, Expr);
    x->kind = e->kind;
    x->text = e->text ? arena_strdup(a, e->text) : NULL;
    x->name = e->name ? arena_strdup(a, e->name) : NULL;
    x->arg = expr_copy(a, e->arg);
    if (e->cast) {
        x->cast = ARENA_NEW(a, TypeRef);
        *x->cast = type_copy(a, e->cast);
    }
    return x;
}

static TypeRef type_copy(Arena *a, const TypeRef *t)
{
    TypeRef r = *t;
    r.name = t->name ? arena_strdup(a, t->name) : NULL;
    r.args = t->args ? arena_strdup(a, t->args) : NULL;
    memset(&r.loc, 0, sizeof r.loc);
    return r;
}

/* A serial column altered to another integer type keeps its sequence
 * default, which the catalog writes as the matching serial type; altered
 * to anything else it is a plain column of the new type. */
static TypeRef serial_kept(const TypeRef *old, const TypeRef *nw)
{
    TypeRef r = *nw;
    if (old->kind != TY_SERIAL && old->kind != TY_BIGSERIAL)
        return r;
    if (nw->kind == TY_INTEGER) {
        r.kind = TY_SERIAL;
        r.name = "serial";
    } else if (nw->kind == TY_BIGINT) {
        r.kind = TY_BIGSERIAL;
        r.name = "bigserial";
    }
    return r;
}

/* A serial column losing its sequence default becomes a plain integer. */
static void serial_drop(CatColumn *col)
{
    if (col->type.kind == TY_SERIAL) {
        col->type.kind = TY_INTEGER;
        col->type.name = "integer";
    } else if (col->type.kind == TY_BIGSERIAL) {
        col->type.kind = TY_BIGINT;
        col->type.name = "bigint";
    }
}

/* ---- building blocks ---- */

static CatSchema *add_schema(Catalog *c, const char *name)
{
    CatSchema *s = ARENA_NEW(c->arena, CatSchema);
    s->name = name;
    s->prev = c->schemas_tail;
    if (c->schemas_tail)
        c->schemas_tail->next = s;
    else
        c->schemas = s;
    c->schemas_tail = s;
    hash_put(&c->schemamap, name, s);
    return s;
}

static void remove_schema(Catalog *c, CatSchema *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        c->schemas = s->next;
    if (s->next)
        s->next->prev = s->prev;
    else
        c->schemas_tail = s->prev;
    hash_remove(&c->schemamap, s->name);
}

static CatTable *add_table(Catalog *c, const char *schema, const char *name)
{
    CatTable *t = ARENA_NEW(c->arena, CatTable);
    t->schema = schema;
    t->name = name;
    hash_init(&t->colmap);
    hash_init(&t->conmap);
    t->prev = c->tables_tail;
    if (c->tables_tail)
        c->tables_tail->next = t;
    else
        c->tables = t;
    c->tables_tail = t;
    c->ntables++;
    hash_put(&c->tablemap, key_arena(c->arena, schema, name), t);
    CatSchema *sc = cat_schema(c, schema);
    if (sc)
        sc->ntables++;
    return t;
}

static CatColumn *add_column(Catalog *c, CatTable *t, const char *name,
                             const TypeRef *type, bool not_null,
                             const Expr *def)
{
    CatColumn *col = ARENA_NEW(c->arena, CatColumn);
    col->name = name;
    col->type = *type;
    col->not_null = not_null;
    col->def = def;
    col->table = t;
    col->prev = t->cols_tail;
    if (t->cols_tail)
        t->cols_tail->next = col;
    else
        t->cols = col;
    t->cols_tail = col;
    t->ncols++;
    hash_put(&t->colmap, name, col);
    return col;
}

/* A column as written: generated and identity columns as well. */
static CatColumn *add_column_def(Catalog *c, CatTable *t, const ColumnDef *d)
{
    CatColumn *col = add_column(c, t, d->name.s, &d->type,
                                d->not_null || d->identity, d->def);
    col->generated = d->generated;
    col->identity = d->identity;
    return col;
}

/* A new serial or identity column's sequence, named as PostgreSQL names it when it
 * creates the column (ChooseRelationName(table, column, "seq")). */
static void add_sequence(Catalog *c, CatTable *t, CatColumn *col,
                         const char *name)
{
    if (!name) {
        if (col->type.kind != TY_SERIAL && col->type.kind != TY_BIGSERIAL &&
            !col->identity)
            return;
        name = naming_choose(c, c->arena, t->schema, NULL, NULL, true,
                             t->name, col->name, "seq");
    }
    col->seq = name;
    hash_put(&c->seqmap, key_arena(c->arena, t->schema, name), col);
}

static void remove_sequence(Catalog *c, CatTable *t, CatColumn *col)
{
    if (!col->seq)
        return;
    KeyBuf kb;
    hash_remove(&c->seqmap, key_tmp(&kb, t->schema, col->seq));
    key_done(&kb);
    c->names_freed++;
}

static void remove_column(CatTable *t, CatColumn *col)
{
    if (col->prev)
        col->prev->next = col->next;
    else
        t->cols = col->next;
    if (col->next)
        col->next->prev = col->prev;
    else
        t->cols_tail = col->prev;
    t->ncols--;
    hash_remove(&t->colmap, col->name);
}

/* Link a filled-in constraint into its table, the maps, and its
 * referenced table's incoming list. */
static void link_constraint(Catalog *c, CatTable *t, CatConstraint *k)
{
    k->table = t;
    k->prev = t->cons_tail;
    k->next = NULL;
    if (t->cons_tail)
        t->cons_tail->next = k;
    else
        t->cons = k;
    t->cons_tail = k;
    hash_put(&t->conmap, k->name, k);
    if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE)
        hash_put(&c->keymap, key_arena(c->arena, t->schema, k->name), k);
    if (k->kind == CON_PRIMARY)
        for (int i = 0; i < k->ncols; i++)
            k->cols[i]->not_null = true;
    if (k->kind == CON_FOREIGN && k->ref_table) {
        CatTable *rt = k->ref_table;
        k->ref_prev = NULL;
        k->ref_next = rt->incoming;
        if (rt->incoming)
            rt->incoming->ref_prev = k;
        rt->incoming = k;
    }
}

static void unlink_constraint(Catalog *c, CatConstraint *k)
{
    CatTable *t = k->table;
    if (k->prev)
        k->prev->next = k->next;
    else
        t->cons = k->next;
    if (k->next)
        k->next->prev = k->prev;
    else
        t->cons_tail = k->prev;
    hash_remove(&t->conmap, k->name);
    c->names_freed++;
    if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) {
        KeyBuf kb;
        hash_remove(&c->keymap, key_tmp(&kb, t->schema, k->name));
        key_done(&kb);
    }
    if (k->kind == CON_FOREIGN && k->ref_table) {
        if (k->ref_prev)
            k->ref_prev->ref_next = k->ref_next;
        else
            k->ref_table->incoming = k->ref_next;
        if (k->ref_next)
            k->ref_next->ref_prev = k->ref_prev;
        k->ref_prev = k->ref_next = NULL;
    }
}

static void link_index(Catalog *c, CatTable *t, CatIndex *ix)
{
    ix->table = t;
    ix->prev = t->idx_tail;
    ix->next = NULL;
    if (t->idx_tail)
        t->idx_tail->next = ix;
    else
        t->idx = ix;
    t->idx_tail = ix;
    hash_put(&c->indexmap, key_arena(c->arena, t->schema, ix->name), ix);
}

static void unlink_index(Catalog *c, CatIndex *ix)
{
    CatTable *t = ix->table;
    if (ix->prev)
        ix->prev->next = ix->next;
    else
        t->idx = ix->next;
    if (ix->next)
        ix->next->prev = ix->prev;
    else
        t->idx_tail = ix->prev;
    KeyBuf kb;
    hash_remove(&c->indexmap, key_tmp(&kb, t->schema, ix->name));
    key_done(&kb);
    c->names_freed++;
}

static int namelist_len(const NameList *l)
{
    int n = 0;
    for (; l; l = l->next)
        n++;
    return n;
}

/* Resolve a list of column names of `t` (unknown names are skipped). */
static CatColumn **resolve_cols(Catalog *c, const CatTable *t,
                                const NameList *l, int *n)
{
    int cap = namelist_len(l);
    CatColumn **v = ARENA_ARRAY(c->arena, CatColumn *, cap ? cap : 1);
    int k = 0;
    for (; l; l = l->next) {
        CatColumn *col = cat_column(t, l->name.s);
        if (col)
            v[k++] = col;
    }
    *n = k;
    return v;
}

/* A constraint from the tree into table t. */
static void add_constraint(Catalog *c, CatTable *t, const Constraint *ck,
                           bool column_level)
{
    CatConstraint *k = ARENA_NEW(c->arena, CatConstraint);
    k->name = ck->name.s;
    k->kind = ck->kind;
    k->check = ck->check;
    k->column_level = column_level;
    k->on_delete = ck->on_delete;
    k->on_update = ck->on_update;
    k->cols = resolve_cols(c, t, ck->cols, &k->ncols);
    if (ck->kind == CON_FOREIGN) {
        CatTable *rt = cat_table(c, ck->ref_table.schema.s,
                                 ck->ref_table.name.s);
        k->ref_table = rt;
        if (rt) {
            int nref = 0;
            if (ck->ref_cols) {
                k->ref_cols = resolve_cols(c, rt, ck->ref_cols, &nref);
            } else {
                CatConstraint *pk = cat_primary_key(rt);
                nref = pk ? pk->ncols : 0;
                k->ref_cols = pk ? pk->cols : NULL;
            }
            if (nref < k->ncols)
                k->ncols = nref;
        }
    }
    if (!k->name)
        return; /* not named by the checker: not a statement we accept */
    link_constraint(c, t, k);
}

/* Column col among v[0..n): added when it is not. */
static void cols_add(CatColumn **v, int *n, CatColumn *col)
{
    for (int i = 0; i < *n; i++)
        if (v[i] == col)
            return;
    v[(*n)++] = col;
}

/* The columns a non-plain index goes with: its column keys, the columns
 * its expressions name (sqlscan_mentions), its include columns. */
static void index_deps(Catalog *c, const CatTable *t, CatIndex *ix)
{
    ix->cols = ARENA_ARRAY(c->arena, CatColumn *,
                           t->ncols + ix->nkeys + ix->nincl + 1);
    ix->ncols = 0;
    for (int i = 0; i < ix->nkeys; i++) {
        if (ix->keys[i].col)
            cols_add(ix->cols, &ix->ncols, ix->keys[i].col);
        else
            for (CatColumn *col = t->cols; col; col = col->next)
                if (sqlscan_mentions(ix->keys[i].expr, col->name))
                    cols_add(ix->cols, &ix->ncols, col);
    }
    for (int i = 0; i < ix->nincl; i++)
        cols_add(ix->cols, &ix->ncols, ix->incl[i]);
}

static void add_index(Catalog *c, CatTable *t, const IndexDef *d)
{
    CatIndex *ix = ARENA_NEW(c->arena, CatIndex);
    ix->name = d->name.name.s;
    ix->unique = d->unique;
    ix->where = d->where;
    ix->plain = ast_index_plain(d);
    ix->method = d->method.s;
    int n = 0;
    for (const IndexKey *k = d->keys; k; k = k->next)
        n++;
    ix->keys = ARENA_ARRAY(c->arena, CatIndexKey, n ? n : 1);
    for (const IndexKey *k = d->keys; k; k = k->next) {
        CatIndexKey *ck = &ix->keys[ix->nkeys];
        if (k->col.s) {
            ck->col = cat_column(t, k->col.s);
            if (!ck->col)
                continue;
        }
        ck->expr = k->expr;
        ck->opclass = k->opclass.s;
        ck->order = k->order;
        ck->nulls = k->nulls;
        ix->nkeys++;
    }
    ix->incl = resolve_cols(c, t, d->include, &ix->nincl);
    if (!d->keys) {
        /* built without keys: the plain columns */
        ix->cols = resolve_cols(c, t, d->cols, &ix->ncols);
        ix->keys = ARENA_ARRAY(c->arena, CatIndexKey, ix->ncols + 1);
        ix->nkeys = ix->ncols;
        for (int i = 0; i < ix->ncols; i++)
            ix->keys[i].col = ix->cols[i];
        ix->plain = true;
    } else if (ix->plain) {
        ix->cols = resolve_cols(c, t, d->cols, &ix->ncols);
    } else {
        index_deps(c, t, ix);
    }
    if (ix->name)
        link_index(c, t, ix);
}

static bool cols_have(CatColumn *const *v, int n, const CatColumn *col)
{
    for (int i = 0; i < n; i++)
        if (v[i] == col)
            return true;
    return false;
}

static void drop_table(Catalog *c, CatTable *t)
{
    cat_triggers_table_dropped(c, t);
    while (t->incoming)
        unlink_constraint(c, t->incoming);
    while (t->cons)
        unlink_constraint(c, t->cons);
    while (t->idx)
        unlink_index(c, t->idx);
    hash_free(&t->colmap);
    hash_free(&t->conmap);
    if (t->prev)
        t->prev->next = t->next;
    else
        c->tables = t->next;
    if (t->next)
        t->next->prev = t->prev;
    else
        c->tables_tail = t->prev;
    c->ntables--;
    for (CatColumn *col = t->cols; col; col = col->next)
        remove_sequence(c, t, col);
    KeyBuf kb;
    hash_remove(&c->tablemap, key_tmp(&kb, t->schema, t->name));
    key_done(&kb);
    c->names_freed++;
    CatSchema *sc = cat_schema(c, t->schema);
    if (sc)
        sc->ntables--;
}

static void drop_column(Catalog *c, CatTable *t, CatColumn *col)
{
    /* What the checker did not list (it lists everything it finds). */
    for (CatConstraint *k = t->cons, *nx; k; k = nx) {
        nx = k->next;
        if (cols_have(k->cols, k->ncols, col))
            unlink_constraint(c, k);
    }
    for (CatConstraint *k = t->incoming, *nx; k; k = nx) {
        nx = k->ref_next;
        if (cols_have(k->ref_cols, k->ncols, col))
            unlink_constraint(c, k);
    }
    for (CatIndex *ix = t->idx, *nx; ix; ix = nx) {
        nx = ix->next;
        if (cols_have(ix->cols, ix->ncols, col))
            unlink_index(c, ix);
    }
    remove_sequence(c, t, col);
    remove_column(t, col);
}

/* ---- apply ---- */

static CatTable *stmt_table(const Catalog *c, const Stmt *s)
{
    return cat_table(c, s->table.schema.s, s->table.name.s);
}

static CatColumn *stmt_column(const Catalog *c, const Stmt *s)
{
    return cat_column(stmt_table(c, s), s->column.s);
}

/*
 * Check expressions and index predicates are raw SQL that name columns by
 * name: PostgreSQL follows a rename (it stores them parsed), so the model
 * rewrites its texts to say what the database would print, and a table
 * rebuilt or a check re-added from the model later uses the new name.
 * Texts are replaced, never changed in place: statements built from the
 * model earlier keep the text they were built with.
 */
static void rename_in_texts(Catalog *c, CatTable *t, const char *from,
                            const char *to)
{
    for (CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_CHECK)
            k->check = sqlscan_rename(c->arena, k->check, from, to);
    for (CatColumn *col = t->cols; col; col = col->next)
        col->generated = sqlscan_rename(c->arena, col->generated, from, to);
    for (CatIndex *ix = t->idx; ix; ix = ix->next) {
        ix->where = sqlscan_rename(c->arena, ix->where, from, to);
        CatIndexKey *keys = NULL;
        for (int i = 0; i < ix->nkeys; i++) {
            if (!ix->keys[i].expr)
                continue;
            const char *e = sqlscan_rename(c->arena, ix->keys[i].expr, from,
                                           to);
            if (e == ix->keys[i].expr)
                continue;
            /* replaced, never changed in place (see above) */
            if (!keys) {
                keys = ARENA_ARRAY(c->arena, CatIndexKey, ix->nkeys);
                memcpy(keys, ix->keys, sizeof *keys * (size_t)ix->nkeys);
            }
            keys[i].expr = e;
        }
        if (keys)
            ix->keys = keys;
    }
}

void cat_apply(Catalog *c, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_TABLE: {
        if (stmt_table(c, s))
            return;
        CatTable *t = add_table(c, s->table.schema.s, s->table.name.s);
        for (const ColumnDef *d = s->columns; d; d = d->next)
            if (!cat_column(t, d->name.s))
                add_sequence(c, t, add_column_def(c, t, d), NULL);
        for (const ColumnDef *d = s->columns; d; d = d->next)
            for (const Constraint *k = d->cons; k; k = k->next)
                add_constraint(c, t, k, true);
        for (const Constraint *k = s->constraints; k; k = k->next)
            add_constraint(c, t, k, false);
        return;
    }
    case ST_DROP_TABLE: {
        CatTable *t = stmt_table(c, s);
        if (t) {
            cat_objects_table_dropped(c, t);
            drop_table(c, t);
        }
        return;
    }
    case ST_RENAME_TABLE: {
        CatTable *t = stmt_table(c, s);
        if (!t || !s->new_name.s)
            return;
        KeyBuf kb;
        hash_remove(&c->tablemap, key_tmp(&kb, t->schema, t->name));
        key_done(&kb);
        c->names_freed++;
        const char *from = t->name;
        t->name = s->new_name.s;
        hash_put(&c->tablemap, key_arena(c->arena, t->schema, t->name), t);
        cat_objects_table_renamed(c, t, from);
        return;
    }
    case ST_ADD_COLUMN: {
        CatTable *t = stmt_table(c, s);
        const ColumnDef *d = s->columns;
        if (!t || !d || cat_column(t, d->name.s))
            return;
        add_sequence(c, t, add_column_def(c, t, d), NULL);
        for (const Constraint *k = d->cons; k; k = k->next)
            add_constraint(c, t, k, true);
        return;
    }
    case ST_DROP_COLUMN: {
        for (const Stmt *i = s->implied; i; i = i->next)
            cat_apply(c, i);
        CatTable *t = stmt_table(c, s);
        CatColumn *col = cat_column(t, s->column.s);
        if (col)
            drop_column(c, t, col);
        return;
    }
    case ST_RENAME_COLUMN: {
        CatTable *t = stmt_table(c, s);
        CatColumn *col = cat_column(t, s->column.s);
        if (!col || !s->new_name.s)
            return;
        rename_in_texts(c, t, col->name, s->new_name.s);
        hash_remove(&t->colmap, col->name);
        const char *from = col->name;
        col->name = s->new_name.s;
        hash_put(&t->colmap, col->name, col);
        cat_objects_column_renamed(c, col, from);
        return;
    }
    case ST_ALTER_TYPE: {
        CatColumn *col = stmt_column(c, s);
        if (col)
            col->type = serial_kept(&col->type, &s->type);
        return;
    }
    case ST_SET_DEFAULT: {
        CatColumn *col = stmt_column(c, s);
        if (col) {
            serial_drop(col);
            col->def = s->def;
        }
        return;
    }
    case ST_DROP_DEFAULT: {
        CatColumn *col = stmt_column(c, s);
        if (col) {
            serial_drop(col);
            col->def = NULL;
        }
        return;
    }
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL: {
        CatColumn *col = stmt_column(c, s);
        if (col)
            col->not_null = s->kind == ST_SET_NOT_NULL;
        return;
    }
    case ST_CREATE_INDEX: {
        const IndexDef *d = s->index;
        if (!d)
            return;
        CatTable *t = cat_table(c, d->table.schema.s, d->table.name.s);
        if (t && !cat_index(c, t->schema, d->name.name.s))
            add_index(c, t, d);
        else if (!t)
            cat_object_index_apply(c, s);
        return;
    }
    case ST_DROP_INDEX: {
        CatIndex *ix = cat_index(c, s->object.schema.s, s->object.name.s);
        if (ix)
            unlink_index(c, ix);
        else
            cat_object_index_apply(c, s);
        return;
    }
    case ST_ADD_CONSTRAINT: {
        CatTable *t = stmt_table(c, s);
        if (t && s->constraints && !cat_constraint(t, s->constraints->name.s))
            add_constraint(c, t, s->constraints, false);
        return;
    }
    case ST_DROP_CONSTRAINT: {
        CatConstraint *k = cat_constraint(stmt_table(c, s), s->cname.s);
        if (k)
            unlink_constraint(c, k);
        return;
    }
    case ST_CREATE_SCHEMA:
        if (s->cname.s && !cat_schema(c, s->cname.s))
            add_schema(c, s->cname.s);
        return;
    case ST_DROP_SCHEMA: {
        CatSchema *sc = cat_schema(c, s->cname.s);
        if (sc)
            remove_schema(c, sc);
        return;
    }
    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
        cat_enum_apply(c, s);
        return;
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
        cat_routine_apply(c, s);
        return;
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
        cat_ext_apply(c, s);
        return;
    case ST_RENAME_INDEX: {
        CatIndex *ix = cat_index(c, s->object.schema.s, s->object.name.s);
        if (!ix && s->new_name.s)
            cat_object_index_apply(c, s);
        if (!ix || !s->new_name.s)
            return;
        KeyBuf kb;
        hash_remove(&c->indexmap, key_tmp(&kb, ix->table->schema, ix->name));
        key_done(&kb);
        c->names_freed++;
        ix->name = s->new_name.s;
        hash_put(&c->indexmap,
                 key_arena(c->arena, ix->table->schema, ix->name), ix);
        return;
    }
    case ST_RENAME_CONSTRAINT: {
        CatTable *t = stmt_table(c, s);
        CatConstraint *k = cat_constraint(t, s->cname.s);
        if (!k || !s->new_name.s)
            return;
        hash_remove(&t->conmap, k->name);
        c->names_freed++;
        bool keyed = k->kind == CON_PRIMARY || k->kind == CON_UNIQUE;
        if (keyed) {
            /* PostgreSQL renames the index it owns with it */
            KeyBuf kb;
            hash_remove(&c->keymap, key_tmp(&kb, t->schema, k->name));
            key_done(&kb);
        }
        k->name = s->new_name.s;
        hash_put(&t->conmap, k->name, k);
        if (keyed)
            hash_put(&c->keymap, key_arena(c->arena, t->schema, k->name), k);
        return;
    }
    case ST_RENAME_SEQUENCE: {
        CatColumn *col = cat_sequence(c, s->object.schema.s,
                                      s->object.name.s);
        if (!col || !s->new_name.s)
            return;
        KeyBuf kb;
        hash_remove(&c->seqmap, key_tmp(&kb, col->table->schema, col->seq));
        key_done(&kb);
        c->names_freed++;
        col->seq = s->new_name.s;
        hash_put(&c->seqmap, key_arena(c->arena, col->table->schema, col->seq),
                 col);
        return;
    }
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
        cat_apply_object(c, s);
        return;
    case ST_COMMENT: {
        CatTable *t = stmt_table(c, s);
        if (!t)
            return;
        if (!s->column.s) {
            t->comment = s->comment;
            return;
        }
        CatColumn *col = cat_column(t, s->column.s);
        if (col)
            col->comment = s->comment;
        return;
    }
    case ST_SQL:
    case ST_FILL_COLUMN:
    case ST_IRREVERSIBLE:
        return;
    }
}

/* ---- copies ---- */

static CatColumn **map_cols(Arena *a, CatColumn *const *v, int n,
                            const CatTable *to)
{
    CatColumn **r = ARENA_ARRAY(a, CatColumn *, n ? n : 1);
    for (int i = 0; i < n; i++)
        r[i] = cat_column(to, v[i]->name);
    return r;
}

void cat_copy(Catalog *dst, const Catalog *src, Arena *a)
{
    cat_init(dst, a);
    for (CatSchema *s = src->schemas; s; s = s->next)
        add_schema(dst, arena_strdup(a, s->name));
    for (CatTable *t = src->tables; t; t = t->next) {
        CatTable *nt = add_table(dst, t->schema ? arena_strdup(a, t->schema) : NULL,
                                 arena_strdup(a, t->name));
        nt->comment = t->comment ? arena_strdup(a, t->comment) : NULL;
        for (CatColumn *col = t->cols; col; col = col->next) {
            TypeRef ty = type_copy(a, &col->type);
            CatColumn *nc = add_column(dst, nt, arena_strdup(a, col->name),
                                       &ty, col->not_null,
                                       expr_copy(a, col->def));
            nc->generated = col->generated ? arena_strdup(a, col->generated)
                                           : NULL;
            nc->identity = col->identity;
            nc->comment = col->comment ? arena_strdup(a, col->comment) : NULL;
            if (col->seq)
                add_sequence(dst, nt, nc, arena_strdup(a, col->seq));
        }
    }
    cat_enum_copy(dst, src, a);
    cat_ext_copy(dst, src, a);
    /* Second pass: constraints may reference any table. */
    for (CatTable *t = src->tables; t; t = t->next) {
        CatTable *nt = cat_table(dst, t->schema, t->name);
        for (CatConstraint *k = t->cons; k; k = k->next) {
            CatConstraint *nk = ARENA_NEW(a, CatConstraint);
            *nk = *k;
            nk->name = arena_strdup(a, k->name);
            nk->check = k->check ? arena_strdup(a, k->check) : NULL;
            nk->cols = map_cols(a, k->cols, k->ncols, nt);
            if (k->ref_table) {
                nk->ref_table = cat_table(dst, k->ref_table->schema,
                                          k->ref_table->name);
                nk->ref_cols = map_cols(a, k->ref_cols, k->ncols,
                                        nk->ref_table);
            }
            link_constraint(dst, nt, nk);
        }
        for (CatIndex *ix = t->idx; ix; ix = ix->next) {
            CatIndex *ni = ARENA_NEW(a, CatIndex);
            *ni = *ix;
            ni->name = arena_strdup(a, ix->name);
            ni->where = ix->where ? arena_strdup(a, ix->where) : NULL;
            ni->cols = map_cols(a, ix->cols, ix->ncols, nt);
            ni->incl = map_cols(a, ix->incl, ix->nincl, nt);
            ni->keys = ARENA_ARRAY(a, CatIndexKey, ix->nkeys + 1);
            for (int i = 0; i < ix->nkeys; i++) {
                ni->keys[i] = ix->keys[i];
                if (ix->keys[i].col)
                    ni->keys[i].col = cat_column(nt, ix->keys[i].col->name);
            }
            link_index(dst, nt, ni);
        }
    }
    cat_objects_copy(dst, src, a);
    cat_routine_copy(dst, src, a);
}

CatTable *cat_table_snapshot(Catalog *c, const CatTable *t)
{
    Arena *a = c->arena;
    CatTable *nt = ARENA_NEW(a, CatTable);
    nt->schema = t->schema;
    nt->name = t->name;
    /* The maps stay empty (lookups scan), so the snapshot needs no
     * freeing; a temporary map makes the copy linear. */
    HashMap cols;
    hash_init(&cols);
    for (CatColumn *col = t->cols; col; col = col->next) {
        CatColumn *nc = ARENA_NEW(a, CatColumn);
        *nc = *col;
        nc->table = nt;
        nc->next = NULL;
        nc->prev = nt->cols_tail;
        if (nt->cols_tail)
            nt->cols_tail->next = nc;
        else
            nt->cols = nc;
        nt->cols_tail = nc;
        nt->ncols++;
        hash_put(&cols, nc->name, nc);
    }
    for (CatConstraint *k = t->cons; k; k = k->next) {
        CatConstraint *nk = ARENA_NEW(a, CatConstraint);
        *nk = *k;
        nk->table = nt;
        nk->cols = ARENA_ARRAY(a, CatColumn *, k->ncols ? k->ncols : 1);
        for (int i = 0; i < k->ncols; i++)
            nk->cols[i] = hash_get(&cols, k->cols[i]->name);
        nk->ref_prev = nk->ref_next = NULL;
        nk->next = NULL;
        nk->prev = nt->cons_tail;
        if (nt->cons_tail)
            nt->cons_tail->next = nk;
        else
            nt->cons = nk;
        nt->cons_tail = nk;
    }
    for (CatIndex *ix = t->idx; ix; ix = ix->next) {
        CatIndex *ni = ARENA_NEW(a, CatIndex);
        *ni = *ix;
        ni->table = nt;
        ni->cols = ARENA_ARRAY(a, CatColumn *, ix->ncols ? ix->ncols : 1);
        for (int i = 0; i < ix->ncols; i++)
            ni->cols[i] = hash_get(&cols, ix->cols[i]->name);
        ni->incl = ARENA_ARRAY(a, CatColumn *, ix->nincl + 1);
        for (int i = 0; i < ix->nincl; i++)
            ni->incl[i] = hash_get(&cols, ix->incl[i]->name);
        ni->keys = ARENA_ARRAY(a, CatIndexKey, ix->nkeys + 1);
        for (int i = 0; i < ix->nkeys; i++) {
            ni->keys[i] = ix->keys[i];
            if (ix->keys[i].col)
                ni->keys[i].col = hash_get(&cols, ix->keys[i].col->name);
        }
        ni->next = NULL;
        ni->prev = nt->idx_tail;
        if (nt->idx_tail)
            nt->idx_tail->next = ni;
        else
            nt->idx = ni;
        nt->idx_tail = ni;
    }
    hash_free(&cols);
    return nt;
}

/* ---- comparison ---- */

static bool differ(StrBuf *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool differ(StrBuf *why, const char *fmt, ...)
{
    if (why) {
        va_list ap;
        va_start(ap, fmt);
        sb_vprintf(why, fmt, ap);
        va_end(ap);
    }
    return false;
}

static const char *show(const char *s)
{
    return s ? s : "(none)";
}


static bool col_names_equal(CatColumn *const *a, CatColumn *const *b, int n)
{
    for (int i = 0; i < n; i++)
        if (!a[i] || !b[i] || strcmp(a[i]->name, b[i]->name) != 0)
            return false;
    return true;
}

static bool column_equal(const CatTable *t, const CatColumn *x,
                         const CatColumn *y, StrBuf *why)
{
    if (!cat_type_equal(&x->type, &y->type)) {
        if (why) {
            sb_printf(why, "table %s: column %s: type ", t->name, x->name);
            ast_type_format(why, &x->type);
            sb_puts(why, " vs ");
            ast_type_format(why, &y->type);
        }
        return false;
    }
    if (x->not_null != y->not_null)
        return differ(why, "table %s: column %s: %s vs %s", t->name, x->name,
                      x->not_null ? "not null" : "null",
                      y->not_null ? "not null" : "null");
    if (!cat_expr_equal(x->def, y->def))
        return differ(why, "table %s: column %s: default %s vs %s", t->name,
                      x->name,
                      x->def ? (x->def->text ? x->def->text : "(set)") : "(none)",
                      y->def ? (y->def->text ? y->def->text : "(set)") : "(none)");
    if (!sqlscan_equal(x->generated, y->generated))
        return differ(why, "table %s: column %s: generated as %s vs %s",
                      t->name, x->name, show(x->generated),
                      show(y->generated));
    if (x->identity != y->identity)
        return differ(why, "table %s: column %s: identity differs", t->name,
                      x->name);
    return true;
}

static int count_cons(const CatTable *t)
{
    int n = 0;
    for (CatConstraint *k = t->cons; k; k = k->next)
        n++;
    return n;
}

static int count_idx(const CatTable *t)
{
    int n = 0;
    for (CatIndex *ix = t->idx; ix; ix = ix->next)
        n++;
    return n;
}

static bool table_equal(const Catalog *cb, const CatTable *x,
                        const CatTable *y, bool ignore_col_order, StrBuf *why)
{
    if (x->ncols != y->ncols)
        return differ(why, "table %s: %d columns vs %d", x->name, x->ncols,
                      y->ncols);
    if (ignore_col_order) {
        for (CatColumn *c = x->cols; c; c = c->next) {
            CatColumn *d = cat_column(y, c->name);
            if (!d)
                return differ(why, "table %s: column %s only in the first",
                              x->name, c->name);
            if (!column_equal(x, c, d, why))
                return false;
        }
    } else {
        for (CatColumn *c = x->cols, *d = y->cols; c && d;
             c = c->next, d = d->next) {
            if (strcmp(c->name, d->name) != 0)
                return differ(why, "table %s: column %s vs %s", x->name,
                              c->name, d->name);
            if (!column_equal(x, c, d, why))
                return false;
        }
    }
    int nx = count_cons(x), ny = count_cons(y);
    for (CatConstraint *k = x->cons; k; k = k->next) {
        CatConstraint *l = cat_constraint(y, k->name);
        if (!l)
            return differ(why, "table %s: constraint %s only in the first",
                          x->name, k->name);
        if (k->kind != l->kind || k->ncols != l->ncols ||
            !col_names_equal(k->cols, l->cols, k->ncols))
            return differ(why, "table %s: constraint %s: kind or columns "
                          "differ", x->name, k->name);
        if (!sqlscan_equal(k->check, l->check))
            return differ(why, "table %s: constraint %s: check %s vs %s",
                          x->name, k->name, show(k->check), show(l->check));
        if (k->kind == CON_FOREIGN) {
            if (!k->ref_table || !l->ref_table ||
                !str_eq(k->ref_table->schema, l->ref_table->schema) ||
                !str_eq(k->ref_table->name, l->ref_table->name) ||
                !col_names_equal(k->ref_cols, l->ref_cols, k->ncols))
                return differ(why, "table %s: constraint %s: referenced "
                              "table or columns differ", x->name, k->name);
            if (k->on_delete != l->on_delete || k->on_update != l->on_update)
                return differ(why, "table %s: constraint %s: actions differ",
                              x->name, k->name);
        }
    }
    if (nx != ny)
        return differ(why, "table %s: %d constraints vs %d", x->name, nx, ny);
    for (CatIndex *ix = x->idx; ix; ix = ix->next) {
        CatIndex *iy = cat_index(cb, y->schema, ix->name);
        if (!iy || iy->table != y)
            return differ(why, "table %s: index %s only in the first",
                          x->name, ix->name);
        if (ix->unique != iy->unique || ix->ncols != iy->ncols ||
            !col_names_equal(ix->cols, iy->cols, ix->ncols) ||
            !sqlscan_equal(ix->where, iy->where) || !cat_index_keys_equal(ix, iy))
            return differ(why, "table %s: index %s differs", x->name,
                          ix->name);
    }
    int ix = count_idx(x), iy = count_idx(y);
    if (ix != iy)
        return differ(why, "table %s: %d indexes vs %d", x->name, ix, iy);
    return true;
}

bool cat_equal(const Catalog *a, const Catalog *b, bool ignore_col_order,
               StrBuf *why)
{
    int na = 0, nb = 0;
    for (CatSchema *s = a->schemas; s; s = s->next, na++)
        if (!cat_schema(b, s->name))
            return differ(why, "schema %s only in the first", s->name);
    for (CatSchema *s = b->schemas; s; s = s->next)
        nb++;
    if (na != nb)
        return differ(why, "%d schemas vs %d", na, nb);
    for (CatTable *t = a->tables; t; t = t->next) {
        CatTable *u = cat_table(b, t->schema, t->name);
        if (!u)
            return differ(why, "table %s only in the first", t->name);
        if (!table_equal(b, t, u, ignore_col_order, why))
            return false;
    }
    if (a->ntables != b->ntables)
        return differ(why, "%d tables vs %d", a->ntables, b->ntables);
    return cat_enum_equal(a, b, why) && cat_objects_equal(a, b, why) &&
           cat_routine_equal(a, b, why) && cat_ext_equal(a, b, why);
}

/* ---- back to statements ---- */

static QName qname(const char *schema, const char *name)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.schema.s = schema;
    q.name.s = name;
    return q;
}

static NameList *names_of(Arena *a, CatColumn *const *v, int n)
{
    NameList *head = NULL, **tail = &head;
    for (int i = 0; i < n; i++) {
        NameList *l = ARENA_NEW(a, NameList);
        l->name.s = v[i]->name;
        *tail = l;
        tail = &l->next;
    }
    return head;
}

static Constraint *constraint_of(Arena *a, const CatConstraint *k)
{
    Constraint *x = ARENA_NEW(a, Constraint);
    x->kind = k->kind;
    x->name.s = k->name;
    x->cols = names_of(a, k->cols, k->ncols);
    x->check = k->check;
    if (k->kind == CON_FOREIGN && k->ref_table) {
        x->ref_table = qname(k->ref_table->schema, k->ref_table->name);
        x->ref_cols = names_of(a, k->ref_cols, k->ncols);
    }
    x->on_delete = k->on_delete;
    x->on_update = k->on_update;
    return x;
}

ColumnDef *cat_column_def(Catalog *c, const CatColumn *col)
{
    ColumnDef *d = ARENA_NEW(c->arena, ColumnDef);
    d->name.s = col->name;
    d->type = col->type;
    memset(&d->type.loc, 0, sizeof d->type.loc);
    d->not_null = col->not_null;
    d->def = expr_copy(c->arena, col->def);
    d->generated = col->generated;
    d->identity = col->identity;
    return d;
}

static Stmt *comment_stmt(Catalog *c, const CatTable *t, const char *col,
                          const char *text, Stmt *next)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_COMMENT;
    s->table = qname(t->schema, t->name);
    s->column.s = col;
    s->comment = text;
    s->next = next;
    return s;
}

Stmt *cat_comment_stmts(Catalog *c, const CatTable *t, const CatColumn *col)
{
    if (col)
        return col->comment ? comment_stmt(c, t, col->name, col->comment,
                                           NULL)
                            : NULL;
    Stmt *r = NULL;
    for (const CatColumn *k = t->cols_tail; k; k = k->prev)
        if (k->comment)
            r = comment_stmt(c, t, k->name, k->comment, r);
    if (t->comment)
        r = comment_stmt(c, t, NULL, t->comment, r);
    return r;
}

Stmt *cat_table_stmt(Catalog *c, const CatTable *t, bool with_fks)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_TABLE;
    s->table = qname(t->schema, t->name);
    ColumnDef **ct = &s->columns;
    for (const CatColumn *col = t->cols; col; col = col->next) {
        *ct = cat_column_def(c, col);
        ct = &(*ct)->next;
    }
    Constraint **kt = &s->constraints;
    for (const CatConstraint *k = t->cons; k; k = k->next) {
        if (k->kind == CON_FOREIGN && !with_fks)
            continue;
        *kt = constraint_of(c->arena, k);
        kt = &(*kt)->next;
    }
    return s;
}

bool cat_index_keys_equal(const CatIndex *x, const CatIndex *y)
{
    if (x->nkeys != y->nkeys || x->nincl != y->nincl ||
        !str_eq(x->method, y->method) ||
        !col_names_equal(x->incl, y->incl, x->nincl))
        return false;
    for (int i = 0; i < x->nkeys; i++) {
        const CatIndexKey *a = &x->keys[i], *b = &y->keys[i];
        if (!a->col != !b->col ||
            (a->col && strcmp(a->col->name, b->col->name) != 0) ||
            (a->expr && !sqlscan_equal(a->expr, b->expr)) ||
            !str_eq(a->opclass, b->opclass) || a->order != b->order ||
            a->nulls != b->nulls)
            return false;
    }
    return true;
}

Stmt *cat_index_stmt(Catalog *c, const CatIndex *ix)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_INDEX;
    IndexDef *d = ARENA_NEW(c->arena, IndexDef);
    d->unique = ix->unique;
    /* CREATE INDEX names are never qualified: the index goes into the
     * schema of its table. */
    d->name = qname(NULL, ix->name);
    d->table = qname(ix->table->schema, ix->table->name);
    d->where = ix->where;
    d->method.s = ix->method;
    d->include = names_of(c->arena, ix->incl, ix->nincl);
    IndexKey **tail = &d->keys;
    NameList **ctail = &d->cols;
    for (int i = 0; i < ix->nkeys; i++) {
        const CatIndexKey *ck = &ix->keys[i];
        IndexKey *k = ARENA_NEW(c->arena, IndexKey);
        k->col.s = ck->col ? ck->col->name : NULL;
        k->expr = ck->expr;
        k->opclass.s = ck->opclass;
        k->order = ck->order;
        k->nulls = ck->nulls;
        *tail = k;
        tail = &k->next;
        if (ck->col) {
            NameList *l = ARENA_NEW(c->arena, NameList);
            l->name.s = ck->col->name;
            *ctail = l;
            ctail = &l->next;
        }
    }
    s->index = d;
    s->table = d->table;
    return s;
}

Stmt *cat_constraint_stmt(Catalog *c, const CatConstraint *k)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_ADD_CONSTRAINT;
    s->table = qname(k->table->schema, k->table->name);
    s->cname.s = k->name;
    s->constraints = constraint_of(c->arena, k);
    return s;
}
