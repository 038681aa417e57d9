/*
 * migset.c — the migration set (migset.h): plain records for the runtime,
 * from the compiled-history cache or from a full compile.
 */
#include "migset.h"

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "expand.h"
#include "hcache.h"

void migset_init(MigSet *s)
{
    memset(s, 0, sizeof *s);
    arena_init(&s->arena);
    s->has_sql = true;      /* no migration: nothing missing */
}

static void drop_history(MigSet *s)
{
    History *h = s->history;
    if (h) {
        history_free(h);
        free(h);
    }
    s->history = NULL;
}

void migset_free(MigSet *s)
{
    drop_history(s);
    free(s->recs);
    free(s->dir);
    arena_free(&s->arena);
    memset(s, 0, sizeof *s);
}

MigRecord *migset_push(MigSet *s)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->recs = xrealloc(s->recs, sizeof *s->recs * (size_t)s->cap);
    }
    MigRecord *r = &s->recs[s->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static int rec_cmp(const void *x, const void *y)
{
    const MigRecord *a = x, *b = y;
    int c = version_cmp(a->version, b->version);
    return c ? c : strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

void migset_sort(MigSet *s)
{
    /* A folder listed by name is usually in version order already. */
    int i = 1;
    while (i < s->n && rec_cmp(&s->recs[i - 1], &s->recs[i]) <= 0)
        i++;
    if (i < s->n)
        qsort(s->recs, (size_t)s->n, sizeof *s->recs, rec_cmp);
}

const char *migset_schema_name(Arena *a, const char *version)
{
    return expand_schema_name(a, version);
}

const MigRecord *migset_find(const MigSet *s, const char *version)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = version_cmp(s->recs[mid].version, version);
        if (c == 0)
            return &s->recs[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The versions a migration replaces, NULL-terminated (NULL: none). */
static const char *const *replaces_of(Arena *a, const NameList *l)
{
    int n = 0;
    for (const NameList *v = l; v; v = v->next)
        n++;
    if (!n)
        return NULL;
    const char **r = ARENA_ARRAY(a, const char *, n + 1);
    n = 0;
    for (const NameList *v = l; v; v = v->next)
        r[n++] = v->name.s;
    r[n] = NULL;
    return r;
}

/* The cache keeps them after the checksum: "<checksum>+V,V". */
static const char *cache_value(Arena *a, const CompiledMig *cm)
{
    if (!cm->m->replaces)
        return cm->checksum;
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, cm->checksum);
    for (const NameList *v = cm->m->replaces; v; v = v->next)
        sb_printf(&b, "%c%s", v == cm->m->replaces ? '+' : ',', v->name.s);
    char *r = sb_arena_copy(&b, a);
    sb_free(&b);
    return r;
}

static const char *const *replaces_from_cache(Arena *a, const char *value,
                                              const char **checksum)
{
    const char *plus = strchr(value, '+');
    *checksum = value;
    if (!plus)
        return NULL;
    *checksum = arena_printf(a, "%.*s", (int)(plus - value), value);
    int n = 1;
    for (const char *p = plus + 1; *p; p++)
        n += *p == ',';
    const char **r = ARENA_ARRAY(a, const char *, n + 1);
    n = 0;
    for (const char *p = plus + 1;;) {
        size_t len = strcspn(p, ",");
        r[n++] = arena_printf(a, "%.*s", (int)len, p);
        if (!p[len])
            break;
        p += len + 1;
    }
    r[n] = NULL;
    return r;
}

/* The records of a compiled history (sorted by version already). */
static void from_history(MigSet *s, const History *h)
{
    s->n = 0;
    for (int i = 0; i < h->nmigs; i++) {
        const CompiledMig *cm = &h->migs[i];
        const Migration *m = cm->m;
        MigRecord *r = migset_push(s);
        r->version = m->version;
        r->name = m->name;
        r->path = m->src.path;
        r->checksum = cm->checksum;
        r->replaces = replaces_of(&s->arena, m->replaces);
        r->flags = (m->no_transaction ? MIG_NO_TRANSACTION : 0) |
                   (cm->down_irreversible ? MIG_IRREVERSIBLE : 0);
        r->up_text = cm->up.text ? cm->up.text : "";
        r->up_stmts = cm->up.stmts;
        r->nup = cm->up.nstmts;
        r->up_backfill = cm->up.backfill;
        r->down_text = cm->down_irreversible
                           ? NULL
                           : (cm->down.text ? cm->down.text : "");
        r->down_stmts = cm->down.stmts;
        r->ndown = cm->down_irreversible ? 0 : cm->down.nstmts;
        r->undo_from = cm->undo_from;
        r->expand = cm->expand;
        if (cm->expand && r->down_text) {
            /* After complete, the down also takes the version's views. */
            StrBuf b;
            sb_init(&b);
            sb_printf(&b, "DROP SCHEMA IF EXISTS \"%s\" CASCADE;\n%s",
                      cm->expand->schema, r->down_text);
            r->down_text = sb_arena_copy(&b, &s->arena);
            sb_free(&b);
        }
    }
    s->has_sql = true;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Load, parse, check and compile the whole folder; record it in the
 * cache when it compiled without error. */
static bool compile_all(MigSet *s)
{
    History *h = xmalloc(sizeof *h);
    history_init(h, s->diag);
    HCache c;
    bool cached = hcache_open(&c, s->dir, s->dialect->name);
    bool ok = history_load_dir(h, s->dir) && history_compile(h, s->dialect);
    if (ok && cached) {
        const char **bases = xmalloc(sizeof *bases * (size_t)(h->nmigs + 1));
        const char **sums = xmalloc(sizeof *sums * (size_t)(h->nmigs + 1));
        for (int i = 0; i < h->nmigs; i++) {
            bases[i] = base_of(h->migs[i].m->src.path);
            sums[i] = cache_value(&h->arena, &h->migs[i]);
        }
        hcache_write(&c, bases, sums, h->nmigs);
        free(bases);
        free(sums);
    }
    if (cached)
        hcache_close(&c);
    if (!ok) {
        history_free(h);
        free(h);
        return false;
    }
    drop_history(s);
    s->history = h;
    from_history(s, h);
    return true;
}

/* The records of the cache: versions, names, paths (as the folder reader
 * spells them) and checksums; no SQL. */
static void from_cache(MigSet *s, const HCache *c)
{
    size_t dlen = strlen(s->dir);
    bool slash = dlen > 0 && s->dir[dlen - 1] == '/';
    s->n = 0;
    for (int i = 0; i < hcache_count(c); i++) {
        const char *base = hcache_name(c, i);
        MigRecord *r = migset_push(s);
        size_t blen = strlen(base);
        char *path = arena_alloc(&s->arena, dlen + 1 + blen + 1);
        memcpy(path, s->dir, dlen);
        size_t at = dlen;
        if (!slash)
            path[at++] = '/';
        memcpy(path + at, base, blen + 1);
        r->path = path;
        if (!version_parse_filename(&s->arena, base, &r->version, &r->name))
            r->version = r->name = ""; /* cannot happen: it compiled */
        r->replaces = replaces_from_cache(&s->arena, hcache_checksum(c, i),
                                          &r->checksum);
    }
    migset_sort(s);
    s->has_sql = false;
}

bool migset_load(MigSet *s, const char *dir, const Dialect *dialect,
                 MigsetNeed need, Diag *diag)
{
    free(s->dir);
    s->dir = xstrdup(dir);
    s->dialect = dialect;
    s->diag = diag;
    s->has_sql = false;
    if (need == MIGSET_CHECKSUMS) {
        HCache c;
        if (hcache_open(&c, dir, dialect->name)) {
            bool hit = hcache_read(&c, &s->arena);
            if (hit)
                from_cache(s, &c);
            hcache_close(&c);
            if (hit)
                return true;
        }
    }
    return compile_all(s);
}

bool migset_need_sql(MigSet *s)
{
    if (s->has_sql)
        return true;
    return compile_all(s);
}
