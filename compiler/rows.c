/*
 * rows.c — generated rows for every table of a schema model (rows.h).
 *
 * A value is a function of the row's number k and the column's type: one
 * writer per type kind, in a table indexed by the kind.  A foreign key
 * column takes the value of the column it references (for the same k),
 * so row k of a child references row k of its parent.
 */
#include "compile.h"
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "sqlscan.h"

typedef void ValueFn(StrBuf *out, const Dialect *d, const TypeRef *t, long k);

static void put_string(StrBuf *out, const Dialect *d, const char *s)
{
    d->quote_string(out, s);
}

static void v_number(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)d;
    (void)t;
    sb_printf(out, "%ld", k);
}

/* numeric(p, s): k, kept within the digits before the point. */
static void v_numeric(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)d;
    if (t->nargs) {
        long digits = t->arg[0] - (t->nargs > 1 ? t->arg[1] : 0);
        long lim = 1;
        for (long i = 0; i < digits && lim < 1000000000L; i++)
            lim *= 10;
        if (digits < 1)
            k = 0;
        else if (k >= lim)
            k %= lim;
    }
    sb_printf(out, "%ld", k);
}

static void v_boolean(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    sb_puts(out, k % 2 ? d->true_sql : d->false_sql);
}

/* "r<k>", cut from the left to the column's length. */
static void v_string(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    char buf[32];
    snprintf(buf, sizeof buf, "r%ld", k);
    long len = -1;
    if (t->kind == TY_CHAR)
        len = t->nargs ? t->arg[0] : 1;
    else if (t->kind == TY_VARCHAR && t->nargs)
        len = t->arg[0];
    size_t n = strlen(buf);
    const char *s = buf;
    if (len > 0 && (size_t)len < n)
        s = buf + (n - (size_t)len);
    put_string(out, d, s);
}

static void date_of(char *buf, size_t n, long k)
{
    snprintf(buf, n, "%04ld-%02ld-%02ld", 2001 + k / 336, 1 + (k / 28) % 12,
             1 + k % 28);
}

static void time_of(char *buf, size_t n, long k)
{
    snprintf(buf, n, "%02ld:%02ld:%02ld", 10 + (k / 3600) % 14,
             (k / 60) % 60, k % 60);
}

static void v_date(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    char buf[32];
    date_of(buf, sizeof buf, k);
    put_string(out, d, buf);
}

static void v_time(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    char buf[32];
    time_of(buf, sizeof buf, k);
    put_string(out, d, buf);
}

static void v_timestamp(StrBuf *out, const Dialect *d, const TypeRef *t,
                        long k)
{
    (void)t;
    char day[32], tm[32], buf[80];
    date_of(day, sizeof day, k);
    time_of(tm, sizeof tm, k);
    snprintf(buf, sizeof buf, "%s %s", day, tm);
    put_string(out, d, buf);
}

static void v_interval(StrBuf *out, const Dialect *d, const TypeRef *t,
                       long k)
{
    (void)t;
    char buf[48];
    snprintf(buf, sizeof buf, "%ld minutes", k);
    put_string(out, d, buf);
}

static void v_uuid(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    char buf[48];
    snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012ld", k % 1000000000000L);
    put_string(out, d, buf);
}

static void v_json(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    char buf[48];
    snprintf(buf, sizeof buf, "{\"k\": %ld}", k);
    put_string(out, d, buf);
}

static void v_bytes(StrBuf *out, const Dialect *d, const TypeRef *t, long k)
{
    (void)t;
    char buf[32];
    snprintf(buf, sizeof buf, "b%ld", k);
    put_string(out, d, buf);
}

/* NULL: a type the generator has no value for (custom types). */
static ValueFn *const value_of[] = {
    [TY_SMALLINT] = v_number,
    [TY_INTEGER] = v_number,
    [TY_BIGINT] = v_number,
    [TY_SERIAL] = v_number,
    [TY_BIGSERIAL] = v_number,
    [TY_REAL] = v_number,
    [TY_DOUBLE] = v_number,
    [TY_NUMERIC] = v_numeric,
    [TY_BOOLEAN] = v_boolean,
    [TY_TEXT] = v_string,
    [TY_VARCHAR] = v_string,
    [TY_CHAR] = v_string,
    [TY_DATE] = v_date,
    [TY_TIME] = v_time,
    [TY_TIMESTAMP] = v_timestamp,
    [TY_TIMESTAMPTZ] = v_timestamp,
    [TY_INTERVAL] = v_interval,
    [TY_UUID] = v_uuid,
    [TY_JSON] = v_json,
    [TY_JSONB] = v_json,
    [TY_BYTEA] = v_bytes,
    [TY_CUSTOM] = NULL,
};

static ValueFn *type_value(const TypeRef *t)
{
    return (unsigned)t->kind < sizeof value_of / sizeof value_of[0]
               ? value_of[t->kind]
               : NULL;
}

/* The foreign key that column `c` is part of, and its position in it. */
static const CatConstraint *fk_of(const CatColumn *c, int *pos)
{
    for (const CatConstraint *k = c->table->cons; k; k = k->next) {
        if (k->kind != CON_FOREIGN || !k->ref_cols)
            continue;
        for (int i = 0; i < k->ncols; i++)
            if (k->cols[i] == c) {
                *pos = i;
                return k;
            }
    }
    return NULL;
}

/* The column whose value `c` takes: the end of its chain of foreign keys
 * (a chain longer than the number of tables is a cycle: stop). */
static const CatColumn *value_source(const CatColumn *c, int limit)
{
    int pos;
    const CatConstraint *k;
    while (limit-- > 0 && (k = fk_of(c, &pos)) && k->ref_cols[pos] != c)
        c = k->ref_cols[pos];
    return c;
}

/* Whether a key (primary, unique, foreign) or a unique index uses `c`:
 * then its values must differ from row to row. */
static bool keyed(const CatColumn *c)
{
    const CatTable *t = c->table;
    for (const CatConstraint *k = t->cons; k; k = k->next)
        if (k->kind != CON_CHECK)
            for (int i = 0; i < k->ncols; i++)
                if (k->cols[i] == c)
                    return true;
    for (const CatConstraint *k = t->incoming; k; k = k->ref_next)
        for (int i = 0; i < k->ncols; i++)
            if (k->ref_cols[i] == c)
                return true;
    for (const CatIndex *ix = t->idx; ix; ix = ix->next)
        if (ix->unique)
            for (int i = 0; i < ix->ncols; i++)
                if (ix->cols[i] == c)
                    return true;
    return false;
}

/* A column that a check mentions, with a constant default and no key on
 * it, takes its default: the generator does not read check texts, and
 * a declared default is the value its author expects the check to pass. */
static const Expr *checked_default(const CatColumn *c)
{
    const Expr *x = c->def;
    if (!x || (x->kind != EX_NUMBER && x->kind != EX_STRING &&
               x->kind != EX_TRUE && x->kind != EX_FALSE))
        return NULL;
    bool checked = false;
    for (const CatConstraint *k = c->table->cons; k && !checked; k = k->next)
        checked = k->kind == CON_CHECK && sqlscan_mentions(k->check, c->name);
    return checked && !keyed(c) ? x : NULL;
}

static void put_expr(StrBuf *out, const Dialect *d, const Expr *x)
{
    if (x->kind == EX_STRING)
        d->quote_string(out, x->text);
    else if (x->kind == EX_TRUE || x->kind == EX_FALSE)
        sb_puts(out, x->kind == EX_TRUE ? d->true_sql : d->false_sql);
    else
        sb_puts(out, x->text);
}

static void put_table(StrBuf *out, const Dialect *d, const CatTable *t)
{
    if (t->schema) {
        d->quote_ident(out, t->schema);
        sb_putc(out, '.');
    }
    d->quote_ident(out, t->name);
}

static int table_index(const CatTable *const *tabs, int n, const CatTable *t)
{
    for (int i = 0; i < n; i++)
        if (tabs[i] == t)
            return i;
    return -1;
}

/* Depth first: the tables a table references, then the table. */
static void visit(const CatTable *const *tabs, int n, int i, char *state,
                  const CatTable **order, int *norder)
{
    if (state[i])
        return;
    state[i] = 1; /* on the path: a cycle back here is not followed */
    for (const CatConstraint *k = tabs[i]->cons; k; k = k->next) {
        if (k->kind != CON_FOREIGN || !k->ref_table || k->ref_table == tabs[i])
            continue;
        int j = table_index(tabs, n, k->ref_table);
        if (j >= 0)
            visit(tabs, n, j, state, order, norder);
    }
    state[i] = 2;
    order[(*norder)++] = tabs[i];
}

/* One table's INSERT; false (and why) when a column cannot get a value.
 * `done` tables are already filled: a foreign key into a table that is
 * not (a cycle) gets NULL where allowed. */
static bool insert_table(const Catalog *cat, const CatTable *t,
                         const Dialect *d,
                         const RowsSpec *spec, int ntables,
                         const CatTable *const *done, int ndone,
                         StrBuf *out, StrBuf *why)
{
    StrBuf cols, vals;
    sb_init(&cols);
    sb_init(&vals);
    bool ok = true;
    int ncols = 0;
    for (long r = 0; r < spec->nrows && ok; r++) {
        long k = spec->first + r;
        sb_puts(&vals, r ? ",\n    (" : "\n    (");
        int n = 0;
        for (const CatColumn *c = t->cols; c; c = c->next) {
            /* the database computes these */
            if (c->generated || c->identity == IDENTITY_ALWAYS)
                continue;
            int pos;
            const CatConstraint *fk = fk_of(c, &pos);
            bool parent_missing = fk && fk->ref_table != t &&
                                  table_index(done, ndone, fk->ref_table) < 0;
            const CatColumn *src = value_source(c, ntables + 1);
            /* An enum column takes its labels in turn. */
            const CatEnum *en = cat_enum_of_type(cat, &src->type);
            ValueFn *fn = en ? NULL : type_value(&src->type);
            if (en && en->nvals > 0 && !(parent_missing && !c->not_null)) {
                if (r == 0) {
                    if (ncols++)
                        sb_puts(&cols, ", ");
                    d->quote_ident(&cols, c->name);
                }
                if (n++)
                    sb_puts(&vals, ", ");
                put_string(&vals, d, en->vals[k % en->nvals]);
                continue;
            }
            if (!fn || (parent_missing && !c->not_null)) {
                if (!fn && c->not_null && !c->def) {
                    if (why)
                        sb_printf(why, "table %s: column %s (%s) is not null, "
                                  "has no default, and the generator has no "
                                  "value of its type\n", t->name, c->name,
                                  c->type.name ? c->type.name : "?");
                    ok = false;
                    break;
                }
                if (!fn)
                    continue; /* left out: its default, or null */
            }
            if (r == 0) {
                if (ncols++)
                    sb_puts(&cols, ", ");
                d->quote_ident(&cols, c->name);
            }
            if (n++)
                sb_puts(&vals, ", ");
            const Expr *def = src == c ? checked_default(c) : NULL;
            if (parent_missing && !c->not_null)
                sb_puts(&vals, "NULL");
            else if (def)
                put_expr(&vals, d, def);
            else
                fn(&vals, d, &src->type, k);
        }
        sb_putc(&vals, ')');
    }
    if (ok && ncols > 0) {
        sb_puts(out, "INSERT INTO ");
        put_table(out, d, t);
        sb_printf(out, " (%s) VALUES%s;\n", sb_str(&cols), sb_str(&vals));
    }
    sb_free(&cols);
    sb_free(&vals);
    return ok;
}

bool rows_insert_sql(const Catalog *cat, const Dialect *d,
                     const RowsSpec *spec, StrBuf *out, StrBuf *why)
{
    int n = 0;
    for (const CatTable *t = cat->tables; t; t = t->next)
        n++;
    if (n == 0 || spec->nrows <= 0)
        return true;
    const CatTable **tabs = malloc(sizeof *tabs * (size_t)n);
    const CatTable **order = malloc(sizeof *order * (size_t)n);
    char *state = calloc((size_t)n, 1);
    if (!tabs || !order || !state)
        abort();
    int i = 0;
    for (const CatTable *t = cat->tables; t; t = t->next)
        tabs[i++] = t;
    int norder = 0;
    for (i = 0; i < n; i++)
        visit(tabs, n, i, state, order, &norder);
    bool ok = true;
    for (i = 0; i < norder; i++)
        if (!insert_table(cat, order[i], d, spec, n, order, i, out, why))
            ok = false;
    free(tabs);
    free(order);
    free(state);
    return ok;
}

static int cmp_name(const void *a, const void *b)
{
    const CatColumn *x = *(const CatColumn *const *)a;
    const CatColumn *y = *(const CatColumn *const *)b;
    return strcmp(x->name, y->name);
}

void rows_select_sql(const Catalog *cat, const Catalog *keep,
                     const Dialect *d, StrBuf *out)
{
    /* Every value as text, so that types without an ordering (json)
     * sort too. */
    const char *as_text = strcmp(d->name, "mysql") == 0 ? "char" : "text";
    for (const CatTable *t = cat->tables; t; t = t->next) {
        const CatTable *kt = keep ? cat_table(keep, t->schema, t->name) : t;
        if (!kt)
            continue;
        const CatColumn **cols = malloc(sizeof *cols * (size_t)(t->ncols + 1));
        if (!cols)
            abort();
        int n = 0;
        for (const CatColumn *c = t->cols; c; c = c->next) {
            const CatColumn *kc = cat_column(kt, c->name);
            if (kc && cat_type_equal(&kc->type, &c->type))
                cols[n++] = c;
        }
        qsort(cols, (size_t)n, sizeof *cols, cmp_name);
        sb_puts(out, "SELECT ");
        d->quote_string(out, t->name);
        if (n == 0)
            sb_puts(out, ", count(*)");
        for (int i = 0; i < n; i++) {
            sb_puts(out, ", CAST(");
            d->quote_ident(out, cols[i]->name);
            sb_printf(out, " AS %s)", as_text);
        }
        sb_puts(out, " FROM ");
        put_table(out, d, t);
        for (int i = 0; i < n; i++)
            sb_printf(out, "%s%d", i ? ", " : " ORDER BY ", i + 2);
        sb_puts(out, ";\n");
        free(cols);
    }
}

bool history_rows_insert(History *h, int nrows, long first, StrBuf *out,
                         StrBuf *why)
{
    RowsSpec spec = { .nrows = nrows, .first = first };
    return rows_insert_sql(&h->cat, h->dialect, &spec, out, why);
}
