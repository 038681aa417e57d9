/*
 * apply.c — up, down and redo over any driver.
 *
 * A write run: take the lock (PostgreSQL: an advisory lock for the whole
 * run), create the ledger if needed, and only then read it, so that what
 * another run applied meanwhile is seen.  Then each migration is one
 * DbBatch: BEGIN, [guard,] its statements, its ledger row, [check,]
 * COMMIT, inside the driver's frame (SQLite: foreign keys off around the
 * transaction, PRAGMA foreign_key_check before COMMIT; see sqlite.c).  The
 * guard re-checks the ledger inside the transaction where the driver has
 * no session lock (SQLite), so no migration is ever applied twice.
 */
#include "apply.h"
#include "phase.h"

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "backfill.h"
#include "diag.h"

#define C_RESET "\033[0m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"

const char *apply_state_name(MigState s)
{
    static const char *const names[] = {
        [MS_APPLIED] = "applied",
        [MS_PENDING] = "pending",
        [MS_OUT_OF_ORDER] = "out of order",
        [MS_CHANGED] = "changed",
        [MS_MISSING] = "missing",
        [MS_PARTIAL] = "partial",
    };
    if ((unsigned)s < sizeof names / sizeof names[0] && names[s])
        return names[s];
    return "?";
}

static int entry_cmp(const void *x, const void *y)
{
    const PlanEntry *a = x, *b = y;
    return version_cmp(a->version, b->version);
}

/*
 * A migration that replaces others (`migc squash`) on a database that
 * applied those others: applied when the ledger holds every one of them
 * (their rows are its own then, not missing); when it holds only some,
 * pending with the first it lacks in replaces_missing, and `up` refuses.
 * False when the ledger holds none of them: the ordinary rules decide.
 */
static bool plan_replaces(const Ledger *l, const MigRecord *r, PlanEntry *p,
                          char *matched)
{
    int have = 0, total = 0;
    const char *lacking = NULL;
    for (const char *const *v = r->replaces; *v; v++, total++) {
        const LedgerRow *row = ledger_find(l, *v);
        if (row)
            have++;
        else if (!lacking)
            lacking = *v;
    }
    if (!have)
        return false;
    for (const char *const *v = r->replaces; *v; v++) {
        const LedgerRow *row = ledger_find(l, *v);
        if (row)
            matched[row - l->rows] = 1;
    }
    if (have == total) {
        p->state = MS_APPLIED;
        p->row = ledger_find(l, r->version);
        for (const char *const *v = r->replaces; !p->row && *v; v++)
            p->row = ledger_find(l, *v);
        p->replaced = true;
    } else {
        p->state = MS_PENDING;
        p->row = NULL;
        p->replaces_missing = lacking;
    }
    return true;
}

void apply_plan(Arena *a, const MigSet *s, const Ledger *l, Plan *out)
{
    const char *newest = l->n > 0 ? l->rows[l->n - 1].version : NULL;
    int cap = s->n + l->n, n = 0;
    PlanEntry *e = ARENA_ARRAY(a, PlanEntry, cap > 0 ? cap : 1);
    char *matched = arena_alloc(a, (size_t)(l->n > 0 ? l->n : 1));

    for (int i = 0; i < s->n; i++) {
        const MigRecord *r = &s->recs[i];
        PlanEntry *p = &e[n++];
        p->version = r->version;
        p->name = r->name;
        p->rec = r;
        p->row = ledger_find(l, r->version);
        if (r->replaces && !(p->row && r->checksum &&
                             strcmp(r->checksum, p->row->checksum) == 0) &&
            plan_replaces(l, r, p, matched))
            continue;
        if (p->row) {
            matched[p->row - l->rows] = 1;
            p->state = r->checksum && strcmp(r->checksum, p->row->checksum)
                           ? MS_CHANGED : MS_APPLIED;
        } else if (newest && version_cmp(p->version, newest) < 0) {
            p->state = MS_OUT_OF_ORDER;
        } else {
            p->state = MS_PENDING;
        }
    }
    /* A squash stands for every migration up to its version: once it is
     * applied, ledger rows up to there without a file are its own (a
     * database from before an earlier squash), not missing. */
    for (int i = 0; i < s->n; i++) {
        const MigRecord *r = &s->recs[i];
        if (!r->replaces || e[i].state != MS_APPLIED)
            continue;
        for (int j = 0; j < l->n; j++)
            if (!matched[j] && version_cmp(l->rows[j].version, r->version) < 0 &&
                !migset_find(s, l->rows[j].version))
                matched[j] = 1;
    }
    for (int i = 0; i < l->n; i++) {
        if (matched[i])
            continue;
        PlanEntry *p = &e[n++];
        p->version = l->rows[i].version;
        p->name = l->rows[i].name;
        p->state = MS_MISSING;
        p->rec = NULL;
        p->row = &l->rows[i];
    }
    for (int i = 0; i < n; i++) {
        e[i].partial = ledger_find_partial(l, e[i].version);
        if (e[i].partial && e[i].partial->up == (e[i].row == NULL))
            e[i].state = MS_PARTIAL;
    }
    /* The set is sorted: only ledger rows without a file can be out of
     * place. */
    if (n > s->n)
        qsort(e, (size_t)n, sizeof *e, entry_cmp);
    out->e = e;
    out->n = n;
}

/* ---- output ---- */

/* An error of the runtime, through the one diagnostics module. */
static void report(FILE *f, bool color, const char *where, const char *sql,
                   long pos, const char *detail, const char *hint,
                   const char *fmt, ...) __attribute__((format(printf, 8, 9)));

static void report(FILE *f, bool color, const char *where, const char *sql,
                   long pos, const char *detail, const char *hint,
                   const char *fmt, ...)
{
    Diag d;
    diag_init(&d, f);
    d.color = color;
    StrBuf msg;
    sb_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    diag_sql(&d, where, sb_str(&msg), sql, pos, detail, hint);
    sb_free(&msg);
}

void apply_print_db_error(FILE *f, bool color, const char *where,
                          const char *stmt, const DbError *e)
{
    report(f, color, where, stmt, e->position > 0 ? (long)e->position - 1 : -1,
           e->detail, e->hint, "%s%s%s", e->code[0] ? e->code : "",
           e->code[0] ? ": " : "", e->message ? e->message : "unknown error");
}

static void print_progress(const ApplyOpts *o, const char *dir,
                           const char *version, const char *name, double ms)
{
    if (o->quiet)
        return;
    const char *c = !o->color ? "" : strcmp(dir, "up") == 0 ? C_GREEN
                                                            : C_YELLOW;
    fprintf(o->out, "%s%s%s %s %s (%.1f ms)\n", c, dir,
            o->color ? C_RESET : "", version, name, ms);
    fflush(o->out);     /* keep the order with errors on stderr */
}

/* On a terminal, the migration that is running, until it ends:
 * "applying 0042 backfill ... (3 of 10)".  Cleared (running_done) before
 * anything else is printed about it. */
static void show_running(const ApplyOpts *o, const char *what,
                         const char *version, const char *name, int k, int n)
{
    if (!o->progress || o->quiet || o->verbose || o->dry_run)
        return;
    fprintf(o->out, "%s %s %s ... (%d of %d)", what, version, name, k, n);
    fflush(o->out);
}

static void running_done(const ApplyOpts *o)
{
    if (!o->progress || o->quiet || o->verbose || o->dry_run)
        return;
    fputs("\r\033[K", o->out);
    fflush(o->out);
}

static void print_verbose_stmt(const ApplyOpts *o, const char *stmt)
{
    if (!o->verbose || o->quiet)
        return;
    size_t n = strlen(stmt);
    while (n > 0 && stmt[n - 1] == '\n')
        n--;
    fprintf(o->out, "%s%.*s%s\n", o->color ? C_CYAN : "", (int)n, stmt,
            o->color ? C_RESET : "");
}

static void print_sql(FILE *f, const char *stmt)
{
    size_t n = strlen(stmt);
    while (n > 0 && stmt[n - 1] == '\n')
        n--;
    fprintf(f, "%.*s\n", (int)n, stmt);
}

/* Where a migration is, for messages: its file, or its version and name
 * when only the ledger knows it. */
static const char *where_of(Arena *a, const MigRecord *rec,
                            const char *version, const char *name)
{
    if (rec && rec->path)
        return rec->path;
    return arena_printf(a, "%s_%s (from the ledger)", version, name);
}

/* A failed batch or statement: the message, and for a migration that ran
 * outside a transaction, what had taken effect. */
static void report_failure(const ApplyOpts *o, Db *db, const char *where,
                           const char *const *stmts, int nstmts, int failed,
                           bool in_tx, const DbError *err)
{
    const char *stmt = NULL;
    if (failed >= 0 && failed < nstmts)
        stmt = stmts[failed];
    if (failed == DB_FAILED_LEDGER)
        fprintf(o->err, "%s: while recording it in the ledger %s:\n", where,
                db->table);
    apply_print_db_error(o->err, o->color, where, stmt, err);
    /* The statements that ran: all of them when the check or the ledger
     * write failed. */
    int ran = failed == DB_FAILED_CHECK || failed == DB_FAILED_LEDGER
                  ? nstmts : failed;
    if (!in_tx && ran > 0) {
        fprintf(o->err,
                "%s: note: ran without a transaction; %s %d statement%s "
                "took effect before the failure and %s not undone:\n",
                where, ran == 1 ? "this" : "these", ran, ran == 1 ? "" : "s",
                ran == 1 ? "was" : "were");
        /* Each line indented, as the statement of an error is. */
        for (int i = 0; i < ran; i++) {
            const char *p = stmts[i];
            size_t n = strlen(p);
            while (n > 0 && p[n - 1] == '\n')
                n--;
            while (n > 0) {
                const char *nl = memchr(p, '\n', n);
                size_t len = nl ? (size_t)(nl - p) : n;
                fprintf(o->err, "    %.*s\n", (int)len, p);
                n -= len + (nl != NULL);
                p += len + (nl != NULL);
            }
        }
        if (db->drv->progress_exec && failed >= 0)
            fprintf(o->err, "%s: note: the ledger's progress table records "
                    "them: once the cause is fixed, the same command resumes at "
                    "statement %d\n", where, ran + 1);
    } else if (!in_tx && failed == 0) {
        fprintf(o->err, "%s: note: ran without a transaction; nothing of "
                "it took effect and nothing was recorded\n", where);
    } else if (failed >= 0 || failed == DB_FAILED_LEDGER ||
               failed == DB_FAILED_CHECK) {
        fprintf(o->err, "%s: note: rolled back; nothing of it was recorded\n",
                where);
    }
}

/* ---- running one migration ---- */

/* The pause before attempt `attempt` + 1 after a lock timeout: 250 ms
 * doubled per attempt, at most 10 s, times a random factor in [0.5, 1)
 * ("equal jitter"), so that runs that timed out together do not come
 * back together.  The randomness is the clock's and the process id's,
 * mixed (splitmix64): no state to keep. */
#define RETRY_BASE_MS 250
#define RETRY_MAX_MS 10000

static long retry_pause_ms(int attempt)
{
    long cap = RETRY_BASE_MS;
    for (int i = 1; i < attempt && cap < RETRY_MAX_MS; i++)
        cap *= 2;
    if (cap > RETRY_MAX_MS)
        cap = RETRY_MAX_MS;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^
                 ((uint64_t)getpid() << 16) ^ (uint64_t)attempt;
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    x ^= x >> 31;
    return cap / 2 + (long)(x % (uint64_t)(cap - cap / 2));
}

/* Sleep ms milliseconds; a signal (SIGINT, SIGTERM) ends it early. */
static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Whether a failed unit may simply run again: it failed waiting for a
 * lock (the driver's lock timeout code), and either it ran in a
 * transaction (rolled back: nothing of it took effect, the ledger is as
 * it was), or nothing of it ran, or the driver resumes it where it
 * stopped (DbDriver.progress_exec). */
static bool lock_retryable(const Db *db, const DbBatch *b, int failed,
                           const DbError *err)
{
    const char *code = db->drv->lock_timeout_code;
    if (!code || strcmp(err->code, code) != 0 || err->connection)
        return false;
    return !b->no_transaction || failed <= 0 ||
           (db->drv->progress_exec && failed >= 0);
}

/* Run one unit in either direction.  Returns DB_RUN_*; prints the error.
 * `label` names it for the driver's check ("migration 0004 fill").  A
 * unit that fails on the lock timeout is tried again up to o->retries
 * times, each attempt printed. */
static DbRunResult run_unit(Db *db, const ApplyOpts *o, const char *where,
                            const char *label,
                            const char *const *stmts, int nstmts, bool no_tx,
                            const char *guard_sql, long guard_expect,
                            const char *ledger_sql,
                            const char *const *params, int nparams,
                            int duration_param, const char *direction,
                            const char *const *backfill, double *ms)
{
    DbError err;
    DbRunResult r;
    int failed = DB_FAILED_TXN;
    double t0 = db_now_ms();
    const char *gparams[1] = {params[0]};

    db_error_init(&err);
    for (int i = 0; i < nstmts; i++)
        print_verbose_stmt(o, stmts[i]);
    DbBatch b = {
        .stmts = stmts,
        .nstmts = nstmts,
        .guard_sql = db->drv->session_lock ? NULL : guard_sql,
        .guard_params = gparams,
        .nguard_params = 1,
        .guard_expect = guard_expect,
        .ledger_sql = ledger_sql,
        .ledger_params = params,
        .nledger_params = nparams,
        .duration_param = duration_param,
        .label = label,
        .no_transaction = no_tx,
        .direction = direction,
        .backfill = no_tx ? backfill : NULL,
        .batch_size = o->batch_size,
        .batch_pause_ms = o->batch_pause_ms,
    };
    int attempt = 1;
    db->backfilled = 0;
    for (;; attempt++) {
        failed = DB_FAILED_TXN;
        r = db_run_batch(db, &b, &failed, &err);
        if (r != DB_RUN_FAILED || attempt > o->retries ||
            !lock_retryable(db, &b, failed, &err) || db_interrupted())
            break;
        long pause = retry_pause_ms(attempt);
        running_done(o);
        fprintf(o->err, "%s: attempt %d of %d failed on the lock timeout "
                "(%s: %s); trying again in %ld ms\n", where, attempt,
                o->retries + 1, err.code,
                err.message ? err.message : "lock timeout", pause);
        fflush(o->err);
        db_error_clear(&err);
        pause_ms(pause);
        if (db_interrupted()) {
            db_error_set(&err, "interrupted while waiting to try again "
                         "after the lock timeout");
            failed = DB_FAILED_TXN;
            r = DB_RUN_FAILED;
            break;
        }
    }
    running_done(o);
    *ms = db_now_ms() - t0;
    if (db->resumed > 0 && !o->quiet) {
        fprintf(o->out, "%s: resumed at statement %d of %d: the %d before "
                "it took effect in an earlier run that stopped there\n",
                where, db->resumed + 1, nstmts, db->resumed);
        if (db->resumed_key && backfill && db->resumed < nstmts &&
            backfill[db->resumed])
            fprintf(o->out, "%s: the backfill of %s resumed after key %s\n",
                    where, backfill[db->resumed], db->resumed_key);
        fflush(o->out);
    }
    if (backfill && db->backfilled > 0 && !o->quiet) {
        fprintf(o->out, "%s: backfilled %ld row%s in batches of %d\n", where,
                db->backfilled, db->backfilled == 1 ? "" : "s",
                o->batch_size > 0 ? o->batch_size : BACKFILL_DEFAULT_BATCH);
        fflush(o->out);
    }
    if (r == DB_RUN_FAILED) {
        report_failure(o, db, where, stmts, nstmts, failed, !no_tx, &err);
        if (db->drv->lock_timeout_code &&
            strcmp(err.code, db->drv->lock_timeout_code) == 0)
            fprintf(o->err, "%s: note: gave up after %d attempt%s, each "
                    "waiting at most %ld ms for its locks; --lock-timeout "
                    "waits longer, --retries tries more often\n", where,
                    attempt, attempt == 1 ? "" : "s", o->lock_timeout_ms);
    }
    db_error_clear(&err);
    return r;
}

/* What a unit would run, frame included: for a transactional migration on
 * SQLite, the frame `migc compile --dialect sqlite` prints. */
static void print_dry_run(Db *db, const ApplyOpts *o, const char *dir,
                          const char *version, const char *name,
                          const char *const *stmts, int nstmts, bool no_tx)
{
    const DbDriver *d = db->drv;
    if (o->quiet)
        return;
    fprintf(o->out, "-- %s %s %s%s\n", dir, version, name,
            no_tx ? " (no transaction)" : "");
    if (db->unit_setup)
        fprintf(o->out, "%s;\n", db->unit_setup);
    if (d->unit_prologue)
        fprintf(o->out, "%s;\n", d->unit_prologue);
    if (!no_tx)
        fprintf(o->out, "BEGIN;\n");
    for (int i = 0; i < nstmts; i++)
        print_sql(o->out, stmts[i]);
    if (d->check_sql)
        fprintf(o->out, "%s;\n", d->check_sql);
    if (!no_tx)
        fprintf(o->out, "COMMIT;\n");
    if (d->unit_epilogue)
        fprintf(o->out, "%s;\n", d->unit_epilogue);
}

/*
 * The statements a migration's unit runs: `stmts` as they are, or where it
 * runs without a transaction on a database with transactional DDL, each
 * command on its own: a `sql` body of several commands is split
 * (PostgreSQL would run it as one implicit transaction, where CREATE
 * INDEX CONCURRENTLY fails), and a failure names exactly the commands
 * that ran.  MySQL sends such a body as one multi-statement query
 * (mysql.c).  ends[i], when not NULL, gets the count of commands up to
 * the end of stmts[i].
 */
static const char *const *commands_of(Db *db, Arena *a, const MigRecord *rec,
                                      const char *const *stmts, int nstmts,
                                      int *ncmds, int *ends)
{
    bool split = rec->flags & MIG_NO_TRANSACTION && !db->drv->ddl_autocommits;
    if (!split) {
        for (int i = 0; ends && i < nstmts; i++)
            ends[i] = i + 1;
        *ncmds = nstmts;
        return stmts;
    }
    int cap = nstmts, n = 0;
    const char **v = ARENA_ARRAY(a, const char *, cap > 0 ? cap : 1);
    for (int i = 0; i < nstmts; i++) {
        char **piece = NULL;
        int k = db->drv->split(stmts[i], &piece);
        if (n + k > cap) {
            const char **w = ARENA_ARRAY(a, const char *, (n + k) * 2);
            memcpy(w, v, sizeof *v * (size_t)n);
            v = w;
            cap = (n + k) * 2;
        }
        for (int j = 0; j < k; j++)
            v[n++] = arena_strdup(a, piece[j]);
        db_free_split(piece, k);
        if (ends)
            ends[i] = n;
    }
    *ncmds = n;
    return v;
}

static int up_one(Db *db, Arena *a, const ApplyOpts *o, const MigRecord *rec)
{
    const char *params[LEDGER_INSERT_NPARAMS];
    double ms;
    /* Where DDL commits implicitly (MySQL), every migration runs as a
     * `no transaction;` one. */
    bool no_tx = (rec->flags & MIG_NO_TRANSACTION) || db->drv->ddl_autocommits;
    int nstmts;
    int *ends = ARENA_ARRAY(a, int, rec->nup + 1);
    const char *const *stmts = commands_of(db, a, rec, rec->up_stmts,
                                           rec->nup, &nstmts, ends);
    /* The backfills, command by command: each is one command, the last of
     * its statement. */
    const char **backfill = NULL;
    if (rec->up_backfill && no_tx) {
        backfill = ARENA_ARRAY(a, const char *, nstmts + 1);
        for (int i = 0; i <= nstmts; i++)
            backfill[i] = NULL;
        for (int i = 0; i < rec->nup; i++)
            if (rec->up_backfill[i] && ends[i] > 0)
                backfill[ends[i] - 1] = rec->up_backfill[i];
    }

    if (o->dry_run) {
        print_dry_run(db, o, "up", rec->version, rec->name, stmts, nstmts,
                      no_tx);
        return 0;
    }
    params[0] = rec->version;
    params[1] = rec->name;
    params[2] = rec->checksum ? rec->checksum : "";
    params[3] = rec->up_text ? rec->up_text : "";
    params[4] = rec->flags & MIG_IRREVERSIBLE
                    ? NULL
                    : (rec->down_text ? rec->down_text : "");
    params[5] = no_tx ? "1" : "0";
    params[6] = "0";
    DbRunResult r = run_unit(db, o, where_of(a, rec, rec->version, rec->name),
                             arena_printf(a, "migration %s %s", rec->version,
                                          rec->name),
                             stmts, nstmts, no_tx,
                             ledger_count_sql(db, a), 0,
                             ledger_insert_sql(db, a), params,
                             LEDGER_INSERT_NPARAMS, LEDGER_INSERT_DURATION,
                             "up", backfill, &ms);
    switch (r) {
    case DB_RUN_OK:
        print_progress(o, "up", rec->version, rec->name, ms);
        return 0;
    case DB_RUN_SKIPPED:
        if (o->verbose && !o->quiet)
            fprintf(o->out, "skip %s %s (applied by another run)\n",
                    rec->version, rec->name);
        return 0;
    case DB_RUN_FAILED:
        return 1;
    }
    return 1;
}

/* The down SQL the ledger recorded for one row to roll back. */
typedef struct DownSql {
    const LedgerRow *row;
    bool found;             /* the row is still there */
    const char *down;       /* NULL: irreversible */
    bool no_tx;
} DownSql;

typedef struct DownsCtx {
    Arena *a;
    DownSql *v;
    int n;
} DownsCtx;

static bool read_downs_row(void *ctx, int ncols, const char *const *vals)
{
    DownsCtx *dc = ctx;
    if (ncols < 3 || !vals[0])
        return true;
    for (int i = 0; i < dc->n; i++) {
        DownSql *d = &dc->v[i];
        if (d->found || strcmp(d->row->version, vals[0]) != 0)
            continue;
        d->found = true;
        d->down = vals[1] ? arena_strdup(dc->a, vals[1]) : NULL;
        d->no_tx = vals[2] && (vals[2][0] == 't' || vals[2][0] == '1');
        break;
    }
    return true;
}

/* The down SQL of every row of v, from the ledger, a few hundred rows per
 * SELECT rather than one SELECT each.  The rows were read from this
 * ledger, so their versions match exactly. */
#define DOWNS_PER_QUERY 256

static bool read_downs(Db *db, Arena *a, DownSql *v, int n, DbError *err)
{
    for (int at = 0; at < n; at += DOWNS_PER_QUERY) {
        int k = n - at < DOWNS_PER_QUERY ? n - at : DOWNS_PER_QUERY;
        StrBuf sql;
        sb_init(&sql);
        sb_printf(&sql, "SELECT version, down_sql, no_transaction FROM %s "
                  "WHERE version IN (", db->qtable);
        const char **params = ARENA_ARRAY(a, const char *, k);
        for (int i = 0; i < k; i++) {
            sb_printf(&sql, "%s$%d", i ? ", " : "", i + 1);
            params[i] = v[at + i].row->version;
        }
        sb_putc(&sql, ')');
        DownsCtx dc = {a, v + at, k};
        bool ok = db->drv->query(db, sb_str(&sql), k, params, read_downs_row,
                                 &dc, err);
        sb_free(&sql);
        if (!ok)
            return false;
    }
    return true;
}

/* Roll back the migration of ledger row `row` (cm: its file, or NULL).
 * `pre`: its down SQL as read_downs() found it, or NULL to read it now. */
/* *skipped: the guard found it no longer the newest applied migration
 * (another run rolled it back, or applied a newer one): nothing ran. */
static int down_one(Db *db, Arena *a, const ApplyOpts *o,
                    const LedgerRow *row, const MigRecord *rec,
                    const DownSql *pre, bool *skipped)
{
    DbError err;
    bool found, no_tx;
    const char *down;
    const char *where = where_of(a, rec, row->version, row->name);

    db_error_init(&err);
    *skipped = false;
    if (pre) {
        found = pre->found;
        down = pre->down;
        no_tx = pre->no_tx;
    } else if (!ledger_get_down(db, a, row->version, &found, &down, &no_tx,
                                &err)) {
        apply_print_db_error(o->err, o->color, where, NULL, &err);
        db_error_clear(&err);
        return 1;
    }
    if (!found) {
        *skipped = true;    /* another run rolled it back meanwhile */
        return 0;
    }
    no_tx = no_tx || db->drv->ddl_autocommits;
    if (!down) {
        report(o->err, o->color, where, NULL, -1, NULL, NULL,
               "migration %s %s is irreversible: it cannot be rolled back",
               row->version, row->name);
        return 1;
    }

    char **stmts = NULL;
    int nstmts = db->drv->split(down, &stmts);
    int rc = 0;
    if (o->dry_run) {
        print_dry_run(db, o, "down", row->version, row->name,
                      (const char *const *)stmts, nstmts, no_tx);
    } else {
        const char *params[1] = {row->version};
        double ms;
        DbRunResult r = run_unit(db, o, where,
                                 arena_printf(a, "rolling back migration "
                                              "%s %s", row->version,
                                              row->name),
                                 (const char *const *)stmts,
                                 nstmts, no_tx, ledger_newest_sql(db, a), 1,
                                 ledger_delete_sql(db, a), params, 1, -1,
                                 "down", NULL, &ms);
        if (r == DB_RUN_OK)
            print_progress(o, "down", row->version, row->name, ms);
        if (r == DB_RUN_SKIPPED) {
            *skipped = true;
            if (o->verbose && !o->quiet)
                fprintf(o->out, "skip %s %s (no longer the newest applied "
                        "migration: another run changed the ledger)\n",
                        row->version, row->name);
        }
        rc = r == DB_RUN_FAILED;
    }
    db_free_split(stmts, nstmts);
    return rc;
}

/*
 * Roll back what ran of a migration that stopped part-way going up
 * (partial `p`): the downs of exactly the statements that took effect,
 * newest first.  They are a suffix of the migration's down script
 * (MigRecord.undo_from), taken from its file, whose first statements must
 * still be the ones that ran.  They run as one unit without a transaction
 * whose progress is recorded as any such unit's is (direction "undo"), and
 * whose last statement deletes the migration's progress: it is then
 * pending, as it was before it ran.  *skipped: another run did it.
 */
static int undo_one(Db *db, Arena *a, const ApplyOpts *o, MigSet *s,
                    const LedgerPartial *p, bool *skipped)
{
    char *qpm = db_progress_table(db);
    const char *qp = arena_strdup(a, qpm);
    free(qpm);
    const MigRecord *rec = migset_find(s, p->version);
    *skipped = false;
    if (!rec) {
        report(o->err, o->color, arena_printf(a, "migration %s", p->version),
               NULL, -1, p->done_sql,
               arena_printf(a, "restore the file; or undo them by hand and "
                            "delete the rows of version %s from %s",
                            p->version, qp),
               "migration %s stopped part-way in an earlier run (%d of its "
               "%d statements took effect) and its file is gone: the downs "
               "of those statements come from it", p->version, p->done,
               p->total);
        return 1;
    }
    if (!migset_need_sql(s))
        return 1;
    rec = migset_find(s, p->version);
    const char *label = arena_printf(a, "migration %s %s", rec->version,
                                     rec->name);
    const char *hint = arena_printf(a, "finish it with `migc up` once the "
                                    "cause is fixed; or undo them by hand "
                                    "and delete the row of version %s from "
                                    "%s", rec->version, qp);
    if ((rec->flags & MIG_IRREVERSIBLE) || !rec->undo_from) {
        report(o->err, o->color, rec->path, NULL, -1, p->done_sql, hint,
               "%s stopped part-way in an earlier run (%d of its %d "
               "statements took effect), and %s: it cannot roll back only "
               "the statements that ran", label, p->done, p->total,
               rec->flags & MIG_IRREVERSIBLE
                   ? "it is irreversible"
                   : "its down is a down block, which undoes the whole "
                     "migration");
        return 1;
    }
    /* What ran must be the file's first statements still. */
    int *ends = ARENA_ARRAY(a, int, rec->nup + 1);
    int ncmds;
    const char *const *cmds = commands_of(db, a, rec, rec->up_stmts,
                                          rec->nup, &ncmds, ends);
    const char *key[1] = {rec->version};
    DbBatch ran = {.stmts = cmds, .nstmts = ncmds, .ledger_params = key,
                   .nledger_params = 1, .label = label};
    DbError err;
    db_error_init(&err);
    if (!db_progress_same_prefix(&ran, p->done, p->done_sql, qp, &err)) {
        apply_print_db_error(o->err, o->color, rec->path, NULL, &err);
        db_error_clear(&err);
        return 1;
    }
    /* How many of the file's statements that is, and their downs. */
    int u = -1;
    for (int i = 0; i < rec->nup && ends[i] <= p->done; i++)
        if (ends[i] == p->done)
            u = i + 1;
    int from = u >= 0 ? rec->undo_from[u] : -1;
    if (from < 0) {
        report(o->err, o->color, rec->path, NULL, -1, p->done_sql, hint,
               "%s stopped part-way in an earlier run, inside the SQL of "
               "one of its statements (%d of its %d statements took "
               "effect): its down undoes all of that statement, not part of "
               "it", label, p->done, p->total);
        return 1;
    }
    int ndown;
    const char *const *downs = commands_of(db, a, rec, rec->down_stmts + from,
                                           rec->ndown - from, &ndown, NULL);
    if (o->dry_run) {
        print_dry_run(db, o, "down", rec->version, rec->name, downs, ndown,
                      true);
        return 0;
    }
    /* What the statement that failed left behind goes too. */
    if (db->drv->drop_leftover && p->done < ncmds &&
        !db->drv->drop_leftover(db, cmds[p->done], &err)) {
        apply_print_db_error(o->err, o->color, rec->path, cmds[p->done], &err);
        db_error_clear(&err);
        return 1;
    }
    const char *ledger = arena_printf(a, "DELETE FROM %s WHERE version = $1 "
                                      "AND direction IN ('up', 'undo')", qp);
    double ms;
    DbRunResult r = run_unit(db, o, rec->path,
                             arena_printf(a, "rolling back what ran of %s",
                                          label),
                             downs, ndown, true, NULL, 0, ledger, key, 1, -1,
                             "undo", NULL, &ms);
    if (r == DB_RUN_OK && !o->quiet) {
        print_progress(o, "down", rec->version, rec->name, ms);
    }
    *skipped = r == DB_RUN_SKIPPED;
    return r == DB_RUN_FAILED;
}

/* ---- the commands ---- */

/* Lock, create the ledger if needed, and read it; a dry run only reads. */
/* Only one migration between expand and complete at a time: `up` only
 * resumes an expand that stopped part-way (st: the phases, for it). */
static bool expand_blocks_up(Db *db, Arena *a, const ApplyOpts *o,
                             ExpandState *st)
{
    DbError err;
    db_error_init(&err);
    if (!expand_state_read(db, a, st, &err)) {
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
        db_error_clear(&err);
        return false;
    }
    const ExpandRow *r = expand_state_open(st);
    if (!r || strcmp(r->phase, "expanding") == 0)
        return true;
    fprintf(o->err, "migc: error: migration %s is %s: nothing more is "
            "applied until it is completed or aborted\n"
            "hint: migc %s %s\n", r->version, r->phase,
            strcmp(r->phase, "aborting") == 0 ? "abort" : "complete",
            r->version);
    return false;
}

static bool prepare(Db *db, Arena *a, const ApplyOpts *o, bool create,
                    Ledger *l)
{
    DbError err;
    db_error_init(&err);
    bool ok = true;
    free(db->unit_setup);
    db->unit_setup = NULL;
    if (db->drv->lock_timeout_sql && o->lock_timeout_ms > 0) {
        StrBuf q;
        sb_init(&q);
        sb_printf(&q, "%s'%ldms'", db->drv->lock_timeout_sql,
                  o->lock_timeout_ms);
        db->unit_setup = xstrdup(sb_str(&q));
        sb_free(&q);
    }
    if (!o->dry_run) {
        /* From here a signal stops the running statement (even the wait
         * for the lock) rather than leaving it to the server. */
        db_interrupt_arm(db);
        ok = db->drv->lock(db, &err) && (!create || ledger_create(db, &err));
    }
    ok = ok && ledger_read(db, a, l, &err);
    if (!ok) {
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
        db_error_clear(&err);
    }
    return ok;
}

/* After a unit: when a signal came, say what became of it and stop (exit
 * status 128 + the signal, as the shell reports a killed command). */
static int interrupted(const ApplyOpts *o, const char *dir,
                       const char *version, const char *name, int rc)
{
    int sig = db_interrupted();
    if (!sig)
        return rc;
    const char *signame = sig == SIGINT ? "SIGINT" : sig == SIGTERM
                                                         ? "SIGTERM" : "a signal";
    if (!version)
        fprintf(o->err, "migc: interrupted by %s; nothing was %s\n", signame,
                strcmp(dir, "up") == 0 ? "applied" : "rolled back");
    else if (rc == 0)
        fprintf(o->err, "migc: interrupted by %s after %s %s %s; "
                "nothing after it was run\n", signame, version, name,
                strcmp(dir, "up") == 0 ? "was applied" : "was rolled back");
    else
        fprintf(o->err, "migc: interrupted by %s: %s %s %s; nothing after "
                "it was run\n", signame, version, name,
                strcmp(dir, "up") == 0 ? "was not applied"
                                       : "was not rolled back");
    return 128 + sig;
}

static void release(Db *db)
{
    db_interrupt_disarm();
    DbError err;
    db_error_init(&err);
    db->drv->unlock(db, &err);
    db_error_clear(&err);
}

/* The checks before `up`: changed files and out-of-order migrations. */
static bool check_plan(const ApplyOpts *o, const Plan *p, const char *to)
{
    int errors = 0;
    for (int i = 0; i < p->n; i++) {
        const PlanEntry *e = &p->e[i];
        if (e->replaces_missing && (!to || version_cmp(e->version, to) <= 0)) {
            report(o->err, o->color, e->rec->path, NULL, -1, NULL,
                   "apply the rest with the files from before the squash, "
                   "or roll back what was applied of them (migc down "
                   "--all), then run up again",
                   "migration %s %s replaces migrations of which this "
                   "database applied only some: %s is not applied",
                   e->version, e->name, e->replaces_missing);
            errors++;
        }
        /* A rollback that stopped part-way (of an applied migration, or
         * of what ran of one) is finished by `down`; nothing goes up on
         * a migration half rolled back. */
        const LedgerPartial *rb = e->state != MS_PARTIAL || !e->partial
                                      ? NULL
                                      : e->partial->undo ? e->partial->undo
                                      : !e->partial->up  ? e->partial
                                                         : NULL;
        if (rb) {
            report(o->err, o->color, e->rec ? e->rec->path : "migc", NULL,
                   -1, NULL, NULL, "a rollback of migration %s %s stopped "
                   "part-way in an earlier run, after %d of its %d down "
                   "statements: finish it with `migc down` once the cause "
                   "is fixed", e->version, e->name, rb->done, rb->total);
            errors++;
        }
        if (e->state == MS_CHANGED && !o->allow_changed) {
            report(o->err, o->color, e->rec->path, NULL, -1, NULL,
                   "restore the file, or add a new migration; "
                   "--allow-changed runs anyway",
                   "migration %s %s was changed after it was applied "
                   "(checksum %.12s, applied %.12s)",
                   e->version, e->name, e->rec->checksum, e->row->checksum);
            errors++;
        }
        if (e->state == MS_OUT_OF_ORDER && !o->allow_out_of_order &&
            (!to || version_cmp(e->version, to) <= 0)) {
            report(o->err, o->color, e->rec->path, NULL, -1, NULL,
                   "--allow-out-of-order applies it",
                   "migration %s %s is pending but older than the newest "
                   "applied migration; refusing to apply it out of order",
                   e->version, e->name);
            errors++;
        }
    }
    return errors == 0;
}

/* Whether plan entry e is one `up` applies, before the --to limit. */
static bool to_apply(const ApplyOpts *o, const PlanEntry *e)
{
    return (e->state == MS_PENDING || e->state == MS_OUT_OF_ORDER ||
            (e->state == MS_PARTIAL && !e->row && e->rec)) &&
           (!o->to || version_cmp(e->version, o->to) <= 0);
}

int apply_up(Db *db, MigSet *s, const ApplyOpts *o)
{
    Arena a;
    Ledger l;
    Plan p;
    int rc = 0, applied = 0, todo = 0;

    if (o->to && !migset_find(s, o->to)) {
        fprintf(o->err, "migc: error: no migration with version %s\n",
                o->to);
        return 1;
    }
    arena_init(&a);
    if (!prepare(db, &a, o, true, &l)) {
        rc = interrupted(o, "up", NULL, NULL, 1);
        if (!o->dry_run)
            release(db);
        arena_free(&a);
        return rc;
    }
    apply_plan(&a, s, &l, &p);
    if (!check_plan(o, &p, o->to)) {
        rc = 1;
        goto done;
    }
    for (int i = 0; i < p.n; i++)
        todo += to_apply(o, &p.e[i]);
    if (o->steps > 0 && todo > o->steps)
        todo = o->steps;
    if (todo > 0 && !s->has_sql) {
        /* Planned from checksums; now the SQL of what will run. */
        if (!migset_need_sql(s)) {
            rc = 1;
            goto done;
        }
        apply_plan(&a, s, &l, &p);
        if (!check_plan(o, &p, o->to)) {
            rc = 1;
            goto done;
        }
    }
    ExpandState xs = {0};
    if (todo > 0 && !expand_blocks_up(db, &a, o, &xs)) {
        rc = 1;
        goto done;
    }
    /* No check while a migration stopped part-way (an expand, or one
     * without a transaction, up or down): what it made of itself is no
     * drift, and up resumes it or says why not; nor when an applied file
     * changed (--allow-changed): the model is not what was applied. */
    bool skip = expand_state_open(&xs) != NULL;
    for (int i = 0; i < p.n; i++)
        skip = skip || p.e[i].state == MS_CHANGED ||
               p.e[i].state == MS_PARTIAL;
    if (todo > 0 && o->under_lock && !skip &&
        !o->under_lock(db, &l, o->under_lock_ctx)) {
        rc = 1;
        goto done;
    }
    for (int i = 0; i < p.n && rc == 0 && applied < todo; i++) {
        PlanEntry *e = &p.e[i];
        if (!to_apply(o, e))
            continue;
        show_running(o, "applying", e->version, e->name, applied + 1, todo);
        if (e->rec->expand) {
            running_done(o);
            rc = expand_up(db, &a, o, e->rec, &xs);
        } else {
            rc = up_one(db, &a, o, e->rec);
        }
        applied++;
        rc = interrupted(o, "up", e->version, e->name, rc);
        if (rc == 0 && e->rec->expand && applied < todo && !o->dry_run) {
            /* Nothing runs on a schema between expand and complete. */
            if (!o->quiet)
                fprintf(o->out, "the migrations after %s wait for its "
                        "`migc complete`\n", e->version);
            break;
        }
    }
    if (rc == 0 && applied == 0 && !o->quiet)
        fprintf(o->out, "nothing to apply\n");
done:
    if (!o->dry_run)
        release(db);
    arena_free(&a);
    return rc;
}

/* The rows `down` rolls back, newest first, into v; false after an error
 * when the request names more than there is (nothing is rolled back). */
static bool down_rows(const ApplyOpts *o, const MigSet *s, const Ledger *l,
                      DownSql *v, int *n, int done, bool replan,
                      bool steps_typed)
{
    *n = 0;
    if (replan) {
        /* Planned again under the write lock after another run changed
         * the ledger: what is left of the request, from what is there. */
        int left = o->all ? l->n : (o->steps > 0 ? o->steps : 1) - done;
        for (int i = l->n - 1; i >= 0; i--) {
            const LedgerRow *row = &l->rows[i];
            if (o->to ? version_cmp(row->version, o->to) <= 0 : *n >= left)
                break;
            memset(&v[*n], 0, sizeof v[*n]);
            v[(*n)++].row = row;
        }
        return true;
    }
    /* Version 0 is the state before the first migration (Rails'
     * VERSION=0); any other version must name a migration. */
    bool zero = o->to && version_cmp(o->to, "0") == 0;
    if (o->to && !zero && !migset_find(s, o->to) && !ledger_find(l, o->to)) {
        fprintf(o->err, "migc: error: no migration with version %s; "
                "nothing was rolled back\n", o->to);
        fprintf(o->err, "hint: migc down --all rolls back every applied "
                "migration\n");
        return false;
    }
    if (o->steps > l->n && !steps_typed) {
        /* Plain `migc down`: no option to name. */
        fprintf(o->err, "migc: error: no migration is applied; nothing was "
                "rolled back\n");
        return false;
    }
    if (o->steps > l->n) {
        fprintf(o->err, "migc: error: --steps %d, but %d migration%s "
                "applied; nothing was rolled back\n", o->steps, l->n,
                l->n == 1 ? " is" : "s are");
        fprintf(o->err, "hint: migc down --all rolls back every applied "
                "migration\n");
        return false;
    }
    int steps = o->all ? l->n : o->steps > 0 ? o->steps : 1;
    for (int i = l->n - 1; i >= 0; i--) {
        const LedgerRow *row = &l->rows[i];
        if (o->to) {
            if (version_cmp(row->version, o->to) <= 0)
                break;
        } else if (*n >= steps) {
            break;
        }
        v[(*n)++].row = row;
    }
    return true;
}

static int partial_cmp(const void *x, const void *y)
{
    const LedgerPartial *const *a = x, *const *b = y;
    return version_cmp((*b)->version, (*a)->version);
}

/*
 * `down --to V` keeps every migration at or below V, a migration that
 * stopped part-way going up among them; but what ran of that one is the
 * newest change, and may stand on the applied migrations above V (it ran
 * after them: an out-of-order migration).  Rolling those back first is an
 * order that cannot work, on any database, so the whole request is
 * refused before anything runs.  False after saying so.
 */
static bool partial_kept(const ApplyOpts *o, const Ledger *l)
{
    const LedgerPartial *kept = NULL;
    for (int i = 0; i < l->npartial; i++) {
        const LedgerPartial *p = &l->partial[i];
        if (p->up && p->done > 0 && !ledger_find(l, p->version) &&
            version_cmp(p->version, o->to) <= 0 &&
            (!kept || version_cmp(p->version, kept->version) > 0))
            kept = p;
    }
    if (!kept || l->n == 0 ||
        version_cmp(l->rows[l->n - 1].version, o->to) <= 0)
        return true;
    const char *above = l->rows[l->n - 1].version;
    fprintf(o->err, "migc: error: migration %s stopped part-way in an "
            "earlier run (%d statement%s took effect), and --to %s keeps it "
            "but rolls back %s above it: what ran of %s is the newest "
            "change, and may stand on it; nothing was rolled back\n",
            kept->version, kept->done, kept->done == 1 ? "" : "s", o->to,
            above, kept->version);
    fprintf(o->err, "hint: --to a version older than %s rolls back what ran "
            "of it first; or finish it with `migc up` once it is fixed\n",
            kept->version);
    return false;
}

int apply_down(Db *db, MigSet *s, const ApplyOpts *o)
{
    Arena a;
    Ledger l;
    int rc = 0, done = 0, undone = 0;
    ApplyOpts rest = *o;
    bool steps_typed = o->steps > 0;

    arena_init(&a);
    if (!prepare(db, &a, o, false, &l)) {
        int rc0 = interrupted(o, "down", NULL, NULL, 1);
        if (!o->dry_run)
            release(db);
        arena_free(&a);
        return rc0;
    }
    /* Migrations that stopped part-way going up come first, newest
     * first, each one step: what ran of them is the newest change. */
    const LedgerPartial **part =
        ARENA_ARRAY(&a, const LedgerPartial *, l.npartial + 1);
    int npart = 0;
    for (int i = 0; i < l.npartial; i++) {
        const LedgerPartial *p = &l.partial[i];
        if (p->up && p->done > 0 && !ledger_find(&l, p->version) &&
            (!o->to || version_cmp(p->version, o->to) > 0))
            part[npart++] = p;
    }
    qsort(part, (size_t)npart, sizeof *part, partial_cmp);
    if (o->to && !partial_kept(o, &l))
        rc = 1;
    bool ledger_too = true;
    if (!o->all && !o->to) {
        int want = o->steps > 0 ? o->steps : 1;
        if (o->steps > l.n + npart) {
            fprintf(o->err, "migc: error: --steps %d, but %d migration%s "
                    "applied; nothing was rolled back\n", o->steps,
                    l.n + npart, l.n + npart == 1 ? " is" : "s are");
            fprintf(o->err, "hint: migc down --all rolls back every applied "
                    "migration\n");
            rc = 1;
        }
        if (npart > want)
            npart = want;
        rest.steps = want - npart;
        ledger_too = rest.steps > 0;
    }
    for (int i = 0; i < npart && rc == 0; i++) {
        bool skipped = false;
        const MigRecord *rec = migset_find(s, part[i]->version);
        const char *name = rec ? rec->name : "";
        show_running(o, "rolling back", part[i]->version, name, i + 1, npart);
        rc = undo_one(db, &a, o, s, part[i], &skipped);
        rc = interrupted(o, "down", part[i]->version, name, rc);
        undone += !skipped;
    }
    if (npart > 0 && rc == 0 && ledger_too) {
        /* Read again: the rows below the partial ones are what is left. */
        DbError e;
        db_error_init(&e);
        if (!ledger_read(db, &a, &l, &e)) {
            apply_print_db_error(o->err, o->color, "migc", NULL, &e);
            db_error_clear(&e);
            rc = 1;
        }
    }
    o = &rest;
    /* The rows to roll back, newest first, and their down SQL, read from
     * the ledger in one go (under the lock, for a real run). */
    DownSql *v = ARENA_ARRAY(&a, DownSql, l.n ? l.n : 1);
    int n = 0;
    if (rc == 0 && ledger_too && !down_rows(o, s, &l, v, &n, 0, false, steps_typed))
        rc = 1;
    DbError err;
    db_error_init(&err);
    if (rc == 0 && n > 0) {
        /* An expand not completed is undone by `migc abort`. */
        ExpandState xs;
        if (!expand_state_read(db, &a, &xs, &err)) {
            apply_print_db_error(o->err, o->color, "migc", NULL, &err);
            db_error_clear(&err);
            rc = 1;
        }
        const ExpandRow *r = rc == 0 ? expand_state_open(&xs) : NULL;
        for (int i = 0; r && i < n && rc == 0; i++)
            if (version_cmp(v[i].row->version, r->version) == 0) {
                fprintf(o->err, "migc: error: migration %s is %s, not "
                        "completed\nhint: migc abort %s undoes its expand\n",
                        r->version, r->phase, r->version);
                rc = 1;
            }
    }
    for (bool again = true; again && rc == 0 && ledger_too;) {
        again = false;
        if (!read_downs(db, &a, v, n, &err)) {
            apply_print_db_error(o->err, o->color, "migc", NULL, &err);
            db_error_clear(&err);
            rc = 1;
        }
        for (int i = 0; i < n && rc == 0; i++) {
            bool skipped;
            show_running(o, "rolling back", v[i].row->version,
                         v[i].row->name, done + 1, done + n - i);
            rc = down_one(db, &a, o, v[i].row,
                          migset_find(s, v[i].row->version), &v[i], &skipped);
            rc = interrupted(o, "down", v[i].row->version, v[i].row->name,
                             rc);
            if (skipped && !o->dry_run && !db->drv->session_lock) {
                /* Without a session lock (SQLite) the ledger read above
                 * may be stale: read it again, and decide again. */
                if (!ledger_read(db, &a, &l, &err)) {
                    apply_print_db_error(o->err, o->color, "migc", NULL,
                                         &err);
                    db_error_clear(&err);
                    rc = 1;
                    break;
                }
                v = ARENA_ARRAY(&a, DownSql, l.n ? l.n : 1);
                down_rows(o, s, &l, v, &n, done, true, steps_typed);
                again = true;
                break;
            }
            done += !skipped;
        }
    }
    if (rc == 0 && done + undone == 0 && !o->quiet)
        fprintf(o->out, "nothing to roll back\n");
    if (!o->dry_run)
        release(db);
    arena_free(&a);
    return rc;
}

int apply_redo(Db *db, MigSet *s, const ApplyOpts *o)
{
    Arena a;
    Ledger l;
    int rc = 0;

    arena_init(&a);
    if (!prepare(db, &a, o, true, &l)) {
        rc = interrupted(o, "up", NULL, NULL, 1);
        if (!o->dry_run)
            release(db);
        arena_free(&a);
        return rc;
    }
    /* A migration that stopped part-way going up is the newest change:
     * redo does not roll back what it stands on. */
    const LedgerPartial *above = NULL;
    for (int i = 0; i < l.npartial && !above; i++)
        if (l.partial[i].up && l.partial[i].done > 0 &&
            !ledger_find(&l, l.partial[i].version))
            above = &l.partial[i];
    if (above) {
        DbError err;
        db_error_init(&err);
        db_progress_partial_above(&err, above->version, above->done,
                                  above->done_sql);
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
        db_error_clear(&err);
        rc = 1;
    } else if (l.n == 0) {
        fprintf(o->err, "migc: error: no applied migration to redo\n");
        rc = 1;
    } else {
        const LedgerRow *row = &l.rows[l.n - 1];
        const MigRecord *rec = migset_find(s, row->version);
        if (!rec) {
            fprintf(o->err, "migc: error: cannot redo %s %s: its file is "
                    "missing\n", row->version, row->name);
            rc = 1;
        } else if (!migset_need_sql(s)) {
            rc = 1;     /* before the down: nothing is rolled back */
        } else if ((rec = migset_find(s, row->version)) && rec->expand) {
            /* Its up is a phase of its own, and clients may be on it. */
            fprintf(o->err, "migc: error: %s %s is an `expand;` migration: "
                    "redo does not run it\nhint: migc abort %s before it "
                    "is completed; migc down, then migc up, after\n",
                    row->version, row->name, row->version);
            rc = 1;
        } else {
            bool skipped = false;
            rc = rec ? down_one(db, &a, o, row, rec, NULL, &skipped) : 1;
            if (rc == 0 && skipped) {
                fprintf(o->err, "migc: error: %s %s is no longer the newest "
                        "applied migration (another run changed the "
                        "ledger); nothing was redone\n", row->version,
                        row->name);
                rc = 1;
            }
            rc = interrupted(o, "down", row->version, row->name, rc);
            if (rc == 0) {
                rc = up_one(db, &a, o, rec);
                rc = interrupted(o, "up", row->version, row->name, rc);
            }
        }
    }
    if (!o->dry_run)
        release(db);
    arena_free(&a);
    return rc;
}
