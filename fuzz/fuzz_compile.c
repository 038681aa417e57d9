/*
 * fuzz_compile.c — the whole pipeline over a history of several fuzzed
 * files: parse, check, derive the downs, emit, for every dialect, through
 * the same entry points as `migc compile` (compiler/compile.h).
 *
 * The input is split into migrations on lines holding only `%%`
 * (fuzz.h).  Properties: no crash, no sanitizer report; a failure has
 * reported an error; a success has reported none and gives every
 * migration an up script (and a down unless irreversible).
 */
#include "fuzz.h"

#include "compile.h"
#include "emit.h"

static void one_dialect(const FuzzPiece *p, int n, const Dialect *dialect)
{
    Diag d;
    diag_init(&d, fuzz_diag_sink());
    History h;
    history_init(&h, &d);

    bool parsed = true;
    for (int i = 0; i < n; i++) {
        char version[16], path[48];
        snprintf(version, sizeof version, "%04d", i + 1);
        snprintf(path, sizeof path, "fuzz/%s_m%d.mig", version, i + 1);
        int before = d.errors;
        if (!history_add_source(&h, path, version, "m", p[i].text,
                                p[i].len)) {
            parsed = false;
            if (d.errors == before)
                FUZZ_FAIL("%s: parse failed without an error", path);
        }
    }

    if (parsed) {
        int before = d.errors;
        bool ok = history_compile(&h, dialect);
        if (!ok && d.errors == before)
            FUZZ_FAIL("history_compile (%s) failed without an error",
                      dialect->name);
        if (ok && d.errors != before)
            FUZZ_FAIL("history_compile (%s) reported an error but succeeded",
                      dialect->name);
        if (ok) {
            StrBuf out;
            sb_init(&out);
            for (int i = 0; i < h.nmigs; i++) {
                const CompiledMig *cm = &h.migs[i];
                if (!cm->up.text)
                    FUZZ_FAIL("migration %d has no up script", i + 1);
                if (!cm->down_irreversible && !cm->down.text)
                    FUZZ_FAIL("migration %d has no down script", i + 1);
                if (!cm->checksum || strlen(cm->checksum) != 64)
                    FUZZ_FAIL("migration %d has no checksum", i + 1);
                history_format(&h, cm, false, &out);
                history_format(&h, cm, true, &out);
                sb_reset(&out);
            }
            history_schema(&h, &out);
            sb_free(&out);
        }
    }
    history_free(&h);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    FuzzPiece p[FUZZ_MAX_MIGS];
    int n = fuzz_split(data, size, p);
    one_dialect(p, n, &dialect_postgres);
    one_dialect(p, n, &dialect_sqlite);
    one_dialect(p, n, &dialect_mysql);
    return 0;
}
