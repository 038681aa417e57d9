/*
 * compile.c — from a folder of migration files to checked, compiled SQL.
 *
 * The history is folded in version order into one catalog.  For each
 * migration:
 *
 *   1. each up statement is checked against the catalog as it stands just
 *      before it, its down is derived from that same state, and it is
 *      applied to the catalog and emitted;
 *   2. the down statements (the migration's down block, or the derived
 *      ones in the order they run) are checked, applied and emitted in
 *      turn, which brings the catalog back to its state before the
 *      migration -- and proves the down consistent with the model;
 *   3. the up statements are applied once more to move forward.
 *
 * Every step touches only the objects a statement names, so the whole
 * compilation is linear in the size of the history.
 */
/* d_type and DT_* of readdir() */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include "compile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "check.h"
#include "down.h"
#include "parse.h"

void history_init(History *h, Diag *d)
{
    memset(h, 0, sizeof *h);
    arena_init(&h->arena);
    h->diag = d;
    cat_init(&h->cat, &h->arena);
}

void history_free(History *h)
{
    cat_free(&h->cat);
    free(h->migs);
    arena_free(&h->arena);
    memset(h, 0, sizeof *h);
}

static CompiledMig *push_mig(History *h)
{
    if (h->nmigs == h->capmigs) {
        h->capmigs = h->capmigs ? h->capmigs * 2 : 64;
        h->migs = xrealloc(h->migs, sizeof(CompiledMig) * (size_t)h->capmigs);
    }
    CompiledMig *cm = &h->migs[h->nmigs++];
    memset(cm, 0, sizeof *cm);
    return cm;
}

/* Parse a migration and add it.  The checksum is taken right after
 * parsing, before the checker fills in generated names, so that it covers
 * what the file says and nothing that earlier migrations decide. */
static bool add_parsed(History *h, Migration *m)
{
    CompiledMig *cm = push_mig(h);
    cm->m = m;
    h->compiled = false;
    m->ok = parse_migration(&h->arena, h->diag, m);
    if (m->ok)
        cm->checksum = history_checksum(&h->arena, m);
    return m->ok;
}

bool history_add_source(History *h, const char *path, const char *version,
                        const char *name, const char *text, size_t len)
{
    Migration *m = ARENA_NEW(&h->arena, Migration);
    m->src.path = arena_strdup(&h->arena, path);
    m->src.text = arena_strndup(&h->arena, text, len);
    m->src.len = len;
    m->version = arena_strdup(&h->arena, version);
    m->name = arena_strdup(&h->arena, name);
    return add_parsed(h, m);
}

/* Read the whole file open on fd, and close it; NULL after a diagnostic.
 * A regular file is read with one read() of the size fstat() gave (open,
 * fstat, read, close: a long history is mostly small files, and this is
 * the I/O of loading it); anything else (a pipe) is read to its end. */
static char *read_fd(History *h, int fd, const struct stat *st,
                     const char *path, size_t *len)
{
    char *text = NULL;
    bool too_big = false, err = false;
    if (st && S_ISREG(st->st_mode)) {
        if (st->st_size > MIGC_MAX_FILE_BYTES) {
            too_big = true;
        } else {
            size_t size = (size_t)st->st_size, got = 0;
            text = arena_alloc(&h->arena, size + 1);
            while (got < size) {
                ssize_t r = read(fd, text + got, size - got);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r < 0)
                    err = true;
                if (r <= 0)
                    break;  /* an error, or the file shrank */
                got += (size_t)r;
            }
            text[got] = '\0';
            *len = got;
        }
    } else {
        StrBuf b;
        sb_init(&b);
        char chunk[65536];
        for (;;) {
            ssize_t r = read(fd, chunk, sizeof chunk);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                err = true;
            if (r <= 0)
                break;
            if (b.len + (size_t)r > MIGC_MAX_FILE_BYTES) {
                too_big = true;
                break;
            }
            sb_putn(&b, chunk, (size_t)r);
        }
        if (!too_big && !err) {
            text = sb_arena_copy(&b, &h->arena);
            *len = b.len;
        }
        sb_free(&b);
    }
    close(fd);
    if (too_big) {
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "%s: file is larger than the limit of %d bytes", path,
                  MIGC_MAX_FILE_BYTES);
        return NULL;
    }
    if (err) {
        diag_file(h->diag, DIAG_ERROR, NULL, "cannot read %s", path);
        return NULL;
    }
    return text;
}

/* Add the migration file at path (base: its name).  With skip_dir, a
 * directory is passed over in silence (a folder entry whose type readdir()
 * did not tell). */
static bool add_path(History *h, const char *path, const char *base,
                     bool skip_dir)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int open_errno = errno;
    struct stat st;
    bool have_st = fd >= 0 && fstat(fd, &st) == 0;
    if (skip_dir && have_st && S_ISDIR(st.st_mode)) {
        close(fd);
        return true;
    }
    const char *version, *name;
    if (!version_parse_filename(&h->arena, base, &version, &name)) {
        if (fd >= 0)
            close(fd);
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "%s: a migration file is named <version>_<name>.mig, with "
                  "digits for the version and [a-z0-9_] for the name",
                  path);
        return false;
    }
    if (fd < 0) {
        diag_file(h->diag, DIAG_ERROR, NULL, "cannot read %s: %s", path,
                  strerror(open_errno));
        return false;
    }
    size_t len = 0;
    char *text = read_fd(h, fd, have_st ? &st : NULL, path, &len);
    if (!text)
        return false;
    Migration *m = ARENA_NEW(&h->arena, Migration);
    m->src.path = arena_strdup(&h->arena, path);
    m->src.text = text;
    m->src.len = len;
    m->version = version;
    m->name = name;
    return add_parsed(h, m);
}

static int cmp_mig(const void *pa, const void *pb)
{
    const CompiledMig *a = pa, *b = pb;
    int c = version_cmp(a->m->version, b->m->version);
    if (c)
        return c;
    return strcmp(a->m->src.path, b->m->src.path);
}

static int cmp_str(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

static bool sort_and_check_versions(History *h)
{
    qsort(h->migs, (size_t)h->nmigs, sizeof(CompiledMig), cmp_mig);
    bool ok = true;
    for (int i = 1; i < h->nmigs; i++) {
        if (version_cmp(h->migs[i - 1].m->version,
                                h->migs[i].m->version) == 0) {
            diag_file(h->diag, DIAG_ERROR, NULL,
                      "%s: version %s is also used by %s",
                      h->migs[i].m->src.path, h->migs[i].m->version,
                      h->migs[i - 1].m->src.path);
            ok = false;
        }
    }
    return ok;
}

bool history_load_dir(History *h, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "cannot open the migrations folder %s: %s", dir,
                  strerror(errno));
        return false;
    }
    /* Read names first and sort them, so diagnostics come in a stable
     * order whatever the file system returns. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 4, ".mig") != 0)
            continue; /* other files are ignored */
        if (de->d_name[0] == '.')
            continue;
#ifdef DT_DIR
        if (de->d_type == DT_DIR)
            continue; /* a folder named *.mig: no need to open it */
#endif
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    bool ok = true;
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *path = arena_printf(&h->arena, "%s%s%s", dir, slash ? "" : "/",
                                  names[i]);
        if (!add_path(h, path, names[i], true))
            ok = false;
        free(names[i]);
    }
    free(names);
    if (!sort_and_check_versions(h))
        ok = false;
    return ok;
}

bool history_add_file(History *h, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    bool ok = add_path(h, path, base, false);
    if (!sort_and_check_versions(h))
        ok = false;
    return ok;
}

CompiledMig *history_find(History *h, const char *key)
{
    for (int i = 0; i < h->nmigs; i++) {
        Migration *m = h->migs[i].m;
        if (strcmp(m->src.path, key) == 0)
            return &h->migs[i];
        if (version_valid(key) && version_cmp(m->version, key) == 0)
            return &h->migs[i];
    }
    return NULL;
}

/* ---- checksum ---- */

const char *history_checksum(Arena *a, const Migration *m)
{
    StrBuf b;
    sb_init(&b);
    ast_canonical(m, &b);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(sb_str(&b), b.len, md, &mdlen, EVP_sha256(), NULL)) {
        fputs("migc: SHA-256 failed\n", stderr);
        abort();
    }
    sb_free(&b);
    char *hex = arena_alloc(a, mdlen * 2 + 1);
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < mdlen; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[mdlen * 2] = '\0';
    return hex;
}

/* ---- compilation ---- */

/* The table a statement works on, in the catalog state before it. */
static const CatTable *stmt_table(const Catalog *cat, const Stmt *s)
{
    switch (s->kind) {
    case ST_CREATE_INDEX:
        return cat_table(cat, s->index->table.schema.s,
                         s->index->table.name.s);
    case ST_DROP_INDEX: {
        const CatIndex *ix =
            cat_index(cat, s->object.schema.s, s->object.name.s);
        return ix ? ix->table : NULL;
    }
    case ST_CREATE_TABLE:
    case ST_DROP_TABLE:
    case ST_RENAME_TABLE:
    case ST_ADD_COLUMN:
    case ST_DROP_COLUMN:
    case ST_RENAME_COLUMN:
    case ST_ALTER_TYPE:
    case ST_SET_DEFAULT:
    case ST_DROP_DEFAULT:
    case ST_SET_NOT_NULL:
    case ST_DROP_NOT_NULL:
    case ST_ADD_CONSTRAINT:
    case ST_DROP_CONSTRAINT:
    case ST_FILL_COLUMN:
        return cat_table(cat, s->table.schema.s, s->table.name.s);
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA:
    case ST_SQL:
    case ST_IRREVERSIBLE:
        return NULL;
    }
    return NULL;
}

static void ctx_init(EmitCtx *e, History *h, const Dialect *d, Migration *m,
                     StrBuf *out)
{
    memset(e, 0, sizeof *e);
    e->dialect = d;
    e->arena = &h->arena;
    e->diag = h->diag;
    e->m = m;
    e->out = out;
    e->cat = &h->cat;
    e->in_transaction = !m->no_transaction;
}

/* Snapshot (if the dialect wants one), apply, emit.
 *
 * The snapshot and whatever else the emitter builds on the way (a SQLite
 * rebuild's CREATE TABLE statement from the model, a temporary name) are
 * needed only while the statement is emitted: the emitter turns them into
 * text in e->out and keeps no pointer to them.  So they come from
 * `scratch`, emptied after each statement; a long SQLite history would
 * otherwise keep a copy of a table for nearly every change it made. */
static bool apply_and_emit(History *h, Arena *scratch, EmitCtx *e,
                           const Stmt *s)
{
    const Dialect *d = e->dialect;
    Arena *keep = h->cat.arena;
    e->before = NULL;
    if (d->needs_snapshot && d->needs_snapshot(s, &h->cat)) {
        const CatTable *t = stmt_table(&h->cat, s);
        if (t) {
            /* cat_table_snapshot() allocates from the catalog's arena and
             * links the copy to nothing in the catalog. */
            h->cat.arena = scratch;
            e->before = cat_table_snapshot(&h->cat, t);
            h->cat.arena = keep;
        }
    }
    cat_apply(&h->cat, s);
    if (s->kind == ST_IRREVERSIBLE)
        return true;
    Arena *emit_arena = e->arena;
    h->cat.arena = scratch;
    e->arena = scratch;
    bool ok = d->stmt(e, s);
    e->arena = emit_arena;
    h->cat.arena = keep;
    e->before = NULL;
    if (scratch->total) {
        arena_free(scratch);
        arena_init(scratch);
    }
    return ok;
}

/* Cut the emitted text into its statements. */
static void make_script(History *h, EmitCtx *e, StrBuf *out, SqlScript *sc)
{
    sc->text = sb_arena_copy(out, &h->arena);
    sc->nstmts = e->nends;
    sc->stmts = ARENA_ARRAY(&h->arena, const char *, e->nends ? e->nends : 1);
    int start = 0;
    for (int i = 0; i < e->nends; i++) {
        int end = e->ends[i];
        /* Keep the ';' but not the newline after it. */
        int stop = end;
        while (stop > start && (sc->text[stop - 1] == '\n'))
            stop--;
        sc->stmts[i] = arena_strndup(&h->arena, sc->text + start,
                                     (size_t)(stop - start));
        start = end;
    }
    free(e->ends);
    e->ends = NULL;
    e->nends = e->capends = 0;
}

static MigClass worse(MigClass a, MigClass b)
{
    return a > b ? a : b;
}

/* One migration: steps 1 to 3 of the comment at the top.  Returns false
 * on any error; the catalog then holds what could be applied. */
static bool compile_one(History *h, Checker *ck, Arena *scratch,
                        CompiledMig *cm)
{
    Migration *m = cm->m;
    const Dialect *d = h->dialect;
    bool ok = true;
    StrBuf out;
    sb_init(&out);
    EmitCtx e;
    ctx_init(&e, h, d, m, &out);

    /* Step 1: up, deriving downs on the way.  The derived downs of the
     * statements are gathered newest first. */
    Stmt *derived = NULL;
    MigClass cls = CLASS_REVERSIBLE;
    StrBuf lost;
    sb_init(&lost);
    for (Stmt *s = m->up; s; s = s->next) {
        if (!check_stmt(ck, m, s)) {
            ok = false;
            continue;
        }
        if (!m->has_blocks) {
            MigClass c = CLASS_REVERSIBLE;
            const char *what = NULL;
            Stmt *inv = down_derive(ck, m, s, &c, &what);
            const char *risk = down_risk(ck, s);
            if (risk) {
                if (!cm->risk_stmt)
                    cm->risk_stmt = s;
                cm->risk_why = cm->risk_why
                                   ? arena_printf(&h->arena, "%s; %s",
                                                  cm->risk_why, risk)
                                   : risk;
            }
            if (c == CLASS_LOSSY && !cm->lossy_stmt)
                cm->lossy_stmt = s;
            if (c == CLASS_IRREVERSIBLE && !cm->irrev_stmt) {
                cm->irrev_stmt = s;
                cm->irrev_why = what;
            }
            if (what && c == CLASS_LOSSY) {
                if (lost.len)
                    sb_puts(&lost, "; ");
                sb_puts(&lost, what);
            }
            cls = worse(cls, c);
            if (inv) {
                Stmt *tail = inv;
                while (tail->next)
                    tail = tail->next;
                tail->next = derived;
                derived = inv;
            }
        }
        if (ok && !apply_and_emit(h, scratch, &e, s))
            ok = false;
        else if (!ok)
            cat_apply(&h->cat, s); /* keep the model going for later errors */
    }
    make_script(h, &e, &out, &cm->up);
    sb_reset(&out);

    if (m->has_blocks) {
        bool irrev = m->down && m->down->kind == ST_IRREVERSIBLE;
        cls = irrev ? CLASS_IRREVERSIBLE : CLASS_REVERSIBLE;
        m->derived_down = m->down;
    } else {
        m->derived_down = derived;
    }
    m->cls = cls;
    m->lossy_what = lost.len ? sb_arena_copy(&lost, &h->arena) : NULL;
    sb_free(&lost);
    cm->down_irreversible = cls == CLASS_IRREVERSIBLE;

    if (!ok) {
        sb_free(&out);
        return false;
    }

    /* Step 2: the down, checked and emitted against the model. */
    Catalog saved;
    bool restore_copy = m->has_blocks;
    if (restore_copy)
        cat_copy(&saved, &h->cat, &h->arena);
    ctx_init(&e, h, d, m, &out);
    if (!cm->down_irreversible) {
        for (Stmt *s = m->derived_down; s; s = s->next) {
            if (!check_stmt(ck, m, s)) {
                if (!m->has_blocks)
                    diag_at(h->diag, DIAG_ERROR, &m->src, s->loc, NULL,
                            "internal error: the derived down migration "
                            "does not check against the schema model");
                ok = false;
                break;
            }
            if (!apply_and_emit(h, scratch, &e, s)) {
                ok = false;
                break;
            }
        }
    }
    make_script(h, &e, &out, &cm->down);
    sb_free(&out);

    /* Step 3: forward again. */
    if (restore_copy) {
        cat_free(&h->cat);
        h->cat = saved;
    } else if (ok && !cm->down_irreversible) {
        for (Stmt *s = m->up; s; s = s->next)
            cat_apply(&h->cat, s);
    } else if (!ok) {
        /* nothing: we stop at this migration */
    }
    if (cm->down_irreversible && !m->has_blocks) {
        /* No down was applied: the catalog is still after the up. */
    }
    m->ok = ok;
    return ok;
}

bool history_compile(History *h, const Dialect *dialect)
{
    h->dialect = dialect;
    Checker ck = {
        .arena = &h->arena,
        .diag = h->diag,
        .cat = &h->cat,
        .dialect = dialect->name,
    };
    Arena scratch;  /* the table snapshots, one statement at a time */
    arena_init(&scratch);
    bool ok = true;
    for (int i = 0; i < h->nmigs && ok; i++) {
        CompiledMig *cm = &h->migs[i];
        if (!cm->m->ok)
            ok = false; /* its syntax errors were reported */
        else if (!compile_one(h, &ck, &scratch, cm))
            ok = false; /* later migrations would only add noise */
    }
    arena_free(&scratch);
    h->compiled = ok;
    return ok;
}

/* ---- output ---- */

void history_format(const History *h, const CompiledMig *cm, bool down,
                    StrBuf *out)
{
    const Migration *m = cm->m;
    const Dialect *d = h->dialect;
    sb_printf(out, "-- %s_%s: %s, %s", m->version, m->name,
              down ? "down" : "up", ast_class_name(m->cls));
    sb_putc(out, '\n');
    if (m->cls == CLASS_LOSSY && m->lossy_what)
        sb_printf(out, "-- lossy: the down cannot bring back the %s\n",
                  m->lossy_what);
    if (down && cm->risk_why && !m->has_blocks)
        sb_printf(out, "-- may fail on data: %s\n", cm->risk_why);
    if (down && cm->down_irreversible) {
        sb_puts(out, "-- irreversible: this migration cannot be rolled back\n");
        return;
    }
    if (d->preamble)
        sb_puts(out, d->preamble);
    const SqlScript *sc = down ? &cm->down : &cm->up;
    if (m->no_transaction) {
        sb_puts(out, "-- no transaction: each statement runs on its own\n");
        sb_puts(out, sc->text);
        return;
    }
    if (d->begin_sql)
        sb_puts(out, d->begin_sql);
    sb_puts(out, sc->text);
    if (d->commit_sql)
        sb_puts(out, d->commit_sql);
}

static const char *table_key(History *h, const CatTable *t)
{
    return t->schema ? arena_printf(&h->arena, "%s\x1f%s", t->schema, t->name)
                     : t->name;
}

bool history_schema(History *h, StrBuf *out)
{
    const Dialect *d = h->dialect;
    Migration dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.src.path = "schema";
    dummy.src.text = "";
    EmitCtx e;
    ctx_init(&e, h, d, &dummy, out);
    bool ok = true;
    for (CatSchema *s = h->cat.schemas; s; s = s->next) {
        Stmt *st = ARENA_NEW(&h->arena, Stmt);
        st->kind = ST_CREATE_SCHEMA;
        st->cname.s = s->name;
        ok = d->stmt(&e, st) && ok;
    }
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
    hash_free(&done);
    for (Stmt *s = deferred; s; s = s->next)
        ok = d->stmt(&e, s) && ok;
    free(e.ends);
    return ok;
}
