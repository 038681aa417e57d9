/*
 * model.h — a schema model (catalog.h) as statements of the language:
 *
 *   model_print     the whole model as one migration that recreates it
 *                   (`migc squash`: compiling the text gives the same model)
 *   model_diff      what turns model `from` into model `to`, statement by
 *                   statement in an order the checker accepts (`migc diff`)
 *   model_stmt_text one statement as a person would write it: names quoted
 *                   only where the language needs it, a table's columns one
 *                   a line
 *
 * Statements and notes are allocated in the arena given.
 */
#ifndef MIGC_MODEL_H
#define MIGC_MODEL_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"

/* One statement of a difference, with why it is there (one line, no
 * comment marker).  stmt NULL: a difference the language cannot undo
 * (a column made serial): the note says what to do. */
typedef struct DiffStep {
    Stmt *stmt;
    const char *why;
    struct DiffStep *next;
} DiffStep;

/* The two sides' names for the notes: "the database", "the migrations". */
typedef struct DiffSides {
    const char *from;
    const char *to;
    /* Compare as this dialect stores the schema (NULL: the models as they
     * are): on SQLite a serial is its integer, a boolean's true is 1, an
     * enum a TEXT column with a check of its labels and an extension
     * nothing, so a database read back cannot show the difference and
     * none is reported; on PostgreSQL a serial column is not null,
     * whatever was written; and expressions (checks, predicates,
     * defaults) compare in one form (exprnorm.h), the catalog's text
     * being its own. */
    const struct Dialect *stored;
    /* Tables, their columns, constraints and indexes, enums, extensions
     * and schemas only: views, routines and triggers are left out. */
    bool tables_only;
} DiffSides;

/* Statements that turn `from` into `to` (NULL when they are equal as
 * cat_equal() sees them with column order ignored).  Order: schemas
 * created, enums created and their labels added, views and other objects
 * dropped (when they go or change), foreign keys dropped,
 * other constraints and indexes dropped, tables dropped, columns dropped,
 * changed and added, tables created, constraints and indexes added,
 * foreign keys added, objects created, enums dropped, schemas dropped. */
DiffStep *model_diff(Arena *a, Catalog *from, Catalog *to,
                     const DiffSides *sides);

/* The steps as text: each why as a `-- ` comment line, then the
 * statement. */
void model_diff_text(const DiffStep *steps, StrBuf *out);

/* The model as one migration: schemas, enums, then tables with their
 * columns and constraints (a foreign key to a table not yet created is
 * added after every table), each followed by its indexes, then views and
 * the other objects in the order they were made. */
void model_print(Catalog *c, StrBuf *out);

/* The create table of `t` as model_print writes it (foreign keys only
 * when `with_fks`), and in *rest the add constraints that must follow it
 * so that the constraints come in the model's order. */
Stmt *model_table_stmt(Catalog *c, const CatTable *t, bool with_fks,
                       Stmt **rest);

/* The create type ... as enum of an enum of the model. */
Stmt *model_enum_stmt(Arena *a, const CatEnum *e);

/* One statement, ending with ";\n". */
void model_stmt_text(StrBuf *out, const Stmt *s);

#endif
