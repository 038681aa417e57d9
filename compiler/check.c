/*
 * check.c — parse analysis: each statement against the catalog as it
 * stands just before it (language.md, "The schema model").
 *
 * Did-you-mean hints come from suggest.c, type names from types.c.
 *
 * The checker reports every problem of a statement, then returns; it never
 * changes the catalog.  It completes the statement so that cat_apply() and
 * the emitters see it fully resolved:
 *
 *   - an explicit "public" schema becomes NULL (the default schema);
 *   - unnamed constraints and indexes get the name PostgreSQL would give
 *     them (makeObjectName + ChooseRelationName: truncated to 63 bytes,
 *     then "1", "2", ... appended to the label while the name is taken:
 *     naming.c);
 *   - column-level constraints get their column in Constraint.cols;
 *   - a foreign key without referenced columns gets the primary key's;
 *   - primary-key columns of a new table or column are marked not null;
 *   - DROP COLUMN gets, in Stmt.implied, a DROP CONSTRAINT / DROP INDEX for
 *     every constraint and index that uses the column.
 *
 * Decisions where PostgreSQL is lenient or the contract is silent:
 *   - SET NOT NULL on a column that is already NOT NULL, DROP NOT NULL on a
 *     nullable one, DROP DEFAULT on a column without a default, and ALTER
 *     TYPE to the type the column already has change nothing: warnings.
 *   - A table without columns is an error (PostgreSQL allows it, but it is
 *     almost always a mistake in a migration).
 *   - Foreign-key column types are compared by family (the integers, an
 *     integer column with a numeric key, the text types, the floats; every
 *     other type only with itself).  PostgreSQL also accepts a few
 *     cross-family pairs through implicit casts (an integer column with a
 *     double precision key, timestamp with timestamptz): refused here.
 *   - SET NULL on a NOT NULL or primary-key column is an error, though
 *     PostgreSQL accepts it (every delete then fails; MySQL refuses it).
 *     SET DEFAULT is not checked.
 *   - Statements that the compiler builds itself (derived downs, statements
 *     rebuilt from the catalog) have no location (loc.end == 0); they get
 *     no warnings, since those were given for the statement they undo.
 */
#include "check.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "naming.h"
#include "objkind.h"
#include "suggest.h"
#include "types.h"
#include "sqlscan.h"

typedef struct Ctx {
    Checker *ck;
    Migration *m;
    Stmt *s;
    bool ok;
    bool synthetic;     /* built by the compiler: no warnings */
} Ctx;

static void report(Ctx *x, DiagLevel level, Loc loc, const char *hint,
                   const char *fmt, va_list ap)
{
    if (loc.end == 0 && loc.start == 0)
        loc = x->s->loc;
    diag_vat(x->ck->diag, level, &x->m->src, loc, hint, fmt, ap);
}

static void err(Ctx *x, Loc loc, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void warn(Ctx *x, Loc loc, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void err(Ctx *x, Loc loc, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(x, DIAG_ERROR, loc, hint, fmt, ap);
    va_end(ap);
    x->ok = false;
}

static void warn(Ctx *x, Loc loc, const char *hint, const char *fmt, ...)
{
    if (x->synthetic)
        return;
    va_list ap;
    va_start(ap, fmt);
    report(x, DIAG_WARNING, loc, hint, fmt, ap);
    va_end(ap);
}

static bool str_eq_null(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static Arena *A(Ctx *x)
{
    return x->ck->arena;
}

static Catalog *C(Ctx *x)
{
    return x->ck->cat;
}

/* "schema.name" or "name", for messages. */
static const char *qual(Ctx *x, const char *schema, const char *name)
{
    return cat_display(A(x), schema, name);
}

static const char *tdisp(Ctx *x, const CatTable *t)
{
    return qual(x, t->schema, t->name);
}

/* ---- did you mean ---- */

static const char *hint_of(Ctx *x, const char *prefix, const char *name,
                           const char **cands, int n)
{
    return suggest_hint(A(x), prefix, name, cands, n);
}

static const char *suggest_column(Ctx *x, const CatTable *t, const char *name)
{
    return suggest_catalog_column(A(x), t, name);
}

/* ---- names and lookups ---- */

static void norm_schema(Ident *id)
{
    if (id->s && strcmp(id->s, "public") == 0)
        id->s = NULL;
}

static void check_ident(Ctx *x, const Ident *id)
{
    if (id->s && strlen(id->s) > MIGC_MAX_IDENT_BYTES)
        err(x, id->loc, NULL, "identifier \"%s\" is longer than %d bytes",
            id->s, MIGC_MAX_IDENT_BYTES);
}

static void check_qname(Ctx *x, QName *q)
{
    check_ident(x, &q->schema);
    check_ident(x, &q->name);
    norm_schema(&q->schema);
}

static void check_names(Ctx *x, const NameList *l)
{
    for (; l; l = l->next)
        check_ident(x, &l->name);
}

static void check_constraint_idents(Ctx *x, Constraint *k)
{
    for (; k; k = k->next) {
        check_ident(x, &k->name);
        check_names(x, k->cols);
        check_qname(x, &k->ref_table);
        check_names(x, k->ref_cols);
    }
}

/* Every identifier of the statement within the length limit; "public"
 * turned into the default schema. */
static void check_idents(Ctx *x, Stmt *s)
{
    check_qname(x, &s->table);
    check_ident(x, &s->column);
    check_ident(x, &s->new_name);
    check_ident(x, &s->cname);
    check_qname(x, &s->object);
    for (ColumnDef *d = s->columns; d; d = d->next) {
        check_ident(x, &d->name);
        check_constraint_idents(x, d->cons);
    }
    check_constraint_idents(x, s->constraints);
    if (s->index) {
        check_qname(x, &s->index->name);
        check_qname(x, &s->index->table);
        check_names(x, s->index->cols);
        check_names(x, s->index->include);
    }
}

static Loc loc_or(Loc a, Loc b)
{
    return a.end ? a : b;
}

static bool need_schema(Ctx *x, const Ident *schema)
{
    if (!schema->s || cat_schema(C(x), schema->s))
        return true;
    err(x, schema->loc, suggest_catalog_schema(A(x), C(x), schema->s),
        "schema %s does not exist", schema->s);
    return false;
}

static CatTable *need_table(Ctx *x, const QName *q)
{
    if (!q->name.s || !need_schema(x, &q->schema))
        return NULL;
    CatTable *t = cat_table(C(x), q->schema.s, q->name.s);
    if (!t)
        err(x, loc_or(q->loc, q->name.loc),
            suggest_catalog_table(A(x), C(x), q->schema.s, q->name.s),
            "table %s does not exist", qual(x, q->schema.s, q->name.s));
    return t;
}

static CatColumn *need_column(Ctx *x, CatTable *t, const Ident *c)
{
    if (!t || !c->s)
        return NULL;
    CatColumn *col = cat_column(t, c->s);
    if (!col)
        err(x, c->loc, suggest_column(x, t, c->s),
            "column %s.%s does not exist", tdisp(x, t), c->s);
    return col;
}

/* What holds `name` in the relation namespace of `schema` (tables,
 * indexes, the indexes of primary keys and unique constraints, and the
 * sequences of serial columns, as in PostgreSQL), as a phrase for a
 * message; NULL when the name is free. */
static const char *rel_owner(Ctx *x, const char *schema, const char *name)
{
    if (cat_table(C(x), schema, name))
        return arena_printf(A(x), "table %s", qual(x, schema, name));
    if (cat_index(C(x), schema, name) || cat_object_index(C(x), schema, name))
        return arena_printf(A(x), "index %s", qual(x, schema, name));
    CatConstraint *k = cat_key_constraint(C(x), schema, name);
    if (k)
        return arena_printf(A(x), "constraint %s.%s", tdisp(x, k->table),
                            k->name);
    CatColumn *col = cat_sequence(C(x), schema, name);
    if (col)
        return arena_printf(A(x), "sequence %s of column %s.%s",
                            qual(x, schema, name), tdisp(x, col->table),
                            col->name);
    CatObject *o = cat_object_any(C(x), OBJ_VIEW, schema, name);
    if (o)
        return arena_printf(A(x), "%s %s", obj_kind(o->kind)->word,
                            qual(x, schema, name));
    return NULL;
}

/* ---- dependants (objects whose texts use a table, column or object) ---- */

typedef struct DepCheck {
    Ctx *x;
    Loc loc;
    const char *what;       /* "cannot drop table users" */
    const char *hint;
} DepCheck;

static bool dep_refuse(void *arg, CatObject *d, const CatDep *dep)
{
    DepCheck *dc = arg;
    Ctx *x = dc->x;
    (void)dep;
    const char *dd = arena_printf(A(x), "%s %s", obj_kind(d->kind)->word,
                                  qual(x, d->schema, d->name));
    err(x, dc->loc, arena_printf(A(x), "drop %s first", dd), "%s: %s uses it",
        dc->what, dd);
    return true;
}

/* Refuse what would break an object that depends on table t (col NULL),
 * its column col, or object o: every dependant is named. */
static void check_dependants(Ctx *x, Loc loc, const CatTable *t,
                             const CatColumn *col, const CatObject *o,
                             const char *what)
{
    if (!C(x)->objects)
        return;
    DepCheck dc = { x, loc, what, NULL };
    cat_dependants(C(x), t, col, o, dep_refuse, &dc);
}

/* "table users already exists", or "cannot create index users: the name
 * is taken by table users". */
static void name_taken(Ctx *x, Loc loc, const char *what, const char *schema,
                       const char *name, const char *owner)
{
    const char *mine = arena_printf(A(x), "%s %s", what,
                                    qual(x, schema, name));
    if (strcmp(mine, owner) == 0)
        err(x, loc, NULL, "%s already exists", owner);
    else
        err(x, loc, NULL, "cannot create %s: the name is taken by %s", mine,
            owner);
}

/* ---- generated names (naming.c) ---- */

static const char *choose_name(Ctx *x, const char *schema, const CatTable *t,
                               HashMap *used, bool relation,
                               const char *tname, const char *cols,
                               const char *label)
{
    return naming_choose(C(x), A(x), schema, t, used, relation, tname, cols,
                         label);
}

/* ---- the table a constraint belongs to ---- */

/* CREATE TABLE checks its constraints against the statement's columns,
 * ADD COLUMN against the table and the new column, ADD CONSTRAINT against
 * the table. */
typedef struct TableCtx {
    const char *schema, *name;
    CatTable *t;            /* existing table, or NULL (create table) */
    Stmt *creating;         /* CREATE TABLE: the statement */
    HashMap *newcols;       /* CREATE TABLE: name -> ColumnDef */
    ColumnDef *newcol;      /* ADD COLUMN: the new column */
    HashMap used;           /* constraint names taken in this statement */
    bool has_pk;
} TableCtx;

static const NameList *stmt_pk_cols(const Stmt *s);

static ColumnDef *tc_newcol(TableCtx *tc, const char *name)
{
    if (tc->newcols)
        return hash_get(tc->newcols, name);
    if (tc->newcol && strcmp(tc->newcol->name.s, name) == 0)
        return tc->newcol;
    return NULL;
}

static bool col_in(CatColumn *const *v, int n, const CatColumn *col)
{
    for (int i = 0; i < n; i++)
        if (v[i] == col)
            return true;
    return false;
}

/* The type of a column of the table a constraint belongs to (NULL when
 * the column does not exist). */
static const TypeRef *tc_col_type(TableCtx *tc, const char *name)
{
    ColumnDef *d = tc_newcol(tc, name);
    if (d)
        return &d->type;
    CatColumn *c = tc->t ? cat_column(tc->t, name) : NULL;
    return c ? &c->type : NULL;
}

/* Whether a column of the table is NOT NULL, written so or as part of the
 * primary key (a new table's key may come after the column). */
static bool tc_col_not_null(TableCtx *tc, const char *name)
{
    ColumnDef *d = tc_newcol(tc, name);
    if (d) {
        if (d->not_null)
            return true;
        for (Constraint *k = d->cons; k; k = k->next)
            if (k->kind == CON_PRIMARY)
                return true;
        if (tc->creating)
            for (const NameList *l = stmt_pk_cols(tc->creating); l;
                 l = l->next)
                if (l->name.s && strcmp(l->name.s, name) == 0)
                    return true;
        return false;
    }
    CatColumn *c = tc->t ? cat_column(tc->t, name) : NULL;
    if (!c)
        return false;
    CatConstraint *pk = cat_primary_key(tc->t);
    return c->not_null || (pk && col_in(pk->cols, pk->ncols, c));
}

static bool tc_has_col(TableCtx *tc, const char *name)
{
    return tc_newcol(tc, name) || (tc->t && cat_column(tc->t, name));
}

static const char *tc_suggest(Ctx *x, TableCtx *tc, const char *name)
{
    if (tc->creating) {
        int cap = 0;
        for (ColumnDef *d = tc->creating->columns; d; d = d->next)
            cap++;
        const char **v = ARENA_ARRAY(A(x), const char *, cap + 1);
        int n = 0;
        for (ColumnDef *d = tc->creating->columns; d; d = d->next)
            v[n++] = d->name.s;
        return hint_of(x, qual(x, tc->schema, tc->name), name, v, n);
    }
    return tc->t ? suggest_column(x, tc->t, name) : NULL;
}

static bool same_set(const char *const *a, int n, const NameList *l)
{
    int m = 0;
    for (const NameList *p = l; p; p = p->next, m++) {
        bool found = false;
        for (int i = 0; i < n && !found; i++)
            found = strcmp(a[i], p->name.s) == 0;
        if (!found)
            return false;
    }
    return m == n;
}

static bool same_set_cols(CatColumn *const *v, int n, const NameList *l)
{
    const char *small[16] = {0};
    const char **a = n <= 16 ? small : xmalloc(sizeof *a * (size_t)n);
    for (int i = 0; i < n; i++)
        a[i] = v[i]->name;
    bool r = same_set(a, n, l);
    if (a != small)
        free(a);
    return r;
}

/* Whether the columns `l` of existing table t are its primary key, a
 * unique constraint or a unique index without predicate, which
 * PostgreSQL requires of referenced columns. */
static bool cat_has_key(const CatTable *t, const NameList *l)
{
    for (CatConstraint *k = t->cons; k; k = k->next)
        if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
            same_set_cols(k->cols, k->ncols, l))
            return true;
    for (CatIndex *ix = t->idx; ix; ix = ix->next)
        if (ix->unique && ix->plain && !ix->where &&
            same_set_cols(ix->cols, ix->ncols, l))
            return true;
    return false;
}

static bool names_same_set(const NameList *a, const NameList *b)
{
    int n = 0;
    for (const NameList *p = a; p; p = p->next)
        n++;
    const char **v = xmalloc(sizeof *v * (size_t)(n ? n : 1));
    n = 0;
    for (const NameList *p = a; p; p = p->next)
        v[n++] = p->name.s;
    bool r = same_set(v, n, b);
    free(v);
    return r;
}

/* The same for the table being created. */
static bool stmt_has_key(const Stmt *s, const NameList *l)
{
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
                names_same_set(k->cols, l))
                return true;
    for (Constraint *k = s->constraints; k; k = k->next)
        if ((k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
            names_same_set(k->cols, l))
            return true;
    return false;
}

static const NameList *stmt_pk_cols(const Stmt *s)
{
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            if (k->kind == CON_PRIMARY)
                return k->cols;
    for (Constraint *k = s->constraints; k; k = k->next)
        if (k->kind == CON_PRIMARY)
            return k->cols;
    return NULL;
}

static NameList *namelist_of_cols(Arena *a, CatColumn *const *v, int n)
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

static NameList *namelist_copy(Arena *a, const NameList *src)
{
    NameList *head = NULL, **tail = &head;
    for (; src; src = src->next) {
        NameList *l = ARENA_NEW(a, NameList);
        l->name.s = src->name.s;
        *tail = l;
        tail = &l->next;
    }
    return head;
}

static int namelist_len(const NameList *l)
{
    int n = 0;
    for (; l; l = l->next)
        n++;
    return n;
}

static const char *con_what(ConKind k)
{
    switch (k) {
    case CON_PRIMARY:
        return "primary key";
    case CON_UNIQUE:
        return "unique constraint";
    case CON_CHECK:
        return "check constraint";
    case CON_FOREIGN:
        return "foreign key";
    }
    return "constraint";
}

static const char *cols_text(Ctx *x, const NameList *l)
{
    StrBuf b;
    sb_init(&b);
    for (; l; l = l->next) {
        if (b.len)
            sb_puts(&b, ", ");
        sb_puts(&b, l->name.s);
    }
    const char *r = sb_arena_copy(&b, A(x));
    sb_free(&b);
    return r;
}

/* ---- foreign-key types and actions ---- */

/* The family of a type for foreign keys, named by one of its members.
 * PostgreSQL needs an equality operator between a foreign-key column and
 * the referenced column (in the operator family of the referenced key's
 * index), so it refuses, e.g., text referencing integer. */
static TypeKind fk_family(TypeKind k)
{
    return type_info(k)->family;
}

static bool name_eq_fold(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    for (; *a && *b; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca = (unsigned char)(ca - 'A' + 'a');
        if (cb >= 'A' && cb <= 'Z')
            cb = (unsigned char)(cb - 'A' + 'a');
        if (ca != cb)
            return false;
    }
    return *a == *b;
}

/* Whether a foreign-key column of type `a` may reference a column of type
 * `b`: the same family, an integer column a numeric key (PostgreSQL casts
 * the integer implicitly; it refuses a numeric column referencing an
 * integer key), and a custom type only with the same custom type. */
static bool fk_types_compatible(const TypeRef *a, const TypeRef *b)
{
    if (a->kind == TY_CUSTOM || b->kind == TY_CUSTOM)
        return a->kind == b->kind && name_eq_fold(a->name, b->name);
    TypeKind fa = fk_family(a->kind), fb = fk_family(b->kind);
    if (fa == fb)
        return true;
    return fa == TY_INTEGER && fb == TY_NUMERIC;
}

/* The type a serial column has apart from its sequence default. */
static TypeKind base_kind(TypeKind k)
{
    return type_info(k)->base;
}

/* A column's type for a message; a serial column shows its real type. */
static const char *type_text(Ctx *x, const TypeRef *t)
{
    TypeRef base = *t;
    base.kind = base_kind(t->kind);
    StrBuf b;
    sb_init(&b);
    ast_type_format(&b, &base);
    const char *r = sb_arena_copy(&b, A(x));
    sb_free(&b);
    return r;
}

/* "on delete" or "on update": the set-null action of a foreign key, NULL
 * when it has none. */
static const char *set_null_action(FkAction on_delete, FkAction on_update)
{
    if (on_delete == FK_SET_NULL)
        return "on delete";
    if (on_update == FK_SET_NULL)
        return "on update";
    return NULL;
}

/* A foreign key of table t that sets column `col` to null, or NULL. */
static CatConstraint *set_null_fk(const CatTable *t, const CatColumn *col)
{
    for (CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_FOREIGN &&
            set_null_action(k->on_delete, k->on_update) &&
            col_in(k->cols, k->ncols, col))
            return k;
    return NULL;
}

/* SET NULL on a NOT NULL column: PostgreSQL accepts the definition, but
 * every delete (update) of a referenced row then fails; MySQL and MariaDB
 * refuse the definition. */
static void check_fk_set_null(Ctx *x, TableCtx *tc, Constraint *k)
{
    const char *act = set_null_action(k->on_delete, k->on_update);
    if (!act)
        return;
    for (NameList *l = k->cols; l; l = l->next)
        if (l->name.s && tc_col_not_null(tc, l->name.s))
            err(x, loc_or(l->name.loc, k->loc),
                "drop not null on the column, or use another action",
                "%s set null needs column %s.%s to accept nulls", act,
                qual(x, tc->schema, tc->name), l->name.s);
}

/* The referenced side of a foreign key. */
static void check_fk(Ctx *x, TableCtx *tc, Constraint *k)
{
    QName *rq = &k->ref_table;
    bool self = tc->creating && str_eq_null(rq->schema.s, tc->schema) &&
                rq->name.s && strcmp(rq->name.s, tc->name) == 0;
    CatTable *rt = NULL;
    if (!self) {
        rt = need_table(x, rq);
        if (!rt)
            return;
    }
    const char *rdisp = self ? qual(x, tc->schema, tc->name) : tdisp(x, rt);
    if (!k->ref_cols) {
        if (self) {
            k->ref_cols = namelist_copy(A(x), stmt_pk_cols(tc->creating));
        } else {
            CatConstraint *pk = cat_primary_key(rt);
            if (pk)
                k->ref_cols = namelist_of_cols(A(x), pk->cols, pk->ncols);
        }
        if (!k->ref_cols) {
            err(x, loc_or(rq->loc, k->loc), "name the referenced columns",
                "table %s has no primary key for the foreign key to "
                "reference", rdisp);
            return;
        }
    } else {
        bool bad = false;
        for (NameList *l = k->ref_cols; l; l = l->next) {
            bool have = self ? tc_has_col(tc, l->name.s)
                             : cat_column(rt, l->name.s) != NULL;
            if (!have) {
                const char *hint = self ? tc_suggest(x, tc, l->name.s)
                                        : suggest_column(x, rt, l->name.s);
                err(x, l->name.loc, hint, "column %s.%s does not exist",
                    rdisp, l->name.s);
                bad = true;
            }
        }
        if (bad)
            return;
    }
    int n = namelist_len(k->cols), nr = namelist_len(k->ref_cols);
    if (n != nr) {
        err(x, k->loc, NULL,
            "foreign key has %d column%s but references %d", n,
            n == 1 ? "" : "s", nr);
        return;
    }
    bool key = self ? stmt_has_key(tc->creating, k->ref_cols)
                    : cat_has_key(rt, k->ref_cols);
    if (!key)
        err(x, k->loc, "reference a primary key, or add a unique constraint",
            "foreign key references %s(%s), which is neither a primary key "
            "nor unique", rdisp, cols_text(x, k->ref_cols));
    /* Each column's type against the column it references. */
    const NameList *l = k->cols, *r = k->ref_cols;
    for (; l && r; l = l->next, r = r->next) {
        const TypeRef *lt = l->name.s ? tc_col_type(tc, l->name.s) : NULL;
        const TypeRef *rty = NULL;
        if (r->name.s && self) {
            rty = tc_col_type(tc, r->name.s);
        } else if (r->name.s) {
            CatColumn *rc = cat_column(rt, r->name.s);
            rty = rc ? &rc->type : NULL;
        }
        if (lt && rty && !fk_types_compatible(lt, rty))
            err(x, loc_or(l->name.loc, k->loc),
                "give both columns compatible types",
                "foreign key column %s.%s (%s) cannot reference %s.%s (%s)",
                qual(x, tc->schema, tc->name), l->name.s, type_text(x, lt),
                rdisp, r->name.s, type_text(x, rty));
    }
}

/* One constraint of a table: columns exist, the referenced side, the
 * primary key rule.  `col` is the column it was written on (column-level)
 * or NULL. */
static void check_constraint(Ctx *x, TableCtx *tc, Constraint *k,
                             ColumnDef *col)
{
    if (col && !k->cols) {
        NameList *l = ARENA_NEW(A(x), NameList);
        l->name = col->name;
        k->cols = l;
    }
    const char *td = qual(x, tc->schema, tc->name);
    bool cols_ok = true;
    for (NameList *l = k->cols; l; l = l->next) {
        if (!l->name.s)
            continue;
        if (!tc_has_col(tc, l->name.s)) {
            err(x, l->name.loc, tc_suggest(x, tc, l->name.s),
                "column %s.%s does not exist", td, l->name.s);
            cols_ok = false;
            continue;
        }
        for (NameList *p = k->cols; p != l; p = p->next)
            if (strcmp(p->name.s, l->name.s) == 0) {
                err(x, l->name.loc, NULL,
                    "column %s appears twice in %s", l->name.s,
                    con_what(k->kind));
                cols_ok = false;
                break;
            }
    }
    if (k->kind == CON_PRIMARY) {
        if (tc->has_pk)
            err(x, k->loc, NULL,
                "multiple primary keys for table %s are not allowed", td);
        tc->has_pk = true;
        /* A primary-key column is NOT NULL. */
        for (NameList *l = k->cols; l; l = l->next) {
            ColumnDef *d = l->name.s ? tc_newcol(tc, l->name.s) : NULL;
            if (d)
                d->not_null = true;
        }
    }
    if (k->kind == CON_FOREIGN && cols_ok) {
        check_fk(x, tc, k);
        check_fk_set_null(x, tc, k);
    }
    /* A new primary key makes its columns NOT NULL. */
    if (k->kind == CON_PRIMARY && cols_ok && tc->t)
        for (NameList *l = k->cols; l; l = l->next) {
            CatColumn *c = l->name.s ? cat_column(tc->t, l->name.s) : NULL;
            CatConstraint *fk = c ? set_null_fk(tc->t, c) : NULL;
            if (fk && !c->not_null)
                err(x, l->name.loc, "drop the foreign key first, or add it "
                    "again with another action",
                    "column %s.%s is set to null by foreign key %s (%s set "
                    "null)", td, c->name, fk->name,
                    set_null_action(fk->on_delete, fk->on_update));
        }
}

/* An explicit constraint name: free in the table, and for primary keys and
 * unique constraints in the schema's relation namespace. */
static void check_con_name(Ctx *x, TableCtx *tc, Constraint *k)
{
    if (!k->name.s)
        return;
    const char *td = qual(x, tc->schema, tc->name);
    if (hash_get(&tc->used, k->name.s) ||
        (tc->t && cat_constraint(tc->t, k->name.s))) {
        err(x, loc_or(k->name.loc, k->loc), NULL,
            "constraint %s.%s already exists", td, k->name.s);
        return;
    }
    if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) {
        const char *owner = rel_owner(x, tc->schema, k->name.s);
        if (!owner && tc->creating && strcmp(k->name.s, tc->name) == 0)
            owner = arena_printf(A(x), "table %s", td);
        if (owner)
            err(x, loc_or(k->name.loc, k->loc), NULL,
                "cannot create constraint %s.%s: the name is taken by %s",
                td, k->name.s, owner);
    }
    hash_put(&tc->used, k->name.s, k);
}

/* Names an unnamed constraint as PostgreSQL would. */
static void name_constraint(Ctx *x, TableCtx *tc, Constraint *k,
                            ColumnDef *col)
{
    if (k->name.s)
        return;
    const char *cols = NULL, *label = "check";
    bool relation = false;
    switch (k->kind) {
    case CON_PRIMARY:
        label = "pkey";
        relation = true;
        break;
    case CON_UNIQUE:
        cols = naming_join(A(x), k->cols);
        label = "key";
        relation = true;
        break;
    case CON_CHECK:
        cols = col ? col->name.s : NULL;
        if (!col && namelist_len(k->cols) == 1)
            cols = k->cols->name.s;
        label = "check";
        break;
    case CON_FOREIGN:
        cols = naming_join(A(x), k->cols);
        label = "fkey";
        break;
    }
    k->name.s = choose_name(x, tc->schema, tc->t, &tc->used, relation,
                            tc->name, cols, label);
    hash_put(&tc->used, k->name.s, k);
}

/*
 * Whether a type name that is neither portable nor built in may still
 * exist in the database, so that it is a warning rather than an error.
 * The hook for `create extension`, which the language does not have yet:
 * once a history creates an extension, the extension may define the type.
 */
static bool extension_may_define(Ctx *x, const TypeRef *t);

static bool unknown_type_may_exist(Ctx *x, const TypeRef *t)
{
    /* A schema-qualified name is a type of the user's own. */
    return strchr(t->name, '.') != NULL || extension_may_define(x, t);
}

/* After create extension, a type name that no dialect knows may be one
 * the extension defines (PostgreSQL; SQLite takes any type name).  MySQL
 * has no extensions. */
static bool extension_may_define(Ctx *x, const TypeRef *t)
{
    const char *d = x->ck->dialect;
    (void)t;
    return C(x)->exts && !(d && strcmp(d, "mysql") == 0);
}

/* The enum type closest to a misspelled type name, or NULL. */
static const char *suggest_enum(Ctx *x, const char *name)
{
    int n = 0;
    for (const CatEnum *e = C(x)->enums; e; e = e->next)
        n++;
    const char **v = ARENA_ARRAY(A(x), const char *, n ? n : 1);
    n = 0;
    for (const CatEnum *e = C(x)->enums; e; e = e->next)
        v[n++] = e->name;
    return suggest_closest(name, (const char *const *)v, n);
}

static void check_type(Ctx *x, const TypeRef *t, bool alter)
{
    if (cat_enum_of_type(C(x), t))
        return;
    if (t->kind == TY_CUSTOM && t->name) {
        const char *dialect = x->ck->dialect;
        if (!type_builtin(dialect, t->name) && !strchr(t->name, '.') &&
            extension_may_define(x, t)) {
            const char *names = "";
            for (const CatExtension *e = C(x)->exts; e; e = e->next)
                names = arena_printf(A(x), "%s%s%s", names, *names ? ", " : "",
                                     e->name);
            warn(x, t->loc, NULL,
                 "type \"%s\" is not a built-in type: an extension (%s) may "
                 "define it", t->name, names);
        } else if (type_builtin(dialect, t->name) ||
                   unknown_type_may_exist(x, t)) {
            warn(x, t->loc, NULL, "type \"%s\" is not portable", t->name);
        } else {
            const char *b = t->args ? NULL : suggest_enum(x, t->name);
            if (!b)
                b = type_suggest(dialect, t->name);
            err(x, t->loc,
                b ? arena_printf(A(x), "did you mean %s?", b)
                  : "write a portable type (docs/LANGUAGE.md, \"Types\") "
                    "or a built-in type of the database",
                "type \"%s\" does not exist%s%s", t->name,
                dialect ? " in " : "", dialect ? dialect : "");
        }
    }
    if (alter && (t->kind == TY_SERIAL || t->kind == TY_BIGSERIAL))
        err(x, t->loc, t->kind == TY_SERIAL ? "alter to integer instead"
                                            : "alter to bigint instead",
            "%s is not a real type and cannot be used in alter column type",
            t->kind == TY_SERIAL ? "serial" : "bigserial");
}

/* The casts of a default or fill value: a type that exists, that is a
 * real type, and that the dialect can cast to. */
static void check_expr(Ctx *x, const Expr *e)
{
    for (; e && e->kind == EX_CAST; e = e->arg) {
        const TypeRef *t = e->cast;
        bool ok = x->ok;
        x->ok = true;
        check_type(x, t, false);
        bool exists = x->ok;
        x->ok = x->ok && ok;
        if (!exists)
            continue;
        if (t->kind == TY_SERIAL || t->kind == TY_BIGSERIAL)
            err(x, t->loc, t->kind == TY_SERIAL ? "cast to integer"
                                                : "cast to bigint",
                "%s is not a real type and cannot be cast to",
                t->kind == TY_SERIAL ? "serial" : "bigserial");
        else if (t->kind == TY_CUSTOM && x->ck->dialect &&
                 strcmp(x->ck->dialect, "mysql") == 0)
            err(x, t->loc, "cast to a portable type (docs/LANGUAGE.md, "
                "\"Types\")",
                "mysql has no cast to type \"%s\"", t->name);
    }
}

static void check_exprs(Ctx *x, const Stmt *s)
{
    check_expr(x, s->def);
    check_expr(x, s->fill);
    for (const ColumnDef *d = s->columns; d; d = d->next)
        check_expr(x, d->def);
}

/* A generated or identity column as written: `others` are the columns of
 * a table being created (the new column's own table for add column: t). */
static void check_generated(Ctx *x, const char *table, const ColumnDef *d,
                            const ColumnDef *others, const CatTable *t)
{
    if (!d->generated && !d->identity)
        return;
    const char *cd = arena_printf(A(x), "%s.%s", table, d->name.s);
    Loc loc = loc_or(d->gen_loc, d->loc);
    const char *what = d->generated ? "generated" : "identity";
    if (d->def)
        err(x, loc_or(d->def->loc, loc), "leave out the default", "%s "
            "column %s cannot have a default", what, cd);
    if (d->type.kind == TY_SERIAL || d->type.kind == TY_BIGSERIAL)
        err(x, loc_or(d->type.loc, loc), d->identity
                ? (d->type.kind == TY_SERIAL ? "use integer" : "use bigint")
                : NULL,
            "a serial column cannot be %s: %s", what, cd);
    else if (d->identity && d->type.kind != TY_SMALLINT &&
             d->type.kind != TY_INTEGER && d->type.kind != TY_BIGINT)
        err(x, loc_or(d->type.loc, loc), "use smallint, integer or bigint",
            "identity column %s must be of an integer type", cd);
    if (!d->generated)
        return;
    /* PostgreSQL computes them all from the row as given: one generated
     * column cannot use another. */
    for (const ColumnDef *o = others; o; o = o->next)
        if (o != d && o->name.s && o->generated &&
            sqlscan_mentions(d->generated, o->name.s))
            err(x, loc, NULL, "generated column %s cannot use generated "
                "column %s.%s", cd, table, o->name.s);
    for (const CatColumn *o = t ? t->cols : NULL; o; o = o->next)
        if (o->generated && sqlscan_mentions(d->generated, o->name))
            err(x, loc, NULL, "generated column %s cannot use generated "
                "column %s.%s", cd, table, o->name);
}

/* Refuse what would break a generated column of col's table that uses
 * col: every one is named. */
static void check_generated_users(Ctx *x, Loc loc, const CatTable *t,
                                  const CatColumn *col, const char *what)
{
    for (const CatColumn *g = t->cols; g; g = g->next)
        if (g != col && g->generated &&
            sqlscan_mentions(g->generated, col->name))
            err(x, loc, arena_printf(A(x), "drop column %s.%s first",
                                     tdisp(x, t), g->name),
                "%s: generated column %s.%s uses it", what, tdisp(x, t),
                g->name);
}

/* Refuse what would break a trigger of col's table whose `when`
 * condition or function body uses col (by name, erring on the side of
 * yes): every one is named.  A body is not rewritten by any database on
 * a rename, nor re-checked on a drop, so the trigger must go first. */
static void check_trigger_users(Ctx *x, Loc loc, CatTable *t,
                                const CatColumn *col, const char *what)
{
    for (CatTrigger *g = cat_trigger_next(C(x), NULL, t, NULL); g;
         g = cat_trigger_next(C(x), NULL, t, g)) {
        const char *where = NULL;
        if (g->def && sqlscan_mentions(g->def->when, col->name))
            where = "its when condition";
        const RoutineDef *fd = g->fn && g->fn->def ? g->fn->def->routine
                                                   : NULL;
        for (const SqlText *b = fd ? fd->bodies : NULL; b && !where;
             b = b->next)
            if (b->text && sqlscan_mentions(b->text, col->name))
                where = arena_printf(A(x), "the body of function %s",
                                     fd->name.s);
        if (where)
            err(x, loc, arena_printf(A(x), "drop trigger %s.%s first, and "
                                     "create it again after", tdisp(x, t),
                                     g->name),
                "%s: trigger %s.%s uses it in %s", what, tdisp(x, t),
                g->name, where);
    }
}

static void tc_free(TableCtx *tc)
{
    hash_free(&tc->used);
}

/* ---- statements ---- */

static void check_create_table(Ctx *x, Stmt *s)
{
    const char *schema = s->table.schema.s, *name = s->table.name.s;
    if (!name || !need_schema(x, &s->table.schema))
        return;
    const char *owner = rel_owner(x, schema, name);
    if (owner)
        name_taken(x, loc_or(s->table.loc, s->table.name.loc), "table",
                   schema, name, owner);
    else if (!schema && cat_enum(C(x), name))
        err(x, loc_or(s->table.loc, s->table.name.loc),
            "a table is also a type in PostgreSQL: choose another name",
            "cannot create table %s: the name is taken by type %s", name,
            name);
    if (!s->columns)
        err(x, loc_or(s->table.loc, s->table.name.loc), NULL,
            "table %s has no columns", qual(x, schema, name));

    HashMap cols;
    hash_init(&cols);
    TableCtx tc;
    memset(&tc, 0, sizeof tc);
    tc.schema = schema;
    tc.name = name;
    tc.creating = s;
    tc.newcols = &cols;
    hash_init(&tc.used);
    for (ColumnDef *d = s->columns; d; d = d->next) {
        if (!d->name.s)
            continue;
        if (hash_get(&cols, d->name.s))
            err(x, d->name.loc, NULL, "column %s.%s is defined more than once",
                qual(x, schema, name), d->name.s);
        else
            hash_put(&cols, d->name.s, d);
        check_type(x, &d->type, false);
        check_generated(x, qual(x, schema, name), d, s->columns, NULL);
    }
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            check_con_name(x, &tc, k);
    for (Constraint *k = s->constraints; k; k = k->next)
        check_con_name(x, &tc, k);
    /* Columns first, so that a self-referencing foreign key sees the
     * whole key of the new table. */
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            if (!k->cols) {
                NameList *l = ARENA_NEW(A(x), NameList);
                l->name = d->name;
                k->cols = l;
            }
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            check_constraint(x, &tc, k, d);
    for (Constraint *k = s->constraints; k; k = k->next)
        check_constraint(x, &tc, k, NULL);
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next)
            name_constraint(x, &tc, k, d);
    for (Constraint *k = s->constraints; k; k = k->next)
        name_constraint(x, &tc, k, NULL);
    tc_free(&tc);
    hash_free(&cols);
}

static void check_add_column(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    ColumnDef *d = s->columns;
    if (!t || !d || !d->name.s)
        return;
    if (cat_column(t, d->name.s)) {
        err(x, loc_or(d->name.loc, s->column.loc), NULL,
            "column %s.%s already exists", tdisp(x, t), d->name.s);
        return;
    }
    check_type(x, &d->type, false);
    check_generated(x, tdisp(x, t), d, NULL, t);
    TableCtx tc;
    memset(&tc, 0, sizeof tc);
    tc.schema = t->schema;
    tc.name = t->name;
    tc.t = t;
    tc.newcol = d;
    tc.has_pk = cat_primary_key(t) != NULL;
    hash_init(&tc.used);
    for (Constraint *k = d->cons; k; k = k->next)
        check_con_name(x, &tc, k);
    for (Constraint *k = d->cons; k; k = k->next)
        check_constraint(x, &tc, k, d);
    for (Constraint *k = d->cons; k; k = k->next)
        name_constraint(x, &tc, k, d);
    tc_free(&tc);
}

static void check_add_constraint(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    Constraint *k = s->constraints;
    if (!t || !k)
        return;
    if (!k->name.s)
        k->name = s->cname;
    if (!s->cname.s)
        s->cname = k->name;
    TableCtx tc;
    memset(&tc, 0, sizeof tc);
    tc.schema = t->schema;
    tc.name = t->name;
    tc.t = t;
    tc.has_pk = cat_primary_key(t) != NULL;
    hash_init(&tc.used);
    check_con_name(x, &tc, k);
    check_constraint(x, &tc, k, NULL);
    name_constraint(x, &tc, k, NULL);
    s->cname.s = k->name.s;
    tc_free(&tc);
}

static QName qname_of(const char *schema, const char *name)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.schema.s = schema;
    q.name.s = name;
    return q;
}

static void check_drop_column(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    CatColumn *col = need_column(x, t, &s->column);
    if (!col)
        return;
    const char *cd = arena_printf(A(x), "%s.%s", tdisp(x, t), col->name);
    Loc loc = loc_or(s->column.loc, s->loc);
    check_dependants(x, loc, t, col, NULL,
                     arena_printf(A(x), "cannot drop column %s", cd));
    check_generated_users(x, loc, t, col,
                          arena_printf(A(x), "cannot drop column %s", cd));
    check_trigger_users(x, loc, t, col,
                        arena_printf(A(x), "cannot drop column %s", cd));
    for (CatTrigger *g = cat_trigger_next(C(x), NULL, t, NULL); g;
         g = cat_trigger_next(C(x), NULL, t, g))
        if (col_in(g->cols, g->ncols, col))
            err(x, loc, "drop the trigger first",
                "cannot drop column %s: trigger %s.%s fires on updates of it",
                cd, tdisp(x, t), g->name);
    for (CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_PRIMARY && col_in(k->cols, k->ncols, col))
            err(x, loc, "drop the primary key first",
                "cannot drop column %s: it is used by primary key %s", cd,
                k->name);
    for (CatConstraint *k = t->incoming; k; k = k->ref_next) {
        if (!col_in(k->ref_cols, k->ncols, col))
            continue;
        if (k->table == t && col_in(k->cols, k->ncols, col))
            continue; /* goes with the column */
        err(x, loc, "drop the foreign key first",
            "cannot drop column %s: foreign key %s of table %s references it",
            cd, k->name, tdisp(x, k->table));
    }
    if (!x->ok)
        return;
    /* The derived down puts the column back on a table that may have
     * rows: a not null column needs a value for them (language.md, "A
     * derived down must run on a table that has rows"). */
    bool fills_itself = col->def || col->type.kind == TY_SERIAL ||
                        col->type.kind == TY_BIGSERIAL || col->generated ||
                        col->identity;
    if (!x->synthetic && !x->m->has_blocks && col->not_null &&
        !fills_itself && !s->fill)
        err(x, loc,
            arena_printf(A(x), "give the value the down puts in existing "
                         "rows: drop column %s fill VALUE; or write the "
                         "migration as up { ... } down { ... }", cd),
            "the down cannot put column %s back on a table with rows: it "
            "is not null and has no default", cd);
    else if (s->fill && col->generated)
        err(x, s->fill->loc, "leave out fill",
            "generated column %s computes its values: the down cannot put "
            "others in", cd);
    else if (s->fill && x->m->has_blocks)
        warn(x, s->fill->loc, "the down block says what the down does",
             "fill is ignored in an up block: only a derived down uses it");
    if (!x->ok)
        return;
    /* PostgreSQL drops every index and constraint that uses the column;
     * foreign keys go first, then the other constraints, then indexes. */
    Stmt *head = NULL, **tail = &head;
    for (int pass = 0; pass < 2; pass++)
        for (CatConstraint *k = t->cons; k; k = k->next) {
            if ((k->kind == CON_FOREIGN) != (pass == 0))
                continue;
            bool uses = col_in(k->cols, k->ncols, col) ||
                        (k->kind == CON_CHECK &&
                         sqlscan_mentions(k->check, col->name));
            if (!uses)
                continue;
            Stmt *d = ARENA_NEW(A(x), Stmt);
            d->kind = ST_DROP_CONSTRAINT;
            d->table = qname_of(t->schema, t->name);
            d->cname.s = k->name;
            *tail = d;
            tail = &d->next;
        }
    for (CatIndex *ix = t->idx; ix; ix = ix->next) {
        if (!col_in(ix->cols, ix->ncols, col) &&
            !sqlscan_mentions(ix->where, col->name))
            continue;
        Stmt *d = ARENA_NEW(A(x), Stmt);
        d->kind = ST_DROP_INDEX;
        d->object = qname_of(t->schema, ix->name);
        *tail = d;
        tail = &d->next;
    }
    s->implied = head;
}

/* A primary key, unique constraint or unique index that a foreign key of
 * another table needs, when no other key of the table has its columns. */
static CatConstraint *key_needed(const CatTable *t, CatColumn *const *cols,
                                 int n, const void *self)
{
    for (CatConstraint *fk = t->incoming; fk; fk = fk->ref_next) {
        if (fk->ncols != n)
            continue;
        bool same = true;
        for (int i = 0; i < n && same; i++)
            same = col_in(cols, n, fk->ref_cols[i]);
        if (!same)
            continue;
        bool other = false;
        for (CatConstraint *k = t->cons; k && !other; k = k->next)
            if ((void *)k != self &&
                (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) &&
                k->ncols == n) {
                bool eq = true;
                for (int i = 0; i < n && eq; i++)
                    eq = col_in(k->cols, n, cols[i]);
                other = eq;
            }
        for (CatIndex *ix = t->idx; ix && !other; ix = ix->next)
            if ((void *)ix != self && ix->unique && ix->plain &&
                !ix->where && ix->ncols == n) {
                bool eq = true;
                for (int i = 0; i < n && eq; i++)
                    eq = col_in(ix->cols, n, cols[i]);
                other = eq;
            }
        if (!other)
            return fk;
    }
    return NULL;
}

static void check_no_transaction(Ctx *x, const char *what)
{
    if (!x->m->no_transaction)
        err(x, x->s->loc, "start the migration with `no transaction;`",
            "%s concurrently cannot run inside a transaction", what);
}

/* The names PostgreSQL puts in a generated index name: each column key,
 * "expr" for an expression key (the function's name when it is one call,
 * as lower(email) gives lower), then the include columns. */
static const NameList *index_name_cols(Ctx *x, const IndexDef *d)
{
    if (ast_index_plain(d) || !d->keys)
        return d->cols;
    NameList *head = NULL, **tail = &head;
    for (const IndexKey *k = d->keys; k; k = k->next) {
        NameList *l = ARENA_NEW(A(x), NameList);
        if (k->col.s) {
            l->name.s = k->col.s;
        } else {
            const char *p = k->expr;
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            size_t n = 0;
            while ((p[n] >= 'a' && p[n] <= 'z') || p[n] == '_' ||
                   (n > 0 && p[n] >= '0' && p[n] <= '9'))
                n++;
            const char *q = p + n;
            while (*q == ' ')
                q++;
            l->name.s = n > 0 && *q == '(' ? arena_strndup(A(x), p, n)
                                           : "expr";
        }
        *tail = l;
        tail = &l->next;
    }
    for (const NameList *i = d->include; i; i = i->next) {
        NameList *l = ARENA_NEW(A(x), NameList);
        l->name.s = i->name.s;
        *tail = l;
        tail = &l->next;
    }
    return head;
}

static const char *suggest_object(Ctx *x, ObjKindId kind, const char *schema,
                                  const char *name);

/* An index on a materialized view: the model knows the view's columns
 * only when it was made with a column list, and checks them then. */
static void check_create_object_index(Ctx *x, IndexDef *d, CatObject *o)
{
    const char *od = qual(x, o->schema, o->name);
    if (o->kind != OBJ_MATVIEW) {
        err(x, loc_or(d->table.loc, d->table.name.loc), NULL,
            "cannot create index on %s %s: only tables and materialized "
            "views have indexes", obj_kind(o->kind)->word, od);
        return;
    }
    for (int pass = 0; pass < 2 && o->cols; pass++)
        for (NameList *l = pass ? d->include : d->cols; l; l = l->next) {
            const NameList *c = o->cols;
            while (c && l->name.s && strcmp(c->name.s, l->name.s) != 0)
                c = c->next;
            if (l->name.s && !c)
                err(x, l->name.loc, NULL,
                    "column %s.%s does not exist", od, l->name.s);
        }
    if (d->unique && d->method.s && strcmp(d->method.s, "btree") != 0)
        err(x, d->method.loc, "a unique index uses btree",
            "index method %s has no unique indexes", d->method.s);
    if (d->name.name.s) {
        if (d->name.schema.s && !str_eq_null(d->name.schema.s, o->schema)) {
            err(x, d->name.loc, NULL,
                "index %s must be in the schema of its %s %s",
                qual(x, d->name.schema.s, d->name.name.s),
                obj_kind(o->kind)->word, od);
            return;
        }
        const char *owner = rel_owner(x, o->schema, d->name.name.s);
        if (owner)
            name_taken(x, loc_or(d->name.loc, d->name.name.loc), "index",
                       o->schema, d->name.name.s, owner);
    } else {
        d->name.name.s = choose_name(x, o->schema, NULL, NULL, true, o->name,
                                     naming_join(A(x), index_name_cols(x, d)),
                                     d->unique ? "key" : "idx");
    }
}

static void check_create_index(Ctx *x, Stmt *s)
{
    IndexDef *d = s->index;
    if (!d)
        return;
    if (d->concurrently)
        check_no_transaction(x, "create index");
    if (d->table.name.s && !cat_table(C(x), d->table.schema.s,
                                      d->table.name.s)) {
        CatObject *o = cat_object_any(C(x), OBJ_VIEW, d->table.schema.s,
                                      d->table.name.s);
        if (o) {
            check_create_object_index(x, d, o);
            return;
        }
        if (need_schema(x, &d->table.schema)) {
            const QName *q = &d->table;
            const char *hint = suggest_catalog_table(A(x), C(x), q->schema.s,
                                                     q->name.s);
            if (!hint)
                hint = suggest_object(x, OBJ_MATVIEW, q->schema.s, q->name.s);
            err(x, loc_or(q->loc, q->name.loc), hint,
                "table %s does not exist", qual(x, q->schema.s, q->name.s));
        }
        return;
    }
    CatTable *t = need_table(x, &d->table);
    if (!t)
        return;
    const char *td = tdisp(x, t);
    for (NameList *l = d->cols; l; l = l->next)
        if (l->name.s && !cat_column(t, l->name.s))
            err(x, l->name.loc, suggest_column(x, t, l->name.s),
                "column %s.%s does not exist", td, l->name.s);
    for (NameList *l = d->include; l; l = l->next)
        if (l->name.s && !cat_column(t, l->name.s))
            err(x, l->name.loc, suggest_column(x, t, l->name.s),
                "column %s.%s does not exist", td, l->name.s);
    if (d->unique && d->method.s && strcmp(d->method.s, "btree") != 0)
        err(x, d->method.loc, "a unique index uses btree",
            "index method %s has no unique indexes", d->method.s);
    if (d->name.name.s) {
        if (d->name.schema.s && !str_eq_null(d->name.schema.s, t->schema)) {
            err(x, d->name.loc, NULL,
                "index %s must be in the schema of its table %s",
                qual(x, d->name.schema.s, d->name.name.s), td);
            return;
        }
        const char *owner = rel_owner(x, t->schema, d->name.name.s);
        if (owner)
            name_taken(x, loc_or(d->name.loc, d->name.name.loc), "index",
                       t->schema, d->name.name.s, owner);
    } else {
        d->name.name.s = choose_name(x, t->schema, NULL, NULL, true, t->name,
                                     naming_join(A(x), index_name_cols(x, d)),
                                     d->unique ? "key" : "idx");
    }
}

static void check_drop_index(Ctx *x, Stmt *s)
{
    if (s->concurrently)
        check_no_transaction(x, "drop index");
    QName *q = &s->object;
    if (!q->name.s || !need_schema(x, &q->schema))
        return;
    CatIndex *ix = cat_index(C(x), q->schema.s, q->name.s);
    Loc loc = loc_or(q->loc, q->name.loc);
    if (!ix && cat_object_index(C(x), q->schema.s, q->name.s))
        return;
    if (!ix) {
        CatConstraint *k = cat_key_constraint(C(x), q->schema.s, q->name.s);
        if (k) {
            const char *kd = arena_printf(A(x), "%s.%s", tdisp(x, k->table),
                                          k->name);
            err(x, loc, arena_printf(A(x), "use drop constraint %s", kd),
                "cannot drop index %s: it belongs to constraint %s",
                qual(x, q->schema.s, q->name.s), kd);
        } else {
            err(x, loc, suggest_catalog_index(A(x), C(x), q->schema.s, q->name.s),
                "index %s does not exist", qual(x, q->schema.s, q->name.s));
        }
        return;
    }
    if (ix->unique && ix->plain && !ix->where) {
        CatConstraint *fk = key_needed(ix->table, ix->cols, ix->ncols, ix);
        if (fk)
            err(x, loc, NULL,
                "cannot drop index %s: foreign key %s of table %s needs it",
                qual(x, q->schema.s, q->name.s), fk->name,
                tdisp(x, fk->table));
    }
}

static void check_drop_constraint(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    if (!t || !s->cname.s)
        return;
    CatConstraint *k = cat_constraint(t, s->cname.s);
    Loc loc = loc_or(s->cname.loc, s->loc);
    if (!k) {
        err(x, loc, suggest_catalog_constraint(A(x), t, s->cname.s),
            "constraint %s.%s does not exist", tdisp(x, t), s->cname.s);
        return;
    }
    if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) {
        CatConstraint *fk = key_needed(t, k->cols, k->ncols, k);
        if (fk)
            err(x, loc, NULL,
                "cannot drop constraint %s.%s: foreign key %s of table %s "
                "needs it", tdisp(x, t), k->name, fk->name,
                tdisp(x, fk->table));
    }
}

static void check_drop_table(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    if (!t)
        return;
    check_dependants(x, loc_or(s->table.loc, s->loc), t, NULL, NULL,
                     arena_printf(A(x), "cannot drop table %s", tdisp(x, t)));
    for (CatConstraint *k = t->incoming; k; k = k->ref_next)
        if (k->table != t)
            err(x, loc_or(s->table.loc, s->loc), "drop the foreign key first",
                "cannot drop table %s: foreign key %s of table %s "
                "references it", tdisp(x, t), k->name, tdisp(x, k->table));
}

static void check_rename_table(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    if (!t || !s->new_name.s)
        return;
    const char *owner = rel_owner(x, t->schema, s->new_name.s);
    if (owner)
        err(x, loc_or(s->new_name.loc, s->loc), NULL,
            "cannot rename table %s to %s: the name is taken by %s",
            tdisp(x, t), s->new_name.s, owner);
}

/* The new name of a relation (index, a key's index, sequence) in schema:
 * free, as PostgreSQL requires. */
static void check_rel_rename(Ctx *x, Stmt *s, const char *what,
                             const char *schema, const char *old)
{
    const char *owner = rel_owner(x, schema, s->new_name.s);
    if (owner && strcmp(s->new_name.s, old) != 0)
        err(x, loc_or(s->new_name.loc, s->loc), NULL,
            "cannot rename %s %s to %s: the name is taken by %s", what,
            qual(x, schema, old), s->new_name.s, owner);
}

static void check_rename_index(Ctx *x, Stmt *s)
{
    QName *q = &s->object;
    if (!q->name.s || !s->new_name.s || !need_schema(x, &q->schema))
        return;
    CatIndex *ix = cat_index(C(x), q->schema.s, q->name.s);
    Loc loc = loc_or(q->loc, q->name.loc);
    CatObjIndex *ox = ix ? NULL : cat_object_index(C(x), q->schema.s,
                                                   q->name.s);
    if (ox) {
        check_rel_rename(x, s, "index", ox->obj->schema, ox->name);
        return;
    }
    if (!ix) {
        CatConstraint *k = cat_key_constraint(C(x), q->schema.s, q->name.s);
        if (k) {
            const char *kd = arena_printf(A(x), "%s.%s", tdisp(x, k->table),
                                          k->name);
            err(x, loc,
                arena_printf(A(x), "use rename constraint %s to %s", kd,
                             s->new_name.s),
                "cannot rename index %s: it belongs to constraint %s",
                qual(x, q->schema.s, q->name.s), kd);
        } else {
            err(x, loc,
                suggest_catalog_index(A(x), C(x), q->schema.s, q->name.s),
                "index %s does not exist", qual(x, q->schema.s, q->name.s));
        }
        return;
    }
    check_rel_rename(x, s, "index", ix->table->schema, ix->name);
}

static void check_rename_constraint(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    if (!t || !s->cname.s || !s->new_name.s)
        return;
    CatConstraint *k = cat_constraint(t, s->cname.s);
    if (!k) {
        err(x, loc_or(s->cname.loc, s->loc),
            suggest_catalog_constraint(A(x), t, s->cname.s),
            "constraint %s.%s does not exist", tdisp(x, t), s->cname.s);
        return;
    }
    Loc nloc = loc_or(s->new_name.loc, s->loc);
    CatConstraint *other = cat_constraint(t, s->new_name.s);
    if (other && other != k) {
        err(x, nloc, NULL,
            "cannot rename constraint %s.%s to %s: constraint %s.%s already "
            "exists", tdisp(x, t), k->name, s->new_name.s, tdisp(x, t),
            s->new_name.s);
        return;
    }
    /* a primary key or unique constraint renames its index too */
    if (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE) {
        const char *owner = rel_owner(x, t->schema, s->new_name.s);
        if (owner && strcmp(s->new_name.s, k->name) != 0)
            err(x, nloc, NULL,
                "cannot rename constraint %s.%s to %s: the name of its index "
                "is taken by %s", tdisp(x, t), k->name, s->new_name.s, owner);
    }
}

/* The sequences of serial columns in a schema, for did-you-mean. */
static const char *suggest_sequence(Ctx *x, const char *schema,
                                    const char *name)
{
    int n = 0;
    for (CatTable *t = C(x)->tables; t; t = t->next)
        for (CatColumn *c = t->cols; c; c = c->next)
            n += c->seq && str_eq_null(t->schema, schema);
    const char **v = ARENA_ARRAY(A(x), const char *, n + 1);
    n = 0;
    for (CatTable *t = C(x)->tables; t; t = t->next)
        for (CatColumn *c = t->cols; c; c = c->next)
            if (c->seq && str_eq_null(t->schema, schema))
                v[n++] = c->seq;
    return hint_of(x, NULL, name, v, n);
}

static void check_rename_sequence(Ctx *x, Stmt *s)
{
    QName *q = &s->object;
    if (!q->name.s || !s->new_name.s || !need_schema(x, &q->schema))
        return;
    CatColumn *col = cat_sequence(C(x), q->schema.s, q->name.s);
    if (!col) {
        err(x, loc_or(q->loc, q->name.loc),
            suggest_sequence(x, q->schema.s, q->name.s),
            "sequence %s does not exist", qual(x, q->schema.s, q->name.s));
        return;
    }
    check_rel_rename(x, s, "sequence", col->table->schema, col->seq);
}

/* The extensions of the model, for did-you-mean. */
static const char *suggest_extension(Ctx *x, const char *name)
{
    int n = 0;
    for (const CatExtension *e = C(x)->exts; e; e = e->next)
        n++;
    const char **v = ARENA_ARRAY(A(x), const char *, n ? n : 1);
    n = 0;
    for (const CatExtension *e = C(x)->exts; e; e = e->next)
        v[n++] = e->name;
    return hint_of(x, NULL, name, v, n);
}

/* A column whose type no dialect knows, which only an extension can
 * have defined, or NULL. */
static const CatColumn *extension_typed_column(Ctx *x)
{
    for (CatTable *t = C(x)->tables; t; t = t->next)
        for (CatColumn *c = t->cols; c; c = c->next)
            if (c->type.kind == TY_CUSTOM && c->type.name &&
                !strchr(c->type.name, '.') &&
                !type_builtin(x->ck->dialect, c->type.name) &&
                !cat_enum_of_type(C(x), &c->type))
                return c;
    return NULL;
}

static void check_extension(Ctx *x, Stmt *s)
{
    const char *name = s->cname.s;
    if (!name)
        return;
    Loc loc = loc_or(s->cname.loc, s->loc);
    CatExtension *e = cat_extension(C(x), name);
    if (s->kind == ST_CREATE_EXTENSION) {
        if (e)
            err(x, loc, NULL, "extension %s already exists", name);
        need_schema(x, &s->object.schema);
        return;
    }
    if (!e) {
        err(x, loc, suggest_extension(x, name),
            "extension %s does not exist", name);
        return;
    }
    /* The last extension: a column of a type only it can have defined
     * would lose its type (PostgreSQL refuses the drop). */
    const CatColumn *c = C(x)->exts == e && !e->next
                             ? extension_typed_column(x)
                             : NULL;
    if (c)
        err(x, loc, "drop or retype the column first",
            "cannot drop extension %s: column %s.%s has type %s, which it "
            "may define", name, tdisp(x, c->table), c->name, c->type.name);
}

static void check_rename_column(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    CatColumn *col = need_column(x, t, &s->column);
    if (!col || !s->new_name.s)
        return;
    check_trigger_users(x, loc_or(s->column.loc, s->loc), t, col,
                        arena_printf(A(x), "cannot rename column %s.%s",
                                     tdisp(x, t), col->name));
    if (cat_column(t, s->new_name.s))
        err(x, loc_or(s->new_name.loc, s->loc), NULL,
            "cannot rename column %s.%s to %s: column %s.%s already exists",
            tdisp(x, t), col->name, s->new_name.s, tdisp(x, t),
            s->new_name.s);
}

static void check_column_stmt(Ctx *x, Stmt *s)
{
    CatTable *t = need_table(x, &s->table);
    CatColumn *col = need_column(x, t, &s->column);
    if (s->kind == ST_ALTER_TYPE)
        check_type(x, &s->type, true);
    if (!col)
        return;
    const char *cd = arena_printf(A(x), "%s.%s", tdisp(x, t), col->name);
    Loc loc = loc_or(s->column.loc, s->loc);
    switch (s->kind) {
    case ST_ALTER_TYPE: {
        TypeRef old = col->type;
        old.kind = base_kind(old.kind);
        if (cat_type_equal(&old, &s->type) && !s->using_raw) {
            StrBuf b;
            sb_init(&b);
            ast_type_format(&b, &s->type);
            warn(x, loc_or(s->type.loc, loc), NULL,
                 "column %s is already of type %s", cd, sb_str(&b));
            sb_free(&b);
        }
        check_dependants(x, loc_or(s->type.loc, loc), t, col, NULL,
                         arena_printf(A(x), "cannot change the type of "
                                      "column %s", cd));
        check_generated_users(x, loc_or(s->type.loc, loc), t, col,
                              arena_printf(A(x), "cannot change the type "
                                           "of column %s", cd));
        check_trigger_users(x, loc_or(s->type.loc, loc), t, col,
                            arena_printf(A(x), "cannot change the type of "
                                         "column %s", cd));
        if (col->identity && s->type.kind != TY_SMALLINT &&
            s->type.kind != TY_INTEGER && s->type.kind != TY_BIGINT)
            err(x, loc_or(s->type.loc, loc), "use smallint, integer or "
                "bigint", "identity column %s must be of an integer type",
                cd);
        /* Foreign keys on either side must stay implementable. */
        const char *fk_hint = "drop the foreign key first, change both "
                              "columns, then add it again";
        Loc tloc = loc_or(s->type.loc, loc);
        for (CatConstraint *k = t->cons; k; k = k->next)
            for (int i = 0; k->kind == CON_FOREIGN && i < k->ncols; i++)
                if (k->cols[i] == col && k->ref_cols[i] != col &&
                    !fk_types_compatible(&s->type, &k->ref_cols[i]->type))
                    err(x, tloc, fk_hint,
                        "cannot change column %s to %s: foreign key %s "
                        "references %s.%s (%s)", cd, type_text(x, &s->type),
                        k->name, tdisp(x, k->ref_table),
                        k->ref_cols[i]->name,
                        type_text(x, &k->ref_cols[i]->type));
        for (CatConstraint *k = t->incoming; k; k = k->ref_next)
            for (int i = 0; i < k->ncols; i++)
                if (k->ref_cols[i] == col && k->cols[i] != col &&
                    !fk_types_compatible(&k->cols[i]->type, &s->type))
                    err(x, tloc, fk_hint,
                        "cannot change column %s to %s: column %s.%s (%s) "
                        "references it through foreign key %s", cd,
                        type_text(x, &s->type), tdisp(x, k->table),
                        k->cols[i]->name, type_text(x, &k->cols[i]->type),
                        k->name);
        return;
    }
    case ST_DROP_DEFAULT:
        if (col->generated || col->identity)
            err(x, loc, col->generated ? "drop the column and add it again"
                                       : NULL,
                "column %s is %s: it has no default", cd,
                col->generated ? "generated" : "an identity column");
        else if (!col->def && col->type.kind != TY_SERIAL &&
            col->type.kind != TY_BIGSERIAL)
            warn(x, loc, NULL, "column %s has no default", cd);
        return;
    case ST_SET_NOT_NULL: {
        CatConstraint *fk = set_null_fk(t, col);
        if (fk)
            err(x, loc, "drop the foreign key first, or add it again with "
                "another action",
                "column %s is set to null by foreign key %s (%s set null)",
                cd, fk->name, set_null_action(fk->on_delete, fk->on_update));
        else if (col->not_null)
            warn(x, loc, NULL, "column %s is already not null", cd);
        return;
    }
    case ST_DROP_NOT_NULL: {
        CatConstraint *pk = cat_primary_key(t);
        if (col->identity)
            err(x, loc, NULL,
                "cannot drop not null of column %s: it is an identity "
                "column", cd);
        else if (pk && col_in(pk->cols, pk->ncols, col))
            err(x, loc, NULL,
                "cannot drop not null of column %s: it is in primary key %s",
                cd, pk->name);
        else if (!col->not_null)
            warn(x, loc, NULL, "column %s is already nullable", cd);
        return;
    }
    case ST_SET_DEFAULT:
        if (col->generated || col->identity)
            err(x, loc, NULL, "column %s is %s: it cannot have a default",
                cd, col->generated ? "generated" : "an identity column");
        return;
    case ST_CREATE_TABLE:
    case ST_DROP_TABLE:
    case ST_RENAME_TABLE:
    case ST_ADD_COLUMN:
    case ST_DROP_COLUMN:
    case ST_RENAME_COLUMN:
    case ST_CREATE_INDEX:
    case ST_DROP_INDEX:
    case ST_ADD_CONSTRAINT:
    case ST_DROP_CONSTRAINT:
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA:
    case ST_SQL:
    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
    case ST_RENAME_INDEX:
    case ST_RENAME_CONSTRAINT:
    case ST_RENAME_SEQUENCE:
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
    case ST_FILL_COLUMN:
    case ST_IRREVERSIBLE:
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
    case ST_COMMENT:
        return;
    }
}

/* The offset in the file of byte `at` of the string token at `loc`:
 * $tag$...$tag$ holds its text verbatim, '...' with '' for each '. */
static int raw_offset(const char *src, Loc loc, size_t at)
{
    int i = loc.start;
    if (src[i] == '$') {
        for (i++; src[i] && src[i] != '$'; i++)
            ;
        return i + 1 + (int)at;
    }
    for (i++; at > 0 && src[i]; at--)
        i += src[i] == '\'' ? 2 : 1;
    return i;
}

/* COPY ... FROM STDIN waits for rows from the client and COPY ... TO
 * STDOUT sends rows to it: a migration has none to send and reads none,
 * so either would hang the runtime.  Refused where it is written. */
static void check_sql_copy(Ctx *x, const char *body, Loc loc)
{
    size_t at;
    bool from;
    if (!body || !sqlscan_copy_stdio(body, &at, &from))
        return;
    int off = raw_offset(x->m->src.text, loc, at);
    if (from)
        err(x, (Loc){off, off + 4},
            "insert the rows with insert statements, or copy them from a "
            "file the server reads",
            "copy ... from stdin waits for rows from the client, and a "
            "migration sends none");
    else
        err(x, (Loc){off, off + 4},
            "copy to a file the server writes, or select the rows outside "
            "the migration",
            "copy ... to stdout sends rows to the client, and a migration "
            "reads none");
}

/* COMMIT (or BEGIN, ROLLBACK) in a sql body of a migration that runs in
 * a transaction ends migc's transaction: the rest, ledger row included,
 * would commit on its own, whatever happened after. */
static void check_sql_txn(Ctx *x, const char *body, Loc loc)
{
    size_t at;
    if (!body || x->m->no_transaction || !sqlscan_txn_control(body, &at))
        return;
    int off = raw_offset(x->m->src.text, loc, at);
    int end = off;
    while (x->m->src.text[end] && ((x->m->src.text[end] | 0x20) >= 'a' &&
                                   (x->m->src.text[end] | 0x20) <= 'z'))
        end++;
    err(x, (Loc){off, end},
        "migc runs each migration in one transaction with its ledger row; "
        "`no transaction;` at the top runs the statements one by one",
        "a sql body cannot begin or end the migration's transaction");
}

/* The text of a per-dialect sql part for `dialect`: its own, else the one
 * without a dialect; NULL when it has neither. */
static const SqlText *sql_pick(const SqlText *l, int dialect)
{
    const SqlText *any = NULL;
    for (; l; l = l->next) {
        if (dialect > 0 && (int)l->dialect == dialect)
            return l;
        if (l->dialect == SQLD_ANY)
            any = l;
    }
    return any;
}

/* The per-dialect form resolved for the dialect being checked into
 * sql_up, sql_down and sql_down_none.  Without a dialect (NULL), the text
 * without one, else the first. */
static void check_sql_dialect(Ctx *x, Stmt *s)
{
    if (!s->sql_ups)
        return;
    const char *dname = x->ck->dialect;
    int d = dname ? ast_sql_dialect_lookup(dname) : -1;
    const SqlText *u = d > 0 ? sql_pick(s->sql_ups, d) : s->sql_ups;
    s->sql_up = NULL;
    s->sql_down = NULL;
    s->sql_down_none = false;
    if (!u) {
        err(x, s->loc,
            arena_printf(A(x), "add `%s '...'`, or `%s none` when the "
                         "statement has nothing to do there", dname, dname),
            "this sql statement has no %s text", dname);
        return;
    }
    s->sql_up = u->text;
    s->sql_up_loc = u->loc;
    if (!s->sql_has_down)
        return;
    const SqlText *dn = d > 0 ? sql_pick(s->sql_downs, d) : s->sql_downs;
    if (!dn) {
        err(x, s->loc,
            arena_printf(A(x), "add `%s '...'` to the down part, or `%s "
                         "none` when its down has nothing to do",
                         dname, dname),
            "the down part of this sql statement has no %s text", dname);
        return;
    }
    s->sql_down = dn->text;
    s->sql_down_loc = dn->loc;
    s->sql_down_none = !dn->text;
}

static void check_schema_stmt(Ctx *x, Stmt *s)
{
    const char *name = s->cname.s;
    if (!name)
        return;
    Loc loc = loc_or(s->cname.loc, s->loc);
    bool is_public = strcmp(name, "public") == 0;
    if (s->kind == ST_CREATE_SCHEMA) {
        if (is_public || cat_schema(C(x), name))
            err(x, loc, NULL, "schema %s already exists", name);
        return;
    }
    if (is_public) {
        err(x, loc, NULL, "cannot drop schema public: it is the default schema");
        return;
    }
    CatSchema *sc = cat_schema(C(x), name);
    if (!sc) {
        err(x, loc, suggest_catalog_schema(A(x), C(x), name), "schema %s does not exist", name);
        return;
    }
    for (CatObject *o = C(x)->objects; o; o = o->next)
        if (o->schema && strcmp(o->schema, name) == 0) {
            err(x, loc, "drop them first",
                "cannot drop schema %s: it still has %s %s", name,
                obj_kind(o->kind)->word, qual(x, o->schema, o->name));
            return;
        }
    if (sc->ntables > 0) {
        const char *first = NULL;
        for (CatTable *t = C(x)->tables; t && !first; t = t->next)
            if (t->schema && strcmp(t->schema, name) == 0)
                first = tdisp(x, t);
        err(x, loc, "drop its tables first",
            "cannot drop schema %s: it still has tables (%s%s)", name,
            first ? first : "?", sc->ntables > 1 ? ", ..." : "");
    }
}

/* ---- enums ---- */

/* PostgreSQL's limit on an enum label (NAMEDATALEN - 1). */
#define ENUM_LABEL_MAX 63

static void check_label(Ctx *x, const Ident *v)
{
    if (!v->s)
        return;
    if (!*v->s)
        err(x, v->loc, NULL, "an enum label cannot be empty");
    else if (strlen(v->s) > ENUM_LABEL_MAX)
        err(x, v->loc, NULL, "enum label '%s' is longer than %d bytes",
            v->s, ENUM_LABEL_MAX);
}

static CatEnum *need_enum(Ctx *x, const QName *q)
{
    const char *name = q->name.s;
    if (!name)
        return NULL;
    CatEnum *e = cat_enum(C(x), name);
    if (!e) {
        const char *b = suggest_enum(x, name);
        err(x, loc_or(q->loc, q->name.loc),
            b ? arena_printf(A(x), "did you mean %s?", b) : NULL,
            "type %s does not exist", name);
    }
    return e;
}

/* The label v of e, with did-you-mean when it is not one. */
static bool need_label(Ctx *x, const CatEnum *e, const Ident *v)
{
    if (!v->s || cat_enum_index(e, v->s) >= 0)
        return true;
    const char *b = suggest_closest(v->s, (const char *const *)e->vals, e->nvals);
    err(x, v->loc, b ? arena_printf(A(x), "did you mean '%s'?", b) : NULL,
        "type %s has no label '%s'", e->name, v->s);
    return false;
}

static void check_enum_stmt(Ctx *x, Stmt *s)
{
    Loc loc = loc_or(s->object.loc, s->loc);
    if (s->kind == ST_CREATE_ENUM) {
        const char *name = s->object.name.s;
        if (!name)
            return;
        if (cat_enum(C(x), name))
            err(x, loc, NULL, "type %s already exists", name);
        else if (cat_table(C(x), NULL, name))
            err(x, loc, "a table is also a type in PostgreSQL: choose "
                "another name",
                "cannot create type %s: the name is taken by table %s",
                name, name);
        for (const NameList *l = s->values; l; l = l->next) {
            check_label(x, &l->name);
            for (const NameList *k = s->values; k != l; k = k->next)
                if (l->name.s && k->name.s &&
                    strcmp(l->name.s, k->name.s) == 0) {
                    err(x, l->name.loc, NULL,
                        "label '%s' appears twice in type %s", l->name.s,
                        name);
                    break;
                }
        }
        return;
    }
    CatEnum *e = need_enum(x, &s->object);
    if (!e)
        return;
    switch (s->kind) {
    case ST_ADD_VALUE:
        check_label(x, &s->value);
        if (s->value.s && cat_enum_index(e, s->value.s) >= 0)
            err(x, s->value.loc, NULL, "type %s already has label '%s'",
                e->name, s->value.s);
        if (s->anchor.s)
            need_label(x, e, &s->anchor);
        return;
    case ST_RENAME_VALUE:
        check_label(x, &s->new_name);
        if (!need_label(x, e, &s->value) || !s->new_name.s)
            return;
        if (cat_enum_index(e, s->new_name.s) >= 0)
            err(x, s->new_name.loc, NULL,
                "cannot rename label '%s' of type %s to '%s': the type "
                "already has it", s->value.s, e->name, s->new_name.s);
        return;
    case ST_DROP_VALUE:
        need_label(x, e, &s->value);
        if (e->nvals <= 1)
            err(x, loc, NULL, "type %s cannot lose its last label",
                e->name);
        return;
    case ST_DROP_ENUM: {
        CatColumn *col = cat_enum_next_user(C(x), e, NULL);
        if (col) {
            CatColumn *more = cat_enum_next_user(C(x), e, col);
            err(x, loc, "drop the column or change its type first",
                "cannot drop type %s: column %s.%s uses it%s", e->name,
                tdisp(x, col->table), col->name,
                more ? arena_printf(A(x), " (and column %s.%s)",
                                    tdisp(x, more->table), more->name)
                     : "");
        }
        return;
    }
    default:
        return;
    }
}

/* ---- objects beyond tables (objkind.h) ---- */

/* "did you mean ...?" among the objects of one kind. */
static const char *suggest_object(Ctx *x, ObjKindId kind, const char *schema,
                                  const char *name)
{
    int n = 0;
    for (CatObject *o = C(x)->objects; o; o = o->next)
        n++;
    const char **cands = ARENA_ARRAY(A(x), const char *, n ? n : 1);
    n = 0;
    for (CatObject *o = C(x)->objects; o; o = o->next)
        if (o->kind == kind && str_eq_null(o->schema, schema))
            cands[n++] = o->name;
    return hint_of(x, schema, name, cands, n);
}

/* The object a statement names, which must exist as that kind. */
static CatObject *need_object(Ctx *x, const Stmt *s)
{
    const QName *q = &s->object;
    if (!q->name.s || !need_schema(x, &q->schema))
        return NULL;
    const ObjKind *k = obj_kind(s->obj);
    Loc loc = loc_or(q->loc, s->loc);
    CatObject *o = cat_object_any(C(x), s->obj, q->schema.s, q->name.s);
    if (o && o->kind == s->obj)
        return o;
    if (o) {
        const char *w = obj_kind(o->kind)->word;
        err(x, loc, arena_printf(A(x), "write %s %s", w,
                                 qual(x, q->schema.s, q->name.s)),
            "%s is a %s, not a %s", qual(x, q->schema.s, q->name.s), w,
            k->word);
        return NULL;
    }
    const char *owner = k->relation
                            ? rel_owner(x, q->schema.s, q->name.s)
                            : NULL;
    if (owner)
        err(x, loc, NULL, "%s %s does not exist (%s is not a %s)", k->word,
            qual(x, q->schema.s, q->name.s), owner, k->word);
    else
        err(x, loc, suggest_object(x, s->obj, q->schema.s, q->name.s),
            "%s %s does not exist", k->word,
            qual(x, q->schema.s, q->name.s));
    return NULL;
}

/* A definition text is one query: a ';' in it would end the CREATE and
 * run the rest as statements of their own.  `what`: "view v", for the
 * message. */
static void check_one_query(Ctx *x, const char *text, Loc loc,
                            const char *what)
{
    if (!text)
        return;
    SqlLex l;
    SqlLexTok t;
    bool seen_semi = false;
    size_t semi_at = 0;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next(&l, &t)) {
        if (t.kind == SQLLEX_SPACE || t.kind == SQLLEX_COMMENT)
            continue;
        if (seen_semi) {
            int off = x->synthetic ? 0 : raw_offset(x->m->src.text, loc,
                                                    semi_at);
            err(x, (Loc){ off, off + 1 }, "write each statement on its own",
                "the query of %s holds more than one statement", what);
            return;
        }
        if (t.kind == SQLLEX_SEMI) {
            seen_semi = true;
            semi_at = t.start;
        }
    }
    if (!sqllex_has_content(text, (size_t)-1, 0))
        err(x, loc, NULL, "the query of %s is empty", what);
}

static void check_object_stmt(Ctx *x, Stmt *s)
{
    const ObjKind *k = obj_kind(s->obj);
    const QName *q = &s->object;
    check_names(x, s->names);
    switch (s->kind) {
    case ST_CREATE_OBJECT: {
        if (!q->name.s || !need_schema(x, &q->schema))
            return;
        Loc loc = loc_or(q->loc, s->loc);
        CatObject *o = cat_object_any(C(x), s->obj, q->schema.s, q->name.s);
        if (o && s->or_replace && o->kind != s->obj)
            err(x, loc, NULL, "cannot replace %s %s with a %s",
                obj_kind(o->kind)->word, qual(x, q->schema.s, q->name.s),
                k->word);
        else if (!(o && s->or_replace)) {
            const char *owner = k->relation || o
                                    ? rel_owner(x, q->schema.s, q->name.s)
                                    : NULL;
            if (!owner && o)
                owner = arena_printf(A(x), "%s %s", obj_kind(o->kind)->word,
                                     qual(x, q->schema.s, q->name.s));
            if (owner)
                name_taken(x, loc, k->word, q->schema.s, q->name.s, owner);
        }
        for (const NameList *a = s->names; a; a = a->next)
            for (const NameList *b = a->next; b; b = b->next)
                if (strcmp(a->name.s, b->name.s) == 0)
                    err(x, b->name.loc, NULL,
                        "column %s appears twice in %s %s", b->name.s,
                        k->word, q->name.s);
        check_one_query(x, s->sql_up, loc_or(s->sql_up_loc, s->loc),
                         arena_printf(A(x), "%s %s", k->word,
                                      qual(x, q->schema.s, q->name.s)));
        return;
    }
    case ST_DROP_OBJECT: {
        CatObject *o = need_object(x, s);
        if (o)
            check_dependants(x, loc_or(q->loc, s->loc), NULL, NULL, o,
                             arena_printf(A(x), "cannot drop %s %s", k->word,
                                          qual(x, o->schema, o->name)));
        return;
    }
    case ST_RENAME_OBJECT: {
        CatObject *o = need_object(x, s);
        if (!o || !s->new_name.s)
            return;
        const char *owner = k->relation
                                ? rel_owner(x, o->schema, s->new_name.s)
                                : NULL;
        if (!owner && cat_object_any(C(x), s->obj, o->schema, s->new_name.s))
            owner = arena_printf(A(x), "%s %s", k->word,
                                 qual(x, o->schema, s->new_name.s));
        if (owner)
            err(x, loc_or(s->new_name.loc, s->loc), NULL,
                "cannot rename %s %s to %s: the name is taken by %s",
                k->word, qual(x, o->schema, o->name), s->new_name.s, owner);
        return;
    }
    case ST_REFRESH_OBJECT: {
        if (!k->refresh)
            err(x, s->loc, NULL, "a %s cannot be refreshed", k->word);
        CatObject *o = need_object(x, s);
        if (o && s->concurrently && !cat_object_has_unique_index(o))
            err(x, s->loc,
                arena_printf(A(x), "create unique index on %s (...) first",
                             qual(x, o->schema, o->name)),
                "cannot refresh %s %s concurrently: it has no unique index "
                "on columns only, without where", k->word,
                qual(x, o->schema, o->name));
        return;
    }
    default:
        return;
    }
}

/* ---- functions, procedures, triggers ---- */

static bool returns_named(const RoutineDef *r, const char *name)
{
    return r && r->has_returns && r->returns.kind == TY_CUSTOM &&
           !r->returns.args && r->returns.name &&
           strcmp(r->returns.name, name) == 0;
}

static const char *routine_word(const RoutineDef *r)
{
    return r->procedure ? "procedure" : "function";
}

/* did you mean: the routine whose signature is closest to `sig`. */
static const char *suggest_routine(Ctx *x, const char *sig)
{
    int n = 0;
    for (const CatRoutine *r = C(x)->routines; r; r = r->next)
        n++;
    const char **v = ARENA_ARRAY(A(x), const char *, n ? n : 1);
    n = 0;
    for (const CatRoutine *r = C(x)->routines; r; r = r->next)
        v[n++] = r->sig;
    const char *b = suggest_closest(sig, (const char *const *)v, n);
    if (!b) {
        /* the same name with other argument types */
        size_t ln = strcspn(sig, "(");
        for (int i = 0; i < n && !b; i++)
            if (strncmp(v[i], sig, ln) == 0 && v[i][ln] == '(')
                b = v[i];
    }
    return b ? arena_printf(A(x), "did you mean %s?", b) : NULL;
}

static void check_routine_stmt(Ctx *x, Stmt *s)
{
    RoutineDef *r = s->routine;
    if (!r || !r->name.s)
        return;
    const char *sig = cat_routine_sig(A(x), r->name.s, r->args);
    CatRoutine *old = cat_routine(C(x), sig);
    Loc loc = loc_or(r->name.loc, s->loc);
    if (s->kind == ST_DROP_ROUTINE) {
        if (!old) {
            err(x, loc, suggest_routine(x, sig), "%s %s does not exist",
                routine_word(r), sig);
            return;
        }
        if (old->def->routine->procedure != r->procedure) {
            err(x, loc, NULL, "%s is a %s, not a %s", sig,
                routine_word(old->def->routine), routine_word(r));
            return;
        }
        CatTrigger *g = cat_trigger_next(C(x), old, NULL, NULL);
        if (g)
            err(x, loc, "drop the trigger first",
                "cannot drop function %s: trigger %s.%s uses it", sig,
                tdisp(x, g->table), g->name);
        return;
    }
    for (const ArgDef *g = r->args; g; g = g->next)
        check_type(x, &g->type, false);
    if (r->procedure && r->has_returns)
        err(x, r->returns.loc, "a procedure returns nothing: leave out "
            "returns, or create a function", "procedure %s has returns", sig);
    if (r->has_returns && !returns_named(r, "trigger") &&
        !returns_named(r, "void"))
        check_type(x, &r->returns, false);
    if (returns_named(r, "trigger") && r->args)
        err(x, r->args->type.loc, NULL,
            "a trigger function takes no arguments");
    if (old && old->def->routine->procedure != r->procedure)
        err(x, loc, NULL, "%s is a %s, not a %s", sig,
            routine_word(old->def->routine), routine_word(r));
    else if (old && !r->or_replace)
        err(x, loc, arena_printf(A(x), "create or replace %s replaces it",
                                 routine_word(r)),
            "%s %s already exists", routine_word(r), sig);
    else if (old && returns_named(old->def->routine, "trigger") &&
             !returns_named(r, "trigger") &&
             cat_trigger_next(C(x), old, NULL, NULL)) {
        CatTrigger *g = cat_trigger_next(C(x), old, NULL, NULL);
        err(x, loc, NULL, "function %s must return trigger: trigger %s.%s "
            "uses it", sig, tdisp(x, g->table), g->name);
    }
}

static void check_trigger_stmt(Ctx *x, Stmt *s)
{
    TriggerDef *d = s->trigger;
    if (!d)
        return;
    CatTable *t = need_table(x, &d->table);
    if (!t || !d->name.s)
        return;
    Loc loc = loc_or(d->name.loc, s->loc);
    CatTrigger *g = cat_trigger(C(x), t, d->name.s);
    if (s->kind == ST_DROP_TRIGGER) {
        if (g)
            return;
        int n = 0;
        for (CatTrigger *h = cat_trigger_next(C(x), NULL, t, NULL); h;
             h = cat_trigger_next(C(x), NULL, t, h))
            n++;
        const char **v = ARENA_ARRAY(A(x), const char *, n ? n : 1);
        n = 0;
        for (CatTrigger *h = cat_trigger_next(C(x), NULL, t, NULL); h;
             h = cat_trigger_next(C(x), NULL, t, h))
            v[n++] = h->name;
        const char *b = suggest_closest(d->name.s, (const char *const *)v, n);
        err(x, loc, b ? arena_printf(A(x), "did you mean %s.%s?",
                                     tdisp(x, t), b) : NULL,
            "trigger %s.%s does not exist", tdisp(x, t), d->name.s);
        return;
    }
    if (g)
        err(x, loc, NULL, "trigger %s.%s already exists", tdisp(x, t),
            d->name.s);
    for (NameList *l = d->update_cols; l; l = l->next)
        need_column(x, t, &l->name);
    if (d->timing == TG_INSTEAD_OF)
        err(x, s->loc, "use before or after on a table",
            "instead of triggers are for views: %s is a table", tdisp(x, t));
    if ((d->events & TG_TRUNCATE) && d->for_each_row)
        err(x, s->loc, "leave out for each row",
            "a truncate trigger fires once for the statement, not for each "
            "row");
    if (!d->function.s)
        return;
    const char *sig = cat_routine_sig(A(x), d->function.s, NULL);
    CatRoutine *fn = cat_routine(C(x), sig);
    Loc floc = loc_or(d->function.loc, s->loc);
    if (!fn)
        err(x, floc, suggest_routine(x, sig), "function %s does not exist",
            sig);
    else if (!returns_named(fn->def->routine, "trigger"))
        err(x, floc, "a trigger's function is declared returns trigger",
            "function %s does not return trigger", sig);
}

bool check_stmt(Checker *ck, Migration *m, Stmt *s)
{
    Ctx x = { .ck = ck, .m = m, .s = s, .ok = true };
    x.synthetic = s->loc.start == 0 && s->loc.end == 0;
    check_idents(&x, s);
    if (!x.synthetic)
        check_exprs(&x, s);
    switch (s->kind) {
    case ST_CREATE_TABLE:
        check_create_table(&x, s);
        check_one_query(&x, s->sql_up, loc_or(s->sql_up_loc, s->loc),
                        arena_printf(ck->arena, "table %s", s->table.name.s
                                     ? s->table.name.s : "?"));
        break;
    case ST_DROP_TABLE:
        check_drop_table(&x, s);
        break;
    case ST_RENAME_TABLE:
        check_rename_table(&x, s);
        break;
    case ST_ADD_COLUMN:
        check_add_column(&x, s);
        break;
    case ST_DROP_COLUMN:
        check_drop_column(&x, s);
        break;
    case ST_RENAME_COLUMN:
        check_rename_column(&x, s);
        break;
    case ST_ALTER_TYPE:
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT:
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL:
        check_column_stmt(&x, s);
        break;
    case ST_CREATE_INDEX:
        check_create_index(&x, s);
        break;
    case ST_DROP_INDEX:
        check_drop_index(&x, s);
        break;
    case ST_ADD_CONSTRAINT:
        check_add_constraint(&x, s);
        break;
    case ST_DROP_CONSTRAINT:
        check_drop_constraint(&x, s);
        break;
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA:
        check_schema_stmt(&x, s);
        break;
    case ST_RENAME_INDEX:
        check_rename_index(&x, s);
        break;
    case ST_RENAME_CONSTRAINT:
        check_rename_constraint(&x, s);
        break;
    case ST_RENAME_SEQUENCE:
        check_rename_sequence(&x, s);
        break;
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
        check_extension(&x, s);
        break;
    case ST_SQL:
        /* Raw SQL: the model does not see its effects. */
        check_sql_dialect(&x, s);
        check_sql_copy(&x, s->sql_up, s->sql_up_loc);
        check_sql_copy(&x, s->sql_down, s->sql_down_loc);
        check_sql_txn(&x, s->sql_up, s->sql_up_loc);
        check_sql_txn(&x, s->sql_down, s->sql_down_loc);
        break;
    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
        check_enum_stmt(&x, s);
        break;
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
        check_routine_stmt(&x, s);
        break;
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
        check_trigger_stmt(&x, s);
        break;
    case ST_FILL_COLUMN:
        /* Only in derived downs, built from a checked drop column. */
        break;
    case ST_IRREVERSIBLE:
        /* Only in `down { irreversible; }`, which the parser ensures. */
        break;
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
        check_object_stmt(&x, s);
        break;
    case ST_COMMENT: {
        CatTable *t = need_table(&x, &s->table);
        if (t && s->column.s)
            need_column(&x, t, &s->column);
        break;
    }
    }
    return x.ok;
}
