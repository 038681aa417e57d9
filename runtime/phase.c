/*
 * phase.c — the expand, complete and abort phases of `expand;`
 * migrations, step by step (phase.h, migset.h's MigExpand).
 *
 * A transactional step commits with its progress row, so it runs exactly
 * once; a step outside a transaction (CREATE INDEX CONCURRENTLY) records
 * its progress after it and is written to run twice; a backfill commits
 * each batch with the last key it reached.  Every transactional step sets
 * a short lock_timeout and, when it cannot get its lock in time, tries
 * again after a pause: the clients queued behind migc's lock request wait
 * at most that long.
 */
#include "phase.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backfill.h"
#include "ledger.h"
#include "version.h"

#define LOCK_TIMEOUT "SET LOCAL lock_timeout = '50ms'"
#define LOCK_RETRIES 200
#define LOCK_PAUSE_MS 100

/* ---- the phase table ---- */

/* "<ledger>_expand", quoted and qualified as the ledger is. */
static const char *state_table(const Db *db, Arena *a)
{
    const char *q = db->qtable;
    size_t n = strlen(q);
    if (n > 0 && q[n - 1] == db->drv->quote)
        return arena_printf(a, "%.*s_expand%c", (int)(n - 1), q, q[n - 1]);
    return arena_printf(a, "%s_expand", q);
}

static bool read_one_row(void *ctx, int ncols, const char *const *vals)
{
    ExpandState *st = ctx;
    if (ncols < 4)
        return false;
    /* The rows go to a malloc'd array first; expand_state_read moves
     * them to the arena. */
    st->rows = xrealloc(st->rows, sizeof *st->rows * (size_t)(st->n + 1));
    ExpandRow *r = &st->rows[st->n++];
    r->version = xstrdup(vals[0] ? vals[0] : "");
    r->phase = xstrdup(vals[1] ? vals[1] : "");
    r->step = vals[2] ? atoi(vals[2]) : 0;
    r->key = vals[3] ? xstrdup(vals[3]) : NULL;
    return true;
}

static bool read_exists(void *ctx, int ncols, const char *const *vals)
{
    (void)ncols;
    (void)vals;
    *(bool *)ctx = true;
    return false;
}

bool expand_state_read(Db *db, Arena *a, ExpandState *st, DbError *err)
{
    st->rows = NULL;
    st->n = 0;
    if (strcmp(db->drv->name, "postgres") != 0)
        return true;
    const char *t = state_table(db, a);
    const char *params[1] = {t};
    bool exists = false;
    ExpandState tmp = {0};
    if (!db->drv->query(db, "SELECT 1 WHERE to_regclass($1) IS NOT NULL", 1,
                        params, read_exists, &exists, err))
        return false;
    if (!exists)
        return true;
    const char *sql = arena_printf(a, "SELECT version, phase, step::text, "
                                      "backfill_key FROM %s ORDER BY version",
                                   t);
    bool ok = db->drv->query(db, sql, 0, NULL, read_one_row, &tmp, err);
    st->rows = ARENA_ARRAY(a, ExpandRow, tmp.n ? tmp.n : 1);
    for (int i = 0; i < tmp.n; i++) {
        ExpandRow *r = &st->rows[i];
        r->version = arena_strdup(a, tmp.rows[i].version);
        r->phase = arena_strdup(a, tmp.rows[i].phase);
        r->step = tmp.rows[i].step;
        r->key = tmp.rows[i].key ? arena_strdup(a, tmp.rows[i].key) : NULL;
        free((void *)tmp.rows[i].version);
        free((void *)tmp.rows[i].phase);
        free((void *)tmp.rows[i].key);
    }
    st->n = ok ? tmp.n : 0;
    free(tmp.rows);
    return ok;
}

const ExpandRow *expand_state_find(const ExpandState *st, const char *version)
{
    for (int i = 0; i < st->n; i++)
        if (version_cmp(st->rows[i].version, version) == 0)
            return &st->rows[i];
    return NULL;
}

const ExpandRow *expand_state_open(const ExpandState *st)
{
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->rows[i].phase, "completed") != 0)
            return &st->rows[i];
    return NULL;
}

static bool state_create(Db *db, Arena *a, DbError *err)
{
    const char *sql = arena_printf(
        a,
        "CREATE TABLE IF NOT EXISTS %s (\n"
        "    version text PRIMARY KEY,\n"
        "    phase text NOT NULL,\n"
        "    step integer NOT NULL DEFAULT 0,\n"
        "    backfill_key text,\n"
        "    updated_at timestamptz NOT NULL DEFAULT now()\n"
        ")",
        state_table(db, a));
    /* Quietly: IF NOT EXISTS raises a notice when it is there. */
    bool verbose = db->verbose;
    db->verbose = false;
    bool ok = db->drv->exec(db, "SET client_min_messages = warning", err) &&
              db->drv->exec(db, sql, err) &&
              db->drv->exec(db, "RESET client_min_messages", err);
    db->verbose = verbose;
    return ok;
}

/* Set the phase (and step 0, no key) of `version`, inserting the row. */
static bool state_set(Db *db, Arena *a, const char *version,
                      const char *phase, DbError *err)
{
    const char *sql = arena_printf(
        a,
        "INSERT INTO %s (version, phase) VALUES ($1, $2) ON CONFLICT "
        "(version) DO UPDATE SET phase = $2, step = 0, backfill_key = NULL, "
        "updated_at = now()",
        state_table(db, a));
    const char *params[2] = {version, phase};
    return db->drv->query(db, sql, 2, params, NULL, NULL, err);
}

static bool state_progress(Db *db, Arena *a, const char *version, int step,
                           const char *key, DbError *err)
{
    const char *sql = arena_printf(
        a,
        "UPDATE %s SET step = $2::integer, backfill_key = $3, "
        "updated_at = now() WHERE version = $1",
        state_table(db, a));
    char buf[24];
    snprintf(buf, sizeof buf, "%d", step);
    const char *params[3] = {version, buf, key};
    return db->drv->query(db, sql, 3, params, NULL, NULL, err);
}

/* ---- running steps ---- */

typedef struct Run {
    Db *db;
    Arena *a;
    const ApplyOpts *o;
    const MigRecord *rec;
    const char *where;
} Run;

static void fail(Run *r, const char *stmt, DbError *err)
{
    apply_print_db_error(r->o->err, r->o->color, r->where, stmt, err);
}

/* One transaction: the step (or batch) and its progress; tried again
 * when it could not get a lock in time.  For a batch, *key in: the last
 * key done, out: the batch's last key (NULL: no row left). */
static bool run_tx(Run *r, const MigStep *st, int i, char **key, long *rows,
                   DbError *err)
{
    Db *db = r->db;
    for (int attempt = 0;; attempt++) {
        char *next = NULL;
        long got = 0;
        bool ok = db->drv->begin(db, err) &&
                  db->drv->exec(db, LOCK_TIMEOUT, err);
        if (ok && st->kind == MIG_STEP_BACKFILL) {
            ok = backfill_batch(db, st->sql, *key, r->o->batch_size, &next,
                                &got, err);
            if (ok)
                ok = state_progress(db, r->a, r->rec->version,
                                    next ? i : i + 1, next, err);
        } else if (ok) {
            ok = db->drv->exec(db, st->sql, err) &&
                 state_progress(db, r->a, r->rec->version, i + 1, NULL, err);
        }
        ok = ok && db->drv->commit(db, err);
        if (ok) {
            if (st->kind == MIG_STEP_BACKFILL) {
                free(*key);
                *key = next;
                *rows += got;
            }
            return true;
        }
        free(next);
        DbError ignore;
        db_error_init(&ignore);
        db->drv->rollback(db, &ignore);
        db_error_clear(&ignore);
        if (strcmp(err->code, "55P03") != 0 || attempt >= LOCK_RETRIES ||
            db_interrupted() || err->connection)
            return false;
        if (r->o->verbose && !r->o->quiet)
            fprintf(r->o->out, "%s: lock not granted in 50 ms; again in "
                    "%d ms\n", r->where, LOCK_PAUSE_MS);
        db_error_clear(err);
        backfill_pause(LOCK_PAUSE_MS);
    }
}

/* Steps [from, n) of a phase; `key`: where a backfill stopped. */
static int run_steps(Run *r, const MigStep *v, int n, int from,
                     const char *key)
{
    Db *db = r->db;
    DbError err;
    db_error_init(&err);
    char *k = key ? xstrdup(key) : NULL;
    int rc = 0;
    for (int i = from; i < n && rc == 0; i++) {
        const MigStep *st = &v[i];
        if (db_interrupted()) {
            rc = 1;
            break;
        }
        if (r->o->verbose && !r->o->quiet)
            fprintf(r->o->out, "%s\n", st->sql);
        if (st->kind == MIG_STEP_ALONE) {
            if (st->first && !db->drv->exec(db, st->first, &err)) {
                fail(r, st->first, &err);
                rc = 1;
                continue;
            }
            if (!db->drv->exec(db, st->sql, &err) ||
                !state_progress(db, r->a, r->rec->version, i + 1, NULL,
                                &err)) {
                fail(r, st->sql, &err);
                rc = 1;
            }
            continue;
        }
        if (st->kind == MIG_STEP_TX) {
            if (!run_tx(r, st, i, &k, NULL, &err)) {
                fail(r, st->sql, &err);
                rc = 1;
            }
            continue;
        }
        /* A backfill, batch by batch. */
        long rows = 0;
        double t0 = db_now_ms();
        if (k && !r->o->quiet)
            fprintf(r->o->out, "%s: backfill of %s resumes after key %s\n",
                    r->where, st->what, k);
        for (;;) {
            if (db_interrupted()) {
                rc = 1;
                break;
            }
            if (!run_tx(r, st, i, &k, &rows, &err)) {
                fail(r, st->sql, &err);
                rc = 1;
                break;
            }
            if (!k)
                break;
            backfill_pause(r->o->batch_pause_ms);
        }
        if (rc == 0 && !r->o->quiet)
            fprintf(r->o->out, "%s: backfilled %s: %ld rows (%.1f ms)\n",
                    r->where, st->what, rows, db_now_ms() - t0);
    }
    free(k);
    db_error_clear(&err);
    return rc;
}

/* ---- the commands ---- */

static bool is_postgres(const Db *db, const ApplyOpts *o)
{
    if (strcmp(db->drv->name, "postgres") == 0)
        return true;
    fprintf(o->err, "migc: error: expand migrations run on PostgreSQL "
            "only, not %s\n", db->drv->name);
    return false;
}

static void print_steps(const ApplyOpts *o, const char *title,
                        const MigStep *v, int n)
{
    fprintf(o->out, "-- %s\n", title);
    for (int i = 0; i < n; i++) {
        if (v[i].first)
            fprintf(o->out, "%s;\n", v[i].first);
        fprintf(o->out, "%s;\n", v[i].sql);
    }
}

int expand_up(Db *db, Arena *a, const ApplyOpts *o, const MigRecord *rec,
              const ExpandState *st)
{
    const MigExpand *x = rec->expand;
    Run r = {db, a, o, rec, rec->path};
    DbError err;
    db_error_init(&err);
    if (!is_postgres(db, o))
        return 1;
    if (o->dry_run) {
        if (!o->quiet)
            print_steps(o, arena_printf(a, "expand %s %s", rec->version,
                                        rec->name),
                        x->expand, x->nexpand);
        return 0;
    }
    const ExpandRow *row = expand_state_find(st, rec->version);
    if (row && strcmp(row->phase, "aborting") == 0) {
        fprintf(o->err, "%s: error: the abort of %s stopped part-way\n"
                "hint: finish it with `migc abort %s`\n", rec->path,
                rec->version, rec->version);
        return 1;
    }
    double t0 = db_now_ms();
    int from = 0;
    const char *key = NULL;
    if (row && strcmp(row->phase, "expanding") == 0) {
        from = row->step;
        key = row->key;
        if (!o->quiet && (from > 0 || key))
            fprintf(o->out, "%s: the expand resumes at step %d of %d\n",
                    rec->path, from + 1, x->nexpand);
    } else if (!state_create(db, a, &err) ||
               !state_set(db, a, rec->version, "expanding", &err)) {
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        db_error_clear(&err);
        return 1;
    }
    if (from > x->nexpand)
        from = x->nexpand;
    int rc = run_steps(&r, x->expand, x->nexpand, from, key);
    if (rc != 0)
        return rc;

    /* Recorded: the ledger row and the phase, together. */
    const char *params[LEDGER_INSERT_NPARAMS];
    char ms[32];
    snprintf(ms, sizeof ms, "%.0f", db_now_ms() - t0);
    params[0] = rec->version;
    params[1] = rec->name;
    params[2] = rec->checksum ? rec->checksum : "";
    params[3] = rec->up_text ? rec->up_text : "";
    params[4] = rec->flags & MIG_IRREVERSIBLE
                    ? NULL
                    : (rec->down_text ? rec->down_text : "");
    params[5] = "1";
    params[6] = ms;
    const char *set = arena_printf(a, "UPDATE %s SET phase = 'expanded', "
                                      "updated_at = now() WHERE version = $1",
                                   state_table(db, a));
    bool ok = db->drv->begin(db, &err) &&
              db->drv->query(db, ledger_insert_sql(db, a),
                             LEDGER_INSERT_NPARAMS, params, NULL, NULL,
                             &err) &&
              db->drv->query(db, set, 1, params, NULL, NULL, &err) &&
              db->drv->commit(db, &err);
    if (!ok) {
        DbError ignore;
        db_error_init(&ignore);
        db->drv->rollback(db, &ignore);
        db_error_clear(&ignore);
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        db_error_clear(&err);
        return 1;
    }
    if (!o->quiet) {
        fprintf(o->out, "expand %s %s (%.1f ms)\n", rec->version, rec->name,
                db_now_ms() - t0);
        fprintf(o->out, "  the new version's schema: %s", x->schema);
        if (x->prev_schema)
            fprintf(o->out, "; the previous version's: %s", x->prev_schema);
        fprintf(o->out, "\n  once no client of the previous version is "
                "left: migc complete %s (or migc abort %s)\n", rec->version,
                rec->version);
        fflush(o->out);
    }
    return 0;
}

/* Lock, read the ledger and the phases, and find the migration a
 * complete or an abort is about. */
static int begin_phase(Db *db, MigSet *s, Arena *a, const ApplyOpts *o,
                       const char *cmd, const char *version,
                       const char *const *phases, ExpandState *st,
                       const ExpandRow **row, const MigRecord **rec)
{
    DbError err;
    db_error_init(&err);
    Ledger l;
    if (!is_postgres(db, o))
        return 1;
    if (version && !migset_find(s, version)) {
        fprintf(o->err, "migc: error: no migration with version %s\n",
                version);
        return 1;
    }
    if (!o->dry_run)
        db_interrupt_arm(db);
    if ((!o->dry_run && !db->drv->lock(db, &err)) ||
        !ledger_read(db, a, &l, &err) ||
        !expand_state_read(db, a, st, &err)) {
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
        db_error_clear(&err);
        return 1;
    }
    *row = version ? expand_state_find(st, version) : expand_state_open(st);
    bool fits = false;
    for (int i = 0; *row && phases[i]; i++)
        fits = fits || strcmp((*row)->phase, phases[i]) == 0;
    if (!fits) {
        if (*row)
            fprintf(o->err, "migc: error: migration %s is %s: nothing to "
                    "%s\n", (*row)->version, (*row)->phase, cmd);
        else if (version)
            fprintf(o->err, "migc: error: migration %s was not expanded: "
                    "nothing to %s\n", version, cmd);
        else
            fprintf(o->err, "migc: error: no migration is between expand "
                    "and complete: nothing to %s\n", cmd);
        return 1;
    }
    if (!s->has_sql && !migset_need_sql(s))
        return 1;
    *rec = migset_find(s, (*row)->version);
    if (!*rec || !(*rec)->expand) {
        fprintf(o->err, "migc: error: migration %s is %s, but its file %s "
                "\n", (*row)->version, (*row)->phase,
                *rec ? "no longer starts with `expand;`" : "is gone");
        return 1;
    }
    const LedgerRow *lr = ledger_find(&l, (*row)->version);
    if (lr && (*rec)->checksum && strcmp(lr->checksum, (*rec)->checksum)) {
        fprintf(o->err, "%s: error: migration %s was changed after its "
                "expand (checksum %.12s, expanded %.12s)\nhint: restore the "
                "file\n", (*rec)->path, (*row)->version, (*rec)->checksum,
                lr->checksum);
        return 1;
    }
    return 0;
}

static void end_phase(Db *db, const ApplyOpts *o)
{
    if (o->dry_run)
        return;
    db_interrupt_disarm();
    DbError err;
    db_error_init(&err);
    db->drv->unlock(db, &err);
    db_error_clear(&err);
}

static int stopped(const ApplyOpts *o, const char *cmd, const char *version,
                   int rc)
{
    int sig = db_interrupted();
    if (!sig)
        return rc;
    fprintf(o->err, "migc: interrupted by %s: the %s of %s stopped "
            "part-way; run `migc %s %s` again to finish it\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM", cmd, version, cmd,
            version);
    return 128 + sig;
}

int apply_complete(Db *db, MigSet *s, const ApplyOpts *o,
                   const char *version)
{
    static const char *const phases[] = {"expanded", "completing", NULL};
    Arena a;
    arena_init(&a);
    ExpandState st;
    const ExpandRow *row = NULL;
    const MigRecord *rec = NULL;
    DbError err;
    db_error_init(&err);
    int rc = begin_phase(db, s, &a, o, "complete", version, phases, &st,
                         &row, &rec);
    if (rc != 0)
        goto done;
    const MigExpand *x = rec->expand;
    if (o->dry_run) {
        if (!o->quiet)
            print_steps(o, arena_printf(&a, "complete %s %s", rec->version,
                                        rec->name),
                        x->complete, x->ncomplete);
        goto done;
    }
    double t0 = db_now_ms();
    int from = 0;
    if (strcmp(row->phase, "completing") == 0) {
        from = row->step;
    } else if (!state_set(db, &a, rec->version, "completing", &err)) {
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        rc = 1;
        goto done;
    }
    Run r = {db, &a, o, rec, rec->path};
    rc = run_steps(&r, x->complete, x->ncomplete,
                   from > x->ncomplete ? x->ncomplete : from, NULL);
    if (rc == 0 && !state_set(db, &a, rec->version, "completed", &err)) {
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        rc = 1;
    }
    if (rc == 0 && !o->quiet) {
        fprintf(o->out, "complete %s %s (%.1f ms)\n", rec->version,
                rec->name, db_now_ms() - t0);
        fflush(o->out);
    }
    rc = stopped(o, "complete", rec->version, rc);
done:
    end_phase(db, o);
    db_error_clear(&err);
    arena_free(&a);
    return rc;
}

int apply_abort(Db *db, MigSet *s, const ApplyOpts *o, const char *version)
{
    static const char *const phases[] = {"expanding", "expanded", "aborting",
                                         NULL};
    Arena a;
    arena_init(&a);
    ExpandState st;
    const ExpandRow *row = NULL;
    const MigRecord *rec = NULL;
    DbError err;
    db_error_init(&err);
    int rc = begin_phase(db, s, &a, o, "abort", version, phases, &st, &row,
                         &rec);
    if (rc != 0)
        goto done;
    const MigExpand *x = rec->expand;
    if (o->dry_run) {
        if (!o->quiet)
            print_steps(o, arena_printf(&a, "abort %s %s", rec->version,
                                        rec->name),
                        x->abort, x->nabort);
        goto done;
    }
    double t0 = db_now_ms();
    int from = 0;
    if (strcmp(row->phase, "aborting") == 0) {
        from = row->step;
    } else if (!state_set(db, &a, rec->version, "aborting", &err)) {
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        rc = 1;
        goto done;
    }
    Run r = {db, &a, o, rec, rec->path};
    rc = run_steps(&r, x->abort, x->nabort,
                   from > x->nabort ? x->nabort : from, NULL);
    if (rc == 0) {
        const char *params[1] = {rec->version};
        const char *del = arena_printf(&a, "DELETE FROM %s WHERE version = $1",
                                       state_table(db, &a));
        /* The phase table goes too when this expand made it (it holds no
         * other row): the schema is then exactly as before the up. */
        const char *gone = arena_printf(
            &a,
            "DO $migc$ BEGIN IF NOT EXISTS (SELECT FROM %s) THEN "
            "DROP TABLE %s; END IF; END $migc$",
            state_table(db, &a), state_table(db, &a));
        bool ok = db->drv->begin(db, &err) &&
                  db->drv->query(db, ledger_delete_sql(db, &a), 1, params,
                                 NULL, NULL, &err) &&
                  db->drv->query(db, del, 1, params, NULL, NULL, &err) &&
                  db->drv->exec(db, gone, &err) &&
                  db->drv->commit(db, &err);
        if (!ok) {
            DbError ignore;
            db_error_init(&ignore);
            db->drv->rollback(db, &ignore);
            db_error_clear(&ignore);
            apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
            rc = 1;
        }
    }
    if (rc == 0 && !o->quiet) {
        fprintf(o->out, "abort %s %s (%.1f ms)\n", rec->version, rec->name,
                db_now_ms() - t0);
        fflush(o->out);
    }
    rc = stopped(o, "abort", rec->version, rc);
done:
    end_phase(db, o);
    db_error_clear(&err);
    arena_free(&a);
    return rc;
}
