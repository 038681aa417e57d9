/*
 * lint.c — the lint rules of `migc check` (lint.h): one table, one row a
 * rule, and one function a statement kind that says which rules fire.
 *
 * The rules and their names follow squawk (and strong_migrations where
 * squawk has none).  docs/LINT.md has a section for each row.
 */
#include "lint.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "suggest.h"

enum {
    R_FOREIGN_KEY,
    R_CHECK_NOT_VALID,
    R_REQUIRED_FIELD,
    R_VOLATILE_DEFAULT,
    R_SET_NOT_NULL,
    R_INDEX_CREATE,
    R_INDEX_DROP,
    R_UNIQUE,
    R_TYPE_CHANGE,
    R_RENAME_COLUMN,
    R_RENAME_TABLE,
    R_DROP_COLUMN,
    R_DROP_TABLE,
    R_JSON,
    R_INT_KEY,
    R_TIMESTAMP,
    R_CHAR,
    R_VALIDATE_SAME_TX,
    R_COUNT
};

#define BOTH (LINT_PG | LINT_MYSQL)
#define CLIENTS "breaks clients still running the previous code"

static const LintRule rules[R_COUNT] = {
    [R_FOREIGN_KEY] = {"adding-foreign-key-constraint", LINT_PG,
        "SHARE ROW EXCLUSIVE",
        "blocks writes to both tables while every row is checked",
        "start the migration with `safe;`: it is added NOT VALID, then "
        "validated without blocking writes"},
    [R_CHECK_NOT_VALID] = {"constraint-missing-not-valid", LINT_PG,
        "ACCESS EXCLUSIVE",
        "blocks reads and writes while every row is checked",
        "start the migration with `safe;`: it is added NOT VALID, then "
        "validated without blocking writes"},
    [R_REQUIRED_FIELD] = {"adding-required-field", BOTH, NULL,
        "fails on a table that has rows, and breaks clients that insert "
        "without it",
        "give it a default, or add it nullable, backfill, then set not "
        "null"},
    [R_VOLATILE_DEFAULT] = {"adding-field-with-default", LINT_PG,
        "ACCESS EXCLUSIVE",
        "rewrites the whole table (every row gets its own value) while "
        "blocking reads and writes",
        "start the migration with `safe;`: the column is added without the "
        "default, the default set for new rows, the rows backfilled in "
        "batches by primary key"},
    [R_SET_NOT_NULL] = {"setting-not-nullable-field", LINT_PG,
        "ACCESS EXCLUSIVE",
        "blocks reads and writes while every row is scanned",
        "start the migration with `safe;`: a NOT VALID check (COL is not "
        "null) is validated first, and set not null then skips the scan"},
    [R_INDEX_CREATE] = {"require-concurrent-index-creation", LINT_PG,
        "SHARE", "blocks writes while the index is built",
        "start the migration with `safe;` (or write `create index "
        "concurrently` after `no transaction;`)"},
    [R_INDEX_DROP] = {"require-concurrent-index-deletion", LINT_PG,
        "ACCESS EXCLUSIVE",
        "blocks reads and writes of its table, and waits behind every "
        "query that uses it",
        "start the migration with `safe;` (or write `drop index "
        "concurrently` after `no transaction;`)"},
    [R_UNIQUE] = {"disallowed-unique-constraint", LINT_PG,
        "ACCESS EXCLUSIVE",
        "blocks reads and writes while the unique index is built",
        "start the migration with `safe;`: the unique index is built "
        "concurrently, then the constraint added USING INDEX"},
    [R_TYPE_CHANGE] = {"changing-column-type", LINT_PG, "ACCESS EXCLUSIVE",
        "rewrites the whole table and its indexes while blocking reads and "
        "writes",
        "mark the migration `expand;` (docs/ZERO-DOWNTIME.md): a new "
        "column beside the old one, kept in step and backfilled in batches"},
    [R_RENAME_COLUMN] = {"renaming-column", BOTH, NULL, CLIENTS
        " (they use the old name)",
        "mark the migration `expand;` (docs/ZERO-DOWNTIME.md): both names "
        "work, each version through its own schema, until `migc complete`"},
    [R_RENAME_TABLE] = {"renaming-table", BOTH, NULL, CLIENTS
        " (they use the old name)",
        "mark the migration `expand;` (docs/ZERO-DOWNTIME.md): both names "
        "work, each version through its own schema, until `migc complete`"},
    [R_DROP_COLUMN] = {"ban-drop-column", BOTH, NULL, CLIENTS
        " (they still read or write it)",
        "stop using the column in the code first and release that; drop it "
        "in a later migration"},
    [R_DROP_TABLE] = {"ban-drop-table", BOTH, NULL, CLIENTS
        " (they still read or write it)",
        "stop using the table in the code first and release that; drop it "
        "in a later migration"},
    [R_JSON] = {"prefer-jsonb", LINT_PG, NULL,
        "json keeps the text as written: it has no equality operator, "
        "cannot be indexed, and is parsed again on every access",
        "use jsonb"},
    [R_INT_KEY] = {"prefer-bigint-over-int", LINT_PG, NULL,
        "a 32-bit key runs out at 2,147,483,647, and widening it later "
        "rewrites the table",
        "use bigint (bigserial or an identity column for a generated key)"},
    [R_TIMESTAMP] = {"prefer-timestamptz", LINT_PG, NULL,
        "timestamp without time zone stores the wall clock of whoever "
        "wrote it, and comparisons across time zones go wrong",
        "use `timestamp with time zone` (timestamptz)"},
    [R_CHAR] = {"ban-char-field", LINT_PG, NULL,
        "char(n) pads with spaces, is no faster than text, and the padding "
        "surprises comparisons",
        "use text, or varchar(n) for a length limit"},
    [R_VALIDATE_SAME_TX] = {"validate-in-same-transaction", LINT_PG, NULL,
        "keeps the ACCESS EXCLUSIVE lock that adding it took while "
        "VALIDATE scans every row, which undoes the point of NOT VALID",
        "validate in a later migration, or start this one with `no "
        "transaction;`"},
};

const LintRule *lint_rules(int *n)
{
    *n = R_COUNT;
    return rules;
}

const LintRule *lint_rule(const char *name)
{
    for (int i = 0; i < R_COUNT; i++)
        if (strcmp(rules[i].name, name) == 0)
            return &rules[i];
    return NULL;
}

unsigned lint_dialect(const char *name)
{
    if (!name)
        return 0;
    if (strcmp(name, "postgres") == 0)
        return LINT_PG;
    if (strcmp(name, "mysql") == 0)
        return LINT_MYSQL;
    return 0;
}

void lint_begin(Lint *l, Arena *a, const Catalog *cat, unsigned dialect,
                const Migration *m)
{
    l->arena = a;
    l->cat = cat;
    l->dialect = dialect;
    l->m = m;
    hash_init(&l->fresh);
    l->not_valid_seen = false;
    l->head = l->tail = NULL;
}

void lint_end(Lint *l)
{
    hash_free(&l->fresh);
}

/* ---- helpers ---- */

static bool allowed_in(const NameList *n, const char *rule)
{
    for (; n; n = n->next)
        if (n->name.s && strcmp(n->name.s, rule) == 0)
            return true;
    return false;
}

static void fresh_add(Lint *l, const QName *q)
{
    hash_put(&l->fresh, cat_key(l->arena, q->schema.s, q->name.s), l);
}

static bool is_fresh_key(const Lint *l, const char *schema, const char *name)
{
    if (!l->fresh.count)
        return false;
    if (!schema)
        return hash_get(&l->fresh, name) != NULL;
    char buf[256];
    snprintf(buf, sizeof buf, "%s\x1f%s", schema, name);
    return hash_get(&l->fresh, buf) != NULL;
}

static bool is_fresh(const Lint *l, const QName *q)
{
    return is_fresh_key(l, q->schema.s, q->name.s);
}

static const char *disp(const Lint *l, const QName *q)
{
    return cat_display(l->arena, q->schema.s, q->name.s);
}

static void report(Lint *l, const Stmt *s, int rule, Loc loc,
                   const char *what)
{
    const LintRule *r = &rules[rule];
    if (!(r->dialects & l->dialect))
        return;
    if (allowed_in(s->allow, r->name) || allowed_in(l->m->allow, r->name))
        return;
    LintFinding *f = ARENA_NEW(l->arena, LintFinding);
    f->rule = r;
    f->loc = loc;
    if (r->lock && l->dialect == LINT_PG)
        f->message = arena_printf(l->arena, "%s takes %s %s lock and %s",
                                  what, strchr("AEIOU", r->lock[0]) ? "an"
                                                                    : "a",
                                  r->lock, r->effect);
    else
        f->message = arena_printf(l->arena, "%s %s", what, r->effect);
    f->next = NULL;
    if (l->tail)
        l->tail->next = f;
    else
        l->head = f;
    l->tail = f;
}

static const char *type_text(const Lint *l, const TypeRef *t)
{
    StrBuf b;
    sb_init(&b);
    ast_type_format(&b, t);
    const char *s = sb_arena_copy(&b, l->arena);
    sb_free(&b);
    return s;
}

/* Column types that are poor choices anywhere, new tables included. */
static void lint_type(Lint *l, const Stmt *s, const TypeRef *t,
                      const char *col)
{
    switch (t->kind) {
    case TY_JSON:
        report(l, s, R_JSON, t->loc,
               arena_printf(l->arena, "column %s is json:", col));
        break;
    case TY_TIMESTAMP:
        report(l, s, R_TIMESTAMP, t->loc,
               arena_printf(l->arena, "column %s is timestamp without time "
                            "zone:", col));
        break;
    case TY_CHAR:
        report(l, s, R_CHAR, t->loc,
               arena_printf(l->arena, "column %s is %s:", col,
                            type_text(l, t)));
        break;
    default:
        break;
    }
}

static bool small_int(TypeKind k)
{
    return k == TY_SMALLINT || k == TY_INTEGER || k == TY_SERIAL;
}

static void lint_key_type(Lint *l, const Stmt *s, const ColumnDef *c)
{
    if (small_int(c->type.kind))
        report(l, s, R_INT_KEY, c->type.loc,
               arena_printf(l->arena, "primary key column %s is %s:",
                            c->name.s, type_text(l, &c->type)));
}

static bool col_has_pk(const ColumnDef *c)
{
    for (const Constraint *k = c->cons; k; k = k->next)
        if (k->kind == CON_PRIMARY)
            return true;
    return false;
}

static bool in_names(const NameList *n, const char *s)
{
    for (; n; n = n->next)
        if (n->name.s && strcmp(n->name.s, s) == 0)
            return true;
    return false;
}

/* Case-insensitive substring. */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; p && *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

/* Functions whose value differs row by row: a default calling one makes
 * `add column` rewrite the table (PostgreSQL 11 keeps other defaults in
 * the catalog). */
static const char *const volatile_fns[] = {
    "random(", "gen_random_uuid(", "uuid_generate_v1", "uuid_generate_v4",
    "clock_timestamp(", "timeofday(", "nextval(",
};

bool lint_volatile_default(const Expr *e)
{
    if (!e)
        return false;
    const char *text = NULL;
    char buf[96];
    if (e->kind == EX_CALL) {
        snprintf(buf, sizeof buf, "%s(", e->name ? e->name : "");
        text = buf;
    } else if (e->kind == EX_RAW) {
        text = e->text;
    } else {
        return false;
    }
    for (size_t i = 0; i < sizeof volatile_fns / sizeof *volatile_fns; i++)
        if (has_word(text, volatile_fns[i]))
            return true;
    return false;
}

/* `COL is not null`, as a check's raw text (spaces, case, parentheses and
 * quotes around the name aside). */
static bool check_is_not_null(const char *check, const char *col)
{
    char a[256];
    size_t n = 0;
    for (const char *p = check; *p && n + 1 < sizeof a; p++)
        if (!isspace((unsigned char)*p) && *p != '(' && *p != ')' &&
            *p != '"')
            a[n++] = (char)tolower((unsigned char)*p);
    a[n] = '\0';
    char want[256];
    snprintf(want, sizeof want, "%sisnotnull", col);
    for (char *p = want; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return strcmp(a, want) == 0;
}

/* PostgreSQL changes these types without touching the rows. */
static bool free_type_change(const TypeRef *o, const TypeRef *n)
{
    if (cat_type_equal(o, n))
        return true;
    if (o->kind == TY_VARCHAR && n->kind == TY_VARCHAR)
        return n->nargs == 0 || (o->nargs > 0 && n->arg[0] >= o->arg[0]);
    if (o->kind == TY_VARCHAR && n->kind == TY_TEXT)
        return true;
    if (o->kind == TY_TEXT && n->kind == TY_VARCHAR)
        return n->nargs == 0;
    if (o->kind == TY_NUMERIC && n->kind == TY_NUMERIC) {
        if (n->nargs == 0)
            return true;
        if (o->nargs == 0)
            return false;
        long os = o->nargs > 1 ? o->arg[1] : 0;
        long ns = n->nargs > 1 ? n->arg[1] : 0;
        return os == ns && n->arg[0] >= o->arg[0];
    }
    return false;
}

/* ---- one function a statement kind ---- */

/* A `safe;` migration on PostgreSQL: emit_pg.c writes the safe forms of
 * constraints, set not null and indexes, so their rules have nothing to
 * say. */
static bool safe_pg(const Lint *l)
{
    return l->dialect == LINT_PG && l->m && l->m->safe;
}

static void lint_constraint(Lint *l, const Stmt *s, const Constraint *k,
                            const char *table)
{
    if (safe_pg(l) && k->name.s)
        return;
    const char *name = k->name.s ? k->name.s : "";
    switch (k->kind) {
    case CON_FOREIGN:
        report(l, s, R_FOREIGN_KEY, k->loc,
               arena_printf(l->arena, "adding foreign key %s to %s",
                            name, table));
        break;
    case CON_CHECK:
        report(l, s, R_CHECK_NOT_VALID, k->loc,
               arena_printf(l->arena, "adding check %s to %s", name,
                            table));
        break;
    case CON_UNIQUE:
    case CON_PRIMARY:
        report(l, s, R_UNIQUE, k->loc,
               arena_printf(l->arena, "adding %s %s to existing table %s",
                            k->kind == CON_UNIQUE ? "unique constraint"
                                                  : "primary key",
                            name, table));
        break;
    }
}

static void lint_create_table(Lint *l, const Stmt *s)
{
    for (const ColumnDef *c = s->columns; c; c = c->next) {
        lint_type(l, s, &c->type, c->name.s);
        bool pk = col_has_pk(c);
        for (const Constraint *k = s->constraints; k && !pk; k = k->next)
            pk = k->kind == CON_PRIMARY && in_names(k->cols, c->name.s);
        if (pk)
            lint_key_type(l, s, c);
    }
    fresh_add(l, &s->table);
}

static void lint_add_column(Lint *l, const Stmt *s)
{
    const ColumnDef *c = s->columns;
    lint_type(l, s, &c->type, c->name.s);
    if (col_has_pk(c))
        lint_key_type(l, s, c);
    if (is_fresh(l, &s->table))
        return;
    const char *t = disp(l, &s->table);
    bool serial = c->type.kind == TY_SERIAL || c->type.kind == TY_BIGSERIAL;
    if (c->not_null && !c->def && !serial && !col_has_pk(c))
        report(l, s, R_REQUIRED_FIELD, s->loc,
               arena_printf(l->arena, "adding not null column %s to %s "
                            "without a default", c->name.s, t));
    /* `safe;` adds it without the default and backfills (emit_pg.c). */
    bool rewritten = safe_pg(l) && !serial;
    if ((lint_volatile_default(c->def) && !rewritten) || serial)
        report(l, s, R_VOLATILE_DEFAULT, c->def ? c->def->loc : c->type.loc,
               arena_printf(l->arena, "adding column %s to %s with a "
                            "default that differs row by row", c->name.s,
                            t));
    for (const Constraint *k = c->cons; k; k = k->next)
        lint_constraint(l, s, k, t);
}

static void lint_add_constraint(Lint *l, const Stmt *s)
{
    if (is_fresh(l, &s->table))
        return;
    lint_constraint(l, s, s->constraints, disp(l, &s->table));
}

static void lint_alter_type(Lint *l, const Stmt *s)
{
    lint_type(l, s, &s->type, s->column.s);
    if (is_fresh(l, &s->table))
        return;
    const CatTable *t = cat_table(l->cat, s->table.schema.s, s->table.name.s);
    const CatColumn *c = t ? cat_column(t, s->column.s) : NULL;
    if (!c)
        return;
    if (!s->using_raw && free_type_change(&c->type, &s->type))
        return;
    report(l, s, R_TYPE_CHANGE, s->loc,
           arena_printf(l->arena, "changing %s.%s from %s to %s",
                        disp(l, &s->table), s->column.s,
                        type_text(l, &c->type), type_text(l, &s->type)));
}

static void lint_set_not_null(Lint *l, const Stmt *s)
{
    if (is_fresh(l, &s->table) || safe_pg(l))
        return;
    const CatTable *t = cat_table(l->cat, s->table.schema.s, s->table.name.s);
    if (!t)
        return;
    for (const CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind == CON_CHECK && k->check &&
            check_is_not_null(k->check, s->column.s))
            return; /* PostgreSQL 12 proves it from the check */
    report(l, s, R_SET_NOT_NULL, s->loc,
           arena_printf(l->arena, "setting %s.%s not null",
                        disp(l, &s->table), s->column.s));
}

static void lint_create_index(Lint *l, const Stmt *s)
{
    const IndexDef *ix = s->index;
    if (ix->concurrently || is_fresh(l, &ix->table) || safe_pg(l))
        return;
    report(l, s, R_INDEX_CREATE, s->loc,
           arena_printf(l->arena, "creating an index on %s without "
                        "concurrently", disp(l, &ix->table)));
}

static void lint_drop_index(Lint *l, const Stmt *s)
{
    if (s->concurrently || safe_pg(l))
        return;
    const CatIndex *ix = cat_index(l->cat, s->object.schema.s,
                                   s->object.name.s);
    if (!ix || is_fresh_key(l, ix->table->schema, ix->table->name))
        return;
    report(l, s, R_INDEX_DROP, s->loc,
           arena_printf(l->arena, "dropping index %s without concurrently",
                        cat_display(l->arena, s->object.schema.s,
                                    s->object.name.s)));
}

static void lint_rename_table(Lint *l, const Stmt *s)
{
    if (is_fresh(l, &s->table)) {
        QName q = s->table;
        q.name = s->new_name;
        fresh_add(l, &q);
        return;
    }
    report(l, s, R_RENAME_TABLE, s->loc,
           arena_printf(l->arena, "renaming table %s", disp(l, &s->table)));
}

static void lint_rename_column(Lint *l, const Stmt *s)
{
    if (!is_fresh(l, &s->table))
        report(l, s, R_RENAME_COLUMN, s->loc,
               arena_printf(l->arena, "renaming column %s.%s",
                            disp(l, &s->table), s->column.s));
}

static void lint_drop_column(Lint *l, const Stmt *s)
{
    if (!is_fresh(l, &s->table))
        report(l, s, R_DROP_COLUMN, s->loc,
               arena_printf(l->arena, "dropping column %s.%s",
                            disp(l, &s->table), s->column.s));
}

static void lint_drop_table(Lint *l, const Stmt *s)
{
    if (!is_fresh(l, &s->table))
        report(l, s, R_DROP_TABLE, s->loc,
               arena_printf(l->arena, "dropping table %s",
                            disp(l, &s->table)));
}

static void lint_sql(Lint *l, const Stmt *s)
{
    if (!s->sql_up)
        return;
    if (l->not_valid_seen && !l->m->no_transaction &&
        has_word(s->sql_up, "validate constraint"))
        report(l, s, R_VALIDATE_SAME_TX, s->loc,
               "validating a constraint in the transaction that added it "
               "NOT VALID");
    if (has_word(s->sql_up, "not valid"))
        l->not_valid_seen = true;
}

typedef void (*LintFn)(Lint *l, const Stmt *s);

static const LintFn lint_fns[ST_KIND_COUNT] = {
    [ST_CREATE_TABLE] = lint_create_table,
    [ST_DROP_TABLE] = lint_drop_table,
    [ST_RENAME_TABLE] = lint_rename_table,
    [ST_ADD_COLUMN] = lint_add_column,
    [ST_DROP_COLUMN] = lint_drop_column,
    [ST_RENAME_COLUMN] = lint_rename_column,
    [ST_ALTER_TYPE] = lint_alter_type,
    [ST_SET_NOT_NULL] = lint_set_not_null,
    [ST_CREATE_INDEX] = lint_create_index,
    [ST_DROP_INDEX] = lint_drop_index,
    [ST_ADD_CONSTRAINT] = lint_add_constraint,
    [ST_SQL] = lint_sql,
};

void lint_stmt(Lint *l, const Stmt *s)
{
    if (!l->dialect || s->kind < 0 || s->kind >= ST_KIND_COUNT)
        return;
    if (lint_fns[s->kind])
        lint_fns[s->kind](l, s);
}

static bool check_names(Diag *d, Arena *a, const Migration *m,
                        const NameList *n)
{
    bool ok = true;
    const char *names[R_COUNT];
    for (int i = 0; i < R_COUNT; i++)
        names[i] = rules[i].name;
    for (; n; n = n->next) {
        if (!n->name.s || lint_rule(n->name.s))
            continue;
        diag_at(d, DIAG_ERROR, &m->src, n->name.loc,
                suggest_hint(a, NULL, n->name.s, names, R_COUNT),
                "unknown lint rule \"%s\"", n->name.s);
        ok = false;
    }
    return ok;
}

bool lint_check_allow(Diag *d, Arena *a, const Migration *m)
{
    bool ok = check_names(d, a, m, m->allow);
    for (const Stmt *s = m->up; s; s = s->next)
        if (s->allow && !check_names(d, a, m, s->allow))
            ok = false;
    return ok;
}
