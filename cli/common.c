/*
 * common.c — what every subcommand needs: the database URL and dialect in
 * force, and the migrations folder.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    return history_load_dir(h, o->dir);
}

bool cli_color(int fd)
{
    const char *no_color = getenv("NO_COLOR");
    return isatty(fd) && !(no_color && *no_color);
}

/* Diagnostics of the commands other than check: errors only, colour on a
 * terminal unless NO_COLOR. */
static void errors_only(Diag *diag)
{
    diag_init(diag, stderr);
    diag->color = cli_color(STDERR_FILENO);
    /* Warnings are `migc check`'s business. */
    diag->no_warnings = true;
}

bool cli_load_history(const CliOpts *o, History **h, Diag *diag,
                      const Dialect *d)
{
    errors_only(diag);
    *h = history_new(diag);
    return cli_load_dir(o, *h) && history_compile(*h, d);
}

bool cli_load_set(const CliOpts *o, MigSet *s, Diag *diag, const Dialect *d)
{
    errors_only(diag);
    migset_init(s);
    return migset_load(s, o->dir, d, MIGSET_CHECKSUMS, diag);
}

int cli_finish_stdout(int rc)
{
    bool failed = ferror(stdout) != 0;
    int saved = errno;
    if (fflush(stdout) != 0) {
        failed = true;
        saved = errno;
    }
    if (fclose(stdout) != 0 && !failed) {
        failed = true;
        saved = errno;
    }
    if (!failed)
        return rc;
    fprintf(stderr, "migc: error: cannot write to standard output: %s\n",
            saved ? strerror(saved) : "write error");
    return rc == EXIT_OK ? EXIT_FAIL : rc;
}

bool cli_require_dir(const CliOpts *o)
{
    struct stat st;
    if (stat(o->dir, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    int e = errno;
    char cwd[4096];
    bool rel = o->dir[0] != '/';
    if (!getcwd(cwd, sizeof cwd))
        snprintf(cwd, sizeof cwd, ".");
    if (stat(o->dir, &st) == 0)
        fprintf(stderr, "migc: error: the migrations folder %s is not a "
                "folder\n", o->dir);
    else if (e == ENOENT)
        fprintf(stderr, "migc: error: no migrations folder: %s does not "
                "exist%s%s%s\n", o->dir, rel ? " (in " : "", rel ? cwd : "",
                rel ? ")" : "");
    else
        fprintf(stderr, "migc: error: cannot open the migrations folder "
                "%s: %s\n", o->dir, strerror(e));
    fprintf(stderr, "hint: run migc in the project's folder, name the "
            "folder with --dir DIR (or MIGC_DIR), or start one with `migc "
            "new NAME`\n");
    return false;
}
