/*
 * sqlscan.h — a small scanner over raw SQL texts (check expressions,
 * index predicates), for the few questions the compiler asks of them
 * without parsing them: which identifiers do they contain, does one name
 * a column, and the same text with a column renamed.
 *
 * It reads PostgreSQL's lexical structure only as far as needed to find
 * identifier tokens: '...' strings (with '' doubled, and E'...' with
 * backslash escapes), "..." quoted identifiers (with "" doubled), $tag$
 * dollar quotes, -- and nested block comments, and numbers are skipped
 * over; everything else is punctuation.  An unquoted identifier is folded
 * to lower case (ASCII only, as PostgreSQL does); a quoted one is taken
 * as written.
 */
#ifndef MIGC_SQLSCAN_H
#define MIGC_SQLSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "sqllex.h"

/*
 * Whether a statement of `text` is COPY ... FROM STDIN or COPY ... TO
 * STDOUT, which wait for (or send) data on the client's connection that a
 * migration has not got: *at is the offset of its COPY keyword.
 */
bool sqlscan_copy_stdio(const char *text, size_t *at, bool *from_stdin);

/*
 * Whether a statement of `text` ends or starts a transaction (BEGIN,
 * START TRANSACTION, COMMIT, END, ROLLBACK, ABORT; not ROLLBACK TO a
 * savepoint): *at is the offset of its first word.
 */
bool sqlscan_txn_control(const char *text, size_t *at);

/* One identifier token: text[start, end) is the token as written. */
typedef struct SqlTok {
    size_t start, end;
    bool quoted;        /* "..." */
    bool after_dot;     /* the token before it is '.': a qualified name */
    bool before_paren;  /* the token after it is '(': a function name */
} SqlTok;

typedef struct SqlScan {
    const char *text;
    size_t pos;
    bool dot;           /* the last token seen was '.' */
} SqlScan;

void sqlscan_init(SqlScan *s, const char *text);

/* The next identifier token of the text; false at its end. */
bool sqlscan_next(SqlScan *s, SqlTok *t);

/* Whether token `t` of `text` names `name` (folded when unquoted). */
bool sqlscan_tok_is(const char *text, const SqlTok *t, const char *name);

/*
 * Whether `text` (may be NULL) may use the column `name`: any identifier
 * token equal to it, qualified or not.  It errs on the side of yes, as the
 * checker needs when it lists what a dropped column takes with it.
 */
bool sqlscan_mentions(const char *text, const char *name);

/*
 * `text` with every reference to the column `from` written as `to`
 * (allocated in the arena), or `text` itself when there is none.  A
 * reference is an identifier token equal to `from` that is neither
 * qualified (after a '.') nor a function name (before a '(').
 */
const char *sqlscan_rename(Arena *a, const char *text, const char *from,
                           const char *to);

/* The same, qualified references included (u.email, public.users): the
 * rewrite of a view's query after a rename of a table, column or view. */
const char *sqlscan_rename_ref(Arena *a, const char *text, const char *from,
                               const char *to);

/* `name` as an identifier in SQL: bare when it is a lower-case
 * [a-z_][a-z0-9_]* name and no reserved word, else "quoted". */
void sqlscan_put_ident(StrBuf *b, const char *name);

/*
 * Whether two texts (either may be NULL) are the same SQL up to the
 * spelling of identifiers: Price, price and "price" are one name.
 */
bool sqlscan_equal(const char *a, const char *b);

/*
 * The same, up to white space, comments and a final ';' as well: token by
 * token.  How a view's query written in a migration compares with the
 * text a database keeps for it (SQLite keeps the text of the CREATE VIEW
 * the emitter wrote, without the blank lines around a query).
 */
bool sqlscan_same_tokens(const char *a, const char *b);

#endif
