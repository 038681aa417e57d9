/*
 * squash.c — the migration that `migc squash --to VERSION` writes in place
 * of every migration up to VERSION (history_squash_text, compile.h).
 *
 * It is the model after those migrations, printed in the language
 * (modelprint.c), after a `replaces` directive naming their versions, so
 * that a database whose ledger holds them all takes it as applied
 * (runtime/apply.c).  Before it is handed out, the text is compiled on its
 * own and its model compared with the history's: a squash never writes a
 * migration that does something else.
 */
#include <stdio.h>
#include <string.h>

#include "compile.h"
#include "model.h"

/* The raw sql statements of a migration's up (the model cannot see what
 * they do, so the squashed migration cannot repeat it). */
static int count_sql(const Stmt *s)
{
    int n = 0;
    for (; s; s = s->next)
        n += s->kind == ST_SQL;
    return n;
}

bool history_squash_text(History *h, bool allow_sql, StrBuf *out,
                         StrBuf *why)
{
    if (h->nmigs == 0) {
        sb_puts(why, "there is no migration to squash");
        return false;
    }
    const CompiledMig *last = &h->migs[h->nmigs - 1];
    int nsql = 0;
    for (int i = 0; i < h->nmigs; i++) {
        int n = count_sql(h->migs[i].m->up);
        if (n && !allow_sql)
            sb_printf(why, "%s%s has %d sql statement%s", nsql ? "; " : "",
                      h->migs[i].m->src.path, n, n == 1 ? "" : "s");
        nsql += n;
    }
    if (nsql && !allow_sql) {
        sb_puts(why, ": the schema model does not see what sql does, so the "
                     "squashed migration would not do it");
        return false;
    }
    StrBuf model;
    sb_init(&model);
    history_model_text(h, &model);
    if (model.len == 0) {
        sb_printf(why, "the schema after %s is empty: there is nothing to "
                       "squash into", last->m->version);
        sb_free(&model);
        return false;
    }
    sb_printf(out, "-- Written by migc squash: the schema after %s_%s,\n"
                   "-- in place of the %d migration%s up to it.\n",
              last->m->version, last->m->name, h->nmigs,
              h->nmigs == 1 ? "" : "s");
    if (nsql)
        sb_printf(out, "-- Their %d sql statement%s not repeated here.\n",
                  nsql, nsql == 1 ? " is" : "s are");
    sb_puts(out, "replaces ");
    for (int i = 0; i < h->nmigs; i++)
        sb_printf(out, "%s%s", i ? ", " : "", h->migs[i].m->version);
    sb_puts(out, ";\n\n");
    sb_putn(out, model.data, model.len);
    sb_free(&model);

    /* The text compiles, on its own, to the same model. */
    History check;
    Diag quiet;
    FILE *devnull = fopen("/dev/null", "w");
    diag_init(&quiet, devnull ? devnull : stderr);
    quiet.no_warnings = true;
    history_init(&check, &quiet);
    const char *text = sb_str(out);
    bool ok = history_add_source(&check, "squash", last->m->version,
                                 "squashed", text, strlen(text)) &&
              history_compile(&check, h->dialect);
    if (!ok)
        sb_puts(why, "the squashed migration does not compile (a bug: "
                     "please report it with the history)");
    else if (!cat_equal(&h->cat, &check.cat, false, why)) {
        sb_puts(why, ": the squashed migration gives another schema (a bug: "
                     "please report it with the history)");
        ok = false;
    }
    history_free(&check);
    if (devnull)
        fclose(devnull);
    return ok;
}
