/*
 * test_down.c — the derived down migrations, one test per row of
 * language.md's "Down migrations" table.
 *
 * Each case: a history, then an up migration.  Every up statement is
 * checked, its down derived from the catalog before it, and applied; then
 * the derived down statements (newest first) are checked and applied, and
 * the catalog must equal the one before the up (column order aside: a
 * restored column goes last, as in PostgreSQL).  Applying the up again must
 * give the catalog after the up.  The class, the text of what is lost and
 * a summary of the derived statements are asserted too.  The catalog is
 * left as it was before the up.
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
#include "down.h"
#include "diag.h"
#include "parse.h"

typedef struct T {
    Arena a;
    Diag d;
    FILE *f;
    char *buf;
    size_t len;
    Catalog cat;
    Checker ck;
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

static const char *diags(T *t)
{
    fflush(t->f);
    return t->buf ? t->buf : "";
}

static Migration *parse(T *t, const char *src)
{
    Migration *m = ARENA_NEW(&t->a, Migration);
    m->src.path = "m.mig";
    m->src.text = arena_strdup(&t->a, src);
    m->src.len = strlen(src);
    if (!parse_migration(&t->a, &t->d, m))
        fail_msg("parse error: %s", diags(t));
    return m;
}

static void setup(T *t, const char *src)
{
    Migration *m = parse(t, src);
    for (Stmt *s = m->up; s; s = s->next) {
        if (!check_stmt(&t->ck, m, s))
            fail_msg("setup failed: %s", diags(t));
        cat_apply(&t->cat, s);
    }
}

static const char *qn(Arena *a, const QName *q)
{
    return q->schema.s ? arena_printf(a, "%s.%s", q->schema.s, q->name.s)
                       : q->name.s;
}

/* One line per derived statement: kind and names. */
static void describe(Arena *a, StrBuf *b, const Stmt *s)
{
    for (; s; s = s->next) {
        const char *tn = qn(a, &s->table);
        switch (s->kind) {
        case ST_CREATE_TABLE: {
            sb_printf(b, "create table %s (", tn);
            for (ColumnDef *d = s->columns; d; d = d->next)
                sb_printf(b, "%s%s", d->name.s, d->next ? " " : "");
            for (Constraint *k = s->constraints; k; k = k->next)
                sb_printf(b, ", %s", k->name.s);
            sb_puts(b, ")");
            break;
        }
        case ST_DROP_TABLE: sb_printf(b, "drop table %s", tn); break;
        case ST_RENAME_TABLE:
            sb_printf(b, "rename table %s to %s", tn, s->new_name.s);
            break;
        case ST_ADD_COLUMN: {
            sb_printf(b, "add column %s.%s ", tn, s->columns->name.s);
            ast_type_format(b, &s->columns->type);
            if (s->columns->not_null)
                sb_puts(b, " not null");
            if (s->columns->def)
                sb_printf(b, " default %s", s->columns->def->text
                                                ? s->columns->def->text
                                                : s->columns->def->name);
            break;
        }
        case ST_DROP_COLUMN:
            sb_printf(b, "drop column %s.%s", tn, s->column.s);
            break;
        case ST_RENAME_COLUMN:
            sb_printf(b, "rename column %s.%s to %s", tn, s->column.s,
                      s->new_name.s);
            break;
        case ST_ALTER_TYPE:
            sb_printf(b, "alter column %s.%s type ", tn, s->column.s);
            ast_type_format(b, &s->type);
            break;
        case ST_SET_DEFAULT:
            sb_printf(b, "alter column %s.%s set default %s", tn, s->column.s,
                      s->def->text ? s->def->text : s->def->name);
            break;
        case ST_DROP_DEFAULT:
            sb_printf(b, "alter column %s.%s drop default", tn, s->column.s);
            break;
        case ST_SET_NOT_NULL:
            sb_printf(b, "alter column %s.%s set not null", tn, s->column.s);
            break;
        case ST_DROP_NOT_NULL:
            sb_printf(b, "alter column %s.%s drop not null", tn, s->column.s);
            break;
        case ST_CREATE_INDEX:
            sb_printf(b, "create %sindex %s%s on %s", s->index->unique ? "unique " : "",
                      s->index->concurrently ? "concurrently " : "",
                      s->index->name.name.s, qn(a, &s->index->table));
            if (s->index->where)
                sb_printf(b, " where (%s)", s->index->where);
            break;
        case ST_DROP_INDEX:
            sb_printf(b, "drop index %s%s", s->concurrently ? "concurrently " : "",
                      qn(a, &s->object));
            break;
        case ST_ADD_CONSTRAINT:
            sb_printf(b, "add constraint %s.%s", tn, s->constraints->name.s);
            break;
        case ST_DROP_CONSTRAINT:
            sb_printf(b, "drop constraint %s.%s", tn, s->cname.s);
            break;
        case ST_CREATE_SCHEMA: sb_printf(b, "create schema %s", s->cname.s); break;
        case ST_DROP_SCHEMA: sb_printf(b, "drop schema %s", s->cname.s); break;
        case ST_SQL: sb_printf(b, "sql %s", s->sql_up); break;
        case ST_RENAME_INDEX:
            sb_printf(b, "rename index %s to %s", s->object.name.s,
                      s->new_name.s);
            break;
        case ST_RENAME_CONSTRAINT:
            sb_printf(b, "rename constraint %s.%s to %s", tn, s->cname.s,
                      s->new_name.s);
            break;
        case ST_CREATE_EXTENSION:
            sb_printf(b, "create extension %s", s->cname.s);
            break;
        case ST_DROP_EXTENSION:
            sb_printf(b, "drop extension %s", s->cname.s);
            break;
        case ST_RENAME_SEQUENCE:
            sb_printf(b, "rename sequence %s to %s", s->object.name.s,
                      s->new_name.s);
            break;
        case ST_COMMENT:
            sb_printf(b, "comment on %s%s%s is %s", tn,
                      s->column.s ? "." : "", s->column.s ? s->column.s : "",
                      s->comment ? s->comment : "null");
            break;
        case ST_FILL_COLUMN:
            sb_printf(b, "fill %s.%s = %s", tn, s->column.s,
                      s->def->text ? s->def->text : s->def->name);
            break;
        case ST_CREATE_ENUM:
            sb_printf(b, "create type %s (", s->object.name.s);
            for (const NameList *l = s->values; l; l = l->next)
                sb_printf(b, "%s%s", l->name.s, l->next ? ", " : ")");
            break;
        case ST_ADD_VALUE:
            sb_printf(b, "add value %s.%s", s->object.name.s, s->value.s);
            if (s->anchor.s)
                sb_printf(b, " %s %s", s->after ? "after" : "before",
                          s->anchor.s);
            break;
        case ST_RENAME_VALUE:
            sb_printf(b, "rename value %s.%s to %s", s->object.name.s,
                      s->value.s, s->new_name.s);
            break;
        case ST_DROP_ENUM: sb_printf(b, "drop type %s", s->object.name.s); break;
        case ST_DROP_VALUE:
            sb_printf(b, "drop value %s.%s", s->object.name.s, s->value.s);
            break;
        case ST_CREATE_ROUTINE:
            sb_printf(b, "create %s%s %s", s->routine->or_replace
                                               ? "or replace " : "",
                      s->routine->procedure ? "procedure" : "function",
                      cat_routine_sig(a, s->routine->name.s, s->routine->args));
            break;
        case ST_DROP_ROUTINE:
            sb_printf(b, "drop %s %s",
                      s->routine->procedure ? "procedure" : "function",
                      cat_routine_sig(a, s->routine->name.s, s->routine->args));
            break;
        case ST_CREATE_TRIGGER:
            sb_printf(b, "create trigger %s.%s", s->trigger->table.name.s,
                      s->trigger->name.s);
            break;
        case ST_DROP_TRIGGER:
            sb_printf(b, "drop trigger %s.%s", s->trigger->table.name.s,
                      s->trigger->name.s);
            break;
        case ST_IRREVERSIBLE: sb_puts(b, "irreversible"); break;
        case ST_CREATE_OBJECT:
            sb_printf(b, "create %sview %s as %s%s",
                      s->or_replace ? "or replace " : "",
                      qn(a, &s->object), s->sql_up,
                      s->no_data ? " with no data" : "");
            break;
        case ST_DROP_OBJECT: sb_printf(b, "drop view %s", qn(a, &s->object)); break;
        case ST_RENAME_OBJECT:
            sb_printf(b, "rename view %s to %s", qn(a, &s->object),
                      s->new_name.s);
            break;
        case ST_REFRESH_OBJECT:
            sb_printf(b, "refresh %s", qn(a, &s->object));
            break;
        }
        sb_puts(b, ";\n");
    }
}

/*
 * Up `up` after history `hist`; the derived down must be `want_down`, of
 * class `want_cls` with `want_lost`, and must restore the catalog.
 */
static void roundtrip(T *t, const char *hist, const char *up,
                      const char *want_down, MigClass want_cls,
                      const char *want_lost)
{
    if (hist)
        setup(t, hist);
    Catalog before, after;
    cat_copy(&before, &t->cat, &t->a);
    Migration *m = parse(t, up);
    Stmt *down = NULL;
    MigClass cls = CLASS_REVERSIBLE;
    StrBuf lost;
    sb_init(&lost);
    for (Stmt *s = m->up; s; s = s->next) {
        if (!check_stmt(&t->ck, m, s))
            fail_msg("up does not check: %s", diags(t));
        MigClass c;
        const char *what;
        Stmt *inv = down_derive(&t->ck, m, s, &c, &what);
        if (c > cls)
            cls = c;
        if (what) {
            if (lost.len)
                sb_puts(&lost, "; ");
            sb_puts(&lost, what);
        }
        if (inv) {
            Stmt *tail = inv;
            while (tail->next)
                tail = tail->next;
            tail->next = down;
            down = inv;
        }
        cat_apply(&t->cat, s);
    }
    cat_copy(&after, &t->cat, &t->a);
    StrBuf b;
    sb_init(&b);
    describe(&t->a, &b, down);
    assert_string_equal(sb_str(&b), want_down);
    assert_int_equal(cls, want_cls);
    assert_string_equal(lost.len ? sb_str(&lost) : "(none)",
                        want_lost ? want_lost : "(none)");
    sb_free(&lost);
    size_t printed = strlen(diags(t));
    for (Stmt *s = down; s; s = s->next) {
        if (!check_stmt(&t->ck, m, s))
            fail_msg("derived down does not check: %s", diags(t));
        cat_apply(&t->cat, s);
    }
    /* Derived statements are checked quietly. */
    assert_int_equal(strlen(diags(t)), printed);
    sb_reset(&b);
    if (!cat_equal(&before, &t->cat, true, &b))
        fail_msg("down did not restore the catalog: %s", sb_str(&b));
    /* And forward again. */
    for (Stmt *s = m->up; s; s = s->next)
        cat_apply(&t->cat, s);
    sb_reset(&b);
    if (!cat_equal(&after, &t->cat, false, &b))
        fail_msg("up again differs: %s", sb_str(&b));
    sb_free(&b);
    /* Leave the history as it was before the up, for the next case. */
    cat_free(&t->cat);
    t->cat = before;
    cat_free(&after);
}

static const char *users =
    "create table users (id serial primary key, email varchar(100) not null"
    " unique, name text default 'x', age integer, score numeric(10,2),"
    " born timestamptz, bio text);\n";

static const char *posts =
    "create table posts (id bigserial primary key,"
    " author integer not null references users on delete cascade,"
    " lat real check (lat > -90), lng real, title text,"
    " parent bigint references posts, unique (lat, lng),"
    " check (lat < lng));\n"
    "create index on posts (lng, lat);\n"
    "create unique index on posts (title) where (lat > 0);\n"
    "create index on posts (author);\n";

static void test_create_table(void **state)
{
    T *t = *state;
    roundtrip(t, users, posts,
              "drop index posts_author_idx;\n"
              "drop index posts_title_key;\n"
              "drop index posts_lng_lat_idx;\n"
              "drop table posts;\n",
              CLASS_REVERSIBLE, NULL);
}

static void test_drop_table(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, posts, "drop table posts",
              "create table posts (id author lat lng title parent, "
              "posts_pkey, posts_author_fkey, posts_lat_check, "
              "posts_parent_fkey, posts_lat_lng_key, posts_check);\n"
              "create index posts_lng_lat_idx on posts;\n"
              "create unique index posts_title_key on posts where (lat > 0);\n"
              "create index posts_author_idx on posts;\n",
              CLASS_LOSSY, "rows of table posts");
}

static void test_add_column(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, posts,
              "add column posts.editor integer references users unique"
              " check (editor > 0) default 1 not null;",
              "drop column posts.editor;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, "create table plain (a int);",
              "add column plain.id serial primary key;",
              "drop constraint plain.plain_pkey;\n"
              "drop column plain.id;\n", CLASS_REVERSIBLE, NULL);
}

static void test_drop_column(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, posts, "drop column posts.lat",
              "add column posts.lat real;\n"
              "add constraint posts.posts_check;\n"
              "add constraint posts.posts_lat_lng_key;\n"
              "add constraint posts.posts_lat_check;\n"
              "create index posts_lng_lat_idx on posts;\n"
              "create unique index posts_title_key on posts where (lat > 0);\n",
              CLASS_LOSSY, "values of column posts.lat");
    /* A not null column without a default comes back with the fill
     * value in every row, then not null. */
    roundtrip(t, NULL, "drop column posts.author fill 0; drop column users.name",
              "add column users.name text default x;\n"
              "add column posts.author integer;\n"
              "fill posts.author = 0;\n"
              "alter column posts.author set not null;\n"
              "add constraint posts.posts_author_fkey;\n"
              "create index posts_author_idx on posts;\n",
              CLASS_LOSSY, "values of column posts.author; "
              "values of column users.name");
    /* A serial column's sequence kept its name when its table was
     * renamed; the column added back gets one named after the table as
     * it is, which the down renames back. */
    roundtrip(t, "create table c (k bigint primary key, "
                 "s serial not null unique, t text);\n"
                 "rename table c to d",
              "drop column d.s",
              "add column d.s serial not null;\n"
              "rename sequence d_s_seq to c_s_seq;\n"
              "add constraint d.c_s_key;\n",
              CLASS_LOSSY, "values of column d.s");
}

/* Without a fill value, such a drop is refused where it is written, as a
 * missing down is; a down block makes the author responsible. */
static void test_drop_column_needs_fill(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, posts);
    Migration *m = parse(t, "drop column posts.author");
    assert_false(check_stmt(&t->ck, m, m->up));
    assert_string_equal(diags(t),
        "m.mig:1:19: error: the down cannot put column posts.author back on "
        "a table with rows: it is not null and has no default\n"
        "    drop column posts.author\n"
        "                      ^~~~~~\n"
        "hint: give the value the down puts in existing rows: drop column "
        "posts.author fill VALUE; or write the migration as up { ... } "
        "down { ... }\n");
    m = parse(t, "up { drop column posts.author; } down { irreversible; }");
    assert_true(check_stmt(&t->ck, m, m->up));
}

/* The risk of one statement's derived down, checked in the current
 * catalog (which it does not change). */
static const char *risk(T *t, const char *src)
{
    Migration *m = parse(t, src);
    if (!check_stmt(&t->ck, m, m->up))
        fail_msg("does not check: %s", diags(t));
    const char *r = down_risk(&t->ck, m->up);
    return r ? r : "(none)";
}

static void test_down_risk(void **state)
{
    T *t = *state;
    setup(t, users);
    assert_string_equal(risk(t, "alter column users.email type text"),
                        "changing column users.email back from text to "
                        "varchar(100) fails on values written meanwhile that "
                        "varchar(100) does not hold");
    assert_string_equal(risk(t, "alter column users.age type bigint"),
                        "changing column users.age back from bigint to integer "
                        "fails on values written meanwhile that integer does "
                        "not hold");
    assert_string_equal(risk(t, "alter column users.age type smallint"), "(none)");
    assert_string_equal(risk(t, "alter column users.email drop not null"),
                        "set not null on column users.email fails once a null "
                        "was written");
    assert_string_equal(risk(t, "drop constraint users.users_email_key"),
                        "adding unique constraint users_email_key back fails on "
                        "rows written meanwhile that break it");
    assert_string_equal(risk(t, "drop column users.email fill 'a'"),
                        "column users.email is unique: one fill value for every "
                        "row fails on a table with two rows or more");
    assert_string_equal(risk(t, "drop column users.email fill (id)"), "(none)");
    assert_string_equal(risk(t, "drop column users.bio"), "(none)");
}

static void test_renames(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, posts,
              "rename table users to people; rename column people.email to mail;"
              "rename column posts.lat to latitude",
              "rename column posts.latitude to lat;\n"
              "rename column people.mail to email;\n"
              "rename table people to users;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL,
              "rename constraint users.users_pkey to users_pk;"
              "rename constraint users.users_email_key to users_mail_key;"
              "rename sequence users_id_seq to users_seq",
              "rename sequence users_seq to users_id_seq;\n"
              "rename constraint users.users_mail_key to users_email_key;\n"
              "rename constraint users.users_pk to users_pkey;\n",
              CLASS_REVERSIBLE, NULL);
}

static void test_alter_type(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, NULL, "alter column users.age type bigint",
              "alter column users.age type integer;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.email type text;"
                       "alter column users.score type numeric(12,4)",
              "alter column users.score type numeric(10,2);\n"
              "alter column users.email type varchar(100);\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.age type smallint",
              "alter column users.age type integer;\n", CLASS_LOSSY,
              "values of column users.age as they were before the change "
              "to smallint");
    roundtrip(t, NULL, "alter column users.email type varchar(50)",
              "alter column users.email type varchar(100);\n", CLASS_LOSSY,
              "values of column users.email as they were before the change "
              "to varchar(50)");
    roundtrip(t, NULL, "alter column users.bio type varchar(10)",
              "alter column users.bio type text;\n", CLASS_LOSSY,
              "values of column users.bio as they were before the change "
              "to varchar(10)");
    roundtrip(t, NULL, "alter column users.score type numeric(10,1)",
              "alter column users.score type numeric(10,2);\n", CLASS_LOSSY,
              "values of column users.score as they were before the change "
              "to numeric(10,1)");
    roundtrip(t, NULL, "alter column users.born type timestamp",
              "alter column users.born type timestamptz;\n", CLASS_LOSSY,
              "values of column users.born as they were before the change "
              "to timestamp");
    roundtrip(t, NULL, "alter column users.age type text using (age::text)",
              "alter column users.age type integer;\n", CLASS_LOSSY,
              "values of column users.age as they were before the change "
              "to text");
    /* A serial column keeps its sequence: it comes back as serial. */
    roundtrip(t, NULL, "alter column users.id type bigint",
              "alter column users.id type integer;\n", CLASS_REVERSIBLE, NULL);
    setup(t, "alter column users.id type bigint");
    assert_int_equal(cat_column(cat_table(&t->cat, NULL, "users"), "id")->type.kind,
                     TY_BIGSERIAL);
}

static void test_defaults(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, NULL, "alter column users.name set default 'y'",
              "alter column users.name set default x;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.age set default 18",
              "alter column users.age drop default;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.name drop default",
              "alter column users.name set default x;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.born set default now()",
              "alter column users.born drop default;\n", CLASS_REVERSIBLE, NULL);
    /* Nothing to undo. */
    MigClass c;
    const char *lost;
    Migration *m = parse(t, "alter column users.age drop default");
    assert_true(check_stmt(&t->ck, m, m->up));
    assert_null(down_derive(&t->ck, m, m->up, &c, &lost));
    assert_int_equal(c, CLASS_REVERSIBLE);
    /* The sequence default of a serial column cannot be put back. */
    m = parse(t, "alter column users.id drop default");
    assert_true(check_stmt(&t->ck, m, m->up));
    assert_null(down_derive(&t->ck, m, m->up, &c, &lost));
    assert_int_equal(c, CLASS_IRREVERSIBLE);
}

static void test_not_null(void **state)
{
    T *t = *state;
    setup(t, users);
    roundtrip(t, NULL, "alter column users.age set not null",
              "alter column users.age drop not null;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter column users.email drop not null",
              "alter column users.email set not null;\n", CLASS_REVERSIBLE, NULL);
    /* Already so: nothing to undo, and the down must not undo it. */
    roundtrip(t, NULL, "alter column users.email set not null", "",
              CLASS_REVERSIBLE, NULL);
}

static void test_indexes(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, posts);
    roundtrip(t, NULL,
              "create unique index by_mail on users (email, name) where (age > 1);"
              "drop index posts_lng_lat_idx",
              "create index posts_lng_lat_idx on posts;\n"
              "drop index by_mail;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, "create schema app; create table app.t (a int, b int);",
              "no transaction;\ncreate index concurrently on app.t (a, b)",
              "drop index concurrently app.t_a_b_idx;\n", CLASS_REVERSIBLE,
              NULL);
    roundtrip(t, "create index on app.t (b);",
              "no transaction;\ndrop index concurrently app.t_b_idx",
              "create index concurrently t_b_idx on app.t;\n",
              CLASS_REVERSIBLE, NULL);
}

static void test_constraints(void **state)
{
    T *t = *state;
    setup(t, users);
    setup(t, posts);
    roundtrip(t, "create table tags (name text, post bigint);",
              "add constraint tags.tags_pk primary key (name, post);"
              "add constraint tags.tags_post_fk foreign key (post) references posts"
              " on delete cascade on update cascade;"
              "add constraint tags.tags_len check (length(name) < 10)",
              "drop constraint tags.tags_len;\n"
              "drop constraint tags.tags_post_fk;\n"
              "drop constraint tags.tags_pk;\n"
              "alter column tags.name drop not null;\n"
              "alter column tags.post drop not null;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL,
              "drop constraint posts.posts_author_fkey;"
              "drop constraint posts.posts_lat_check;"
              "drop constraint posts.posts_lat_lng_key;"
              "drop constraint users.users_email_key",
              "add constraint users.users_email_key;\n"
              "add constraint posts.posts_lat_lng_key;\n"
              "add constraint posts.posts_lat_check;\n"
              "add constraint posts.posts_author_fkey;\n",
              CLASS_REVERSIBLE, NULL);
    /* The primary key keeps its columns not null when it goes. */
    roundtrip(t, "add constraint tags.tags_pk primary key (name, post);",
              "drop constraint tags.tags_pk",
              "add constraint tags.tags_pk;\n", CLASS_REVERSIBLE, NULL);
}

/* The check texts and index predicates of a table, one "name: text" line
 * each, constraints first. */
static const char *texts(T *t, const char *table)
{
    CatTable *tb = cat_table(&t->cat, NULL, table);
    assert_non_null(tb);
    StrBuf b;
    sb_init(&b);
    for (CatConstraint *k = tb->cons; k; k = k->next)
        if (k->kind == CON_CHECK)
            sb_printf(&b, "%s: %s\n", k->name, k->check);
    for (CatIndex *ix = tb->idx; ix; ix = ix->next)
        if (ix->where)
            sb_printf(&b, "%s: %s\n", ix->name, ix->where);
    const char *r = sb_arena_copy(&b, &t->a);
    sb_free(&b);
    return r;
}

/* The derived down of the one statement `src`; nothing is applied. */
static Stmt *down_of(T *t, const char *src)
{
    Migration *m = parse(t, src);
    if (!check_stmt(&t->ck, m, m->up))
        fail_msg("does not check: %s", diags(t));
    MigClass cls;
    const char *lost;
    Stmt *d = down_derive(&t->ck, m, m->up, &cls, &lost);
    assert_non_null(d);
    return d;
}

/* The check texts of a derived CREATE TABLE, column-level ones first. */
static const char *stmt_checks(T *t, const Stmt *s)
{
    StrBuf b;
    sb_init(&b);
    for (const ColumnDef *d = s->columns; d; d = d->next)
        for (const Constraint *k = d->cons; k; k = k->next)
            if (k->kind == CON_CHECK)
                sb_printf(&b, "%s: %s\n", k->name.s, k->check);
    for (const Constraint *k = s->constraints; k; k = k->next)
        if (k->kind == CON_CHECK)
            sb_printf(&b, "%s: %s\n", k->name.s, k->check);
    const char *r = sb_arena_copy(&b, &t->a);
    sb_free(&b);
    return r;
}

/*
 * rename column rewrites the raw texts that name the column (check
 * expressions, index predicates), as PostgreSQL, which stores them parsed,
 * would print them: what is re-created from the model later (a down, a
 * SQLite rebuild) must use the new name.
 */
static void test_rename_in_check_texts(void **state)
{
    T *t = *state;
    setup(t, "create table items (id int primary key,"
             " price numeric check (price >= 0), qty int,"
             " constraint items_total check (Price * qty < 1e6"
             " and \"price\" <> 13 and note <> 'price'), note text);"
             "create index items_cheap on items (id) where (price > 10);");
    /* Derived before the rename: keeps the text it was built with. */
    Stmt *early = down_of(t, "drop constraint items.items_price_check");

    /* The down of the rename gives back an equal catalog. */
    roundtrip(t, NULL, "rename column items.price to cost",
              "rename column items.cost to price;\n", CLASS_REVERSIBLE,
              NULL);

    setup(t, "rename column items.price to cost");
    assert_string_equal(texts(t, "items"),
                        "items_price_check: cost >= 0\n"
                        "items_total: cost * qty < 1e6 and cost <> 13"
                        " and note <> 'price'\n"
                        "items_cheap: cost > 10\n");
    assert_int_equal(early->kind, ST_ADD_CONSTRAINT);
    assert_string_equal(early->constraints->check, "price >= 0");

    /* Dropped after the rename: the downs re-create what the model says. */
    Stmt *d = down_of(t, "drop constraint items.items_price_check");
    assert_int_equal(d->kind, ST_ADD_CONSTRAINT);
    assert_string_equal(d->constraints->check, "cost >= 0");
    d = down_of(t, "drop constraint items.items_total");
    assert_string_equal(d->constraints->check,
                        "cost * qty < 1e6 and cost <> 13 and note <> 'price'");
    d = down_of(t, "drop index items_cheap");
    assert_int_equal(d->kind, ST_CREATE_INDEX);
    assert_string_equal(d->index->where, "cost > 10");
    d = down_of(t, "drop table items");
    assert_int_equal(d->kind, ST_CREATE_TABLE);
    assert_string_equal(stmt_checks(t, d),
                        "items_price_check: cost >= 0\n"
                        "items_total: cost * qty < 1e6 and cost <> 13"
                        " and note <> 'price'\n");
    assert_non_null(d->next);
    assert_int_equal(d->next->kind, ST_CREATE_INDEX);
    assert_string_equal(d->next->index->where, "cost > 10");
    roundtrip(t, NULL,
              "drop constraint items.items_price_check;"
              "drop constraint items.items_total; drop index items_cheap",
              "create index items_cheap on items where (cost > 10);\n"
              "add constraint items.items_total;\n"
              "add constraint items.items_price_check;\n",
              CLASS_REVERSIBLE, NULL);

    /* A name that must be quoted, then back: the texts say price again,
     * in the one spelling PostgreSQL would print. */
    setup(t, "rename column items.cost to \"Unit Price\"");
    assert_string_equal(texts(t, "items"),
                        "items_price_check: \"Unit Price\" >= 0\n"
                        "items_total: \"Unit Price\" * qty < 1e6"
                        " and \"Unit Price\" <> 13 and note <> 'price'\n"
                        "items_cheap: \"Unit Price\" > 10\n");
    setup(t, "rename column items.\"Unit Price\" to price");
    assert_string_equal(texts(t, "items"),
                        "items_price_check: price >= 0\n"
                        "items_total: price * qty < 1e6 and price <> 13"
                        " and note <> 'price'\n"
                        "items_cheap: price > 10\n");
    /* A column the texts do not name leaves them as they were. */
    CatTable *tb = cat_table(&t->cat, NULL, "items");
    const char *before = cat_constraint(tb, "items_total")->check;
    setup(t, "rename column items.id to item_id");
    assert_ptr_equal(cat_constraint(tb, "items_total")->check, before);
}

static void test_schemas(void **state)
{
    T *t = *state;
    roundtrip(t, NULL, "create schema app; create table app.t (a int)",
              "drop table app.t;\ndrop schema app;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, "create schema old;", "drop schema old",
              "create schema old;\n", CLASS_REVERSIBLE, NULL);
}

static void test_sql(void **state)
{
    T *t = *state;
    roundtrip(t, NULL, "sql 'create extension citext' down 'drop extension citext'",
              "sql drop extension citext;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "sql 'update a set b = 1'", "", CLASS_IRREVERSIBLE,
              "sql without down");
    /* declared: nothing to undo */
    roundtrip(t, NULL, "sql 'update a set b = 1' down none", "",
              CLASS_REVERSIBLE, NULL);
    /* down-only */
    roundtrip(t, NULL, "sql none down 'update a set b = 2'",
              "sql update a set b = 2;\n", CLASS_REVERSIBLE, NULL);
}

static void test_enums(void **state)
{
    T *t = *state;
    roundtrip(t, NULL, "create type mood as enum ('a', 'b')",
              "drop type mood;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, "create type mood as enum ('a', 'b');", "drop type mood",
              "create type mood (a, b);\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "alter type mood add value 'c' before 'b'; "
              "alter type mood rename value 'a' to 'z'",
              "rename value mood.z to a;\ndrop value mood.c;\n",
              CLASS_REVERSIBLE, NULL);
    /* The default that holds a renamed label follows it. */
    roundtrip(t, "create table p (m mood default 'a');",
              "alter type mood rename value 'a' to 'z'",
              "rename value mood.z to a;\n", CLASS_REVERSIBLE, NULL);
    CatColumn *c = cat_column(cat_table(&t->cat, NULL, "p"), "m");
    assert_string_equal(c->def->text, "a");
}

/* Views: create <-> drop from the stored text, replace -> the previous
 * text, rename back, refresh -> nothing; renames of what a view uses
 * rewrite its text, and the down puts the old names back. */
static void test_views(void **state)
{
    T *t = *state;
    const char *hist = "create table u (id int primary key, email text);"
                       "create view v as 'select id, email from u';";
    roundtrip(t, hist, "create view w as 'select id from v'",
              "drop view w;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "drop view v",
              "create view v as select id, email from u;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "create or replace view v as 'select id from u'",
              "drop view v;\ncreate view v as select id, email from u;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "create or replace view nv as 'select 1'",
              "drop view nv;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "rename view v to v2",
              "rename view v2 to v;\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "rename column u.email to mail; drop view v",
              "create view v as select id, mail from u;\n"
              "rename column u.mail to email;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "rename table u to people; drop view v",
              "create view v as select id, email from people;\n"
              "rename table people to u;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL,
              "create materialized view m as 'select count(*) from u' "
              "with no data; refresh materialized view m; "
              "drop materialized view m",
              "create view m as select count(*) from u;\n"
              "drop view m;\n",
              CLASS_REVERSIBLE, NULL);
    /* A replace of a view that another uses stays a replace. */
    roundtrip(t, "create view w as 'select id from v';",
              "create or replace view v as 'select id, email, 1 as one from u'",
              "create or replace view v as select id, email from u;\n",
              CLASS_REVERSIBLE, NULL);
}

static void test_routines(void **state)
{
    T *t = *state;
    const char *fn = "create function f() returns trigger language plpgsql "
                     "as 'begin return new; end';";
    roundtrip(t, "create table a (x int);", fn, "drop function f();\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, fn, "create trigger g before insert on a for each row "
              "execute function f()", "drop trigger a.g;\n",
              CLASS_REVERSIBLE, NULL);
    /* A replace puts the previous text back; a dropped table brings its
     * trigger back with it. */
    roundtrip(t, "create trigger g before insert on a for each row "
              "execute function f();",
              "create or replace function f() returns trigger language "
              "plpgsql as 'begin return null; end'",
              "create or replace function f();\n", CLASS_REVERSIBLE, NULL);
    roundtrip(t, NULL, "drop table a",
              "create table a (x);\ncreate trigger a.g;\n", CLASS_LOSSY,
              "rows of table a");
    roundtrip(t, NULL, "drop trigger a.g; drop function f()",
              "create function f();\ncreate trigger a.g;\n",
              CLASS_REVERSIBLE, NULL);
}

static void test_many_tables_one_migration(void **state)
{
    T *t = *state;
    roundtrip(t, NULL,
              "create table a (id int primary key);"
              "create table b (id int primary key, a int references a);"
              "create table c (b int references b, a int references a);",
              "drop table c;\ndrop table b;\ndrop table a;\n",
              CLASS_REVERSIBLE, NULL);
    roundtrip(t, "create table a (id int primary key);"
                 "create table b (id int primary key, a int references a);"
                 "create table c (b int references b, a int references a);",
              "drop table c; drop table b; drop table a",
              "create table a (id, a_pkey);\n"
              "create table b (id a, b_pkey, b_a_fkey);\n"
              "create table c (b a, c_b_fkey, c_a_fkey);\n",
              CLASS_LOSSY, "rows of table c; rows of table b; rows of table a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_table, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_drop_table, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_add_column, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_drop_column, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_drop_column_needs_fill, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_down_risk, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_renames, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_alter_type, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_defaults, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_not_null, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_indexes, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_constraints, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_rename_in_check_texts, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_schemas, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_sql, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_enums, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_views, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_routines, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_many_tables_one_migration, t_setup, t_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
