/*
 * fuzz_roundtrip.c — the reversibility property over the schema model.
 *
 * For every migration of a fuzzed history (split as in fuzz_compile.c)
 * whose statements all check and whose down is derived (no down block, no
 * `sql` without down): applying the up and then the derived down to the
 * catalog gives back the catalog it started from, and applying the up
 * again gives the catalog after the up.  The derived down must itself
 * check against the model.  This drives check_stmt / down_derive /
 * cat_apply one statement at a time, as compile.c's compile_one() does,
 * but compares whole catalogs.
 */
#include "fuzz.h"

#include "catalog.h"
#include "check.h"
#include "down.h"
#include "compile.h"
#include "parse.h"

/* Apply the up of m (already checked once) to the catalog, statement by
 * statement, checking each against the state before it and collecting the
 * derived downs newest first.  Returns false if a statement does not
 * check (the history stops there). */
static bool run_up(Checker *ck, Migration *m, Stmt **derived, bool *irrev)
{
    *derived = NULL;
    *irrev = false;
    for (Stmt *s = m->up; s; s = s->next) {
        if (!check_stmt(ck, m, s))
            return false;
        if (!m->has_blocks) {
            MigClass c = CLASS_REVERSIBLE;
            const char *what = NULL;
            Stmt *inv = down_derive(ck, m, s, &c, &what);
            if (c == CLASS_IRREVERSIBLE)
                *irrev = true;
            if (inv) {
                Stmt *tail = inv;
                while (tail->next)
                    tail = tail->next;
                tail->next = *derived;
                *derived = inv;
            }
        }
        cat_apply(ck->cat, s);
    }
    return true;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    FuzzPiece p[FUZZ_MAX_MIGS];
    int n = fuzz_split(data, size, p);

    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, fuzz_diag_sink());
    Catalog cat;
    cat_init(&cat, &a);
    Checker ck = {.arena = &a, .diag = &d, .cat = &cat, .dialect = "postgres"};

    for (int i = 0; i < n; i++) {
        Migration *m = ARENA_NEW(&a, Migration);
        m->src.path = arena_printf(&a, "fuzz/%04d_m.mig", i + 1);
        m->src.text = arena_strndup(&a, p[i].text, p[i].len);
        m->src.len = p[i].len;
        m->version = arena_printf(&a, "%04d", i + 1);
        m->name = "m";
        if (!parse_migration(&a, &d, m))
            break;

        Catalog before;
        cat_copy(&before, &cat, &a);
        Stmt *derived;
        bool irrev;
        if (!run_up(&ck, m, &derived, &irrev)) {
            cat_free(&before);
            break;
        }
        if (m->has_blocks || irrev) {
            cat_free(&before);
            continue;
        }

        Catalog after;
        cat_copy(&after, &cat, &a);
        StrBuf why;
        sb_init(&why);
        for (Stmt *s = derived; s; s = s->next) {
            if (!check_stmt(&ck, m, s))
                FUZZ_FAIL("migration %d: the derived down does not check "
                          "against the schema model",
                          i + 1);
            cat_apply(&cat, s);
        }
        if (!cat_equal(&cat, &before, true, &why))
            FUZZ_FAIL("migration %d: up then down does not give back the "
                      "schema it started from: %s",
                      i + 1, sb_str(&why));
        /* Forward again, as the runtime does after a redo. */
        for (Stmt *s = m->up; s; s = s->next)
            cat_apply(&cat, s);
        sb_reset(&why);
        if (!cat_equal(&cat, &after, true, &why))
            FUZZ_FAIL("migration %d: up, down, up does not give the schema "
                      "of the first up: %s",
                      i + 1, sb_str(&why));
        sb_free(&why);
        cat_free(&before);
        cat_free(&after);
    }
    cat_free(&cat);
    arena_free(&a);
    return 0;
}
