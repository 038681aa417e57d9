/*
 * cmd_verify.c — `migc verify [--with-rows]`: prove a history on a scratch
 * database, migration by migration:
 *
 *   up; the catalog must equal the model after it;
 *   (--with-rows: fill every table with generated rows, compiler/rows.h)
 *   down; the catalog must equal the model before it;
 *   up again, to go on.
 *
 * The catalog is read back as a model (cli/dbmodel.c) and compared with
 * model_diff, so a difference is shown as the statement that would undo
 * it.  The first difference or failure of each migration is reported; an
 * irreversible migration is not rolled back.  The database must hold no
 * table at the start: verify creates and drops what the history does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "cli.h"
#include "dbmodel.h"
#include "ledger.h"
#include "runtime_cli.h"

typedef struct Verify {
    const CliOpts *o;
    const Dialect *d;
    Diag *diag;
    Db *db;
    MigSet *set;
} Verify;

/* The model after the first n migrations, compiled. */
static History *model_after(Verify *v, int n)
{
    History *h = history_new(v->diag);
    if (!cli_load_dir(v->o, h)) {
        history_delete(h);
        return NULL;
    }
    int total = history_count(h);
    bool *keep = calloc((size_t)total + 1, sizeof *keep);
    if (!keep) {
        history_delete(h);
        return NULL;
    }
    for (int i = 0; i < total; i++)
        keep[i] = i < n;
    history_keep(h, keep);
    free(keep);
    if (!history_compile(h, v->d)) {
        history_delete(h);
        return NULL;
    }
    return h;
}

/* Compare the catalog with `model`; on a difference, print its first
 * statement under "VERSION NAME: WHEN: ...".  False on a difference or
 * an error. */
static bool same(Verify *v, History *model, const char *label,
                 const char *when)
{
    History *dbh = NULL;
    bool ok = cli_db_model(v->db, v->d, v->diag, &dbh, NULL) &&
              cli_compare_views(v->db, dbh, model);
    if (ok) {
        StrBuf out;
        sb_init(&out);
        if (history_diff_text(dbh, model, "the database", "the model",
                              &out)) {
            /* The first note and its statement: up to the second note. */
            const char *s = sb_str(&out);
            const char *next = strstr(s + 1, "\n-- ");
            int len = next ? (int)(next - s) : (int)strlen(s);
            while (len > 0 && s[len - 1] == '\n')
                len--;
            printf("%s: %s: the database differs from the model:\n%.*s\n",
                   label, when, len, s);
            ok = false;
        }
        sb_free(&out);
    } else {
        printf("%s: %s: the catalog could not be read\n", label, when);
    }
    history_delete(dbh);
    return ok;
}

static ApplyOpts quiet_opts(const Verify *v)
{
    ApplyOpts ao = {
        .quiet = true,
        .color = v->o->color,
        .out = stdout,
        .err = stderr,
    };
    return ao;
}

static bool run_up(Verify *v, const char *version)
{
    ApplyOpts ao = quiet_opts(v);
    ao.to = version;
    return apply_up(v->db, v->set, &ao) == 0;
}

static bool run_down(Verify *v)
{
    ApplyOpts ao = quiet_opts(v);
    ao.steps = 1;
    return apply_down(v->db, v->set, &ao) == 0;
}

/* Fill every table of `model` with rows; false (after saying so) when
 * the generator cannot, or the database refuses them. */
static bool fill(Verify *v, History *model, long first, const char *label)
{
    StrBuf sql, why;
    sb_init(&sql);
    sb_init(&why);
    bool ok = history_rows_insert(model, 3, first, &sql, &why);
    if (!ok)
        printf("%s: rows: %s", label, sb_str(&why));
    DbError err;
    db_error_init(&err);
    if (ok && sql.len && !v->db->drv->exec(v->db, sb_str(&sql), &err)) {
        printf("%s: rows: the database refused them:\n", label);
        fflush(stdout);
        apply_print_db_error(stderr, v->o->color, label, NULL, &err);
        db_error_clear(&err);
        ok = false;
    }
    sb_free(&sql);
    sb_free(&why);
    return ok;
}

/* One migration: true when every step held. */
static bool verify_one(Verify *v, History *all, int i, History *before,
                       History *after)
{
    const char *version = history_version(all, i);
    char label[160];
    snprintf(label, sizeof label, "%s %s", version, history_name(all, i));
    fflush(stdout);
    if (!run_up(v, version)) {
        printf("%s: up failed\n", label);
        return false;
    }
    if (!same(v, after, label, "after up"))
        return false;
    const char *why = NULL;
    if (history_class(all, i, &why) == MIGC_IRREVERSIBLE) {
        printf("%s: ok (irreversible: not rolled back)\n", label);
        return true;
    }
    if (v->o->with_rows && !fill(v, after, 1 + 10L * i, label))
        return false;
    fflush(stdout);
    if (!run_down(v)) {
        printf("%s: down failed%s\n", label,
               v->o->with_rows ? " on tables with rows" : "");
        return false;
    }
    bool ok = same(v, before, label, "after down");
    fflush(stdout);
    if (!run_up(v, version)) {
        printf("%s: up after down failed\n", label);
        return false;
    }
    if (ok)
        printf("%s: ok\n", label);
    return ok;
}

int cmd_verify(CliOpts *o)
{
    const char *url = cli_db_url(o);
    if (o->nargs > 0) {
        fprintf(stderr, "migc: verify takes no arguments ('%s')\n",
                o->args[0]);
        return EXIT_USAGE;
    }
    if (o->dry_run) {
        fprintf(stderr, "migc: verify has no --dry-run: it runs every "
                "migration on a scratch database\n");
        return EXIT_USAGE;
    }
    const Dialect *d = cli_runtime_dialect(o, url);
    if (!d)
        return EXIT_USAGE;
    if (!cli_require_dir(o))
        return EXIT_FAIL;
    Diag diag;
    History *all = NULL, *dbh = NULL;
    MigSet set;
    migset_init(&set);
    Db db;
    bool connected = false;
    int rc = EXIT_FAIL;
    if (!cli_load_history(o, &all, &diag, d))
        goto out;
    if (!cli_load_set(o, &set, &diag, d))
        goto out;
    if (!cli_connect(o, &db, url, false))
        goto out;
    connected = true;
    /* A scratch database: no table, no ledger row. */
    int nobjects = 0;
    if (!cli_db_model(&db, d, &diag, &dbh, &nobjects))
        goto out;
    Arena a;
    arena_init(&a);
    Ledger l;
    DbError err;
    db_error_init(&err);
    bool read = ledger_read(&db, &a, &l, &err);
    int applied = read ? l.n : 0;
    arena_free(&a);
    if (!read) {
        apply_print_db_error(stderr, o->color, "migc", NULL, &err);
        db_error_clear(&err);
        goto out;
    }
    if (nobjects || applied) {
        char *shown = db_mask_target(url);
        fprintf(stderr, "migc: error: verify needs a scratch database, and "
                "%s holds %d object%s and %d applied migration%s\n", shown,
                nobjects, nobjects == 1 ? "" : "s", applied,
                applied == 1 ? "" : "s");
        fprintf(stderr, "hint: give an empty database with --db: verify "
                "runs every migration up and down on it\n");
        free(shown);
        goto out;
    }
    Verify v = { .o = o, .d = d, .diag = &diag, .db = &db, .set = &set };
    int n = history_count(all), bad = 0;
    History *before = model_after(&v, 0);
    for (int i = 0; i < n && before; i++) {
        History *after = model_after(&v, i + 1);
        if (!after)
            break;
        bad += !verify_one(&v, all, i, before, after);
        history_delete(before);
        before = after;
    }
    history_delete(before);
    printf("%d migration%s verified%s: %d ok, %d with a difference or a "
           "failure\n", n, n == 1 ? "" : "s",
           o->with_rows ? " with rows" : "", n - bad, bad);
    rc = bad ? EXIT_FAIL : EXIT_OK;
out:
    if (connected)
        db_close(&db);
    migset_free(&set);
    history_delete(dbh);
    history_delete(all);
    return rc;
}
