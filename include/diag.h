/*
 * diag.h — one diagnostic format for the parser, the checker and the runtime.
 *
 *   FILE:LINE:COL: error: MESSAGE
 *       the source line
 *               ^~~~~
 *   hint: did you mean comments.content?
 *
 * Locations are byte offsets into a SourceFile; they become line and column
 * only when a diagnostic is printed.  Columns count characters (UTF-8 code
 * points), starting at 1, as gcc and clang do.
 */
#ifndef MIGC_DIAG_H
#define MIGC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A span of bytes [start, end) in one source file. */
typedef struct Loc {
    int start;
    int end;
} Loc;

typedef struct SourceFile {
    const char *path;   /* as given by the user, for messages */
    const char *text;   /* the whole file, NUL-terminated */
    size_t len;         /* bytes, not counting the terminating NUL */
} SourceFile;

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct Diag {
    FILE *out;          /* where diagnostics go (stderr); NULL: nowhere */
    int errors;
    int warnings;
    bool werror;        /* --strict: warnings count as errors */
    bool color;         /* bold/colour escapes (only on a terminal) */
    int max_errors;     /* stop printing after this many (0: no limit) */
    bool no_warnings;   /* count warnings but do not print them */
} Diag;

void diag_init(Diag *d, FILE *out);

/* A diagnostic at a location of a file.  `hint` may be NULL; it is printed
 * as a `hint:` line after the caret. */
void diag_at(Diag *d, DiagLevel level, const SourceFile *f, Loc loc,
             const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_vat(Diag *d, DiagLevel level, const SourceFile *f, Loc loc,
              const char *hint, const char *fmt, va_list ap);

/* A diagnostic about a whole file (FILE: error: ...), or with f == NULL
 * about nothing in particular (migc: error: ...). */
void diag_file(Diag *d, DiagLevel level, const SourceFile *f,
               const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * An error that a database reported about SQL text (the runtime's):
 *
 *   WHERE: error: MESSAGE
 *       each line of the statement
 *            ^                       under byte `pos` of `sql` (-1: none)
 *   detail: DETAIL
 *   hint: HINT
 *
 * `where` is a migration ("migrations/0002_x.mig") or "migc"; `sql`,
 * `detail` and `hint` may be NULL.  Lines are shown as diag_at shows
 * source lines (control bytes and invalid UTF-8 as '?').
 */
void diag_sql(Diag *d, const char *where, const char *message,
              const char *sql, long pos, const char *detail,
              const char *hint);

/* Line and column (1-based, column in characters) of a byte offset. */
void diag_linecol(const SourceFile *f, int offset, int *line, int *col);

#endif
