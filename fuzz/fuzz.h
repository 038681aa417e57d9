/*
 * fuzz.h — what the libFuzzer targets share.
 *
 * Each target defines LLVMFuzzerTestOneInput() (libFuzzer's entry point).
 * For the replay driver (fuzz/replay.c), which runs every target over the
 * kept findings of tests/fuzz-regressions/ without libFuzzer, each target
 * is compiled with -DFUZZ_ENTRY=fuzz_<name>_one so that four targets can
 * live in one program.
 *
 * A target reports a broken property by printing what broke and calling
 * abort(): libFuzzer keeps the input, the replay driver dies with SIGABRT.
 */
#ifndef MIGC_FUZZ_H
#define MIGC_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int fuzz_parse_one(const uint8_t *data, size_t size);
int fuzz_compile_one(const uint8_t *data, size_t size);
int fuzz_roundtrip_one(const uint8_t *data, size_t size);
int fuzz_url_one(const uint8_t *data, size_t size);

/*
 * A history in one input: migrations are separated by a line holding only
 * `%%`.  At most FUZZ_MAX_MIGS pieces are taken; the rest is ignored.
 * tests/t_fuzz_replay.sh splits the same way (awk) for `migc check`.
 */
#define FUZZ_MAX_MIGS 16

typedef struct FuzzPiece {
    const char *text;
    size_t len;
} FuzzPiece;

static inline int fuzz_split(const uint8_t *data, size_t size,
                             FuzzPiece *out)
{
    const char *s = (const char *)data;
    int n = 0;
    size_t start = 0, line = 0;
    while (line <= size && n < FUZZ_MAX_MIGS - 1) {
        size_t eol = line;
        while (eol < size && s[eol] != '\n')
            eol++;
        if (eol - line == 2 && s[line] == '%' && s[line + 1] == '%') {
            out[n].text = s + start;
            out[n].len = line - start;
            n++;
            start = eol < size ? eol + 1 : size;
        }
        line = eol + 1;
    }
    out[n].text = s + start;
    out[n].len = size - start;
    return n + 1;
}

/* Where diagnostics go while fuzzing: formatted, then thrown away (the
 * formatting code is part of what is fuzzed).  FUZZ_VERBOSE=1 in the
 * environment shows them. */
static inline FILE *fuzz_diag_sink(void)
{
    static FILE *sink;
    if (!sink) {
        const char *v = getenv("FUZZ_VERBOSE");
        sink = v && *v == '1' ? stderr : fopen("/dev/null", "w");
        if (!sink)
            sink = stderr;
    }
    return sink;
}

#define FUZZ_FAIL(...)                                                      \
    do {                                                                    \
        fprintf(stderr, "fuzz property broken: " __VA_ARGS__);              \
        fputc('\n', stderr);                                                \
        abort();                                                            \
    } while (0)

#endif
