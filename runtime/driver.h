/*
 * driver.h — the small interface between the apply logic and a database.
 *
 * One file per database implements a DbDriver (pg.c, sqlite.c), the way
 * SQLite's VFS hides the operating system.  Everything above it (ledger.c,
 * apply.c) is written once.  The runtime receives compiled SQL: nothing here
 * parses the migration language.
 *
 * Every failure is reported as one DbError: SQLSTATE (or SQLite's result
 * code name), message, detail, hint, and the position the server gives
 * inside the failing statement.
 */
#ifndef MIGC_DRIVER_H
#define MIGC_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mask.h"

typedef struct DbError {
    char code[48];      /* SQLSTATE ("42P01") or "SQLITE_ERROR"; "" if none */
    char *message;      /* malloc'd; set after every failure */
    char *detail;       /* malloc'd or NULL */
    char *hint;         /* malloc'd or NULL */
    int position;       /* 1-based byte offset into the statement; 0: none */
    bool connection;    /* the connection itself failed or was lost */
} DbError;

void db_error_init(DbError *e);
void db_error_clear(DbError *e);
/* Replace the contents with a message of our own (no code, no position). */
void db_error_set(DbError *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Called once per result row with the column values (NULL for SQL NULL).
 * Returning false stops the query (it still succeeds). */
typedef bool (*DbRowFn)(void *ctx, int ncols, const char *const *vals);

typedef struct Db Db;

/* What DbDriver.progress_exec did. */
typedef enum DbStep {
    DB_STEP_OK,             /* the statement ran, and is recorded as done */
    DB_STEP_FAILED,         /* the statement failed: *err */
    DB_STEP_DONE,           /* the last statement ran, the ledger statement
                               with it */
    DB_STEP_LEDGER_FAILED   /* the statement ran, but recording it (or the
                               ledger statement) failed: *err */
} DbStep;

/* A unit that stopped part-way, as its row of the progress table holds
 * it (DbDriver.read_partial). */
typedef struct DbPartial {
    const char *version;
    const char *direction;  /* "up", "down" or "undo" (DbBatch.direction) */
    int done, total;
    const char *done_sql;   /* the `done` statements, each + "\n" */
    /* The statement that failed (statement done + 1) and the server's
     * error, or NULL: none recorded (a killed run, a lost connection, a
     * table from before these columns). */
    const char *failed_sql;
    const char *error_code, *error_message, *error_detail, *error_hint;
} DbPartial;

/* Called once per unit that stopped part-way (DbDriver.read_partial). */
typedef void (*DbPartialFn)(void *ctx, const DbPartial *p);

/*
 * A unit: BEGIN, an optional guard query, the statements, the ledger
 * statement with its parameters, COMMIT.  The guard returns one integer;
 * when it is not `guard_expect` the unit is rolled back and counts as
 * skipped (another process did the work first).  `duration_param`, when
 * >= 0, is the index of the ledger parameter that receives the elapsed time
 * in milliseconds just before the ledger statement runs.
 *
 * With `no_transaction` there is no BEGIN/COMMIT: the guard, then each
 * statement on its own, then the driver's check, then the ledger row once
 * all of them succeeded; what ran before a failure stays.
 */
typedef struct DbBatch {
    const char *const *stmts;
    int nstmts;
    const char *guard_sql;          /* or NULL */
    const char *const *guard_params;
    int nguard_params;
    long guard_expect;
    const char *ledger_sql;         /* or NULL */
    const char *const *ledger_params;
    int nledger_params;
    int duration_param;
    const char *label;              /* for the check's message: "migration
                                       0004 fill"; NULL: "the unit" */
    bool no_transaction;
    /* What the unit does to version ledger_params[0], the key of its
     * progress: "up", "down" (of an applied migration), or "undo" (the
     * downs of the statements that ran of a migration that stopped
     * part-way going up: done once its `up` progress row is gone, which
     * its ledger statement deletes).  NULL: "up" when the ledger
     * statement has the insert's parameters, else "down". */
    const char *direction;
    /* Per statement, without a transaction: what a batched backfill
     * fills (MigRecord.up_backfill), run batch by batch, each batch a
     * transaction with its last key in the unit's progress
     * (DbDriver.progress_exec); NULL for a plain statement.  The array is
     * NULL when there is none. */
    const char *const *backfill;
    int batch_size;                 /* rows per batch (0: 1000) */
    int batch_pause_ms;             /* pause after each batch */
} DbBatch;

typedef enum DbRunResult { DB_RUN_OK, DB_RUN_SKIPPED, DB_RUN_FAILED } DbRunResult;

/* Where a batch failed: a statement index, or one of these. */
#define DB_FAILED_LEDGER (-1)
#define DB_FAILED_TXN (-2)      /* BEGIN, the guard, COMMIT */
#define DB_FAILED_CHECK (-3)    /* the driver's check (DbDriver.check) */

/*
 * The ledger table (ledger.h) in the database's own SQL.  In each text
 * `{table}` stands for the ledger table's name, quoted as an identifier
 * (Db.qtable); every value is a parameter, written $1..$n.  The columns
 * are the same everywhere: version text primary key, name, checksum,
 * up_sql, down_sql (NULL: irreversible), no_transaction, applied_at (UTC),
 * duration_ms.
 */
typedef struct DbLedgerSql {
    /* One row, one integer: > 0 when the table exists.  $1 is the name:
     * quoted (Db.qtable) with `exists_quoted`, else as given (Db.table). */
    const char *exists;
    bool exists_quoted;
    /* The table, when `exists` said it is not there. */
    const char *create;
    /* Every row: version, name, checksum, and applied_at as ISO 8601 UTC
     * to the second ("2026-11-25T09:30:00Z"). */
    const char *select;
    /* $1 version, $2 name, $3 checksum, $4 up_sql, $5 down_sql,
     * $6 no_transaction ("1"/"0"), $7 duration_ms (NULL when the driver's
     * run_batch has the server measure it). */
    const char *insert;
    /* $1 version -> 1 when it is in the table and no version there is
     * newer (as numbers), else 0; NULL: a count of $1's rows does.  The
     * guard of a rollback where the lock is not the session's (SQLite),
     * so that what is rolled back is decided under the write lock. */
    const char *newest;
} DbLedgerSql;

typedef struct DbDriver {
    const char *name;       /* "postgres", "sqlite": the dialect it speaks */
    /* The ledger's SQL (above) and the identifier quote of the table
     * name in it ('"'; MySQL: '`'). */
    const DbLedgerSql *ledger;
    char quote;
    /* Whether lock() excludes other runs for the whole session; if not,
     * every unit re-checks the ledger inside its transaction (guard). */
    bool session_lock;
    /* Whether DDL commits implicitly (MySQL): then no migration runs in a
     * transaction; each runs statement by statement, as a `no
     * transaction;` migration does elsewhere. */
    bool ddl_autocommits;

    /* `target` as the user wrote it (URL or conninfo). */
    bool (*connect)(Db *db, const char *target, bool readonly, DbError *err);
    void (*close)(Db *db);
    /* One statement (or several, for raw SQL), no parameters, no rows. */
    bool (*exec)(Db *db, const char *sql, DbError *err);
    /* One statement with $1..$n text parameters (NULL: SQL NULL); rows go
     * to fn (which may be NULL). */
    bool (*query)(Db *db, const char *sql, int nparams,
                  const char *const *params, DbRowFn fn, void *ctx,
                  DbError *err);
    bool (*begin)(Db *db, DbError *err);
    bool (*commit)(Db *db, DbError *err);
    bool (*rollback)(Db *db, DbError *err);
    /* Exclude concurrent runs against the same ledger table. */
    bool (*lock)(Db *db, DbError *err);
    bool (*unlock)(Db *db, DbError *err);
    /* Run a whole batch in a transaction at once (few round trips), or
     * NULL to let db_run_batch() drive the calls above.  *failed as for
     * db_run_batch.  It does the whole unit: the frame and the check below
     * included.  Never called for a batch with `no_transaction`. */
    DbRunResult (*run_batch)(Db *db, const DbBatch *b, int *failed,
                             DbError *err);
    /* Split SQL text (a down script from the ledger) into statements, as
     * db_split_sql() does, with the database's own idea of where a
     * statement ends (SQLite: triggers hold ';'). */
    int (*split)(const char *sql, char ***out);

    /*
     * The frame of a unit, or NULL for none.  `unit_prologue` runs before
     * BEGIN and `unit_epilogue` after COMMIT or ROLLBACK, both outside the
     * transaction; `check` runs last inside it, after the ledger row and
     * before COMMIT, and returns false with *err set when the unit left
     * the database inconsistent (it is then rolled back) or on failure.
     * `label` names the unit in the message.  `check_sql` is the text of
     * the check, for --dry-run.  A migration without a transaction gets
     * the same frame around all its statements, the check before its
     * ledger row.
     *
     * SQLite: foreign keys off, BEGIN, ..., PRAGMA foreign_key_check,
     * COMMIT, foreign keys on (see sqlite.c).
     */
    const char *unit_prologue;
    const char *unit_epilogue;
    bool (*check)(Db *db, const char *label, DbError *err);
    const char *check_sql;

    /* SQL that returns the session to its state after connecting, run
     * after every unit so that a migration's SET does not reach the next
     * (PostgreSQL: RESET ALL, RESET ROLE), or NULL.  A run_batch runs it
     * itself. */
    const char *session_reset;
    /* The SQL that sets the lock wait of a unit, to which a quoted
     * '<N>ms' is appended, and the error code of a unit that waited that
     * long (PostgreSQL: "SET lock_timeout = ", 55P03), or NULL when the
     * database has no such setting. */
    const char *lock_timeout_sql;
    const char *lock_timeout_code;
    /* Stop the statement running on db's connection; called from a signal
     * handler, so async-signal-safe (PQcancel, sqlite3_interrupt), or
     * NULL. */
    void (*interrupt)(Db *db);

    /*
     * Statement-level progress of a unit without a transaction, or NULL.
     * `progress_begin` runs before its first statement: it sets *resume to
     * the number of statements an earlier, interrupted run of the same
     * unit completed (they are not run again), or fails when those differ
     * from the unit's first statements now; it sets *resume to -1 when it
     * finds the unit done by another run meanwhile (it is skipped).
     * `progress_exec` runs
     * statement i and records it as done; with `with_ledger` (the last
     * statement, and the driver has no check) the unit's ledger statement
     * goes with it instead, its duration measured by the server, and the
     * unit's progress is forgotten.  `progress_end` forgets the unit once
     * its ledger row is written otherwise.  MySQL: see mysql.c.
     */
    bool (*progress_begin)(Db *db, const DbBatch *b, int *resume,
                           DbError *err);
    DbStep (*progress_exec)(Db *db, const DbBatch *b, int i, bool with_ledger,
                            DbError *err);
    void (*progress_end)(Db *db, const DbBatch *b);
    /* Every unit whose progress is recorded, for `status`; read-only. */
    bool (*read_partial)(Db *db, DbPartialFn fn, void *ctx, DbError *err);
    /* Drop what statement `stmt` leaves behind when it fails part-way
     * (PostgreSQL: the INVALID index of a CREATE INDEX CONCURRENTLY), so
     * that a rollback of what ran before it leaves nothing of it; or
     * NULL.  A retry of the statement does the same (progress_begin). */
    bool (*drop_leftover)(Db *db, const char *stmt, DbError *err);
} DbDriver;

extern const DbDriver db_driver_postgres;
extern const DbDriver db_driver_sqlite;
extern const DbDriver db_driver_mysql;

struct Db {
    const DbDriver *drv;
    void *conn;             /* PGconn *, sqlite3 * or mysql.c's MyConn * */
    char *table;            /* the ledger table, as given */
    char *qtable;           /* the same, quoted as an identifier */
    char *display;          /* the target for messages, password masked */
    char *sqlite_path;      /* SQLite: the file */
    bool readonly;
    bool locked;
    bool verbose;           /* show server notices */
    int busy_timeout_ms;    /* SQLite */
    void *cancel;           /* PostgreSQL: the PGcancel * of interrupt() */
    bool qualified;         /* qtable holds the ledger's schema */
    int resumed;            /* statements of the last unit run by an
                               earlier, interrupted run (progress_begin) */
    char *resumed_key;      /* and the key its backfill had reached, for
                               the statement after them (malloc'd), or
                               NULL */
    long backfilled;        /* rows the last unit's backfills updated */
    char *unit_setup;       /* malloc'd SQL run before every unit, outside
                               its transaction (the lock timeout), or NULL;
                               session_reset undoes it after the unit */
};

/* The driver for a target: "sqlite:..." is SQLite, "mysql:..." and
 * "mariadb:..." MySQL, anything else libpq. */
const DbDriver *db_driver_for(const char *target);

/* Connect.  On failure *err holds the driver's message and db is closed.
 * `table` is the ledger table name. */
bool db_open(Db *db, const char *target, const char *table, bool readonly,
             DbError *err);
/* Release the lock if held and close.  Safe on a closed or failed Db. */
void db_close(Db *db);

/* Run a batch (see DbBatch) inside the driver's frame: the driver's
 * run_batch when it has one, else the calls of the interface in order.  On
 * DB_RUN_FAILED the transaction has been rolled back (for a batch without
 * one: what ran stays), *err says why and *failed which statement: its
 * index, or DB_FAILED_LEDGER / DB_FAILED_TXN / DB_FAILED_CHECK. */
DbRunResult db_run_batch(Db *db, const DbBatch *b, int *failed, DbError *err);

/* The path of a "sqlite:PATH" or "sqlite://PATH" target (malloc'd). */
char *db_sqlite_path(const char *target);

/* Split SQL text into statements at top-level ';' (quotes, dollar quotes
 * and comments respected).  Each piece ends with its ';' (the last may not);
 * pieces holding only whitespace and comments are dropped.  Returns the
 * count; *out is a malloc'd array of malloc'd strings (db_free_split). */
int db_split_sql(const char *sql, char ***out);
/* The same with the lexer's flags (sqllex.h: SQLLEX_MYSQL). */
int db_split_sql_flags(const char *sql, unsigned flags, char ***out);
void db_free_split(char **v, int n);
/* Whether s[0, n) holds anything but whitespace, comments and ';'. */
bool db_sql_has_content(const char *s, size_t n);

/* The progress table of the ledger, `<ledger>_progress`, quoted as an
 * identifier with the driver's quote and, when the ledger's name holds its
 * schema (Db.qualified), in the same schema (malloc'd). */
char *db_progress_table(const Db *db);

/* Whether the `done` statements that an earlier run of batch `b`
 * recorded (`done_sql`: each statement followed by a newline) are its
 * first statements still.  If not, *err says that the file changed in
 * the part that ran, with what ran as its detail and, in the hint, the
 * row of the progress table `qprogress` to delete once undone by hand. */
bool db_progress_same_prefix(const DbBatch *b, int done, const char *done_sql,
                             const char *qprogress, DbError *err);

/* The direction of a batch (DbBatch.direction). */
const char *db_batch_direction(const DbBatch *b);

/* The error of an `up` of a migration whose rollback (an "undo") stopped
 * part-way after `done` of its `total` statements. */
void db_progress_undo_stopped(DbError *err, const DbBatch *b, int done,
                              int total);

/* The error of a rollback of an applied migration while migration
 * `version` stopped part-way going up, after `done` statements
 * (`done_sql`): what ran of it stands on what would be rolled back. */
void db_progress_partial_above(DbError *err, const char *version, int done,
                               const char *done_sql);

/* For DbDriver.read_partial: a DbRowFn over rows of (version, direction,
 * done, total, done_sql[, failed_sql, error_code, error_message,
 * error_detail, error_hint]) that calls `fn` once per row; ctx is a
 * DbPartialRows. */
typedef struct DbPartialRows {
    DbPartialFn fn;
    void *ctx;
} DbPartialRows;
bool db_partial_row(void *ctx, int ncols, const char *const *vals);

/* The columns of the progress table that record a failed statement
 * (DbPartial), each text, NULL while none failed; the SQL that sets them
 * all NULL (after a statement succeeds), and the ALTER TABLE clauses that
 * add them to a table made before them ("ADD COLUMN failed_sql text, ..."),
 * `if_not_exists` with PostgreSQL's IF NOT EXISTS. */
#define DB_PROGRESS_FAILURE_COLS \
    "failed_sql, error_code, error_message, error_detail, error_hint"
#define DB_PROGRESS_FAILURE_CLEAR \
    "failed_sql = NULL, error_code = NULL, error_message = NULL, " \
    "error_detail = NULL, error_hint = NULL"
char *db_progress_add_failure_cols(const char *qprogress, bool if_not_exists);

/* Run the driver's unit_prologue or unit_epilogue (`sql` NULL: nothing). */
bool db_run_frame(Db *db, const char *sql, DbError *err);

/*
 * SIGINT and SIGTERM during a write run (interrupt.c).  Armed, the first
 * signal interrupts the statement running on `db` (DbDriver.interrupt) and
 * is remembered; the run then stops after the unit it was in, and says
 * what became of it.  A second signal ends the process at once.
 */
void db_interrupt_arm(Db *db);
void db_interrupt_disarm(void);
/* The signal received since arming, or 0. */
int db_interrupted(void);

/* Milliseconds since an arbitrary start (monotonic clock). */
double db_now_ms(void);

#endif
