/*
 * sqllex.h — the lexical structure of SQL text: its tokens, and the
 * statements they make.
 */
#ifndef MIGC_SQLLEX_H
#define MIGC_SQLLEX_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The lexical layer: every token of a text, in order, and the statements
 * they make.  This is the one place that knows where a string, a quoted
 * identifier, a dollar quote or a comment ends: the checker, the
 * emitters and the runtime (splitting SQL into statements) all read raw
 * SQL through it.
 *
 * PostgreSQL's rules by default: '...' with '' doubled (E'...' also takes
 * backslash escapes), "..." with "" doubled, $tag$...$tag$, -- comments to
 * the end of the line, nested block comments.  The flags give MySQL's.
 * An unterminated token runs to the end of the text (`open`).
 */
typedef enum SqlLexKind {
    SQLLEX_SPACE,       /* white space */
    SQLLEX_COMMENT,     /* -- ..., # ..., block comment */
    SQLLEX_STRING,      /* '...', E'...', B'...', X'...', N'...' */
    SQLLEX_QIDENT,      /* "..." (PostgreSQL), `...` (SQLLEX_BACKTICK) */
    SQLLEX_DOLLAR,      /* $tag$ ... $tag$ */
    SQLLEX_WORD,        /* a keyword or an unquoted identifier */
    SQLLEX_NUMBER,
    SQLLEX_PARAM,       /* $1 */
    SQLLEX_SEMI,        /* ; */
    SQLLEX_PUNCT        /* any other byte */
} SqlLexKind;

#define SQLLEX_BACKTICK 1u      /* `...` quotes an identifier */
#define SQLLEX_BACKSLASH 2u     /* a backslash escapes in every string;
                                   no dollar quotes */
#define SQLLEX_MYCOMMENT 4u     /* MySQL's comments: # to the end of the
                                   line, -- only before white space, block
                                   comments that do not nest */
#define SQLLEX_MYSQL (SQLLEX_BACKTICK | SQLLEX_BACKSLASH | SQLLEX_MYCOMMENT)

typedef struct SqlLexTok {
    SqlLexKind kind;
    size_t start, end;  /* text[start, end) */
    bool open;          /* unterminated: runs to the end of the text */
} SqlLexTok;

typedef struct SqlLex {
    const char *text;
    size_t len, pos;
    unsigned flags;
} SqlLex;

/* Scan text[0, len) (len (size_t)-1: up to its NUL). */
void sqllex_init(SqlLex *l, const char *text, size_t len, unsigned flags);
/* The next token; false at the end of the text. */
bool sqllex_next(SqlLex *l, SqlLexTok *t);
/* Whether word token t is `kw` (lower case), in any case. */
bool sqllex_word_is(const char *text, const SqlLexTok *t, const char *kw);

/*
 * The next statement of the text: [*start, *end) runs from its first
 * token that is not white space to its ';' (included; the last statement
 * may have none), trailing white space excluded.  Statements of nothing
 * but white space, comments and ';' are skipped.  False at the end.
 */
bool sqllex_next_stmt(SqlLex *l, size_t *start, size_t *end);
/* Whether text[0, len) holds anything but white space, comments, ';'. */
bool sqllex_has_content(const char *text, size_t len, unsigned flags);

#endif
