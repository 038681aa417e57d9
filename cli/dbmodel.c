/*
 * dbmodel.c — the model of what a live database holds, for `migc diff`
 * and `migc verify`: its catalog read by db_introspect() (introspect.h),
 * printed as one migration (dbschema_print), and compiled like any
 * history, so that it compares with the model of the migrations.
 */
#include <stdio.h>

#include "apply.h"
#include "dbschema.h"
#include "dbmodel.h"
#include "introspect.h"

bool cli_db_model(Db *db, const Dialect *d, Diag *diag, History **out,
                  int *nobjects)
{
    Arena a;
    arena_init(&a);
    DbSchema s;
    DbError err;
    db_error_init(&err);
    *out = history_new(diag);
    bool ok = db_introspect(db, &a, &s, &err);
    if (!ok) {
        apply_print_db_error(stderr, false, "migc", NULL, &err);
        db_error_clear(&err);
        arena_free(&a);
        return false;
    }
    int n = s.ntables + s.nschemas + s.nraw + s.nroutines + s.ntriggers;
    if (nobjects)
        *nobjects = n;
    if (n > 0) {
        StrBuf text;
        sb_init(&text);
        dbschema_print(&s, &text);
        ok = history_add_source(*out, "(the database)", "1", "database",
                                text.data, text.len);
        ok = ok && history_compile(*out, d);
        if (!ok)
            fprintf(stderr, "migc: error: the database's schema, read back "
                    "as a migration, does not compile:\n%s", sb_str(&text));
        sb_free(&text);
    } else {
        ok = history_compile(*out, d);
    }
    arena_free(&a);
    return ok;
}
