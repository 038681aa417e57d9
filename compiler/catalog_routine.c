/*
 * catalog_routine.c — functions, procedures and triggers in the schema
 * model.
 *
 * A routine is known by its signature, "name(type, ...)" with the types
 * in their portable spelling, as PostgreSQL knows a function by its name
 * and argument types; its create statement is kept whole (body texts per
 * dialect included), so that a drop, or a replace, can be undone.  A
 * trigger belongs to its table (a pointer: renames follow) and points at
 * its function; it goes when its table goes, as in every database.  The
 * bodies are not read: what they mention is not in the model.
 */
#include "catalog.h"

#include <string.h>

const char *cat_routine_sig(Arena *a, const char *name, const ArgDef *args)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%s(", name ? name : "");
    for (const ArgDef *g = args; g; g = g->next) {
        ast_type_format(&b, &g->type);
        if (g->next)
            sb_puts(&b, ", ");
    }
    sb_putc(&b, ')');
    const char *r = arena_strdup(a, sb_str(&b));
    sb_free(&b);
    return r;
}

CatRoutine *cat_routine(const Catalog *c, const char *sig)
{
    return c && sig ? hash_get(&c->routinemap, sig) : NULL;
}

CatTrigger *cat_trigger(const Catalog *c, const CatTable *t,
                        const char *name)
{
    for (CatTrigger *g = c->triggers; g && name; g = g->next)
        if (g->table == t && strcmp(g->name, name) == 0)
            return g;
    return NULL;
}

CatTrigger *cat_trigger_next(const Catalog *c, const CatRoutine *r,
                             const CatTable *t, const CatTrigger *prev)
{
    for (CatTrigger *g = prev ? prev->next : c->triggers; g; g = g->next)
        if (r ? g->fn == r : g->table == t)
            return g;
    return NULL;
}

const char *cat_routine_body(const Stmt *def, int dialect)
{
    const char *any = NULL;
    for (const SqlText *t = def && def->routine ? def->routine->bodies : NULL;
         t; t = t->next) {
        if (dialect > 0 && (int)t->dialect == dialect)
            return t->text;
        if (t->dialect == SQLD_ANY)
            any = t->text;
    }
    return any;
}

static void unlink_routine(Catalog *c, CatRoutine *r)
{
    hash_remove(&c->routinemap, r->sig);
    if (r->prev)
        r->prev->next = r->next;
    else
        c->routines = r->next;
    if (r->next)
        r->next->prev = r->prev;
    else
        c->routines_tail = r->prev;
}

static void link_routine(Catalog *c, const char *sig, const Stmt *def)
{
    CatRoutine *r = ARENA_NEW(c->arena, CatRoutine);
    r->sig = sig;
    r->def = def;
    r->prev = c->routines_tail;
    if (c->routines_tail)
        c->routines_tail->next = r;
    else
        c->routines = r;
    c->routines_tail = r;
    hash_put(&c->routinemap, r->sig, r);
}

static void unlink_trigger(Catalog *c, CatTrigger *g)
{
    if (g->prev)
        g->prev->next = g->next;
    else
        c->triggers = g->next;
    if (g->next)
        g->next->prev = g->prev;
    else
        c->triggers_tail = g->prev;
}

static void link_trigger(Catalog *c, CatTrigger *g)
{
    g->next = NULL;
    g->prev = c->triggers_tail;
    if (c->triggers_tail)
        c->triggers_tail->next = g;
    else
        c->triggers = g;
    c->triggers_tail = g;
}

void cat_triggers_table_dropped(Catalog *c, const CatTable *t)
{
    for (CatTrigger *g = c->triggers, *n; g; g = n) {
        n = g->next;
        if (g->table == t)
            unlink_trigger(c, g);
    }
}

static CatTrigger *add_trigger(Catalog *c, CatTable *t, CatRoutine *fn,
                               const TriggerDef *d)
{
    CatTrigger *g = ARENA_NEW(c->arena, CatTrigger);
    g->name = d->name.s;
    g->table = t;
    g->fn = fn;
    g->def = d;
    for (const NameList *l = d->update_cols; l; l = l->next)
        g->ncols++;
    g->cols = ARENA_ARRAY(c->arena, CatColumn *, g->ncols ? g->ncols : 1);
    int i = 0;
    for (const NameList *l = d->update_cols; l; l = l->next) {
        CatColumn *col = cat_column(t, l->name.s);
        if (col)
            g->cols[i++] = col;
    }
    g->ncols = i;
    link_trigger(c, g);
    return g;
}

void cat_routine_apply(Catalog *c, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_ROUTINE: {
        const RoutineDef *d = s->routine;
        const char *sig = cat_routine_sig(c->arena, d->name.s, d->args);
        CatRoutine *r = cat_routine(c, sig);
        if (r)
            r->def = s;     /* or replace: triggers keep pointing at it */
        else
            link_routine(c, sig, s);
        return;
    }
    case ST_DROP_ROUTINE: {
        const RoutineDef *d = s->routine;
        const char *sig = cat_routine_sig(c->arena, d->name.s, d->args);
        CatRoutine *r = cat_routine(c, sig);
        if (r)
            unlink_routine(c, r);
        return;
    }
    case ST_CREATE_TRIGGER: {
        const TriggerDef *d = s->trigger;
        CatTable *t = cat_table(c, d->table.schema.s, d->table.name.s);
        CatRoutine *fn = cat_routine(
            c, cat_routine_sig(c->arena, d->function.s, NULL));
        if (t && fn && !cat_trigger(c, t, d->name.s))
            add_trigger(c, t, fn, d);
        return;
    }
    case ST_DROP_TRIGGER: {
        const TriggerDef *d = s->trigger;
        CatTable *t = cat_table(c, d->table.schema.s, d->table.name.s);
        CatTrigger *g = t ? cat_trigger(c, t, d->name.s) : NULL;
        if (g)
            unlink_trigger(c, g);
        return;
    }
    default:
        return;
    }
}

Stmt *cat_trigger_stmt(Catalog *c, const CatTrigger *g)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_TRIGGER;
    TriggerDef *d = ARENA_NEW(c->arena, TriggerDef);
    *d = *g->def;
    memset(&d->table, 0, sizeof d->table);
    d->table.schema.s = g->table->schema;
    d->table.name.s = g->table->name;
    d->name.s = g->name;
    const RoutineDef *fd = g->fn->def->routine;
    d->function.s = fd->name.s;
    d->update_cols = NULL;
    NameList **tail = &d->update_cols;
    for (int i = 0; i < g->ncols; i++) {
        NameList *l = ARENA_NEW(c->arena, NameList);
        l->name.s = g->cols[i]->name;
        *tail = l;
        tail = &l->next;
    }
    memset(&d->loc, 0, sizeof d->loc);
    s->trigger = d;
    return s;
}

void cat_routine_copy(Catalog *dst, const Catalog *src, Arena *a)
{
    for (const CatRoutine *r = src->routines; r; r = r->next)
        link_routine(dst, arena_strdup(a, r->sig), r->def);
    for (const CatTrigger *g = src->triggers; g; g = g->next) {
        CatTable *t = cat_table(dst, g->table->schema, g->table->name);
        CatRoutine *fn = cat_routine(dst, g->fn->sig);
        if (!t || !fn)
            continue;
        CatTrigger *n = ARENA_NEW(a, CatTrigger);
        *n = *g;
        n->table = t;
        n->fn = fn;
        n->cols = ARENA_ARRAY(a, CatColumn *, g->ncols ? g->ncols : 1);
        for (int i = 0; i < g->ncols; i++)
            n->cols[i] = cat_column(t, g->cols[i]->name);
        link_trigger(dst, n);
    }
}

bool cat_routine_equal(const Catalog *a, const Catalog *b, StrBuf *why)
{
    int na = 0, nb = 0;
    for (const CatRoutine *r = a->routines; r; r = r->next, na++) {
        const CatRoutine *q = cat_routine(b, r->sig);
        const char *x = cat_routine_body(r->def, 0);
        const char *y = q ? cat_routine_body(q->def, 0) : NULL;
        if (!q || (x != y && (!x || !y || strcmp(x, y) != 0))) {
            if (why)
                sb_printf(why, "routine %s: %s", r->sig,
                          q ? "body differs" : "only in the first");
            return false;
        }
    }
    for (const CatRoutine *r = b->routines; r; r = r->next)
        nb++;
    if (na != nb) {
        if (why)
            sb_printf(why, "%d routines vs %d", na, nb);
        return false;
    }
    na = nb = 0;
    for (const CatTrigger *g = a->triggers; g; g = g->next, na++) {
        const CatTable *t = cat_table(b, g->table->schema, g->table->name);
        const CatTrigger *h = t ? cat_trigger(b, t, g->name) : NULL;
        if (!h || strcmp(h->fn->sig, g->fn->sig) != 0 ||
            h->def->events != g->def->events ||
            h->def->timing != g->def->timing) {
            if (why)
                sb_printf(why, "trigger %s.%s differs", g->table->name,
                          g->name);
            return false;
        }
    }
    for (const CatTrigger *g = b->triggers; g; g = g->next)
        nb++;
    if (na != nb) {
        if (why)
            sb_printf(why, "%d triggers vs %d", na, nb);
        return false;
    }
    return true;
}
