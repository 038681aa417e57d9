/*
 * schema.c — `migc schema`: the final schema of the history as CREATE
 * statements of the dialect (history_schema).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "hash.h"
#include "history_int.h"

static const char *table_key(History *h, const CatTable *t)
{
    return cat_key(&h->arena, t->schema, t->name);
}

/* Object o, after the objects its text uses (depth-first; `done` holds
 * what was printed, keyed by the object's address). */
static bool emit_object_after_deps(History *h, EmitCtx *e, HashMap *done,
                                   const CatObject *o, int depth)
{
    char key[2 * sizeof(void *) + 8];
    snprintf(key, sizeof key, "o%p", (const void *)o);
    if (hash_get(done, key) || depth > 10000)
        return true;
    hash_put(done, arena_strdup(&h->arena, key), (void *)o);
    bool ok = true;
    for (int i = 0; i < o->ndeps; i++)
        if (o->deps[i].obj)
            ok = emit_object_after_deps(h, e, done, o->deps[i].obj,
                                        depth + 1) && ok;
    ok = e->dialect->stmt(e, cat_object_stmt(&h->cat, o)) && ok;
    for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
        ok = e->dialect->stmt(e, cat_object_index_stmt(&h->cat, ix)) && ok;
    return ok;
}

bool history_schema(History *h, StrBuf *out)
{
    const Dialect *d = h->dialect;
    Migration dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.src.path = "schema";
    dummy.src.text = "";
    EmitCtx e;
    history_ctx_init(&e, h, d, &dummy, out);
    bool ok = true;
    for (CatSchema *s = h->cat.schemas; s; s = s->next) {
        Stmt *st = ARENA_NEW(&h->arena, Stmt);
        st->kind = ST_CREATE_SCHEMA;
        st->cname.s = s->name;
        ok = d->stmt(&e, st) && ok;
    }
    /* Extensions before what may use them. */
    for (CatExtension *x = h->cat.exts; x; x = x->next)
        ok = d->stmt(&e, cat_ext_stmt(&h->cat, x)) && ok;
    /* Enum types before the tables whose columns use them. */
    for (CatEnum *en = h->cat.enums; en; en = en->next)
        ok = d->stmt(&e, cat_enum_stmt(&h->cat, en)) && ok;
    /* Foreign keys go inline when the referenced table already stands
     * (SQLite: always, since it resolves references lazily), else they
     * are added once every table exists. */
    bool forward_fks_inline = strcmp(d->name, "sqlite") == 0;
    HashMap done;
    hash_init(&done);
    Stmt *deferred = NULL, *deferred_tail = NULL;
    for (CatTable *t = h->cat.tables; t; t = t->next) {
        bool all_inline = forward_fks_inline;
        if (!all_inline) {
            all_inline = true;
            for (CatConstraint *k = t->cons; k; k = k->next)
                if (k->kind == CON_FOREIGN && k->ref_table != t &&
                    !hash_get(&done, table_key(h, k->ref_table)))
                    all_inline = false;
        }
        Stmt *st = cat_table_stmt(&h->cat, t, all_inline);
        ok = d->stmt(&e, st) && ok;
        for (CatIndex *ix = t->idx; ix; ix = ix->next)
            ok = d->stmt(&e, cat_index_stmt(&h->cat, ix)) && ok;
        for (Stmt *cm = cat_comment_stmts(&h->cat, t, NULL); cm;
             cm = cm->next)
            ok = d->stmt(&e, cm) && ok;
        if (!all_inline) {
            for (CatConstraint *k = t->cons; k; k = k->next) {
                if (k->kind != CON_FOREIGN)
                    continue;
                Stmt *ac = cat_constraint_stmt(&h->cat, k);
                if (deferred_tail)
                    deferred_tail->next = ac;
                else
                    deferred = ac;
                deferred_tail = ac;
            }
        }
        hash_put(&done, table_key(h, t), t);
    }
    for (Stmt *s = deferred; s; s = s->next)
        ok = d->stmt(&e, s) && ok;
    /* Then the objects beyond tables, each after those it uses. */
    for (CatObject *o = h->cat.objects; o; o = o->next)
        ok = emit_object_after_deps(h, &e, &done, o, 0) && ok;
    hash_free(&done);
    /* Functions and procedures, then the triggers that use them. */
    for (CatRoutine *r = h->cat.routines; r; r = r->next) {
        Stmt *st = ARENA_NEW(&h->arena, Stmt);
        *st = *r->def;
        st->next = NULL;
        RoutineDef *rd = ARENA_NEW(&h->arena, RoutineDef);
        *rd = *r->def->routine;
        rd->or_replace = false;
        st->routine = rd;
        ok = d->stmt(&e, st) && ok;
    }
    for (CatTrigger *g = h->cat.triggers; g; g = g->next)
        ok = d->stmt(&e, cat_trigger_stmt(&h->cat, g)) && ok;
    emit_ctx_free_marks(&e);
    return ok;
}
