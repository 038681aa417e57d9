/*
 * compile.h — the whole history: load the migrations folder, parse every
 * file, check and fold it into the catalog, derive the downs, and emit the
 * SQL of one dialect.  This is the one entry point that the command line,
 * the runtime, the tests and the fuzz targets use.
 */
#ifndef MIGC_COMPILE_H
#define MIGC_COMPILE_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"
#include "diag.h"
#include "emit.h"
#include "lint.h"
#include "migc.h"
#include "version.h"

/* The SQL of one direction of one migration. */
typedef struct SqlScript {
    const char *text;       /* every statement, one after the other */
    const char **stmts;     /* each SQL statement, ending with ';' */
    int nstmts;
    /* Per statement: what a batched backfill fills ("t.c"), or NULL for
     * a plain statement; the array is NULL when there is none. */
    const char **backfill;
} SqlScript;

typedef struct CompiledMig {
    Migration *m;
    SqlScript up;
    SqlScript down;         /* empty when irreversible */
    bool down_irreversible; /* rolling back must stop with an error */
    const Stmt *lossy_stmt; /* the first lossy statement, for warnings */
    const Stmt *irrev_stmt; /* the statement whose down cannot be derived
                               (sql without down), when no down block */
    const char *irrev_why;  /* why, e.g. "sql without down" */
    const Stmt *risk_stmt;  /* the first statement whose derived down may
                               fail on rows written after the up */
    const char *risk_why;   /* why, for each such statement ("; ") */
    const char *checksum;   /* hex SHA-256 of the canonical form */
    LintFinding *lint;      /* with History.lint: the lint findings of its
                               up statements, in order (lint.h) */
    /* undo_from[k], k = 0..up.nstmts: the first of the down statements
     * that undo exactly the first k up statements (down.nstmts for k = 0),
     * or -1 when k ends inside the SQL of one migration statement.  NULL
     * when the down is a down block or there is none. */
    const int *undo_from;
    const struct MigExpand *expand; /* `expand;`: its phases (expand.h) */
} CompiledMig;

typedef struct History {
    Arena arena;
    Diag *diag;
    CompiledMig *migs;      /* sorted by version */
    int nmigs;
    int capmigs;
    Catalog cat;            /* after history_compile: the final schema */
    const Dialect *dialect;
    bool compiled;
    bool lint;              /* set before history_compile: run the lint
                               rules of the dialect (migc check) */
    /* If set, called by history_compile before each migration is compiled
     * (done false) and after it compiled without error (done true): `migc
     * check` adds its own warnings there, so that every diagnostic comes
     * in history order. */
    void (*each)(void *ctx, struct History *h, CompiledMig *cm, bool done);
    void *each_ctx;
} History;

/* Limits, documented in docs/LANGUAGE.md. */
#define MIGC_MAX_FILE_BYTES (16 * 1024 * 1024)
#define MIGC_MAX_IDENT_BYTES 63
#define MIGC_MAX_NESTING 256
#define MIGC_MAX_TYPE_ARGS 16

void history_init(History *h, Diag *d);
void history_free(History *h);

/* Read every `<version>_<name>.mig` file of `dir` (other files are
 * ignored), parse each, and sort by version (as numbers).  Reports bad file
 * names, duplicate versions, unreadable files and syntax errors; returns
 * false if there was any error. */
bool history_load_dir(History *h, const char *dir);

/* Add one migration file from outside the folder (`migc check FILE`). */
bool history_add_file(History *h, const char *path);

/* Check every migration in order against the catalog, derive every down,
 * and emit the up and down SQL of `dialect`.  Diagnostics for every
 * problem found; returns false if any error. */
bool history_compile(History *h, const Dialect *dialect);

/* Find a migration by version (numeric comparison), or by file path. */
CompiledMig *history_find(History *h, const char *version_or_path);

/* The text `migc compile` prints for one migration and direction: the
 * header comment (name, direction, class and what is lost), the dialect's
 * preamble, BEGIN/COMMIT where the runtime would use them, the SQL. */
void history_format(const History *h, const CompiledMig *cm, bool down,
                    StrBuf *out);

/* `migc schema`: the final schema as CREATE statements. */
bool history_schema(History *h, StrBuf *out);

/* SHA-256 of the canonical form (hex, 64 chars, arena). */
const char *history_checksum(Arena *a, const Migration *m);

#endif
