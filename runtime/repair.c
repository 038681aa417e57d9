/*
 * repair.c — mark applied, mark pending, accept (repair.h).
 */
#include "repair.h"

#include <string.h>

#include "ledger.h"

static void say_error(const ApplyOpts *o, const char *fmt, const char *a,
                      const char *b)
{
    fputs("migc: error: ", o->err);
    fprintf(o->err, fmt, a, b);
    fputc('\n', o->err);
}

/* One ledger statement in a unit of its own: the guard (where the lock
 * does not hold for the session) re-checks the row count under the
 * database's write lock. */
static bool run_ledger(Db *db, Arena *a, const ApplyOpts *o,
                       const char *label, const char *sql,
                       const char *const *params, int nparams,
                       long guard_expect)
{
    DbError err;
    int failed;
    const char *gparams[1] = {params[0]};
    DbBatch b = {
        .stmts = NULL,
        .nstmts = 0,
        .guard_sql = db->drv->session_lock ? NULL : ledger_count_sql(db, a),
        .guard_params = gparams,
        .nguard_params = 1,
        .guard_expect = guard_expect,
        .ledger_sql = sql,
        .ledger_params = params,
        .nledger_params = nparams,
        .duration_param = -1,
        .label = label,
        .no_transaction = db->drv->ddl_autocommits,
    };
    db_error_init(&err);
    DbRunResult r = db_run_batch(db, &b, &failed, &err);
    if (r == DB_RUN_FAILED)
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
    else if (r == DB_RUN_SKIPPED)
        fprintf(o->err, "migc: error: %s: the ledger changed meanwhile (another "
                "run); nothing was done\n", label);
    db_error_clear(&err);
    return r == DB_RUN_OK;
}

static int mark_applied(Db *db, Arena *a, MigSet *s, const Ledger *l,
                        const char *version, const ApplyOpts *o)
{
    const LedgerRow *row = ledger_find(l, version);
    const MigRecord *rec = migset_find(s, version);
    if (row) {
        say_error(o, "migration %s %s is already applied", row->version,
                  row->name);
        return 1;
    }
    if (!rec) {
        say_error(o, "no migration with version %s%s", version, "");
        return 1;
    }
    if (!migset_need_sql(s) || !(rec = migset_find(s, version)))
        return 1;
    if (o->dry_run) {
        if (!o->quiet)
            fprintf(o->out, "would mark applied %s %s (its SQL would not "
                    "run)\n", rec->version, rec->name);
        return 0;
    }
    const char *params[LEDGER_INSERT_NPARAMS] = {
        rec->version,
        rec->name,
        rec->checksum ? rec->checksum : "",
        rec->up_text ? rec->up_text : "",
        rec->flags & MIG_IRREVERSIBLE ? NULL
                                      : (rec->down_text ? rec->down_text : ""),
        (rec->flags & MIG_NO_TRANSACTION) || db->drv->ddl_autocommits ? "1"
                                                                      : "0",
        "0",
    };
    if (!run_ledger(db, a, o, arena_printf(a, "marking %s %s applied",
                                           rec->version, rec->name),
                    ledger_insert_sql(db, a), params, LEDGER_INSERT_NPARAMS,
                    0))
        return 1;
    if (!o->quiet)
        fprintf(o->out, "marked applied %s %s (its SQL did not run)\n",
                rec->version, rec->name);
    return 0;
}

static int mark_pending(Db *db, Arena *a, const Ledger *l,
                        const char *version, const ApplyOpts *o)
{
    const LedgerRow *row = ledger_find(l, version);
    if (!row) {
        say_error(o, "migration %s is not applied%s", version, "");
        return 1;
    }
    if (o->dry_run) {
        if (!o->quiet)
            fprintf(o->out, "would mark pending %s %s (its down would not "
                    "run)\n", row->version, row->name);
        return 0;
    }
    const char *params[1] = {row->version};
    if (!run_ledger(db, a, o, arena_printf(a, "marking %s %s pending",
                                           row->version, row->name),
                    ledger_delete_sql(db, a), params, 1, 1))
        return 1;
    if (!o->quiet)
        fprintf(o->out, "marked pending %s %s (its down did not run)\n",
                row->version, row->name);
    return 0;
}

static int accept_file(Db *db, Arena *a, MigSet *s, const Ledger *l,
                  const char *version, const ApplyOpts *o)
{
    const LedgerRow *row = ledger_find(l, version);
    const MigRecord *rec = migset_find(s, version);
    if (!row) {
        say_error(o, "migration %s is not applied%s", version,
                  rec ? "; migc up applies it" : "");
        return 1;
    }
    if (!rec) {
        say_error(o, "migration %s %s has no file to accept", row->version,
                  row->name);
        return 1;
    }
    if (rec->checksum && strcmp(rec->checksum, row->checksum) == 0) {
        if (!o->quiet)
            fprintf(o->out, "nothing to accept: %s %s is applied as its "
                    "file says\n", row->version, row->name);
        return 0;
    }
    if (!migset_need_sql(s) || !(rec = migset_find(s, version)))
        return 1;
    if (o->dry_run) {
        if (!o->quiet)
            fprintf(o->out, "would accept %s %s: checksum %.12s (was %.12s) "
                    "and its new down SQL\n", row->version, row->name,
                    rec->checksum, row->checksum);
        return 0;
    }
    const char *params[3] = {
        row->version,
        rec->checksum,
        rec->flags & MIG_IRREVERSIBLE ? NULL
                                      : (rec->down_text ? rec->down_text : ""),
    };
    if (!run_ledger(db, a, o, arena_printf(a, "accepting %s %s",
                                           row->version, row->name),
                    ledger_accept_sql(db, a), params, 3, 1))
        return 1;
    if (!o->quiet)
        fprintf(o->out, "accepted %s %s: checksum %.12s (was %.12s) and its "
                "new down SQL recorded\n", row->version, row->name,
                rec->checksum, row->checksum);
    return 0;
}

int apply_repair(Db *db, MigSet *s, RepairKind kind, const char *version,
                 const ApplyOpts *o)
{
    Arena a;
    Ledger l;
    DbError err;
    int rc;

    arena_init(&a);
    db_error_init(&err);
    bool ok = true;
    if (!o->dry_run)
        ok = db->drv->lock(db, &err) &&
             (kind != REPAIR_MARK_APPLIED || ledger_create(db, &err));
    ok = ok && ledger_read(db, &a, &l, &err);
    if (!ok) {
        apply_print_db_error(o->err, o->color, "migc", NULL, &err);
        rc = 1;
    } else if (kind == REPAIR_MARK_APPLIED) {
        rc = o->under_lock && !o->under_lock(db, &l, o->under_lock_ctx)
                 ? 1 : mark_applied(db, &a, s, &l, version, o);
    } else if (kind == REPAIR_MARK_PENDING) {
        rc = mark_pending(db, &a, &l, version, o);
    } else {
        rc = accept_file(db, &a, s, &l, version, o);
    }
    db_error_clear(&err);
    if (!o->dry_run) {
        db->drv->unlock(db, &err);
        db_error_clear(&err);
    }
    arena_free(&a);
    return rc;
}
