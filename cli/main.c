/*
 * main.c — option parsing and dispatch to the subcommands.
 *
 * Options may come before or after the subcommand, as `--opt value` or
 * `--opt=value`.  Exit status: 0 success, 1 compile, check or database
 * error, 2 usage error.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef MIGC_VERSION
#define MIGC_VERSION "0.1.0"
#endif

static const char usage_text[] =
    "usage: migc [OPTIONS] COMMAND [ARGS]\n"
    "\n"
    "Compile migrations written in the migc language to SQL, check them\n"
    "against the schema model of the whole history, and apply them.\n"
    "\n"
    "commands:\n"
    "  check [FILE...]        parse and check every migration; print each one's\n"
    "                         class (reversible, lossy, irreversible)\n"
    "  compile [FILE|VERSION...]\n"
    "                         print the SQL of every migration (--down: the\n"
    "                         downs, newest first)\n"
    "  schema                 print the schema all migrations produce\n"
    "  new NAME               create DIR/<UTC timestamp>_NAME.mig\n"
    "  up [--to V|--steps N]  apply pending migrations\n"
    "  down [--steps N|--to V|--all]\n"
    "                         roll back applied migrations (default one)\n"
    "  redo [--dry-run]       roll back the newest migration and apply it again\n"
    "  status [--json] [--exit-code] [--drift]\n"
    "                         show every migration's state\n"
    "  mark applied|pending V record V as applied, or remove it from the ledger,\n"
    "                         without running its SQL\n"
    "  accept V               record the edited file of applied V (checksum, down)\n"
    "  complete [V]           contract an `expand;` migration: the old shape goes\n"
    "  abort [V]              undo the expand of a migration not completed\n"
    "  schema-name [V]        print the schema of views a client of V uses\n"
    "  introspect             print the database's schema as a migration\n"
    "  baseline [NAME]        write that as the first migration and mark it\n"
    "                         applied\n"
    "  diff                   compare the database with the migrations it\n"
    "                         applied; print what brings it back (exit 1 on drift)\n"
    "  verify [--with-rows]   on a scratch database: up, compare, down, compare,\n"
    "                         up again, for every migration\n"
    "  squash --to V          replace the migrations up to V by one generated\n"
    "                         migration (the old files go to DIR/squashed/)\n"
    "  help [COMMAND]         show this help, or COMMAND's\n"
    "\n"
    "options:\n"
    "  --dir DIR              migrations folder (default: $MIGC_DIR or migrations)\n"
    "  --db URL               database: postgres://..., a libpq conninfo string,\n"
    "                         sqlite:PATH, or mysql://USER:PASS@HOST:PORT/DB\n"
    "                         (mariadb://, ?socket=PATH) (default: $DATABASE_URL\n"
    "                         or sqlite:db.sqlite3)\n"
    "  --dialect D            postgres, sqlite or mysql (default: from --db, else\n"
    "                         postgres)\n"
    "  --table NAME           ledger table (default: migc_migrations)\n"
    "  --strict               lossy and irreversible migrations are errors\n"
    "  --since VERSION        check: warnings only for migrations newer than\n"
    "                         VERSION\n"
    "  --dry-run              print the SQL that would run; change nothing\n"
    "  --batch-size N         expand and safe backfills: rows per batch (default\n"
    "                         1000)\n"
    "  --batch-pause MS       expand and safe backfills: pause after each batch\n"
    "                         (default 0)\n"
    "  --allow-changed        apply even if applied migrations were changed\n"
    "  --allow-out-of-order   apply pending migrations older than applied ones\n"
    "  --allow-drift          up: apply on a database that drifted from the\n"
    "                         migrations it applied (no check)\n"
    "  --lock-timeout DURATION\n"
    "                         PostgreSQL: how long each migration waits for a\n"
    "                         lock before it fails (500ms, 2s, 1min; 0: no\n"
    "                         limit; default 2s)\n"
    "  --retries N            PostgreSQL: try a migration that failed on the\n"
    "                         lock timeout again up to N times, after a\n"
    "                         growing, jittered pause (default 3)\n"
    "  --allow-sql            squash: leave out the migrations' sql statements\n"
    "  --with-rows            verify: roll back with generated rows in every table\n"
    "  -q, --quiet            print only errors\n"
    "  -v, --verbose          also print each SQL statement\n"
    "  -h, --help             show this help (migc help COMMAND or\n"
    "                         migc COMMAND --help: that command's)\n"
    "  -V, --version          show the version\n";

struct cmd_help {
    const char *name;
    const char *text;
    int (*run)(CliOpts *);
};

static const struct cmd_help commands[] = {
    {"check",
     "usage: migc check [--dir DIR] [--dialect D] [--strict]\n"
     "                  [--since VERSION] [--format text|json|sarif|github]\n"
     "                  [FILE...]\n"
     "Parse and check every migration of DIR in order against the schema\n"
     "model; print diagnostics, in history order, and one line per\n"
     "migration (or per FILE) with its class, and warn where a derived\n"
     "down may fail on data. Exit status 1 on any error (and, with\n"
     "--strict, on lossy and irreversible migrations).\n"
     "--since VERSION: check the whole history, but report warnings (and\n"
     "--strict errors) only for migrations newer than VERSION.\n"
     "With --dialect postgres (the default) or mysql, also lint: warn about\n"
     "statements that take strong locks, rewrite or scan a table, or break\n"
     "clients of the previous code, each named by its rule, e.g.\n"
     "[adding-foreign-key-constraint] (docs/LINT.md). `allow RULE, ...;`\n"
     "before a statement (or at the top of a file) silences rules for it.\n"
     "Lint findings are warnings, also with --strict.\n"
     "--format chooses how lint findings are printed: text (stderr, like\n"
     "every diagnostic), json, sarif (SARIF 2.1.0) or github (workflow\n"
     "annotations) on stdout; errors and other warnings stay text on stderr.\n",
     cmd_check},
    {"compile",
     "usage: migc compile [--dir DIR] [--dialect D] [--down]\n"
     "                    [FILE | VERSION...]\n"
     "Print the SQL of every migration (or of the given ones, by path or by\n"
     "version), up, or down with --down (newest first), each preceded by a\n"
     "comment naming the migration, its direction and class. Refuses a\n"
     "history with a migration whose down cannot be derived and that has\n"
     "no down block.\n",
     cmd_compile},
    {"schema",
     "usage: migc schema [--dir DIR] [--dialect D]\n"
     "Print the schema that all migrations produce, as CREATE statements,\n"
     "without a database.\n",
     cmd_schema},
    {"new",
     "usage: migc new [--dir DIR] NAME\n"
     "Create DIR/<UTC yyyymmddHHMMSS>_NAME.mig with a commented template\n"
     "and print its path. NAME is letters, digits and '_'; CamelCase is\n"
     "written in snake case (AddUserBio: ..._add_user_bio.mig).\n",
     cmd_new},
    {"up",
     "usage: migc up [--db URL] [--dir DIR] [--to VERSION | --steps N]\n"
     "               [--dry-run] [--allow-changed] [--allow-out-of-order]\n"
     "               [--allow-drift]\n"
     "               [--lock-timeout DURATION] [--retries N]\n"
     "               [--batch-size N] [--batch-pause MS]\n"
     "Apply pending migrations in order, each with its ledger row in one\n"
     "transaction: all of them, those up to VERSION, or the next N.\n"
     "PostgreSQL: each migration runs with lock_timeout set (--lock-timeout,\n"
     "default 2s; 0: none); one that fails on it (SQLSTATE 55P03) is rolled\n"
     "back and tried again up to --retries times (default 3) after a\n"
     "growing, jittered pause, each attempt printed; the ledger records it\n"
     "only once it succeeds.\n"
     "An `expand;` migration (PostgreSQL) runs its expand phase step by\n"
     "step, backfilling in batches of --batch-size rows with --batch-pause\n"
     "milliseconds between them; up stops after it until `migc complete`.\n"
     "An expand stopped part-way resumes where it stopped. The backfill of\n"
     "a `safe;` migration runs in the same batches, and resumes after the\n"
     "last key it recorded.\n"
     "Before applying, up compares the database with the migrations it\n"
     "applied, as migc diff does (tables, columns,\n"
     "constraints, indexes, enums; what applied sql statements made is\n"
     "left out), and refuses a database that drifted, showing the first\n"
     "lines of the difference; --allow-drift applies without the check.\n",
     cmd_up},
    {"down",
     "usage: migc down [--db URL] [--dir DIR] [--steps N | --to VERSION |\n"
     "                 --all] [--dry-run] [--lock-timeout DURATION]\n"
     "                 [--retries N]\n"
     "Roll back the newest applied migrations (default one), running the\n"
     "down SQL recorded when each was applied. --to VERSION rolls back\n"
     "every migration newer than VERSION (0: every one), --all every one.\n"
     "A VERSION that is no migration, or more --steps than are applied, is\n"
     "an error that rolls back nothing. A migration that stopped part-way\n"
     "(status: partial) comes first: the downs of the statements of its\n"
     "file that ran, newest first; --to a VERSION at or above it refuses\n"
     "when it would roll back applied migrations above it.\n",
     cmd_down},
    {"redo",
     "usage: migc redo [--db URL] [--dir DIR] [--dry-run]\n"
     "                 [--lock-timeout DURATION] [--retries N]\n"
     "Roll back the newest applied migration, then apply it again; refused\n"
     "while a migration stopped part-way (status: partial).\n"
     "--dry-run: print the down and up SQL that would run; change nothing.\n"
     "--lock-timeout and --retries as for up (PostgreSQL).\n",
     cmd_redo},
    {"status",
     "usage: migc status [--db URL] [--dir DIR] [--json] [--exit-code]\n"
     "                   [--drift]\n"
     "Show every migration: applied (with time), pending, out of order,\n"
     "changed, missing or partial (stopped part-way: N of M statements, the\n"
     "statement that failed and the server's error; `partial (rolling\n"
     "back)` for a rollback), then a summary line with the counts and the\n"
     "database (password masked). --json: the same as JSON, with the whole\n"
     "error. --exit-code: exit status 1 when any migration is not applied\n"
     "as its file says.\n"
     "--drift: also read the catalog and end with whether the database\n"
     "drifted from the applied migrations (with --exit-code, drift gives\n"
     "status 1 too); not with --json.\n",
     cmd_status},
    {"mark",
     "usage: migc mark applied|pending VERSION [--db URL] [--dir DIR]\n"
     "                 [--dry-run]\n"
     "Repair the ledger without running any SQL. applied: record VERSION as\n"
     "applied, with its current up and down SQL and checksum (it was applied\n"
     "by hand). pending: remove VERSION from the ledger without running its\n"
     "down (it was rolled back by hand). Under the lock; prints what it did.\n",
     cmd_mark},
    {"accept",
     "usage: migc accept VERSION [--db URL] [--dir DIR] [--dry-run]\n"
     "An applied migration's file was edited on purpose: record its new\n"
     "checksum and its new down SQL, so that up no longer refuses and down\n"
     "runs the new down. Under the lock; prints what it did.\n",
     cmd_accept},
    {"complete",
     "usage: migc complete [VERSION] [--db URL] [--dir DIR] [--dry-run]\n"
     "Contract the migration between expand and complete (or VERSION),\n"
     "PostgreSQL: validate its constraints, drop the previous version's\n"
     "schema of views, the triggers and the old columns, and rename what it\n"
     "renames. Clients of the previous version fail from here on; clients\n"
     "of VERSION go on through its schema (migc schema-name VERSION).\n"
     "Stopped part-way, it is finished by running it again.\n",
     cmd_complete},
    {"abort",
     "usage: migc abort [VERSION] [--db URL] [--dir DIR] [--dry-run]\n"
     "Undo the expand of the migration between expand and complete (or\n"
     "VERSION), also one that stopped part-way: drop its schemas of views,\n"
     "triggers, new columns, indexes and constraints, and its ledger row.\n"
     "The database is then as it was before `migc up`.\n",
     cmd_abort},
    {"schema-name",
     "usage: migc schema-name [VERSION] [--dir DIR]\n"
     "Print the schema of views that a client of VERSION (default: the\n"
     "newest migration) puts first on its search_path while an `expand;`\n"
     "migration is between expand and complete: public_VERSION. It exists\n"
     "for an expand migration's version and for the version before it.\n",
     cmd_schema_name},
    {"introspect",
     "usage: migc introspect [--db URL] [--table NAME]\n"
     "Print the schema of the database as one migration in the language:\n"
     "schemas, enum types, tables with their columns, defaults, keys, unique, check and\n"
     "foreign key constraints (named, with their actions), and indexes\n"
     "(unique, partial). The ledger table and its progress table are left\n"
     "out. What the language cannot express comes out as `sql` with its\n"
     "drop as the down, after a comment saying why. Needs no migrations\n"
     "folder; reads only (docs/INTROSPECT.md).\n",
     cmd_introspect},
    {"baseline",
     "usage: migc baseline [NAME] [--db URL] [--dir DIR] [--dry-run]\n"
     "Write the schema of the database (as migc introspect prints it) as\n"
     "the first migration of DIR, DIR/<UTC yyyymmddHHMMSS>_NAME.mig (NAME:\n"
     "baseline), and mark it applied in that database under the lock, with\n"
     "its checksum and down SQL, as mark applied does. Refused when DIR\n"
     "already holds migrations. --dry-run: print the file and change\n"
     "nothing.\n",
     cmd_baseline},
    {"squash",
     "usage: migc squash --to VERSION [--dir DIR] [--dialect D] [--dry-run]\n"
     "                   [--allow-sql]\n"
     "Replace every migration up to VERSION by one generated migration,\n"
     "DIR/VERSION_squashed.mig, that creates the schema they produce and\n"
     "starts with `replaces V, ...;` naming their versions; move their files\n"
     "to DIR/squashed/. A database that applied them all takes the new one as\n"
     "applied; `up` refuses a database that applied only some of them.\n"
     "Refuses a history whose migrations up to VERSION have sql statements\n"
     "(the model does not see what they do) unless --allow-sql, which leaves\n"
     "them out. --dry-run prints the file and the moves; changes nothing.\n",
     cmd_squash},
    {"diff",
     "usage: migc diff [--db URL] [--dir DIR] [--table NAME]\n"
     "Compare the schema model of the migrations the database applied (its\n"
     "ledger) with what the database holds (its catalog, read as migc\n"
     "introspect reads it). Print, as statements of the language, what\n"
     "brings the database back to the migrations, each after a comment\n"
     "saying what differs: what the database has that the migrations lack,\n"
     "and the reverse. Exit status 1 on drift, 0 when they match.\n",
     cmd_diff},
    {"verify",
     "usage: migc verify [--db URL] [--dir DIR] [--with-rows]\n"
     "Prove the history on a scratch database (refused when it holds\n"
     "tables): for every migration, up, compare the catalog with the model,\n"
     "down (after filling every table with generated rows, with\n"
     "--with-rows), compare with the model before it, up again. Report the\n"
     "first difference or failure of each migration; exit status 1 if any.\n",
     cmd_verify},
};

/* A duration: digits and a unit, ms, s or min (a bare number is
 * milliseconds, as PostgreSQL's lock_timeout takes it); at most a day. */
static bool parse_duration_ms(const char *s, long *out)
{
    static const struct {
        const char *unit;
        long ms;
    } units[] = {{"", 1}, {"ms", 1}, {"s", 1000}, {"min", 60000}};
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || n < 0 || n > 86400000L)
        return false;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0 && n <= 86400000L / units[i].ms) {
            *out = n * units[i].ms;
            return true;
        }
    return false;
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("migc: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'migc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Options that take a value, and where it goes (--steps is parsed after). */
static const struct {
    const char *name;
    size_t off;
} value_opts[] = {
    {"--dir", offsetof(CliOpts, dir)},
    {"--db", offsetof(CliOpts, db)},
    {"--dialect", offsetof(CliOpts, dialect)},
    {"--table", offsetof(CliOpts, table)},
    {"--to", offsetof(CliOpts, to)},
    {"--steps", offsetof(CliOpts, steps_arg)},
    {"--lock-timeout", offsetof(CliOpts, lock_timeout_arg)},
    {"--retries", offsetof(CliOpts, retries_arg)},
    {"--since", offsetof(CliOpts, since)},
    {"--format", offsetof(CliOpts, format)},
    {"--batch-size", offsetof(CliOpts, batch_size_arg)},
    {"--batch-pause", offsetof(CliOpts, batch_pause_arg)},
};

/* Options without a value. */
static const struct {
    const char *name;
    size_t off;
} flag_opts[] = {
    {"--down", offsetof(CliOpts, down)},
    {"--all", offsetof(CliOpts, all)},
    {"--dry-run", offsetof(CliOpts, dry_run)},
    {"--json", offsetof(CliOpts, json)},
    {"--exit-code", offsetof(CliOpts, exit_code)},
    {"--quiet", offsetof(CliOpts, quiet)},
    {"-q", offsetof(CliOpts, quiet)},
    {"--verbose", offsetof(CliOpts, verbose)},
    {"-v", offsetof(CliOpts, verbose)},
    {"--strict", offsetof(CliOpts, strict)},
    {"--allow-changed", offsetof(CliOpts, allow_changed)},
    {"--allow-sql", offsetof(CliOpts, allow_sql)},
    {"--with-rows", offsetof(CliOpts, with_rows)},
    {"--allow-out-of-order", offsetof(CliOpts, allow_out_of_order)},
    {"--allow-drift", offsetof(CliOpts, allow_drift)},
    {"--drift", offsetof(CliOpts, drift)},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char **value_slot(CliOpts *o, const char *name)
{
    for (size_t i = 0; i < NELEM(value_opts); i++)
        if (strcmp(name, value_opts[i].name) == 0)
            return (const char **)(void *)((char *)o + value_opts[i].off);
    return NULL;
}

/* "unknown option '--stpes'" with the closest option, if one is close. */
static int unknown_option(const char *arg, const char *name)
{
    const char *cands[NELEM(value_opts) + NELEM(flag_opts) + 2];
    int n = 0;
    for (size_t i = 0; i < NELEM(value_opts); i++)
        cands[n++] = value_opts[i].name;
    for (size_t i = 0; i < NELEM(flag_opts); i++)
        cands[n++] = flag_opts[i].name;
    cands[n++] = "--help";
    cands[n++] = "--version";
    const char *best = suggest_closest(name, cands, n);
    fprintf(stderr, "migc: unknown option '%s'\n", arg);
    if (best)
        fprintf(stderr, "hint: did you mean %s?\n", best);
    fputs("Try 'migc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

static bool *flag_slot(CliOpts *o, const char *name, bool *help, bool *version)
{
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return help;
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return version;
    for (size_t i = 0; i < NELEM(flag_opts); i++)
        if (strcmp(name, flag_opts[i].name) == 0)
            return (bool *)((char *)o + flag_opts[i].off);
    return NULL;
}

static const struct cmd_help *find_command(const char *name)
{
    for (size_t i = 0; i < NELEM(commands); i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* "unknown command 'stauts'" with the closest command, if one is close. */
static int unknown_command(const char *name)
{
    const char *cands[NELEM(commands) + 1];
    int n = 0;
    for (size_t i = 0; i < NELEM(commands); i++)
        cands[n++] = commands[i].name;
    cands[n++] = "help";
    const char *best = suggest_closest(name, cands, n);
    fprintf(stderr, "migc: unknown command '%s'\n", name);
    if (best)
        fprintf(stderr, "hint: did you mean migc %s?\n", best);
    fputs("Try 'migc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* `migc help [COMMAND]`: the help on stdout. */
static int help_command(const CliOpts *o)
{
    if (o->nargs == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (o->nargs > 1)
        return usage_error("%s", "help takes at most one COMMAND");
    if (strcmp(o->args[0], "help") == 0) {
        fputs("usage: migc help [COMMAND]\n"
              "Show the help of migc, or of COMMAND.\n", stdout);
        return EXIT_OK;
    }
    const struct cmd_help *c = find_command(o->args[0]);
    if (!c)
        return unknown_command(o->args[0]);
    fputs(c->text, stdout);
    return EXIT_OK;
}

/* What --db or DATABASE_URL names must say which database it is: a bare
 * path (db.sqlite3) would otherwise be taken for a libpq connection
 * string.  A connection string has '='. */
static bool db_target_ok(const char *what, const char *url)
{
    static const char *const schemes[] = {"postgres://", "postgresql://",
                                          "sqlite:", "mysql:", "mariadb:"};
    for (size_t i = 0; i < NELEM(schemes); i++)
        if (strncmp(url, schemes[i], strlen(schemes[i])) == 0)
            return true;
    if (strchr(url, '='))
        return true;
    fprintf(stderr, "migc: %s '%s' is not a database URL\n", what, url);
    fprintf(stderr, "hint: an SQLite file is sqlite:PATH (sqlite:%s); "
            "PostgreSQL is postgres://USER@HOST/DB or 'host=... dbname=...'; "
            "MySQL is mysql://USER@HOST/DB\n", url);
    fputs("Try 'migc --help' for more information.\n", stderr);
    return false;
}

int main(int argc, char **argv)
{
    CliOpts o;
    memset(&o, 0, sizeof o);
    bool help = false, version = false;
    char **args = xmalloc(sizeof(char *) * (size_t)(argc > 0 ? argc : 1));
    int nargs = 0;
    bool options_done = false;

    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!o.cmd)
                o.cmd = a;
            else
                args[nargs++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        char name[64];
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (nlen >= sizeof name) {
            free(args);
            return unknown_option(a, "");
        }
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        const char **slot = value_slot(&o, name);
        if (slot) {
            if (eq) {
                *slot = eq + 1;
            } else if (i + 1 < argc) {
                *slot = argv[++i];
            } else {
                free(args);
                return usage_error("option '%s' needs a value", name);
            }
            continue;
        }
        bool *flag = flag_slot(&o, name, &help, &version);
        if (!flag) {
            free(args);
            return unknown_option(a, name);
        }
        if (eq) {
            free(args);
            return usage_error("option '%s' takes no value", name);
        }
        *flag = true;
    }
    o.args = args;
    o.nargs = nargs;

    if (version) {
        printf("migc %s\n", MIGC_VERSION);
        free(args);
        return EXIT_OK;
    }
    const struct cmd_help *cmd = NULL;
    if (o.cmd && strcmp(o.cmd, "help") == 0 && !help) {
        int rc = help_command(&o);
        free(args);
        return rc;
    }
    if (o.cmd) {
        cmd = find_command(o.cmd);
        if (!cmd) {
            free(args);
            return strcmp(o.cmd, "help") == 0 ? (fputs(usage_text, stdout), EXIT_OK)
                                              : unknown_command(o.cmd);
        }
    }
    if (help || !cmd) {
        fputs(cmd ? cmd->text : usage_text, help ? stdout : stderr);
        free(args);
        return help ? EXIT_OK : EXIT_USAGE;
    }
    if (o.steps_arg) {
        const char *steps = o.steps_arg;
        char *end;
        long n = strtol(steps, &end, 10);
        if (*steps == '\0' || *end != '\0' || n < 1 || n > 1000000) {
            free(args);
            return usage_error("--steps needs a positive number, not '%s'",
                               steps);
        }
        o.steps = (int)n;
    }
    o.lock_timeout_ms = CLI_DEFAULT_LOCK_TIMEOUT_MS;
    o.retries = CLI_DEFAULT_RETRIES;
    if ((o.lock_timeout_arg || o.retries_arg) && cmd->run != cmd_up &&
        cmd->run != cmd_down && cmd->run != cmd_redo) {
        free(args);
        return usage_error("%s is an option of up, down and redo",
                           o.lock_timeout_arg ? "--lock-timeout"
                                              : "--retries");
    }
    if (o.lock_timeout_arg &&
        !parse_duration_ms(o.lock_timeout_arg, &o.lock_timeout_ms)) {
        free(args);
        return usage_error("--lock-timeout needs a duration such as 500ms, "
                           "2s or 1min (0: no limit), not '%s'",
                           o.lock_timeout_arg);
    }
    if (o.retries_arg) {
        const char *r = o.retries_arg;
        char *end;
        long n = strtol(r, &end, 10);
        if (*r < '0' || *r > '9' || *end != '\0' || n < 0 || n > 1000) {
            free(args);
            return usage_error("--retries needs a number from 0 to 1000, "
                               "not '%s'", r);
        }
        o.retries = (int)n;
    }
    if (o.batch_size_arg || o.batch_pause_arg) {
        const char *b = o.batch_size_arg ? o.batch_size_arg : "1000";
        const char *p = o.batch_pause_arg ? o.batch_pause_arg : "0";
        char *e1, *e2;
        long n = strtol(b, &e1, 10), ms = strtol(p, &e2, 10);
        if (*b == '\0' || *e1 != '\0' || n < 1 || n > 10000000) {
            free(args);
            return usage_error("--batch-size needs a positive number, not "
                               "'%s'", b);
        }
        if (*p == '\0' || *e2 != '\0' || ms < 0 || ms > 3600000) {
            free(args);
            return usage_error("--batch-pause needs milliseconds (0 to "
                               "3600000), not '%s'", p);
        }
        o.batch_size = (int)n;
        o.batch_pause_ms = (int)ms;
    }
    if ((o.steps != 0) + (o.to != NULL) + o.all > 1) {
        free(args);
        return usage_error("%s", o.all ? "--all, --steps and --to cannot be "
                                         "used together"
                                       : "--steps and --to cannot be used "
                                         "together");
    }
    if (o.all && strcmp(cmd->name, "down") != 0) {
        free(args);
        return usage_error("--all is an option of down, not of %s",
                           cmd->name);
    }
    /* An empty value is a variable that was not set: never fall back to
     * DATABASE_URL or the default ledger in its place. */
    if (o.db && !*o.db) {
        free(args);
        return usage_error("%s", "--db is empty (give a database URL, or "
                                 "leave --db out to use DATABASE_URL)");
    }
    if (o.table && !*o.table) {
        free(args);
        return usage_error("%s", "--table is empty (give the ledger table's "
                                 "name, or leave --table out for "
                                 "migc_migrations)");
    }
    if (o.format && strcmp(cmd->name, "check") != 0) {
        free(args);
        return usage_error("--format is an option of check, not of %s",
                           cmd->name);
    }
    if (o.since && strcmp(cmd->name, "check") != 0) {
        free(args);
        return usage_error("--since is an option of check, not of %s",
                           cmd->name);
    }
    const char *env_url = getenv("DATABASE_URL");
    if ((o.db && !db_target_ok("--db", o.db)) ||
        (!o.db && cmd->run != cmd_new && env_url && *env_url &&
         !db_target_ok("DATABASE_URL", env_url))) {
        free(args);
        return EXIT_USAGE;
    }
    if (!o.dir)
        o.dir = getenv("MIGC_DIR");
    o.dir_given = o.dir && *o.dir;
    if (!o.dir_given)
        o.dir = "migrations";
    if (!o.table)
        o.table = "migc_migrations";
    o.color = cli_color(STDOUT_FILENO);

    if (cmd->run != cmd_new && cmd->run != cmd_introspect &&
        cmd->run != cmd_baseline &&
        !cli_require_dir(&o)) {
        free(args);
        return EXIT_FAIL;
    }
    int rc = cli_finish_stdout(cmd->run(&o));
    free(args);
    return rc;
}
