/*
 * format.c — the text `migc compile` prints for one migration and
 * direction (history_format).
 */
#include "compile.h"

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
