/*
 * suggest.c — did-you-mean (suggest.h).
 */
#include "suggest.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "catalog.h"

int suggest_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int *rows = xmalloc(3 * (lb + 1) * sizeof *rows);
    int *pp = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    int d = prev[lb];
    free(rows);
    return d;
}

const char *suggest_closest(const char *name, const char *const *cands,
                            int n)
{
    int len = (int)strlen(name);
    int limit = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    int bestd = INT_MAX;
    for (int i = 0; i < n; i++) {
        if (!cands[i] || strcmp(cands[i], name) == 0)
            continue;
        int lc = (int)strlen(cands[i]);
        if (abs(lc - len) > limit)
            continue;
        int d = suggest_edit_distance(name, cands[i]);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    return best && bestd <= limit && bestd < len ? best : NULL;
}

/* "did you mean PREFIX.NAME?" for the candidate closest to `name`;
 * `prefix` (may be NULL) is shown, not compared. */
const char *suggest_hint(Arena *a, const char *prefix, const char *name,
                         const char **cands, int n)
{
    const char *b = suggest_closest(name, cands, n);
    if (!b)
        return NULL;
    return prefix ? arena_printf(a, "did you mean %s.%s?", prefix, b)
                  : arena_printf(a, "did you mean %s?", b);
}

const char *suggest_catalog_table(Arena *a, const Catalog *c,
                                  const char *schema, const char *name)
{
    const char **v = ARENA_ARRAY(a, const char *, c->ntables + 1);
    int n = 0;
    for (CatTable *t = c->tables; t; t = t->next)
        v[n++] = cat_display(a, t->schema, t->name);
    return suggest_hint(a, NULL, cat_display(a, schema, name), v, n);
}

const char *suggest_catalog_column(Arena *a, const CatTable *t,
                                   const char *name)
{
    const char **v = ARENA_ARRAY(a, const char *, t->ncols + 1);
    int n = 0;
    for (CatColumn *c = t->cols; c; c = c->next)
        v[n++] = c->name;
    return suggest_hint(a, cat_display(a, t->schema, t->name), name, v, n);
}

const char *suggest_catalog_constraint(Arena *a, const CatTable *t,
                                       const char *name)
{
    int cap = 0;
    for (CatConstraint *k = t->cons; k; k = k->next)
        cap++;
    const char **v = ARENA_ARRAY(a, const char *, cap + 1);
    int n = 0;
    for (CatConstraint *k = t->cons; k; k = k->next)
        v[n++] = k->name;
    return suggest_hint(a, cat_display(a, t->schema, t->name), name, v, n);
}

const char *suggest_catalog_index(Arena *a, const Catalog *c,
                                  const char *schema, const char *name)
{
    int cap = 0;
    for (CatTable *t = c->tables; t; t = t->next)
        for (CatIndex *ix = t->idx; ix; ix = ix->next)
            cap++;
    for (CatObject *o = c->objects; o; o = o->next)
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            cap++;
    const char **v = ARENA_ARRAY(a, const char *, cap + 1);
    int n = 0;
    for (CatTable *t = c->tables; t; t = t->next)
        for (CatIndex *ix = t->idx; ix; ix = ix->next)
            v[n++] = cat_display(a, t->schema, ix->name);
    for (CatObject *o = c->objects; o; o = o->next)
        for (CatObjIndex *ix = o->idx; ix; ix = ix->next)
            v[n++] = cat_display(a, o->schema, ix->name);
    return suggest_hint(a, NULL, cat_display(a, schema, name), v, n);
}

const char *suggest_catalog_schema(Arena *a, const Catalog *c,
                                   const char *name)
{
    int cap = 0;
    for (CatSchema *s = c->schemas; s; s = s->next)
        cap++;
    const char **v = ARENA_ARRAY(a, const char *, cap + 1);
    int n = 0;
    for (CatSchema *s = c->schemas; s; s = s->next)
        v[n++] = s->name;
    return suggest_hint(a, NULL, name, v, n);
}
