/*
 * main.c — option parsing and dispatch to the subcommands.
 *
 * Options may come before or after the subcommand, as `--opt value` or
 * `--opt=value`.  Exit status: 0 success, 1 compile, check or database
 * error, 2 usage error.
 */
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
    "  compile [FILE...]      print the SQL of every migration (--down: the downs,\n"
    "                         newest first)\n"
    "  schema                 print the schema all migrations produce\n"
    "  new NAME               create DIR/<UTC timestamp>_NAME.mig\n"
    "  up [--to V|--steps N]  apply pending migrations\n"
    "  down [--steps N|--to V|--all]\n"
    "                         roll back applied migrations (default one)\n"
    "  redo                   roll back the newest migration and apply it again\n"
    "  status [--json] [--exit-code]\n"
    "                         show every migration's state\n"    "  mark applied|pending V record V as applied, or remove it from the ledger,\n"
    "                         without running its SQL\n"
    "  accept V               record the edited file of applied V (checksum, down)\n"
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
    "  --strict               lossy migrations are errors\n"
    "  --dry-run              print the SQL that would run; change nothing\n"
    "  --allow-changed        apply even if applied migrations were changed\n"
    "  --allow-out-of-order   apply pending migrations older than applied ones\n"
    "  -q, --quiet            print only errors\n"
    "  -v, --verbose          also print each SQL statement\n"
    "  -h, --help             show this help (migc COMMAND --help: that command's)\n"
    "  -V, --version          show the version\n";

struct cmd_help {
    const char *name;
    const char *text;
    int (*run)(CliOpts *);
};

static const struct cmd_help commands[] = {
    {"check",
     "usage: migc check [--dir DIR] [--dialect D] [--strict] [FILE...]\n"
     "Parse and check every migration of DIR in order against the schema\n"
     "model; print diagnostics and one line per migration (or per FILE)\n"
     "with its class, and warn where a derived down may fail on data.\n"
     "Exit status 1 on any error (and on lossy migrations with --strict).\n",
     cmd_check},
    {"compile",
     "usage: migc compile [--dir DIR] [--dialect D] [--down] [FILE...]\n"
     "Print the SQL of every migration (or of the given ones), up, or down\n"
     "with --down (newest first), each preceded by a comment naming the\n"
     "migration, its direction and class. Refuses a migration whose down\n"
     "cannot be derived and that has no down block.\n",
     cmd_compile},
    {"schema",
     "usage: migc schema [--dir DIR] [--dialect D]\n"
     "Print the schema that all migrations produce, as CREATE statements,\n"
     "without a database.\n",
     cmd_schema},
    {"new",
     "usage: migc new [--dir DIR] NAME\n"
     "Create DIR/<UTC yyyymmddHHMMSS>_NAME.mig with a commented template\n"
     "and print its path. NAME is [a-z0-9_]+.\n",
     cmd_new},
    {"up",
     "usage: migc up [--db URL] [--dir DIR] [--to VERSION | --steps N]\n"
     "               [--dry-run] [--allow-changed] [--allow-out-of-order]\n"
     "Apply pending migrations in order, each with its ledger row in one\n"
     "transaction: all of them, those up to VERSION, or the next N.\n",
     cmd_up},
    {"down",
     "usage: migc down [--db URL] [--dir DIR] [--steps N | --to VERSION |\n"
     "                 --all] [--dry-run]\n"
     "Roll back the newest applied migrations (default one), running the\n"
     "down SQL recorded when each was applied. --to VERSION rolls back\n"
     "every migration newer than VERSION (0: every one), --all every one.\n"
     "A VERSION that is no migration, or more --steps than are applied, is\n"
     "an error that rolls back nothing.\n",
     cmd_down},
    {"redo",
     "usage: migc redo [--db URL] [--dir DIR]\n"
     "Roll back the newest applied migration, then apply it again.\n",
     cmd_redo},
    {"status",
     "usage: migc status [--db URL] [--dir DIR] [--json] [--exit-code]\n"
     "Show every migration: applied (with time), pending, out of order,\n"
     "changed or missing, then a summary line with the counts and the\n"
     "database (password masked). --exit-code: exit status 1 when any\n"
     "migration is not applied as its file says.\n",
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
};

static int usage_error(const char *fmt, const char *arg)
{
    fputs("migc: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'migc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Options that take a value, and where it goes. */
static const char **value_slot(CliOpts *o, const char *name, const char **steps)
{
    if (strcmp(name, "--dir") == 0)
        return &o->dir;
    if (strcmp(name, "--db") == 0)
        return &o->db;
    if (strcmp(name, "--dialect") == 0)
        return &o->dialect;
    if (strcmp(name, "--table") == 0)
        return &o->table;
    if (strcmp(name, "--to") == 0)
        return &o->to;
    if (strcmp(name, "--steps") == 0)
        return steps;
    return NULL;
}

static bool *flag_slot(CliOpts *o, const char *name, bool *help, bool *version)
{
    static const struct {
        const char *name;
        size_t off;
    } flags[] = {
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
        {"--allow-out-of-order", offsetof(CliOpts, allow_out_of_order)},
    };
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return help;
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return version;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(name, flags[i].name) == 0)
            return (bool *)((char *)o + flags[i].off);
    return NULL;
}

int main(int argc, char **argv)
{
    CliOpts o;
    memset(&o, 0, sizeof o);
    bool help = false, version = false;
    const char *steps = NULL;
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
            return usage_error("unknown option '%s'", a);
        }
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        const char **slot = value_slot(&o, name, &steps);
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
        if (!flag || eq) {
            free(args);
            return usage_error("unknown option '%s'", a);
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
    if (o.cmd) {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(o.cmd, commands[i].name) == 0)
                cmd = &commands[i];
        if (!cmd) {
            free(args);
            return usage_error("unknown command '%s'", o.cmd);
        }
    }
    if (help || !cmd) {
        fputs(cmd ? cmd->text : usage_text, help ? stdout : stderr);
        free(args);
        return help ? EXIT_OK : EXIT_USAGE;
    }
    if (steps) {
        char *end;
        long n = strtol(steps, &end, 10);
        if (*steps == '\0' || *end != '\0' || n < 1 || n > 1000000) {
            free(args);
            return usage_error("--steps needs a positive number, not '%s'",
                               steps);
        }
        o.steps = (int)n;
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
    if (!o.dir)
        o.dir = getenv("MIGC_DIR");
    o.dir_given = o.dir && *o.dir;
    if (!o.dir_given)
        o.dir = "migrations";
    if (!o.table)
        o.table = "migc_migrations";
    o.color = cli_color(STDOUT_FILENO);

    if (cmd->run != cmd_new && !cli_require_dir(&o)) {
        free(args);
        return EXIT_FAIL;
    }
    int rc = cli_finish_stdout(cmd->run(&o));
    free(args);
    return rc;
}
