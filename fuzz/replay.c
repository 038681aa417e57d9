/*
 * replay.c — run every fuzz target over files, without libFuzzer.
 *
 *   replay [-t parse|compile|roundtrip|url]... FILE...
 *
 * Each FILE goes through each target (all four unless -t names some),
 * exactly as libFuzzer would pass it.  A broken property aborts; a crash
 * is a crash; built with ASan+UBSan, a sanitizer report ends the run.
 * Exit status 0 means every file went through every target.  This is what
 * tests/t_fuzz_replay.sh runs over tests/fuzz-regressions/, linked with
 * the ordinary build's libmigc.a.
 */
#include "fuzz.h"

#include <errno.h>

typedef struct Target {
    const char *name;
    int (*fn)(const uint8_t *, size_t);
} Target;

static const Target targets[] = {
    {"parse", fuzz_parse_one},
    {"compile", fuzz_compile_one},
    {"roundtrip", fuzz_roundtrip_one},
    {"url", fuzz_url_one},
};
#define NTARGETS ((int)(sizeof targets / sizeof targets[0]))

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            } else {
                buf = nb;
            }
        }
    }
    bool bad = ferror(f) || !buf;
    fclose(f);
    if (bad) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    bool want[NTARGETS] = {false};
    bool any = false;
    int first = 1;
    while (first + 1 < argc && strcmp(argv[first], "-t") == 0) {
        int i;
        for (i = 0; i < NTARGETS; i++)
            if (strcmp(argv[first + 1], targets[i].name) == 0)
                break;
        if (i == NTARGETS) {
            fprintf(stderr, "replay: no target %s\n", argv[first + 1]);
            return 2;
        }
        want[i] = any = true;
        first += 2;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: replay [-t TARGET]... FILE...\n");
        return 2;
    }
    int status = 0;
    for (int a = first; a < argc; a++) {
        size_t len = 0;
        uint8_t *data = slurp(argv[a], &len);
        if (!data) {
            status = 1;
            continue;
        }
        for (int i = 0; i < NTARGETS; i++) {
            if (any && !want[i])
                continue;
            /* libFuzzer hands over a buffer of exactly `len` bytes; so do
             * we, so that ASan sees a read past the end. */
            uint8_t *copy = malloc(len ? len : 1);
            if (!copy)
                abort();
            memcpy(copy, data, len);
            targets[i].fn(copy, len);
            free(copy);
        }
        free(data);
        printf("ok %s\n", argv[a]);
    }
    return status;
}
