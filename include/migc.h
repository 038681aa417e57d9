/*
 * migc.h — the compiler as a program uses it (cli/): load a history,
 * compile it for a dialect, print it, and read back plain facts of each
 * migration.  The structures behind History and Dialect are the compiler's
 * own (compiler/compile.h, compiler/emit.h); a program holds pointers only.
 *
 * The runtime does not use this header: it takes the migration set
 * (migset.h), plain records made from the same compilation.
 */
#ifndef MIGC_MIGC_H
#define MIGC_MIGC_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"

typedef struct History History;
typedef struct Dialect Dialect;

/* The dialect called `name` (postgres, sqlite, mysql), or NULL. */
const Dialect *dialect_find(const char *name);
/* Its own name: "postgres", "sqlite" or "mysql". */
const char *dialect_name(const Dialect *d);

/* A new, empty history whose diagnostics go to `d`; history_delete()
 * frees it and everything it holds. */
History *history_new(Diag *d);
void history_delete(History *h);

/* Read every `<version>_<name>.mig` file of `dir`, parse each and sort by
 * version.  False on any error (reported through the Diag). */
bool history_load_dir(History *h, const char *dir);
/* Add one migration file from outside the folder (`migc check FILE`). */
bool history_add_file(History *h, const char *path);
/* Check every migration in order, derive the downs, emit the SQL of
 * `dialect`.  False on any error. */
bool history_compile(History *h, const Dialect *dialect);

/* The migrations, in version order: how many, and the index of the one
 * named by version (compared as numbers) or file path, or -1. */
int history_count(const History *h);
int history_index(History *h, const char *version_or_path);
const char *history_version(const History *h, int i);
const char *history_name(const History *h, int i);
const char *history_path(const History *h, int i);

/* A migration's class after history_compile: MIGC_REVERSIBLE, MIGC_LOSSY
 * or MIGC_IRREVERSIBLE; *why (may be NULL) gets what is lost or why there
 * is no down, or NULL. */
enum { MIGC_REVERSIBLE, MIGC_LOSSY, MIGC_IRREVERSIBLE };
int history_class(const History *h, int i, const char **why);
/* "reversible", "lossy", "irreversible". */
const char *migc_class_name(int cls);

/* `migc compile`: migration i's SQL in one direction, with its header. */
void history_format_at(const History *h, int i, bool down, StrBuf *out);
/* `migc schema`: the final schema as CREATE statements. */
bool history_schema(History *h, StrBuf *out);

/* Keep only the migrations whose flag in `keep` (one per migration, in
 * version order) is set; before history_compile.  A history up to a
 * version, or of the migrations a database applied. */
void history_keep(History *h, const bool *keep);
/* Add one migration from memory; `path` names it in diagnostics. */
bool history_add_source(History *h, const char *path, const char *version,
                        const char *name, const char *text, size_t len);

/* The schema model of a compiled history as one migration of the
 * language that recreates it (compiler/model.h). */
void history_model_text(History *h, StrBuf *out);
/* The statements of the language that turn the model of `from` into the
 * model of `to`, each after a `-- ` note saying why, using the names given
 * for the two sides ("the database", "the migrations").  Both histories
 * compiled.  True when the models differ. */
bool history_diff_text(History *from, History *to, const char *from_name,
                       const char *to_name, StrBuf *out);
/* A view or materialized view of the model of a compiled history
 * (history_views()), for asking a live database's server how it prints
 * the query. */
typedef struct HistoryView {
    const char *schema;     /* NULL: the default schema */
    const char *name;
    bool materialized;
    const char *query;      /* the text the migrations wrote (renames
                               applied) */
    const char **cols;      /* its column list, or NULL */
    int ncols;
    bool col_renamed;       /* a column rename rewrote the query: the
                               server's view keeps the old column names */
    void *obj;              /* the model's object */
} HistoryView;
/* The views and materialized views of the model, in its order, in h's
 * arena; their number. */
int history_views(History *h, HistoryView **out);
/* The query of view v as the server prints it (pg_get_viewdef), "" when
 * the server could not build it: a diff of h with another history whose
 * view of the same name has one too compares these texts (the column
 * names are in them), not the migrations' text.  Copied. */
void history_view_compare_as(History *h, HistoryView *v, const char *text);

/* `migc up`'s drift check: as history_diff_text(db, model, "the
 * database", "the migrations", out), for what a catalog read back shows
 * as the language wrote it: tables with their columns, constraints and
 * indexes, enums, extensions, schemas (views, routines and triggers are
 * `migc diff`'s alone), leaving out every difference on an object that an
 * `sql` statement of `model` names (the model cannot see what it did).
 * Both compiled for the same dialect.  The number of differences. */
int history_drift_text(History *db, History *model, StrBuf *out);
/* `migc squash`: one migration in place of every migration of the
 * compiled history `h` (the history up to the version squashed into): a
 * header comment, `replaces` with their versions, and the model.  It is
 * compiled on its own and must give the same model.  False, with the
 * reason in `why`, when the history is empty, its model is empty, or it
 * has sql statements and not `allow_sql` (the model does not see what
 * they do). */
bool history_squash_text(History *h, bool allow_sql, StrBuf *out,
                         StrBuf *why);

/* INSERTs of `nrows` rows (k = first, first+1, ...) for every table of
 * the model of a compiled history, in its dialect (compiler/rows.h):
 * `migc verify --with-rows`.  False, with one line per table in `why`,
 * when some table cannot be filled. */
bool history_rows_insert(History *h, int nrows, long first, StrBuf *out,
                         StrBuf *why);

/* `migc check`: set before history_compile.  Runs the lint rules of the
 * dialect and reports, for each migration as it compiles (so that every
 * diagnostic comes in history order), check's own warnings: lossy and
 * irreversible migrations (errors with `strict`), downs that may fail on
 * data, lint findings as text when format is LINT_TEXT.  `sel` (one flag
 * per migration, read after the history is loaded) and `since` (only
 * migrations newer than that version) limit what is reported; `quiet`
 * reports errors only.  `o` must outlive history_compile. */
enum { LINT_TEXT, LINT_JSON, LINT_SARIF, LINT_GITHUB };
typedef struct CheckOpts {
    const char *since;
    const bool *sel;
    int format;
    bool strict;
    bool quiet;
} CheckOpts;
void history_check(History *h, const CheckOpts *o);
/* Whether migration i is newer than o->since (or there is no since). */
bool history_check_reports(const History *h, const CheckOpts *o, int i);

/* check --format: the format's number (LINT_TEXT when name is NULL), or
 * -1 when unknown. */
int lint_format(const char *name);
/* The lint findings of the migrations flagged in `sel` in `format` (json,
 * sarif, github) on `out`; returns their number. */
int lint_report(const History *h, const bool *sel, int format, FILE *out);

/* The candidate closest to `name` if it looks like a typo, else NULL
 * (did-you-mean for commands and options). */
const char *suggest_closest(const char *name, const char *const *cands,
                            int n);

#endif
