/*
 * introspect.c — db_introspect(): the reader of each driver, and what the
 * readers share (introspect.h).
 */
#include "introspect.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const DbDriver *drv;
    bool (*read)(Db *, Arena *, DbSchema *, DbError *);
} readers[] = {
    {&db_driver_postgres, introspect_pg},
    {&db_driver_sqlite, introspect_sqlite},
    {&db_driver_mysql, introspect_mysql},
};

bool db_introspect(Db *db, Arena *a, DbSchema *out, DbError *err)
{
    memset(out, 0, sizeof *out);
    out->dialect = db->drv->name;
    for (size_t i = 0; i < NELEM(readers); i++)
        if (readers[i].drv == db->drv)
            return readers[i].read(db, a, out, err);
    db_error_set(err, "introspection is not supported for %s",
                 db->drv->name);
    return false;
}

bool introspect_is_ledger(const Db *db, const char *schema, const char *name)
{
    /* SQLite's names are the same whatever their case (the ledger
     * `--table ledger` is the table "Ledger"); PostgreSQL's are not. */
    int (*ncmp)(const char *, const char *, size_t) =
        strcmp(db->drv->name, "sqlite") == 0 ? strncasecmp : strncmp;
    int (*cmp)(const char *, const char *) =
        strcmp(db->drv->name, "sqlite") == 0 ? strcasecmp : strcmp;
    const char *t = db->table;
    const char *dot = strrchr(t, '.');
    if (dot) {
        size_t sl = (size_t)(dot - t);
        if (!schema || strlen(schema) != sl || ncmp(schema, t, sl) != 0)
            return false;
        t = dot + 1;
    } else if (schema) {
        return false;
    }
    size_t tl = strlen(t);
    if (ncmp(name, t, tl) != 0)
        return false;
    return name[tl] == '\0' || cmp(name + tl, "_progress") == 0 ||
           cmp(name + tl, "_expand") == 0;
}

void *introspect_grow(Arena *a, void *v, int n, int *cap, size_t size)
{
    if (n < *cap)
        return v;
    int ncap = *cap ? *cap * 2 : 8;
    char *nv = arena_alloc(a, size * (size_t)ncap);
    if (n)
        memcpy(nv, v, size * (size_t)n);
    *cap = ncap;
    return nv;
}

static const struct {
    const char *in;
    DbFkAction out;
} fk_actions[] = {
    {"c", "cascade"},       {"CASCADE", "cascade"},
    {"n", "set null"},      {"SET NULL", "set null"},
    {"d", "set default"},   {"SET DEFAULT", "set default"},
    {"r", "restrict"},      {"RESTRICT", "restrict"},
};

DbFkAction introspect_fk_action(const char *s)
{
    for (size_t i = 0; s && i < NELEM(fk_actions); i++)
        if (strcmp(s, fk_actions[i].in) == 0)
            return fk_actions[i].out;
    return NULL;
}

/* Whether s[0] is '(' and its match is s[n-1], quotes respected. */
static bool wrapped(const char *s, size_t n)
{
    if (n < 2 || s[0] != '(' || s[n - 1] != ')')
        return false;
    int depth = 0;
    char q = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (q) {
            if (c == q)
                q = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`')
            q = c;
        else if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0 && i != n - 1)
            return false;
    }
    return depth == 0;
}

const char *introspect_unparen(Arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t b = 0, e = strlen(s);
    while (b < e && isspace((unsigned char)s[b]))
        b++;
    while (e > b && isspace((unsigned char)s[e - 1]))
        e--;
    if (wrapped(s + b, e - b)) {
        b++;
        e--;
        while (b < e && isspace((unsigned char)s[b]))
            b++;
        while (e > b && isspace((unsigned char)s[e - 1]))
            e--;
    }
    return arena_strndup(a, s + b, e - b);
}
