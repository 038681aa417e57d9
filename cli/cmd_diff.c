/*
 * cmd_diff.c — `migc diff`: the model of the migrations a database applied
 * against what its catalog holds, as statements of the language.
 *
 * The model is the history compiled with only the migrations the ledger
 * holds, in version order.  The database's side is its catalog read back
 * as a migration (cli/dbmodel.c).  What brings the database back to the
 * migrations is printed statement by statement, each after a note saying
 * what differs (what the database has that the migrations lack, and the
 * reverse).  Exit status 1 on drift.
 */
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "cli.h"
#include "dbmodel.h"
#include "ledger.h"
#include "runtime_cli.h"

int cmd_diff(CliOpts *o)
{
    const char *url = cli_db_url(o);
    if (o->nargs > 0) {
        fprintf(stderr, "migc: diff takes no arguments ('%s')\n", o->args[0]);
        return EXIT_USAGE;
    }
    const Dialect *d = cli_runtime_dialect(o, url);
    if (!d)
        return EXIT_USAGE;
    if (!cli_require_dir(o))
        return EXIT_FAIL;
    Diag diag;
    History *all = NULL, *model = NULL, *dbh = NULL;
    Arena a;
    arena_init(&a);
    StrBuf out;
    sb_init(&out);
    Db db;
    bool connected = false;
    int rc = EXIT_FAIL;
    /* The whole history compiles, as before every database command. */
    if (!cli_load_history(o, &all, &diag, d))
        goto out;
    if (!cli_connect(o, &db, url, true))
        goto out;
    connected = true;
    Ledger l;
    DbError err;
    db_error_init(&err);
    if (!ledger_read(&db, &a, &l, &err)) {
        apply_print_db_error(stderr, o->color, "migc", NULL, &err);
        db_error_clear(&err);
        goto out;
    }
    model = history_new(&diag);
    if (!cli_load_dir(o, model))
        goto out;
    int total = history_count(model), n = 0, nmissing = 0;
    bool *keep = ARENA_ARRAY(&a, bool, total + 1);
    for (int i = 0; i < total; i++) {
        keep[i] = ledger_find(&l, history_version(model, i)) != NULL;
        n += keep[i];
    }
    for (int i = 0; i < l.n; i++)
        if (history_index(model, l.rows[i].version) < 0)
            nmissing++;
    history_keep(model, keep);
    if (!history_compile(model, d))
        goto out;
    if (!cli_db_model(&db, d, &diag, &dbh, NULL) ||
        !cli_compare_views(&db, dbh, model))
        goto out;
    bool drift = history_diff_text(dbh, model, "the database",
                                   "the migrations", &out);
    if (nmissing)
        printf("-- %d migration%s of the ledger %s no file: the model "
               "lacks what %s did\n", nmissing, nmissing == 1 ? "" : "s",
               nmissing == 1 ? "has" : "have", nmissing == 1 ? "it" : "they");
    if (drift) {
        printf("-- drift: the database differs from the %d applied "
               "migration%s; these statements bring it back to them:\n",
               n, n == 1 ? "" : "s");
        fwrite(out.data, 1, out.len, stdout);
    } else if (!o->quiet) {
        printf("-- no drift: the database matches the %d applied "
               "migration%s\n", n, n == 1 ? "" : "s");
    }
    rc = drift ? EXIT_FAIL : EXIT_OK;
out:
    if (connected)
        db_close(&db);
    sb_free(&out);
    arena_free(&a);
    history_delete(dbh);
    history_delete(model);
    history_delete(all);
    return rc;
}
