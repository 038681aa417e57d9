/*
 * expand.c — an `expand;` migration as expand, complete and abort steps
 * (expand.h; docs/ZERO-DOWNTIME.md).
 *
 * The physical tables stay in the default schema and keep the old shape
 * until `complete`.  Each version of the application reads and writes
 * through a schema of views, one per table of the default schema:
 *
 *   public_<previous version>   the shape before the migration
 *   public_<version>            the shape after it
 *
 * Views that only select columns of one table are updatable in
 * PostgreSQL, so both versions insert, update and delete through them.
 *
 *   rename column / table   nothing physical: the new view names the
 *                           column (table) the new way; complete renames
 *                           it, and the view follows (views refer to
 *                           columns by number).
 *   alter column ... type   a new column migc_new_<c> beside the old, a
 *                           trigger that copies each write to the other
 *                           column (a session whose search_path holds the
 *                           new version's schema writes the new column,
 *                           any other the old one), and a backfill of
 *                           the existing rows in batches by primary key;
 *                           complete drops the old column and gives the
 *                           new one its name.
 *   set not null, check,    a NOT VALID check or constraint (new writes
 *   foreign key             are checked at once); complete validates it.
 *   create index            built concurrently.
 *   drop column             hidden from the new view; dropped at complete.
 *   add column              added (the old view does not show it).
 *
 * Every expand step runs on its own and is recorded, so that an
 * interrupted expand resumes; every abort step may run on a database
 * where the expand stopped anywhere (IF EXISTS everywhere).
 */
#include "expand.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "types.h"

typedef struct XCol {
    const char *logical;    /* its name after the statements so far */
    const char *orig;       /* its physical name before the migration;
                               NULL: added by it */
    const char *phys;       /* the physical column the new view shows */
    bool retyped;           /* phys is a new column (type change) */
    struct XCol *next;
} XCol;

typedef struct XTable {
    const char *logical;
    const char *orig;       /* physical name; NULL: created by it */
    XCol *cols;
    struct XTable *next;
} XTable;

typedef struct StepList {
    MigStep *v;
    int n, cap;
} StepList;

struct Expander {
    History *h;
    CompiledMig *cm;
    Migration *m;
    Arena *a;
    const char *schema;
    const char *prev_schema;
    bool prev_created;      /* the expand creates prev_schema */
    XTable *tables;         /* default schema, catalog order */
    const char *old_views;  /* the previous version's views (SQL) */
    int ntrig;
    StepList physical;      /* expand: columns, triggers, constraints */
    StepList backfill;
    StepList indexes;
    StepList validate;      /* complete, first */
    StepList contract;      /* complete, after the old schema goes */
    StepList renames;       /* complete, last */
    StepList undo;          /* abort, after the schemas go */
    StepList undo_alone;    /* abort: indexes */
};

/* ---- small helpers ---- */

static void push(Expander *x, StepList *l, MigStepKind k, const char *sql,
                 const char *what)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        MigStep *v = ARENA_ARRAY(x->a, MigStep, cap);
        if (l->n)
            memcpy(v, l->v, sizeof *v * (size_t)l->n);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (MigStep){.kind = k, .sql = sql, .what = what};
}

static void q(StrBuf *b, const char *ident)
{
    emit_quote_ident_ansi(b, ident);
}

static char *done(Expander *x, StrBuf *b)
{
    char *r = sb_arena_copy(b, x->a);
    sb_free(b);
    return r;
}

/* A type as PostgreSQL spells it in a cast (serial: integer). */
static void pg_type(StrBuf *b, const TypeRef *t)
{
    if (t->kind == TY_CUSTOM) {
        sb_puts(b, t->name);
        if (t->args)
            sb_printf(b, "(%s)", t->args);
        return;
    }
    const TypeInfo *ti = type_info(t->kind);
    sb_puts(b, type_info(ti->base)->pg);
    ast_type_args(b, t);
}

static bool fail(Expander *x, Loc loc, const char *hint, const char *what)
{
    diag_at(x->h->diag, DIAG_ERROR, &x->m->src, loc, hint, "%s", what);
    return false;
}

static XTable *find_table(Expander *x, const char *logical)
{
    for (XTable *t = x->tables; t; t = t->next)
        if (strcmp(t->logical, logical) == 0)
            return t;
    return NULL;
}

static XCol *find_col(XTable *t, const char *logical)
{
    for (XCol *c = t->cols; c; c = c->next)
        if (strcmp(c->logical, logical) == 0)
            return c;
    return NULL;
}

/* The physical name of a table now: the expand renames nothing. */
static const char *phys_table(const XTable *t)
{
    return t->orig ? t->orig : t->logical;
}

/* "t" of the default schema, as the physical table is named. */
static void put_table(StrBuf *b, const XTable *t)
{
    q(b, phys_table(t));
}

/* One statement emitted by the PostgreSQL emitter, without its ";\n". */
static char *emit_pg_stmt(Expander *x, const Stmt *s)
{
    StrBuf out;
    sb_init(&out);
    EmitCtx e;
    memset(&e, 0, sizeof e);
    e.dialect = &dialect_postgres;
    e.arena = x->a;
    e.diag = x->h->diag;
    e.m = x->m;
    e.out = &out;
    e.cat = &x->h->cat;
    dialect_postgres.stmt(&e, s);
    emit_ctx_free_marks(&e);
    return done(x, &out);
}

/* Text with its last ";\n" (or ";") cut. */
static char *chop(Expander *x, const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ';' || s[n - 1] == ' '))
        n--;
    return arena_strndup(x->a, s, n);
}

const char *expand_schema_name(Arena *a, const char *version)
{
    return arena_printf(a, "public_%s", version);
}

/* ---- begin ---- */

/* What MySQL and SQLite would need, for the refusal. */
static const char *why_not(const char *dialect)
{
    if (strcmp(dialect, "mysql") == 0)
        return "MySQL would need a database per version to hold the views "
               "(its schemas are databases), a way for a trigger to tell "
               "which version wrote (it has no search_path), and "
               "constraints added without checking every row (it has no "
               "NOT VALID); its DDL also commits statement by statement";
    return "SQLite has one schema and one writer at a time: write an "
           "ordinary migration";
}

Expander *expand_begin(History *h, CompiledMig *cm, const CompiledMig *prev)
{
    Migration *m = cm->m;
    const char *dialect = h->dialect->name;
    if (strcmp(dialect, "postgres") != 0) {
        diag_at(h->diag, DIAG_ERROR, &m->src, m->expand_loc,
                why_not(dialect),
                "`expand;` runs on PostgreSQL only, not %s", dialect);
        return NULL;
    }
    if (m->no_transaction) {
        diag_at(h->diag, DIAG_ERROR, &m->src, m->no_transaction_loc,
                "remove `no transaction;`: each step of an expand runs on "
                "its own already",
                "`expand;` and `no transaction;` do not go together");
        return NULL;
    }
    Expander *x = ARENA_NEW(&h->arena, Expander);
    x->h = h;
    x->cm = cm;
    x->m = m;
    x->a = &h->arena;
    x->schema = expand_schema_name(x->a, m->version);
    if (strlen(x->schema) > MIGC_MAX_IDENT_BYTES) {
        diag_at(h->diag, DIAG_ERROR, &m->src, m->expand_loc, NULL,
                "the version's schema name %s is longer than %d bytes",
                x->schema, MIGC_MAX_IDENT_BYTES);
        return NULL;
    }
    if (prev) {
        x->prev_schema = expand_schema_name(x->a, prev->m->version);
        /* An expand migration just before leaves its schema, with the
         * shape this one starts from, until this one completes. */
        x->prev_created = !prev->m->expand;
    }
    StrBuf views;           /* in the arena once built: an error in a
                               later statement leaves nothing to free */
    sb_init(&views);
    XTable **tail = &x->tables;
    for (const CatTable *t = h->cat.tables; t; t = t->next) {
        if (t->schema)
            continue;
        XTable *xt = ARENA_NEW(x->a, XTable);
        xt->logical = xt->orig = t->name;
        XCol **ct = &xt->cols;
        for (const CatColumn *c = t->cols; c; c = c->next) {
            XCol *xc = ARENA_NEW(x->a, XCol);
            xc->logical = xc->orig = xc->phys = c->name;
            *ct = xc;
            ct = &xc->next;
        }
        *tail = xt;
        tail = &xt->next;
        if (!x->prev_schema)
            continue;
        /* The previous version's view: the table as it is. */
        StrBuf *b = &views;
        sb_puts(b, "CREATE OR REPLACE VIEW ");
        q(b, x->prev_schema);
        sb_putc(b, '.');
        q(b, t->name);
        sb_puts(b, " AS SELECT ");
        for (const CatColumn *c = t->cols; c; c = c->next) {
            q(b, c->name);
            if (c->next)
                sb_puts(b, ", ");
        }
        sb_puts(b, " FROM ");
        q(b, t->name);
        sb_puts(b, ";\n");
    }
    x->old_views = sb_arena_copy(&views, x->a);
    sb_free(&views);
    return x;
}

/* ---- statements ---- */

static XTable *stmt_table(Expander *x, const Stmt *s)
{
    if (s->table.schema.s) {
        fail(x, s->table.loc,
             "expand migrations cover the tables of the default schema",
             "an `expand;` migration cannot change a table of another "
             "schema");
        return NULL;
    }
    XTable *t = find_table(x, s->table.name.s);
    if (!t)
        fail(x, s->table.loc, NULL,
             "internal error: the table is not in the expand's model");
    return t;
}

/* ALTER TABLE "t" ADD CONSTRAINT ... NOT VALID: validated at complete,
 * dropped by abort. */
static void not_valid(Expander *x, XTable *t, const char *name,
                      const char *add_sql)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%s NOT VALID", add_sql);
    push(x, &x->physical, MIG_STEP_TX, done(x, &b), NULL);
    sb_init(&b);
    sb_puts(&b, "ALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " VALIDATE CONSTRAINT ");
    q(&b, name);
    push(x, &x->validate, MIG_STEP_TX, done(x, &b), NULL);
    sb_init(&b);
    sb_puts(&b, "ALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " DROP CONSTRAINT IF EXISTS ");
    q(&b, name);
    push(x, &x->undo, MIG_STEP_TX, done(x, &b), NULL);
}

/* A NOT VALID check that `col` is not null, named `name`; complete
 * validates it, sets NOT NULL (no scan: the check proves it) and drops
 * it.  `final` is the column's physical name at that point. */
static void not_null(Expander *x, XTable *t, const char *col,
                     const char *final, const char *name, StrBuf *contract)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "ALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " ADD CONSTRAINT ");
    q(&b, name);
    sb_puts(&b, " CHECK (");
    q(&b, col);
    sb_puts(&b, " IS NOT NULL)");
    not_valid(x, t, name, done(x, &b));
    sb_puts(contract, "ALTER TABLE ");
    put_table(contract, t);
    sb_puts(contract, " ALTER COLUMN ");
    q(contract, final);
    sb_puts(contract, " SET NOT NULL;\nALTER TABLE ");
    put_table(contract, t);
    sb_puts(contract, " DROP CONSTRAINT ");
    q(contract, name);
    sb_puts(contract, ";\n");
}

/* In a migration written as up { } down { }: the down's type change of
 * the column with a using expression, or NULL. */
static const Stmt *declared_back(const Expander *x, const XTable *t,
                                 const XCol *c)
{
    if (!x->m->has_blocks)
        return NULL;
    for (const Stmt *d = x->m->down; d; d = d->next)
        if (d->kind == ST_ALTER_TYPE && d->using_raw && !d->table.schema.s &&
            (strcmp(d->table.name.s, t->orig) == 0 ||
             strcmp(d->table.name.s, t->logical) == 0) &&
            strcmp(d->column.s, c->orig) == 0)
            return d;
    return NULL;
}

static bool x_alter_type(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    if (!t)
        return false;
    XCol *c = find_col(t, s->column.s);
    const CatTable *ct = cat_table(&x->h->cat, NULL, s->table.name.s);
    const CatColumn *cc = ct ? cat_column(ct, s->column.s) : NULL;
    if (!c || !cc || !ct)
        return fail(x, s->column.loc, NULL,
                    "internal error: the column is not in the expand's "
                    "model");
    if (!c->orig || c->retyped || strcmp(c->orig, c->logical) != 0 ||
        !t->orig || strcmp(t->orig, t->logical) != 0)
        return fail(x, s->loc,
                    "change the type in a migration of its own",
                    "an `expand;` migration changes the type of a column "
                    "that it did not add, rename or retype before");
    const CatConstraint *pk = cat_primary_key(ct);
    if (!pk || pk->ncols != 1)
        return fail(x, s->loc,
                    "the backfill walks the table by its primary key",
                    "an `expand;` type change needs a table with a "
                    "primary key of one column");
    if (pk->cols[0] == cc)
        return fail(x, s->loc, NULL,
                    "an `expand;` migration cannot change the type of the "
                    "primary key");
    for (const CatConstraint *k = ct->cons; k; k = k->next)
        for (int i = 0; i < k->ncols; i++)
            if (k->cols[i] == cc)
                return fail(x, s->loc,
                            "drop the constraint first, or change the "
                            "type in an ordinary migration",
                            arena_printf(x->a,
                                         "an `expand;` type change cannot "
                                         "yet carry constraint %s over to "
                                         "the new column", k->name));
    for (const CatIndex *ix = ct->idx; ix; ix = ix->next)
        for (int i = 0; i < ix->ncols; i++)
            if (ix->cols[i] == cc)
                return fail(x, s->loc,
                            "drop the index first, or change the type in "
                            "an ordinary migration",
                            arena_printf(x->a,
                                         "an `expand;` type change cannot "
                                         "yet carry index %s over to the "
                                         "new column", ix->name));
    const char *newcol = arena_printf(x->a, "migc_new_%s", c->orig);
    if (strlen(newcol) > MIGC_MAX_IDENT_BYTES)
        return fail(x, s->column.loc, NULL,
                    "the column name is too long for the new column "
                    "beside it (migc_new_ and the name)");
    int n = ++x->ntrig;
    const char *fn = arena_printf(x->a, "migc_%s_%d", x->m->version, n);
    if (strlen(fn) > MIGC_MAX_IDENT_BYTES)
        return fail(x, x->m->expand_loc, NULL,
                    "the version is too long to name the triggers");
    if (s->using_raw && strstr(s->using_raw, "$migc$"))
        return fail(x, s->loc, NULL, "a using expression may not hold "
                                     "$migc$");

    /* The new column, with the default the column has. */
    ColumnDef def = {
        .name = {.s = newcol},
        .type = s->type,
        .def = (Expr *)cc->def,
    };
    Stmt add = {
        .kind = ST_ADD_COLUMN,
        .table = {.name = {.s = t->orig}},
        .columns = &def,
    };
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, chop(x, emit_pg_stmt(x, &add)));
    sb_puts(&b, ";\n");

    /* The trigger: each write lands in both columns. */
    StrBuf fwd, back;
    sb_init(&fwd);
    sb_init(&back);
    if (s->using_raw) {
        sb_printf(&fwd, "(%s)", s->using_raw);
    } else {
        q(&fwd, c->orig);
        sb_puts(&fwd, "::");
        pg_type(&fwd, &s->type);
    }
    /* Backward: the down block's type change of the column, when it has
     * a using expression (it reads the column as the new type), else a
     * cast to the old type, as the derived down does. */
    const Stmt *decl = declared_back(x, t, c);
    if (decl) {
        sb_printf(&back, "(SELECT (%s) FROM (SELECT NEW.", decl->using_raw);
        q(&back, newcol);
        sb_puts(&back, " AS ");
        q(&back, c->orig);
        sb_puts(&back, ") AS ");
        q(&back, t->orig);
        sb_putc(&back, ')');
    } else {
        sb_puts(&back, "(SELECT ");
        q(&back, newcol);
        sb_puts(&back, "::");
        pg_type(&back, &cc->type);
        sb_puts(&back, " FROM (SELECT (NEW).*) AS ");
        q(&back, t->orig);
        sb_putc(&back, ')');
    }
    const char *fwd_sql = done(x, &fwd);
    const char *back_sql = done(x, &back);

    sb_puts(&b, "CREATE OR REPLACE FUNCTION ");
    q(&b, fn);
    sb_puts(&b, "() RETURNS trigger LANGUAGE plpgsql AS $migc$\nBEGIN\n"
                "    IF ");
    emit_quote_string_ansi(&b, x->schema);
    sb_puts(&b, " = ANY (pg_catalog.current_schemas(false)) THEN\n"
                "        NEW.");
    q(&b, c->orig);
    sb_puts(&b, " := ");
    sb_puts(&b, back_sql);
    sb_puts(&b, ";\n    ELSE\n        NEW.");
    q(&b, newcol);
    sb_puts(&b, " := (SELECT ");
    sb_puts(&b, fwd_sql);
    sb_puts(&b, " FROM (SELECT (NEW).*) AS ");
    q(&b, t->orig);
    sb_puts(&b, ");\n    END IF;\n    RETURN NEW;\nEND\n$migc$;\n"
                "CREATE TRIGGER ");
    q(&b, fn);
    sb_puts(&b, " BEFORE INSERT OR UPDATE ON ");
    put_table(&b, t);
    sb_puts(&b, " FOR EACH ROW EXECUTE FUNCTION ");
    q(&b, fn);
    sb_puts(&b, "()");
    push(x, &x->physical, MIG_STEP_TX, done(x, &b), NULL);

    /* The backfill, in batches by primary key. */
    const CatColumn *pkc = pk->cols[0];
    StrBuf qt, qpk, pkt, qc;
    sb_init(&qt);
    sb_init(&qpk);
    sb_init(&pkt);
    sb_init(&qc);
    put_table(&qt, t);
    q(&qpk, pkc->name);
    pg_type(&pkt, &pkc->type);
    q(&qc, newcol);
    sb_init(&b);
    emit_backfill_sql(&b, sb_str(&qt), sb_str(&qpk), sb_str(&pkt),
                      sb_str(&qc), fwd_sql, false);
    sb_free(&qt);
    sb_free(&qpk);
    sb_free(&pkt);
    sb_free(&qc);
    push(x, &x->backfill, MIG_STEP_BACKFILL, done(x, &b),
         arena_printf(x->a, "%s.%s", t->logical, c->logical));

    /* Complete: the old column goes, the new one takes its name. */
    sb_init(&b);
    sb_puts(&b, "DROP TRIGGER ");
    q(&b, fn);
    sb_puts(&b, " ON ");
    put_table(&b, t);
    sb_puts(&b, ";\nDROP FUNCTION ");
    q(&b, fn);
    sb_puts(&b, "();\nALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " DROP COLUMN ");
    q(&b, c->orig);
    sb_puts(&b, ";\nALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " RENAME COLUMN ");
    q(&b, newcol);
    sb_puts(&b, " TO ");
    q(&b, c->orig);
    sb_puts(&b, ";\n");
    if (cc->not_null) {
        const char *nn = arena_printf(x->a, "migc_nn_%s_%d", x->m->version,
                                      n);
        not_null(x, t, newcol, c->orig, nn, &b);
    }
    push(x, &x->contract, MIG_STEP_TX, chop(x, done(x, &b)), NULL);

    /* Abort: trigger, function and column go. */
    sb_init(&b);
    sb_puts(&b, "DROP TRIGGER IF EXISTS ");
    q(&b, fn);
    sb_puts(&b, " ON ");
    put_table(&b, t);
    sb_puts(&b, ";\nDROP FUNCTION IF EXISTS ");
    q(&b, fn);
    sb_puts(&b, "();\nALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " DROP COLUMN IF EXISTS ");
    q(&b, newcol);
    push(x, &x->undo, MIG_STEP_TX, done(x, &b), NULL);

    c->phys = newcol;
    c->retyped = true;
    return true;
}

static bool x_add_constraint(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    if (!t)
        return false;
    const Constraint *k = s->constraints;
    if (!k || (k->kind != CON_CHECK && k->kind != CON_FOREIGN))
        return fail(x, s->loc,
                    "add a unique constraint in an ordinary migration, "
                    "after a unique index built concurrently",
                    "an `expand;` migration adds check and foreign key "
                    "constraints only");
    if (!t->orig)
        return fail(x, s->loc, NULL,
                    "an `expand;` migration cannot constrain a table it "
                    "creates");
    if (k->kind == CON_FOREIGN && k->ref_table.schema.s)
        return fail(x, s->loc, NULL,
                    "an `expand;` foreign key must reference a table of "
                    "the default schema");
    /* The constraint on the physical columns. */
    Constraint copy = *k;
    copy.next = NULL;
    NameList *head = NULL, **tail = &head;
    for (const NameList *l = k->cols; l; l = l->next) {
        XCol *c = find_col(t, l->name.s);
        NameList *n = ARENA_NEW(x->a, NameList);
        n->name.s = c ? c->phys : l->name.s;
        *tail = n;
        tail = &n->next;
    }
    copy.cols = head;
    if (k->kind == CON_FOREIGN) {
        XTable *rt = find_table(x, k->ref_table.name.s);
        if (rt) {
            copy.ref_table.name.s = phys_table(rt);
            NameList *rh = NULL, **rtl = &rh;
            for (const NameList *l = k->ref_cols; l; l = l->next) {
                XCol *c = find_col(rt, l->name.s);
                NameList *n = ARENA_NEW(x->a, NameList);
                n->name.s = c ? c->phys : l->name.s;
                *rtl = n;
                rtl = &n->next;
            }
            copy.ref_cols = rh;
        }
    }
    if (k->kind == CON_CHECK && (t->orig && strcmp(t->orig, t->logical)))
        return fail(x, s->loc, "add the check in a migration of its own",
                    "an `expand;` migration adds a check to a table it "
                    "renames");
    if (k->kind == CON_CHECK)
        for (XCol *c = t->cols; c; c = c->next)
            if (c->orig && strcmp(c->phys, c->logical) != 0)
                return fail(x, s->loc,
                            "add the check in a migration of its own",
                            "an `expand;` migration adds a check to a "
                            "table whose columns it renames or retypes");
    Stmt add = {
        .kind = ST_ADD_CONSTRAINT,
        .table = {.name = {.s = t->orig}},
        .constraints = &copy,
    };
    not_valid(x, t, k->name.s, chop(x, emit_pg_stmt(x, &add)));
    return true;
}

static bool x_create_index(Expander *x, const Stmt *s)
{
    const IndexDef *ix = s->index;
    if (ix->table.schema.s)
        return fail(x, ix->table.loc, NULL,
                    "an `expand;` migration cannot index a table of "
                    "another schema");
    XTable *t = find_table(x, ix->table.name.s);
    if (!t)     /* the checker let it through: a materialized view's */
        return fail(x, ix->table.name.loc,
                    "put it in an ordinary migration (or `safe;`, which "
                    "creates it concurrently)",
                    "an index on a materialized view cannot be expanded");
    IndexDef copy = *ix;
    copy.table.name.s = phys_table(t);
    NameList *head = NULL, **tail = &head;
    for (const NameList *l = ix->cols; l; l = l->next) {
        XCol *c = find_col(t, l->name.s);
        NameList *n = ARENA_NEW(x->a, NameList);
        n->name.s = c ? c->phys : l->name.s;
        *tail = n;
        tail = &n->next;
    }
    copy.cols = head;
    /* Keys with options: their columns by physical name too. */
    bool raw = ix->where != NULL || ix->include != NULL;
    IndexKey *khead = NULL, **ktail = &khead;
    for (const IndexKey *k = ix->keys; k; k = k->next) {
        IndexKey *n = ARENA_NEW(x->a, IndexKey);
        *n = *k;
        n->next = NULL;
        if (k->col.s) {
            XCol *c = find_col(t, k->col.s);
            n->col.s = c ? c->phys : k->col.s;
        } else {
            raw = true;
        }
        *ktail = n;
        ktail = &n->next;
    }
    copy.keys = khead;
    bool renamed = false;
    for (const XCol *c = t->cols; c; c = c->next)
        renamed = renamed || strcmp(c->phys, c->logical) != 0;
    if (raw && renamed)
        return fail(x, s->loc, "build the index in a migration of its own",
                    "an `expand;` migration cannot build an index with an "
                    "expression, a predicate or included columns on a "
                    "table whose columns it renames or retypes");
    StrBuf out;
    sb_init(&out);
    EmitCtx e;
    memset(&e, 0, sizeof e);
    e.dialect = &dialect_postgres;
    e.arena = x->a;
    e.out = &out;
    e.m = x->m;
    emit_create_index(&e, &copy, true);
    emit_ctx_free_marks(&e);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "DROP INDEX CONCURRENTLY IF EXISTS ");
    q(&b, ix->name.name.s);
    const char *drop = done(x, &b);
    /* An earlier run may have left it, INVALID or built: dropped, then
     * built, in the same step. */
    push(x, &x->indexes, MIG_STEP_ALONE, chop(x, done(x, &out)), NULL);
    x->indexes.v[x->indexes.n - 1].first = drop;
    push(x, &x->undo_alone, MIG_STEP_ALONE, drop, NULL);
    return true;
}

static bool x_add_column(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    if (!t)
        return false;
    if (t->orig && strcmp(t->orig, t->logical) != 0)
        return fail(x, s->loc, "add the column in a migration of its own",
                    "an `expand;` migration adds a column to a table it "
                    "renames");
    const ColumnDef *d = s->columns;
    for (const Constraint *k = d->cons; k; k = k->next)
        if (k->kind == CON_FOREIGN || k->kind == CON_CHECK ||
            k->kind == CON_UNIQUE || k->kind == CON_PRIMARY)
            return fail(x, k->loc,
                        "add the column, then the constraint as its own "
                        "statement",
                        "an `expand;` migration adds a column without "
                        "constraints");
    if (d->not_null && !d->def)
        return fail(x, s->loc,
                    "give it a default, or add it nullable and set not "
                    "null in a later expand",
                    "the previous version cannot write a not null column "
                    "without a default that an `expand;` migration adds");
    push(x, &x->physical, MIG_STEP_TX, chop(x, emit_pg_stmt(x, s)), NULL);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "ALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " DROP COLUMN IF EXISTS ");
    q(&b, d->name.s);
    push(x, &x->undo, MIG_STEP_TX, done(x, &b), NULL);
    XCol *c = ARENA_NEW(x->a, XCol);
    c->logical = c->phys = d->name.s;
    XCol **tail = &t->cols;
    while (*tail)
        tail = &(*tail)->next;
    *tail = c;
    return true;
}

static bool x_rename_column(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    XCol *c = t ? find_col(t, s->column.s) : NULL;
    if (!c)
        return t ? fail(x, s->column.loc, NULL, "internal error: the "
                        "column is not in the expand's model") : false;
    c->logical = s->new_name.s;
    return true;
}

static bool x_rename_table(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    if (!t)
        return false;
    t->logical = s->new_name.s;
    return true;
}

static bool x_drop_column(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    if (!t)
        return false;
    XCol **p = &t->cols;
    while (*p && strcmp((*p)->logical, s->column.s) != 0)
        p = &(*p)->next;
    if (!*p)
        return false;
    XCol *c = *p;
    if (!c->orig || c->retyped)
        return fail(x, s->loc, NULL,
                    "an `expand;` migration drops a column that it "
                    "added or retyped");
    const CatTable *ct = cat_table(&x->h->cat, NULL, s->table.name.s);
    const CatColumn *cc = ct ? cat_column(ct, s->column.s) : NULL;
    if (cc && cc->not_null && !cc->def)
        return fail(x, s->loc,
                    "give it a default or drop not null first, in an "
                    "ordinary migration",
                    "the new version cannot insert into a table whose "
                    "not null column without a default it hides");
    *p = c->next;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "ALTER TABLE ");
    put_table(&b, t);
    sb_puts(&b, " DROP COLUMN ");
    q(&b, c->orig);
    push(x, &x->contract, MIG_STEP_TX, done(x, &b), NULL);
    return true;
}

static bool x_set_not_null(Expander *x, const Stmt *s)
{
    XTable *t = stmt_table(x, s);
    XCol *c = t ? find_col(t, s->column.s) : NULL;
    if (!c)
        return false;
    if (!c->orig || c->retyped)
        return fail(x, s->loc, "set not null in a migration of its own",
                    "an `expand;` migration sets not null on a column "
                    "that it added or retyped");
    StrBuf b;
    sb_init(&b);
    const char *nn = arena_printf(x->a, "migc_nn_%s_%d", x->m->version,
                                  ++x->ntrig);
    not_null(x, t, c->orig, c->orig, nn, &b);
    push(x, &x->contract, MIG_STEP_TX, chop(x, done(x, &b)), NULL);
    return true;
}

/* What each statement kind does in an `expand;` migration; a kind with
 * no row is refused, named by the second table. */
typedef bool (*ExpandFn)(Expander *x, const Stmt *s);
static const ExpandFn expand_fns[ST_KIND_COUNT] = {
    [ST_RENAME_COLUMN] = x_rename_column,
    [ST_RENAME_TABLE] = x_rename_table,
    [ST_DROP_COLUMN] = x_drop_column,
    [ST_ALTER_TYPE] = x_alter_type,
    [ST_SET_NOT_NULL] = x_set_not_null,
    [ST_ADD_CONSTRAINT] = x_add_constraint,
    [ST_CREATE_INDEX] = x_create_index,
    [ST_ADD_COLUMN] = x_add_column,
};

bool expand_stmt(Expander *x, const Stmt *s)
{
    if ((unsigned)s->kind < ST_KIND_COUNT && expand_fns[s->kind])
        return expand_fns[s->kind](x, s);
    static const char *const names[ST_KIND_COUNT] = {
        [ST_CREATE_TABLE] = "create table",
        [ST_DROP_TABLE] = "drop table",
        [ST_SET_DEFAULT] = "set default",
        [ST_DROP_DEFAULT] = "drop default",
        [ST_DROP_NOT_NULL] = "drop not null",
        [ST_DROP_INDEX] = "drop index",
        [ST_DROP_CONSTRAINT] = "drop constraint",
        [ST_CREATE_SCHEMA] = "create schema",
        [ST_DROP_SCHEMA] = "drop schema",
        [ST_SQL] = "sql",
    };
    const char *what = (unsigned)s->kind < ST_KIND_COUNT && names[s->kind]
                           ? names[s->kind] : "this statement";
    diag_at(x->h->diag, DIAG_ERROR, &x->m->src, s->loc,
            "an `expand;` migration renames, retypes, adds or drops "
            "columns, renames tables, sets not null, adds checks, foreign "
            "keys and indexes; put the rest in an ordinary migration",
            "%s cannot be expanded", what);
    return false;
}

/* ---- end ---- */

static void append(Expander *x, StepList *to, const StepList *from)
{
    for (int i = 0; i < from->n; i++) {
        push(x, to, from->v[i].kind, from->v[i].sql, from->v[i].what);
        to->v[to->n - 1].first = from->v[i].first;
    }
}

/* Steps as a plain array of the arena. */
static void take(const StepList *l, const MigStep **v, int *n)
{
    *v = l->v;
    *n = l->n;
}

bool expand_end(Expander *x)
{
    StrBuf b;
    StepList expand = {0}, complete = {0}, abort_ = {0};

    /* Expand: physical changes, backfills, indexes, then the views. */
    append(x, &expand, &x->physical);
    append(x, &expand, &x->backfill);
    append(x, &expand, &x->indexes);
    if (x->prev_schema) {
        sb_init(&b);
        sb_puts(&b, "CREATE SCHEMA IF NOT EXISTS ");
        q(&b, x->prev_schema);
        sb_puts(&b, ";\n");
        sb_puts(&b, x->old_views);
        push(x, &expand, MIG_STEP_TX, chop(x, done(x, &b)), NULL);
    }
    sb_init(&b);
    sb_puts(&b, "CREATE SCHEMA IF NOT EXISTS ");
    q(&b, x->schema);
    sb_puts(&b, ";\n");
    for (const XTable *t = x->tables; t; t = t->next) {
        sb_puts(&b, "CREATE OR REPLACE VIEW ");
        q(&b, x->schema);
        sb_putc(&b, '.');
        q(&b, t->logical);
        sb_puts(&b, " AS SELECT ");
        for (const XCol *c = t->cols; c; c = c->next) {
            q(&b, c->phys);
            if (strcmp(c->phys, c->logical) != 0) {
                sb_puts(&b, " AS ");
                q(&b, c->logical);
            }
            if (c->next)
                sb_puts(&b, ", ");
        }
        sb_puts(&b, " FROM ");
        put_table(&b, t);
        sb_puts(&b, ";\n");
    }
    push(x, &expand, MIG_STEP_TX, chop(x, done(x, &b)), NULL);

    /* Complete: validate, the old version's schema goes, then the
     * physical changes, the renames last. */
    append(x, &complete, &x->validate);
    if (x->prev_schema) {
        sb_init(&b);
        sb_puts(&b, "DROP SCHEMA IF EXISTS ");
        q(&b, x->prev_schema);
        sb_puts(&b, " CASCADE");
        push(x, &complete, MIG_STEP_TX, done(x, &b), NULL);
    }
    append(x, &complete, &x->contract);
    sb_init(&b);
    for (const XTable *t = x->tables; t; t = t->next) {
        for (const XCol *c = t->cols; c; c = c->next) {
            if (!c->orig || strcmp(c->orig, c->logical) == 0)
                continue;
            sb_puts(&b, "ALTER TABLE ");
            put_table(&b, t);
            sb_puts(&b, " RENAME COLUMN ");
            q(&b, c->orig);
            sb_puts(&b, " TO ");
            q(&b, c->logical);
            sb_puts(&b, ";\n");
        }
        if (t->orig && strcmp(t->orig, t->logical) != 0) {
            sb_puts(&b, "ALTER TABLE ");
            put_table(&b, t);
            sb_puts(&b, " RENAME TO ");
            q(&b, t->logical);
            sb_puts(&b, ";\n");
        }
    }
    if (b.len)
        push(x, &complete, MIG_STEP_TX, chop(x, done(x, &b)), NULL);
    else
        sb_free(&b);

    /* Abort: the schemas, then the physical changes, newest first. */
    sb_init(&b);
    sb_puts(&b, "DROP SCHEMA IF EXISTS ");
    q(&b, x->schema);
    sb_puts(&b, " CASCADE");
    if (x->prev_schema && x->prev_created) {
        sb_puts(&b, ";\nDROP SCHEMA IF EXISTS ");
        q(&b, x->prev_schema);
        sb_puts(&b, " CASCADE");
    }
    push(x, &abort_, MIG_STEP_TX, done(x, &b), NULL);
    append(x, &abort_, &x->undo_alone);
    for (int i = x->undo.n - 1; i >= 0; i--)
        push(x, &abort_, x->undo.v[i].kind, x->undo.v[i].sql, NULL);

    MigExpand *e = ARENA_NEW(x->a, MigExpand);
    e->schema = x->schema;
    e->prev_schema = x->prev_schema;
    take(&expand, &e->expand, &e->nexpand);
    take(&complete, &e->complete, &e->ncomplete);
    take(&abort_, &e->abort, &e->nabort);
    x->cm->expand = e;
    return true;
}
