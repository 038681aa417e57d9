/*
 * test_model.c — models printed as migrations and differences between
 * models (compiler/model.h), over every history of tests/cases and
 * examples/:
 *   - the printed model compiles to the same model, and to the same
 *     `migc schema` in every dialect;
 *   - the difference of a model with itself is empty;
 *   - for every pair of histories A, B: A's printed model followed by the
 *     difference A -> B compiles to B's model;
 *   - the text of a difference, statement by statement.
 * Run from the top of the source tree (make test does).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compile.h"
#include "model.h"

#define MAX_HISTORIES 64

typedef struct Hist {
    char dir[300];
} Hist;

static int list_histories(Hist *out, int max)
{
    int n = 0;
    DIR *d = opendir("tests/cases");
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) && n < max - 1) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(out[n++].dir, sizeof out[0].dir, "tests/cases/%.200s", e->d_name);
    }
    closedir(d);
    snprintf(out[n++].dir, sizeof out[0].dir, "examples/migrations");
    return n;
}

/* A history compiled quietly; false when it does not compile. */
static bool load_dir(History *h, Diag *dg, const char *dir, const Dialect *d)
{
    history_init(h, dg);
    return history_load_dir(h, dir) && history_compile(h, d);
}

/* Migrations from memory: NULL-terminated texts, versions 0001... */
static bool load_texts(History *h, Diag *dg, const Dialect *d, ...)
{
    history_init(h, dg);
    va_list ap;
    va_start(ap, d);
    bool ok = true;
    int i = 1;
    for (const char *t; (t = va_arg(ap, const char *)); i++) {
        char version[16], path[64];
        snprintf(version, sizeof version, "%04d", i);
        snprintf(path, sizeof path, "model/%s_m.mig", version);
        ok = history_add_source(h, path, version, "m", t, strlen(t)) && ok;
    }
    va_end(ap);
    return ok && history_compile(h, d);
}

static FILE *quiet(Diag *dg)
{
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    diag_init(dg, f);
    dg->no_warnings = true;
    return f;
}

/* cmocka cuts long strings: show the whole of both. */
static void assert_text(const char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "got:\n%s\nwanted:\n%s\n", got, want);
        fail();
    }
}

static const char *const dialects[] = { "postgres", "sqlite", "mysql" };

static void test_print_recompiles(void **state)
{
    (void)state;
    Hist hs[MAX_HISTORIES];
    int n = list_histories(hs, MAX_HISTORIES);
    assert_true(n > 10);
    Diag dg;
    FILE *f = quiet(&dg);
    for (int i = 0; i < n; i++) {
        for (size_t di = 0; di < sizeof dialects / sizeof dialects[0]; di++) {
            const Dialect *d = dialect_find(dialects[di]);
            History a, b;
            bool ok = load_dir(&a, &dg, hs[i].dir, d);
            if (!ok && di > 0) { /* not every case is for every dialect */
                history_free(&a);
                continue;
            }
            if (!ok)
                fail_msg("%s does not compile", hs[i].dir);
            StrBuf text, sa, sbuf, why;
            sb_init(&text);
            sb_init(&sa);
            sb_init(&sbuf);
            sb_init(&why);
            history_model_text(&a, &text);
            if (text.len == 0) { /* an empty model: no migration */
                assert_null(a.cat.tables);
                assert_null(a.cat.schemas);
                sb_free(&text);
                history_free(&a);
                continue;
            }
            if (!load_texts(&b, &dg, d, sb_str(&text), NULL))
                fail_msg("%s (%s): the printed model does not compile:\n%s",
                         hs[i].dir, dialects[di], sb_str(&text));
            if (!cat_equal(&a.cat, &b.cat, false, &why))
                fail_msg("%s (%s): %s\n%s", hs[i].dir, dialects[di],
                         sb_str(&why), sb_str(&text));
            assert_true(history_schema(&a, &sa));
            assert_true(history_schema(&b, &sbuf));
            if (strcmp(sb_str(&sa), sb_str(&sbuf)) != 0)
                fail_msg("%s (%s): schema differs:\n%s\n---\n%s", hs[i].dir,
                         dialects[di], sb_str(&sa), sb_str(&sbuf));
            sb_free(&text);
            sb_free(&sa);
            sb_free(&sbuf);
            sb_free(&why);
            history_free(&a);
            history_free(&b);
        }
    }
    fclose(f);
}

static void test_diff_self_is_empty(void **state)
{
    (void)state;
    Hist hs[MAX_HISTORIES];
    int n = list_histories(hs, MAX_HISTORIES);
    Diag dg;
    FILE *f = quiet(&dg);
    for (int i = 0; i < n; i++) {
        History a, b;
        assert_true(load_dir(&a, &dg, hs[i].dir, dialect_find("postgres")));
        assert_true(load_dir(&b, &dg, hs[i].dir, dialect_find("postgres")));
        StrBuf out;
        sb_init(&out);
        if (history_diff_text(&a, &b, "a", "b", &out))
            fail_msg("%s: differs from itself:\n%s", hs[i].dir, sb_str(&out));
        assert_int_equal(out.len, 0);
        sb_free(&out);
        history_free(&a);
        history_free(&b);
    }
    fclose(f);
}

static void test_diff_pairs(void **state)
{
    (void)state;
    Hist hs[MAX_HISTORIES];
    int n = list_histories(hs, MAX_HISTORIES);
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    int pairs = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            History a, b, c;
            assert_true(load_dir(&a, &dg, hs[i].dir, d));
            assert_true(load_dir(&b, &dg, hs[j].dir, d));
            StrBuf model, diff, why;
            sb_init(&model);
            sb_init(&diff);
            sb_init(&why);
            history_model_text(&a, &model);
            bool differs = history_diff_text(&a, &b, "a", "b", &diff);
            assert_true(differs == !cat_equal(&a.cat, &b.cat, true, NULL));
            /* An empty model or difference is no migration.  A
             * difference with a statement whose down cannot be derived
             * is tried as an up block. */
            if (strstr(sb_str(&diff), "cannot be derived")) {
                StrBuf blk;
                sb_init(&blk);
                sb_printf(&blk, "up {\n%s}\ndown { irreversible; }\n",
                          sb_str(&diff));
                sb_reset(&diff);
                sb_puts(&diff, sb_str(&blk));
                sb_free(&blk);
            }
            const char *m1 = model.len ? sb_str(&model) : NULL;
            const char *m2 = diff.len ? sb_str(&diff) : NULL;
            if (!load_texts(&c, &dg, d, m1 ? m1 : m2, m1 ? m2 : NULL, NULL))
                fail_msg("%s -> %s: the difference does not compile:\n%s",
                         hs[i].dir, hs[j].dir, sb_str(&diff));
            /* The changes the language cannot make: a column made
             * serial, generated or identity, which the difference says
             * instead. */
            bool cannot = strstr(sb_str(&diff), "cannot become serial") ||
                          strstr(sb_str(&diff), "generated or identity "
                                                "otherwise");
            if (!cannot && !cat_equal(&c.cat, &b.cat, true, &why))
                fail_msg("%s -> %s: %s\n%s", hs[i].dir, hs[j].dir,
                         sb_str(&why), sb_str(&diff));
            pairs++;
            sb_free(&model);
            sb_free(&diff);
            sb_free(&why);
            history_free(&a);
            history_free(&b);
            history_free(&c);
        }
    }
    assert_int_equal(pairs, n * n);
    fclose(f);
}

/* The difference as text: what each kind of change comes out as. */
static void test_diff_text(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History a, b;
    assert_true(load_texts(
        &a, &dg, d,
        "create table users (id serial primary key, name text not null,\n"
        "  nick varchar(20), age integer default 0);\n"
        "create table posts (id serial primary key, user_id integer not null\n"
        "  references users (id), title text);\n"
        "create index posts_title_idx on posts (title);\n"
        "create table old (id integer);\n",
        NULL));
    assert_true(load_texts(
        &b, &dg, d,
        "create table users (id serial primary key, name text,\n"
        "  nick varchar(40) not null default 'x', \"Order\" integer,\n"
        "  constraint users_name_key unique (name));\n"
        "create table posts (id serial primary key, user_id integer not null\n"
        "  references users (id) on delete cascade, title text);\n"
        "create schema app;\n"
        "create table app.tags (id integer primary key, post_id integer\n"
        "  references posts (id));\n",
        NULL));
    StrBuf out;
    sb_init(&out);
    assert_true(history_diff_text(&a, &b, "the database", "the migrations",
                                  &out));
    assert_text(
        sb_str(&out),
        "-- schema app is in the migrations, not in the database\n"
        "create schema app;\n"
        "-- constraint posts_user_id_fkey of table posts differs: as the "
        "migrations has it\n"
        "drop constraint posts.posts_user_id_fkey;\n"
        "-- index posts_title_idx of table posts is in the database, not in "
        "the migrations\n"
        "drop index posts_title_idx;\n"
        "-- table old is in the database, not in the migrations\n"
        "drop table old;\n"
        "-- column users.age is in the database, not in the migrations\n"
        "drop column users.age;\n"
        "-- column users.name is not null in the database\n"
        "alter column users.name drop not null;\n"
        "-- column users.nick is varchar(20) in the database\n"
        "alter column users.nick type varchar(40);\n"
        "-- column users.nick: the default differs in the database\n"
        "alter column users.nick set default 'x';\n"
        "-- column users.nick is nullable in the database\n"
        "alter column users.nick set not null;\n"
        "-- column users.Order is in the migrations, not in the database\n"
        "add column users.\"Order\" integer;\n"
        "-- table app.tags is in the migrations, not in the database\n"
        "create table app.tags (\n"
        "    id integer not null constraint tags_pkey primary key,\n"
        "    post_id integer\n"
        ");\n"
        "-- constraint users_name_key of table users is in the migrations, "
        "not in the database\n"
        "add constraint users.users_name_key unique (name);\n"
        "-- constraint posts_user_id_fkey of table posts differs: as the "
        "migrations has it\n"
        "add constraint posts.posts_user_id_fkey foreign key (user_id) "
        "references users (id) on delete cascade;\n"
        "-- constraint tags_post_id_fkey of table app.tags is in the "
        "migrations, not in the database\n"
        "add constraint app.tags.tags_post_id_fkey foreign key (post_id) "
        "references posts (id);\n");
    sb_free(&out);
    history_free(&a);
    history_free(&b);
    fclose(f);
}

/* A dropped not null column without default: the difference gives the
 * value its down puts back, and a name with a newline stays in its
 * comment. */
static void test_diff_fill_and_odd_names(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History a, b;
    assert_true(load_texts(&a, &dg, d,
                           "create table t (id integer, n integer not null,\n"
                           "  \"a\nb\" text);\n",
                           NULL));
    assert_true(load_texts(&b, &dg, d, "create table t (id integer);\n", NULL));
    StrBuf out;
    sb_init(&out);
    assert_true(history_diff_text(&a, &b, "A", "B", &out));
    assert_text(sb_str(&out),
                        "-- column t.n is in A, not in B (fill: what its down "
                        "puts back in rows)\n"
                        "drop column t.n fill 0;\n"
                        "-- column t.a?b is in A, not in B\n"
                        "drop column t.\"a\nb\";\n");
    sb_free(&out);
    history_free(&a);
    history_free(&b);
    fclose(f);
}

/* Serial columns: widened by altering to the wider integer, made plain
 * by dropping the sequence default; made serial only by hand. */
static void test_diff_serial(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History a, b;
    assert_true(load_texts(&a, &dg, d,
                           "create table t (a serial, b serial, c integer);\n",
                           NULL));
    assert_true(load_texts(&b, &dg, d,
                           "create table t (a bigserial, b bigint, c serial);\n",
                           NULL));
    StrBuf out;
    sb_init(&out);
    assert_true(history_diff_text(&a, &b, "A", "B", &out));
    assert_text(sb_str(&out),
                "-- column t.a is serial in A\n"
                "alter column t.a type bigint;\n"
                "-- column t.b is serial in A (the down of dropping its "
                "sequence cannot be derived)\n"
                "alter column t.b drop default;\n"
                "-- column t.b is serial in A\n"
                "alter column t.b type bigint;\n"
                /* PostgreSQL makes a serial column not null: b keeps it
                 * once its default goes, and c would have it. */
                "-- column t.b is not null in A\n"
                "alter column t.b drop not null;\n"
                "-- column t.c is serial in B: a column cannot become serial; "
                "drop it and add it again\n"
                "-- column t.c is nullable in A\n"
                "alter column t.c set not null;\n");
    sb_free(&out);
    history_free(&a);
    history_free(&b);
    fclose(f);
}

/* Enums: printed before the tables that use them; a difference creates
 * and drops them, and adds the labels one side lacks. */
static void test_enums(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History a, b, c;
    assert_true(load_texts(&a, &dg, d,
                           "create type mood as enum ('happy', 'sad');\n"
                           "create type old as enum ('x');\n"
                           "create table people (id integer, m mood not null "
                           "default 'happy');\n",
                           NULL));
    StrBuf text, diff, why;
    sb_init(&text);
    sb_init(&diff);
    sb_init(&why);
    history_model_text(&a, &text);
    assert_text(sb_str(&text),
                "create type mood as enum ('happy', 'sad');\n"
                "create type old as enum ('x');\n"
                "\n"
                "create table people (\n"
                "    id integer,\n"
                "    m mood not null default 'happy'\n"
                ");\n");
    assert_true(load_texts(&b, &dg, d,
                           "create type mood as enum ('glad', 'happy', 'ok', "
                           "'sad');\n"
                           "create type new as enum ('y');\n"
                           "create table people (id integer, m mood not null "
                           "default 'happy', n new);\n",
                           NULL));
    assert_true(history_diff_text(&a, &b, "A", "B", &diff));
    assert_text(sb_str(&diff),
                "-- type mood: label 'glad' is in B, not in A\n"
                "alter type mood add value 'glad' before 'happy';\n"
                "-- type mood: label 'ok' is in B, not in A\n"
                "alter type mood add value 'ok' after 'happy';\n"
                "-- type new is in B, not in A\n"
                "create type new as enum ('y');\n"
                "-- column people.n is in B, not in A\n"
                "add column people.n new;\n"
                "-- type old is in A, not in B\n"
                "drop type old;\n");
    assert_true(load_texts(&c, &dg, d, sb_str(&text), sb_str(&diff), NULL));
    if (!cat_equal(&c.cat, &b.cat, true, &why))
        fail_msg("%s", sb_str(&why));
    sb_free(&text);
    sb_free(&diff);
    sb_free(&why);
    history_free(&a);
    history_free(&b);
    history_free(&c);
    fclose(f);
}

/* Constraints and indexes renamed (same definition, another name) are
 * renamed back, not dropped and made again. */
static void test_diff_renames(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History a, b, c;
    assert_true(load_texts(&a, &dg, d,
                           "create table p (id integer primary key);\n"
                           "create table t (x integer, y integer,\n"
                           "  constraint c_old unique (x),\n"
                           "  constraint f_old foreign key (y) references p,\n"
                           "  constraint k_old check (x > 0));\n"
                           "create index i_old on t (y);\n",
                           NULL));
    assert_true(load_texts(&b, &dg, d,
                           "create table p (id integer primary key);\n"
                           "create table t (x integer, y integer,\n"
                           "  constraint c_new unique (x),\n"
                           "  constraint f_new foreign key (y) references p,\n"
                           "  constraint k_new check (x > 0));\n"
                           "create index i_new on t (y);\n",
                           NULL));
    StrBuf diff, model, why;
    sb_init(&diff);
    sb_init(&model);
    sb_init(&why);
    assert_true(history_diff_text(&a, &b, "A", "B", &diff));
    assert_text(sb_str(&diff),
                "-- constraint f_old of table t is named f_new in B\n"
                "rename constraint t.f_old to f_new;\n"
                "-- constraint c_old of table t is named c_new in B\n"
                "rename constraint t.c_old to c_new;\n"
                "-- constraint k_old of table t is named k_new in B\n"
                "rename constraint t.k_old to k_new;\n"
                "-- index i_old of table t is named i_new in B\n"
                "rename index i_old to i_new;\n");
    history_model_text(&a, &model);
    assert_true(load_texts(&c, &dg, d, sb_str(&model), sb_str(&diff), NULL));
    if (!cat_equal(&c.cat, &b.cat, true, &why))
        fail_msg("%s", sb_str(&why));
    sb_free(&diff);
    sb_free(&model);
    sb_free(&why);
    history_free(&a);
    history_free(&b);
    history_free(&c);
    fclose(f);
}

/* A view's query compares as the server prints it once both sides have
 * that text (history_view_compare_as: migc diff on PostgreSQL), the
 * column list aside; "" (a query the server could not build) differs;
 * a materialized view's index predicate compares as a check does. */
static void test_diff_view_server_text(void **state)
{
    (void)state;
    Diag dg;
    FILE *f = quiet(&dg);
    const Dialect *d = dialect_find("postgres");
    History db, mig;
    assert_true(load_texts(
        &db, &dg, d,
        "create table t (x integer, y text);\n"
        "create view v as 'SELECT t.x AS a FROM t';\n"
        "create materialized view m as 'SELECT t.x FROM t WHERE (t.x > 1)';\n"
        "create index m_x on m (x) where ((x > (1)::integer));\n",
        NULL));
    assert_true(load_texts(
        &mig, &dg, d,
        "create table t (x integer, y text);\n"
        "create view v (a) as 'select x from t';\n"
        "create materialized view m as 'select x from t where x > 1' "
        "with no data;\n"
        "create index m_x on m (x) where (x > 1);\n",
        NULL));
    StrBuf out;
    sb_init(&out);
    /* Token by token, the texts differ. */
    assert_true(history_diff_text(&db, &mig, "the database",
                                  "the migrations", &out));
    HistoryView *dv, *mv;
    assert_int_equal(history_views(&db, &dv), 2);
    assert_int_equal(history_views(&mig, &mv), 2);
    assert_string_equal(mv[0].name, "v");
    assert_int_equal(mv[0].ncols, 1);
    assert_true(mv[1].materialized);
    for (int i = 0; i < 2; i++) {
        history_view_compare_as(&db, &dv[i], dv[i].query);
        history_view_compare_as(&mig, &mv[i], dv[i].query);
    }
    sb_reset(&out);
    assert_false(history_diff_text(&db, &mig, "the database",
                                   "the migrations", &out));
    assert_text(sb_str(&out), "");
    /* The server could not build the migrations' query of v. */
    history_view_compare_as(&mig, &mv[0], "");
    sb_reset(&out);
    assert_true(history_diff_text(&db, &mig, "the database",
                                  "the migrations", &out));
    assert_text(sb_str(&out),
                "-- view v differs: as the migrations has it\n"
                "drop view v;\n"
                "-- view v differs: as the migrations has it\n"
                "create view v (a) as 'select x from t';\n");
    sb_free(&out);
    history_free(&db);
    history_free(&mig);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_print_recompiles),
        cmocka_unit_test(test_diff_self_is_empty),
        cmocka_unit_test(test_diff_pairs),
        cmocka_unit_test(test_diff_text),
        cmocka_unit_test(test_diff_fill_and_odd_names),
        cmocka_unit_test(test_diff_serial),
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_diff_renames),
        cmocka_unit_test(test_diff_view_server_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
