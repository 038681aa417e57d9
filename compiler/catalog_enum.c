/*
 * catalog_enum.c — enum types in the schema model (create type E as enum,
 * alter type E add value / rename value, drop type E).
 *
 * An enum is a name and its labels in order.  Columns refer to it by name
 * (their TypeRef is TY_CUSTOM with the enum's name), as PostgreSQL columns
 * do; the columns that use one are found by scanning the tables, which
 * only the enum statements and the emitters of MySQL and SQLite need.
 */
#include "catalog.h"

#include <string.h>

CatEnum *cat_enum(const Catalog *c, const char *name)
{
    return c && name ? hash_get(&c->enummap, name) : NULL;
}

CatEnum *cat_enum_of_type(const Catalog *c, const TypeRef *t)
{
    if (!c || !t || t->kind != TY_CUSTOM || !t->name || t->args)
        return NULL;
    return cat_enum(c, t->name);
}

int cat_enum_index(const CatEnum *e, const char *v)
{
    for (int i = 0; e && v && i < e->nvals; i++)
        if (strcmp(e->vals[i], v) == 0)
            return i;
    return -1;
}

CatColumn *cat_enum_next_user(const Catalog *c, const CatEnum *e,
                              const CatColumn *prev)
{
    const CatTable *t = prev ? prev->table : c->tables;
    const CatColumn *col = prev ? prev->next : t ? t->cols : NULL;
    while (t) {
        for (; col; col = col->next)
            if (col->type.kind == TY_CUSTOM && !col->type.args &&
                col->type.name && strcmp(col->type.name, e->name) == 0)
                return (CatColumn *)col;
        t = t->next;
        col = t ? t->cols : NULL;
    }
    return NULL;
}

static CatEnum *add_enum(Catalog *c, const char *name, const char **vals,
                         int n)
{
    CatEnum *e = ARENA_NEW(c->arena, CatEnum);
    e->name = name;
    e->nvals = n;
    e->vals = vals;
    e->prev = c->enums_tail;
    if (c->enums_tail)
        c->enums_tail->next = e;
    else
        c->enums = e;
    c->enums_tail = e;
    hash_put(&c->enummap, e->name, e);
    return e;
}

static void remove_enum(Catalog *c, CatEnum *e)
{
    hash_remove(&c->enummap, e->name);
    if (e->prev)
        e->prev->next = e->next;
    else
        c->enums = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        c->enums_tail = e->prev;
    c->names_freed++;
}

/* A new labels array: e's with label `add` inserted at `at`, or the label
 * at `del` removed (at < 0), or the label at `ren` renamed to `to`. */
static const char **relabel(Catalog *c, const CatEnum *e, int at,
                            const char *add, int del, int ren,
                            const char *to, int *n)
{
    const char **v = ARENA_ARRAY(c->arena, const char *, e->nvals + 1);
    int k = 0;
    for (int i = 0; i <= e->nvals; i++) {
        if (i == at)
            v[k++] = add;
        if (i == e->nvals)
            break;
        if (i == del)
            continue;
        v[k++] = i == ren ? to : e->vals[i];
    }
    *n = k;
    return v;
}

void cat_enum_apply(Catalog *c, const Stmt *s)
{
    const char *name = s->object.name.s;
    CatEnum *e = cat_enum(c, name);
    int n = 0;
    switch (s->kind) {
    case ST_CREATE_ENUM: {
        if (e || !name)
            return;
        for (const NameList *l = s->values; l; l = l->next)
            n++;
        const char **v = ARENA_ARRAY(c->arena, const char *, n ? n : 1);
        n = 0;
        for (const NameList *l = s->values; l; l = l->next)
            if (cat_enum_index(&(CatEnum){ .vals = v, .nvals = n },
                               l->name.s) < 0)
                v[n++] = l->name.s;
        add_enum(c, name, v, n);
        return;
    }
    case ST_ADD_VALUE: {
        if (!e || !s->value.s || cat_enum_index(e, s->value.s) >= 0)
            return;
        int at = e->nvals;
        if (s->anchor.s) {
            int a = cat_enum_index(e, s->anchor.s);
            if (a >= 0)
                at = s->after ? a + 1 : a;
        }
        e->vals = relabel(c, e, at, s->value.s, -1, -1, NULL, &n);
        e->nvals = n;
        return;
    }
    case ST_RENAME_VALUE: {
        int i = cat_enum_index(e, s->value.s);
        if (i < 0 || !s->new_name.s)
            return;
        e->vals = relabel(c, e, -1, NULL, -1, i, s->new_name.s, &n);
        /* A default of the old label follows it, as in PostgreSQL, where
         * the default holds the label itself. */
        for (CatColumn *col = cat_enum_next_user(c, e, NULL); col;
             col = cat_enum_next_user(c, e, col))
            if (col->def && col->def->kind == EX_STRING &&
                strcmp(col->def->text, s->value.s) == 0) {
                Expr *d = ARENA_NEW(c->arena, Expr);
                *d = *col->def;
                d->text = s->new_name.s;
                col->def = d;
            }
        return;
    }
    case ST_DROP_VALUE: {
        int i = cat_enum_index(e, s->value.s);
        if (i < 0)
            return;
        e->vals = relabel(c, e, -1, NULL, i, -1, NULL, &n);
        e->nvals = n;
        return;
    }
    case ST_DROP_ENUM:
        if (e)
            remove_enum(c, e);
        return;
    default:
        return;
    }
}

Stmt *cat_enum_stmt(Catalog *c, const CatEnum *e)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_ENUM;
    s->object.name.s = e->name;
    NameList **tail = &s->values;
    for (int i = 0; i < e->nvals; i++) {
        NameList *l = ARENA_NEW(c->arena, NameList);
        l->name.s = e->vals[i];
        *tail = l;
        tail = &l->next;
    }
    return s;
}

void cat_enum_copy(Catalog *dst, const Catalog *src, Arena *a)
{
    for (const CatEnum *e = src->enums; e; e = e->next) {
        const char **v = ARENA_ARRAY(a, const char *, e->nvals ? e->nvals : 1);
        for (int i = 0; i < e->nvals; i++)
            v[i] = arena_strdup(a, e->vals[i]);
        add_enum(dst, arena_strdup(a, e->name), v, e->nvals);
    }
}

bool cat_enum_equal(const Catalog *a, const Catalog *b, StrBuf *why)
{
    int na = 0, nb = 0;
    for (const CatEnum *e = a->enums; e; e = e->next, na++) {
        const CatEnum *f = cat_enum(b, e->name);
        bool same = f && f->nvals == e->nvals;
        for (int i = 0; same && i < e->nvals; i++)
            same = strcmp(e->vals[i], f->vals[i]) == 0;
        if (!same) {
            if (why)
                sb_printf(why, "type %s: %s", e->name,
                          f ? "labels differ" : "only in the first");
            return false;
        }
    }
    for (const CatEnum *e = b->enums; e; e = e->next)
        nb++;
    if (na != nb) {
        if (why)
            sb_printf(why, "%d enum types vs %d", na, nb);
        return false;
    }
    return true;
}
