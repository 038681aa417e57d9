/*
 * mysql.c — the MySQL and MariaDB driver, through MariaDB Connector/C.
 *
 * The target is a URL (see docs/RUNTIME.md):
 *
 *     mysql://USER:PASSWORD@HOST:PORT/DATABASE?socket=PATH&ssl-mode=REQUIRED
 *     mariadb://...                  (the same)
 *
 * User, password and database are percent-decoded; the parameters are
 * those of the table `params` below.  No option file is read: what the
 * URL does not say is the connector's default.
 *
 * MySQL commits every DDL statement on its own, so no migration runs in a
 * transaction here (DbDriver.ddl_autocommits): apply.c runs it statement
 * by statement, as a `no transaction;` migration, one round trip each, so
 * that it knows which statements took effect; the ledger row follows the
 * last.  A statement holding several commands (raw SQL) is sent whole, as
 * a multi-statement query.
 *
 * Values reach the ledger's SQL as string literals escaped by the
 * connector (mysql_real_escape_string, which knows the connection's
 * character set and sql_mode), in place of $1..$n; the only name pasted
 * into SQL is the ledger table's, quoted as an identifier.
 *
 * A write run holds a named lock, GET_LOCK('migc:' + a hash of database
 * and ledger table), for the whole session; it waits `lock-timeout`
 * seconds (default 600) and then fails naming the connection that holds
 * it.  The server releases it if the connection drops.
 */
#include <errno.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "driver.h"
#include "ledger.h"
#include "sqllex.h"

#define MAX_COLS 16
#define DEFAULT_LOCK_TIMEOUT 600

/* One row of the progress table: a unit that stopped part-way. */
typedef struct MyProgress {
    char *version;
    char dir[8];            /* "up", "down", "undo" (DbBatch.direction) */
    int done, total;
    char *done_sql;         /* its first `done` statements, each + "\n" */
} MyProgress;

typedef struct MyConn {
    MYSQL *m;
    long lock_timeout;      /* seconds */
    bool progress_loaded;
    int unit_first;         /* the first statement this run sends of the
                               unit in progress (progress_begin) */
    MyProgress *progress;   /* the progress table, read once per run */
    int nprogress;
    char *qprogress;        /* its name, quoted */
} MyConn;

static MyConn *my(Db *db)
{
    return (MyConn *)db->conn;
}

/* ---- errors ---- */

/* The offset of the text MySQL quotes in "... near 'TEXT' at line N"
 * inside `stmt`, as a 1-based position, or 0. */
static int near_position(const char *msg, const char *stmt)
{
    const char *p = msg ? strstr(msg, "near '") : NULL;
    if (!p || !stmt)
        return 0;
    p += 6;
    const char *end = strstr(p, "' at line ");
    if (!end || end == p)
        return 0;
    size_t n = (size_t)(end - p);
    if (n > 24)
        n = 24;         /* the server cuts the text short; a prefix will do */
    for (const char *s = stmt; *s; s++) {
        if (strncmp(s, p, n) == 0)
            return (int)(s - stmt) + 1;
    }
    return 0;
}

/* The connection's last error into *err: "1146 (42S02)" and the message. */
static bool my_fail(Db *db, const char *stmt, DbError *err)
{
    MYSQL *m = my(db)->m;
    unsigned no = mysql_errno(m);
    db_error_clear(err);
    snprintf(err->code, sizeof err->code, "%u (%s)", no, mysql_sqlstate(m));
    err->message = xstrdup(*mysql_error(m) ? mysql_error(m) : "unknown error");
    err->position = near_position(err->message, stmt);
    /* The client's own errors (2000-2999): the server is gone or was never
     * reached. */
    err->connection = no >= 2000 && no < 3000;
    return false;
}

/* ---- the URL ---- */

typedef enum SslMode {
    SSL_UNSET, SSL_DISABLED, SSL_REQUIRED, SSL_VERIFY_CA, SSL_VERIFY_IDENTITY
} SslMode;

typedef struct MyUrl {
    char *user, *password, *host, *database, *socket;
    unsigned port;
    SslMode ssl_mode;
    char *tls[8];           /* values of the connector's TLS options */
    unsigned connect_timeout;
    long lock_timeout;
} MyUrl;

/* The URL parameters: a connector option taking a string (tls[slot]), or
 * one of our own. */
typedef enum ParamKind { P_TLS, P_SOCKET, P_SSL_MODE, P_CONNECT_TIMEOUT,
                         P_LOCK_TIMEOUT } ParamKind;

static const struct {
    const char *name;
    ParamKind kind;
    enum mysql_option opt;
} params[] = {
    {"socket", P_SOCKET, 0},
    {"ssl-mode", P_SSL_MODE, 0},
    {"ssl-ca", P_TLS, MYSQL_OPT_SSL_CA},
    {"ssl-capath", P_TLS, MYSQL_OPT_SSL_CAPATH},
    {"ssl-cert", P_TLS, MYSQL_OPT_SSL_CERT},
    {"ssl-key", P_TLS, MYSQL_OPT_SSL_KEY},
    {"ssl-cipher", P_TLS, MYSQL_OPT_SSL_CIPHER},
    {"ssl-crl", P_TLS, MYSQL_OPT_SSL_CRL},
    {"ssl-crlpath", P_TLS, MYSQL_OPT_SSL_CRLPATH},
    {"tls-version", P_TLS, MYSQL_OPT_TLS_VERSION},
    {"connect-timeout", P_CONNECT_TIMEOUT, 0},
    {"lock-timeout", P_LOCK_TIMEOUT, 0},
};
#define NPARAMS (sizeof params / sizeof params[0])
#define NTLS 8

static const struct {
    const char *name;
    SslMode mode;
} ssl_modes[] = {
    {"DISABLED", SSL_DISABLED},
    {"REQUIRED", SSL_REQUIRED},
    {"VERIFY_CA", SSL_VERIFY_CA},
    {"VERIFY_IDENTITY", SSL_VERIFY_IDENTITY},
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* s[0, n) percent-decoded (malloc'd); NULL for a bad escape or a NUL. */
static char *decode(const char *s, size_t n)
{
    char *r = xmalloc(n + 1), *o = r;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(r);
                return NULL;
            }
            *o++ = (char)(hi * 16 + lo);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return r;
}

static void url_free(MyUrl *u)
{
    free(u->user);
    free(u->password);
    free(u->host);
    free(u->database);
    free(u->socket);
    for (int i = 0; i < NTLS; i++)
        free(u->tls[i]);
    memset(u, 0, sizeof *u);
}

static bool parse_number(const char *v, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 0 || n > max)
        return false;
    *out = n;
    return true;
}

/* One name=value of the query string. */
static bool parse_param(MyUrl *u, const char *kv, size_t n, DbError *err)
{
    const char *eq = memchr(kv, '=', n);
    size_t kl = eq ? (size_t)(eq - kv) : n;
    char name[32];
    if (kl >= sizeof name)
        kl = sizeof name - 1;
    for (size_t i = 0; i < kl; i++)
        name[i] = kv[i] == '_' ? '-' : kv[i];
    name[kl] = '\0';
    size_t p = 0;
    while (p < NPARAMS && strcmp(params[p].name, name) != 0)
        p++;
    if (p == NPARAMS) {
        db_error_set(err, "unknown URL parameter '%s' (socket, ssl-mode, "
                     "ssl-ca, ssl-capath, ssl-cert, ssl-key, ssl-cipher, "
                     "ssl-crl, ssl-crlpath, tls-version, connect-timeout, "
                     "lock-timeout)", name);
        return false;
    }
    char *v = eq ? decode(eq + 1, n - kl - 1) : NULL;
    if (!v || !*v) {
        db_error_set(err, "URL parameter '%s' needs a value", name);
        free(v);
        return false;
    }
    long num = 0;
    bool ok = true;
    switch (params[p].kind) {
    case P_SOCKET:
        free(u->socket);
        u->socket = v;
        return true;
    case P_TLS: {
        int slot = 0;
        for (size_t i = 0; i < p; i++)
            slot += params[i].kind == P_TLS;
        free(u->tls[slot]);
        u->tls[slot] = v;
        return true;
    }
    case P_SSL_MODE:
        u->ssl_mode = SSL_UNSET;
        for (size_t i = 0; i < sizeof ssl_modes / sizeof ssl_modes[0]; i++)
            if (strcasecmp(v, ssl_modes[i].name) == 0)
                u->ssl_mode = ssl_modes[i].mode;
        if (u->ssl_mode == SSL_UNSET) {
            db_error_set(err, "ssl-mode=%s: expected DISABLED, REQUIRED, "
                         "VERIFY_CA or VERIFY_IDENTITY", v);
            ok = false;
        }
        break;
    case P_CONNECT_TIMEOUT:
        ok = parse_number(v, 86400, &num);
        u->connect_timeout = (unsigned)num;
        break;
    case P_LOCK_TIMEOUT:
        ok = parse_number(v, 31536000, &num);
        u->lock_timeout = num;
        break;
    }
    if (!ok && !err->message)
        db_error_set(err, "%s=%s: expected a number of seconds", name, v);
    free(v);
    return ok;
}

/* mysql://[user[:password]@][host][:port][/database][?name=value&...] */
static bool parse_url(const char *target, MyUrl *u, DbError *err)
{
    memset(u, 0, sizeof *u);
    u->lock_timeout = DEFAULT_LOCK_TIMEOUT;
    const char *p = strstr(target, "://");
    if (!p) {
        db_error_set(err, "expected mysql://USER:PASSWORD@HOST:PORT/DATABASE");
        return false;
    }
    p += 3;
    /* The user information ends at the last '@' before the query, so
     * that a password may hold an unencoded '@' or '/'. */
    const char *qm = p + strcspn(p, "?");
    const char *at = NULL;
    for (const char *s = p; s < qm; s++)
        if (*s == '@')
            at = s;
    const char *end = (at ? at + 1 : p) + strcspn(at ? at + 1 : p, "/?");
    if (at) {
        const char *colon = memchr(p, ':', (size_t)(at - p));
        const char *ue = colon ? colon : at;
        u->user = decode(p, (size_t)(ue - p));
        if (colon)
            u->password = decode(colon + 1, (size_t)(at - colon - 1));
        if (!u->user || (colon && !u->password)) {
            db_error_set(err, "bad percent-escape in the URL's user or "
                         "password");
            return false;
        }
        p = at + 1;
    }
    /* host, [v6], :port */
    const char *hend = end, *port = NULL;
    if (*p == '[') {
        const char *rb = memchr(p, ']', (size_t)(end - p));
        if (!rb) {
            db_error_set(err, "unclosed '[' in the URL's host");
            return false;
        }
        u->host = decode(p + 1, (size_t)(rb - p - 1));
        if (rb + 1 < end && rb[1] == ':')
            port = rb + 2;
    } else {
        const char *colon = memchr(p, ':', (size_t)(end - p));
        if (colon) {
            hend = colon;
            port = colon + 1;
        }
        u->host = decode(p, (size_t)(hend - p));
    }
    if (!u->host) {
        db_error_set(err, "bad percent-escape in the URL's host");
        return false;
    }
    if (port) {
        long n;
        char buf[16];
        size_t pl = (size_t)(end - port);
        if (pl == 0 || pl >= sizeof buf) {
            db_error_set(err, "bad port in the URL");
            return false;
        }
        memcpy(buf, port, pl);
        buf[pl] = '\0';
        if (!parse_number(buf, 65535, &n)) {
            db_error_set(err, "bad port in the URL");
            return false;
        }
        u->port = (unsigned)n;
    }
    p = end;
    if (*p == '/') {
        p++;
        size_t n = strcspn(p, "?");
        u->database = decode(p, n);
        p += n;
    }
    if (!u->database || !*u->database) {
        db_error_set(err, "no database in the URL: "
                     "mysql://USER:PASSWORD@HOST:PORT/DATABASE");
        return false;
    }
    if (*p == '?') {
        p++;
        while (*p) {
            size_t n = strcspn(p, "&");
            if (n > 0 && !parse_param(u, p, n, err))
                return false;
            p += n + (p[n] == '&');
        }
    }
    return true;
}

/* ---- connecting ---- */

static bool set_tls(MYSQL *m, const MyUrl *u, DbError *err)
{
    bool any = false;
    int slot = 0;
    for (size_t i = 0; i < NPARAMS; i++) {
        if (params[i].kind != P_TLS)
            continue;
        if (u->tls[slot]) {
            any = true;
            if (mysql_optionsv(m, params[i].opt, u->tls[slot]) != 0) {
                db_error_set(err, "%s is not supported by this Connector/C",
                             params[i].name);
                return false;
            }
        }
        slot++;
    }
    if (u->ssl_mode == SSL_DISABLED) {
        if (any) {
            db_error_set(err, "ssl-mode=DISABLED with TLS options");
            return false;
        }
        return true;
    }
    if (u->ssl_mode == SSL_UNSET)
        return true;
    my_bool on = 1;
    mysql_optionsv(m, MYSQL_OPT_SSL_ENFORCE, &on);
    if (u->ssl_mode == SSL_VERIFY_CA || u->ssl_mode == SSL_VERIFY_IDENTITY)
        mysql_optionsv(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
    return true;
}

static bool my_exec(Db *db, const char *sql, DbError *err);
static int my_split(const char *s, char ***out);

static bool my_connect(Db *db, const char *target, bool readonly,
                       DbError *err)
{
    MyUrl u;
    MyConn *c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    db->conn = c;
    if (!parse_url(target, &u, err)) {
        url_free(&u);
        return false;
    }
    c->lock_timeout = u.lock_timeout;
    c->m = mysql_init(NULL);
    if (!c->m) {
        db_error_set(err, "out of memory");
        url_free(&u);
        return false;
    }
    mysql_optionsv(c->m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (u.connect_timeout)
        mysql_optionsv(c->m, MYSQL_OPT_CONNECT_TIMEOUT, &u.connect_timeout);
    if (!set_tls(c->m, &u, err)) {
        url_free(&u);
        return false;
    }
    const char *host = u.host && *u.host ? u.host : NULL;
    if (u.socket && !host)
        host = "localhost";
    if (!mysql_real_connect(c->m, host, u.user && *u.user ? u.user : NULL,
                            u.password, u.database, u.port, u.socket,
                            CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS)) {
        /* The command line prints the message alone: the number and
         * SQLSTATE go in front of it. */
        db_error_set(err, "%u (%s): %s", mysql_errno(c->m),
                     mysql_sqlstate(c->m), mysql_error(c->m));
        err->connection = true;
        url_free(&u);
        return false;
    }
    url_free(&u);
    if (readonly && !my_exec(db, "SET SESSION TRANSACTION READ ONLY", err))
        return false;
    return true;
}

static void my_close(Db *db)
{
    MyConn *c = my(db);
    if (c) {
        if (c->m)
            mysql_close(c->m);
        for (int i = 0; i < c->nprogress; i++) {
            free(c->progress[i].version);
            free(c->progress[i].done_sql);
        }
        free(c->progress);
        free(c->qprogress);
        free(c);
    }
    db->conn = NULL;
}

/* ---- statements ---- */

/* The results after the first of a multi-statement query: read and
 * dropped.  The first error stops the server, and is reported against
 * `stmt`. */
static bool drain(Db *db, const char *stmt, DbError *err)
{
    MYSQL *m = my(db)->m;
    for (;;) {
        int st = mysql_next_result(m);
        if (st == -1)
            return true;
        if (st > 0)
            return my_fail(db, stmt, err);
        MYSQL_RES *r = mysql_store_result(m);
        if (r)
            mysql_free_result(r);
        else if (mysql_field_count(m) != 0)
            return my_fail(db, stmt, err);
    }
}

static bool my_exec(Db *db, const char *sql, DbError *err)
{
    MYSQL *m = my(db)->m;
    if (mysql_real_query(m, sql, strlen(sql)) != 0)
        return my_fail(db, sql, err);
    MYSQL_RES *r = mysql_store_result(m);
    if (r)
        mysql_free_result(r);
    else if (mysql_field_count(m) != 0)
        return my_fail(db, sql, err);
    return drain(db, sql, err);
}

/* `sql` with $1..$n replaced by the values as escaped string literals
 * (NULL: NULL).  Quotes, backquotes and comments are skipped over, so a
 * '$1' inside them stays as written. */
static char *bind_params(MYSQL *m, const char *sql, int nparams,
                         const char *const *vals)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"' || *p == '`') {
            char q = *p;
            const char *s = p++;
            while (*p && *p != q)
                p += (*p == '\\' && q != '`' && p[1]) ? 2 : 1;
            if (*p)
                p++;
            sb_putn(&b, s, (size_t)(p - s));
        } else if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
            char *end;
            long k = strtol(p + 1, &end, 10);
            if (k > nparams) {
                sb_putn(&b, p, (size_t)(end - p));
            } else if (!vals[k - 1]) {
                sb_puts(&b, "NULL");
            } else {
                size_t n = strlen(vals[k - 1]);
                char *e = xmalloc(2 * n + 1);
                unsigned long el = mysql_real_escape_string(m, e, vals[k - 1],
                                                            n);
                sb_putc(&b, '\'');
                sb_putn(&b, e, el);
                sb_putc(&b, '\'');
                free(e);
            }
            p = end;
        } else {
            sb_putc(&b, *p++);
        }
    }
    char *r = xstrdup(sb_str(&b));
    sb_free(&b);
    return r;
}

static bool my_query(Db *db, const char *sql, int nparams,
                     const char *const *vals, DbRowFn fn, void *ctx,
                     DbError *err)
{
    MYSQL *m = my(db)->m;
    char *q = bind_params(m, sql, nparams, vals);
    int rc = mysql_real_query(m, q, strlen(q));
    free(q);
    if (rc != 0)
        return my_fail(db, sql, err);
    MYSQL_RES *r = mysql_store_result(m);
    if (!r) {
        if (mysql_field_count(m) != 0)
            return my_fail(db, sql, err);
        return drain(db, sql, err);
    }
    int ncols = (int)mysql_num_fields(r);
    if (ncols > MAX_COLS)
        ncols = MAX_COLS;
    MYSQL_ROW row;
    while (fn && (row = mysql_fetch_row(r)) != NULL) {
        const char *v[MAX_COLS];
        for (int i = 0; i < ncols; i++)
            v[i] = row[i];
        if (!fn(ctx, ncols, v))
            break;
    }
    mysql_free_result(r);
    return drain(db, sql, err);
}

static bool my_begin(Db *db, DbError *err)
{
    return my_exec(db, "START TRANSACTION", err);
}

static bool my_commit(Db *db, DbError *err)
{
    return my_exec(db, "COMMIT", err);
}

static bool my_rollback(Db *db, DbError *err)
{
    return my_exec(db, "ROLLBACK", err);
}

/* ---- the lock ---- */

/* The lock's name, computed by the server: GET_LOCK names are global to
 * the server, so it covers the database and the ledger table, hashed to
 * stay within MySQL's 64 characters. */
#define LOCK_NAME "CONCAT('migc:', LEFT(SHA2(CONCAT(DATABASE(), '.', $1), " \
                  "256), 40))"

static bool read_text(void *ctx, int ncols, const char *const *vals)
{
    char **out = ctx;
    if (ncols > 0 && vals[0])
        *out = xstrdup(vals[0]);
    return false;
}

static bool my_lock(Db *db, DbError *err)
{
    const char *vals[2] = {db->table, NULL};
    char secs[32], *got = NULL;
    snprintf(secs, sizeof secs, "%ld", my(db)->lock_timeout);
    vals[1] = secs;
    if (!my_query(db, "SELECT GET_LOCK(" LOCK_NAME ", $2)", 2, vals,
                  read_text, &got, err))
        return false;
    if (got && strcmp(got, "1") == 0) {
        free(got);
        db->locked = true;
        return true;
    }
    free(got);
    got = NULL;
    DbError e;
    db_error_init(&e);
    my_query(db, "SELECT IS_USED_LOCK(" LOCK_NAME ")", 1, vals, read_text,
             &got, &e);
    db_error_clear(&e);
    db_error_set(err, "another migc run holds the lock on the ledger %s "
                 "(connection %s); gave up after %s s", db->table,
                 got ? got : "?", secs);
    err->hint = xstrdup("lock-timeout=SECONDS in the URL waits longer; "
                        "SHOW PROCESSLIST shows the connection");
    free(got);
    return false;
}

static bool my_unlock(Db *db, DbError *err)
{
    const char *vals[1] = {db->table};
    if (!db->locked)
        return true;
    db->locked = false;
    return my_query(db, "SELECT RELEASE_LOCK(" LOCK_NAME ")", 1, vals, NULL,
                    NULL, err);
}

/* ---- statement-level progress ---- */

/*
 * MySQL commits each DDL statement, so a migration that stops part-way
 * (a failed statement, a killed client, a lost server) leaves its first
 * statements applied and no ledger row.  The table `<ledger>_progress`
 * records, per unit (version and direction) that has not finished, how
 * many statements took effect and their text.  The record of statement i
 * travels in the same multi-statement query as the statement, so it costs
 * no round trip, and the server writes it only when the statement
 * succeeded.  The next run of the unit resumes after them if they are the
 * unit's first statements still, and refuses otherwise; the row is
 * deleted once the ledger row is written.
 *
 * A row can outlive its unit only if that delete fails; the first look at
 * the table in a run drops such rows: an `up` row whose version is in the
 * ledger, a `down` row whose version is not.  All of this happens under
 * the run's lock.
 */

static bool read_progress_row(void *ctx, int ncols, const char *const *vals)
{
    MyConn *c = ctx;
    if (ncols < 5 || !vals[0] || !vals[1])
        return true;
    c->progress = xrealloc(c->progress,
                           sizeof *c->progress * (size_t)(c->nprogress + 1));
    MyProgress *p = &c->progress[c->nprogress++];
    p->version = xstrdup(vals[0]);
    snprintf(p->dir, sizeof p->dir, "%s", vals[1]);
    p->done = vals[2] ? atoi(vals[2]) : 0;
    p->done_sql = xstrdup(vals[3] ? vals[3] : "");
    p->total = vals[4] ? atoi(vals[4]) : 0;
    return true;
}

/* The progress table's name, quoted: `<ledger>_progress`. */
static const char *progress_table(Db *db)
{
    MyConn *c = my(db);
    if (!c->qprogress)
        c->qprogress = db_progress_table(db);
    return c->qprogress;
}

static bool load_progress(Db *db, DbError *err)
{
    MyConn *c = my(db);
    StrBuf q;
    bool ok;
    if (c->progress_loaded)
        return true;
    progress_table(db);
    sb_init(&q);
    sb_printf(&q,
        "CREATE TABLE IF NOT EXISTS %s (\n"
        "    version varchar(255) NOT NULL,\n"
        "    direction varchar(4) NOT NULL,\n"
        "    done integer NOT NULL,\n"
        "    total integer NOT NULL,\n"
        "    done_sql longtext NOT NULL,\n"
        "    updated_at datetime(6) NOT NULL,\n"
        "    failed_sql longtext,\n"
        "    error_code text,\n"
        "    error_message text,\n"
        "    error_detail text,\n"
        "    error_hint text,\n"
        "    PRIMARY KEY (version, direction)\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;\n"
        "DELETE FROM %s WHERE (direction = 'up' AND version IN "
        "(SELECT version FROM %s)) OR (direction = 'down' AND version "
        "NOT IN (SELECT version FROM %s)) OR (direction = 'undo' AND "
        "version NOT IN (SELECT version FROM (SELECT version FROM %s "
        "WHERE direction = 'up') u))",
        c->qprogress, c->qprogress, db->qtable, db->qtable, c->qprogress);
    ok = my_exec(db, sb_str(&q), err);
    if (ok) {
        /* error_code is not read: asking for it finds a table made before
         * the columns of a failed statement, which gets them. */
        sb_reset(&q);
        sb_printf(&q, "SELECT version, direction, done, done_sql, total, "
                  "error_code FROM %s", c->qprogress);
        ok = my_query(db, sb_str(&q), 0, NULL, read_progress_row, c, err);
        if (!ok && mysql_errno(c->m) == ER_BAD_FIELD_ERROR) {
            db_error_clear(err);
            char *add = db_progress_add_failure_cols(c->qprogress, false);
            ok = my_exec(db, add, err) &&
                 my_query(db, sb_str(&q), 0, NULL, read_progress_row, c, err);
            free(add);
        }
    }
    sb_free(&q);
    c->progress_loaded = ok;
    return ok;
}

static bool my_progress_begin(Db *db, const DbBatch *b, int *resume,
                              DbError *err)
{
    MyConn *c = my(db);
    *resume = 0;
    c->unit_first = 0;
    /* A unit without statements (mark, accept) only writes the ledger. */
    if (b->nstmts == 0)
        return true;
    if (b->nledger_params < 1 || !load_progress(db, err))
        return b->nledger_params < 1;
    const char *version = b->ledger_params[0];
    const char *dir = db_batch_direction(b);
    bool down = strcmp(dir, "down") == 0, up = strcmp(dir, "up") == 0;
    for (int i = 0; i < c->nprogress; i++) {
        MyProgress *p = &c->progress[i];
        if (p->done <= 0)
            continue;
        /* Rolling back an applied migration under one that stopped
         * part-way would undo what it stands on. */
        if (down && strcmp(p->dir, "up") == 0) {
            db_progress_partial_above(err, p->version, p->done, p->done_sql);
            return false;
        }
        if (up && strcmp(p->dir, "undo") == 0 &&
            strcmp(p->version, version) == 0) {
            db_progress_undo_stopped(err, b, p->done, p->total);
            return false;
        }
    }
    for (int i = 0; i < c->nprogress; i++) {
        MyProgress *p = &c->progress[i];
        if (p->done < 0 || strcmp(p->dir, dir) != 0 ||
            strcmp(p->version, version) != 0)
            continue;
        if (!db_progress_same_prefix(b, p->done, p->done_sql, c->qprogress,
                                     err))
            return false;
        *resume = p->done;
        c->unit_first = p->done;
        return true;
    }
    return true;
}

/* For `status`: read-only, so stale rows (see load_progress) are left
 * out rather than deleted; a missing table has none. */
static bool my_read_partial(Db *db, DbPartialFn fn, void *ctx, DbError *err)
{
    DbPartialRows pc = {fn, ctx};
    StrBuf q;
    sb_init(&q);
    /* An up or undo row while the migration is not in the ledger, a down
     * row while it is; a table made before the columns of a failed
     * statement is read without them. */
    bool ok = false;
    for (int cols = 1; cols >= 0 && !ok; cols--) {
        sb_reset(&q);
        sb_printf(&q, "SELECT version, direction, done, total, done_sql, %s "
                  "FROM %s p WHERE done > 0 AND (direction <> 'down') = "
                  "(version NOT IN (SELECT version FROM %s))",
                  cols ? DB_PROGRESS_FAILURE_COLS
                       : "NULL, NULL, NULL, NULL, NULL",
                  progress_table(db), db->qtable);
        ok = my_query(db, sb_str(&q), 0, NULL, db_partial_row, &pc, err);
        if (!ok && (!cols || mysql_errno(my(db)->m) != ER_BAD_FIELD_ERROR))
            break;
        if (!ok)
            db_error_clear(err);
    }
    sb_free(&q);
    if (!ok && mysql_errno(my(db)->m) == ER_NO_SUCH_TABLE) {
        db_error_clear(err);
        return true;
    }
    return ok;
}

/* A syntax error quotes the text after where it stopped ("near '...'"),
 * which runs on into `tail`, the text the driver sent after the
 * statement: the quote ends where the statement does. */
static void hide_tail(DbError *err, const char *tail, const char *stmt)
{
    char *msg = err->message;
    char key[24];
    snprintf(key, sizeof key, "%s", tail);
    char *rec = msg && *key ? strstr(msg, key) : NULL;
    if (!rec)
        return;
    char *q = strstr(rec, "' at line ");
    char *end = rec;
    while (end > msg && (end[-1] == '\n' || end[-1] == ';'))
        end--;
    StrBuf b;
    sb_init(&b);
    sb_putn(&b, msg, (size_t)(end - msg));
    sb_puts(&b, q ? q : "'");
    free(err->message);
    err->message = xstrdup(sb_str(&b));
    err->position = near_position(err->message, stmt);
    sb_free(&b);
}

/* Read the results of a multi-statement query; *at is the index of the
 * result that failed (or of the last one read). */
static bool read_results(Db *db, const char *stmt, int *at, DbError *err)
{
    MYSQL *m = my(db)->m;
    for (*at = 0;; (*at)++) {
        MYSQL_RES *r = mysql_store_result(m);
        if (r)
            mysql_free_result(r);
        else if (mysql_field_count(m) != 0)
            return my_fail(db, stmt, err);
        int st = mysql_next_result(m);
        if (st == -1)
            return true;
        if (st > 0) {
            (*at)++;
            return my_fail(db, stmt, err);
        }
    }
}

/* The rows of the unit in the run's copy of the progress table, once the
 * unit is done: they never match a resume, nor stop a rollback.  An undo
 * deleted the up row of its migration too (its ledger statement). */
static void forget_progress(MyConn *c, const DbBatch *b)
{
    const char *dir = db_batch_direction(b);
    for (int i = 0; i < c->nprogress; i++) {
        MyProgress *p = &c->progress[i];
        if ((strcmp(p->dir, dir) == 0 ||
             (strcmp(dir, "undo") == 0 && strcmp(p->dir, "up") == 0)) &&
            strcmp(p->version, b->ledger_params[0]) == 0)
            p->done = -1;
    }
}

/*
 * Statement i, and in the same query, after it, the record that it took
 * effect; or for the last statement (with_ledger) the unit's ledger
 * statement and the deletion of its progress.  The server runs the query
 * to its first error, so what follows the statement runs only when it
 * succeeded.  The first statement this run sends of a unit also notes
 * the time, from which the ledger statement takes the duration.
 */
static DbStep my_progress_exec(Db *db, const DbBatch *b, int i,
                               bool with_ledger, DbError *err)
{
    MyConn *c = my(db);
    MYSQL *m = c->m;
    if (b->nledger_params < 1 || !c->qprogress)
        return my_exec(db, b->stmts[i], err) ? DB_STEP_OK : DB_STEP_FAILED;
    const char *stmt = b->stmts[i];
    const char *up = db_batch_direction(b);
    size_t n = strlen(stmt);
    while (n > 0 && (stmt[n - 1] == '\n' || stmt[n - 1] == ' '))
        n--;
    bool first = i == c->unit_first;
    char **cmds;
    int ncmds = my_split(stmt, &cmds);
    db_free_split(cmds, ncmds);
    if (ncmds < 1)
        ncmds = 1;

    /* What follows the statement, with its values bound (the statement's
     * own text is never searched for $n). */
    StrBuf tail;
    sb_init(&tail);
    char *bound;
    if (with_ledger) {
        const char *lp[16];
        int np = b->nledger_params < 16 ? b->nledger_params : 16;
        for (int k = 0; k < np; k++)
            lp[k] = b->ledger_params[k];
        if (b->duration_param >= 0 && b->duration_param < np)
            lp[b->duration_param] = NULL;   /* the server measures */
        bound = bind_params(m, b->ledger_sql, np, lp);
        sb_puts(&tail, bound);
        free(bound);
        if (i > 0) {
            const char *vals[2] = {b->ledger_params[0], up};
            StrBuf d;
            sb_init(&d);
            sb_printf(&d, ";\nDELETE FROM %s WHERE version = $1 AND "
                      "direction = $2", c->qprogress);
            bound = bind_params(m, sb_str(&d), 2, vals);
            sb_puts(&tail, bound);
            free(bound);
            sb_free(&d);
        }
    } else {
        char dn[16], total[16];
        snprintf(dn, sizeof dn, "%d", i + 1);
        snprintf(total, sizeof total, "%d", b->nstmts);
        StrBuf line, r;
        sb_init(&line);
        sb_init(&r);
        sb_putn(&line, stmt, strlen(stmt));
        sb_putc(&line, '\n');
        const char *vals[5] = {b->ledger_params[0], up, dn, total,
                               sb_str(&line)};
        sb_printf(&r, "INSERT INTO %s (version, direction, done, total, "
                  "done_sql, updated_at) VALUES ($1, $2, $3, $4, $5, "
                  "UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
                  "done = VALUES(done), total = VALUES(total), "
                  "done_sql = CONCAT(done_sql, VALUES(done_sql)), "
                  "updated_at = VALUES(updated_at), "
                  DB_PROGRESS_FAILURE_CLEAR, c->qprogress);
        bound = bind_params(m, sb_str(&r), 5, vals);
        sb_puts(&tail, bound);
        free(bound);
        sb_free(&line);
        sb_free(&r);
    }

    StrBuf q;
    sb_init(&q);
    if (first)
        sb_puts(&q, "SET @migc_t0 = NOW(6);\n");
    sb_putn(&q, stmt, n);
    /* A last line comment would swallow the rest: a newline ends it. */
    sb_puts(&q, n > 0 && stmt[n - 1] == ';' ? "\n" : ";\n");
    size_t tail_at = strlen(sb_str(&q));
    sb_puts(&q, sb_str(&tail));
    sb_free(&tail);

    int at = 0;
    const char *sql = sb_str(&q);
    bool ok = mysql_real_query(m, sql, strlen(sql)) == 0
                  ? read_results(db, stmt, &at, err)
                  : my_fail(db, stmt, err);
    DbStep r = with_ledger ? DB_STEP_DONE : DB_STEP_OK;
    if (ok && with_ledger)
        forget_progress(c, b);
    if (!ok) {
        int before = first ? 1 : 0;
        if (at >= before && at < before + ncmds) {
            /* A syntax error quotes what follows where it stopped: the
             * quote ends where the statement does. */
            hide_tail(err, sql + tail_at, stmt);
            r = DB_STEP_FAILED;
        } else {
            r = at < before ? DB_STEP_FAILED : DB_STEP_LEDGER_FAILED;
        }
    }
    sb_free(&q);
    return r;
}

static void my_progress_end(Db *db, const DbBatch *b)
{
    MyConn *c = my(db);
    if (b->nledger_params < 1 || !c->qprogress)
        return;
    const char *dir = db_batch_direction(b);
    const char *vals[2] = {b->ledger_params[0], dir};
    StrBuf q;
    DbError e;
    sb_init(&q);
    db_error_init(&e);
    sb_printf(&q, "DELETE FROM %s WHERE version = $1 AND direction = $2",
              c->qprogress);
    /* A row left by a failure here is dropped by the next run's first
     * look (load_progress). */
    my_query(db, sb_str(&q), 2, vals, NULL, NULL, &e);
    db_error_clear(&e);
    sb_free(&q);
    forget_progress(c, b);
}

/* ---- splitting ---- */

/*
 * Split at top-level ';' with MySQL's lexical rules: '...' and "..."
 * with backslash escapes and doubled quotes, `...` identifiers, -- (then
 * a space or the end of the line), # and C comments.
 */
static int my_split(const char *s, char ***out)
{
    return db_split_sql_flags(s, SQLLEX_MYSQL, out);
}

/* The ledger (driver.h).  Table names are case-sensitive unless the
 * server folds them (lower_case_table_names), while information_schema
 * compares without case.  applied_at is written as UTC_TIMESTAMP(6): a
 * datetime holds it whatever the session's time zone. */
static const DbLedgerSql my_ledger = {
    .exists = "SELECT count(*) FROM information_schema.tables "
              "WHERE table_schema = DATABASE() AND (table_name = BINARY $1 "
              "OR (@@lower_case_table_names > 0 AND table_name = LOWER($1)))",
    .exists_quoted = false,
    .create =
        "CREATE TABLE IF NOT EXISTS {table} (\n"
        "    version varchar(255) NOT NULL PRIMARY KEY,\n"
        "    name text NOT NULL,\n"
        "    checksum text NOT NULL,\n"
        "    up_sql longtext NOT NULL,\n"
        "    down_sql longtext,\n"
        "    no_transaction boolean NOT NULL DEFAULT false,\n"
        "    applied_at datetime(6) NOT NULL,\n"
        "    duration_ms double NOT NULL\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
    .select = "SELECT version, name, checksum, "
              "DATE_FORMAT(applied_at, '%Y-%m-%dT%H:%i:%sZ') FROM {table}",
    .insert = "INSERT INTO {table} (version, name, checksum, up_sql, "
              "down_sql, no_transaction, applied_at, duration_ms) VALUES "
              "($1, $2, $3, $4, $5, $6, UTC_TIMESTAMP(6), COALESCE($7, "
              "TIMESTAMPDIFF(MICROSECOND, @migc_t0, NOW(6)) / 1000))",
};

const DbDriver db_driver_mysql = {
    .name = "mysql",
    .ledger = &my_ledger,
    .quote = '`',
    .session_lock = true,
    .ddl_autocommits = true,
    .connect = my_connect,
    .close = my_close,
    .exec = my_exec,
    .query = my_query,
    .begin = my_begin,
    .commit = my_commit,
    .rollback = my_rollback,
    .lock = my_lock,
    .unlock = my_unlock,
    .run_batch = NULL,
    .split = my_split,
    .progress_begin = my_progress_begin,
    .progress_exec = my_progress_exec,
    .progress_end = my_progress_end,
    .read_partial = my_read_partial,
};
