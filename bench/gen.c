/*
 * gen.c — synthetic migration histories for the benchmarks and the
 * reliability tests.
 *
 *   gen N DIR [--seed S] [--start V]
 *
 * writes N migration files DIR/<version>_<name>.mig (DIR is created when
 * missing), versions V, V+1, ... (default 1) zero-padded to six digits or
 * more, so that the names sort as the versions do.
 *
 * The history is a deterministic mix of what real projects do: create
 * table (with a serial primary key, a few typed columns, sometimes a
 * unique column or a named foreign key), add, drop and rename a column,
 * change a column's type, default or nullability, create and drop indexes,
 * add and drop foreign keys, rename and drop tables.  A migration holds one
 * to three such statements.
 *
 * Every history is valid: the generator keeps its own small schema model
 * (tables, columns, indexes, foreign keys) and only refers to what exists
 * at that point.  It never drops a column that an index, the primary key
 * or a foreign key uses, never drops a table that another table's foreign
 * key references, and renames only to names never used before.  It stays
 * inside what all three dialects compile: no schemas, no concurrently, no
 * raw sql, no check constraints or partial indexes (their raw text would
 * not follow a rename), no defaults on text columns (MySQL), no indexes on
 * text columns (MySQL needs a prefix length), and type changes only
 * between types that PostgreSQL casts without a USING clause.
 *
 * The same N and seed always give the same bytes, and the mix depends on
 * the seed alone, not on N: the history of 500 is the first 500 files of
 * the history of 10,000 with the same seed (when N < 1,000,000 - V, so
 * that the version width is the same).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NAME_MAX_LEN 24

/* ---- a deterministic generator (splitmix64) ---- */

typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* A number in [0, n); n > 0. */
static int rng_below(Rng *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

/* ---- the column types ---- */

typedef enum ColType {
    TY_INTEGER,
    TY_BIGINT,
    TY_TEXT,
    TY_VARCHAR_S,       /* varchar(50) */
    TY_VARCHAR_L,       /* varchar(255) */
    TY_BOOLEAN,
    TY_TIMESTAMPTZ,
    TY_DATE,
    TY_NUMERIC,
    TY_DOUBLE,
    TY_REAL,
    TY_UUID,
    TY_COUNT
} ColType;

static const char *type_name(ColType t)
{
    switch (t) {
    case TY_INTEGER: return "integer";
    case TY_BIGINT: return "bigint";
    case TY_TEXT: return "text";
    case TY_VARCHAR_S: return "varchar(50)";
    case TY_VARCHAR_L: return "varchar(255)";
    case TY_BOOLEAN: return "boolean";
    case TY_TIMESTAMPTZ: return "timestamptz";
    case TY_DATE: return "date";
    case TY_NUMERIC: return "numeric(12, 2)";
    case TY_DOUBLE: return "double precision";
    case TY_REAL: return "real";
    case TY_UUID: return "uuid";
    case TY_COUNT: break;
    }
    return "integer";
}

/* A default that every dialect takes for the type, or NULL for none. */
static const char *type_default(ColType t)
{
    switch (t) {
    case TY_INTEGER:
    case TY_BIGINT:
    case TY_NUMERIC:
    case TY_DOUBLE:
    case TY_REAL: return "0";
    case TY_VARCHAR_S:
    case TY_VARCHAR_L: return "''";
    case TY_BOOLEAN: return "false";
    case TY_TIMESTAMPTZ: return "now()";
    case TY_TEXT:               /* MySQL: no literal default on TEXT */
    case TY_DATE:
    case TY_UUID:
    case TY_COUNT: break;
    }
    return NULL;
}

/* The value `drop column ... fill` gives a not-null column without a
 * default when the down puts it back on a table with rows. */
static const char *type_fill(ColType t)
{
    switch (t) {
    case TY_INTEGER:
    case TY_BIGINT:
    case TY_NUMERIC:
    case TY_DOUBLE:
    case TY_REAL: return "0";
    case TY_VARCHAR_S:
    case TY_VARCHAR_L:
    case TY_TEXT: return "''";
    case TY_BOOLEAN: return "false";
    case TY_TIMESTAMPTZ: return "'2000-01-01 00:00:00+00'";
    case TY_DATE: return "'2000-01-01'";
    case TY_UUID: return "'00000000-0000-0000-0000-000000000000'";
    case TY_COUNT: break;
    }
    return "0";
}

/* Can an index use a column of this type in every dialect? */
static bool type_indexable(ColType t)
{
    switch (t) {
    case TY_INTEGER:
    case TY_BIGINT:
    case TY_VARCHAR_S:
    case TY_VARCHAR_L:
    case TY_BOOLEAN:
    case TY_TIMESTAMPTZ:
    case TY_DATE:
    case TY_NUMERIC:
    case TY_UUID: return true;
    case TY_TEXT:
    case TY_DOUBLE:
    case TY_REAL:
    case TY_COUNT: break;
    }
    return false;
}

/* The type a column of type t may change to (PostgreSQL casts it without
 * USING, and back), or t itself when it has none. */
static ColType type_change(ColType t)
{
    switch (t) {
    case TY_INTEGER: return TY_BIGINT;
    case TY_BIGINT: return TY_INTEGER;
    case TY_TEXT: return TY_VARCHAR_L;
    case TY_VARCHAR_S: return TY_VARCHAR_L;
    case TY_VARCHAR_L: return TY_TEXT;
    case TY_DOUBLE: return TY_REAL;
    case TY_REAL: return TY_DOUBLE;
    case TY_NUMERIC: return TY_DOUBLE;
    case TY_BOOLEAN:
    case TY_TIMESTAMPTZ:
    case TY_DATE:
    case TY_UUID:
    case TY_COUNT: break;
    }
    return t;
}

/* Types of new columns, weighted the way real tables are. */
static ColType random_type(Rng *r)
{
    static const ColType mix[] = {
        TY_INTEGER, TY_INTEGER, TY_BIGINT, TY_TEXT, TY_TEXT,
        TY_VARCHAR_S, TY_VARCHAR_L, TY_VARCHAR_L, TY_BOOLEAN,
        TY_TIMESTAMPTZ, TY_TIMESTAMPTZ, TY_DATE, TY_NUMERIC, TY_DOUBLE,
        TY_REAL, TY_UUID,
    };
    return mix[rng_below(r, (int)(sizeof mix / sizeof mix[0]))];
}

/* ---- the schema model ---- */

typedef struct Col {
    char name[NAME_MAX_LEN];
    ColType type;
    bool alive;
    bool pk;
    bool not_null;
    bool has_default;
    bool set_null;      /* a foreign key on it sets it to null: it stays
                           nullable for good (the checker requires it) */
    int uses;           /* indexes, unique constraints, foreign keys */
} Col;

typedef struct Table {
    char name[NAME_MAX_LEN];
    Col *cols;
    int ncols, capcols;
    int nalive;         /* live columns */
    int refs_in;        /* live foreign keys of other tables to this one */
    int live_at;        /* position in Model.live, or -1 */
} Table;

typedef struct Index {
    char name[NAME_MAX_LEN];
    int table;
    int col;
    int live_at;        /* position in Model.live_ix, or -1 */
} Index;

typedef struct Fk {
    char name[NAME_MAX_LEN];
    int table;
    int col;
    int target;
    int live_at;        /* position in Model.live_fk, or -1 */
} Fk;

/* A growable array of ints: the live tables, indexes and foreign keys,
 * so that picking one at random costs O(1) however long the history. */
typedef struct IntVec {
    int *v;
    int n, cap;
} IntVec;

typedef struct Model {
    Table *tables;
    int ntables, captables;
    Index *ix;
    int nix, capix;
    Fk *fk;
    int nfk, capfk;
    IntVec live, live_ix, live_fk;
    long next_name;     /* every name gets a number never used before */
} Model;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "gen: out of memory\n");
        exit(1);
    }
    return q;
}

#define GROW(arr, n, cap)                                                    \
    do {                                                                     \
        if ((n) == (cap)) {                                                  \
            (cap) = (cap) ? (cap) * 2 : 16;                                  \
            (arr) = xrealloc((arr), sizeof *(arr) * (size_t)(cap));          \
        }                                                                    \
    } while (0)

/* Add x to vec and return its position. */
static int vec_push(IntVec *vec, int x)
{
    GROW(vec->v, vec->n, vec->cap);
    vec->v[vec->n] = x;
    return vec->n++;
}

/* Remove the element at position at by moving the last one there; *moved
 * gets the element moved (or -1). */
static void vec_remove(IntVec *vec, int at, int *moved)
{
    vec->n--;
    *moved = -1;
    if (at != vec->n) {
        vec->v[at] = vec->v[vec->n];
        *moved = vec->v[at];
    }
}

static void fresh_name(Model *m, char *buf, const char *prefix)
{
    snprintf(buf, NAME_MAX_LEN, "%s%ld", prefix, ++m->next_name);
}

static int table_add_col(Table *t, const char *name, ColType type)
{
    GROW(t->cols, t->ncols, t->capcols);
    Col *c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->type = type;
    c->alive = true;
    t->nalive++;
    return t->ncols++;
}

static int model_new_table(Model *m)
{
    GROW(m->tables, m->ntables, m->captables);
    Table *t = &m->tables[m->ntables];
    memset(t, 0, sizeof *t);
    fresh_name(m, t->name, "t");
    t->live_at = vec_push(&m->live, m->ntables);
    return m->ntables++;
}

static void model_drop_table(Model *m, int ti)
{
    int moved;
    Table *t = &m->tables[ti];
    vec_remove(&m->live, t->live_at, &moved);
    if (moved >= 0)
        m->tables[moved].live_at = t->live_at;
    t->live_at = -1;
}

static int model_new_index(Model *m, int ti, int ci)
{
    GROW(m->ix, m->nix, m->capix);
    Index *x = &m->ix[m->nix];
    fresh_name(m, x->name, "ix");
    x->table = ti;
    x->col = ci;
    x->live_at = vec_push(&m->live_ix, m->nix);
    m->tables[ti].cols[ci].uses++;
    return m->nix++;
}

static void model_drop_index(Model *m, int xi)
{
    int moved;
    Index *x = &m->ix[xi];
    vec_remove(&m->live_ix, x->live_at, &moved);
    if (moved >= 0)
        m->ix[moved].live_at = x->live_at;
    x->live_at = -1;
    m->tables[x->table].cols[x->col].uses--;
}

static int model_new_fk(Model *m, int ti, int ci, int target)
{
    GROW(m->fk, m->nfk, m->capfk);
    Fk *f = &m->fk[m->nfk];
    fresh_name(m, f->name, "fk");
    f->table = ti;
    f->col = ci;
    f->target = target;
    f->live_at = vec_push(&m->live_fk, m->nfk);
    m->tables[ti].cols[ci].uses++;
    m->tables[target].refs_in++;
    return m->nfk++;
}

static void model_drop_fk(Model *m, int fi)
{
    int moved;
    Fk *f = &m->fk[fi];
    vec_remove(&m->live_fk, f->live_at, &moved);
    if (moved >= 0)
        m->fk[moved].live_at = f->live_at;
    f->live_at = -1;
    m->tables[f->table].cols[f->col].uses--;
    m->tables[f->target].refs_in--;
}

/* A live table at random, or -1 when there is none. */
static int pick_table(Model *m, Rng *r)
{
    if (m->live.n == 0)
        return -1;
    return m->live.v[rng_below(r, m->live.n)];
}

/* Does column c qualify for an operation? */
typedef bool ColPred(const Col *c);

/* A live column of table ti that satisfies pred, at random, or -1. */
static int pick_col(Table *t, Rng *r, ColPred *pred)
{
    if (t->ncols == 0)
        return -1;
    int start = rng_below(r, t->ncols);
    for (int k = 0; k < t->ncols; k++) {
        int ci = (start + k) % t->ncols;
        const Col *c = &t->cols[ci];
        if (c->alive && pred(c))
            return ci;
    }
    return -1;
}

/* Tables grow to a few dozen columns at most: a wide table takes no more. */
#define MAX_TABLE_COLS 40

static bool col_plain(const Col *c)
{
    return !c->pk && c->uses == 0;
}

static bool col_not_pk(const Col *c)
{
    return !c->pk;
}

static bool col_indexable(const Col *c)
{
    return !c->pk && type_indexable(c->type);
}

static bool col_changeable(const Col *c)
{
    ColType to = type_change(c->type);
    /* MySQL: a TEXT column cannot keep a literal default. */
    return col_plain(c) && to != c->type && !(to == TY_TEXT && c->has_default);
}

static bool col_has_default(const Col *c)
{
    return !c->pk && c->has_default;
}

static bool col_can_default(const Col *c)
{
    return !c->pk && !c->has_default && type_default(c->type) != NULL;
}

static bool col_nullable(const Col *c)
{
    return !c->pk && !c->not_null && !c->set_null;
}

static bool col_not_null(const Col *c)
{
    return !c->pk && c->not_null;
}

/* ---- output ---- */

typedef struct Out {
    char *buf;
    size_t len, cap;
    char name[64];      /* the migration's name, from its first statement */
} Out;

static void out_printf(Out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void out_printf(Out *o, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            fprintf(stderr, "gen: vsnprintf failed\n");
            exit(1);
        }
        if ((size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        o->cap = o->cap * 2 + (size_t)n + 64;
        o->buf = xrealloc(o->buf, o->cap);
    }
}

static void out_name(Out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void out_name(Out *o, const char *fmt, ...)
{
    va_list ap;
    if (o->name[0])
        return;
    va_start(ap, fmt);
    vsnprintf(o->name, sizeof o->name, fmt, ap);
    va_end(ap);
}

/* ---- the statements ---- */

/* A column definition: name, type, sometimes not null and a default. */
static void col_def(Model *m, Rng *r, Table *t, Out *o, bool in_create)
{
    char name[NAME_MAX_LEN];
    fresh_name(m, name, "c");
    ColType ty = random_type(r);
    int ci = table_add_col(t, name, ty);
    Col *c = &t->cols[ci];
    const char *def = type_default(ty);
    out_printf(o, "%s %s", c->name, type_name(ty));
    /* A NOT NULL column added to a table must have a default (the table
     * may have rows); in create table it need not. */
    if (def && rng_below(r, 3) == 0) {
        c->not_null = true;
        c->has_default = true;
        out_printf(o, " not null default %s", def);
    } else if (in_create && rng_below(r, 4) == 0) {
        c->not_null = true;
        out_printf(o, " not null");
    } else if (def && rng_below(r, 6) == 0) {
        c->has_default = true;
        out_printf(o, " default %s", def);
    }
}

static void gen_create_table(Model *m, Rng *r, Out *o)
{
    int ti = model_new_table(m);
    Table *t = &m->tables[ti];
    int target = -1;
    out_name(o, "create_%s", t->name);
    out_printf(o, "create table %s (\n    id serial primary key", t->name);
    int id = table_add_col(t, "id", TY_INTEGER);
    t->cols[id].pk = true;
    t->cols[id].not_null = true;
    /* A reference to another table, named so it can be dropped later. */
    if (m->live.n > 1 && rng_below(r, 3) == 0) {
        do
            target = pick_table(m, r);
        while (target == ti);
        char name[NAME_MAX_LEN];
        fresh_name(m, name, "c");
        int ci = table_add_col(t, name, TY_INTEGER);
        int fi = model_new_fk(m, ti, ci, target);
        t = &m->tables[ti];
        out_printf(o, ",\n    %s integer constraint %s references %s (id)%s",
                   name, m->fk[fi].name, m->tables[target].name,
                   rng_below(r, 2) ? " on delete cascade" : "");
    }
    int n = 2 + rng_below(r, 5);
    for (int i = 0; i < n; i++) {
        out_printf(o, ",\n    ");
        col_def(m, r, t, o, true);
    }
    /* Sometimes a unique column (the constraint keeps it from drops). */
    if (rng_below(r, 4) == 0) {
        char name[NAME_MAX_LEN];
        fresh_name(m, name, "c");
        int ci = table_add_col(t, name, TY_VARCHAR_L);
        t->cols[ci].uses++;
        t->cols[ci].not_null = true;
        out_printf(o, ",\n    %s varchar(255) not null unique", name);
    }
    out_printf(o, "\n);\n");
    if (target >= 0) {
        /* Index the reference, as one usually does. */
        int ci = t->ncols > 1 ? 1 : 0;
        int xi = model_new_index(m, ti, ci);
        out_printf(o, "create index %s on %s (%s);\n", m->ix[xi].name,
                   t->name, t->cols[ci].name);
    }
}

static bool gen_add_column(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0 || m->tables[ti].nalive >= MAX_TABLE_COLS)
        return false;
    Table *t = &m->tables[ti];
    out_printf(o, "add column %s.", t->name);
    col_def(m, r, t, o, false);
    out_name(o, "add_%s_to_%s", t->cols[t->ncols - 1].name, t->name);
    out_printf(o, ";\n");
    return true;
}

static bool gen_drop_column(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0 || m->tables[ti].nalive <= 2)
        return false;
    Table *t = &m->tables[ti];
    int ci = pick_col(t, r, col_plain);
    if (ci < 0)
        return false;
    t->cols[ci].alive = false;
    t->nalive--;
    out_name(o, "drop_%s_from_%s", t->cols[ci].name, t->name);
    out_printf(o, "drop column %s.%s", t->name, t->cols[ci].name);
    if (t->cols[ci].not_null && !t->cols[ci].has_default)
        out_printf(o, " fill %s", type_fill(t->cols[ci].type));
    out_printf(o, ";\n");
    return true;
}

static bool gen_rename_column(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    Table *t = &m->tables[ti];
    int ci = pick_col(t, r, col_not_pk);
    if (ci < 0)
        return false;
    char name[NAME_MAX_LEN];
    fresh_name(m, name, "c");
    out_name(o, "rename_%s_%s", t->name, t->cols[ci].name);
    out_printf(o, "rename column %s.%s to %s;\n", t->name, t->cols[ci].name,
               name);
    snprintf(t->cols[ci].name, sizeof t->cols[ci].name, "%s", name);
    return true;
}

static bool gen_alter_type(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    Table *t = &m->tables[ti];
    int ci = pick_col(t, r, col_changeable);
    if (ci < 0)
        return false;
    Col *c = &t->cols[ci];
    c->type = type_change(c->type);
    out_name(o, "retype_%s_%s", t->name, c->name);
    out_printf(o, "alter column %s.%s type %s;\n", t->name, c->name,
               type_name(c->type));
    return true;
}

static bool gen_default(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    Table *t = &m->tables[ti];
    int ci;
    if (rng_below(r, 2) && (ci = pick_col(t, r, col_can_default)) >= 0) {
        Col *c = &t->cols[ci];
        c->has_default = true;
        out_name(o, "default_%s_%s", t->name, c->name);
        out_printf(o, "alter column %s.%s set default %s;\n", t->name,
                   c->name, type_default(c->type));
        return true;
    }
    if ((ci = pick_col(t, r, col_has_default)) >= 0) {
        Col *c = &t->cols[ci];
        c->has_default = false;
        out_name(o, "no_default_%s_%s", t->name, c->name);
        out_printf(o, "alter column %s.%s drop default;\n", t->name, c->name);
        return true;
    }
    return false;
}

static bool gen_null(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    Table *t = &m->tables[ti];
    int ci;
    if (rng_below(r, 2) && (ci = pick_col(t, r, col_nullable)) >= 0) {
        Col *c = &t->cols[ci];
        c->not_null = true;
        out_name(o, "require_%s_%s", t->name, c->name);
        out_printf(o, "alter column %s.%s set not null;\n", t->name, c->name);
        return true;
    }
    if ((ci = pick_col(t, r, col_not_null)) >= 0) {
        Col *c = &t->cols[ci];
        c->not_null = false;
        out_name(o, "optional_%s_%s", t->name, c->name);
        out_printf(o, "alter column %s.%s drop not null;\n", t->name, c->name);
        return true;
    }
    return false;
}

static bool gen_create_index(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    int ci = pick_col(&m->tables[ti], r, col_indexable);
    if (ci < 0)
        return false;
    int xi = model_new_index(m, ti, ci);
    Table *t = &m->tables[ti];
    out_name(o, "index_%s_%s", t->name, t->cols[ci].name);
    out_printf(o, "create index %s on %s (%s);\n", m->ix[xi].name, t->name,
               t->cols[ci].name);
    return true;
}

static bool gen_drop_index(Model *m, Rng *r, Out *o)
{
    if (m->live_ix.n == 0)
        return false;
    int xi = m->live_ix.v[rng_below(r, m->live_ix.n)];
    out_name(o, "drop_%s", m->ix[xi].name);
    out_printf(o, "drop index %s;\n", m->ix[xi].name);
    model_drop_index(m, xi);
    return true;
}

/* A new integer column and a foreign key from it to another table. */
static bool gen_add_fk(Model *m, Rng *r, Out *o)
{
    if (m->live.n < 2)
        return false;
    int ti = pick_table(m, r);
    int target;
    do
        target = pick_table(m, r);
    while (target == ti);
    if (m->tables[ti].nalive >= MAX_TABLE_COLS)
        return false;
    char name[NAME_MAX_LEN];
    fresh_name(m, name, "c");
    int ci = table_add_col(&m->tables[ti], name, TY_INTEGER);
    int fi = model_new_fk(m, ti, ci, target);
    const char *t = m->tables[ti].name, *u = m->tables[target].name;
    out_name(o, "reference_%s_from_%s", u, t);
    out_printf(o, "add column %s.%s integer;\n", t, name);
    bool set_null = rng_below(r, 2);
    m->tables[ti].cols[ci].set_null = set_null;
    out_printf(o, "add constraint %s.%s foreign key (%s) references %s (id)"
               "%s;\n", t, m->fk[fi].name, name, u,
               set_null ? " on delete set null" : "");
    return true;
}

static bool gen_drop_fk(Model *m, Rng *r, Out *o)
{
    if (m->live_fk.n == 0)
        return false;
    int fi = m->live_fk.v[rng_below(r, m->live_fk.n)];
    const Fk *f = &m->fk[fi];
    out_name(o, "drop_%s", f->name);
    out_printf(o, "drop constraint %s.%s;\n", m->tables[f->table].name,
               f->name);
    model_drop_fk(m, fi);
    return true;
}

static bool gen_rename_table(Model *m, Rng *r, Out *o)
{
    int ti = pick_table(m, r);
    if (ti < 0)
        return false;
    Table *t = &m->tables[ti];
    char name[NAME_MAX_LEN];
    fresh_name(m, name, "t");
    out_name(o, "rename_%s_to_%s", t->name, name);
    out_printf(o, "rename table %s to %s;\n", t->name, name);
    snprintf(t->name, sizeof t->name, "%s", name);
    return true;
}

static bool gen_drop_table(Model *m, Rng *r, Out *o)
{
    /* Keep a few tables around, and only drop unreferenced ones. */
    if (m->live.n < 8)
        return false;
    int ti = pick_table(m, r);
    Table *t = &m->tables[ti];
    if (t->refs_in > 0)
        return false;
    /* Its indexes and foreign keys go with it. */
    for (int k = m->live_ix.n - 1; k >= 0; k--)
        if (m->ix[m->live_ix.v[k]].table == ti)
            model_drop_index(m, m->live_ix.v[k]);
    for (int k = m->live_fk.n - 1; k >= 0; k--)
        if (m->fk[m->live_fk.v[k]].table == ti)
            model_drop_fk(m, m->live_fk.v[k]);
    out_name(o, "drop_%s", t->name);
    out_printf(o, "drop table %s;\n", t->name);
    model_drop_table(m, ti);
    return true;
}

/* One statement (or a statement pair: a foreign key needs its column),
 * chosen by weight.  An operation that finds nothing to work on (no
 * droppable column, say) gives way to add column or create table. */
static void gen_stmt(Model *m, Rng *r, Out *o)
{
    int w = rng_below(r, 100);
    bool done = false;
    if (m->live.n == 0 || w < 12)
        gen_create_table(m, r, o), done = true;
    else if (w < 32)
        done = gen_add_column(m, r, o);
    else if (w < 38)
        done = gen_drop_column(m, r, o);
    else if (w < 46)
        done = gen_rename_column(m, r, o);
    else if (w < 54)
        done = gen_alter_type(m, r, o);
    else if (w < 59)
        done = gen_default(m, r, o);
    else if (w < 64)
        done = gen_null(m, r, o);
    else if (w < 76)
        done = gen_create_index(m, r, o);
    else if (w < 80)
        done = gen_drop_index(m, r, o);
    else if (w < 87)
        done = gen_add_fk(m, r, o);
    else if (w < 90)
        done = gen_drop_fk(m, r, o);
    else if (w < 96)
        done = gen_rename_table(m, r, o);
    else
        done = gen_drop_table(m, r, o);
    if (!done && !gen_add_column(m, r, o))
        gen_create_table(m, r, o);
}

/* ---- files ---- */

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "w");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static void free_model(Model *m)
{
    for (int i = 0; i < m->ntables; i++)
        free(m->tables[i].cols);
    free(m->tables);
    free(m->ix);
    free(m->fk);
    free(m->live.v);
    free(m->live_ix.v);
    free(m->live_fk.v);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: gen N DIR [--seed S] [--start V]\n"
               "Write N valid, portable migrations DIR/<version>_<name>.mig.\n");
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0)
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    long n = -1, seed = 1, start = 1;
    const char *dir = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (!parse_long(argv[++i], &seed))
                goto bad;
        } else if (strcmp(argv[i], "--start") == 0 && i + 1 < argc) {
            if (!parse_long(argv[++i], &start))
                goto bad;
        } else if (n < 0) {
            if (!parse_long(argv[i], &n))
                goto bad;
        } else if (!dir) {
            dir = argv[i];
        } else {
            goto bad;
        }
    }
    if (n < 0 || !dir)
        goto bad;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen: %s: %s\n", dir, strerror(errno));
        return 1;
    }

    /* Enough digits that every version has the same width. */
    int width = 6;
    for (long top = start + n; top >= 1000000; top /= 10)
        width++;

    Model m;
    memset(&m, 0, sizeof m);
    Rng r = {(uint64_t)seed * 0x2545f4914f6cdd1dULL + 1};
    Out o = {NULL, 0, 0, ""};
    o.cap = 4096;
    o.buf = xrealloc(NULL, o.cap);
    size_t pathcap = strlen(dir) + 128;
    char *path = xrealloc(NULL, pathcap);

    for (long i = 0; i < n; i++) {
        long version = start + i;
        o.len = 0;
        o.name[0] = '\0';
        o.buf[0] = '\0';
        int nstmts = 1 + (rng_below(&r, 10) >= 7) + (rng_below(&r, 10) >= 9);
        out_printf(&o, "-- synthetic migration %ld\n", version);
        for (int k = 0; k < nstmts; k++)
            gen_stmt(&m, &r, &o);
        snprintf(path, pathcap, "%s/%0*ld_%s.mig", dir, width, version,
                 o.name);
        write_file(path, o.buf, o.len);
    }
    free(path);
    free(o.buf);
    free_model(&m);
    return 0;

bad:
    usage(stderr);
    return 2;
}
