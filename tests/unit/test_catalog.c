/*
 * test_catalog.c — the schema model: applying statements, lookups,
 * renames through pointers, the shared relation namespace, copies,
 * snapshots, comparison, and statements rebuilt from the catalog.
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

typedef struct T {
    Arena a;
    Diag d;
    Catalog cat;
    Checker ck;
} T;

static int t_setup(void **state)
{
    T *t = calloc(1, sizeof *t);
    arena_init(&t->a);
    diag_init(&t->d, stderr);
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
    arena_free(&t->a);
    free(t);
    return 0;
}

/* Parse, check and apply `src` to catalog `c`; all must succeed. */
static void apply_to(T *t, Catalog *c, const char *src)
{
    Migration *m = ARENA_NEW(&t->a, Migration);
    m->src.path = "m.mig";
    m->src.text = arena_strdup(&t->a, src);
    m->src.len = strlen(src);
    assert_true(parse_migration(&t->a, &t->d, m));
    Checker ck = t->ck;
    ck.cat = c;
    for (Stmt *s = m->up; s; s = s->next) {
        assert_true(check_stmt(&ck, m, s));
        cat_apply(c, s);
    }
}

static void apply(T *t, const char *src)
{
    apply_to(t, &t->cat, src);
}

static const char *schema_sql =
    "create schema app;\n"
    "create table app.users (id serial primary key, email varchar(100) not null"
    " unique, name text default 'anon');\n"
    "create table app.posts (id bigserial primary key,"
    " author integer not null references app.users on delete cascade,"
    " body text check (length(body) > 0), tags jsonb);\n"
    "create index on app.posts (author) where (tags is not null);\n";

static void test_lookups(void **state)
{
    T *t = *state;
    apply(t, schema_sql);
    assert_non_null(cat_schema(&t->cat, "app"));
    assert_int_equal(cat_schema(&t->cat, "app")->ntables, 2);
    assert_null(cat_table(&t->cat, NULL, "users"));
    CatTable *u = cat_table(&t->cat, "app", "users");
    CatTable *p = cat_table(&t->cat, "app", "posts");
    assert_non_null(u);
    assert_int_equal(u->ncols, 3);
    assert_string_equal(u->cols->name, "id");
    assert_string_equal(u->cols_tail->name, "name");
    assert_true(cat_column(u, "id")->not_null);
    assert_int_equal(cat_column(u, "email")->type.kind, TY_VARCHAR);
    assert_int_equal(cat_column(u, "email")->type.arg[0], 100);
    assert_string_equal(cat_column(u, "name")->def->text, "anon");
    CatConstraint *pk = cat_primary_key(u);
    assert_string_equal(pk->name, "users_pkey");
    assert_ptr_equal(cat_key_constraint(&t->cat, "app", "users_email_key"),
                     cat_constraint(u, "users_email_key"));
    CatConstraint *fk = cat_constraint(p, "posts_author_fkey");
    assert_ptr_equal(fk->ref_table, u);
    assert_ptr_equal(fk->ref_cols[0], cat_column(u, "id"));
    assert_int_equal(fk->on_delete, FK_CASCADE);
    assert_ptr_equal(u->incoming, fk);
    CatConstraint *ck = cat_constraint(p, "posts_body_check");
    assert_true(ck->column_level);
    assert_ptr_equal(ck->cols[0], cat_column(p, "body"));
    CatIndex *ix = cat_index(&t->cat, "app", "posts_author_idx");
    assert_non_null(ix);
    assert_null(cat_index(&t->cat, NULL, "posts_author_idx"));
    assert_string_equal(ix->where, "tags is not null");
    assert_ptr_equal(ix->table, p);
}

static void test_renames_and_drops(void **state)
{
    T *t = *state;
    apply(t, schema_sql);
    CatTable *u = cat_table(&t->cat, "app", "users");
    CatColumn *id = cat_column(u, "id");
    apply(t, "rename table app.users to people; rename column app.people.id to uid;");
    assert_null(cat_table(&t->cat, "app", "users"));
    assert_ptr_equal(cat_table(&t->cat, "app", "people"), u);
    assert_null(cat_column(u, "id"));
    assert_ptr_equal(cat_column(u, "uid"), id);
    /* The foreign key follows by pointer. */
    CatConstraint *fk = cat_constraint(cat_table(&t->cat, "app", "posts"),
                                       "posts_author_fkey");
    assert_string_equal(fk->ref_table->name, "people");
    assert_string_equal(fk->ref_cols[0]->name, "uid");
    /* Dropping the referencing table unlinks the incoming list. */
    apply(t, "drop table app.posts;");
    assert_null(u->incoming);
    assert_null(cat_index(&t->cat, "app", "posts_author_idx"));
    assert_int_equal(cat_schema(&t->cat, "app")->ntables, 1);
    apply(t, "drop table app.people; drop schema app;");
    assert_int_equal(t->cat.ntables, 0);
    assert_null(t->cat.tables);
    assert_null(t->cat.schemas);
    assert_null(cat_key_constraint(&t->cat, "app", "users_pkey"));
    /* The names are free again. */
    apply(t, "create schema app; create table app.users_pkey (a int);");
}

static void test_copy_and_equal(void **state)
{
    T *t = *state;
    apply(t, schema_sql);
    Catalog c;
    cat_copy(&c, &t->cat, &t->a);
    StrBuf why;
    sb_init(&why);
    assert_true(cat_equal(&t->cat, &c, false, &why));
    assert_string_equal(sb_str(&why), "");

    /* Each kind of difference is found and explained. */
    struct {
        const char *stmt;
        const char *why;
    } cases[] = {
        {"alter column app.users.name type varchar(20);",
         "table users: column name: type text vs varchar(20)"},
        {"alter column app.users.name set not null;",
         "table users: column name: null vs not null"},
        {"alter column app.users.name set default 'x';",
         "table users: column name: default anon vs x"},
        {"add constraint app.users.users_name_check check (name <> '');",
         "table users: 2 constraints vs 3"},
        {"drop constraint app.posts.posts_body_check;",
         "table posts: constraint posts_body_check only in the first"},
        {"drop index app.posts_author_idx;",
         "table posts: index posts_author_idx only in the first"},
        {"create table app.extra (a int);", "2 tables vs 3"},
        {"create schema more;", "1 schemas vs 2"},
        {"drop column app.users.name;", "table users: 3 columns vs 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Catalog d;
        cat_copy(&d, &t->cat, &t->a);
        apply_to(t, &d, cases[i].stmt);
        sb_reset(&why);
        assert_false(cat_equal(&t->cat, &d, false, &why));
        assert_string_equal(sb_str(&why), cases[i].why);
        cat_free(&d);
    }
    /* The copy is independent of the original. */
    apply(t, "drop table app.posts;");
    assert_non_null(cat_table(&c, "app", "posts"));
    assert_non_null(cat_table(&c, "app", "users")->incoming);

    /* Column order: a column dropped and added back goes last. */
    Catalog e;
    cat_copy(&e, &t->cat, &t->a);
    apply_to(t, &e, "drop column app.users.email fill '';"
                    "add column app.users.email varchar(100) not null;"
                    "add constraint app.users.users_email_key unique (email);");
    sb_reset(&why);
    assert_false(cat_equal(&t->cat, &e, false, &why));
    assert_string_equal(sb_str(&why), "table users: column email vs name");
    assert_true(cat_equal(&t->cat, &e, true, NULL));
    sb_free(&why);
    cat_free(&e);
    cat_free(&c);
}

static void test_snapshot(void **state)
{
    T *t = *state;
    apply(t, schema_sql);
    CatTable *p = cat_table(&t->cat, "app", "posts");
    CatTable *snap = cat_table_snapshot(&t->cat, p);
    apply(t, "drop column app.posts.body; drop index app.posts_author_idx;"
             "rename column app.posts.author to writer;");
    assert_int_equal(snap->ncols, 4);
    assert_non_null(cat_column(snap, "body"));
    assert_non_null(cat_column(snap, "author"));
    assert_non_null(cat_constraint(snap, "posts_body_check"));
    assert_non_null(snap->idx);
    assert_string_equal(snap->idx->cols[0]->name, "author");
    assert_ptr_equal(snap->idx->cols[0]->table, snap);
    /* Foreign keys point at the live referenced table. */
    CatConstraint *fk = cat_constraint(snap, "posts_author_fkey");
    assert_ptr_equal(fk->ref_table, cat_table(&t->cat, "app", "users"));
    /* The live table changed, the snapshot did not. */
    assert_int_equal(p->ncols, 3);
    assert_null(cat_column(p, "author"));
}

static void test_rebuilt_statements(void **state)
{
    T *t = *state;
    apply(t, schema_sql);
    CatTable *p = cat_table(&t->cat, "app", "posts");
    Stmt *s = cat_table_stmt(&t->cat, p, false);
    assert_int_equal(s->kind, ST_CREATE_TABLE);
    assert_string_equal(s->table.schema.s, "app");
    assert_string_equal(s->table.name.s, "posts");
    assert_int_equal(s->loc.end, 0);
    int n = 0;
    for (Constraint *k = s->constraints; k; k = k->next, n++)
        assert_int_not_equal(k->kind, CON_FOREIGN);
    assert_int_equal(n, 2);
    s = cat_table_stmt(&t->cat, p, true);
    n = 0;
    for (Constraint *k = s->constraints; k; k = k->next, n++)
        if (k->kind == CON_FOREIGN) {
            assert_string_equal(k->name.s, "posts_author_fkey");
            assert_string_equal(k->ref_table.schema.s, "app");
            assert_string_equal(k->ref_table.name.s, "users");
            assert_string_equal(k->ref_cols->name.s, "id");
            assert_string_equal(k->cols->name.s, "author");
            assert_int_equal(k->on_delete, FK_CASCADE);
        }
    assert_int_equal(n, 3);
    ColumnDef *d = s->columns->next;
    assert_string_equal(d->name.s, "author");
    assert_true(d->not_null);
    assert_int_equal(d->type.kind, TY_INTEGER);
    assert_null(d->cons);

    Stmt *ix = cat_index_stmt(&t->cat, p->idx);
    assert_int_equal(ix->kind, ST_CREATE_INDEX);
    assert_string_equal(ix->index->name.name.s, "posts_author_idx");
    assert_null(ix->index->name.schema.s);
    assert_string_equal(ix->index->table.schema.s, "app");
    assert_string_equal(ix->index->where, "tags is not null");

    Stmt *ac = cat_constraint_stmt(&t->cat, cat_constraint(p, "posts_body_check"));
    assert_int_equal(ac->kind, ST_ADD_CONSTRAINT);
    assert_string_equal(ac->cname.s, "posts_body_check");
    assert_string_equal(ac->constraints->check, "length(body) > 0");

    /* Rebuilt statements recreate the same table in another catalog. */
    Catalog c;
    cat_init(&c, &t->a);
    Checker ck = t->ck;
    ck.cat = &c;
    Migration m;
    memset(&m, 0, sizeof m);
    m.src.path = "x";
    m.src.text = "";
    Stmt cs;
    memset(&cs, 0, sizeof cs);
    cs.kind = ST_CREATE_SCHEMA;
    cs.cname.s = "app";
    assert_true(check_stmt(&ck, &m, &cs));
    cat_apply(&c, &cs);
    for (CatTable *tb = t->cat.tables; tb; tb = tb->next) {
        Stmt *ct = cat_table_stmt(&t->cat, tb, true);
        assert_true(check_stmt(&ck, &m, ct));
        cat_apply(&c, ct);
        for (CatIndex *i = tb->idx; i; i = i->next) {
            Stmt *ci = cat_index_stmt(&t->cat, i);
            assert_true(check_stmt(&ck, &m, ci));
            cat_apply(&c, ci);
        }
    }
    StrBuf why;
    sb_init(&why);
    if (!cat_equal(&t->cat, &c, false, &why))
        fail_msg("%s", sb_str(&why));
    sb_free(&why);
    cat_free(&c);
}

static void test_type_helpers(void **state)
{
    (void)state;
    TypeRef a = {.kind = TY_NUMERIC, .nargs = 2, .arg = {10, 2}};
    TypeRef b = a;
    assert_true(cat_type_equal(&a, &b));
    b.arg[1] = 3;
    assert_false(cat_type_equal(&a, &b));
    StrBuf s;
    sb_init(&s);
    ast_type_format(&s, &a);
    TypeRef c = {.kind = TY_CUSTOM, .name = "geometry", .args = "point, 4326"};
    sb_putc(&s, ' ');
    ast_type_format(&s, &c);
    assert_string_equal(sb_str(&s), "numeric(10,2) geometry(point, 4326)");
    sb_free(&s);
    Expr x = {.kind = EX_STRING, .text = "a"}, y = {.kind = EX_RAW, .text = "a"};
    assert_false(cat_expr_equal(&x, &y));
    assert_true(cat_expr_equal(NULL, NULL));
    assert_false(cat_expr_equal(&x, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lookups, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_renames_and_drops, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_copy_and_equal, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot, t_setup, t_teardown),
        cmocka_unit_test_setup_teardown(test_rebuilt_statements, t_setup, t_teardown),
        cmocka_unit_test(test_type_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
