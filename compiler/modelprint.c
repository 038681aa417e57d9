/*
 * modelprint.c — statements and whole models as text of the language that
 * a person would write (model.h).
 *
 * It says what ast.c's canonical text says (the same statements, the same
 * raw texts), but a name is double-quoted only when the language needs it:
 * when it is not a plain lower-case identifier, or is one of the
 * language's keywords (kwlist.h, whatever its category: quoting is always
 * safe).  A table's columns and constraints come one a line.  Statement
 * kinds that this file does not spell fall back to the canonical text,
 * which the parser reads too.
 */
#include <string.h>

#include "compile.h"
#include "hash.h"
#include "model.h"
#include "objkind.h"
#include "types.h"

static const char *const keywords[] = {
#define MIGC_KEYWORD(word, tok, cat) word,
#include "kwlist.h"
#undef MIGC_KEYWORD
};

static bool is_keyword(const char *s)
{
    size_t lo = 0, hi = sizeof keywords / sizeof keywords[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s, keywords[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static bool plain_ident(const char *s)
{
    if (!s || !*s || !((*s >= 'a' && *s <= 'z') || *s == '_'))
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_'))
            return false;
    return !is_keyword(s);
}

static void put_quoted(StrBuf *b, const char *s, char q)
{
    sb_putc(b, q);
    for (; *s; s++) {
        if (*s == q)
            sb_putc(b, q);
        sb_putc(b, *s);
    }
    sb_putc(b, q);
}

static void put_ident(StrBuf *b, const char *s)
{
    if (plain_ident(s))
        sb_puts(b, s);
    else
        put_quoted(b, s ? s : "", '"');
}

static void put_qname(StrBuf *b, const QName *q)
{
    if (q->schema.s) {
        put_ident(b, q->schema.s);
        sb_putc(b, '.');
    }
    put_ident(b, q->name.s);
}

static void put_member(StrBuf *b, const QName *table, const char *member)
{
    put_qname(b, table);
    sb_putc(b, '.');
    put_ident(b, member);
}

static void put_names(StrBuf *b, const NameList *l)
{
    sb_putc(b, '(');
    for (; l; l = l->next) {
        put_ident(b, l->name.s);
        if (l->next)
            sb_puts(b, ", ");
    }
    sb_putc(b, ')');
}

static void put_type(StrBuf *b, const TypeRef *t)
{
    if (t->kind == TY_CUSTOM) {
        sb_puts(b, t->name ? t->name : "");
        if (t->args)
            sb_printf(b, "(%s)", t->args);
        return;
    }
    sb_puts(b, ast_type_name(t->kind));
    if (t->nargs == 1)
        sb_printf(b, "(%ld)", t->arg[0]);
    else if (t->nargs == 2)
        sb_printf(b, "(%ld, %ld)", t->arg[0], t->arg[1]);
}

static void put_expr(StrBuf *b, const Expr *e)
{
    switch (e->kind) {
    case EX_NUMBER:
        sb_puts(b, e->text);
        break;
    case EX_STRING:
        put_quoted(b, e->text, '\'');
        break;
    case EX_TRUE:
        sb_puts(b, "true");
        break;
    case EX_FALSE:
        sb_puts(b, "false");
        break;
    case EX_NULL:
        sb_puts(b, "null");
        break;
    case EX_NOW:
        sb_puts(b, "now()");
        break;
    case EX_CALL:
        sb_printf(b, "%s(%s)", e->name, e->text ? e->text : "");
        break;
    case EX_RAW:
        sb_printf(b, "(%s)", e->text);
        break;
    case EX_CAST:
        put_expr(b, e->arg);
        sb_puts(b, "::");
        put_type(b, e->cast);
        break;
    }
}

static void put_fk_actions(StrBuf *b, const Constraint *c)
{
    static const char *const words[] = {
        [FK_NONE] = "", [FK_NO_ACTION] = "no action",
        [FK_RESTRICT] = "restrict", [FK_CASCADE] = "cascade",
        [FK_SET_NULL] = "set null", [FK_SET_DEFAULT] = "set default",
    };
    if (c->on_delete != FK_NONE)
        sb_printf(b, " on delete %s", words[c->on_delete]);
    if (c->on_update != FK_NONE)
        sb_printf(b, " on update %s", words[c->on_update]);
}

/* The body of a constraint (no name). */
static void put_con_body(StrBuf *b, const Constraint *c)
{
    switch (c->kind) {
    case CON_PRIMARY:
        sb_puts(b, "primary key ");
        put_names(b, c->cols);
        return;
    case CON_UNIQUE:
        sb_puts(b, "unique ");
        put_names(b, c->cols);
        return;
    case CON_CHECK:
        sb_printf(b, "check (%s)", c->check);
        return;
    case CON_FOREIGN:
        sb_puts(b, "foreign key ");
        put_names(b, c->cols);
        sb_puts(b, " references ");
        put_qname(b, &c->ref_table);
        if (c->ref_cols) {
            sb_putc(b, ' ');
            put_names(b, c->ref_cols);
        }
        put_fk_actions(b, c);
        return;
    }
}

static void put_constraint(StrBuf *b, const Constraint *c)
{
    if (c->name.s) {
        sb_puts(b, "constraint ");
        put_ident(b, c->name.s);
        sb_putc(b, ' ');
    }
    put_con_body(b, c);
}

/* Type and options of a column, after its name (constraints of a column
 * come from a parsed migration only; models keep them at table level). */
static void put_column_rest(StrBuf *b, const ColumnDef *c)
{
    sb_putc(b, ' ');
    put_type(b, &c->type);
    if (c->not_null)
        sb_puts(b, " not null");
    if (c->def) {
        sb_puts(b, " default ");
        put_expr(b, c->def);
    }
    for (const Constraint *k = c->cons; k; k = k->next) {
        sb_putc(b, ' ');
        if (!k->cols || k->kind == CON_CHECK) {
            put_constraint(b, k);
            continue;
        }
        /* A column-level key the checker resolved: spell it as written
         * on the column. */
        if (k->name.s) {
            sb_puts(b, "constraint ");
            put_ident(b, k->name.s);
            sb_putc(b, ' ');
        }
        if (k->kind == CON_PRIMARY)
            sb_puts(b, "primary key");
        else if (k->kind == CON_UNIQUE)
            sb_puts(b, "unique");
        else {
            sb_puts(b, "references ");
            put_qname(b, &k->ref_table);
            if (k->ref_cols) {
                sb_putc(b, ' ');
                put_names(b, k->ref_cols);
            }
            put_fk_actions(b, k);
        }
    }
}

/* using METHOD ( key [opclass] [asc|desc] [nulls first|last], ... )
 * [include ( cols )]: the method is a plain word in the language. */
static void put_index_keys(StrBuf *b, const IndexDef *ix)
{
    static const char *const order[] = {"", " asc", " desc"};
    static const char *const nulls[] = {"", " nulls first", " nulls last"};
    if (ix->method.s)
        sb_printf(b, "using %s ", ix->method.s);
    sb_putc(b, '(');
    for (const IndexKey *k = ix->keys; k; k = k->next) {
        if (k->col.s)
            put_ident(b, k->col.s);
        else
            sb_printf(b, "(%s)", k->expr);
        if (k->opclass.s) {
            sb_putc(b, ' ');
            put_ident(b, k->opclass.s);
        }
        sb_puts(b, order[k->order]);
        sb_puts(b, nulls[k->nulls]);
        if (k->next)
            sb_puts(b, ", ");
    }
    sb_putc(b, ')');
    if (ix->include) {
        sb_puts(b, " include ");
        put_names(b, ix->include);
    }
}

static void put_create_table(StrBuf *b, const Stmt *s)
{
    sb_puts(b, "create table ");
    put_qname(b, &s->table);
    sb_puts(b, " (");
    const char *sep = "\n    ";
    for (const ColumnDef *c = s->columns; c; c = c->next) {
        sb_puts(b, sep);
        put_ident(b, c->name.s);
        put_column_rest(b, c);
        sep = ",\n    ";
    }
    for (const Constraint *k = s->constraints; k; k = k->next) {
        sb_puts(b, sep);
        put_constraint(b, k);
        sep = ",\n    ";
    }
    sb_puts(b, "\n)");
}

static void put_alter(StrBuf *b, const Stmt *s, const char *what)
{
    sb_puts(b, "alter column ");
    put_member(b, &s->table, s->column.s);
    sb_putc(b, ' ');
    sb_puts(b, what);
}

void model_stmt_text(StrBuf *b, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_TABLE:
        put_create_table(b, s);
        break;
    case ST_DROP_TABLE:
        sb_puts(b, "drop table ");
        put_qname(b, &s->table);
        break;
    case ST_CREATE_EXTENSION:
        sb_puts(b, "create extension ");
        put_ident(b, s->cname.s);
        if (s->object.schema.s) {
            sb_puts(b, " with schema ");
            put_ident(b, s->object.schema.s);
        }
        break;
    case ST_DROP_EXTENSION:
        sb_puts(b, "drop extension ");
        put_ident(b, s->cname.s);
        break;
    case ST_RENAME_TABLE:
        sb_puts(b, "rename table ");
        put_qname(b, &s->table);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_ADD_COLUMN:
        sb_puts(b, "add column ");
        put_member(b, &s->table, s->column.s);
        if (s->columns)
            put_column_rest(b, s->columns);
        break;
    case ST_DROP_COLUMN:
        sb_puts(b, "drop column ");
        put_member(b, &s->table, s->column.s);
        if (s->fill) {
            sb_puts(b, " fill ");
            put_expr(b, s->fill);
        }
        break;
    case ST_RENAME_COLUMN:
        sb_puts(b, "rename column ");
        put_member(b, &s->table, s->column.s);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_ALTER_TYPE:
        put_alter(b, s, "type ");
        put_type(b, &s->type);
        if (s->using_raw)
            sb_printf(b, " using (%s)", s->using_raw);
        break;
    case ST_SET_DEFAULT:
        put_alter(b, s, "set default ");
        put_expr(b, s->def);
        break;
    case ST_DROP_DEFAULT:
        put_alter(b, s, "drop default");
        break;
    case ST_SET_NOT_NULL:
        put_alter(b, s, "set not null");
        break;
    case ST_DROP_NOT_NULL:
        put_alter(b, s, "drop not null");
        break;
    case ST_CREATE_INDEX: {
        const IndexDef *ix = s->index;

        sb_puts(b, ix->unique ? "create unique index " : "create index ");
        if (ix->concurrently)
            sb_puts(b, "concurrently ");
        if (ix->name.name.s) {
            put_qname(b, &ix->name);
            sb_putc(b, ' ');
        }
        sb_puts(b, "on ");
        put_qname(b, &ix->table);
        sb_putc(b, ' ');
        if (ast_index_plain(ix))
            put_names(b, ix->cols);
        else
            put_index_keys(b, ix);
        if (ix->where)
            sb_printf(b, " where (%s)", ix->where);
        break;
    }
    case ST_DROP_INDEX:
        sb_puts(b, s->concurrently ? "drop index concurrently " : "drop index ");
        put_qname(b, &s->object);
        break;
    case ST_ADD_CONSTRAINT:
        sb_puts(b, "add constraint ");
        put_member(b, &s->table, s->cname.s);
        if (s->constraints) {
            sb_putc(b, ' ');
            put_con_body(b, s->constraints);
        }
        break;
    case ST_DROP_CONSTRAINT:
        sb_puts(b, "drop constraint ");
        put_member(b, &s->table, s->cname.s);
        break;
    case ST_RENAME_CONSTRAINT:
        sb_puts(b, "rename constraint ");
        put_member(b, &s->table, s->cname.s);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_RENAME_INDEX:
        sb_puts(b, "rename index ");
        put_qname(b, &s->object);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_CREATE_OBJECT:
        if (strcmp(obj_kind(s->obj)->word, "view") != 0 &&
            strcmp(obj_kind(s->obj)->word, "materialized view") != 0) {
            /* Functions, triggers, ...: as the canonical text says. */
            ast_stmt_canonical(b, s);
            return;
        }
        sb_printf(b, "create %s%s ", s->or_replace ? "or replace " : "",
                  obj_kind(s->obj)->word);
        put_qname(b, &s->object);
        if (s->names) {
            sb_putc(b, ' ');
            put_names(b, s->names);
        }
        sb_puts(b, " as ");
        put_quoted(b, s->sql_up ? s->sql_up : "", '\'');
        if (s->no_data)
            sb_puts(b, " with no data");
        break;
    case ST_DROP_OBJECT:
        sb_printf(b, "drop %s ", obj_kind(s->obj)->word);
        put_qname(b, &s->object);
        break;
    case ST_CREATE_SCHEMA:
        sb_puts(b, "create schema ");
        put_ident(b, s->cname.s);
        break;
    case ST_DROP_SCHEMA:
        sb_puts(b, "drop schema ");
        put_ident(b, s->cname.s);
        break;
    default:
        ast_stmt_canonical(b, s);
        return;
    }
    sb_puts(b, ";\n");
}

/* ---- a whole model ---- */

/*
 * The checker adds a new table's constraints in this order: those written
 * on columns, column by column, then those of the table.  A constraint
 * goes on its column when the model says it was written there (a check
 * written on a column must: the model keeps its column) and the order
 * allows it; a constraint that cannot keep its place in the model's order
 * goes to *rest, an add constraint after the table.
 */
Stmt *model_table_stmt(Catalog *c, const CatTable *t, bool with_fks,
                       Stmt **rest)
{
    Stmt *s = cat_table_stmt(c, t, with_fks);
    Constraint *all = s->constraints;
    s->constraints = NULL;
    Constraint **table_tail = &s->constraints;
    Stmt **rest_tail = rest;
    *rest = NULL;
    int phase = 0, lastpos = -1;
    const CatConstraint *k = t->cons;
    for (Constraint *x = all, *next; x; x = next, k = k->next) {
        next = x->next;
        x->next = NULL;
        while (k->kind == CON_FOREIGN && !with_fks)
            k = k->next;
        bool single = k->ncols == 1;
        bool must = k->kind == CON_CHECK && single;
        bool want = must || (k->column_level && single);
        int pos = -1;
        ColumnDef *col = NULL;
        if (single)
            for (ColumnDef *d = s->columns; d; d = d->next) {
                pos++;
                if (strcmp(d->name.s, k->cols[0]->name) == 0) {
                    col = d;
                    break;
                }
            }
        if (phase == 0 && want && col && pos >= lastpos) {
            lastpos = pos;
            if (k->kind == CON_CHECK)
                x->cols = NULL;
            Constraint **ct = &col->cons;
            while (*ct)
                ct = &(*ct)->next;
            *ct = x;
            continue;
        }
        if (phase == 0)
            phase = 1;
        if (phase == 1 && !must) {
            *table_tail = x;
            table_tail = &x->next;
            continue;
        }
        phase = 2;
        *rest_tail = cat_constraint_stmt(c, k);
        rest_tail = &(*rest_tail)->next;
    }
    return s;
}

static const char *table_key(Catalog *c, const CatTable *t)
{
    return cat_key(c->arena, t->schema, t->name);
}

Stmt *model_enum_stmt(Arena *a, const CatEnum *e)
{
    Stmt *s = ARENA_NEW(a, Stmt);
    s->kind = ST_CREATE_ENUM;
    s->object.name.s = e->name;
    NameList **tail = &s->values;
    for (int i = 0; i < e->nvals; i++) {
        NameList *l = ARENA_NEW(a, NameList);
        l->name.s = e->vals[i];
        *tail = l;
        tail = &l->next;
    }
    return s;
}

void model_print(Catalog *c, StrBuf *out)
{
    for (CatSchema *s = c->schemas; s; s = s->next) {
        Stmt st;
        memset(&st, 0, sizeof st);
        st.kind = ST_CREATE_SCHEMA;
        st.cname.s = s->name;
        model_stmt_text(out, &st);
    }
    /* Extensions before anything that may use their types. */
    for (CatExtension *x = c->exts; x; x = x->next)
        model_stmt_text(out, cat_ext_stmt(c, x));
    /* Enums before the tables whose columns use them. */
    for (CatEnum *e = c->enums; e; e = e->next)
        model_stmt_text(out, model_enum_stmt(c->arena, e));
    /* A foreign key goes in its table's definition when the referenced
     * table already stands (or is the table itself), else it is added
     * once every table exists. */
    HashMap done;
    hash_init(&done);
    const CatTable **deferred =
        ARENA_ARRAY(c->arena, const CatTable *, c->ntables ? c->ntables : 1);
    int ndeferred = 0;
    for (CatTable *t = c->tables; t; t = t->next) {
        bool inline_fks = true;
        for (CatConstraint *k = t->cons; k; k = k->next)
            if (k->kind == CON_FOREIGN && k->ref_table != t &&
                !hash_get(&done, table_key(c, k->ref_table)))
                inline_fks = false;
        if (out->len)
            sb_putc(out, '\n');
        Stmt *rest;
        model_stmt_text(out, model_table_stmt(c, t, inline_fks, &rest));
        for (; rest; rest = rest->next)
            model_stmt_text(out, rest);
        for (CatIndex *ix = t->idx; ix; ix = ix->next)
            model_stmt_text(out, cat_index_stmt(c, ix));
        if (!inline_fks && ndeferred < c->ntables)
            deferred[ndeferred++] = t;
        hash_put(&done, table_key(c, t), t);
    }
    hash_free(&done);
    if (ndeferred)
        sb_putc(out, '\n');
    for (int i = 0; i < ndeferred; i++)
        for (CatConstraint *k = deferred[i]->cons; k; k = k->next)
            if (k->kind == CON_FOREIGN)
                model_stmt_text(out, cat_constraint_stmt(c, k));
    /* Views and the other objects last, in the order they were made
     * (each after what it uses). */
    if (c->objects && out->len)
        sb_putc(out, '\n');
    for (CatObject *o = c->objects; o; o = o->next)
        model_stmt_text(out, cat_object_stmt(c, o));
    /* Functions and procedures, then the triggers that use them (as
     * `migc schema` orders them). */
    for (CatRoutine *r = c->routines; r; r = r->next) {
        Stmt *st = ARENA_NEW(c->arena, Stmt);
        *st = *r->def;
        st->next = NULL;
        RoutineDef *rd = ARENA_NEW(c->arena, RoutineDef);
        *rd = *r->def->routine;
        rd->or_replace = false;
        st->routine = rd;
        model_stmt_text(out, st);
    }
    for (CatTrigger *g = c->triggers; g; g = g->next)
        model_stmt_text(out, cat_trigger_stmt(c, g));
}

void history_model_text(History *h, StrBuf *out)
{
    model_print(&h->cat, out);
}
