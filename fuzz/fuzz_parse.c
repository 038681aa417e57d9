/*
 * fuzz_parse.c — the scanner and the parser over one migration file.
 *
 * Properties: no crash, no sanitizer report, and a failed parse (or a
 * lexical error) has reported at least one error.
 */
#include "fuzz.h"

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, fuzz_diag_sink());

    Migration *m = ARENA_NEW(&a, Migration);
    m->src.path = "fuzz.mig";
    m->src.text = arena_strndup(&a, (const char *)data, size);
    m->src.len = size;
    m->version = "0001";
    m->name = "fuzz";

    long ntok = parse_tokenize(&m->src, &d);
    if (ntok < 0 && d.errors == 0)
        FUZZ_FAIL("parse_tokenize failed without reporting an error");

    int before = d.errors;
    bool ok = parse_migration(&a, &d, m);
    if (!ok && d.errors == before)
        FUZZ_FAIL("parse_migration failed without reporting an error");
    if (ok && d.errors != before)
        FUZZ_FAIL("parse_migration reported an error but succeeded");
    if (ok) {
        /* The canonical form (the checksum's input) walks every node. */
        StrBuf b;
        sb_init(&b);
        ast_canonical(m, &b);
        sb_free(&b);
    }
    arena_free(&a);
    return 0;
}
