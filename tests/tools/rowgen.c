/*
 * rowgen — the round-trip tests' window on the row generator
 * (compiler/rows.h), over a migrations folder:
 *
 *   rowgen insert DIR DIALECT VERSION FIRST NROWS
 *       INSERTs of NROWS rows (k = FIRST, FIRST+1, ...) for every table of
 *       the schema just before migration VERSION
 *   rowgen select DIR DIALECT VERSION [surviving]
 *       SELECTs of every table of the schema just before VERSION; with
 *       `surviving`, only the tables and columns (of the same type) that
 *       are still there after VERSION
 *
 * Exit status 1 (message on stderr) when the history does not compile or
 * a table cannot be filled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "rows.h"
#include "version.h"

/* The history of `dir` up to `version`, before it (inclusive false) or
 * with it. */
static bool load(History *h, Diag *diag, const char *dir,
                 const Dialect *d, const char *version, bool inclusive)
{
    history_init(h, diag);
    if (!history_load_dir(h, dir))
        return false;
    int n = 0;
    while (n < h->nmigs) {
        int c = version_cmp(h->migs[n].m->version, version);
        if (c > 0 || (c == 0 && !inclusive))
            break;
        n++;
    }
    h->nmigs = n;
    return history_compile(h, d);
}

int main(int argc, char **argv)
{
    if (argc < 5 || (strcmp(argv[1], "insert") == 0 && argc != 7)) {
        fprintf(stderr, "usage: rowgen insert DIR DIALECT VERSION FIRST NROWS\n"
                        "       rowgen select DIR DIALECT VERSION [surviving]\n");
        return 2;
    }
    const Dialect *d = dialect_find(argv[3]);
    if (!d) {
        fprintf(stderr, "rowgen: unknown dialect %s\n", argv[3]);
        return 2;
    }
    Diag diag;
    diag_init(&diag, stderr);
    diag.no_warnings = true;
    History before, after;
    bool ok = load(&before, &diag, argv[2], d, argv[4], false);
    bool surviving = strcmp(argv[1], "select") == 0 && argc > 5 &&
                     strcmp(argv[5], "surviving") == 0;
    if (surviving)
        ok = load(&after, &diag, argv[2], d, argv[4], true) && ok;
    StrBuf out, why;
    sb_init(&out);
    sb_init(&why);
    if (ok && strcmp(argv[1], "insert") == 0) {
        RowsSpec spec = { .nrows = atoi(argv[6]), .first = atol(argv[5]) };
        if (!rows_insert_sql(&before.cat, d, &spec, &out, &why)) {
            fprintf(stderr, "rowgen: %s", sb_str(&why));
            ok = false;
        }
    } else if (ok) {
        rows_select_sql(&before.cat, surviving ? &after.cat : NULL, d, &out);
    }
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    sb_free(&out);
    sb_free(&why);
    history_free(&before);
    if (surviving)
        history_free(&after);
    return ok ? 0 : 1;
}
