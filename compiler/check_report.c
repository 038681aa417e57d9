/*
 * check_report.c — what `migc check` reports besides errors, migration by
 * migration as the history compiles (migc.h, history_check): lint findings
 * as text, the dialect's own checks, lossy and irreversible migrations, and
 * downs that may fail on data.
 */
#include "compile.h"
#include "migc.h"

bool history_check_reports(const History *h, const CheckOpts *o, int i)
{
    return !o->since || version_cmp(h->migs[i].m->version, o->since) > 0;
}

/* The lint findings of one compiled migration as text diagnostics. */
static void lint_print_text(Diag *diag, const CompiledMig *cm)
{
    const Migration *m = cm->m;
    for (const LintFinding *f = cm->lint; f; f = f->next)
        diag_at(diag, DIAG_WARNING, &m->src, f->loc, f->rule->safe,
                "%s [%s]", f->message, f->rule->name);
}

/* Before each migration compiles: its warnings shown or not; after: the
 * warnings of check itself, so that all of a migration's diagnostics come
 * before the next migration's. */
static void check_each(void *ctx, History *h, CompiledMig *cm, bool done)
{
    const CheckOpts *o = ctx;
    const Migration *m = cm->m;
    Diag *diag = h->diag;
    int i = (int)(cm - h->migs);
    bool report = history_check_reports(h, o, i);
    if (!done) {
        diag->no_warnings = o->quiet || !report;
        return;
    }
    if (!report || (o->sel && !o->sel[i]))
        return;
    if (o->format == LINT_TEXT && !o->quiet)
        lint_print_text(diag, cm);
    if (h->dialect->check_migration)
        h->dialect->check_migration(diag, m);
    if (m->cls == CLASS_LOSSY && cm->lossy_stmt)
        diag_at(diag, o->strict ? DIAG_ERROR : DIAG_WARNING, &m->src,
                cm->lossy_stmt->loc, NULL,
                "lossy migration: the down cannot bring back the %s",
                m->lossy_what ? m->lossy_what : "data");
    /* Declared with down { irreversible; }: --strict refuses it as it
     * refuses a lossy one (what cannot come back at all is worse). */
    if (m->cls == CLASS_IRREVERSIBLE && m->has_blocks && m->down)
        diag_at(diag, o->strict ? DIAG_ERROR : DIAG_WARNING, &m->src,
                m->down->loc,
                o->strict ? "--strict refuses irreversible migrations as it "
                            "refuses lossy ones; --since VERSION is strict "
                            "about newer migrations only"
                          : NULL,
                "irreversible migration: migc down stops at it");
    /* A risk, not a loss: a warning even with --strict. */
    if (cm->risk_stmt && !m->has_blocks)
        diag_at(diag, DIAG_WARNING, &m->src, cm->risk_stmt->loc, NULL,
                "the down may fail on data: %s", cm->risk_why);
}

void history_check(History *h, const CheckOpts *o)
{
    h->lint = true;
    h->each = check_each;
    h->each_ctx = (void *)o;
}
