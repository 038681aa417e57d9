/*
 * parse.h — the front end: migration text in, syntax tree out.
 *
 * parse_migration() is the one entry point (like PostgreSQL's raw_parser()):
 * it runs the flex scanner (grammar/lexer.l) and the bison parser
 * (grammar/parser.y) over a Migration's source text, reports every lexical
 * and syntax error through the Diag, and fills in the Migration.
 *
 * The ParseState below is shared by the generated scanner and parser only;
 * nothing else should need it.  There is no global state: everything lives
 * in one ParseState per parse.
 */
#ifndef MIGC_PARSE_H
#define MIGC_PARSE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* Parse m->src.  Fills m->no_transaction(_loc), m->has_blocks, m->up,
 * m->down and m->down_loc.  Returns false if any error was reported; the
 * tree may then be partial and must not be used. */
bool parse_migration(Arena *a, Diag *d, Migration *m);

/* Run only the scanner over `src` (the benchmark's floor): the number of
 * tokens, or -1 if there was a lexical error (reported through d). */
long parse_tokenize(const SourceFile *src, Diag *d);

/* ---- internal to the scanner and the parser ---- */

/* How many open parentheses (outside raw bodies) are remembered for the
 * "possibly unterminated" hint.  Deeper nesting is counted, not stored. */
#define PARSE_PAREN_STACK 32

typedef struct ParseState {
    Arena *arena;
    Diag *diag;
    const SourceFile *src;
    Migration *mig;         /* NULL when only tokenizing */
    int errors;             /* lexical and syntax errors reported */
    bool eof_error;         /* the scanner swallowed the rest of the file
                             * (unterminated string, comment, ...): the
                             * parser does not add "unexpected end of file" */

    /* scanner position: byte offset of the next byte to scan */
    int pos;
    int tok;                /* start of the current flex match */

    /* syntax errors right after a lexical error in the same statement are
     * not reported (they are its consequence) */
    int lex_error_at;       /* offset of the last lexical error, or -1 */
    int semi_at;            /* offset of the last ';' scanned, or -1 */
    int prev_semi_at;       /* offset of the ';' before that, or -1 */

    bool bad_run;           /* inside a run of unexpected characters */

    /* the two previous tokens, which decide whether '(' opens a raw body */
    int last_tok;
    int prev_tok;

    /* open parentheses outside raw bodies, for error hints */
    int paren_depth;
    int paren_at[PARSE_PAREN_STACK];
    bool paren_reset;       /* forget them at the next token (after ';') */
    bool in_index;          /* in a create index statement: a '(' right
                               after the key list's '(' or ',' opens a
                               raw expression key */

    /* multi-rule tokens: raw bodies, comments, dollar quotes */
    int raw_start;          /* offset of the '(' of a raw body */
    int raw_depth;
    int comment_start;
    int comment_depth;
    int comment_return;     /* start condition to go back to */
    int dollar_start;       /* offset of the opening $tag$ */
    int dollar_taglen;
    int dollar_return;

    /* `allow RULE, ...;`: the rules waiting for the next statement, and
     * whether a statement was seen (before one: the whole file's) */
    NameList *pending_allow;
    Loc pending_allow_loc;  /* the last `allow` that is waiting */
    bool seen_stmt;
} ParseState;

/* An `allow` that no statement follows (at the end of the file or of an
 * up block): an error. */
void parse_dangling_allow(ParseState *ps);

/* A lexical or syntax error at a location (counts in ps->errors). */
void parse_error(ParseState *ps, Loc loc, const char *hint, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

#endif
