/*
 * checksum.c — a migration's checksum: SHA-256 of its canonical form
 * (ast_canonical), so that whitespace, comments and keyword case are not
 * changes.
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "compile.h"

const char *history_checksum(Arena *a, const Migration *m)
{
    StrBuf b;
    sb_init(&b);
    ast_canonical(m, &b);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(sb_str(&b), b.len, md, &mdlen, EVP_sha256(), NULL)) {
        fputs("migc: SHA-256 failed\n", stderr);
        abort();
    }
    sb_free(&b);
    char *hex = arena_alloc(a, mdlen * 2 + 1);
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < mdlen; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[mdlen * 2] = '\0';
    return hex;
}
