/*
 * cli.h — the command line: options shared by every subcommand, and one
 * function per subcommand (one file each).
 */
#ifndef MIGC_CLI_H
#define MIGC_CLI_H

#include <stdbool.h>

#include "diag.h"
#include "migc.h"
#include "migset.h"

typedef struct CliOpts {
    const char *cmd;            /* subcommand */
    const char *dir;            /* --dir, MIGC_DIR, "migrations" */
    bool dir_given;             /* --dir or MIGC_DIR named it */
    const char *db;             /* --db, DATABASE_URL, NULL */
    const char *dialect;        /* --dialect, or NULL: from --db, else postgres */
    const char *table;          /* --table, "migc_migrations" */
    const char *to;             /* --to VERSION */
    const char *steps_arg;      /* --steps as given */
    const char *since;          /* check --since VERSION */
    int steps;                  /* --steps N (0: not given) */
    const char *lock_timeout_arg;   /* --lock-timeout as given */
    const char *retries_arg;        /* --retries as given */
    long lock_timeout_ms;       /* --lock-timeout (default 2 s; 0: none) */
    int retries;                /* --retries N (default 3) */
    bool all;                   /* down --all */
    bool down;                  /* compile --down */
    bool dry_run;
    bool json;
    bool exit_code;             /* status --exit-code */
    bool quiet;
    bool verbose;
    bool strict;
    bool allow_changed;
    bool allow_out_of_order;
    bool allow_drift;           /* up --allow-drift */
    bool drift;                 /* status --drift */
    bool allow_sql;             /* squash --allow-sql */
    bool with_rows;             /* verify --with-rows */
    bool color;                 /* stdout is a terminal and NO_COLOR unset */
    const char *format;         /* check --format: text, json, sarif, github */
    const char *batch_size_arg; /* --batch-size as given */
    const char *batch_pause_arg; /* --batch-pause as given */
    int batch_size;             /* expand backfills: rows per batch */
    int batch_pause_ms;         /* and the pause after each, in ms */
    char **args;                /* positional arguments after the subcommand */
    int nargs;
} CliOpts;

/* The defaults of --lock-timeout and --retries (docs/RUNTIME.md, "Lock
 * timeouts"). */
#define CLI_DEFAULT_LOCK_TIMEOUT_MS 2000
#define CLI_DEFAULT_RETRIES 3

/* Exit statuses, as cli.md fixes them. */
#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* The database URL in force: --db, DATABASE_URL, or sqlite:db.sqlite3. */
const char *cli_db_url(const CliOpts *o);
/* The dialect in force: --dialect, else the dialect of --db/DATABASE_URL
 * when one is given, else postgres.  NULL (after a message) if unknown. */
const Dialect *cli_dialect(const CliOpts *o);
/* Read the migrations folder into h. */
bool cli_load_dir(const CliOpts *o, History *h);
/* Whether the migrations folder exists; if not, an error that says what
 * to do.  A missing folder is an error for every command but `new`,
 * whether --dir named it or it is the default: run from the wrong folder,
 * `up` must not report "nothing to apply" (and create db.sqlite3). */
bool cli_require_dir(const CliOpts *o);
/* Load, parse, check and compile the history of o->dir for `d` into a new
 * history (*h, to be freed with history_delete() whatever the result).
 * Diagnostics go to stderr.  Returns false on any error. */
bool cli_load_history(const CliOpts *o, History **h, Diag *diag,
                      const Dialect *d);
/* The migration set of o->dir for `d` (migset.h), as the database
 * commands take it: checksums first, SQL when something runs.
 * Diagnostics go to `diag` (stderr, errors only).  False on any error. */
bool cli_load_set(const CliOpts *o, MigSet *s, Diag *diag, const Dialect *d);

/* mkdir -p DIR (cmd_new.c); false with errno set. */
bool cli_make_dirs(const char *dir);

/* Colour on file descriptor fd: a terminal, and NO_COLOR unset or empty
 * (no-color.org). */
bool cli_color(int fd);

/* A command's exit status after flushing and closing stdout: a write that
 * failed (a full disk, a closed pipe) turns success into EXIT_FAIL, with a
 * message, so that `migc compile > out.sql` never leaves a short file
 * behind an exit status of 0. */
int cli_finish_stdout(int rc);

int cmd_check(CliOpts *o);
int cmd_compile(CliOpts *o);
int cmd_schema(CliOpts *o);
int cmd_new(CliOpts *o);
int cmd_up(CliOpts *o);
int cmd_down(CliOpts *o);
int cmd_redo(CliOpts *o);
int cmd_status(CliOpts *o);
int cmd_mark(CliOpts *o);
int cmd_accept(CliOpts *o);
int cmd_complete(CliOpts *o);
int cmd_abort(CliOpts *o);
int cmd_schema_name(CliOpts *o);
int cmd_introspect(CliOpts *o);
int cmd_baseline(CliOpts *o);
int cmd_squash(CliOpts *o);
int cmd_diff(CliOpts *o);
int cmd_verify(CliOpts *o);

#endif
