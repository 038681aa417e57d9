/*
 * cmd_repair.c — `migc mark applied|pending VERSION` and `migc accept
 * VERSION`: the arguments; runtime/repair.c does the work.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "repair.h"
#include "runtime_cli.h"

typedef struct RepairArg {
    RepairKind kind;
    const char *version;
} RepairArg;

static int repair(Db *db, MigSet *s, const ApplyOpts *o, const void *arg)
{
    const RepairArg *r = arg;
    return apply_repair(db, s, r->kind, r->version, o);
}

static int usage(const CliOpts *o, const char *msg, const char *arg)
{
    fprintf(stderr, "migc: %s: ", o->cmd);
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\nTry 'migc %s --help' for more information.\n",
            o->cmd);
    return EXIT_USAGE;
}

int cmd_mark(CliOpts *o)
{
    if (o->nargs < 2)
        return usage(o, "needs a state and a version: mark "
                        "applied|pending VERSION%s", "");
    RepairArg r = {REPAIR_MARK_APPLIED, o->args[1]};
    if (strcmp(o->args[0], "pending") == 0)
        r.kind = REPAIR_MARK_PENDING;
    else if (strcmp(o->args[0], "applied") != 0)
        return usage(o, "the state is applied or pending, not '%s'",
                     o->args[0]);
    if (!version_valid(r.version))
        return usage(o, "'%s' is not a version (digits)", r.version);
    return cli_run_db(o, 2, repair, &r);
}

int cmd_accept(CliOpts *o)
{
    if (o->nargs < 1)
        return usage(o, "needs a version%s", "");
    RepairArg r = {REPAIR_ACCEPT, o->args[0]};
    if (!version_valid(r.version))
        return usage(o, "'%s' is not a version (digits)", r.version);
    return cli_run_db(o, 1, repair, &r);
}
