/*
 * test_emit_pg.c — the PostgreSQL emitter and the shared emit helpers.
 *
 * The statements are built by hand, as the checker leaves them (every
 * constraint and index named, column-level constraints given their
 * column), and the exact SQL text is compared.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"

typedef struct Fx {
    Arena a;
    StrBuf out;
    Diag d;
    char *diagbuf;
    size_t diaglen;
    FILE *diagf;
    Migration m;
    EmitCtx e;
} Fx;

static const char src_text[] =
    "no transaction;\n"
    "create index concurrently on users (email);\n";

static int fx_setup(void **state)
{
    Fx *f = xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    arena_init(&f->a);
    sb_init(&f->out);
    f->diagf = open_memstream(&f->diagbuf, &f->diaglen);
    diag_init(&f->d, f->diagf);
    f->m.src.path = "migrations/0001_init.mig";
    f->m.src.text = src_text;
    f->m.src.len = sizeof src_text - 1;
    f->e.dialect = &dialect_postgres;
    f->e.arena = &f->a;
    f->e.diag = &f->d;
    f->e.m = &f->m;
    f->e.out = &f->out;
    f->e.in_transaction = true;
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *f = *state;
    fclose(f->diagf);
    free(f->diagbuf);
    free(f->e.ends);
    sb_free(&f->out);
    arena_free(&f->a);
    free(f);
    return 0;
}

/* ---- node builders ---- */

static Ident id(const char *s)
{
    Ident i = { s, { 0, 0 } };
    return i;
}

static QName qn(const char *schema, const char *name)
{
    QName q;
    memset(&q, 0, sizeof q);
    q.schema = id(schema);
    q.name = id(name);
    return q;
}

/* names(f, "a", "b", NULL) */
static NameList *names(Fx *f, ...)
{
    NameList *head = NULL, **tail = &head;
    va_list ap;
    va_start(ap, f);
    const char *s;
    while ((s = va_arg(ap, const char *)) != NULL) {
        NameList *n = ARENA_NEW(&f->a, NameList);
        n->name = id(s);
        *tail = n;
        tail = &n->next;
    }
    va_end(ap);
    return head;
}

static TypeRef ty(TypeKind k, int nargs, long a0, long a1)
{
    TypeRef t;
    memset(&t, 0, sizeof t);
    t.kind = k;
    t.name = ast_type_name(k);
    t.nargs = nargs;
    t.arg[0] = a0;
    t.arg[1] = a1;
    return t;
}

static TypeRef custom(const char *name, const char *args)
{
    TypeRef t = ty(TY_CUSTOM, 0, 0, 0);
    t.name = name;
    t.args = args;
    return t;
}

static Expr *ex(Fx *f, ExprKind k, const char *text)
{
    Expr *x = ARENA_NEW(&f->a, Expr);
    x->kind = k;
    x->text = text;
    return x;
}

static Expr *call(Fx *f, const char *name, const char *args)
{
    Expr *x = ex(f, EX_CALL, args);
    x->name = name;
    return x;
}

static ColumnDef *col(Fx *f, const char *name, TypeRef t, bool not_null,
                      Expr *def)
{
    ColumnDef *c = ARENA_NEW(&f->a, ColumnDef);
    c->name = id(name);
    c->type = t;
    c->not_null = not_null;
    c->def = def;
    return c;
}

static Constraint *con(Fx *f, ConKind k, const char *name, NameList *cols)
{
    Constraint *c = ARENA_NEW(&f->a, Constraint);
    c->kind = k;
    c->name = id(name);
    c->cols = cols;
    return c;
}

static Constraint *check(Fx *f, const char *name, const char *raw)
{
    Constraint *c = con(f, CON_CHECK, name, NULL);
    c->check = raw;
    return c;
}

static Constraint *fk(Fx *f, const char *name, NameList *cols,
                      const char *ref_schema, const char *ref_table,
                      NameList *ref_cols, FkAction del, FkAction upd)
{
    Constraint *c = con(f, CON_FOREIGN, name, cols);
    c->ref_table = qn(ref_schema, ref_table);
    c->ref_cols = ref_cols;
    c->on_delete = del;
    c->on_update = upd;
    return c;
}

static Stmt *st(Fx *f, StmtKind k, const char *schema, const char *table)
{
    Stmt *s = ARENA_NEW(&f->a, Stmt);
    s->kind = k;
    s->table = qn(schema, table);
    return s;
}

static Stmt *col_st(Fx *f, StmtKind k, const char *table, const char *column)
{
    Stmt *s = st(f, k, NULL, table);
    s->column = id(column);
    return s;
}

/* Chain nodes given in order, NULL-terminated: cols(f, a, b, NULL). */
#define CHAIN_FN(fn, T)                                                    \
    static T *fn(T *first, ...)                                            \
    {                                                                      \
        va_list ap;                                                        \
        va_start(ap, first);                                               \
        T *prev = first, *n;                                               \
        while ((n = va_arg(ap, T *)) != NULL) {                            \
            prev->next = n;                                                \
            prev = n;                                                      \
        }                                                                  \
        va_end(ap);                                                        \
        return first;                                                      \
    }
CHAIN_FN(cols_of, ColumnDef)
CHAIN_FN(cons_of, Constraint)
CHAIN_FN(stmts_of, Stmt)

/* Emit one statement into a fresh buffer and return the SQL. */
static const char *emit(Fx *f, const Stmt *s)
{
    sb_reset(&f->out);
    f->e.nends = 0;
    assert_true(dialect_postgres.stmt(&f->e, s));
    return sb_str(&f->out);
}

/* ---- CREATE TABLE ---- */

static void test_create_table_users(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, NULL, "users");
    ColumnDef *id_ = col(f, "id", ty(TY_SERIAL, 0, 0, 0), true, NULL);
    ColumnDef *email = col(f, "email", ty(TY_VARCHAR, 1, 255, 0), true, NULL);
    ColumnDef *at = col(f, "created_at", ty(TY_TIMESTAMPTZ, 0, 0, 0), true,
                        ex(f, EX_NOW, NULL));
    /* id written with a column-level primary key, email with unique */
    id_->cons = con(f, CON_PRIMARY, "users_pkey", names(f, "id", NULL));
    email->cons = con(f, CON_UNIQUE, "users_email_key", names(f, "email", NULL));
    s->columns = cols_of(id_, email, at, NULL);
    assert_string_equal(emit(f, s),
        "CREATE TABLE \"users\" (\n"
        "    \"id\" serial NOT NULL,\n"
        "    \"email\" varchar(255) NOT NULL,\n"
        "    \"created_at\" timestamptz NOT NULL DEFAULT now(),\n"
        "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
        "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\")\n"
        ");\n");
    assert_int_equal(f->e.nends, 1);
    assert_int_equal(f->e.ends[0], (int)f->out.len);
}

/* Written as table constraints, the same table gives the same SQL. */
static void test_create_table_table_constraints(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, "app", "users");
    s->columns = cols_of(col(f, "id", ty(TY_SERIAL, 0, 0, 0), true, NULL),
                         col(f, "email", ty(TY_VARCHAR, 1, 255, 0), true,
                             NULL), NULL);
    s->constraints = cons_of(
        con(f, CON_PRIMARY, "users_pkey", names(f, "id", NULL)),
        con(f, CON_UNIQUE, "users_email_key", names(f, "email", NULL)), NULL);
    assert_string_equal(emit(f, s),
        "CREATE TABLE \"app\".\"users\" (\n"
        "    \"id\" serial NOT NULL,\n"
        "    \"email\" varchar(255) NOT NULL,\n"
        "    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\"),\n"
        "    CONSTRAINT \"users_email_key\" UNIQUE (\"email\")\n"
        ");\n");
}

/* Column-level constraints come first, in column order, then the table's;
 * a column-level one without `cols` (not yet checked) uses its column. */
static void test_create_table_constraint_order(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, NULL, "posts");
    ColumnDef *a = col(f, "id", ty(TY_BIGINT, 0, 0, 0), true, NULL);
    ColumnDef *b = col(f, "author_id", ty(TY_INTEGER, 0, 0, 0), false, NULL);
    ColumnDef *c = col(f, "score", ty(TY_INTEGER, 0, 0, 0), false, NULL);
    b->cons = fk(f, "posts_author_id_fkey", NULL, NULL, "users", NULL,
                 FK_CASCADE, FK_NONE);
    c->cons = check(f, "posts_score_check", "score >= 0");
    s->columns = cols_of(a, b, c, NULL);
    s->constraints = cons_of(
        con(f, CON_PRIMARY, "posts_pkey", names(f, "id", NULL)),
        con(f, CON_UNIQUE, "posts_author_id_score_key",
            names(f, "author_id", "score", NULL)), NULL);
    assert_string_equal(emit(f, s),
        "CREATE TABLE \"posts\" (\n"
        "    \"id\" bigint NOT NULL,\n"
        "    \"author_id\" integer,\n"
        "    \"score\" integer,\n"
        "    CONSTRAINT \"posts_author_id_fkey\" FOREIGN KEY (\"author_id\") "
        "REFERENCES \"users\" ON DELETE CASCADE,\n"
        "    CONSTRAINT \"posts_score_check\" CHECK (score >= 0),\n"
        "    CONSTRAINT \"posts_pkey\" PRIMARY KEY (\"id\"),\n"
        "    CONSTRAINT \"posts_author_id_score_key\" UNIQUE (\"author_id\", "
        "\"score\")\n"
        ");\n");
}

static void test_create_table_empty(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, NULL, "empty");
    assert_string_equal(emit(f, s), "CREATE TABLE \"empty\" (\n);\n");
}

/* ---- types ---- */

static void test_types_all(void **state)
{
    Fx *f = *state;
    static const struct {
        TypeKind k;
        int nargs;
        long a0, a1;
        const char *sql;
    } cases[] = {
        { TY_SMALLINT, 0, 0, 0, "smallint" },
        { TY_INTEGER, 0, 0, 0, "integer" },
        { TY_BIGINT, 0, 0, 0, "bigint" },
        { TY_SERIAL, 0, 0, 0, "serial" },
        { TY_BIGSERIAL, 0, 0, 0, "bigserial" },
        { TY_REAL, 0, 0, 0, "real" },
        { TY_DOUBLE, 0, 0, 0, "double precision" },
        { TY_NUMERIC, 0, 0, 0, "numeric" },
        { TY_NUMERIC, 1, 12, 0, "numeric(12)" },
        { TY_NUMERIC, 2, 10, 2, "numeric(10,2)" },
        { TY_BOOLEAN, 0, 0, 0, "boolean" },
        { TY_TEXT, 0, 0, 0, "text" },
        { TY_VARCHAR, 0, 0, 0, "varchar" },
        { TY_VARCHAR, 1, 80, 0, "varchar(80)" },
        { TY_CHAR, 0, 0, 0, "char" },
        { TY_CHAR, 1, 2, 0, "char(2)" },
        { TY_DATE, 0, 0, 0, "date" },
        { TY_TIME, 0, 0, 0, "time" },
        { TY_TIMESTAMP, 0, 0, 0, "timestamp" },
        { TY_TIMESTAMPTZ, 0, 0, 0, "timestamptz" },
        { TY_TIMESTAMPTZ, 1, 3, 0, "timestamptz(3)" },
        { TY_INTERVAL, 0, 0, 0, "interval" },
        { TY_UUID, 0, 0, 0, "uuid" },
        { TY_JSON, 0, 0, 0, "json" },
        { TY_JSONB, 0, 0, 0, "jsonb" },
        { TY_BYTEA, 0, 0, 0, "bytea" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Stmt *s = st(f, ST_ADD_COLUMN, NULL, "t");
        s->column = id("c");
        s->columns = col(f, "c", ty(cases[i].k, cases[i].nargs, cases[i].a0,
                                    cases[i].a1), false, NULL);
        char *want = arena_printf(&f->a,
            "ALTER TABLE \"t\" ADD COLUMN \"c\" %s;\n", cases[i].sql);
        assert_string_equal(emit(f, s), want);
    }
}

static void test_types_custom(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, NULL, "t");
    s->columns = cols_of(col(f, "p", custom("point", NULL), false, NULL),
                         col(f, "v", custom("vector", "3"), false, NULL),
                         col(f, "m", custom("My Type", NULL), false, NULL),
                         col(f, "q", custom("ext.citext", NULL), false, NULL),
                         NULL);
    assert_string_equal(emit(f, s),
        "CREATE TABLE \"t\" (\n"
        "    \"p\" point,\n"
        "    \"v\" vector(3),\n"
        "    \"m\" \"My Type\",\n"
        "    \"q\" ext.citext\n"
        ");\n");
}

/* serial exists only for new columns: a type change to it (the down of a
 * change away from serial) is integer or bigint. */
static void test_alter_type(void **state)
{
    Fx *f = *state;
    Stmt *s = col_st(f, ST_ALTER_TYPE, "t", "n");
    s->type = ty(TY_SERIAL, 0, 0, 0);
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE integer;\n");
    s->type = ty(TY_BIGSERIAL, 0, 0, 0);
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE bigint;\n");
    s->type = ty(TY_NUMERIC, 2, 10, 2);
    s->using_raw = "n::numeric / 100";
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE numeric(10,2) "
        "USING (n::numeric / 100);\n");
}

static void test_type_portable(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    TypeRef t = ty(TY_NUMERIC, 2, 10, 2);
    ast_type_format(&b, &t);
    assert_string_equal(sb_str(&b), "numeric(10,2)");
    sb_reset(&b);
    t = ty(TY_DOUBLE, 0, 0, 0);
    ast_type_format(&b, &t);
    assert_string_equal(sb_str(&b), "double");
    sb_reset(&b);
    t = ty(TY_VARCHAR, 1, 255, 0);
    ast_type_format(&b, &t);
    assert_string_equal(sb_str(&b), "varchar(255)");
    sb_reset(&b);
    t = custom("vector", "3");
    ast_type_format(&b, &t);
    assert_string_equal(sb_str(&b), "vector(3)");
    sb_free(&b);
}

/* ---- defaults ---- */

static void test_defaults(void **state)
{
    Fx *f = *state;
    const struct {
        Expr *def;
        const char *sql;
    } cases[] = {
        { ex(f, EX_NUMBER, "42"), "42" },
        { ex(f, EX_NUMBER, "-1.5"), "-1.5" },
        { ex(f, EX_STRING, "it's"), "'it''s'" },
        { ex(f, EX_STRING, ""), "''" },
        { ex(f, EX_TRUE, NULL), "true" },
        { ex(f, EX_FALSE, NULL), "false" },
        { ex(f, EX_NULL, NULL), "NULL" },
        { ex(f, EX_NOW, NULL), "now()" },
        { call(f, "gen_random_uuid", ""), "gen_random_uuid()" },
        { call(f, "make_date", "2024, 1, 1"), "make_date(2024, 1, 1)" },
        { call(f, "MyFunc", "1"), "\"MyFunc\"(1)" },
        { call(f, "pg_catalog.now", ""), "pg_catalog.now()" },
        { ex(f, EX_RAW, "1 + 2"), "(1 + 2)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Stmt *s = col_st(f, ST_SET_DEFAULT, "t", "c");
        s->def = cases[i].def;
        char *want = arena_printf(&f->a,
            "ALTER TABLE \"t\" ALTER COLUMN \"c\" SET DEFAULT %s;\n",
            cases[i].sql);
        assert_string_equal(emit(f, s), want);
    }
}

/* A string that tries to end the literal stays one literal. */
static void test_default_injection(void **state)
{
    Fx *f = *state;
    Stmt *s = col_st(f, ST_SET_DEFAULT, "t", "c");
    s->def = ex(f, EX_STRING, "'; DROP TABLE x; --");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"c\" SET DEFAULT "
        "'''; DROP TABLE x; --';\n");
}

/* A backslash makes an E'' literal, the same whatever
 * standard_conforming_strings says. */
static void test_default_backslash(void **state)
{
    Fx *f = *state;
    Stmt *s = col_st(f, ST_SET_DEFAULT, "t", "c");
    s->def = ex(f, EX_STRING, "C:\\dir\\' x");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"c\" SET DEFAULT "
        "E'C:\\\\dir\\\\'' x';\n");
    s->def = ex(f, EX_STRING, "\\'; DROP TABLE x; --");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"c\" SET DEFAULT "
        "E'\\\\''; DROP TABLE x; --';\n");
}

/* ---- identifiers ---- */

static void test_identifiers(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_TABLE, "My Schema", "a\"b");
    ColumnDef *c1 = col(f, "select", ty(TY_TEXT, 0, 0, 0), false, NULL);
    ColumnDef *c2 = col(f, "MixedCase", ty(TY_TEXT, 0, 0, 0), false, NULL);
    ColumnDef *c3 = col(f, "with space", ty(TY_TEXT, 0, 0, 0), false, NULL);
    ColumnDef *c4 = col(f, "caf\xc3\xa9", ty(TY_TEXT, 0, 0, 0), false, NULL);
    ColumnDef *c5 = col(f, "back\\slash", ty(TY_TEXT, 0, 0, 0), false, NULL);
    ColumnDef *c6 = col(f, "x\"; DROP TABLE y; --", ty(TY_TEXT, 0, 0, 0),
                        false, NULL);
    s->columns = cols_of(c1, c2, c3, c4, c5, c6, NULL);
    s->constraints = con(f, CON_UNIQUE, "u\"\"q",
                         names(f, "select", "MixedCase", NULL));
    assert_string_equal(emit(f, s),
        "CREATE TABLE \"My Schema\".\"a\"\"b\" (\n"
        "    \"select\" text,\n"
        "    \"MixedCase\" text,\n"
        "    \"with space\" text,\n"
        "    \"caf\xc3\xa9\" text,\n"
        "    \"back\\slash\" text,\n"
        "    \"x\"\"; DROP TABLE y; --\" text,\n"
        "    CONSTRAINT \"u\"\"\"\"q\" UNIQUE (\"select\", \"MixedCase\")\n"
        ");\n");
}

static void test_quote_helpers(void **state)
{
    (void)state;
    StrBuf b;
    sb_init(&b);
    emit_quote_ident_ansi(&b, "a\"b");
    sb_putc(&b, ' ');
    emit_quote_string_ansi(&b, "it's");
    sb_putc(&b, ' ');
    dialect_postgres.quote_string(&b, "a\\b");
    sb_putc(&b, ' ');
    dialect_postgres.quote_ident(&b, "");
    assert_string_equal(sb_str(&b), "\"a\"\"b\" 'it''s' E'a\\\\b' \"\"");
    sb_free(&b);
}

/* ---- foreign keys ---- */

static void test_fk_actions(void **state)
{
    Fx *f = *state;
    static const struct {
        FkAction del, upd;
        const char *tail;
    } cases[] = {
        { FK_NONE, FK_NONE, "" },
        { FK_CASCADE, FK_NONE, " ON DELETE CASCADE" },
        { FK_SET_NULL, FK_NONE, " ON DELETE SET NULL" },
        { FK_SET_DEFAULT, FK_NONE, " ON DELETE SET DEFAULT" },
        { FK_RESTRICT, FK_NONE, " ON DELETE RESTRICT" },
        { FK_NO_ACTION, FK_NONE, " ON DELETE NO ACTION" },
        { FK_NONE, FK_CASCADE, " ON UPDATE CASCADE" },
        { FK_SET_NULL, FK_RESTRICT, " ON DELETE SET NULL ON UPDATE RESTRICT" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Stmt *s = st(f, ST_ADD_CONSTRAINT, NULL, "posts");
        s->constraints = fk(f, "posts_author_fkey", names(f, "author", NULL),
                            NULL, "users", names(f, "id", NULL),
                            cases[i].del, cases[i].upd);
        char *want = arena_printf(&f->a,
            "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_fkey\" "
            "FOREIGN KEY (\"author\") REFERENCES \"users\" (\"id\")%s;\n",
            cases[i].tail);
        assert_string_equal(emit(f, s), want);
    }
}

static void test_fk_schema(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_ADD_CONSTRAINT, "app", "posts");
    s->constraints = fk(f, "posts_ab_fkey", names(f, "a", "b", NULL),
                        "auth", "users", names(f, "x", "y", NULL),
                        FK_CASCADE, FK_CASCADE);
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"posts\" ADD CONSTRAINT \"posts_ab_fkey\" "
        "FOREIGN KEY (\"a\", \"b\") REFERENCES \"auth\".\"users\" "
        "(\"x\", \"y\") ON DELETE CASCADE ON UPDATE CASCADE;\n");
}

/* ---- the other statements ---- */

static void test_tables(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_DROP_TABLE, NULL, "users");
    assert_string_equal(emit(f, s), "DROP TABLE \"users\";\n");
    s = st(f, ST_DROP_TABLE, "app", "users");
    assert_string_equal(emit(f, s), "DROP TABLE \"app\".\"users\";\n");
    s = st(f, ST_RENAME_TABLE, "app", "users");
    s->new_name = id("people");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"users\" RENAME TO \"people\";\n");
}

static void test_columns(void **state)
{
    Fx *f = *state;
    Stmt *s = col_st(f, ST_RENAME_COLUMN, "comments", "contents");
    s->new_name = id("body");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"comments\" RENAME COLUMN \"contents\" TO \"body\";\n");
    s = col_st(f, ST_DROP_DEFAULT, "t", "c");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"c\" DROP DEFAULT;\n");
    s = col_st(f, ST_SET_NOT_NULL, "t", "c");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"t\" ALTER COLUMN \"c\" SET NOT NULL;\n");
    s = col_st(f, ST_DROP_NOT_NULL, "t", "c");
    s->table = qn("app", "t");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"t\" ALTER COLUMN \"c\" DROP NOT NULL;\n");
}

/* ADD COLUMN: the column, then each of its constraints on its own line. */
static void test_add_column(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_ADD_COLUMN, "app", "posts");
    s->column = id("author_id");
    ColumnDef *c = col(f, "author_id", ty(TY_BIGINT, 0, 0, 0), true,
                       ex(f, EX_NUMBER, "0"));
    c->cons = cons_of(con(f, CON_UNIQUE, "posts_author_id_key",
                          names(f, "author_id", NULL)),
                      fk(f, "posts_author_id_fkey",
                         names(f, "author_id", NULL), NULL, "users",
                         names(f, "id", NULL), FK_SET_DEFAULT, FK_NONE),
                      NULL);
    s->columns = c;
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"posts\" ADD COLUMN \"author_id\" bigint "
        "NOT NULL DEFAULT 0;\n"
        "ALTER TABLE \"app\".\"posts\" ADD CONSTRAINT \"posts_author_id_key\" "
        "UNIQUE (\"author_id\");\n"
        "ALTER TABLE \"app\".\"posts\" ADD CONSTRAINT \"posts_author_id_fkey\" "
        "FOREIGN KEY (\"author_id\") REFERENCES \"users\" (\"id\") "
        "ON DELETE SET DEFAULT;\n");
    assert_int_equal(f->e.nends, 3);
}

/* DROP COLUMN drops what goes with the column explicitly, first. */
static void test_drop_column_implied(void **state)
{
    Fx *f = *state;
    Stmt *s = col_st(f, ST_DROP_COLUMN, "users", "email");
    s->table = qn("app", "users");
    Stmt *di = ARENA_NEW(&f->a, Stmt);
    di->kind = ST_DROP_INDEX;
    di->object = qn("app", "users_email_idx");
    Stmt *dc = st(f, ST_DROP_CONSTRAINT, "app", "users");
    dc->cname = id("users_email_key");
    s->implied = stmts_of(di, dc, NULL);
    assert_string_equal(emit(f, s),
        "DROP INDEX \"app\".\"users_email_idx\";\n"
        "ALTER TABLE \"app\".\"users\" DROP CONSTRAINT \"users_email_key\";\n"
        "ALTER TABLE \"app\".\"users\" DROP COLUMN \"email\";\n");
    assert_int_equal(f->e.nends, 3);
    s->implied = NULL;
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"users\" DROP COLUMN \"email\";\n");
}

static IndexDef *index_def(Fx *f, bool unique, const char *name,
                           const char *schema, const char *table,
                           NameList *cols)
{
    IndexDef *ix = ARENA_NEW(&f->a, IndexDef);
    ix->unique = unique;
    ix->name = qn(NULL, name);
    ix->table = qn(schema, table);
    ix->cols = cols;
    return ix;
}

static void test_indexes(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_INDEX, NULL, NULL);
    s->index = index_def(f, false, "users_email_idx", NULL, "users",
                         names(f, "email", NULL));
    assert_string_equal(emit(f, s),
        "CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\");\n");
    s->index = index_def(f, true, "users_a_b_key", "app", "users",
                         names(f, "a", "b", NULL));
    s->index->where = "deleted_at IS NULL";
    assert_string_equal(emit(f, s),
        "CREATE UNIQUE INDEX \"users_a_b_key\" ON \"app\".\"users\" "
        "(\"a\", \"b\") WHERE (deleted_at IS NULL);\n");

    f->e.in_transaction = false;
    s->index->concurrently = true;
    s->index->where = NULL;
    assert_string_equal(emit(f, s),
        "CREATE UNIQUE INDEX CONCURRENTLY \"users_a_b_key\" ON "
        "\"app\".\"users\" (\"a\", \"b\");\n");

    Stmt *d = ARENA_NEW(&f->a, Stmt);
    d->kind = ST_DROP_INDEX;
    d->object = qn(NULL, "users_email_idx");
    assert_string_equal(emit(f, d), "DROP INDEX \"users_email_idx\";\n");
    d->object = qn("app", "users_a_b_key");
    d->concurrently = true;
    assert_string_equal(emit(f, d),
        "DROP INDEX CONCURRENTLY \"app\".\"users_a_b_key\";\n");
}

/* Inside a transaction, concurrently is refused at the statement. */
static void test_concurrently_in_transaction(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_INDEX, NULL, NULL);
    s->loc.start = 16;
    s->loc.end = 58;
    s->index = index_def(f, false, "users_email_idx", NULL, "users",
                         names(f, "email", NULL));
    s->index->concurrently = true;
    assert_false(dialect_postgres.stmt(&f->e, s));
    fflush(f->diagf);
    assert_string_equal(f->diagbuf,
        "migrations/0001_init.mig:2:1: error: create index concurrently "
        "cannot run inside a transaction\n"
        "    create index concurrently on users (email);\n"
        "    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "hint: put `no transaction;` at the top of the file\n");
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->out.len, 0);
}

static void test_constraints(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_ADD_CONSTRAINT, NULL, "users");
    s->constraints = con(f, CON_PRIMARY, "users_pkey", names(f, "id", NULL));
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"users\" ADD CONSTRAINT \"users_pkey\" "
        "PRIMARY KEY (\"id\");\n");
    s->constraints = con(f, CON_UNIQUE, "users_a_b_key",
                         names(f, "a", "b", NULL));
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"users\" ADD CONSTRAINT \"users_a_b_key\" "
        "UNIQUE (\"a\", \"b\");\n");
    s->constraints = check(f, "age_ok", "age >= 0 AND name <> ''");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"users\" ADD CONSTRAINT \"age_ok\" "
        "CHECK (age >= 0 AND name <> '');\n");
    s = st(f, ST_DROP_CONSTRAINT, "app", "users");
    s->cname = id("age_ok");
    assert_string_equal(emit(f, s),
        "ALTER TABLE \"app\".\"users\" DROP CONSTRAINT \"age_ok\";\n");
}

static void test_schemas(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_CREATE_SCHEMA, NULL, NULL);
    s->cname = id("Billing");
    assert_string_equal(emit(f, s), "CREATE SCHEMA \"Billing\";\n");
    s->kind = ST_DROP_SCHEMA;
    assert_string_equal(emit(f, s), "DROP SCHEMA \"Billing\";\n");
}

/* ---- raw sql ---- */

static void test_sql_raw(void **state)
{
    Fx *f = *state;
    Stmt *s = st(f, ST_SQL, NULL, NULL);
    s->sql_up = "UPDATE users SET active = true";
    assert_string_equal(emit(f, s), "UPDATE users SET active = true;\n");
    s->sql_up = "UPDATE users SET active = true;  \n\t";
    assert_string_equal(emit(f, s), "UPDATE users SET active = true;\n");
    s->sql_up = "UPDATE a SET x = 1;\nUPDATE b SET y = 2\n";
    assert_string_equal(emit(f, s),
        "UPDATE a SET x = 1;\nUPDATE b SET y = 2;\n");
    assert_int_equal(f->e.nends, 1);
    assert_int_equal(f->e.ends[0], (int)f->out.len);
    /* a trailing comment would swallow the ';' */
    s->sql_up = "UPDATE a SET x = 1 -- all of them\n";
    assert_string_equal(emit(f, s),
        "UPDATE a SET x = 1 -- all of them\n;\n");
    s->sql_up = "UPDATE a SET x = 1; -- done\n";
    assert_string_equal(emit(f, s), "UPDATE a SET x = 1; -- done\n");
    s->sql_up = "UPDATE a SET x = 1 -- done;";
    assert_string_equal(emit(f, s), "UPDATE a SET x = 1 -- done;\n;\n");
    s->sql_up = "UPDATE a SET x = 1 /* ; */";
    assert_string_equal(emit(f, s), "UPDATE a SET x = 1 /* ; */;\n");
    s->sql_up = "UPDATE a SET x = 1; /* a /* nested */ comment */";
    assert_string_equal(emit(f, s),
        "UPDATE a SET x = 1; /* a /* nested */ comment */\n");
    s->sql_up = "UPDATE a SET s = '--;'";
    assert_string_equal(emit(f, s), "UPDATE a SET s = '--;';\n");
    s->sql_up = "UPDATE a SET s = 'it''s;'";
    assert_string_equal(emit(f, s), "UPDATE a SET s = 'it''s;';\n");
    s->sql_up = "UPDATE \"a;--\" SET x = 1";
    assert_string_equal(emit(f, s), "UPDATE \"a;--\" SET x = 1;\n");
    s->sql_up = "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; -- x\n"
                "$fn$ LANGUAGE sql";
    assert_string_equal(emit(f, s),
        "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; -- x\n"
        "$fn$ LANGUAGE sql;\n");
    s->sql_up = "DO $$ BEGIN PERFORM 1; END $$;";
    assert_string_equal(emit(f, s), "DO $$ BEGIN PERFORM 1; END $$;\n");
    s->sql_up = "SELECT $1, a$b$ FROM t -- x";
    assert_string_equal(emit(f, s), "SELECT $1, a$b$ FROM t -- x\n;\n");
    s->sql_up = "  \n";
    assert_string_equal(emit(f, s), "");
    assert_int_equal(f->e.nends, 0);
    s->sql_up = NULL;
    assert_string_equal(emit(f, s), "");
    s = st(f, ST_IRREVERSIBLE, NULL, NULL);
    assert_string_equal(emit(f, s), "");
    assert_int_equal(f->e.nends, 0);
}

/* Boundaries follow each statement's "\n", across calls. */
static void test_boundaries(void **state)
{
    Fx *f = *state;
    sb_reset(&f->out);
    f->e.nends = 0;
    for (int i = 0; i < 40; i++) {
        Stmt *s = st(f, ST_DROP_TABLE, NULL, "t");
        assert_true(dialect_postgres.stmt(&f->e, s));
    }
    assert_int_equal(f->e.nends, 40);
    size_t one = strlen("DROP TABLE \"t\";\n");
    for (int i = 0; i < 40; i++)
        assert_int_equal(f->e.ends[i], (int)(one * (size_t)(i + 1)));
}

/* ---- shared helpers ---- */

static void test_comment(void **state)
{
    Fx *f = *state;
    sb_reset(&f->out);
    emit_comment(&f->e, "drop column %s", "a\nDROP TABLE x;\r--");
    assert_string_equal(sb_str(&f->out),
        "-- drop column a DROP TABLE x; --\n");
    assert_int_equal(f->e.nends, 0);
}

static void test_dialect_find(void **state)
{
    (void)state;
    assert_ptr_equal(dialect_find("postgres"), &dialect_postgres);
    assert_ptr_equal(dialect_find("PostgreSQL"), &dialect_postgres);
    assert_ptr_equal(dialect_find("pg"), &dialect_postgres);
    assert_ptr_equal(dialect_find("sqlite"), &dialect_sqlite);
    assert_ptr_equal(dialect_find("mysql"), &dialect_mysql);
    assert_ptr_equal(dialect_find("MariaDB"), &dialect_mysql);
    assert_null(dialect_find("oracle"));
    assert_null(dialect_find("postgres "));
    assert_null(dialect_find(""));
    assert_null(dialect_find(NULL));
    assert_string_equal(dialect_postgres.name, "postgres");
    assert_true(dialect_postgres.transactional_ddl);
    assert_true(dialect_postgres.has_schemas);
    /* only a type change from an enum wants its table before */
    assert_non_null(dialect_postgres.needs_snapshot);
    assert_string_equal(dialect_postgres.begin_sql, "BEGIN;\n");
    assert_string_equal(dialect_postgres.commit_sql, "COMMIT;\n");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_create_table_users),
        T(test_create_table_table_constraints),
        T(test_create_table_constraint_order),
        T(test_create_table_empty),
        T(test_types_all),
        T(test_types_custom),
        T(test_alter_type),
        T(test_type_portable),
        T(test_defaults),
        T(test_default_injection),
        T(test_default_backslash),
        T(test_identifiers),
        T(test_quote_helpers),
        T(test_fk_actions),
        T(test_fk_schema),
        T(test_tables),
        T(test_columns),
        T(test_add_column),
        T(test_drop_column_implied),
        T(test_indexes),
        T(test_concurrently_in_transaction),
        T(test_constraints),
        T(test_schemas),
        T(test_sql_raw),
        T(test_boundaries),
        T(test_comment),
        T(test_dialect_find),
    };
    return cmocka_run_group_tests_name("emit_pg", tests, NULL, NULL);
}
