/*
 * cmd_introspect.c — `migc introspect` and `migc baseline [NAME]`: the
 * database's schema as a migration in the language (runtime/introspect.c
 * reads it, compiler/dbschema_print.c writes it); baseline writes it as
 * the folder's first migration and marks it applied (runtime/repair.c's
 * `mark applied`), reading the catalog and writing the file under the
 * same lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "dbschema.h"
#include "introspect.h"
#include "repair.h"
#include "runtime_cli.h"

/* The schema of the database at `url` as the language's text, into out.
 * False after a message. */
static bool read_schema(const CliOpts *o, Db *db, StrBuf *out, bool *empty)
{
    Arena a;
    DbSchema s;
    DbError err;
    arena_init(&a);
    db_error_init(&err);
    bool ok = db_introspect(db, &a, &s, &err);
    if (!ok)
        apply_print_db_error(stderr, o->color, "migc", NULL, &err);
    else
        dbschema_print(&s, out);
    if (ok && empty)
        *empty = s.ntables == 0 && s.nschemas == 0 && s.nraw == 0 &&
                 s.nroutines == 0 && s.ntriggers == 0;
    db_error_clear(&err);
    arena_free(&a);
    return ok;
}

int cmd_introspect(CliOpts *o)
{
    const char *url = cli_db_url(o);
    Db db;
    if (o->nargs > 0) {
        fprintf(stderr, "migc: introspect takes no arguments ('%s')\n",
                o->args[0]);
        return EXIT_USAGE;
    }
    if (!cli_runtime_url_ok(url))
        return EXIT_FAIL;
    if (!cli_runtime_dialect(o, url))
        return EXIT_USAGE;
    if (!cli_connect(o, &db, url, true))
        return EXIT_FAIL;
    StrBuf out;
    sb_init(&out);
    bool ok = read_schema(o, &db, &out, NULL);
    db_close(&db);
    if (ok)
        fputs(sb_str(&out), stdout);
    sb_free(&out);
    return ok ? EXIT_OK : EXIT_FAIL;
}

/* NAME as a file name takes it: letters, digits, '_'. */
static bool name_ok(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

static bool write_file(const char *path, const StrBuf *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        fprintf(stderr, "migc: error: cannot create %s: %s\n", path,
                strerror(errno));
        return false;
    }
    size_t off = 0;
    while (off < text->len) {
        ssize_t w = write(fd, text->data + off, text->len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                    strerror(errno));
            close(fd);
            unlink(path);
            return false;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                strerror(errno));
        unlink(path);
        return false;
    }
    return true;
}

/* What baseline's write under the lock needs (ApplyOpts.under_lock). */
typedef struct Baseline {
    const CliOpts *o;
    const Dialect *d;
    const char *path;
    bool have_dir;
    MigSet *set;
    Diag *diag;
    bool written;           /* the file is there: removed if not marked */
} Baseline;

static bool nothing_to_baseline(void)
{
    fprintf(stderr, "migc: error: the database holds no table: there is "
            "nothing to baseline\nhint: start the history with migc new "
            "NAME\n");
    return false;
}

/* Under the lock, once the ledger is read: read the catalog, write the
 * file, and compile the folder into b->set, so that no schema change made
 * by another migc run falls between the read and the ledger row. */
static bool baseline_under_lock(Db *db, const Ledger *l, void *ctx)
{
    Baseline *b = ctx;
    (void)l;
    StrBuf text;
    sb_init(&text);
    bool empty = false;
    bool ok = read_schema(b->o, db, &text, &empty);
    if (ok && empty)
        ok = nothing_to_baseline();
    if (ok && !b->have_dir && !cli_make_dirs(b->o->dir)) {
        fprintf(stderr, "migc: error: cannot create directory %s: %s\n",
                b->o->dir, strerror(errno));
        ok = false;
    }
    ok = ok && write_file(b->path, &text);
    sb_free(&text);
    if (!ok)
        return false;
    b->written = true;
    if (!b->o->quiet)
        printf("wrote %s\n", b->path);
    /* The new file compiles like any migration before it is marked. */
    if (!migset_load(b->set, b->o->dir, b->d, MIGSET_SQL, b->diag)) {
        fprintf(stderr, "migc: error: %s does not compile (above); it is "
                "removed and nothing was marked\n", b->path);
        unlink(b->path);
        b->written = false;
        return false;
    }
    return true;
}

int cmd_baseline(CliOpts *o)
{
    const char *url = cli_db_url(o);
    const char *name = o->nargs > 0 ? o->args[0] : "baseline";
    if (o->nargs > 1) {
        fprintf(stderr, "migc: baseline takes at most one NAME ('%s')\n",
                o->args[1]);
        return EXIT_USAGE;
    }
    if (!name_ok(name)) {
        fprintf(stderr, "migc: baseline: invalid migration name '%s': use "
                "lower case letters, digits and '_'\n", name);
        return EXIT_USAGE;
    }
    if (!cli_runtime_url_ok(url))
        return EXIT_FAIL;
    const Dialect *d = cli_runtime_dialect(o, url);
    if (!d)
        return EXIT_USAGE;
    MigSet set;
    Diag diag;
    diag_init(&diag, stderr);   /* cli_load_set's, when there is a folder */
    diag.no_warnings = true;
    struct stat st;
    bool have_dir = stat(o->dir, &st) == 0 && S_ISDIR(st.st_mode);
    migset_init(&set);
    if (have_dir && !cli_load_set(o, &set, &diag, d)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    if (set.n > 0) {
        fprintf(stderr, "migc: error: %s already holds %d migration%s; "
                "baseline writes the first migration of a new history\n"
                "hint: baseline into an empty folder (--dir), or compare "
                "with migc introspect\n", o->dir, set.n,
                set.n == 1 ? "" : "s");
        migset_free(&set);
        return EXIT_FAIL;
    }
    migset_free(&set);

    Db db;
    if (!cli_connect(o, &db, url, o->dry_run))
        return EXIT_FAIL;
    int rc = EXIT_FAIL;
    char version[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(version, sizeof version, "%Y%m%d%H%M%S", &tm);
    size_t plen = strlen(o->dir) + strlen(version) + strlen(name) + 8;
    char *path = xmalloc(plen);
    snprintf(path, plen, "%s/%s_%s.mig", o->dir, version, name);
    if (o->dry_run) {
        /* A dry run takes no lock: it reads, and says what it would do. */
        StrBuf text;
        sb_init(&text);
        bool empty = false;
        if (read_schema(o, &db, &text, &empty) &&
            (!empty || nothing_to_baseline())) {
            if (!o->quiet) {
                printf("would write %s:\n", path);
                fputs(sb_str(&text), stdout);
                printf("would mark applied %s %s (its SQL would not run)\n",
                       version, name);
            }
            rc = EXIT_OK;
        }
        sb_free(&text);
        goto out;
    }
    migset_init(&set);
    Baseline b = { .o = o, .d = d, .path = path, .have_dir = have_dir,
                   .set = &set, .diag = &diag };
    ApplyOpts ao = {
        .quiet = o->quiet,
        .verbose = o->verbose,
        .color = o->color,
        .out = stdout,
        .err = stderr,
        .under_lock = baseline_under_lock,
        .under_lock_ctx = &b,
    };
    if (apply_repair(&db, &set, REPAIR_MARK_APPLIED, version, &ao) != 0) {
        if (b.written) {
            fprintf(stderr, "migc: error: %s is removed: the database did "
                    "not record it\n", path);
            unlink(path);
        }
    } else {
        rc = EXIT_OK;
    }
    migset_free(&set);
out:
    free(path);
    db_close(&db);
    return rc;
}
