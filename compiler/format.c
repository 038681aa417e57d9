/*
 * format.c — the text `migc compile` prints for one migration and
 * direction (history_format).
 */
#include "compile.h"
#include "migset.h"

static const char *const step_note[] = {
    [MIG_STEP_TX] = "",
    [MIG_STEP_ALONE] = "-- outside a transaction\n",
    [MIG_STEP_BACKFILL] = ("-- backfill %s in batches: $1 the last key done "
                           "(NULL: none), $2 the batch size\n"),
};

static void put_steps(StrBuf *out, const char *title, const MigStep *v,
                      int n)
{
    sb_printf(out, "-- %s\n", title);
    for (int i = 0; i < n; i++) {
        sb_printf(out, step_note[v[i].kind], v[i].what ? v[i].what : "");
        if (v[i].first)
            sb_printf(out, "%s;\n", v[i].first);
        sb_printf(out, "%s;\n", v[i].sql);
    }
}

/* An `expand;` migration's up: its three phases, each step on its own
 * (expand.h). */
static void put_expand(StrBuf *out, const MigExpand *x)
{
    sb_printf(out, "-- expand: the new version's schema is %s", x->schema);
    if (x->prev_schema)
        sb_printf(out, ", the previous version's %s", x->prev_schema);
    sb_puts(out, "\n");
    put_steps(out, "expand (migc up), each step on its own:", x->expand,
              x->nexpand);
    put_steps(out, "complete (migc complete):", x->complete, x->ncomplete);
    put_steps(out, "abort (migc abort):", x->abort, x->nabort);
}

void history_format(const History *h, const CompiledMig *cm, bool down,
                    StrBuf *out)
{
    const Migration *m = cm->m;
    const Dialect *d = h->dialect;
    sb_printf(out, "-- %s_%s: %s, %s", m->version, m->name,
              down ? "down" : "up", ast_class_name(m->cls));
    sb_putc(out, '\n');
    if (m->cls == CLASS_LOSSY && m->lossy_what)
        sb_printf(out, "-- lossy: the down cannot bring back the %s\n",
                  m->lossy_what);
    if (down && cm->risk_why && !m->has_blocks)
        sb_printf(out, "-- may fail on data: %s\n", cm->risk_why);
    if (down && cm->down_irreversible) {
        sb_puts(out, "-- irreversible: this migration cannot be rolled back\n");
        return;
    }
    if (d->preamble)
        sb_puts(out, d->preamble);
    const SqlScript *sc = down ? &cm->down : &cm->up;
    if (!down && cm->expand) {
        put_expand(out, cm->expand);
        return;
    }
    if (m->no_transaction) {
        sb_puts(out, m->safe ? "-- safe: each statement runs on its own, "
                               "a unit of its own\n"
                             : "-- no transaction: each statement runs on "
                               "its own\n");
        sb_puts(out, sc->text);
        return;
    }
    if (d->begin_sql)
        sb_puts(out, d->begin_sql);
    sb_puts(out, sc->text);
    if (d->commit_sql)
        sb_puts(out, d->commit_sql);
}
