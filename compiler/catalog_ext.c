/*
 * catalog_ext.c — PostgreSQL extensions in the model (catalog.h): which
 * ones the history created, and in which schema.
 *
 * The model does not know what an extension defines; that it has one is
 * enough for the checker to take a type name it does not know as one the
 * extension may define (a warning, not an error).
 */
#include "catalog.h"

#include <string.h>

CatExtension *cat_extension(const Catalog *c, const char *name)
{
    for (CatExtension *x = c->exts; x; x = x->next)
        if (strcmp(x->name, name) == 0)
            return x;
    return NULL;
}

static void ext_add(Catalog *c, const char *name, const char *schema)
{
    CatExtension *x = ARENA_NEW(c->arena, CatExtension);
    x->name = name;
    x->schema = schema;
    x->prev = c->exts_tail;
    if (c->exts_tail)
        c->exts_tail->next = x;
    else
        c->exts = x;
    c->exts_tail = x;
}

void cat_ext_apply(Catalog *c, const Stmt *s)
{
    const char *name = s->cname.s;
    if (!name)
        return;
    CatExtension *x = cat_extension(c, name);
    if (s->kind == ST_CREATE_EXTENSION) {
        if (!x)
            ext_add(c, name, s->object.schema.s);
        return;
    }
    if (!x)
        return;
    if (x->prev)
        x->prev->next = x->next;
    else
        c->exts = x->next;
    if (x->next)
        x->next->prev = x->prev;
    else
        c->exts_tail = x->prev;
}

Stmt *cat_ext_stmt(Catalog *c, const CatExtension *x)
{
    Stmt *s = ARENA_NEW(c->arena, Stmt);
    s->kind = ST_CREATE_EXTENSION;
    s->cname.s = x->name;
    s->object.schema.s = x->schema;
    return s;
}

void cat_ext_copy(Catalog *dst, const Catalog *src, Arena *a)
{
    for (const CatExtension *x = src->exts; x; x = x->next)
        ext_add(dst, arena_strdup(a, x->name),
                x->schema ? arena_strdup(a, x->schema) : NULL);
}

bool cat_ext_equal(const Catalog *a, const Catalog *b, StrBuf *why)
{
    int na = 0, nb = 0;
    for (const CatExtension *x = a->exts; x; x = x->next, na++) {
        const CatExtension *y = cat_extension(b, x->name);
        bool same = y && (x->schema ? y->schema &&
                                          strcmp(x->schema, y->schema) == 0
                                    : !y->schema);
        if (!same) {
            if (why)
                sb_printf(why, "extension %s differs", x->name);
            return false;
        }
    }
    for (const CatExtension *y = b->exts; y; y = y->next)
        nb++;
    if (na != nb) {
        if (why)
            sb_printf(why, "%d extensions vs %d", na, nb);
        return false;
    }
    return true;
}
