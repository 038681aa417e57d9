/*
 * test_runtime_sqlite.c — the runtime (driver, ledger, apply) against real
 * SQLite files in a scratch folder, with histories built by hand: the
 * runtime takes compiled SQL and nothing else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "apply.h"
#include "driver.h"
#include "ledger.h"

/* ---- fixtures ---- */

typedef struct Fix {
    char dir[64];
    char url[160];
    char path[128];
    MigSet h;
    char *out;
    size_t outlen;
    char *err;
    size_t errlen;
    FILE *fout;
    FILE *ferr;
} Fix;

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/migc-rt-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/db.sqlite3", f->dir);
    snprintf(f->url, sizeof f->url, "sqlite:%s", f->path);
    migset_init(&f->h);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    char cmd[128];
    migset_free(&f->h);
    if (f->fout)
        fclose(f->fout);
    if (f->ferr)
        fclose(f->ferr);
    free(f->out);
    free(f->err);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* Add a migration to the hand-made history.  Statements are separated by
 * '|' in `up` and `down`; down NULL: irreversible. */
static MigRecord *add_mig(Fix *f, const char *version, const char *name,
                          const char *up, const char *down, bool no_tx)
{
    Arena *a = &f->h.arena;
    MigRecord *r = migset_push(&f->h);
    r->path = arena_printf(a, "m/%s_%s.mig", version, name);
    r->version = version;
    r->name = name;
    r->flags = (no_tx ? MIG_NO_TRANSACTION : 0) |
               (down ? 0 : MIG_IRREVERSIBLE);
    const char *texts[2] = {up, down};
    for (int d = 0; d < 2; d++) {
        if (!texts[d])
            continue;
        StrBuf all;
        sb_init(&all);
        const char **stmts = ARENA_ARRAY(a, const char *, 16);
        int n = 0;
        const char *p = texts[d];
        while (*p) {
            size_t len = strcspn(p, "|");
            stmts[n++] = arena_printf(a, "%.*s;\n", (int)len, p);
            sb_puts(&all, stmts[n - 1]);
            p += len + (p[len] == '|');
        }
        if (d == 0) {
            r->up_stmts = stmts;
            r->nup = n;
            r->up_text = sb_arena_copy(&all, a);
        } else {
            r->down_text = sb_arena_copy(&all, a);
        }
        sb_free(&all);
    }
    r->checksum = arena_printf(a, "sum-%s-%s", version, up);
    return r;
}

static ApplyOpts opts(Fix *f)
{
    if (f->fout)
        fclose(f->fout);
    if (f->ferr)
        fclose(f->ferr);
    free(f->out);
    free(f->err);
    f->out = f->err = NULL;
    f->fout = open_memstream(&f->out, &f->outlen);
    f->ferr = open_memstream(&f->err, &f->errlen);
    ApplyOpts o = {.out = f->fout, .err = f->ferr};
    return o;
}

static const char *out_of(Fix *f)
{
    fflush(f->fout);
    return f->out;
}

static const char *err_of(Fix *f)
{
    fflush(f->ferr);
    return f->err;
}

/* Run fn on a fresh connection. */
static int run(Fix *f, int (*fn)(Db *, MigSet *, const ApplyOpts *),
               const ApplyOpts *o)
{
    Db db;
    DbError err;
    db_error_init(&err);
    if (!db_open(&db, f->url, "migc_migrations", o->dry_run, &err)) {
        fprintf(stderr, "open: %s\n", err.message);
        db_error_clear(&err);
        return -1;
    }
    int rc = fn(&db, &f->h, o);
    db_close(&db);
    return rc;
}

/* Query the file directly: the rows of `sql`, one per line, columns
 * separated by '|'. */
static char *sq(Fix *f, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    StrBuf b;
    sb_init(&b);
    assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            sb_printf(&b, "%s%s", c ? "|" : "", v ? v : "NULL");
        }
        sb_putc(&b, '\n');
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    char *r = xstrdup(sb_str(&b));
    sb_free(&b);
    return r;
}

static void assert_sq(Fix *f, const char *sql, const char *want)
{
    char *got = sq(f, sql);
    assert_string_equal(got, want);
    free(got);
}

#define SCHEMA_SQL "SELECT type, name FROM sqlite_master ORDER BY name"
#define LEDGER_SQL "SELECT version, name, checksum, down_sql IS NULL FROM " \
                   "migc_migrations ORDER BY version"

/* Progress lines with the durations cut off: "up 0001 a". */
static char *strip_ms(const char *s)
{
    StrBuf b;
    sb_init(&b);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *paren = memchr(s, '(', len);
        size_t keep = paren && paren > s ? (size_t)(paren - s - 1) : len;
        sb_putn(&b, s, keep);
        sb_putc(&b, '\n');
        s += len + (nl != NULL);
    }
    char *r = xstrdup(sb_str(&b));
    sb_free(&b);
    return r;
}

static void assert_progress(Fix *f, const char *want)
{
    char *got = strip_ms(out_of(f));
    assert_string_equal(got, want);
    free(got);
}

/* ---- pure helpers ---- */

static void test_split(void **state)
{
    (void)state;
    char **v;
    int n = db_split_sql(
        "create table a (x text default 'a;b');\n"
        "-- a comment; with a semicolon\n"
        "/* block; /* nested; */ */\n"
        "create function f() returns int as $body$ select 1; $body$ "
        "language sql;\n"
        "select E'it\\'s;', \"q;\" from a\n"
        "-- only a comment;\n", &v);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "create table a (x text default 'a;b');");
    assert_string_equal(v[1],
        "-- a comment; with a semicolon\n"
        "/* block; /* nested; */ */\n"
        "create function f() returns int as $body$ select 1; $body$ "
        "language sql;");
    assert_string_equal(v[2], "select E'it\\'s;', \"q;\" from a\n"
                              "-- only a comment;");
    db_free_split(v, n);

    n = db_split_sql("  \n-- nothing\n;;", &v);
    assert_int_equal(n, 0);
    db_free_split(v, n);
}

static void test_sqlite_split_trigger(void **state)
{
    (void)state;
    char **v;
    int n = db_driver_sqlite.split(
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  UPDATE a SET x = 1; DELETE FROM b;\nEND;\n"
        "DROP TABLE c;\n", &v);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                              "  UPDATE a SET x = 1; DELETE FROM b;\nEND;");
    assert_string_equal(v[1], "DROP TABLE c;");
    db_free_split(v, n);
}

static void test_mask(void **state)
{
    (void)state;
    char *s = db_mask_target("postgres://alice:s3cret@db.example:5432/shop");
    assert_string_equal(s, "postgres://alice:***@db.example:5432/shop");
    free(s);
    s = db_mask_target("host=x password='a b' dbname=y");
    assert_string_equal(s, "host=x password=*** dbname=y");
    free(s);
    s = db_mask_target("postgresql:///shop?host=/tmp&password=pw&user=u");
    assert_string_equal(s, "postgresql:///shop?host=/tmp&password=***&user=u");
    free(s);
    s = db_mask_target("sqlite:db.sqlite3");
    assert_string_equal(s, "sqlite:db.sqlite3");
    free(s);
}

static void test_paths_and_versions(void **state)
{
    (void)state;
    char *p = db_sqlite_path("sqlite://data/x.db");
    assert_string_equal(p, "data/x.db");
    free(p);
    p = db_sqlite_path("sqlite:///abs/x.db");
    assert_string_equal(p, "/abs/x.db");
    free(p);
    p = db_sqlite_path("sqlite:x.db");
    assert_string_equal(p, "x.db");
    free(p);
    assert_ptr_equal(db_driver_for("sqlite:x"), &db_driver_sqlite);
    assert_ptr_equal(db_driver_for("postgres://h/db"), &db_driver_postgres);
    assert_ptr_equal(db_driver_for("host=h dbname=d"), &db_driver_postgres);
    assert_true(version_cmp("2", "10") < 0);
    assert_int_equal(version_cmp("0010", "10"), 0);
    assert_true(version_cmp("20261125093000", "9") > 0);
}

static void test_print_error_caret(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    DbError e;
    db_error_init(&e);
    snprintf(e.code, sizeof e.code, "42P01");
    e.message = xstrdup("relation \"nope\" does not exist");
    e.hint = xstrdup("create it first");
    e.position = 33;   /* the 'n' of nope, on the second line */
    apply_print_db_error(f, false, "migrations/0003_x.mig",
                         "INSERT INTO t\n    SELECT * FROM nope;\n", &e);
    fclose(f);
    assert_string_equal(buf,
        "migrations/0003_x.mig: error: 42P01: relation \"nope\" does not exist\n"
        "    INSERT INTO t\n"
        "        SELECT * FROM nope;\n"
        "                      ^\n"
        "hint: create it first\n");
    free(buf);
    db_error_clear(&e);
}

/* ---- against SQLite files ---- */

static void history3(Fix *f)
{
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer primary key)",
            "DROP TABLE users", false);
    add_mig(f, "0002", "posts",
            "CREATE TABLE posts (id integer)|CREATE INDEX posts_id ON posts (id)",
            "DROP INDEX posts_id|DROP TABLE posts", false);
    add_mig(f, "0003", "tags", "CREATE TABLE tags (t text)",
            "DROP TABLE tags", false);
}

static void test_up_down(void **state)
{
    Fix *f = *state;
    history3(f);
    ApplyOpts o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);
    assert_progress(f, "up 0001 users\nup 0002 posts\nup 0003 tags\n");
    assert_string_equal(err_of(f), "");
    assert_sq(f, LEDGER_SQL,
              "0001|users|sum-0001-CREATE TABLE users (id integer primary key)|0\n"
              "0002|posts|sum-0002-CREATE TABLE posts (id integer)|CREATE INDEX posts_id ON posts (id)|0\n"
              "0003|tags|sum-0003-CREATE TABLE tags (t text)|0\n");
    assert_sq(f, "SELECT up_sql, down_sql FROM migc_migrations WHERE version = '0002'",
              "CREATE TABLE posts (id integer);\nCREATE INDEX posts_id ON posts (id);\n|"
              "DROP INDEX posts_id;\nDROP TABLE posts;\n\n");
    assert_sq(f, "SELECT count(*) FROM migc_migrations WHERE applied_at LIKE "
                 "'____-__-__T__:__:__.___Z' AND duration_ms >= 0", "3\n");

    /* Nothing left to do. */
    o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);
    assert_string_equal(out_of(f), "nothing to apply\n");

    /* down: one by default; --steps 2 */
    o = opts(f);
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_progress(f, "down 0003 tags\n");
    o = opts(f);
    o.steps = 2;
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_progress(f, "down 0002 posts\ndown 0001 users\n");
    assert_sq(f, SCHEMA_SQL, "table|migc_migrations\n"
                             "index|sqlite_autoindex_migc_migrations_1\n");
    assert_sq(f, LEDGER_SQL, "");

    /* up --to, then down --to */
    o = opts(f);
    o.to = "2";
    assert_int_equal(run(f, apply_up, &o), 0);
    assert_progress(f, "up 0001 users\nup 0002 posts\n");
    o = opts(f);
    o.to = "0001";
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_progress(f, "down 0002 posts\n");
    assert_sq(f, "SELECT version FROM migc_migrations", "0001\n");

    /* redo: down the newest, up again */
    o = opts(f);
    assert_int_equal(run(f, apply_redo, &o), 0);
    assert_progress(f, "down 0001 users\nup 0001 users\n");

    /* unknown --to */
    o = opts(f);
    o.to = "0009";
    assert_int_equal(run(f, apply_up, &o), 1);
    assert_string_equal(err_of(f), "migc: error: no migration with version 0009\n");
}

static void test_failure_atomic(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer)",
            "DROP TABLE users", false);
    add_mig(f, "0002", "bad",
            "CREATE TABLE a (x int)|INSERT INTO users VALUES (1)|"
            "INSERT INTO nope VALUES (1)", "DROP TABLE a", false);
    add_mig(f, "0003", "after", "CREATE TABLE c (x int)", "DROP TABLE c",
            false);
    ApplyOpts o = opts(f);
    o.to = "0001";
    assert_int_equal(run(f, apply_up, &o), 0);
    char *schema = sq(f, SCHEMA_SQL);
    char *ledger = sq(f, LEDGER_SQL);

    o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 1);
    assert_string_equal(out_of(f), "");
    assert_string_equal(err_of(f),
        "m/0002_bad.mig: error: SQLITE_ERROR: no such table: nope\n"
        "    INSERT INTO nope VALUES (1);\n"
        "m/0002_bad.mig: note: rolled back; nothing of it was recorded\n");
    assert_sq(f, SCHEMA_SQL, schema);
    assert_sq(f, LEDGER_SQL, ledger);
    assert_sq(f, "SELECT count(*) FROM users", "0\n");
    free(schema);
    free(ledger);
}

static void test_no_transaction_failure(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "nt",
            "CREATE TABLE a (x int)|CREATE TABLE b (x int)|CREATE TABLE a (y int)",
            "DROP TABLE b|DROP TABLE a", true);
    ApplyOpts o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 1);
    assert_string_equal(err_of(f),
        "m/0001_nt.mig: error: SQLITE_ERROR: table a already exists\n"
        "    CREATE TABLE a (y int);\n"
        "                 ^\n"
        "m/0001_nt.mig: note: ran without a transaction; these 2 statements "
        "took effect before the failure and were not undone:\n"
        "    CREATE TABLE a (x int);\n"
        "    CREATE TABLE b (x int);\n"
        "m/0001_nt.mig: note: the ledger's progress table records them: "
        "once the cause is fixed, the same command resumes at statement 3\n");
    /* What ran stays; nothing is recorded. */
    assert_sq(f, "SELECT name FROM sqlite_master WHERE name IN ('a','b') "
                 "ORDER BY name", "a\nb\n");
    assert_sq(f, LEDGER_SQL, "");
}

static void test_rollback_without_file(void **state)
{
    Fix *f = *state;
    history3(f);
    ApplyOpts o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);
    /* The file of 0003 is deleted and 0002's edited: the ledger's down
     * SQL still runs. */
    f->h.n = 1;
    o = opts(f);
    o.to = "0001";
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_progress(f, "down 0003 tags\ndown 0002 posts\n");
    assert_sq(f, "SELECT name FROM sqlite_master WHERE type = 'table' "
                 "ORDER BY name", "migc_migrations\nusers\n");
}

static void test_irreversible(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer)",
            "DROP TABLE users", false);
    add_mig(f, "0002", "data", "INSERT INTO users VALUES (1)", NULL, false);
    ApplyOpts o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);
    assert_sq(f, LEDGER_SQL,
              "0001|users|sum-0001-CREATE TABLE users (id integer)|0\n"
              "0002|data|sum-0002-INSERT INTO users VALUES (1)|1\n");
    o = opts(f);
    assert_int_equal(run(f, apply_down, &o), 1);
    assert_string_equal(err_of(f),
        "m/0002_data.mig: error: migration 0002 data is irreversible: it "
        "cannot be rolled back\n");
    assert_sq(f, "SELECT count(*) FROM migc_migrations", "2\n");
}

static void test_changed_and_out_of_order(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer)",
            "DROP TABLE users", false);
    add_mig(f, "0003", "tags", "CREATE TABLE tags (t text)", "DROP TABLE tags",
            false);
    ApplyOpts o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);

    /* A migration older than the newest applied one appears. */
    add_mig(f, "0002", "late", "CREATE TABLE late (x int)", "DROP TABLE late",
            false);
    MigRecord tmp = f->h.recs[2];
    f->h.recs[2] = f->h.recs[1];
    f->h.recs[1] = tmp;
    o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 1);
    assert_string_equal(err_of(f),
        "m/0002_late.mig: error: migration 0002 late is pending but older "
        "than the newest applied migration; refusing to apply it out of "
        "order\nhint: --allow-out-of-order applies it\n");
    assert_sq(f, "SELECT count(*) FROM migc_migrations", "2\n");

    /* And 0001's file changes. */
    f->h.recs[0].checksum = "sum-edited";
    o = opts(f);
    o.allow_out_of_order = true;
    assert_int_equal(run(f, apply_up, &o), 1);
    assert_string_equal(err_of(f),
        "m/0001_users.mig: error: migration 0001 users was changed after it "
        "was applied (checksum sum-edited, applied sum-0001-CRE)\n"
        "hint: restore the file, or add a new migration; --allow-changed "
        "runs anyway\n");

    /* The plan, as status shows it. */
    Db db;
    DbError err;
    Arena a;
    Ledger l;
    Plan p;
    db_error_init(&err);
    arena_init(&a);
    f->h.n = 2;     /* 0003's file is gone */
    assert_true(db_open(&db, f->url, "migc_migrations", true, &err));
    assert_true(ledger_read(&db, &a, &l, &err));
    apply_plan(&a, &f->h, &l, &p);
    assert_int_equal(p.n, 3);
    assert_string_equal(p.e[0].version, "0001");
    assert_string_equal(apply_state_name(p.e[0].state), "changed");
    assert_string_equal(p.e[1].version, "0002");
    assert_string_equal(apply_state_name(p.e[1].state), "out of order");
    assert_string_equal(p.e[2].version, "0003");
    assert_string_equal(apply_state_name(p.e[2].state), "missing");
    assert_string_equal(p.e[2].name, "tags");
    db_close(&db);
    arena_free(&a);

    /* Both allowed: it runs. */
    f->h.n = 3;
    o = opts(f);
    o.allow_out_of_order = true;
    o.allow_changed = true;
    assert_int_equal(run(f, apply_up, &o), 0);
    assert_progress(f, "up 0002 late\n");
}

static void test_dry_run(void **state)
{
    Fix *f = *state;
    history3(f);
    struct stat st;
    ApplyOpts o = opts(f);
    o.dry_run = true;
    o.to = "0002";
    assert_int_equal(run(f, apply_up, &o), 0);
    /* The frame of SQLite's table rebuild procedure, as `migc compile`
     * prints it (dialect_sqlite.begin_sql and commit_sql). */
    assert_string_equal(out_of(f),
        "-- up 0001 users\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
        "CREATE TABLE users (id integer primary key);\n"
        "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n"
        "-- up 0002 posts\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
        "CREATE TABLE posts (id integer);\n"
        "CREATE INDEX posts_id ON posts (id);\n"
        "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n");
    /* The database file was not even created. */
    assert_int_equal(stat(f->path, &st), -1);

    o = opts(f);
    assert_int_equal(run(f, apply_up, &o), 0);
    char *schema = sq(f, SCHEMA_SQL);
    o = opts(f);
    o.dry_run = true;
    o.steps = 2;
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_string_equal(out_of(f),
        "-- down 0003 tags\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
        "DROP TABLE tags;\n"
        "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n"
        "-- down 0002 posts\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
        "DROP INDEX posts_id;\nDROP TABLE posts;\n"
        "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n");
    assert_sq(f, SCHEMA_SQL, schema);
    free(schema);
}

static void test_guard_skips_applied(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer)",
            "DROP TABLE users", false);
    Db db;
    DbError err;
    Arena a;
    db_error_init(&err);
    arena_init(&a);
    assert_true(db_open(&db, f->url, "migc_migrations", false, &err));
    assert_true(ledger_create(&db, &err));
    /* Another process recorded it after we read the ledger: the batch's
     * guard, inside BEGIN IMMEDIATE, sees it and skips. */
    const char *params[LEDGER_INSERT_NPARAMS] = {"0001", "users", "x", "",
                                                 NULL, "0", "1"};
    assert_true(db.drv->query(&db, ledger_insert_sql(&db, &a),
                              LEDGER_INSERT_NPARAMS, params, NULL, NULL, &err));
    const char *stmts[1] = {"CREATE TABLE users (id integer);"};
    const char *gp[1] = {"0001"};
    DbBatch b = {.stmts = stmts, .nstmts = 1,
                 .guard_sql = ledger_count_sql(&db, &a), .guard_params = gp,
                 .nguard_params = 1, .guard_expect = 0,
                 .ledger_sql = ledger_insert_sql(&db, &a),
                 .ledger_params = params, .nledger_params = 7,
                 .duration_param = 6};
    int failed;
    assert_int_equal(db_run_batch(&db, &b, &failed, &err), DB_RUN_SKIPPED);
    db_close(&db);
    arena_free(&a);
    assert_sq(f, "SELECT count(*) FROM sqlite_master WHERE name = 'users'",
              "0\n");
}

static void test_custom_table_and_bad_file(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "users", "CREATE TABLE users (id integer)",
            "DROP TABLE users", false);
    Db db;
    DbError err;
    db_error_init(&err);
    ApplyOpts o = opts(f);
    assert_true(db_open(&db, f->url, "my \"ledger\"", false, &err));
    assert_int_equal(apply_up(&db, &f->h, &o), 0);
    db_close(&db);
    assert_sq(f, "SELECT version FROM \"my \"\"ledger\"\"\"", "0001\n");

    /* Not a database: a connection error. */
    FILE *g = fopen(f->path, "w");
    fputs("this is not a database, not at all, no, really it is not", g);
    for (int i = 0; i < 100; i++)
        fputs("..........", g);
    fclose(g);
    assert_false(db_open(&db, f->url, "migc_migrations", false, &err));
    assert_string_equal(err.message, "file is not a database");
    db_error_clear(&err);
}

static bool read_text(void *ctx, int ncols, const char *const *vals)
{
    if (ncols > 0)
        snprintf(ctx, 16, "%s", vals[0] ? vals[0] : "NULL");
    return false;
}

/* PRAGMA foreign_keys on the runtime's connection now. */
static void assert_fk_pragma(Db *db, const char *want)
{
    char v[16] = "";
    DbError err;
    db_error_init(&err);
    assert_true(db->drv->query(db, "PRAGMA foreign_keys", 0, NULL,
                               read_text, v, &err));
    assert_string_equal(v, want);
}

/*
 * Foreign keys: enforced on the connection, off around each migration's
 * transaction (a rebuild of a referenced table keeps the referencing rows),
 * checked before COMMIT (a violation rolls the migration back).
 */
static void test_foreign_keys(void **state)
{
    Fix *f = *state;
    add_mig(f, "0001", "init",
            "CREATE TABLE p (id integer PRIMARY KEY, name text)|"
            "CREATE TABLE k (id integer PRIMARY KEY, pid integer "
            "REFERENCES p ON DELETE CASCADE)|"
            "INSERT INTO p VALUES (1, 'a'), (2, 'b')|"
            "INSERT INTO k VALUES (10, 1), (11, 2)",
            "DROP TABLE k|DROP TABLE p", false);
    /* SQLite's table rebuild, by hand: with foreign keys on, DROP TABLE p
     * would delete the rows of k. */
    add_mig(f, "0002", "rebuild",
            "CREATE TABLE p_new (id integer PRIMARY KEY, name text NOT NULL)|"
            "INSERT INTO p_new SELECT id, name FROM p|DROP TABLE p|"
            "ALTER TABLE p_new RENAME TO p",
            "CREATE TABLE p_new (id integer PRIMARY KEY, name text)|"
            "INSERT INTO p_new SELECT id, name FROM p|DROP TABLE p|"
            "ALTER TABLE p_new RENAME TO p", false);
    add_mig(f, "0003", "orphan",
            "CREATE TABLE x (y int)|INSERT INTO k VALUES (12, 9)",
            "DROP TABLE x", false);

    Db db;
    DbError err;
    db_error_init(&err);
    ApplyOpts o = opts(f);
    o.to = "0002";
    assert_true(db_open(&db, f->url, "migc_migrations", false, &err));
    assert_fk_pragma(&db, "1");
    assert_int_equal(apply_up(&db, &f->h, &o), 0);
    assert_fk_pragma(&db, "1");         /* on again after each migration */
    db_close(&db);
    assert_progress(f, "up 0001 init\nup 0002 rebuild\n");
    assert_sq(f, "SELECT id, pid FROM k ORDER BY id", "10|1\n11|2\n");
    assert_sq(f, "PRAGMA foreign_key_check", "");

    char *schema = sq(f, SCHEMA_SQL);
    char *ledger = sq(f, LEDGER_SQL);
    o = opts(f);
    assert_true(db_open(&db, f->url, "migc_migrations", false, &err));
    assert_int_equal(apply_up(&db, &f->h, &o), 1);
    assert_fk_pragma(&db, "1");         /* after the rollback too */
    db_close(&db);
    assert_string_equal(out_of(f), "");
    assert_string_equal(err_of(f),
        "m/0003_orphan.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key "
        "violation after migration 0003 orphan: table k row 12 references p\n"
        "m/0003_orphan.mig: note: rolled back; nothing of it was recorded\n");
    assert_sq(f, SCHEMA_SQL, schema);
    assert_sq(f, LEDGER_SQL, ledger);
    assert_sq(f, "SELECT count(*) FROM k", "2\n");
    free(schema);
    free(ledger);

    /* down rebuilds p again: the rows of k stay. */
    f->h.n = 2;
    o = opts(f);
    assert_int_equal(run(f, apply_down, &o), 0);
    assert_progress(f, "down 0002 rebuild\n");
    assert_sq(f, "SELECT id, pid FROM k ORDER BY id", "10|1\n11|2\n");
    assert_sq(f, "PRAGMA foreign_key_check", "");
    assert_sq(f, "SELECT version FROM migc_migrations", "0001\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_sqlite_split_trigger),
        cmocka_unit_test(test_mask),
        cmocka_unit_test(test_paths_and_versions),
        cmocka_unit_test(test_print_error_caret),
        cmocka_unit_test_setup_teardown(test_up_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_transaction_failure, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rollback_without_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_irreversible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_and_out_of_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guard_skips_applied, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_custom_table_and_bad_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys, setup, teardown),
    };
    return cmocka_run_group_tests_name("runtime_sqlite", tests, NULL, NULL);
}
