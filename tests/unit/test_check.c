/*
 * test_check.c — parse analysis: every rule of language.md's "The schema
 * model" with its exact diagnostic, did-you-mean hints, generated names,
 * and the implied drops of DROP COLUMN.
 *
 * Histories are written as migration text, parsed with parse_migration(),
 * checked statement by statement and applied to one catalog.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "ast.h"
#include "catalog.h"
#include "check.h"
#include "diag.h"
#include "parse.h"
#include "suggest.h"

typedef struct T {
    Arena a;
    Diag d;
    FILE *f;
    char *buf;
    size_t len;
    Catalog cat;
    Checker ck;
    Migration *last;
} T;

static int t_setup(void **state)
{
    T *t = calloc(1, sizeof *t);
    arena_init(&t->a);
    t->f = open_memstream(&t->buf, &t->len);
    diag_init(&t->d, t->f);
    cat_init(&t->cat, &t->a);
    t->ck.arena = &t->a;
    t->ck.diag = &t->d;
    t->ck.cat = &t->cat;
    t->ck.dialect = "postgres";
    *state = t;
    return 0;
}

static int t_teardown(void **state)
{
    T *t = *state;
    cat_free(&t->cat);
    fclose(t->f);
    free(t->buf);
    arena_free(&t->a);
    free(t);
    return 0;
}

/* The diagnostics printed so far, and forget them. */
static const char *diags(T *t)
{
    fflush(t->f);
    static char copy[16384];
    snprintf(copy, sizeof copy, "%s", t->buf ? t->buf : "");
    fclose(t->f);
    free(t->buf);
    t->buf = NULL;
    t->f = open_memstream(&t->buf, &t->len);
    t->d.out = t->f;
    t->d.errors = t->d.warnings = 0;
    return copy;
}

static Migration *parse(T *t, const char *src)
{
    Migration *m = ARENA_NEW(&t->a, Migration);
    m->src.path = "m.mig";
    m->src.text = arena_strdup(&t->a, src);
    m->src.len = strlen(src);
    m->version = "1";
    m->name = "m";
    if (!parse_migration(&t->a, &t->d, m))
        fail_msg("parse error: %s", diags(t));
    t->last = m;
    return m;
}

/* Check and apply every statement; returns whether all checked. */
static bool run(T *t, const char *src)
{
    Migration *m = parse(t, src);
    bool ok = true;
    for (Stmt *s = m->up; s; s = s->next) {
        if (check_stmt(&t->ck, m, s))
            cat_apply(&t->cat, s);
        else
            ok = false;
    }
    return ok;
}

/* A history that must check without any diagnostic. */
static void setup(T *t, const char *src)
{
    bool ok = run(t, src);
    const char *d = diags(t);
    if (!ok || *d)
        fail_msg("setup failed:\n%s", d);
}

/* `src` fails, and its diagnostics are exactly `want`. */
static void expect_error(T *t, const char *src, const char *want)
{
    assert_false(run(t, src));
    assert_string_equal(diags(t), want);
}

/* `src` checks, with exactly the diagnostics `want` (warnings). */
static void expect_ok(T *t, const char *src, const char *want)
{
    assert_true(run(t, src));
    assert_string_equal(diags(t), want);
}

static const char *users =
    "create table users (id serial primary key, email text not null unique,"
    " name text);\n"
    "create table comments (id serial primary key,"
    " user_id integer not null references users, content text);\n";

/* ---- missing objects and did-you-mean ---- */

static void test_missing_column_hint(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "rename column comments.contents to body",
                 "m.mig:1:24: error: column comments.contents does not exist\n"
                 "    rename column comments.contents to body\n"
                 "                           ^~~~~~~~\n"
                 "hint: did you mean comments.content?\n");
}

static void test_missing_table_hint(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "drop table usres;",
                 "m.mig:1:12: error: table usres does not exist\n"
                 "    drop table usres;\n"
                 "               ^~~~~\n"
                 "hint: did you mean users?\n");
    /* Nothing close: no hint. */
    expect_error(t, "drop table orders;",
                 "m.mig:1:12: error: table orders does not exist\n"
                 "    drop table orders;\n"
                 "               ^~~~~~\n");
}

static void test_missing_schema(void **state)
{
    T *t = *state;
    setup(t, "create schema app;");
    expect_error(t, "create table ap.t (a int);",
                 "m.mig:1:14: error: schema ap does not exist\n"
                 "    create table ap.t (a int);\n"
                 "                 ^~\n"
                 "hint: did you mean app?\n");
    expect_error(t, "drop schema nope;",
                 "m.mig:1:13: error: schema nope does not exist\n"
                 "    drop schema nope;\n"
                 "                ^~~~\n");
}

static void test_missing_index_and_constraint(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, "create index on users (name);");
    expect_error(t, "drop index users_nam_idx;",
                 "m.mig:1:12: error: index users_nam_idx does not exist\n"
                 "    drop index users_nam_idx;\n"
                 "               ^~~~~~~~~~~~~\n"
                 "hint: did you mean users_name_idx?\n");
    expect_error(t, "drop constraint users.users_emial_key;",
                 "m.mig:1:23: error: constraint users.users_emial_key does "
                 "not exist\n"
                 "    drop constraint users.users_emial_key;\n"
                 "                          ^~~~~~~~~~~~~~~\n"
                 "hint: did you mean users.users_email_key?\n");
    expect_error(t, "drop index users_pkey;",
                 "m.mig:1:12: error: cannot drop index users_pkey: it belongs "
                 "to constraint users.users_pkey\n"
                 "    drop index users_pkey;\n"
                 "               ^~~~~~~~~~\n"
                 "hint: use drop constraint users.users_pkey\n");
}

static void test_missing_column_everywhere(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create index on users (emial);",
                 "m.mig:1:24: error: column users.emial does not exist\n"
                 "    create index on users (emial);\n"
                 "                           ^~~~~\n"
                 "hint: did you mean users.email?\n");
    expect_error(t, "alter column users.nme set not null;",
                 "m.mig:1:20: error: column users.nme does not exist\n"
                 "    alter column users.nme set not null;\n"
                 "                       ^~~\n"
                 "hint: did you mean users.name?\n");
    expect_error(t, "create table p (a int, unique (b));",
                 "m.mig:1:32: error: column p.b does not exist\n"
                 "    create table p (a int, unique (b));\n"
                 "                                   ^\n");
}

static void test_suggest(void **state)
{
    (void)state;
    const char *c[] = {"content", "id", "user_id"};
    assert_string_equal(suggest_closest("contents", c, 3), "content");
    assert_string_equal(suggest_closest("userid", c, 3), "user_id");
    assert_null(suggest_closest("xyz", c, 3));
    assert_null(suggest_closest("d", c, 3)); /* never the whole name */
    assert_int_equal(suggest_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(suggest_edit_distance("", "abc"), 3);
}

/* ---- existing objects ---- */

static void test_already_exists(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create table users (a int);",
                 "m.mig:1:14: error: table users already exists\n"
                 "    create table users (a int);\n"
                 "                 ^~~~~\n");
    expect_error(t, "add column users.email text;",
                 "m.mig:1:18: error: column users.email already exists\n"
                 "    add column users.email text;\n"
                 "                     ^~~~~\n");
    expect_error(t, "create table users_pkey (a int);",
                 "m.mig:1:14: error: cannot create table users_pkey: the name "
                 "is taken by constraint users.users_pkey\n"
                 "    create table users_pkey (a int);\n"
                 "                 ^~~~~~~~~~\n");
    expect_error(t, "create index comments on users (name);",
                 "m.mig:1:14: error: cannot create index comments: the name is "
                 "taken by table comments\n"
                 "    create index comments on users (name);\n"
                 "                 ^~~~~~~~\n");
    expect_error(t, "create schema public;",
                 "m.mig:1:15: error: schema public already exists\n"
                 "    create schema public;\n"
                 "                  ^~~~~~\n");
    expect_error(t, "add constraint users.users_pkey check (id > 0);",
                 "m.mig:1:22: error: constraint users.users_pkey already "
                 "exists\n"
                 "    add constraint users.users_pkey check (id > 0);\n"
                 "                         ^~~~~~~~~~\n");
}

static void test_rename_onto_existing(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "rename table users to comments;",
                 "m.mig:1:23: error: cannot rename table users to comments: "
                 "the name is taken by table comments\n"
                 "    rename table users to comments;\n"
                 "                          ^~~~~~~~\n");
    expect_error(t, "rename column users.name to email;",
                 "m.mig:1:29: error: cannot rename column users.name to email: "
                 "column users.email already exists\n"
                 "    rename column users.name to email;\n"
                 "                                ^~~~~\n");
    /* Renames follow every reference. */
    setup(t, "rename table users to people; rename column people.id to pid;");
    CatTable *c = cat_table(&t->cat, NULL, "comments");
    CatConstraint *fk = cat_constraint(c, "comments_user_id_fkey");
    assert_non_null(fk);
    assert_string_equal(fk->ref_table->name, "people");
    assert_string_equal(fk->ref_cols[0]->name, "pid");
}

/* ---- drops that something still needs ---- */

static void test_drop_used(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "drop column users.id;",
                 "m.mig:1:19: error: cannot drop column users.id: it is used "
                 "by primary key users_pkey\n"
                 "    drop column users.id;\n"
                 "                      ^~\n"
                 "hint: drop the primary key first\n"
                 "m.mig:1:19: error: cannot drop column users.id: foreign key "
                 "comments_user_id_fkey of table comments references it\n"
                 "    drop column users.id;\n"
                 "                      ^~\n"
                 "hint: drop the foreign key first\n");
    expect_error(t, "drop table users;",
                 "m.mig:1:12: error: cannot drop table users: foreign key "
                 "comments_user_id_fkey of table comments references it\n"
                 "    drop table users;\n"
                 "               ^~~~~\n"
                 "hint: drop the foreign key first\n");
    expect_error(t, "drop constraint users.users_pkey;",
                 "m.mig:1:23: error: cannot drop constraint users.users_pkey: "
                 "foreign key comments_user_id_fkey of table comments needs it\n"
                 "    drop constraint users.users_pkey;\n"
                 "                          ^~~~~~~~~~\n");
    expect_error(t, "alter column users.id drop not null;",
                 "m.mig:1:20: error: cannot drop not null of column users.id: "
                 "it is in primary key users_pkey\n"
                 "    alter column users.id drop not null;\n"
                 "                       ^~\n");
    /* A self-reference does not keep a table alive. */
    setup(t, "create table tree (id int primary key, parent int references tree);"
             "drop table tree;");
}

static void test_drop_schema(void **state)
{
    T *t = *state;
    setup(t, "create schema app; create table app.t (a int);");
    expect_error(t, "drop schema app;",
                 "m.mig:1:13: error: cannot drop schema app: it still has "
                 "tables (app.t)\n"
                 "    drop schema app;\n"
                 "                ^~~\n"
                 "hint: drop its tables first\n");
    setup(t, "drop table app.t; drop schema app;");
    assert_null(cat_schema(&t->cat, "app"));
}

/* ---- create table rules ---- */

static void test_create_table_rules(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create table p (a int, b text, a text);",
                 "m.mig:1:32: error: column p.a is defined more than once\n"
                 "    create table p (a int, b text, a text);\n"
                 "                                   ^\n");
    expect_error(t, "create table p (a int primary key, b int primary key);",
                 "m.mig:1:42: error: multiple primary keys for table p are "
                 "not allowed\n"
                 "    create table p (a int primary key, b int primary key);\n"
                 "                                             ^~~~~~~~~~~\n");
    expect_error(t, "add constraint users.pk2 primary key (email);",
                 "m.mig:1:16: error: multiple primary keys for table users are "
                 "not allowed\n"
                 "    add constraint users.pk2 primary key (email);\n"
                 "                   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

static void test_foreign_keys(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, "create table nokey (a int);");
    expect_error(t, "create table p (u int references nokey);",
                 "m.mig:1:34: error: table nokey has no primary key for the "
                 "foreign key to reference\n"
                 "    create table p (u int references nokey);\n"
                 "                                     ^~~~~\n"
                 "hint: name the referenced columns\n");
    expect_error(t, "create table p (u text references users (name));",
                 "m.mig:1:24: error: foreign key references users(name), which "
                 "is neither a primary key nor unique\n"
                 "    create table p (u text references users (name));\n"
                 "                           ^~~~~~~~~~~~~~~~~~~~~~~\n"
                 "hint: reference a primary key, or add a unique constraint\n");
    expect_error(t, "create table p (a int, b int, foreign key (a, b) "
                    "references users (id));",
                 "m.mig:1:31: error: foreign key has 2 columns but references 1\n"
                 "    create table p (a int, b int, foreign key (a, b) "
                 "references users (id));\n"
                 "                                  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~"
                 "~~~~~~~~~~~\n");
    expect_error(t, "create table p (u int references user);",
                 "m.mig:1:34: error: table user does not exist\n"
                 "    create table p (u int references user);\n"
                 "                                     ^~~~\n"
                 "hint: did you mean users?\n");
    expect_error(t, "create table p (u int references users (idd));",
                 "m.mig:1:41: error: column users.idd does not exist\n"
                 "    create table p (u int references users (idd));\n"
                 "                                            ^~~\n"
                 "hint: did you mean users.id?\n");
    /* A unique column may be referenced; ref_cols default to the key. */
    setup(t, "create table p (e text references users (email),"
             " u int references users);");
    CatTable *p = cat_table(&t->cat, NULL, "p");
    CatConstraint *k = cat_constraint(p, "p_u_fkey");
    assert_non_null(k);
    assert_int_equal(k->ncols, 1);
    assert_string_equal(k->ref_cols[0]->name, "id");
    assert_non_null(cat_constraint(p, "p_e_fkey"));
}

/* ---- foreign-key column types ---- */

static void test_fk_types(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create table posts (author_id text references users);",
                 "m.mig:1:21: error: foreign key column posts.author_id (text) "
                 "cannot reference users.id (integer)\n"
                 "    create table posts (author_id text references users);\n"
                 "                        ^~~~~~~~~\n"
                 "hint: give both columns compatible types\n");
    expect_error(t, "create table p (a varchar(10), foreign key (a) "
                    "references users);",
                 "m.mig:1:45: error: foreign key column p.a (varchar(10)) "
                 "cannot reference users.id (integer)\n"
                 "    create table p (a varchar(10), foreign key (a) "
                 "references users);\n"
                 "                                                ^\n"
                 "hint: give both columns compatible types\n");
    expect_error(t, "create table tree (id uuid primary key,"
                    " parent bigint references tree);",
                 "m.mig:1:41: error: foreign key column tree.parent (bigint) "
                 "cannot reference tree.id (uuid)\n"
                 "    create table tree (id uuid primary key,"
                 " parent bigint references tree);\n"
                 "                                            ^~~~~~\n"
                 "hint: give both columns compatible types\n");
    expect_error(t, "add column comments.editor uuid references users;",
                 "m.mig:1:21: error: foreign key column comments.editor (uuid) "
                 "cannot reference users.id (integer)\n"
                 "    add column comments.editor uuid references users;\n"
                 "                        ^~~~~~\n"
                 "hint: give both columns compatible types\n");
    expect_error(t, "add constraint comments.c_fk foreign key (content)"
                    " references users (id);",
                 "m.mig:1:43: error: foreign key column comments.content (text) "
                 "cannot reference users.id (integer)\n"
                 "    add constraint comments.c_fk foreign key (content)"
                 " references users (id);\n"
                 "                                              ^~~~~~~\n"
                 "hint: give both columns compatible types\n");
    /* Integers (serial too) with each other, an integer column with a
     * numeric key; the text family together. */
    setup(t, "create table ok (a smallint references users,"
             " b bigint references users, c varchar(5) references users"
             " (email), d char(3) references users (email));"
             "create table nums (n numeric(10,0) primary key);"
             "create table refs (r bigint references nums,"
             " s numeric references nums);");
    /* PostgreSQL refuses a numeric column referencing an integer key. */
    expect_error(t, "create table p (n numeric(10,0) references users);",
                 "m.mig:1:17: error: foreign key column p.n (numeric(10,0)) "
                 "cannot reference users.id (integer)\n"
                 "    create table p (n numeric(10,0) references users);\n"
                 "                    ^\n"
                 "hint: give both columns compatible types\n");
    /* A custom type only with the same custom type. */
    expect_ok(t, "create table k (id Citext primary key);"
                 "create table r (x CITEXT references k);",
              "m.mig:1:20: warning: type \"citext\" is not portable\n"
              "    create table k (id Citext primary key);create table r "
              "(x CITEXT references k);\n"
              "                       ^~~~~~\n"
              "m.mig:1:58: warning: type \"citext\" is not portable\n"
              "    create table k (id Citext primary key);create table r "
              "(x CITEXT references k);\n"
              "                                                             "
              "^~~~~~\n");
    expect_error(t, "add column r.y text references k;",
                 "m.mig:1:14: error: foreign key column r.y (text) cannot "
                 "reference k.id (citext)\n"
                 "    add column r.y text references k;\n"
                 "                 ^\n"
                 "hint: give both columns compatible types\n");
    /* alter column ... type, on either side of a foreign key. */
    expect_error(t, "alter column comments.user_id type text;",
                 "m.mig:1:36: error: cannot change column comments.user_id to "
                 "text: foreign key comments_user_id_fkey references users.id "
                 "(integer)\n"
                 "    alter column comments.user_id type text;\n"
                 "                                       ^~~~\n"
                 "hint: drop the foreign key first, change both columns, then "
                 "add it again\n");
    /* Incoming foreign keys are listed newest first, as in drop column. */
    expect_error(t, "alter column users.email type integer;",
                 "m.mig:1:31: error: cannot change column users.email to "
                 "integer: column ok.d (char(3)) references it through "
                 "foreign key ok_d_fkey\n"
                 "    alter column users.email type integer;\n"
                 "                                  ^~~~~~~\n"
                 "hint: drop the foreign key first, change both columns, then "
                 "add it again\n"
                 "m.mig:1:31: error: cannot change column users.email to "
                 "integer: column ok.c (varchar(5)) references it through "
                 "foreign key ok_c_fkey\n"
                 "    alter column users.email type integer;\n"
                 "                                  ^~~~~~~\n"
                 "hint: drop the foreign key first, change both columns, then "
                 "add it again\n");
    setup(t, "alter column users.id type bigint;"
             "alter column comments.user_id type smallint;");
    expect_error(t, "alter column comments.user_id type numeric(12,0);",
                 "m.mig:1:36: error: cannot change column comments.user_id to "
                 "numeric(12,0): foreign key comments_user_id_fkey references "
                 "users.id (bigint)\n"
                 "    alter column comments.user_id type numeric(12,0);\n"
                 "                                       ^~~~~~~~~~~~~\n"
                 "hint: drop the foreign key first, change both columns, then "
                 "add it again\n");
    /* Integer columns may go on referencing a numeric key. */
    setup(t, "alter column users.id type numeric(12,0);");
}

/* ---- set null on a column that cannot be null ---- */

static void test_fk_set_null(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create table books (id serial primary key, author_id integer"
                    " not null references users on delete set null);",
                 "m.mig:1:44: error: on delete set null needs column "
                 "books.author_id to accept nulls\n"
                 "    create table books (id serial primary key, author_id "
                 "integer not null references users on delete set null);\n"
                 "                                               ^~~~~~~~~\n"
                 "hint: drop not null on the column, or use another action\n");
    /* A primary-key column is not null, also when the key comes later. */
    expect_error(t, "create table b (u int, foreign key (u) references users"
                    " on update set null, primary key (u));",
                 "m.mig:1:37: error: on update set null needs column b.u to "
                 "accept nulls\n"
                 "    create table b (u int, foreign key (u) references users"
                 " on update set null, primary key (u));\n"
                 "                                        ^\n"
                 "hint: drop not null on the column, or use another action\n");
    expect_error(t, "add column comments.editor int not null references users"
                    " on delete set null;",
                 "m.mig:1:21: error: on delete set null needs column "
                 "comments.editor to accept nulls\n"
                 "    add column comments.editor int not null references users"
                 " on delete set null;\n"
                 "                        ^~~~~~\n"
                 "hint: drop not null on the column, or use another action\n");
    expect_error(t, "add constraint comments.c_fk foreign key (user_id)"
                    " references users on delete set null;",
                 "m.mig:1:43: error: on delete set null needs column "
                 "comments.user_id to accept nulls\n"
                 "    add constraint comments.c_fk foreign key (user_id)"
                 " references users on delete set null;\n"
                 "                                              ^~~~~~~\n"
                 "hint: drop not null on the column, or use another action\n");
    /* set default is left alone. */
    setup(t, "create table d (u int not null default 0 references users"
             " on delete set default);");
    /* The column cannot become not null later. */
    setup(t, "create table books (id serial primary key, author_id integer"
             " references users on delete set null);"
             "create table tags (name text, author_id int references users"
             " on update set null);");
    expect_error(t, "alter column books.author_id set not null;",
                 "m.mig:1:20: error: column books.author_id is set to null by "
                 "foreign key books_author_id_fkey (on delete set null)\n"
                 "    alter column books.author_id set not null;\n"
                 "                       ^~~~~~~~~\n"
                 "hint: drop the foreign key first, or add it again with "
                 "another action\n");
    expect_error(t, "add constraint tags.tags_pkey primary key (name, author_id);",
                 "m.mig:1:50: error: column tags.author_id is set to null by "
                 "foreign key tags_author_id_fkey (on update set null)\n"
                 "    add constraint tags.tags_pkey primary key (name, "
                 "author_id);\n"
                 "                                                     "
                 "^~~~~~~~~\n"
                 "hint: drop the foreign key first, or add it again with "
                 "another action\n");
}

static void test_concurrently(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_error(t, "create index concurrently on users (name);",
                 "m.mig:1:1: error: create index concurrently cannot run "
                 "inside a transaction\n"
                 "    create index concurrently on users (name);\n"
                 "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                 "hint: start the migration with `no transaction;`\n");
    setup(t, "no transaction;\ncreate index concurrently on users (name);");
    expect_error(t, "drop index concurrently users_name_idx;",
                 "m.mig:1:1: error: drop index concurrently cannot run inside "
                 "a transaction\n"
                 "    drop index concurrently users_name_idx;\n"
                 "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                 "hint: start the migration with `no transaction;`\n");
}

static void test_long_identifier(void **state)
{
    T *t = *state;
    /* The parser already refuses long identifiers in the text; the checker
     * guards every tree it is given (compiler-built ones included). */
    char name[70];
    memset(name, 'x', 64);
    name[64] = '\0';
    Migration *m = parse(t, "create table t (a int);");
    m->up->table.name.s = name;
    assert_false(check_stmt(&t->ck, m, m->up));
    char want[512];
    snprintf(want, sizeof want,
             "m.mig:1:14: error: identifier \"%s\" is longer than 63 bytes\n"
             "    create table t (a int);\n"
             "                 ^\n", name);
    assert_string_equal(diags(t), want);
    name[63] = '\0';
    assert_true(check_stmt(&t->ck, m, m->up));
    assert_string_equal(diags(t), "");
}

/* ---- warnings ---- */

static void test_warnings(void **state)
{
    T *t = *state;
    setup(t, users);
    expect_ok(t, "alter column users.email set not null;",
              "m.mig:1:20: warning: column users.email is already not null\n"
              "    alter column users.email set not null;\n"
              "                       ^~~~~\n");
    expect_ok(t, "alter column users.name drop not null;",
              "m.mig:1:20: warning: column users.name is already nullable\n"
              "    alter column users.name drop not null;\n"
              "                       ^~~~\n");
    expect_ok(t, "alter column users.name drop default;",
              "m.mig:1:20: warning: column users.name has no default\n"
              "    alter column users.name drop default;\n"
              "                       ^~~~\n");
    expect_ok(t, "alter column users.name type text;",
              "m.mig:1:30: warning: column users.name is already of type text\n"
              "    alter column users.name type text;\n"
              "                                 ^~~~\n");
    expect_ok(t, "add column users.pos point;",
              "m.mig:1:22: warning: type \"point\" is not portable\n"
              "    add column users.pos point;\n"
              "                         ^~~~~\n");
    expect_error(t, "alter column users.name type serial;",
                 "m.mig:1:30: error: serial is not a real type and cannot be "
                 "used in alter column type\n"
                 "    alter column users.name type serial;\n"
                 "                                 ^~~~~~\n"
                 "hint: alter to integer instead\n");
}

/* ---- generated names ---- */

static void test_generated_names(void **state)
{
    T *t = *state;
    setup(t, users);
    Migration *m = parse(t,
        "create table posts (id int, author int references users,"
        " slug text unique, score int check (score > 0),"
        " a int, b int, primary key (id), unique (a, b), check (a < b),"
        " foreign key (a) references users (id));\n"
        "create index on posts (a, b);\n"
        "create unique index on posts (slug);\n"
        "create index on posts (a, b);\n");
    const char *want[] = {"posts_author_fkey", "posts_slug_key",
                          "posts_score_check", "posts_pkey", "posts_a_b_key",
                          "posts_check", "posts_a_fkey"};
    Stmt *s = m->up;
    assert_true(check_stmt(&t->ck, m, s));
    int i = 0;
    for (ColumnDef *d = s->columns; d; d = d->next)
        for (Constraint *k = d->cons; k; k = k->next) {
            assert_string_equal(k->name.s, want[i++]);
            assert_non_null(k->cols);
            assert_string_equal(k->cols->name.s, d->name.s);
        }
    for (Constraint *k = s->constraints; k; k = k->next)
        assert_string_equal(k->name.s, want[i++]);
    assert_int_equal(i, 7);
    assert_true(s->columns->not_null); /* id is in the primary key */
    cat_apply(&t->cat, s);
    s = s->next;
    assert_true(check_stmt(&t->ck, m, s));
    assert_string_equal(s->index->name.name.s, "posts_a_b_idx");
    cat_apply(&t->cat, s);
    s = s->next;
    assert_true(check_stmt(&t->ck, m, s));
    /* posts_slug_key is the unique constraint's: the next number. */
    assert_string_equal(s->index->name.name.s, "posts_slug_key1");
    cat_apply(&t->cat, s);
    s = s->next;
    assert_true(check_stmt(&t->ck, m, s));
    assert_string_equal(s->index->name.name.s, "posts_a_b_idx1");
    assert_string_equal(diags(t), "");
}

static void test_generated_name_truncation(void **state)
{
    T *t = *state;
    /* 40 + 40 bytes: PostgreSQL shortens the longer part first until
     * "<t>_<c>_key" fits in 63 bytes. */
    const char *tn = "tttttttttttttttttttttttttttttttttttttttt";
    const char *cn = "cccccccccccccccccccccccccccccccccccccccc";
    char src[256];
    snprintf(src, sizeof src, "create table %s (%s int unique);", tn, cn);
    Migration *m = parse(t, src);
    assert_true(check_stmt(&t->ck, m, m->up));
    const char *name = m->up->columns->cons->name.s;
    assert_int_equal(strlen(name), 63);
    assert_string_equal(name, "ttttttttttttttttttttttttttttt_"
                              "ccccccccccccccccccccccccccccc_key");
}

static void test_public_is_default(void **state)
{
    T *t = *state;
    setup(t, "create table public.a (id int primary key);"
             "create index on a (id);");
    assert_non_null(cat_table(&t->cat, NULL, "a"));
    setup(t, "drop index public.a_id_idx; drop table public.a;");
    assert_int_equal(t->cat.ntables, 0);
}

/* ---- implied drops ---- */

static void test_implied_drops(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, "create table posts (id int primary key, lat real check (lat > -90),"
             " lng real, author int references users, slug text,"
             " check (lat < \"lng\"), check (length(slug) > 'lat'),"
             " unique (lat, lng));"
             "create index on posts (lng, lat);"
             "create index on posts (slug) where (lat > 0);"
             "create index on posts (slug);");
    Migration *m = parse(t, "drop column posts.lat");
    Stmt *s = m->up;
    assert_true(check_stmt(&t->ck, m, s));
    StrBuf b;
    sb_init(&b);
    for (Stmt *i = s->implied; i; i = i->next)
        sb_printf(&b, "%s %s;", i->kind == ST_DROP_INDEX ? "index" : "constraint",
                  i->kind == ST_DROP_INDEX ? i->object.name.s : i->cname.s);
    /* The check on slug mentions 'lat' only inside a string. */
    assert_string_equal(sb_str(&b),
                        "constraint posts_lat_check;constraint posts_check;"
                        "constraint posts_lat_lng_key;"
                        "index posts_lng_lat_idx;index posts_slug_idx;");
    sb_free(&b);
    cat_apply(&t->cat, s);
    CatTable *p = cat_table(&t->cat, NULL, "posts");
    assert_null(cat_constraint(p, "posts_lat_lng_key"));
    assert_null(cat_key_constraint(&t->cat, NULL, "posts_lat_lng_key"));
    assert_null(cat_index(&t->cat, NULL, "posts_slug_idx"));
    assert_non_null(cat_index(&t->cat, NULL, "posts_slug_idx1"));
    assert_non_null(cat_constraint(p, "posts_check1"));
    assert_int_equal(p->ncols, 4);
}

static void test_sql_and_irreversible(void **state)
{
    T *t = *state;
    setup(t, "sql 'create extension x' down 'drop extension x';"
             "sql $$select 1$$;");
    Migration *m = parse(t, "up { create table a (x int); } down { irreversible; }");
    assert_true(check_stmt(&t->ck, m, m->down));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_column_hint, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_missing_table_hint, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_missing_schema, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_missing_index_and_constraint, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_missing_column_everywhere, t_setup, t_teardown),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test_setup_teardown(test_already_exists, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_rename_onto_existing, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_drop_used, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_drop_schema, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_create_table_rules, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_fk_types, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_fk_set_null, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_concurrently, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_long_identifier, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_warnings, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_generated_names, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_generated_name_truncation, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_public_is_default, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_implied_drops, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_sql_and_irreversible, t_setup, t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
