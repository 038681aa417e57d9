/*
 * dbschema_print.c — a DbSchema (dbschema.h) as one migration in the
 * language.
 *
 * Names are written bare when the language reads them back as the same
 * name (lower case letters, digits and '_', not a keyword), else
 * double-quoted.  Defaults that the language takes as they are (a
 * number, a string, true/false/null, a name, a call) stay as they are;
 * any other expression is written in parentheses, which the language
 * keeps as raw SQL.  What the language cannot express comes out as `sql`
 * with its drop as the down, after a comment saying why.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "ast.h"
#include "dbschema.h"

static void put_name(StrBuf *o, const char *s)
{
    if (ast_ident_plain(s)) {
        sb_puts(o, s);
        return;
    }
    sb_putc(o, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_putc(o, '"');
        sb_putc(o, *p);
    }
    sb_putc(o, '"');
}

static void put_qname(StrBuf *o, const char *schema, const char *name)
{
    if (schema) {
        put_name(o, schema);
        sb_putc(o, '.');
    }
    put_name(o, name);
}

static void put_names(StrBuf *o, const char *const *v, int n)
{
    sb_putc(o, '(');
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(o, ", ");
        put_name(o, v[i]);
    }
    sb_putc(o, ')');
}

/* A string literal of the language: '...' with ' doubled. */
static void put_string(StrBuf *o, const char *s)
{
    sb_putc(o, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            sb_putc(o, '\'');
        sb_putc(o, *p);
    }
    sb_putc(o, '\'');
}

/* A comment line per line of text. */
static void put_comment(StrBuf *o, const char *text)
{
    sb_puts(o, "-- ");
    for (const char *p = text; *p; p++) {
        sb_putc(o, *p);
        if (*p == '\n' && p[1])
            sb_puts(o, "-- ");
    }
    sb_putc(o, '\n');
}

/* The end of a quoted literal starting at s[0] (the quote), or NULL. */
static const char *quoted_end(const char *s)
{
    for (const char *p = s + 1; *p; p++)
        if (*p == s[0]) {
            if (p[1] != s[0])
                return p + 1;
            p++;
        }
    return NULL;
}

static bool is_number(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    bool digits = false;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits = true;
        else if (*p != '.')
            return false;
    }
    return digits;
}

/* Whether the language takes the default as written: a number, a
 * string, a name, or a call name(...) ending the text. */
static bool plain_default(const char *d)
{
    if (is_number(d))
        return true;
    if (d[0] == '\'') {
        const char *e = quoted_end(d);
        return e && *e == '\0';
    }
    const char *p = d;
    if (!isalpha((unsigned char)*p) && *p != '_')
        return false;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    if (*p == '\0')
        return true;
    if (*p != '(')
        return false;
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\'' || *p == '"') {
            const char *e = quoted_end(p);
            if (!e)
                return false;
            p = e - 1;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p[1] == '\0';
        }
    }
    return false;
}

/* A default: as written when the language takes it so, else in
 * parentheses (raw SQL). */
static void put_default(StrBuf *o, const char *d)
{
    size_t n = strlen(d);
    bool wrapped = n >= 2 && d[0] == '(' && d[n - 1] == ')';
    int depth = 0;
    for (size_t i = 0; wrapped && i < n; i++) {
        if (d[i] == '\'' || d[i] == '"') {
            const char *e = quoted_end(d + i);
            if (!e)
                break;
            i = (size_t)(e - d) - 1;
        } else if (d[i] == '(') {
            depth++;
        } else if (d[i] == ')' && --depth == 0 && i != n - 1) {
            wrapped = false;
        }
    }
    if (wrapped || plain_default(d)) {
        sb_puts(o, d);
        return;
    }
    sb_putc(o, '(');
    sb_puts(o, d);
    sb_putc(o, ')');
}

/* `sql 'TEXT' down 'DROP';`, after a comment saying why when `why`. */
static void put_sql(StrBuf *o, const char *why, const char *sql,
                    const char *down)
{
    if (why)
        put_comment(o, why);
    sb_puts(o, "sql ");
    put_string(o, sql);
    if (down) {
        sb_puts(o, "\n    down ");
        put_string(o, down);
    }
    sb_puts(o, ";\n");
}

static void put_fk(StrBuf *o, const DbConstraint *k)
{
    sb_puts(o, "foreign key ");
    put_names(o, k->cols, k->ncols);
    sb_puts(o, " references ");
    put_qname(o, k->ref_schema, k->ref_table);
    if (k->ref_cols && k->ncols) {
        sb_putc(o, ' ');
        put_names(o, k->ref_cols, k->ncols);
    }
    if (k->on_delete)
        sb_printf(o, " on delete %s", k->on_delete);
    if (k->on_update)
        sb_printf(o, " on update %s", k->on_update);
}

static void put_constraint(StrBuf *o, const DbConstraint *k)
{
    if (k->name) {
        sb_puts(o, "constraint ");
        put_name(o, k->name);
        sb_putc(o, ' ');
    }
    switch (k->kind) {
    case DBCON_PRIMARY:
        sb_puts(o, "primary key ");
        put_names(o, k->cols, k->ncols);
        break;
    case DBCON_UNIQUE:
        sb_puts(o, "unique ");
        put_names(o, k->cols, k->ncols);
        break;
    case DBCON_CHECK:
        sb_printf(o, "check (%s)", k->check);
        break;
    case DBCON_FOREIGN:
        put_fk(o, k);
        break;
    }
}

static int table_index(const DbSchema *s, const char *schema,
                       const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0 &&
            (schema == s->tables[i].schema ||
             (schema && s->tables[i].schema &&
              strcmp(schema, s->tables[i].schema) == 0)))
            return i;
    return -1;
}

/* Whether foreign key k of table `ti` references a table created after
 * it: it is added once every table stands. */
static bool forward_fk(const DbSchema *s, int ti, const DbConstraint *k)
{
    return k->kind == DBCON_FOREIGN &&
           table_index(s, k->ref_schema, k->ref_table) > ti;
}

static void put_table(StrBuf *o, const DbSchema *s, int ti)
{
    const DbTable *t = &s->tables[ti];
    if (t->sql) {
        put_sql(o, t->why, t->sql, t->sql_down);
        return;
    }
    if (t->why) {
        sb_puts(o, "-- table ");
        put_qname(o, t->schema, t->name);
        sb_printf(o, ": %s, which the language cannot express; that part "
                  "is left out below\n", t->why);
    }
    sb_puts(o, "create table ");
    put_qname(o, t->schema, t->name);
    sb_puts(o, " (");
    const char *sep = "\n    ";
    for (int i = 0; i < t->ncols; i++) {
        const DbColumn *c = &t->cols[i];
        sb_puts(o, sep);
        sep = ",\n    ";
        put_name(o, c->name);
        sb_printf(o, " %s", c->type);
        if (c->not_null)
            sb_puts(o, " not null");
        if (c->def) {
            sb_puts(o, " default ");
            put_default(o, c->def);
        }
        if (c->generated)
            sb_printf(o, " generated always as (%s) stored", c->generated);
        else if (c->identity)
            sb_puts(o, c->identity == 'a' ? " generated always as identity"
                                          : " generated by default as "
                                            "identity");
    }
    for (int i = 0; i < t->ncons; i++) {
        if (forward_fk(s, ti, &t->cons[i]))
            continue;
        sb_puts(o, sep);
        put_constraint(o, &t->cons[i]);
    }
    sb_puts(o, "\n);\n");
    if (t->comment) {
        sb_puts(o, "comment on table ");
        put_qname(o, t->schema, t->name);
        sb_puts(o, " is ");
        put_string(o, t->comment);
        sb_puts(o, ";\n");
    }
    for (int i = 0; i < t->ncols; i++) {
        if (!t->cols[i].comment)
            continue;
        sb_puts(o, "comment on column ");
        put_qname(o, t->schema, t->name);
        sb_putc(o, '.');
        put_name(o, t->cols[i].name);
        sb_puts(o, " is ");
        put_string(o, t->cols[i].comment);
        sb_puts(o, ";\n");
    }
}

static void put_index(StrBuf *o, const DbTable *t, const DbIndex *x)
{
    if (x->sql) {
        sb_puts(o, "-- index ");
        put_name(o, x->name);
        sb_printf(o, ": %s\n", x->why ? x->why : "");
        put_sql(o, NULL, x->sql, x->sql_down);
        return;
    }
    sb_puts(o, x->unique ? "create unique index " : "create index ");
    put_name(o, x->name);
    sb_puts(o, " on ");
    put_qname(o, t->schema, t->name);
    if (x->method)
        sb_printf(o, " using %s", x->method);
    sb_puts(o, " (");
    for (int i = 0; i < x->ncols; i++) {
        if (i)
            sb_puts(o, ", ");
        if (x->exprs && x->exprs[i])
            sb_printf(o, "(%s)", x->exprs[i]);
        else
            put_name(o, x->cols[i]);
        if (x->opts && x->opts[i])
            sb_printf(o, " %s", x->opts[i]);
    }
    sb_putc(o, ')');
    if (x->nincl) {
        sb_puts(o, " include ");
        put_names(o, x->incl, x->nincl);
    }
    if (x->where)
        sb_printf(o, " where (%s)", x->where);
    sb_puts(o, ";\n");
}

static void put_raw(StrBuf *o, const DbRaw *r)
{
    if (r->view_query) {
        sb_puts(o, r->materialized ? "create materialized view "
                                   : "create view ");
        put_qname(o, r->view_schema, r->view_name);
        if (r->nview_cols) {
            sb_putc(o, ' ');
            put_names(o, r->view_cols, r->nview_cols);
        }
        sb_puts(o, " as ");
        put_string(o, r->view_query);
        if (r->no_data)
            sb_puts(o, " with no data");
        sb_puts(o, ";\n");
        return;
    }
    if (r->view_index) {
        DbTable on = { .schema = r->view_schema, .name = r->view_name };
        put_index(o, &on, r->view_index);
        return;
    }
    sb_printf(o, "-- %s: %s\n", r->what, r->why);
    put_sql(o, NULL, r->sql, r->down);
}

/* A body as a dollar-quoted string with a tag it does not hold: $$,
 * else $fn$, $fn1$, ... */
static void put_body(StrBuf *o, const char *body)
{
    StrBuf tag;
    sb_init(&tag);
    sb_puts(&tag, "$$");
    for (int i = 0; strstr(body, sb_str(&tag)); i++) {
        sb_reset(&tag);
        if (i == 0)
            sb_puts(&tag, "$fn$");
        else
            sb_printf(&tag, "$fn%d$", i);
    }
    sb_puts(o, sb_str(&tag));
    sb_puts(o, body);
    sb_puts(o, sb_str(&tag));
    sb_free(&tag);
}

static void put_routine(StrBuf *o, const DbRoutine *r)
{
    if (r->sql) {
        sb_printf(o, "-- %s %s: %s\n", r->procedure ? "procedure" : "function",
                  r->name, r->why ? r->why : "");
        put_sql(o, NULL, r->sql, r->sql_down);
        return;
    }
    sb_puts(o, r->procedure ? "create procedure " : "create function ");
    put_name(o, r->name);
    sb_putc(o, '(');
    for (int i = 0; i < r->nargs; i++) {
        if (i)
            sb_puts(o, ", ");
        if (r->arg_names && r->arg_names[i]) {
            put_name(o, r->arg_names[i]);
            sb_putc(o, ' ');
        }
        sb_puts(o, r->arg_types[i]);
    }
    sb_putc(o, ')');
    if (r->returns)
        sb_printf(o, " returns %s", r->returns);
    sb_puts(o, " language ");
    put_name(o, r->language);
    sb_puts(o, " as ");
    if (r->dialect) {
        /* No body but the dialect's: none for the others. */
        sb_printf(o, "none %s ", r->dialect);
        put_body(o, r->dialect_body);
    } else {
        put_body(o, r->body);
    }
    sb_puts(o, ";\n");
}

static void put_trigger(StrBuf *o, const DbTrigger *g)
{
    if (g->sql) {
        sb_printf(o, "-- trigger %s: %s\n", g->name, g->why ? g->why : "");
        put_sql(o, NULL, g->sql, g->sql_down);
        return;
    }
    sb_puts(o, "create trigger ");
    put_name(o, g->name);
    sb_printf(o, " %s", g->timing);
    static const struct {
        unsigned bit;
        const char *word;
    } events[] = {{DBTG_INSERT, "insert"}, {DBTG_UPDATE, "update"},
                  {DBTG_DELETE, "delete"}, {DBTG_TRUNCATE, "truncate"}};
    const char *sep = " ";
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        if (!(g->events & events[i].bit))
            continue;
        sb_printf(o, "%s%s", sep, events[i].word);
        sep = " or ";
        if (events[i].bit == DBTG_UPDATE && g->nupdate_cols) {
            sb_puts(o, " of ");
            for (int c = 0; c < g->nupdate_cols; c++) {
                if (c)
                    sb_puts(o, ", ");
                put_name(o, g->update_cols[c]);
            }
        }
    }
    sb_puts(o, " on ");
    put_qname(o, g->schema, g->table);
    if (g->for_each_row)
        sb_puts(o, " for each row");
    if (g->when)
        sb_printf(o, " when (%s)", g->when);
    sb_puts(o, " execute function ");
    put_name(o, g->function);
    sb_puts(o, "();\n");
}

void dbschema_print(const DbSchema *s, StrBuf *o)
{
    sb_printf(o, "-- The schema of a %s database, as migc introspect read "
              "it.\n", s->dialect);
    for (int i = 0; i < s->nschemas; i++) {
        sb_puts(o, "create schema ");
        put_name(o, s->schemas[i]);
        sb_puts(o, ";\n");
    }
    for (int i = 0; i < s->nexts; i++) {
        sb_puts(o, "create extension ");
        put_name(o, s->exts[i]);
        if (s->ext_schemas[i]) {
            sb_puts(o, " with schema ");
            put_name(o, s->ext_schemas[i]);
        }
        sb_puts(o, ";\n");
    }
    for (int i = 0; i < s->nraw; i++)
        if (s->raw[i].first)
            put_raw(o, &s->raw[i]);
    for (int i = 0; i < s->nenums; i++) {
        sb_puts(o, "create type ");
        put_name(o, s->enums[i].name);
        sb_puts(o, " as enum (");
        for (int j = 0; j < s->enums[i].nlabels; j++) {
            if (j)
                sb_puts(o, ", ");
            put_string(o, s->enums[i].labels[j]);
        }
        sb_puts(o, ");\n");
    }
    for (int i = 0; i < s->nroutines; i++)
        if (s->routines[i].first)
            put_routine(o, &s->routines[i]);
    for (int i = 0; i < s->ntables; i++) {
        put_table(o, s, i);
        for (int j = 0; j < s->tables[i].nidx; j++)
            put_index(o, &s->tables[i], &s->tables[i].idx[j]);
    }
    for (int i = 0; i < s->ntables; i++) {
        const DbTable *t = &s->tables[i];
        if (t->sql)
            continue;
        for (int j = 0; j < t->ncons; j++) {
            const DbConstraint *k = &t->cons[j];
            if (!forward_fk(s, i, k))
                continue;
            sb_puts(o, "add constraint ");
            put_qname(o, t->schema, t->name);
            sb_putc(o, '.');
            if (k->name) {
                put_name(o, k->name);
            } else {
                /* add constraint needs a name: PostgreSQL's for it. */
                StrBuf nm;
                sb_init(&nm);
                sb_puts(&nm, t->name);
                for (int c = 0; c < k->ncols; c++)
                    sb_printf(&nm, "_%s", k->cols[c]);
                sb_puts(&nm, "_fkey");
                put_name(o, sb_str(&nm));
                sb_free(&nm);
            }
            sb_putc(o, ' ');
            put_fk(o, k);
            sb_puts(o, ";\n");
        }
    }
    for (int i = 0; i < s->nroutines; i++)
        if (!s->routines[i].first)
            put_routine(o, &s->routines[i]);
    for (int i = 0; i < s->nraw; i++)
        if (!s->raw[i].first)
            put_raw(o, &s->raw[i]);
    for (int i = 0; i < s->ntriggers; i++)
        put_trigger(o, &s->triggers[i]);
}
