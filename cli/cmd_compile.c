/*
 * cmd_compile.c — `migc compile [--down] [FILE...]` and `migc schema`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Is migration i one of the FILE arguments (or are there none)? */
static bool selected(const CliOpts *o, History *h, int i)
{
    if (o->nargs == 0)
        return true;
    for (int k = 0; k < o->nargs; k++)
        if (history_index(h, o->args[k]) == i)
            return true;
    return false;
}

int cmd_compile(CliOpts *o)
{
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    Diag diag;
    History *h;
    if (!cli_load_history(o, &h, &diag, d)) {
        history_delete(h);
        return EXIT_FAIL;
    }
    for (int k = 0; k < o->nargs; k++) {
        if (history_index(h, o->args[k]) < 0) {
            fprintf(stderr,
                    "migc: error: %s is not a migration of %s (give its path "
                    "or its version)\n",
                    o->args[k], o->dir);
            history_delete(h);
            return EXIT_FAIL;
        }
    }
    StrBuf out;
    sb_init(&out);
    bool first = true;
    int n = history_count(h);
    for (int k = 0; k < n; k++) {
        int i = o->down ? n - 1 - k : k;
        if (!selected(o, h, i))
            continue;
        if (!first)
            sb_putc(&out, '\n');
        first = false;
        history_format_at(h, i, o->down, &out);
    }
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    history_delete(h);
    return EXIT_OK;
}

int cmd_schema(CliOpts *o)
{
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    Diag diag;
    History *h;
    if (!cli_load_history(o, &h, &diag, d)) {
        history_delete(h);
        return EXIT_FAIL;
    }
    StrBuf out;
    sb_init(&out);
    bool ok = history_schema(h, &out);
    if (ok)
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    history_delete(h);
    return ok ? EXIT_OK : EXIT_FAIL;
}
