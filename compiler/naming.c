/*
 * naming.c — PostgreSQL's default names (naming.h).
 */
#include "naming.h"

#include <string.h>

#include "compile.h"

/* Bytes of s that fit in n without cutting a UTF-8 character. */
static size_t clip_utf8(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

char *naming_object_name(Arena *a, const char *name1, const char *name2,
                         const char *label)
{
    size_t overhead = strlen(label) + 1 + (name2 ? 1 : 0);
    size_t avail = MIGC_MAX_IDENT_BYTES - overhead;
    size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
    while (n1 + n2 > avail) {
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1);
    if (name2) {
        n2 = clip_utf8(name2, n2);
        return arena_printf(a, "%.*s_%.*s_%s", (int)n1, name1, (int)n2,
                            name2, label);
    }
    return arena_printf(a, "%.*s_%s", (int)n1, name1, label);
}

const char *naming_join(Arena *a, const NameList *l)
{
    StrBuf b;
    sb_init(&b);
    for (; l; l = l->next) {
        if (b.len)
            sb_putc(&b, '_');
        sb_puts(&b, l->name.s ? l->name.s : "");
    }
    const char *r = b.len ? sb_arena_copy(&b, a) : NULL;
    sb_free(&b);
    return r;
}

bool naming_relation_taken(const Catalog *c, const char *schema,
                           const char *name)
{
    return cat_table(c, schema, name) || cat_index(c, schema, name) ||
           cat_key_constraint(c, schema, name) ||
           cat_sequence(c, schema, name) ||
           cat_object_any(c, OBJ_VIEW, schema, name) ||
           cat_object_index(c, schema, name);
}

/* Where the search for one first candidate ended. */
typedef struct NameHint {
    int pass;               /* every smaller suffix was taken */
    unsigned freed;         /* Catalog.names_freed when it was */
} NameHint;

const char *naming_choose(Catalog *c, Arena *a, const char *schema,
                          const CatTable *t, const HashMap *used,
                          bool relation, const char *tname, const char *cols,
                          const char *label)
{
    const char *first = naming_object_name(a, tname, cols, label);
    const char *key = arena_printf(a, "%s\x1f%s\x1f%d", schema ? schema : "",
                                   first, relation);
    NameHint *h = hash_get(&c->namehint, key);
    int pass = h && h->freed == c->names_freed ? h->pass : 0;
    int free_in_catalog = -1;
    for (;; pass++) {
        const char *name =
            pass ? naming_object_name(a, tname, cols,
                                      arena_printf(a, "%s%d", label, pass))
                 : first;
        bool taken = (t && cat_constraint(t, name)) ||
                     (relation && naming_relation_taken(c, schema, name));
        /* Names taken only within the statement may be free again if the
         * statement is refused: the hint stops before them. */
        if (!taken && free_in_catalog < 0)
            free_in_catalog = pass;
        if (taken || (used && hash_get(used, name)))
            continue;
        if (!h) {
            h = ARENA_NEW(c->arena, NameHint);
            hash_put(&c->namehint, arena_strdup(c->arena, key), h);
        }
        h->pass = free_in_catalog;
        h->freed = c->names_freed;
        return name;
    }
}
