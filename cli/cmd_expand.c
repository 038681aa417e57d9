/*
 * cmd_expand.c — `migc complete [VERSION]`, `migc abort [VERSION]` and
 * `migc schema-name [VERSION]`: the phases of `expand;` migrations
 * (runtime/expand.h, docs/ZERO-DOWNTIME.md).
 */
#include <stdio.h>
#include <stdlib.h>

#include "apply.h"
#include "cli.h"
#include "phase.h"
#include "runtime_cli.h"

static int complete(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    return apply_complete(db, s, o, arg);
}

static int abort_(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    return apply_abort(db, s, o, arg);
}

int cmd_complete(CliOpts *o)
{
    return cli_run_db(o, 1, complete, o->nargs > 0 ? o->args[0] : NULL);
}

int cmd_abort(CliOpts *o)
{
    return cli_run_db(o, 1, abort_, o->nargs > 0 ? o->args[0] : NULL);
}

int cmd_schema_name(CliOpts *o)
{
    MigSet set;
    Diag diag;
    if (o->nargs > 1) {
        fprintf(stderr, "migc: schema-name takes fewer arguments ('%s')\n",
                o->args[1]);
        return EXIT_USAGE;
    }
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    if (!cli_load_set(o, &set, &diag, d)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    const char *version = o->nargs > 0 ? o->args[0]
                          : set.n > 0  ? set.recs[set.n - 1].version
                                       : NULL;
    int rc = EXIT_OK;
    if (!version) {
        fprintf(stderr, "migc: error: no migration in %s\n", o->dir);
        rc = EXIT_FAIL;
    } else if (!migset_find(&set, version)) {
        fprintf(stderr, "migc: error: no migration with version %s\n",
                version);
        rc = EXIT_FAIL;
    } else {
        printf("%s\n", migset_schema_name(&set.arena, version));
    }
    migset_free(&set);
    return rc;
}
