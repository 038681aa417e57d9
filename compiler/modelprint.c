/*
 * modelprint.c — whole models as text of the language that a person would
 * write (model.h).
 *
 * A statement is printed by ast.c in its readable style: what the
 * canonical text says (the same statements, the same raw texts), but a
 * name double-quoted only where the language needs it and a table's
 * columns and constraints one a line.  This file orders a model's
 * objects and turns the catalog back into statements.
 */
#include <string.h>

#include "compile.h"
#include "hash.h"
#include "model.h"
#include "objkind.h"
#include "types.h"

void model_stmt_text(StrBuf *b, const Stmt *s)
{
    ast_stmt_text(b, s, AST_READABLE);
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
        for (Stmt *cm = cat_comment_stmts(c, t, NULL); cm; cm = cm->next)
            model_stmt_text(out, cm);
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
    for (CatObject *o = c->objects; o; o = o->next) {
        model_stmt_text(out, cat_object_stmt(c, o));
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            model_stmt_text(out, cat_object_index_stmt(c, ix));
    }
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
