/*
 * arena.h — one arena per compilation, and a growable string buffer.
 *
 * Every allocation of the parser, the checker, the down derivation and the
 * emitters comes from one Arena; arena_free() releases all of it at once,
 * also after an error.  Allocation failure aborts with a message: migc has
 * no useful way to go on without memory.
 */
#ifndef MIGC_ARENA_H
#define MIGC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
    size_t total; /* bytes obtained from malloc, for the benchmarks */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* Zeroed, aligned for any type. */
void *arena_alloc(Arena *a, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_alloc((a), sizeof(T) * (size_t)(n)))

/* Growable string buffer on malloc (not the arena): it is used for output
 * that may be large and is handed out or copied at the end. */
typedef struct StrBuf {
    char *data;
    size_t len;
    size_t cap;
} StrBuf;

void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_putn(StrBuf *b, const char *s, size_t n);
void sb_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
void sb_reset(StrBuf *b);
/* The contents, NUL-terminated (never NULL). */
const char *sb_str(StrBuf *b);
/* Copy the contents into the arena. */
char *sb_arena_copy(StrBuf *b, Arena *a);

/* Out of memory: print and abort. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
