/*
 * ast.c — names of AST enums, and the canonical text of a migration.
 *
 * The canonical text is what the ledger checksum covers: it shows what a
 * migration does and nothing of how it was written.  Keywords are lower
 * case, identifiers always double-quoted, strings single-quoted, raw SQL
 * verbatim, one statement per line; column options come in a fixed order
 * (not null, null, default, then constraints as written).  Quoting every
 * name and string keeps the text unambiguous, so two migrations that do
 * different things never share a canonical text.
 */
#include "ast.h"
#include "objkind.h"

#include <string.h>

#include "arena.h"
#include "types.h"

const char *ast_class_name(MigClass c)
{
    switch (c) {
    case CLASS_REVERSIBLE:
        return "reversible";
    case CLASS_LOSSY:
        return "lossy";
    case CLASS_IRREVERSIBLE:
        return "irreversible";
    }
    return "?";
}

const char *ast_type_name(TypeKind k)
{
    return type_info(k)->name;
}

void ast_type_args(StrBuf *out, const TypeRef *t)
{
    int n = t->nargs < 0 ? 0 : t->nargs > TYPE_MAX_ARGS ? TYPE_MAX_ARGS
                                                        : t->nargs;
    for (int i = 0; i < n; i++)
        sb_printf(out, "%s%ld", i ? "," : "(", t->arg[i]);
    if (n)
        sb_putc(out, ')');
}

/*
 * A type's portable spelling with its arguments, "varchar(20)",
 * "numeric(10,2)", or a custom type's name and argument text as written.
 * Used in diagnostics, comments and by the dialects that keep a type as
 * written; the canonical text has its own spelling (put_type below).
 */
void ast_type_format(StrBuf *out, const TypeRef *t)
{
    if (t->kind == TY_CUSTOM) {
        sb_puts(out, t->name ? t->name : "?");
        if (t->args)
            sb_printf(out, "(%s)", t->args);
        return;
    }
    sb_puts(out, ast_type_name(t->kind));
    ast_type_args(out, t);
}

/* FK_NONE (not given) is the databases' default, NO ACTION. */
const char *ast_fk_action_sql(FkAction a)
{
    switch (a) {
    case FK_NONE:
    case FK_NO_ACTION:
        return "NO ACTION";
    case FK_RESTRICT:
        return "RESTRICT";
    case FK_CASCADE:
        return "CASCADE";
    case FK_SET_NULL:
        return "SET NULL";
    case FK_SET_DEFAULT:
        return "SET DEFAULT";
    }
    return "NO ACTION";
}

static const char *const sql_dialect_names[SQLD_COUNT] = {
    [SQLD_ANY] = NULL,
    [SQLD_POSTGRES] = "postgres",
    [SQLD_SQLITE] = "sqlite",
    [SQLD_MYSQL] = "mysql",
};

const char *ast_sql_dialect_name(SqlDialect d)
{
    return (unsigned)d < SQLD_COUNT ? sql_dialect_names[d] : NULL;
}

int ast_sql_dialect_lookup(const char *name)
{
    for (int d = SQLD_ANY + 1; d < SQLD_COUNT; d++)
        if (name && strcmp(name, sql_dialect_names[d]) == 0)
            return d;
    return -1;
}

bool ast_index_plain(const IndexDef *ix)
{
    if (ix->method.s || ix->include)
        return false;
    for (const IndexKey *k = ix->keys; k; k = k->next)
        if (!k->col.s || k->opclass.s || k->order != KEY_ORDER_DEFAULT ||
            k->nulls != KEY_NULLS_DEFAULT)
            return false;
    return true;
}

/* ---- statement text: canonical and readable ---- */

/*
 * One printer, two spellings (AstStyle): the canonical text quotes every
 * name and keeps a statement on one line, which is what the checksum
 * covers and must never change; the readable text (model.h: `migc
 * schema`, diff, introspect, squash) quotes a name only where the
 * language needs it and lays a table out one column a line.
 */
typedef struct Pr {
    StrBuf *b;
    AstStyle style;
} Pr;

static bool readable(const Pr *p)
{
    return p->style == AST_READABLE;
}

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

/* A plain lower-case identifier that is none of the language's keywords
 * (whatever its category: quoting is always safe). */
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

static void put_quoted(const Pr *p, const char *s, char q)
{
    StrBuf *b = p->b;
    sb_putc(b, q);
    for (; *s; s++) {
        if (*s == q)
            sb_putc(b, q);
        sb_putc(b, *s);
    }
    sb_putc(b, q);
}

static void put_ident(const Pr *p, const char *s)
{
    if (readable(p) && plain_ident(s))
        sb_puts(p->b, s);
    else
        put_quoted(p, s ? s : "", '"');
}

/* The texts of a per-dialect sql statement: " postgres 'x' sqlite none";
 * a down written as `none` alone has one text, NULL, without dialect. */
static void put_sql_texts(const Pr *p, const SqlText *t)
{
    StrBuf *b = p->b;
    for (; t; t = t->next) {
        if (t->dialect != SQLD_ANY)
            sb_printf(b, " %s", ast_sql_dialect_name(t->dialect));
        if (t->text) {
            sb_putc(b, ' ');
            put_quoted(p, t->text, '\'');
        } else {
            sb_puts(b, " none");
        }
    }
}

static void put_names(const Pr *p, const NameList *l);

/* [using "m"] ("a" "opc" desc nulls last, ((raw))) [include ("c")]; the
 * method is a plain word in the readable text. */
static void put_index_keys(const Pr *p, const IndexDef *ix)
{
    StrBuf *b = p->b;
    static const char *const order[] = {"", " asc", " desc"};
    static const char *const nulls[] = {"", " nulls first", " nulls last"};
    if (ix->method.s) {
        sb_puts(b, "using ");
        if (readable(p))
            sb_puts(b, ix->method.s);
        else
            put_quoted(p, ix->method.s, '"');
        sb_putc(b, ' ');
    }
    sb_putc(b, '(');
    for (const IndexKey *k = ix->keys; k; k = k->next) {
        if (k->col.s)
            put_ident(p, k->col.s);
        else
            sb_printf(b, "(%s)", k->expr);
        if (k->opclass.s) {
            sb_putc(b, ' ');
            put_ident(p, k->opclass.s);
        }
        sb_puts(b, order[k->order]);
        sb_puts(b, nulls[k->nulls]);
        if (k->next)
            sb_puts(b, ", ");
    }
    sb_putc(b, ')');
    if (ix->include) {
        sb_puts(b, " include ");
        put_names(p, ix->include);
    }
}

static void put_qname(const Pr *p, const QName *q)
{
    StrBuf *b = p->b;
    if (q->schema.s) {
        put_ident(p, q->schema.s);
        sb_putc(b, '.');
    }
    put_ident(p, q->name.s);
}

/* table."column" (or table."constraint") */
static void put_member(const Pr *p, const QName *table, const Ident *member)
{
    StrBuf *b = p->b;
    put_qname(p, table);
    sb_putc(b, '.');
    put_ident(p, member->s);
}

static void put_names(const Pr *p, const NameList *l)
{
    StrBuf *b = p->b;
    sb_putc(b, '(');
    for (; l; l = l->next) {
        put_ident(p, l->name.s);
        if (l->next)
            sb_puts(b, ", ");
    }
    sb_putc(b, ')');
}

static void put_type(const Pr *p, const TypeRef *t)
{
    StrBuf *b = p->b;
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

static void put_expr(const Pr *p, const Expr *e)
{
    StrBuf *b = p->b;
    switch (e->kind) {
    case EX_NUMBER:
        sb_puts(b, e->text);
        break;
    case EX_STRING:
        put_quoted(p, e->text, '\'');
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
        put_expr(p, e->arg);
        sb_puts(b, "::");
        if (readable(p))
            put_type(p, e->cast);
        else
            ast_type_format(b, e->cast);
        break;
    }
}

static void put_fk_actions(const Pr *p, const Constraint *c)
{
    StrBuf *b = p->b;
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

static void put_constraint(const Pr *p, const Constraint *c)
{
    StrBuf *b = p->b;
    if (c->name.s) {
        sb_puts(b, "constraint ");
        put_ident(p, c->name.s);
        sb_putc(b, ' ');
    }
    switch (c->kind) {
    case CON_PRIMARY:
        sb_puts(b, "primary key");
        break;
    case CON_UNIQUE:
        sb_puts(b, "unique");
        break;
    case CON_CHECK:
        sb_printf(b, "check (%s)", c->check);
        return;
    case CON_FOREIGN:
        if (c->cols) {
            sb_puts(b, "foreign key ");
            put_names(p, c->cols);
            sb_putc(b, ' ');
        }
        sb_puts(b, "references ");
        put_qname(p, &c->ref_table);
        if (c->ref_cols) {
            sb_putc(b, ' ');
            put_names(p, c->ref_cols);
        }
        put_fk_actions(p, c);
        return;
    }
    if (c->cols) {
        sb_putc(b, ' ');
        put_names(p, c->cols);
    }
}

/* Type and options of a column, after its name. */
static void put_column_rest(const Pr *p, const ColumnDef *c)
{
    StrBuf *b = p->b;
    sb_putc(b, ' ');
    put_type(p, &c->type);
    if (c->not_null)
        sb_puts(b, " not null");
    if (c->null_given)
        sb_puts(b, " null");
    if (c->def) {
        sb_puts(b, " default ");
        put_expr(p, c->def);
    }
    if (c->generated)
        sb_printf(b, " generated always as (%s) stored", c->generated);
    else if (c->identity)
        sb_puts(b, c->identity == IDENTITY_ALWAYS
                       ? " generated always as identity"
                       : " generated by default as identity");
    for (const Constraint *k = c->cons; k; k = k->next) {
        sb_putc(b, ' ');
        if (readable(p) && k->cols && k->kind != CON_CHECK) {
            /* A column-level key the checker resolved: spelled as
             * written on the column. */
            Constraint on_column = *k;
            on_column.cols = NULL;
            put_constraint(p, &on_column);
        } else {
            put_constraint(p, k);
        }
    }
}

static void put_stmt(const Pr *p, const Stmt *s)
{
    StrBuf *b = p->b;
    switch (s->kind) {
    case ST_CREATE_TABLE: {
        /* Readable: one column or constraint a line. */
        const char *first = readable(p) ? "\n    " : "";
        const char *next = readable(p) ? ",\n    " : ", ";
        sb_puts(b, "create table ");
        put_qname(p, &s->table);
        sb_puts(b, " (");
        const char *sep = first;
        for (const ColumnDef *c = s->columns; c; c = c->next) {
            sb_puts(b, sep);
            put_ident(p, c->name.s);
            put_column_rest(p, c);
            sep = next;
        }
        for (const Constraint *k = s->constraints; k; k = k->next) {
            sb_puts(b, sep);
            put_constraint(p, k);
            sep = next;
        }
        sb_puts(b, readable(p) ? "\n)" : ")");
        if (s->sql_up) {
            sb_puts(b, " as ");
            put_quoted(p, s->sql_up, '\'');
        }
        break;
    }
    case ST_DROP_TABLE:
        sb_puts(b, "drop table ");
        put_qname(p, &s->table);
        break;
    case ST_RENAME_TABLE:
        sb_puts(b, "rename table ");
        put_qname(p, &s->table);
        sb_puts(b, " to ");
        put_ident(p, s->new_name.s);
        break;
    case ST_ADD_COLUMN:
        sb_puts(b, "add column ");
        put_member(p, &s->table, &s->column);
        if (s->columns)
            put_column_rest(p, s->columns);
        break;
    case ST_DROP_COLUMN:
        sb_puts(b, "drop column ");
        put_member(p, &s->table, &s->column);
        if (s->fill) {
            sb_puts(b, " fill ");
            put_expr(p, s->fill);
        }
        break;
    case ST_RENAME_COLUMN:
        sb_puts(b, "rename column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " to ");
        put_ident(p, s->new_name.s);
        break;
    case ST_ALTER_TYPE:
        sb_puts(b, "alter column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " type ");
        put_type(p, &s->type);
        if (s->using_raw)
            sb_printf(b, " using (%s)", s->using_raw);
        break;
    case ST_SET_DEFAULT:
        sb_puts(b, "alter column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " set default ");
        put_expr(p, s->def);
        break;
    case ST_DROP_DEFAULT:
        sb_puts(b, "alter column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " drop default");
        break;
    case ST_SET_NOT_NULL:
        sb_puts(b, "alter column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " set not null");
        break;
    case ST_DROP_NOT_NULL:
        sb_puts(b, "alter column ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " drop not null");
        break;
    case ST_CREATE_INDEX: {
        const IndexDef *ix = s->index;
        sb_puts(b, ix->unique ? "create unique index " : "create index ");
        if (ix->concurrently)
            sb_puts(b, "concurrently ");
        if (ix->name.name.s) {
            put_qname(p, &ix->name);
            sb_putc(b, ' ');
        }
        sb_puts(b, "on ");
        put_qname(p, &ix->table);
        sb_putc(b, ' ');
        if (ast_index_plain(ix))
            put_names(p, ix->cols); /* as it always was */
        else
            put_index_keys(p, ix);
        if (ix->where)
            sb_printf(b, " where (%s)", ix->where);
        break;
    }
    case ST_DROP_INDEX:
        sb_puts(b, s->concurrently ? "drop index concurrently " : "drop index ");
        put_qname(p, &s->object);
        break;
    case ST_ADD_CONSTRAINT:
        sb_puts(b, "add constraint ");
        put_member(p, &s->table, &s->cname);
        if (s->constraints) {
            /* The name is already shown: print the body only. */
            Constraint body = *s->constraints;
            body.name.s = NULL;
            sb_putc(b, ' ');
            put_constraint(p, &body);
        }
        break;
    case ST_DROP_CONSTRAINT:
        sb_puts(b, "drop constraint ");
        put_member(p, &s->table, &s->cname);
        break;
    case ST_CREATE_SCHEMA:
        sb_puts(b, "create schema ");
        put_ident(p, s->cname.s);
        break;
    case ST_DROP_SCHEMA:
        sb_puts(b, "drop schema ");
        put_ident(p, s->cname.s);
        break;
    case ST_SQL:
        if (s->sql_ups) {
            sb_puts(b, "sql");
            put_sql_texts(p, s->sql_ups);
            if (s->sql_has_down) {
                sb_puts(b, " down");
                put_sql_texts(p, s->sql_downs);
            }
            break;
        }
        sb_puts(b, "sql ");
        put_quoted(p, s->sql_up ? s->sql_up : "", '\'');
        if (s->sql_down) {
            sb_puts(b, " down ");
            put_quoted(p, s->sql_down, '\'');
        }
        break;
    case ST_CREATE_ENUM: {
        sb_puts(b, "create type ");
        put_ident(p, s->object.name.s);
        sb_puts(b, " as enum (");
        for (const NameList *l = s->values; l; l = l->next) {
            put_quoted(p, l->name.s, '\'');
            if (l->next)
                sb_puts(b, ", ");
        }
        sb_putc(b, ')');
        break;
    }
    case ST_ADD_VALUE:
        sb_puts(b, "alter type ");
        put_ident(p, s->object.name.s);
        sb_puts(b, " add value ");
        put_quoted(p, s->value.s, '\'');
        if (s->anchor.s) {
            sb_puts(b, s->after ? " after " : " before ");
            put_quoted(p, s->anchor.s, '\'');
        }
        break;
    case ST_RENAME_VALUE:
        sb_puts(b, "alter type ");
        put_ident(p, s->object.name.s);
        sb_puts(b, " rename value ");
        put_quoted(p, s->value.s, '\'');
        sb_puts(b, " to ");
        put_quoted(p, s->new_name.s, '\'');
        break;
    case ST_DROP_ENUM:
        sb_puts(b, "drop type ");
        put_ident(p, s->object.name.s);
        break;
    case ST_DROP_VALUE:
        sb_puts(b, "alter type ");
        put_ident(p, s->object.name.s);
        sb_puts(b, " drop value ");
        put_quoted(p, s->value.s, '\'');
        break;
    case ST_RENAME_INDEX:
    case ST_RENAME_SEQUENCE:
        sb_puts(b, s->kind == ST_RENAME_INDEX ? "rename index "
                                               : "rename sequence ");
        put_qname(p, &s->object);
        sb_puts(b, " to ");
        put_ident(p, s->new_name.s);
        break;
    case ST_CREATE_EXTENSION:
        sb_puts(b, s->if_not_exists ? "create extension if not exists "
                                    : "create extension ");
        put_ident(p, s->cname.s);
        if (s->object.schema.s) {
            sb_puts(b, " with schema ");
            put_ident(p, s->object.schema.s);
        }
        break;
    case ST_DROP_EXTENSION:
        sb_puts(b, "drop extension ");
        put_ident(p, s->cname.s);
        break;
    case ST_RENAME_CONSTRAINT:
        sb_puts(b, "rename constraint ");
        put_member(p, &s->table, &s->cname);
        sb_puts(b, " to ");
        put_ident(p, s->new_name.s);
        break;
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE: {
        const RoutineDef *r = s->routine;
        bool create = s->kind == ST_CREATE_ROUTINE;
        sb_puts(b, create ? "create " : "drop ");
        if (create && r->or_replace)
            sb_puts(b, "or replace ");
        sb_puts(b, r->procedure ? "procedure " : "function ");
        put_ident(p, r->name.s);
        sb_putc(b, '(');
        for (const ArgDef *g = r->args; g; g = g->next) {
            if (g->name.s && create) {
                put_ident(p, g->name.s);
                sb_putc(b, ' ');
            }
            put_type(p, &g->type);
            if (g->next)
                sb_puts(b, ", ");
        }
        sb_putc(b, ')');
        if (!create)
            break;
        if (r->has_returns) {
            sb_puts(b, " returns ");
            put_type(p, &r->returns);
        }
        sb_puts(b, " language ");
        put_ident(p, r->language.s);
        sb_puts(b, " as");
        put_sql_texts(p, r->bodies);
        break;
    }
    case ST_CREATE_TRIGGER: {
        const TriggerDef *t = s->trigger;
        static const char *const timing[] = { "before", "after", "instead of" };
        static const char *const ev[] = { "insert", "update", "delete",
                                          "truncate" };
        sb_puts(b, "create trigger ");
        put_ident(p, t->name.s);
        sb_printf(b, " %s ", timing[t->timing]);
        const char *sep = "";
        for (int i = 0; i < 4; i++)
            if (t->events & (1u << i)) {
                sb_printf(b, "%s%s", sep, ev[i]);
                if ((1u << i) == TG_UPDATE && t->update_cols) {
                    sb_puts(b, " of ");
                    for (const NameList *l = t->update_cols; l; l = l->next) {
                        put_ident(p, l->name.s);
                        if (l->next)
                            sb_puts(b, ", ");
                    }
                }
                sep = " or ";
            }
        sb_puts(b, " on ");
        put_qname(p, &t->table);
        if (t->for_each_row)
            sb_puts(b, " for each row");
        if (t->when)
            sb_printf(b, " when (%s)", t->when);
        sb_puts(b, " execute function ");
        put_ident(p, t->function.s);
        sb_puts(b, "()");
        break;
    }
    case ST_DROP_TRIGGER:
        sb_puts(b, "drop trigger ");
        put_member(p, &s->trigger->table, &s->trigger->name);
        break;
    case ST_FILL_COLUMN:
        sb_puts(b, "fill ");
        put_member(p, &s->table, &s->column);
        sb_puts(b, " = ");
        put_expr(p, s->def);
        break;
    case ST_IRREVERSIBLE:
        sb_puts(b, "irreversible");
        break;
    case ST_CREATE_OBJECT:
        sb_printf(b, "create %s%s ", s->or_replace ? "or replace " : "",
                  obj_kind(s->obj)->word);
        put_qname(p, &s->object);
        if (s->names) {
            sb_putc(b, ' ');
            put_names(p, s->names);
        }
        sb_puts(b, " as ");
        put_quoted(p, s->sql_up ? s->sql_up : "", '\'');
        if (s->no_data)
            sb_puts(b, " with no data");
        break;
    case ST_DROP_OBJECT:
        sb_printf(b, "drop %s ", obj_kind(s->obj)->word);
        put_qname(p, &s->object);
        break;
    case ST_RENAME_OBJECT:
        sb_printf(b, "rename %s ", obj_kind(s->obj)->word);
        put_qname(p, &s->object);
        sb_puts(b, " to ");
        put_ident(p, s->new_name.s);
        break;
    case ST_REFRESH_OBJECT:
        sb_printf(b, "refresh %s %s", obj_kind(s->obj)->word,
                  s->concurrently ? "concurrently " : "");
        put_qname(p, &s->object);
        break;
    case ST_COMMENT:
        sb_puts(b, s->column.s ? "comment on column " : "comment on table ");
        put_qname(p, &s->table);
        if (s->column.s) {
            sb_putc(b, '.');
            put_ident(p, s->column.s);
        }
        sb_puts(b, " is ");
        if (s->comment)
            put_quoted(p, s->comment, '\'');
        else
            sb_puts(b, "null");
        break;
    }
    sb_puts(b, ";\n");
}

void ast_stmt_text(StrBuf *out, const Stmt *s, AstStyle style)
{
    Pr p = {out, style};
    put_stmt(&p, s);
}

bool ast_ident_plain(const char *s)
{
    return plain_ident(s);
}

void ast_canonical(const Migration *m, StrBuf *out)
{
    Pr p = {out, AST_CANONICAL};
    if (m->expand)
        sb_puts(out, "expand;\n");
    for (const NameList *v = m->replaces; v; v = v->next)
        sb_printf(out, "%s%s%s", v == m->replaces ? "replaces " : "",
                  v->name.s, v->next ? ", " : ";\n");
    if (m->safe)
        sb_puts(out, "safe;\n");
    else if (m->no_transaction)
        sb_puts(out, "no transaction;\n");
    if (m->has_blocks)
        sb_puts(out, "up {\n");
    for (const Stmt *s = m->up; s; s = s->next)
        put_stmt(&p, s);
    if (m->has_blocks) {
        sb_puts(out, "}\ndown {\n");
        for (const Stmt *s = m->down; s; s = s->next)
            put_stmt(&p, s);
        sb_puts(out, "}\n");
    }
}
