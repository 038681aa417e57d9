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
        if (history_find(h, o->args[k]) == &h->migs[i])
            return true;
    return false;
}

int cmd_compile(CliOpts *o)
{
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    Diag diag;
    History h;
    if (!cli_load_history(o, &h, &diag, d)) {
        history_free(&h);
        return EXIT_FAIL;
    }
    for (int k = 0; k < o->nargs; k++) {
        if (!history_find(&h, o->args[k])) {
            fprintf(stderr,
                    "migc: error: %s is not a migration of %s (give its path "
                    "or its version)\n",
                    o->args[k], o->dir);
            history_free(&h);
            return EXIT_FAIL;
        }
    }
    StrBuf out;
    sb_init(&out);
    bool first = true;
    for (int n = 0; n < h.nmigs; n++) {
        int i = o->down ? h.nmigs - 1 - n : n;
        if (!selected(o, &h, i))
            continue;
        if (!first)
            sb_putc(&out, '\n');
        first = false;
        history_format(&h, &h.migs[i], o->down, &out);
    }
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    history_free(&h);
    return EXIT_OK;
}

int cmd_schema(CliOpts *o)
{
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    Diag diag;
    History h;
    if (!cli_load_history(o, &h, &diag, d)) {
        history_free(&h);
        return EXIT_FAIL;
    }
    StrBuf out;
    sb_init(&out);
    bool ok = history_schema(&h, &out);
    if (ok)
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    history_free(&h);
    return ok ? EXIT_OK : EXIT_FAIL;
}
