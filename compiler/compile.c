/*
 * compile.c — driving the compiler over a history: each migration checked
 * against the catalog, its down derived, its up and down SQL emitted.
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
#include "compile.h"
#include "expand.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "down.h"
#include "history_int.h"
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

History *history_new(Diag *d)
{
    History *h = xmalloc(sizeof *h);
    history_init(h, d);
    return h;
}

void history_delete(History *h)
{
    if (!h)
        return;
    history_free(h);
    free(h);
}

int history_count(const History *h)
{
    return h->nmigs;
}

int history_index(History *h, const char *version_or_path)
{
    CompiledMig *cm = history_find(h, version_or_path);
    return cm ? (int)(cm - h->migs) : -1;
}

const char *history_version(const History *h, int i)
{
    return h->migs[i].m->version;
}

const char *history_name(const History *h, int i)
{
    return h->migs[i].m->name;
}

const char *history_path(const History *h, int i)
{
    return h->migs[i].m->src.path;
}

int history_class(const History *h, int i, const char **why)
{
    const CompiledMig *cm = &h->migs[i];
    const Migration *m = cm->m;
    if (why)
        *why = m->cls == CLASS_LOSSY          ? m->lossy_what
               : m->cls == CLASS_IRREVERSIBLE ? cm->irrev_why
                                              : NULL;
    return (int)m->cls;
}

const char *migc_class_name(int cls)
{
    return ast_class_name((MigClass)cls);
}

void history_format_at(const History *h, int i, bool down, StrBuf *out)
{
    history_format(h, &h->migs[i], down, out);
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
bool history_add_parsed(History *h, Migration *m)
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
    return history_add_parsed(h, m);
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
    case ST_CREATE_OBJECT:
    case ST_DROP_OBJECT:
    case ST_RENAME_OBJECT:
    case ST_REFRESH_OBJECT:
    case ST_COMMENT:
        return cat_table(cat, s->table.schema.s, s->table.name.s);
    case ST_RENAME_INDEX: {
        /* before the rename, or after it */
        const CatIndex *ix =
            cat_index(cat, s->object.schema.s, s->object.name.s);
        if (!ix)
            ix = cat_index(cat, s->object.schema.s, s->new_name.s);
        return ix ? ix->table : NULL;
    }
    case ST_RENAME_CONSTRAINT:
        return cat_table(cat, s->table.schema.s, s->table.name.s);
    case ST_CREATE_SCHEMA:
    case ST_DROP_SCHEMA:
    case ST_SQL:
    case ST_CREATE_ENUM:
    case ST_ADD_VALUE:
    case ST_RENAME_VALUE:
    case ST_DROP_ENUM:
    case ST_DROP_VALUE:
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE:
    case ST_CREATE_TRIGGER:
    case ST_DROP_TRIGGER:
    case ST_RENAME_SEQUENCE:
    case ST_CREATE_EXTENSION:
    case ST_DROP_EXTENSION:
    case ST_IRREVERSIBLE:
        return NULL;
    }
    return NULL;
}

void history_ctx_init(EmitCtx *e, History *h, const Dialect *d,
                      Migration *m, StrBuf *out)
{
    memset(e, 0, sizeof *e);
    e->dialect = d;
    e->arena = &h->arena;
    e->diag = h->diag;
    e->m = m;
    e->out = out;
    e->cat = &h->cat;
    /* MySQL commits each DDL statement: its statements never run inside
     * a transaction, whatever the migration says. */
    e->in_transaction = !m->no_transaction && d->transactional_ddl;
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
    sc->backfill = NULL;
    if (e->nbf > 0) {
        sc->backfill = ARENA_ARRAY(&h->arena, const char *, e->nends + 1);
        for (int i = 0; i <= e->nends; i++)
            sc->backfill[i] = NULL;
        for (int i = 0; i < e->nbf; i++)
            if (e->bf_at[i] >= 0 && e->bf_at[i] < e->nends)
                sc->backfill[e->bf_at[i]] =
                    arena_strdup(&h->arena, e->bf_what[i]);
    }
    emit_ctx_free_marks(e);
}

static MigClass worse(MigClass a, MigClass b)
{
    return a > b ? a : b;
}

/* Constraints but the foreign keys, copied (arena). */
static Constraint *without_fks(Arena *a, const Constraint *k)
{
    Constraint *head = NULL, **tail = &head;
    for (; k; k = k->next) {
        if (k->kind == CON_FOREIGN)
            continue;
        Constraint *c = ARENA_NEW(a, Constraint);
        *c = *k;
        c->next = NULL;
        *tail = c;
        tail = &c->next;
    }
    return head;
}

/* One mistake must not cascade: a table (or a column) whose statement had
 * an error still enters the model with the columns that parsed, so that
 * later statements are checked against it instead of each reporting that
 * it does not exist.  Its foreign keys stay out: they are what usually
 * failed, and one kept would raise errors of its own later.  cat_apply()
 * takes what it can of a statement the checker refused. */
static void apply_refused(History *h, const Stmt *s)
{
    Arena *a = &h->arena;
    Stmt *copy = ARENA_NEW(a, Stmt);
    *copy = *s;
    ColumnDef *head = NULL, **tail = &head;
    for (const ColumnDef *d = s->columns; d; d = d->next) {
        ColumnDef *c = ARENA_NEW(a, ColumnDef);
        *c = *d;
        c->cons = without_fks(a, d->cons);
        c->next = NULL;
        *tail = c;
        tail = &c->next;
    }
    copy->columns = head;
    copy->constraints = without_fks(a, s->constraints);
    cat_apply(&h->cat, copy);
}

/*
 * Which down statements undo the first k up SQL statements (undo_from in
 * compile.h).  The derived downs run newest first, so those of up
 * statements 0..i are a suffix of the down script: it begins after the
 * downs of every later statement, which were emitted first.  `up_end[i]`
 * is the count of up SQL statements at the end of up statement i,
 * `ninv[i]` the count of derived statements that undo it, `down_after[j]`
 * the count of down SQL statements at the end of derived statement j.
 */
static const int *undo_map(History *h, const CompiledMig *cm, int nup,
                           const int *up_end, const int *ninv,
                           const bool *inside, const int *down_after)
{
    int *from = ARENA_ARRAY(&h->arena, int, cm->up.nstmts + 1);
    for (int k = 0; k <= cm->up.nstmts; k++)
        from[k] = -1;
    from[0] = cm->down.nstmts;
    int later = 0;      /* derived statements of the up statements after i */
    for (int i = nup - 1; i >= 0; i--) {
        /* Where several statements end at the same k (one that emits no
         * SQL), the last of them counts as run: it had nothing to run.
         * (The loop meets it first.) */
        if (up_end[i] > 0 && from[up_end[i]] < 0)
            from[up_end[i]] = later > 0 ? down_after[later - 1] : 0;
        /* A safe form whose down undoes it from any point between its
         * SQL statements (EmitCtx.undo_inside): those points too. */
        int begin = i > 0 ? up_end[i - 1] : 0;
        for (int k = begin + 1; inside[i] && ninv[i] > 0 && k < up_end[i];
             k++)
            if (from[k] < 0)
                from[k] = from[up_end[i]];
        later += ninv[i];
    }
    return from;
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
    history_ctx_init(&e, h, d, m, &out);

    /* Step 1: up, deriving downs on the way.  The derived downs of the
     * statements are gathered newest first. */
    Stmt *derived = NULL;
    /* Per up statement: the up SQL statements emitted up to its end, and
     * how many derived down statements undo it (for undo_from). */
    int nup = 0;
    for (Stmt *s = m->up; s; s = s->next)
        nup++;
    int *up_end = ARENA_ARRAY(&h->arena, int, nup + 1);
    int *ninv = ARENA_ARRAY(&h->arena, int, nup + 1);
    bool *inside = ARENA_ARRAY(&h->arena, bool, nup + 1);
    memset(inside, 0, sizeof *inside * (size_t)(nup + 1));
    int at = 0;
    MigClass cls = CLASS_REVERSIBLE;
    StrBuf lost;
    sb_init(&lost);
    if (!lint_check_allow(h->diag, &h->arena, m))
        ok = false;
    Lint lint;
    lint_begin(&lint, &h->arena, &h->cat,
               h->lint ? lint_dialect(d->name) : 0, m);
    Expander *xp = NULL;
    if (m->expand) {
        xp = expand_begin(h, cm, cm > h->migs ? cm - 1 : NULL);
        if (!xp)
            ok = false;
    }
    for (Stmt *s = m->up; s; s = s->next) {
        if (!check_stmt(ck, m, s)) {
            ok = false;
            if (s->kind == ST_CREATE_TABLE || s->kind == ST_ADD_COLUMN)
                apply_refused(h, s);
            continue;
        }
        lint_stmt(&lint, s);
        if (xp && ok && !expand_stmt(xp, s))
            ok = false;
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
                ninv[at] = 1;
                while (tail->next) {
                    tail = tail->next;
                    ninv[at]++;
                }
                tail->next = derived;
                derived = inv;
            }
        }
        if (ok && !apply_and_emit(h, scratch, &e, s))
            ok = false;
        else if (!ok)
            cat_apply(&h->cat, s); /* keep the model going for later errors */
        inside[at] = e.undo_inside;
        e.undo_inside = false;
        up_end[at++] = e.nends;
    }
    make_script(h, &e, &out, &cm->up);
    sb_reset(&out);
    if (xp && ok && !expand_end(xp))
        ok = false;
    cm->lint = lint.head;
    lint_end(&lint);

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
    history_ctx_init(&e, h, d, m, &out);
    e.down = true;
    /* down_after[j]: the down SQL statements emitted up to the end of the
     * j-th derived down statement. */
    int nderived = 0;
    for (Stmt *s = m->derived_down; s; s = s->next)
        nderived++;
    int *down_after = ARENA_ARRAY(&h->arena, int, nderived + 1);
    if (!cm->down_irreversible) {
        int j = 0;
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
            down_after[j++] = e.nends;
        }
    }
    make_script(h, &e, &out, &cm->down);
    sb_free(&out);
    if (ok && !m->has_blocks && !cm->down_irreversible)
        cm->undo_from = undo_map(h, cm, nup, up_end, ninv, inside,
                                 down_after);

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

/* A migration whose down cannot be derived and that has no down block is
 * an error, for every command alike (language.md): an irreversible
 * migration must say so with `down { irreversible; }`. */
static void refuse_underived(History *h, const CompiledMig *cm)
{
    bool is_sql = cm->irrev_stmt->kind == ST_SQL;
    diag_at(h->diag, DIAG_ERROR, &cm->m->src, cm->irrev_stmt->loc,
            is_sql ? "give it a down part (sql '...' down '...'), or write "
                     "the migration as up { ... } down { ... }, or as up "
                     "{ ... } down { irreversible; }"
                   : "write the migration as up { ... } down { ... }, or as "
                     "up { ... } down { irreversible; }",
            "the down migration cannot be derived: %s",
            cm->irrev_why ? cm->irrev_why : "irreversible statement");
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
    bool ok = true, refused = false;
    for (int i = 0; i < h->nmigs && ok; i++) {
        CompiledMig *cm = &h->migs[i];
        if (h->each)
            h->each(h->each_ctx, h, cm, false);
        if (!cm->m->ok)
            ok = false; /* its syntax errors were reported */
        else if (!compile_one(h, &ck, &scratch, cm))
            ok = false; /* later migrations would only add noise */
        else if (cm->irrev_stmt && !cm->m->has_blocks) {
            refuse_underived(h, cm); /* the model is sound: go on */
            refused = true;
        }
        if (ok && h->each)
            h->each(h->each_ctx, h, cm, true);
    }
    arena_free(&scratch);
    h->compiled = ok && !refused;
    return h->compiled;
}

_Static_assert((int)CLASS_REVERSIBLE == (int)MIGC_REVERSIBLE &&
                   (int)CLASS_LOSSY == (int)MIGC_LOSSY &&
                   (int)CLASS_IRREVERSIBLE == (int)MIGC_IRREVERSIBLE,
               "migc.h's class numbers are ast.h's");
