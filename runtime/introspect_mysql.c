/*
 * introspect_mysql.c — a MySQL or MariaDB database's schema (the
 * connection's database, information_schema) as DbSchema records.
 *
 * Six queries whatever the number of tables: the tables (with the
 * server's version, which says MariaDB or MySQL), their columns, their
 * constraints with their key columns, foreign key actions and check
 * clauses, their indexes' columns, then the views and the triggers in
 * the language (a view with MySQL's own text of its query, after the
 * views it uses), then the stored routines' names, and SHOW CREATE of
 * each, as sql.
 * Tables come in name order (MySQL keeps no creation order finer than a
 * second); rows find their table by name (a sorted index of the tables).
 *
 * The types come back in the language's spelling by the inverse of the
 * MySQL emitter's table (compiler/types.c): int is integer, longtext text,
 * datetime(6) timestamp, tinyint(1) boolean, decimal(65,30) numeric, an
 * AUTO_INCREMENT int or bigint serial or bigserial, MariaDB's json (a
 * longtext with a json_valid() check named after the column) json.  An
 * ENUM(...) column gets an enum type of its own, named <table>_<column>,
 * as the emitter writes an enum into each column that uses it.  What has
 * no exact spelling (unsigned, a column charset, MySQL's own text and
 * timestamp types, a generated column) is written as the closest type
 * after a comment saying why.
 */
#include "introspect.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char q_tables[] =
    "SELECT VERSION(), DATABASE(), table_name, table_type, table_comment "
    "FROM information_schema.tables "
    "WHERE table_schema = DATABASE() "
    "AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED') "
    "ORDER BY table_name";

static const char q_columns[] =
    "SELECT table_name, column_name, column_default, is_nullable, "
    "data_type, column_type, extra, generation_expression, column_comment "
    "FROM information_schema.columns "
    "WHERE table_schema = DATABASE() "
    "ORDER BY table_name, ordinal_position";

/* One row per key column (one for a check); MariaDB's check_constraints
 * names its table, MySQL's check names are unique in the schema. */
#define Q_CONS(CHECK_TABLE) \
    "SELECT tc.table_name, tc.constraint_name, tc.constraint_type, " \
    "k.column_name, k.referenced_column_name, rc.referenced_table_name, " \
    "rc.delete_rule, rc.update_rule, cc.check_clause " \
    "FROM information_schema.table_constraints tc " \
    "LEFT JOIN information_schema.key_column_usage k " \
    "  ON k.constraint_schema = tc.constraint_schema " \
    "  AND k.table_name = tc.table_name " \
    "  AND k.constraint_name = tc.constraint_name " \
    "LEFT JOIN information_schema.referential_constraints rc " \
    "  ON tc.constraint_type = 'FOREIGN KEY' " \
    "  AND rc.constraint_schema = tc.constraint_schema " \
    "  AND rc.table_name = tc.table_name " \
    "  AND rc.constraint_name = tc.constraint_name " \
    "LEFT JOIN information_schema.check_constraints cc " \
    "  ON tc.constraint_type = 'CHECK' " \
    "  AND cc.constraint_schema = tc.constraint_schema " CHECK_TABLE \
    "  AND cc.constraint_name = tc.constraint_name " \
    "WHERE tc.table_schema = DATABASE() " \
    "ORDER BY tc.table_name, CASE tc.constraint_type " \
    "WHEN 'PRIMARY KEY' THEN 0 WHEN 'UNIQUE' THEN 1 " \
    "WHEN 'FOREIGN KEY' THEN 2 ELSE 3 END, tc.constraint_name, " \
    "k.ordinal_position"

static const char q_cons_mariadb[] =
    Q_CONS("  AND cc.table_name = tc.table_name ");
static const char q_cons_mysql[] = Q_CONS("");

static const char q_indexes[] =
    "SELECT table_name, index_name, non_unique, column_name, sub_part, "
    "collation, index_type "
    "FROM information_schema.statistics "
    "WHERE table_schema = DATABASE() AND index_name <> 'PRIMARY' "
    "ORDER BY table_name, index_name, seq_in_index";

/* kind, name, table, definition, trigger timing, event (a view: the
 * options the language cannot write, '' for none): views first (in name
 * order), then triggers in their order. */
static const char q_raw[] =
    "SELECT 'view', table_name, NULL, view_definition, NULL, CONCAT_WS(' ', "
    "IF(algorithm <> 'UNDEFINED', CONCAT('ALGORITHM=', algorithm), NULL), "
    "IF(security_type <> 'DEFINER', 'SQL SECURITY INVOKER', NULL), "
    "IF(check_option <> 'NONE', "
    "CONCAT('WITH ', check_option, ' CHECK OPTION'), NULL)), 0, 0 "
    "FROM information_schema.views WHERE table_schema = DATABASE() "
    "UNION ALL "
    "SELECT 'trigger', trigger_name, event_object_table, action_statement, "
    "action_timing, event_manipulation, 1, action_order "
    "FROM information_schema.triggers WHERE trigger_schema = DATABASE() "
    "ORDER BY 7, 3, 8, 2";

/* The stored functions and procedures, by name; each one's text then
 * comes from SHOW CREATE (information_schema has its body only). */
static const char q_routines[] =
    "SELECT routine_type, routine_name FROM information_schema.routines "
    "WHERE routine_schema = DATABASE() ORDER BY routine_name, routine_type";

typedef struct MyRead {
    Db *db;
    Arena *a;
    DbSchema *s;
    bool mariadb;
    const char *dbname;         /* views' definitions name it: removed */
    int cap_tables, cap_enums, cap_raw, cap_routines, cap_triggers;
    int *by_name;               /* table indexes sorted by name */
    int *ccap, *kcap, *icap;    /* per table: capacities */
    DbConstraint *last_con;     /* the constraint of the previous row */
    int con_cap, ref_cap;       /* its column arrays' capacities */
    const char *idx_table;      /* the index of the previous row */
    const char *idx_name;
    DbIndex *last_idx;          /* NULL: the index is a constraint's */
    int idx_cap, opt_cap, nopts;
    DbConstraint *idx_con;      /* the unique constraint it is, so far */
    int idx_seen;               /* its keys seen so far */
    int cur_routine;            /* the routine SHOW CREATE reads */
} MyRead;

/* ---- tables ---- */

static bool row_table(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    if (!r->dbname) {
        r->mariadb = v[0] && strstr(v[0], "MariaDB") != NULL;
        r->dbname = arena_strdup(r->a, v[1] ? v[1] : "");
    }
    if (introspect_is_ledger(r->db, NULL, v[2]))
        return true;
    DbTable *t = INTRO_PUSH(r->a, r->s->tables, r->s->ntables, r->cap_tables);
    t->name = arena_strdup(r->a, v[2]);
    if (v[4] && v[4][0])
        t->comment = arena_strdup(r->a, v[4]);
    if (strcmp(v[3], "SYSTEM VERSIONED") == 0)
        t->why = "it is SYSTEM VERSIONED";
    return true;
}

/* The tables' indexes sorted by name: a merge sort (qsort has no
 * context argument in C11). */
static void sort_range(const DbSchema *s, int *v, int *tmp, int n)
{
    if (n < 2)
        return;
    int h = n / 2;
    sort_range(s, v, tmp, h);
    sort_range(s, v + h, tmp, n - h);
    int i = 0, j = h, o = 0;
    while (i < h || j < n)
        tmp[o++] = j >= n || (i < h && strcmp(s->tables[v[i]].name,
                                               s->tables[v[j]].name) <= 0)
                       ? v[i++] : v[j++];
    memcpy(v, tmp, sizeof *v * (size_t)n);
}

static void sort_tables(MyRead *r)
{
    int n = r->s->ntables;
    r->by_name = ARENA_ARRAY(r->a, int, n > 0 ? n : 1);
    int *tmp = ARENA_ARRAY(r->a, int, n > 0 ? n : 1);
    for (int i = 0; i < n; i++)
        r->by_name[i] = i;
    sort_range(r->s, r->by_name, tmp, n);
}

static int table_at(const MyRead *r, const char *name)
{
    int lo = 0, hi = r->s->ntables - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(r->s->tables[r->by_name[mid]].name, name);
        if (c == 0)
            return r->by_name[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Another reason the table's comment gives, after those before. */
static void add_why(MyRead *r, DbTable *t, const char *why)
{
    t->why = t->why ? arena_printf(r->a, "%s; %s", t->why, why) : why;
}

/* Words MySQL reserves that a column may be named: kept in backticks. */
static const char *const reserved[] = {
    "add", "all", "and", "as", "asc", "between", "by", "case", "check",
    "column", "condition", "constraint", "create", "default", "delete",
    "desc", "distinct", "div", "drop", "else", "exists", "false", "for",
    "from", "group", "having", "if", "in", "index", "insert", "interval",
    "is", "key", "keys", "like", "limit", "match", "mod", "not", "null",
    "on", "or", "order", "range", "read", "references", "rows", "select",
    "set", "table", "then", "to", "true", "union", "unique", "update",
    "usage", "use", "using", "values", "when", "where", "with", "xor",
};

/* `name` as name when it needs no quotes. */
static bool plain_ident(const char *s, size_t n)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_'))
            return false;
    for (size_t i = 0; i < NELEM(reserved); i++)
        if (strlen(reserved[i]) == n && strncmp(reserved[i], s, n) == 0)
            return false;
    return true;
}

/* The calls MariaDB prints under another name. */
static const struct {
    const char *as, *written;
} mariadb_calls[] = {
    {"octet_length(", "length("},
    {"ucase(", "upper("},
    {"lcase(", "lower("},
};

/* A check's clause as it was written: MySQL quotes every name (`title`),
 * which a name that needs none loses again, and MariaDB's length(),
 * upper() and lower() are printed as octet_length(), ucase() and lcase():
 * as written again.  Strings are copied
 * as they are. */
static const char *check_text(MyRead *r, const char *clause)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = clause; *p;) {
        if (*p == '\'') {
            const char *e = p + 1;
            while (*e) {
                if ((*e == '\\' && e[1]) || (*e == '\'' && e[1] == '\''))
                    e += 2;
                else if (*e == '\'')
                    break;
                else
                    e++;
            }
            if (*e)
                e++;
            sb_putn(&b, p, (size_t)(e - p));
            p = e;
            continue;
        }
        if (*p == '`') {
            const char *e = strchr(p + 1, '`');
            if (e && plain_ident(p + 1, (size_t)(e - p - 1))) {
                sb_putn(&b, p + 1, (size_t)(e - p - 1));
                p = e + 1;
                continue;
            }
        }
        bool word_start = p == clause ||
                          !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        size_t i = 0;
        while (r->mariadb && word_start && i < NELEM(mariadb_calls) &&
               strncmp(p, mariadb_calls[i].as, strlen(mariadb_calls[i].as)))
            i++;
        if (r->mariadb && word_start && i < NELEM(mariadb_calls)) {
            sb_puts(&b, mariadb_calls[i].written);
            p += strlen(mariadb_calls[i].as);
            continue;
        }
        sb_putc(&b, *p++);
    }
    const char *out = sb_arena_copy(&b, r->a);
    sb_free(&b);
    return out;
}

/* ---- columns ---- */

/* MySQL's column type (information_schema.columns.column_type, lower
 * case) in the language, by the inverse of the emitter's table: exact
 * spellings first, then by the type's name (data_type). */
static const struct {
    const char *mysql, *lang;
} exact_types[] = {
    {"int", "integer"},          {"bigint", "bigint"},
    {"smallint", "smallint"},    {"tinyint(1)", "boolean"},
    {"float", "real"},
    {"double", "double precision"},
    {"decimal(65,30)", "numeric"},
    {"longtext", "text"},        {"longblob", "bytea"},
    {"datetime(6)", "timestamp"},
    {"time(6)", "time"},         {"date", "date"},
    {"json", "json"},
};

/* Types the language has no spelling of that MySQL keeps apart: the
 * closest language type, and why. */
static const struct {
    const char *data_type, *lang, *why;
} near_types[] = {
    {"text", "text", "is TEXT (the language's text is LONGTEXT)"},
    {"blob", "bytea", "is BLOB (the language's bytea is LONGBLOB)"},
    {"timestamp", "timestamp",
     "is a TIMESTAMP (the language's timestamp is DATETIME(6))"},
    {"set", "text", "is a SET"},
};

static bool numeric_type(const char *data_type)
{
    static const char *const nums[] = {
        "tinyint", "smallint", "mediumint", "int", "bigint", "decimal",
        "float", "double", "bit", "year",
    };
    for (size_t i = 0; i < NELEM(nums); i++)
        if (strcmp(nums[i], data_type) == 0)
            return true;
    return false;
}

/* ENUM('a','b''c') -> its labels. */
static const char **enum_labels(Arena *a, const char *ct, int *n)
{
    const char **v = NULL;
    int cap = 0;
    *n = 0;
    const char *p = strchr(ct, '(');
    while (p && *p) {
        p = strchr(p, '\'');
        if (!p)
            break;
        StrBuf b;
        sb_init(&b);
        for (p++; *p; p++) {
            if (*p == '\'' && p[1] == '\'') {
                sb_putc(&b, '\'');
                p++;
            } else if (*p == '\\' && p[1]) {
                sb_putc(&b, *++p);
            } else if (*p == '\'') {
                break;
            } else {
                sb_putc(&b, *p);
            }
        }
        *INTRO_PUSH(a, v, *n, cap) = sb_arena_copy(&b, a);
        sb_free(&b);
        if (*p)
            p++;
    }
    return v;
}

/* The name of a new enum type for column c of table t: <t>_<c>, made
 * unique among the enums. */
static const char *enum_name(MyRead *r, const char *t, const char *c)
{
    const char *base = arena_printf(r->a, "%s_%s", t, c);
    const char *name = base;
    for (int k = 2;; k++) {
        bool taken = false;
        for (int i = 0; i < r->s->nenums && !taken; i++)
            taken = strcmp(r->s->enums[i].name, name) == 0;
        if (!taken)
            return name;
        name = arena_printf(r->a, "%s%d", base, k);
    }
}

static char *lower(Arena *a, const char *s)
{
    char *out = arena_strdup(a, s);
    for (char *p = out; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return out;
}

/* MariaDB's spelling of the emitter's "now" for each type: now(). */
static bool is_now(const char *type, const char *def)
{
    static const struct {
        const char *type, *def;
    } nows[] = {
        {"timestamp", "current_timestamp(6)"},
        {"timestamp", "current_timestamp()"},
        {"timestamp", "current_timestamp"},
        {"date", "curdate()"},
        {"time", "curtime(6)"},
    };
    for (size_t i = 0; i < NELEM(nows); i++)
        if (strcmp(type, nows[i].type) == 0 &&
            strcasecmp(def, nows[i].def) == 0)
            return true;
    return false;
}

/* MariaDB's string literal ('it\'s', 'a\\b') as the language writes
 * it ('it''s', 'a\b'); NULL when def is not one whole literal. */
static const char *mariadb_string(Arena *a, const char *def)
{
    static const char esc[][2] = {
        {'0', '\0'}, {'b', '\b'}, {'n', '\n'}, {'r', '\r'}, {'t', '\t'},
        {'Z', '\032'},
    };
    if (def[0] != '\'')
        return NULL;
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, '\'');
    const char *p = def + 1;
    for (; *p; p++) {
        char c = *p;
        if (c == '\\' && p[1]) {
            c = *++p;
            for (size_t i = 0; i < NELEM(esc); i++)
                if (esc[i][0] == c)
                    c = esc[i][1];
        } else if (c == '\'' && p[1] == '\'') {
            p++;
        } else if (c == '\'') {
            break;
        }
        if (c == '\'')
            sb_putc(&b, '\'');
        sb_putc(&b, c);
    }
    sb_putc(&b, '\'');
    const char *out = *p == '\'' && p[1] == '\0' ? sb_arena_copy(&b, a)
                                                   : NULL;
    sb_free(&b);
    return out;
}

/* The default in the language: MariaDB quotes a string ('x'), writes
 * NULL for "default null" and an expression as it is; MySQL writes a
 * literal bare and marks an expression DEFAULT_GENERATED. */
static const char *lang_default(MyRead *r, const char *def,
                                const char *data_type, const char *extra,
                                const char *type)
{
    if (!def || strcmp(def, "NULL") == 0)
        return NULL;
    if (is_now(type, def))
        return "now()";
    if (strcmp(type, "boolean") == 0 && (strcmp(def, "0") == 0 ||
                                         strcmp(def, "1") == 0))
        return def[0] == '1' ? "true" : "false";
    if (strcmp(data_type, "decimal") == 0 && strchr(def, '.') &&
        strspn(def, "-0123456789.") == strlen(def)) {
        /* MySQL writes a decimal's default with its scale: 0.00 is 0. */
        char *d = arena_strdup(r->a, def);
        size_t n = strlen(d);
        while (n > 0 && d[n - 1] == '0')
            d[--n] = '\0';
        if (n > 0 && d[n - 1] == '.')
            d[--n] = '\0';
        return d;
    }
    if (r->mariadb && def[0] == '\'') {
        const char *lit = mariadb_string(r->a, def);
        if (lit)
            return lit;
    }
    if (!r->mariadb && !strstr(extra, "DEFAULT_GENERATED") &&
        !numeric_type(data_type)) {
        StrBuf b;
        sb_init(&b);
        sb_putc(&b, '\'');
        for (const char *p = def; *p; p++) {
            if (*p == '\'')
                sb_putc(&b, '\'');
            sb_putc(&b, *p);
        }
        sb_putc(&b, '\'');
        const char *out = sb_arena_copy(&b, r->a);
        sb_free(&b);
        return out;
    }
    /* An expression: its names and MariaDB's calls as a check's. */
    return check_text(r, def);
}

static bool row_column(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, v[0]);
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    DbColumn *c = INTRO_PUSH(r->a, t->cols, t->ncols, r->ccap[ti]);
    const char *data_type = lower(r->a, v[4]);
    char *lct = lower(r->a, v[5]);
    const char *ct = lct;
    const char *extra = v[6] ? v[6] : "";
    c->name = arena_strdup(r->a, v[1]);
    c->not_null = strcmp(v[3], "NO") == 0;
    c->type = NULL;
    char *unsig = strstr(lct, " unsigned");
    if (unsig) {
        *unsig = '\0';     /* (and zerofill after it) */
        add_why(r, t, arena_printf(r->a, "column %s is UNSIGNED", c->name));
    }
    /* An int's display width says nothing (but tinyint(1): boolean). */
    if (strstr(data_type, "int") && strcmp(ct, "tinyint(1)") != 0)
        ct = data_type;
    for (size_t i = 0; i < NELEM(exact_types) && !c->type; i++)
        if (strcmp(ct, exact_types[i].mysql) == 0)
            c->type = exact_types[i].lang;
    if (!c->type && strcmp(data_type, "enum") == 0) {
        const char *name = enum_name(r, t->name, c->name);
        DbEnum *e = INTRO_PUSH(r->a, r->s->enums, r->s->nenums, r->cap_enums);
        e->name = name;
        e->labels = enum_labels(r->a, v[5], &e->nlabels);
        c->type = e->name;
    }
    for (size_t i = 0; i < NELEM(near_types) && !c->type; i++)
        if (strcmp(data_type, near_types[i].data_type) == 0) {
            c->type = near_types[i].lang;
            add_why(r, t, arena_printf(r->a, "column %s %s", c->name,
                                       near_types[i].why));
        }
    if (!c->type && strcmp(data_type, "decimal") == 0) {
        /* decimal(p,s): numeric(p,s), numeric(p) when the scale is 0. */
        int p = 0, s = 0;
        if (sscanf(ct, "decimal(%d,%d)", &p, &s) == 2)
            c->type = s ? arena_printf(r->a, "numeric(%d,%d)", p, s)
                        : arena_printf(r->a, "numeric(%d)", p);
    }
    /* Another of MySQL's types, as MySQL writes it (varchar(40),
     * mediumtext, varbinary(16), point). */
    if (!c->type)
        c->type = ct;
    if (strstr(extra, "auto_increment")) {
        if (strcmp(c->type, "integer") == 0)
            c->type = "serial";
        else if (strcmp(c->type, "bigint") == 0)
            c->type = "bigserial";
        else
            add_why(r, t, arena_printf(r->a, "column %s is AUTO_INCREMENT",
                                       c->name));
    }
    if (v[8] && v[8][0])
        c->comment = arena_strdup(r->a, v[8]);
    if (strstr(extra, "VIRTUAL"))
        add_why(r, t, arena_printf(r->a, "column %s is a VIRTUAL generated "
                                   "column", c->name));
    else if ((strstr(extra, "STORED") || strstr(extra, "PERSISTENT")) && v[7])
        c->generated = check_text(r, v[7]);
    else
        c->def = lang_default(r, v[2], data_type, extra, c->type);
    if (strstr(extra, "on update"))
        add_why(r, t, arena_printf(r->a, "column %s is ON UPDATE "
                                   "CURRENT_TIMESTAMP", c->name));
    return true;
}

/* ---- constraints ---- */

static DbFkAction my_fk_action(const char *s)
{
    /* InnoDB's RESTRICT is NO ACTION, and what it reports when a foreign
     * key names no action: none. */
    if (!s || strcmp(s, "RESTRICT") == 0)
        return NULL;
    return introspect_fk_action(s);
}

static bool row_con(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, v[0]);
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    DbConstraint *k = r->last_con;
    bool same = k && k >= t->cons && k < t->cons + t->ncons &&
                strcmp(k->name ? k->name : "PRIMARY", v[1]) == 0;
    if (!same) {
        static const struct {
            const char *type;
            DbConKind kind;
        } kinds[] = {{"PRIMARY KEY", DBCON_PRIMARY}, {"UNIQUE", DBCON_UNIQUE},
                     {"FOREIGN KEY", DBCON_FOREIGN}, {"CHECK", DBCON_CHECK}};
        size_t i = 0;
        while (i < NELEM(kinds) && strcmp(kinds[i].type, v[2]) != 0)
            i++;
        if (i == NELEM(kinds))
            return true;
        if (kinds[i].kind == DBCON_CHECK && v[8]) {
            /* MariaDB's json: a longtext with json_valid(`c`) named c. */
            for (int j = 0; j < t->ncols; j++) {
                DbColumn *c = &t->cols[j];
                if (strcmp(c->name, v[1]) == 0 &&
                    strcmp(c->type, "text") == 0 &&
                    strcmp(v[8], arena_printf(r->a, "json_valid(`%s`)",
                                              c->name)) == 0) {
                    c->type = "json";
                    r->last_con = NULL;
                    return true;
                }
            }
        }
        k = INTRO_PUSH(r->a, t->cons, t->ncons, r->kcap[ti]);
        k->kind = kinds[i].kind;
        /* MySQL calls every primary key PRIMARY: the language's name. */
        k->name = k->kind == DBCON_PRIMARY ? NULL : arena_strdup(r->a, v[1]);
        r->last_con = k;
        r->con_cap = r->ref_cap = 0;
        if (k->kind == DBCON_CHECK) {
            k->check = v[8] ? check_text(r, v[8]) : "true";
            return true;
        }
        if (k->kind == DBCON_FOREIGN) {
            int rt = v[5] ? table_at(r, v[5]) : -1;
            if (rt < 0)
                add_why(r, t, arena_printf(r->a, "foreign key %s references "
                                           "a table left out", v[1]));
            k->ref_table = rt < 0 ? arena_strdup(r->a, v[5] ? v[5] : "")
                                  : r->s->tables[rt].name;
            k->on_delete = my_fk_action(v[6]);
            k->on_update = my_fk_action(v[7]);
        }
    }
    if (!v[3] || k->kind == DBCON_CHECK)
        return true;
    if (k->kind == DBCON_FOREIGN) {
        int n = k->ncols;
        *INTRO_PUSH(r->a, k->ref_cols, n, r->ref_cap) =
            arena_strdup(r->a, v[4] ? v[4] : "");
    }
    *INTRO_PUSH(r->a, k->cols, k->ncols, r->con_cap) =
        arena_strdup(r->a, v[3]);
    if (k->kind == DBCON_PRIMARY)
        for (int j = 0; j < t->ncols; j++)
            if (strcmp(t->cols[j].name, v[3]) == 0)
                t->cols[j].not_null = true;
    return true;
}

/* ---- indexes ---- */

static DbConstraint *con_named(DbTable *t, DbConKind kind, const char *name)
{
    for (int i = 0; i < t->ncons; i++)
        if (t->cons[i].kind == kind && t->cons[i].name &&
            strcmp(t->cons[i].name, name) == 0)
            return &t->cons[i];
    return NULL;
}

static const DbColumn *column_of(const DbTable *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return &t->cols[i];
    return NULL;
}

static void put_ident(StrBuf *b, const char *s)
{
    sb_putc(b, '`');
    for (const char *p = s; *p; p++) {
        if (*p == '`')
            sb_putc(b, '`');
        sb_putc(b, *p);
    }
    sb_putc(b, '`');
}

/* An index the language cannot write: its CREATE INDEX up to the keys
 * (`finish_index` closes it), its drop and why. */
static void index_as_sql(MyRead *r, const DbTable *t, DbIndex *x,
                         const char *kind, const char *const *v)
{
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, strcmp(kind, "FULLTEXT") == 0   ? "CREATE FULLTEXT INDEX "
                : strcmp(kind, "SPATIAL") == 0  ? "CREATE SPATIAL INDEX "
                : x->unique                     ? "CREATE UNIQUE INDEX "
                                                : "CREATE INDEX ");
    put_ident(&b, x->name);
    sb_puts(&b, " ON ");
    put_ident(&b, t->name);
    sb_puts(&b, " (");
    for (int i = 0; i < x->ncols; i++) {
        put_ident(&b, x->cols[i]);
        sb_puts(&b, ", ");
    }
    x->sql = sb_arena_copy(&b, r->a);
    sb_free(&b);
    sb_init(&b);
    sb_puts(&b, "DROP INDEX ");
    put_ident(&b, x->name);
    sb_puts(&b, " ON ");
    put_ident(&b, t->name);
    x->sql_down = sb_arena_copy(&b, r->a);
    sb_free(&b);
    x->why = !v[3] ? "its keys are expressions"
             : strcmp(kind, "BTREE") != 0 && strcmp(kind, "HASH") != 0
                 ? arena_printf(r->a, "it is a %s index", kind)
                 : "its keys have a prefix length";
}

static void finish_index(MyRead *r)
{
    DbIndex *x = r->last_idx;
    if (x && x->sql)
        x->sql = arena_printf(r->a, "%s)", x->sql);
}

/* A new index of table t (the ti-th) in r->last_idx. */
static DbIndex *new_index(MyRead *r, DbTable *t, int ti, bool unique)
{
    DbIndex *x = INTRO_PUSH(r->a, t->idx, t->nidx, r->icap[ti]);
    x->name = r->idx_name;
    x->unique = unique;
    r->last_idx = x;
    r->idx_cap = r->opt_cap = r->nopts = 0;
    return x;
}

/* Whether the key of row v is one as the emitter writes it: a column,
 * whole (a text or blob column of a plain index on its first 255
 * characters, of a unique one hashed by MariaDB), ascending or
 * descending (*desc). */
static bool plain_key(const DbTable *t, bool unique, const char *kind,
                      const char *const *v, bool *desc, bool *whole)
{
    const DbColumn *col = v[3] ? column_of(t, v[3]) : NULL;
    bool blob = col && (strcmp(col->type, "text") == 0 ||
                        strcmp(col->type, "json") == 0 ||
                        strcmp(col->type, "bytea") == 0);
    *whole = !v[4] || (blob && !unique && strcmp(v[4], "255") == 0);
    *desc = v[5] && strcmp(v[5], "D") == 0;
    return v[3] && (!v[5] || strcmp(v[5], "A") == 0 || *desc) && *whole &&
           (strcmp(kind, "BTREE") == 0 ||
            (strcmp(kind, "HASH") == 0 && unique && blob));
}

static bool index_row(MyRead *r, const DbTable *t, const char *kind,
                      const char *const *v);

/* A row of the index of a unique constraint or of the one MySQL made for
 * a foreign key: the constraint's, unless a key of a unique one is not
 * a plain ascending column (a descending key, a prefix), which the
 * constraint cannot say: then it is an index, its keys so far plain. */
static bool unique_key_row(MyRead *r, DbTable *t, int ti, const char *kind,
                           const char *const *v)
{
    DbConstraint *k = r->idx_con;
    bool desc, whole;
    if (!k)
        return true;
    if (plain_key(t, true, kind, v, &desc, &whole) && !desc) {
        r->idx_seen++;
        return true;
    }
    r->idx_con = NULL;
    DbIndex *x = new_index(r, t, ti, true);
    for (int i = 0; i < r->idx_seen && i < k->ncols; i++) {
        *INTRO_PUSH(r->a, x->cols, x->ncols, r->idx_cap) = k->cols[i];
        *INTRO_PUSH(r->a, x->opts, r->nopts, r->opt_cap) = NULL;
    }
    /* no longer a constraint */
    int at = (int)(k - t->cons);
    memmove(k, k + 1, sizeof *k * (size_t)(t->ncons - at - 1));
    t->ncons--;
    return index_row(r, t, kind, v);
}

static bool row_index(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, v[0]);
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    bool unique = strcmp(v[2], "0") == 0;
    const char *kind = v[6] ? v[6] : "BTREE";
    if (!r->idx_table || strcmp(r->idx_table, v[0]) != 0 ||
        strcmp(r->idx_name, v[1]) != 0) {
        finish_index(r);
        r->idx_table = arena_strdup(r->a, v[0]);
        r->idx_name = arena_strdup(r->a, v[1]);
        r->last_idx = NULL;
        r->idx_seen = 0;
        /* The index of a unique constraint, and the one MySQL made for a
         * foreign key, are the constraint's. */
        r->idx_con = unique ? con_named(t, DBCON_UNIQUE, v[1]) : NULL;
        if (r->idx_con || (!unique && con_named(t, DBCON_FOREIGN, v[1])))
            return unique_key_row(r, t, ti, kind, v);
        new_index(r, t, ti, unique);
    } else if (!r->last_idx) {
        return !r->idx_con || unique_key_row(r, t, ti, kind, v);
    }
    return index_row(r, t, kind, v);
}

/* A row of index r->last_idx. */
static bool index_row(MyRead *r, const DbTable *t, const char *kind,
                      const char *const *v)
{
    DbIndex *x = r->last_idx;
    bool desc, whole;
    bool plain = plain_key(t, x->unique, kind, v, &desc, &whole);
    if (!plain && !x->sql)
        index_as_sql(r, t, x, kind, v);
    else if (x->sql)
        x->sql = arena_printf(r->a, "%s, ", x->sql);
    if (x->sql) {
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, x->sql);
        if (v[3])
            put_ident(&b, v[3]);
        if (!whole)
            sb_printf(&b, "(%s)", v[4]);
        if (v[5] && strcmp(v[5], "D") == 0)
            sb_puts(&b, " DESC");
        x->sql = sb_arena_copy(&b, r->a);
        sb_free(&b);
    }
    if (v[3]) {
        *INTRO_PUSH(r->a, x->cols, x->ncols, r->idx_cap) =
            arena_strdup(r->a, v[3]);
        *INTRO_PUSH(r->a, x->opts, r->nopts, r->opt_cap) =
            desc ? "desc" : NULL;
    }
    return true;
}

/* ---- views and triggers ---- */

/* The definition without the database's name before each name
 * (`db`.`t` -> `t`), so that it builds in another database too. */
static const char *unqualify(MyRead *r, const char *def)
{
    if (!r->dbname)
        return arena_strdup(r->a, def);
    StrBuf pre, out;
    sb_init(&pre);
    sb_init(&out);
    put_ident(&pre, r->dbname);
    sb_putc(&pre, '.');
    const char *needle = sb_str(&pre);
    size_t n = strlen(needle);
    for (const char *p = def; *p;) {
        if (strncmp(p, needle, n) == 0) {
            p += n;
            continue;
        }
        sb_putc(&out, *p++);
    }
    const char *res = sb_arena_copy(&out, r->a);
    sb_free(&pre);
    sb_free(&out);
    return res;
}

/* A trigger in the language: MySQL keeps its body inline (a row
 * trigger, one event, no when, no update of), so a function of its own,
 * NAME_body, carries the body as its `mysql` text. */
static bool row_trigger(MyRead *r, const char *const *v)
{
    DbRoutine *fn = INTRO_PUSH(r->a, r->s->routines, r->s->nroutines,
                               r->cap_routines);
    fn->name = arena_printf(r->a, "%s_body", v[1]);
    fn->returns = "trigger";
    fn->language = "plpgsql";
    fn->dialect = "mysql";
    fn->dialect_body = unqualify(r, v[3] ? v[3] : "");
    DbTrigger *g = INTRO_PUSH(r->a, r->s->triggers, r->s->ntriggers,
                              r->cap_triggers);
    g->name = arena_strdup(r->a, v[1]);
    g->table = arena_strdup(r->a, v[2]);
    g->timing = strcasecmp(v[4], "before") == 0 ? "before" : "after";
    g->events = strcasecmp(v[5], "insert") == 0   ? DBTG_INSERT
                : strcasecmp(v[5], "update") == 0 ? DBTG_UPDATE
                                                  : DBTG_DELETE;
    g->for_each_row = true;
    g->function = fn->name;
    return true;
}

static bool row_raw(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    bool view = strcmp(v[0], "view") == 0;
    if (!view && table_at(r, v[2]) < 0)
        return true;    /* a trigger of the ledger */
    if (!view)
        return row_trigger(r, v);
    DbRaw *x = INTRO_PUSH(r->a, r->s->raw, r->s->nraw, r->cap_raw);
    x->what = arena_printf(r->a, "view %s", v[1]);
    const char *opts = v[5] ? v[5] : "";
    x->why = arena_printf(r->a, "it has %s, which the language cannot "
                          "write", opts);
    if (!*opts) {
        /* MySQL's own text of the query, as the language's view. */
        x->view_name = arena_strdup(r->a, v[1]);
        x->view_query = unqualify(r, v[3] ? v[3] : "");
    }
    /* The options before WITH go between CREATE and VIEW, WITH ... after
     * the query. */
    const char *with = strstr(opts, "WITH ");
    size_t n = with ? (size_t)(with - opts) : strlen(opts);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "CREATE ");
    sb_putn(&b, opts, n);
    if (n && opts[n - 1] != ' ')
        sb_putc(&b, ' ');
    sb_puts(&b, "VIEW ");
    put_ident(&b, v[1]);
    sb_puts(&b, " AS ");
    sb_puts(&b, unqualify(r, v[3] ? v[3] : ""));
    if (with)
        sb_printf(&b, " %s", with);
    x->sql = sb_arena_copy(&b, r->a);
    sb_free(&b);
    sb_init(&b);
    sb_puts(&b, "DROP VIEW ");
    put_ident(&b, v[1]);
    x->down = sb_arena_copy(&b, r->a);
    sb_free(&b);
    return true;
}

/* Whether view x's text names view y (`y`: MySQL quotes every name). */
static bool uses_view(const DbRaw *x, const DbRaw *y)
{
    const char *name = y->what + strlen("view ");
    StrBuf b;
    sb_init(&b);
    put_ident(&b, name);
    bool used = x != y && strstr(x->sql, sb_str(&b)) != NULL;
    sb_free(&b);
    return used;
}

/* The views (first among r->s->raw, in name order) each after the views
 * it uses, so that the text builds; in name order otherwise, and where
 * they use each other in a circle (a column named as a view). */
static void order_views(MyRead *r)
{
    DbRaw *raw = r->s->raw;
    int n = 0;
    while (n < r->s->nraw && strncmp(raw[n].what, "view ", 5) == 0)
        n++;
    if (n < 2)
        return;
    DbRaw *out = ARENA_ARRAY(r->a, DbRaw, n);
    bool *done = ARENA_ARRAY(r->a, bool, n);
    for (int k = 0; k < n; k++) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++) {
            if (done[i])
                continue;
            bool ready = true;
            for (int j = 0; j < n && ready; j++)
                ready = done[j] || !uses_view(&raw[i], &raw[j]);
            if (ready)
                pick = i;
        }
        for (int i = 0; i < n && pick < 0; i++)
            if (!done[i])
                pick = i;
        done[pick] = true;
        out[k] = raw[pick];
    }
    memcpy(raw, out, sizeof *raw * (size_t)n);
}

/* ---- stored functions and procedures ---- */

static bool row_routine(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    (void)ncols;
    DbRoutine *fn = INTRO_PUSH(r->a, r->s->routines, r->s->nroutines,
                               r->cap_routines);
    fn->procedure = strcmp(v[0], "PROCEDURE") == 0;
    fn->name = arena_strdup(r->a, v[1]);
    fn->first = true;   /* a view may call it; MySQL checks no body */
    return true;
}

/* SHOW CREATE's text: column 2. */
static bool row_show_create(void *ctx, int ncols, const char *const *v)
{
    MyRead *r = ctx;
    DbRoutine *fn = &r->s->routines[r->cur_routine];
    if (ncols > 2 && v[2])
        fn->sql = arena_strdup(r->a, v[2]);
    return true;
}

/* text without its DEFINER=`user`@`host` (the account that ran it,
 * which another server may lack): CREATE FUNCTION ... as any account
 * makes it. */
static const char *no_definer(MyRead *r, const char *text)
{
    static const char pre[] = "CREATE DEFINER=";
    if (strncmp(text, pre, strlen(pre)) != 0)
        return text;
    const char *p = text + strlen(pre);
    for (int part = 0; part < 2; part++) {
        if (*p == '`') {
            for (p++; *p && !(*p == '`' && p[1] != '`'); p += *p == '`' ? 2 : 1)
                ;
            p += *p == '`';
        } else {
            while (*p && *p != '@' && *p != ' ')
                p++;
        }
        if (part == 0 && *p == '@')
            p++;
    }
    while (*p == ' ')
        p++;
    return arena_printf(r->a, "CREATE %s", p);
}

/* Each stored function and procedure as sql (the language compiles
 * `create function` for PostgreSQL only, and a MySQL trigger's body):
 * SHOW CREATE's text, its drop as the down.  One query each. */
static bool read_routines(MyRead *r, DbError *err)
{
    const DbDriver *d = r->db->drv;
    int from = r->s->nroutines;
    if (!d->query(r->db, q_routines, 0, NULL, row_routine, r, err))
        return false;
    int n = r->s->nroutines;
    for (int i = from; i < n; i++) {
        DbRoutine *fn = &r->s->routines[i];
        const char *kind = fn->procedure ? "PROCEDURE" : "FUNCTION";
        StrBuf b;
        sb_init(&b);
        put_ident(&b, fn->name);
        const char *name = sb_arena_copy(&b, r->a);
        sb_free(&b);
        r->cur_routine = i;
        if (!d->query(r->db, arena_printf(r->a, "SHOW CREATE %s %s", kind,
                                          name),
                      0, NULL, row_show_create, r, err))
            return false;
        if (fn->sql) {
            fn->why = "the language writes a MySQL routine only as a "
                      "trigger's body";
            fn->sql = no_definer(r, unqualify(r, fn->sql));
        } else {
            /* Running it says so, rather than doing nothing. */
            fn->why = "SHOW CREATE gave no text (the account may not read "
                      "it): write it by hand";
            fn->sql = "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = "
                      "'the text of this routine could not be read'";
        }
        fn->sql_down = arena_printf(r->a, "DROP %s %s", kind, name);
    }
    return true;
}

bool introspect_mysql(Db *db, Arena *a, DbSchema *out, DbError *err)
{
    MyRead r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.a = a;
    r.s = out;
    const DbDriver *d = db->drv;
    if (!d->query(db, q_tables, 0, NULL, row_table, &r, err))
        return false;
    sort_tables(&r);
    int n = out->ntables > 0 ? out->ntables : 1;
    r.ccap = ARENA_ARRAY(a, int, n);
    r.kcap = ARENA_ARRAY(a, int, n);
    r.icap = ARENA_ARRAY(a, int, n);
    if (!d->query(db, q_columns, 0, NULL, row_column, &r, err) ||
        !d->query(db, r.mariadb ? q_cons_mariadb : q_cons_mysql, 0, NULL,
                  row_con, &r, err) ||
        !d->query(db, q_indexes, 0, NULL, row_index, &r, err))
        return false;
    finish_index(&r);
    if (!d->query(db, q_raw, 0, NULL, row_raw, &r, err))
        return false;
    order_views(&r);
    return read_routines(&r, err);
}
