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

/* ---- canonical text ---- */

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
    put_quoted(b, s ? s : "", '"');
}

/* The texts of a per-dialect sql statement: " postgres 'x' sqlite none";
 * a down written as `none` alone has one text, NULL, without dialect. */
static void put_sql_texts(StrBuf *b, const SqlText *t)
{
    for (; t; t = t->next) {
        if (t->dialect != SQLD_ANY)
            sb_printf(b, " %s", ast_sql_dialect_name(t->dialect));
        if (t->text) {
            sb_putc(b, ' ');
            put_quoted(b, t->text, '\'');
        } else {
            sb_puts(b, " none");
        }
    }
}

static void put_names(StrBuf *b, const NameList *l);

/* [using "m"] ("a" "opc" desc nulls last, ((raw))) [include ("c")] */
static void put_index_keys(StrBuf *b, const IndexDef *ix)
{
    static const char *const order[] = {"", " asc", " desc"};
    static const char *const nulls[] = {"", " nulls first", " nulls last"};
    if (ix->method.s) {
        sb_puts(b, "using ");
        put_quoted(b, ix->method.s, '"');
        sb_putc(b, ' ');
    }
    sb_putc(b, '(');
    for (const IndexKey *k = ix->keys; k; k = k->next) {
        if (k->col.s)
            put_quoted(b, k->col.s, '"');
        else
            sb_printf(b, "(%s)", k->expr);
        if (k->opclass.s) {
            sb_putc(b, ' ');
            put_quoted(b, k->opclass.s, '"');
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

static void put_qname(StrBuf *b, const QName *q)
{
    if (q->schema.s) {
        put_ident(b, q->schema.s);
        sb_putc(b, '.');
    }
    put_ident(b, q->name.s);
}

/* table."column" (or table."constraint") */
static void put_member(StrBuf *b, const QName *table, const Ident *member)
{
    put_qname(b, table);
    sb_putc(b, '.');
    put_ident(b, member->s);
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
        ast_type_format(b, e->cast);
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

static void put_constraint(StrBuf *b, const Constraint *c)
{
    if (c->name.s) {
        sb_puts(b, "constraint ");
        put_ident(b, c->name.s);
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
            put_names(b, c->cols);
            sb_putc(b, ' ');
        }
        sb_puts(b, "references ");
        put_qname(b, &c->ref_table);
        if (c->ref_cols) {
            sb_putc(b, ' ');
            put_names(b, c->ref_cols);
        }
        put_fk_actions(b, c);
        return;
    }
    if (c->cols) {
        sb_putc(b, ' ');
        put_names(b, c->cols);
    }
}

/* Type and options of a column, after its name. */
static void put_column_rest(StrBuf *b, const ColumnDef *c)
{
    sb_putc(b, ' ');
    put_type(b, &c->type);
    if (c->not_null)
        sb_puts(b, " not null");
    if (c->null_given)
        sb_puts(b, " null");
    if (c->def) {
        sb_puts(b, " default ");
        put_expr(b, c->def);
    }
    for (const Constraint *k = c->cons; k; k = k->next) {
        sb_putc(b, ' ');
        put_constraint(b, k);
    }
}

static void put_stmt(StrBuf *b, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_TABLE: {
        sb_puts(b, "create table ");
        put_qname(b, &s->table);
        sb_puts(b, " (");
        const char *sep = "";
        for (const ColumnDef *c = s->columns; c; c = c->next) {
            sb_puts(b, sep);
            put_ident(b, c->name.s);
            put_column_rest(b, c);
            sep = ", ";
        }
        for (const Constraint *k = s->constraints; k; k = k->next) {
            sb_puts(b, sep);
            put_constraint(b, k);
            sep = ", ";
        }
        sb_putc(b, ')');
        if (s->sql_up) {
            sb_puts(b, " as ");
            put_quoted(b, s->sql_up, '\'');
        }
        break;
    }
    case ST_DROP_TABLE:
        sb_puts(b, "drop table ");
        put_qname(b, &s->table);
        break;
    case ST_RENAME_TABLE:
        sb_puts(b, "rename table ");
        put_qname(b, &s->table);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_ADD_COLUMN:
        sb_puts(b, "add column ");
        put_member(b, &s->table, &s->column);
        if (s->columns)
            put_column_rest(b, s->columns);
        break;
    case ST_DROP_COLUMN:
        sb_puts(b, "drop column ");
        put_member(b, &s->table, &s->column);
        if (s->fill) {
            sb_puts(b, " fill ");
            put_expr(b, s->fill);
        }
        break;
    case ST_RENAME_COLUMN:
        sb_puts(b, "rename column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_ALTER_TYPE:
        sb_puts(b, "alter column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " type ");
        put_type(b, &s->type);
        if (s->using_raw)
            sb_printf(b, " using (%s)", s->using_raw);
        break;
    case ST_SET_DEFAULT:
        sb_puts(b, "alter column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " set default ");
        put_expr(b, s->def);
        break;
    case ST_DROP_DEFAULT:
        sb_puts(b, "alter column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " drop default");
        break;
    case ST_SET_NOT_NULL:
        sb_puts(b, "alter column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " set not null");
        break;
    case ST_DROP_NOT_NULL:
        sb_puts(b, "alter column ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " drop not null");
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
            put_names(b, ix->cols); /* as it always was */
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
        put_member(b, &s->table, &s->cname);
        if (s->constraints) {
            /* The name is already shown: print the body only. */
            Constraint body = *s->constraints;
            body.name.s = NULL;
            sb_putc(b, ' ');
            put_constraint(b, &body);
        }
        break;
    case ST_DROP_CONSTRAINT:
        sb_puts(b, "drop constraint ");
        put_member(b, &s->table, &s->cname);
        break;
    case ST_CREATE_SCHEMA:
        sb_puts(b, "create schema ");
        put_ident(b, s->cname.s);
        break;
    case ST_DROP_SCHEMA:
        sb_puts(b, "drop schema ");
        put_ident(b, s->cname.s);
        break;
    case ST_SQL:
        if (s->sql_ups) {
            sb_puts(b, "sql");
            put_sql_texts(b, s->sql_ups);
            if (s->sql_has_down) {
                sb_puts(b, " down");
                put_sql_texts(b, s->sql_downs);
            }
            break;
        }
        sb_puts(b, "sql ");
        put_quoted(b, s->sql_up ? s->sql_up : "", '\'');
        if (s->sql_down) {
            sb_puts(b, " down ");
            put_quoted(b, s->sql_down, '\'');
        }
        break;
    case ST_CREATE_ENUM: {
        sb_puts(b, "create type ");
        put_ident(b, s->object.name.s);
        sb_puts(b, " as enum (");
        for (const NameList *l = s->values; l; l = l->next) {
            put_quoted(b, l->name.s, '\'');
            if (l->next)
                sb_puts(b, ", ");
        }
        sb_putc(b, ')');
        break;
    }
    case ST_ADD_VALUE:
        sb_puts(b, "alter type ");
        put_ident(b, s->object.name.s);
        sb_puts(b, " add value ");
        put_quoted(b, s->value.s, '\'');
        if (s->anchor.s) {
            sb_puts(b, s->after ? " after " : " before ");
            put_quoted(b, s->anchor.s, '\'');
        }
        break;
    case ST_RENAME_VALUE:
        sb_puts(b, "alter type ");
        put_ident(b, s->object.name.s);
        sb_puts(b, " rename value ");
        put_quoted(b, s->value.s, '\'');
        sb_puts(b, " to ");
        put_quoted(b, s->new_name.s, '\'');
        break;
    case ST_DROP_ENUM:
        sb_puts(b, "drop type ");
        put_ident(b, s->object.name.s);
        break;
    case ST_DROP_VALUE:
        sb_puts(b, "alter type ");
        put_ident(b, s->object.name.s);
        sb_puts(b, " drop value ");
        put_quoted(b, s->value.s, '\'');
        break;
    case ST_RENAME_INDEX:
    case ST_RENAME_SEQUENCE:
        sb_puts(b, s->kind == ST_RENAME_INDEX ? "rename index "
                                               : "rename sequence ");
        put_qname(b, &s->object);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_CREATE_EXTENSION:
        sb_puts(b, s->if_not_exists ? "create extension if not exists "
                                    : "create extension ");
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
    case ST_RENAME_CONSTRAINT:
        sb_puts(b, "rename constraint ");
        put_member(b, &s->table, &s->cname);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE: {
        const RoutineDef *r = s->routine;
        bool create = s->kind == ST_CREATE_ROUTINE;
        sb_puts(b, create ? "create " : "drop ");
        if (create && r->or_replace)
            sb_puts(b, "or replace ");
        sb_puts(b, r->procedure ? "procedure " : "function ");
        put_ident(b, r->name.s);
        sb_putc(b, '(');
        for (const ArgDef *g = r->args; g; g = g->next) {
            if (g->name.s && create) {
                put_ident(b, g->name.s);
                sb_putc(b, ' ');
            }
            put_type(b, &g->type);
            if (g->next)
                sb_puts(b, ", ");
        }
        sb_putc(b, ')');
        if (!create)
            break;
        if (r->has_returns) {
            sb_puts(b, " returns ");
            put_type(b, &r->returns);
        }
        sb_puts(b, " language ");
        put_ident(b, r->language.s);
        sb_puts(b, " as");
        put_sql_texts(b, r->bodies);
        break;
    }
    case ST_CREATE_TRIGGER: {
        const TriggerDef *t = s->trigger;
        static const char *const timing[] = { "before", "after", "instead of" };
        static const char *const ev[] = { "insert", "update", "delete",
                                          "truncate" };
        sb_puts(b, "create trigger ");
        put_ident(b, t->name.s);
        sb_printf(b, " %s ", timing[t->timing]);
        const char *sep = "";
        for (int i = 0; i < 4; i++)
            if (t->events & (1u << i)) {
                sb_printf(b, "%s%s", sep, ev[i]);
                if ((1u << i) == TG_UPDATE && t->update_cols) {
                    sb_puts(b, " of ");
                    for (const NameList *l = t->update_cols; l; l = l->next) {
                        put_ident(b, l->name.s);
                        if (l->next)
                            sb_puts(b, ", ");
                    }
                }
                sep = " or ";
            }
        sb_puts(b, " on ");
        put_qname(b, &t->table);
        if (t->for_each_row)
            sb_puts(b, " for each row");
        if (t->when)
            sb_printf(b, " when (%s)", t->when);
        sb_puts(b, " execute function ");
        put_ident(b, t->function.s);
        sb_puts(b, "()");
        break;
    }
    case ST_DROP_TRIGGER:
        sb_puts(b, "drop trigger ");
        put_member(b, &s->trigger->table, &s->trigger->name);
        break;
    case ST_FILL_COLUMN:
        sb_puts(b, "fill ");
        put_member(b, &s->table, &s->column);
        sb_puts(b, " = ");
        put_expr(b, s->def);
        break;
    case ST_IRREVERSIBLE:
        sb_puts(b, "irreversible");
        break;
    case ST_CREATE_OBJECT:
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
    case ST_RENAME_OBJECT:
        sb_printf(b, "rename %s ", obj_kind(s->obj)->word);
        put_qname(b, &s->object);
        sb_puts(b, " to ");
        put_ident(b, s->new_name.s);
        break;
    case ST_REFRESH_OBJECT:
        sb_printf(b, "refresh %s %s", obj_kind(s->obj)->word,
                  s->concurrently ? "concurrently " : "");
        put_qname(b, &s->object);
        break;
    }
    sb_puts(b, ";\n");
}

void ast_stmt_canonical(StrBuf *out, const Stmt *s)
{
    put_stmt(out, s);
}

void ast_canonical(const Migration *m, StrBuf *out)
{
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
        put_stmt(out, s);
    if (m->has_blocks) {
        sb_puts(out, "}\ndown {\n");
        for (const Stmt *s = m->down; s; s = s->next)
            put_stmt(out, s);
        sb_puts(out, "}\n");
    }
}
