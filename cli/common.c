/*
 * common.c — what every subcommand needs: the database URL and dialect in
 * force, and the compiled history.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *cli_db_url(const CliOpts *o)
{
    if (o->db && *o->db)
        return o->db;
    const char *env = getenv("DATABASE_URL");
    if (env && *env)
        return env;
    return "sqlite:db.sqlite3";
}

/* The dialect a database URL speaks. */
static const char *url_dialect(const char *url)
{
    if (strncmp(url, "sqlite:", 7) == 0)
        return "sqlite";
    if (strncmp(url, "mysql:", 6) == 0 || strncmp(url, "mariadb:", 8) == 0)
        return "mysql";
    return "postgres";
}

const Dialect *cli_dialect(const CliOpts *o)
{
    const char *name = o->dialect;
    if (!name) {
        const char *env = getenv("DATABASE_URL");
        if (o->db && *o->db)
            name = url_dialect(o->db);
        else if (env && *env)
            name = url_dialect(env);
        else
            name = "postgres";
    }
    const Dialect *d = dialect_find(name);
    if (!d)
        fprintf(stderr,
                "migc: unknown dialect '%s' (postgres, sqlite or mysql)\n",
                name);
    return d;
}

bool cli_load_dir(const CliOpts *o, History *h)
{
    struct stat st;
    if (!o->dir_given && stat(o->dir, &st) != 0 && errno == ENOENT)
        return true;
    return history_load_dir(h, o->dir);
}

bool cli_load_history(const CliOpts *o, History *h, Diag *diag,
                      const Dialect *d)
{
    diag_init(diag, stderr);
    const char *no_color = getenv("NO_COLOR");
    diag->color = isatty(STDERR_FILENO) && !(no_color && *no_color);
    /* Warnings are `migc check`'s business; the other commands print
     * errors only. */
    diag->no_warnings = true;
    history_init(h, diag);
    bool ok = cli_load_dir(o, h);
    if (!ok)
        return false;
    return history_compile(h, d);
}
