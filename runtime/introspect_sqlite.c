/*
 * introspect_sqlite.c — an SQLite database's schema as DbSchema records.
 *
 * SQLite keeps each table's and index's CREATE text in sqlite_schema and
 * no catalog of constraint names, checks or partial predicates beside it,
 * so the texts are read token by token (sqllex.h): each table's columns
 * (name, declared type as written, not null, default) and its constraints
 * (named or not, column-level or table-level), each index's name, table,
 * key columns and WHERE.  A trigger on a table comes out in the language,
 * its body carried by a function of its own; views and other triggers
 * come out as their SQL.
 */
#include "introspect.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sqllex.h"

typedef struct Tok {
    SqlLexKind kind;
    const char *s;
    size_t n;
} Tok;

typedef struct Toks {
    const char *text;
    Tok *v;
    int n, cap, at;
    Arena *a;
} Toks;

static void tokenize(Toks *t, Arena *a, const char *text)
{
    SqlLex l;
    SqlLexTok k;
    memset(t, 0, sizeof *t);
    t->text = text;
    t->a = a;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next(&l, &k)) {
        if (k.kind == SQLLEX_SPACE || k.kind == SQLLEX_COMMENT)
            continue;
        Tok *x = INTRO_PUSH(a, t->v, t->n, t->cap);
        x->kind = k.kind;
        x->s = text + k.start;
        x->n = k.end - k.start;
    }
}

static const Tok *peek(const Toks *t, int off)
{
    static const Tok end = {SQLLEX_SEMI, "", 0};
    int i = t->at + off;
    return i < t->n ? &t->v[i] : &end;
}

static bool is_word(const Tok *k, const char *w)
{
    return k->kind == SQLLEX_WORD && strlen(w) == k->n &&
           strncasecmp(k->s, w, k->n) == 0;
}

static bool is_punct(const Tok *k, char c)
{
    return k->kind == SQLLEX_PUNCT && k->n == 1 && k->s[0] == c;
}

static bool accept(Toks *t, const char *w)
{
    if (!is_word(peek(t, 0), w))
        return false;
    t->at++;
    return true;
}

/* A name: "quoted" ("" undoubled), [bracketed], or a bare word. */
static const char *name_of(Arena *a, const Tok *k)
{
    if (k->kind == SQLLEX_QIDENT && k->n >= 2) {
        char *out = arena_alloc(a, k->n);
        size_t o = 0;
        for (size_t i = 1; i + 1 < k->n; i++) {
            out[o++] = k->s[i];
            if (k->s[i] == '"' && k->s[i + 1] == '"')
                i++;
        }
        out[o] = '\0';
        return out;
    }
    if (k->kind == SQLLEX_STRING && k->n >= 2)
        return arena_strndup(a, k->s + 1, k->n - 2);
    return arena_strndup(a, k->s, k->n);
}

static const char *take_name(Toks *t)
{
    const Tok *k = peek(t, 0);
    if (k->kind == SQLLEX_PUNCT && k->s[0] == '[') {
        /* [name] */
        const char *b = k->s + 1;
        const char *e = strchr(b, ']');
        while (t->at < t->n && !is_punct(peek(t, 0), ']'))
            t->at++;
        t->at++;
        return e ? arena_strndup(t->a, b, (size_t)(e - b)) : "";
    }
    t->at++;
    return name_of(t->a, k);
}

/* The index of the token after the parenthesis that closes the one at
 * token i. */
static int after_parens(const Toks *t, int i)
{
    int depth = 0;
    for (; i < t->n; i++) {
        if (is_punct(&t->v[i], '('))
            depth++;
        else if (is_punct(&t->v[i], ')') && --depth == 0)
            return i + 1;
    }
    return t->n;
}

/* The source text of tokens [b, e), or "". */
static const char *span(const Toks *t, int b, int e)
{
    if (b >= e || b >= t->n)
        return "";
    const Tok *last = &t->v[(e > t->n ? t->n : e) - 1];
    return arena_strndup(t->a, t->v[b].s,
                         (size_t)(last->s + last->n - t->v[b].s));
}

/* ( name [ASC|COLLATE ...], ... ): the names; *plain false when a key
 * is more than a name. */
static const char **name_list(Toks *t, int *n, bool *plain)
{
    const char **v = NULL;
    int cap = 0;
    *n = 0;
    if (!is_punct(peek(t, 0), '('))
        return NULL;
    int end = after_parens(t, t->at);
    t->at++;
    while (t->at < end - 1) {
        int b = t->at;
        const char *nm = take_name(t);
        *INTRO_PUSH(t->a, v, *n, cap) = nm;
        int depth = 0;
        while (t->at < end - 1 &&
               !(depth == 0 && is_punct(peek(t, 0), ','))) {
            if (is_punct(peek(t, 0), '('))
                depth++;
            else if (is_punct(peek(t, 0), ')'))
                depth--;
            t->at++;
        }
        if (t->at - b > 1 && plain)
            *plain = false;
        if (is_punct(peek(t, 0), ','))
            t->at++;
    }
    t->at = end;
    return v;
}

static DbFkAction fk_action(Toks *t)
{
    if (accept(t, "cascade"))
        return "cascade";
    if (accept(t, "restrict"))
        return "restrict";
    if (accept(t, "set")) {
        if (accept(t, "null"))
            return "set null";
        accept(t, "default");
        return "set default";
    }
    accept(t, "no");
    accept(t, "action");
    return NULL;
}

/* REFERENCES t [(cols)] [ON DELETE|UPDATE action]... [MATCH x]
 * [[NOT] DEFERRABLE ...]: into k; *why when there is more. */
static void references(Toks *t, DbConstraint *k, const char **why)
{
    k->ref_table = take_name(t);
    int n = 0;
    bool plain = true;
    if (is_punct(peek(t, 0), '('))
        k->ref_cols = name_list(t, &n, &plain);
    for (;;) {
        if (accept(t, "on")) {
            if (accept(t, "delete"))
                k->on_delete = fk_action(t);
            else if (accept(t, "update"))
                k->on_update = fk_action(t);
        } else if (accept(t, "match")) {
            t->at++;
        } else if (is_word(peek(t, 0), "not") ||
                   is_word(peek(t, 0), "deferrable")) {
            *why = "a foreign key is DEFERRABLE";
            while (t->at < t->n && !is_punct(peek(t, 0), ',') &&
                   !is_punct(peek(t, 0), ')'))
                t->at++;
        } else {
            break;
        }
    }
}

/* Where a column's type ends: at a constraint's first word. */
static bool type_end(const Tok *k)
{
    static const char *const stop[] = {
        "constraint", "primary", "not", "null", "unique", "check",
        "default", "collate", "references", "generated", "as",
    };
    if (k->kind == SQLLEX_SEMI || is_punct(k, ',') || is_punct(k, ')'))
        return true;
    for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
        if (is_word(k, stop[i]))
            return true;
    return false;
}

static void skip_conflict(Toks *t)
{
    if (is_word(peek(t, 0), "on") && is_word(peek(t, 1), "conflict"))
        t->at += 3;
}

typedef struct TabRead {
    DbTable *tab;
    int ccap, kcap;
} TabRead;

static DbConstraint *new_con(Arena *a, TabRead *r, DbConKind kind,
                             const char *name)
{
    DbConstraint *k = INTRO_PUSH(a, r->tab->cons, r->tab->ncons, r->kcap);
    k->kind = kind;
    k->name = name;
    return k;
}

/* CHECK ( expr ): the expression's text. */
static const char *check_expr(Toks *t)
{
    int b = t->at;
    int e = after_parens(t, b);
    t->at = e;
    return introspect_unparen(t->a, span(t, b, e));
}

static void column_def(Toks *t, TabRead *r, int end)
{
    Arena *a = t->a;
    DbTable *tab = r->tab;
    DbColumn *c = INTRO_PUSH(a, tab->cols, tab->ncols, r->ccap);
    c->name = take_name(t);
    int b = t->at;
    while (t->at < end && !type_end(peek(t, 0))) {
        if (is_punct(peek(t, 0), '('))
            t->at = after_parens(t, t->at);
        else
            t->at++;
    }
    /* The declared type, in lower case as the language writes types. */
    char *ty = (char *)(t->at > b ? span(t, b, t->at) : "blob");
    for (char *p = ty; *p && t->at > b; p++)
        *p = (char)tolower((unsigned char)*p);
    c->type = ty;
    const char *cname = NULL;
    while (t->at < end) {
        const char *nm = cname;
        cname = NULL;
        if (accept(t, "constraint")) {
            cname = take_name(t);
        } else if (accept(t, "primary")) {
            accept(t, "key");
            accept(t, "asc");
            accept(t, "desc");
            skip_conflict(t);
            if (accept(t, "autoincrement"))
                tab->why = "a column is AUTOINCREMENT";
            DbConstraint *k = new_con(a, r, DBCON_PRIMARY, nm);
            k->cols = ARENA_ARRAY(a, const char *, 1);
            k->cols[0] = c->name;
            k->ncols = 1;
            c->not_null = true;
        } else if (accept(t, "not")) {
            accept(t, "null");
            skip_conflict(t);
            c->not_null = true;
        } else if (accept(t, "null")) {
            skip_conflict(t);
        } else if (accept(t, "unique")) {
            skip_conflict(t);
            DbConstraint *k = new_con(a, r, DBCON_UNIQUE, nm);
            k->cols = ARENA_ARRAY(a, const char *, 1);
            k->cols[0] = c->name;
            k->ncols = 1;
        } else if (accept(t, "check")) {
            new_con(a, r, DBCON_CHECK, nm)->check = check_expr(t);
        } else if (accept(t, "default")) {
            int db = t->at;
            if (is_punct(peek(t, 0), '('))
                t->at = after_parens(t, t->at);
            else if (is_punct(peek(t, 0), '-') || is_punct(peek(t, 0), '+'))
                t->at += 2;
            else
                t->at++;
            c->def = span(t, db, t->at);
            /* A boolean's true and false are stored as 1 and 0. */
            if (strcmp(c->type, "boolean") == 0 && c->def &&
                (strcmp(c->def, "1") == 0 || strcmp(c->def, "0") == 0))
                c->def = c->def[0] == '1' ? "true" : "false";
        } else if (accept(t, "collate")) {
            t->at++;
            tab->why = "a column has a COLLATE clause";
        } else if (accept(t, "references")) {
            DbConstraint *k = new_con(a, r, DBCON_FOREIGN, nm);
            k->cols = ARENA_ARRAY(a, const char *, 1);
            k->cols[0] = c->name;
            k->ncols = 1;
            references(t, k, &tab->why);
        } else if (is_word(peek(t, 0), "generated") ||
                   is_word(peek(t, 0), "as")) {
            /* [GENERATED ALWAYS] AS ( expr ) [STORED | VIRTUAL] */
            accept(t, "generated");
            accept(t, "always");
            accept(t, "as");
            if (!is_punct(peek(t, 0), '(')) {
                tab->why = "a column is generated";
                t->at = end;
                continue;
            }
            c->generated = check_expr(t);
            if (!accept(t, "stored")) {
                tab->why = "a column is a VIRTUAL generated column";
                t->at = end;
            }
        } else {
            t->at++;
        }
    }
}

static void table_constraint(Toks *t, TabRead *r)
{
    Arena *a = t->a;
    const char *nm = NULL;
    if (accept(t, "constraint"))
        nm = take_name(t);
    bool plain = true;
    DbConstraint *k;
    if (accept(t, "primary")) {
        accept(t, "key");
        k = new_con(a, r, DBCON_PRIMARY, nm);
        k->cols = name_list(t, &k->ncols, &plain);
        for (int i = 0; i < k->ncols; i++)
            for (int j = 0; j < r->tab->ncols; j++)
                if (strcmp(r->tab->cols[j].name, k->cols[i]) == 0)
                    r->tab->cols[j].not_null = true;
    } else if (accept(t, "unique")) {
        k = new_con(a, r, DBCON_UNIQUE, nm);
        k->cols = name_list(t, &k->ncols, &plain);
    } else if (accept(t, "check")) {
        new_con(a, r, DBCON_CHECK, nm)->check = check_expr(t);
    } else if (accept(t, "foreign")) {
        accept(t, "key");
        k = new_con(a, r, DBCON_FOREIGN, nm);
        k->cols = name_list(t, &k->ncols, &plain);
        if (accept(t, "references"))
            references(t, k, &r->tab->why);
    }
    if (!plain)
        r->tab->why = "a key has a sort order or a collation";
}

/* CREATE TABLE name ( items ) [options]: into tab; false when the text is
 * not one (a virtual table). */
static bool parse_table(Arena *a, const char *sql, DbTable *tab)
{
    Toks t;
    TabRead r = {tab, 0, 0};
    tokenize(&t, a, sql);
    while (t.at < t.n && !is_punct(peek(&t, 0), '('))
        t.at++;
    if (t.at >= t.n || !is_word(&t.v[1], "table"))
        return false;
    int end = after_parens(&t, t.at);
    t.at++;
    while (t.at < end - 1) {
        /* One item: up to the next ',' at this depth. */
        int b = t.at, e = b, depth = 0;
        for (; e < end - 1; e++) {
            if (is_punct(&t.v[e], '('))
                depth++;
            else if (is_punct(&t.v[e], ')'))
                depth--;
            else if (depth == 0 && is_punct(&t.v[e], ','))
                break;
        }
        const Tok *f = peek(&t, 0);
        if (is_word(f, "constraint") || is_word(f, "primary") ||
            is_word(f, "unique") || is_word(f, "check") ||
            is_word(f, "foreign"))
            table_constraint(&t, &r);
        else
            column_def(&t, &r, e);
        t.at = e + 1;
    }
    for (int i = end; i < t.n; i++)
        if (is_word(&t.v[i], "without") || is_word(&t.v[i], "strict"))
            tab->why = is_word(&t.v[i], "strict") ? "it is STRICT"
                                                  : "it is WITHOUT ROWID";
    return true;
}

/* CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (keys) [WHERE e] */
static void parse_index(Arena *a, const char *sql, DbIndex *x)
{
    Toks t;
    tokenize(&t, a, sql);
    x->unique = t.n > 1 && is_word(&t.v[1], "unique");
    while (t.at < t.n && !is_word(peek(&t, 0), "on"))
        t.at++;
    t.at += 2;
    bool plain = true;
    x->cols = name_list(&t, &x->ncols, &plain);
    if (accept(&t, "where"))
        x->where = introspect_unparen(a, span(&t, t.at, t.n));
    if (!plain) {
        x->sql = sql;
        x->why = "its keys are expressions, or have a sort order or a "
                 "collation";
    }
}

/* CREATE [TEMP] VIEW [IF NOT EXISTS] name [(cols)] AS query: the name,
 * the columns and the query as written, into x (view_query stays NULL
 * when the text is not that). */
static void parse_view(Arena *a, const char *sql, DbRaw *x)
{
    Toks t;
    tokenize(&t, a, sql);
    while (t.at < t.n && !is_word(peek(&t, 0), "view"))
        t.at++;
    t.at++;
    if (is_word(peek(&t, 0), "if"))
        t.at += 3;
    const char *name = take_name(&t);
    bool plain = true;
    const char **cols = NULL;
    int ncols = 0;
    if (is_punct(peek(&t, 0), '('))
        cols = name_list(&t, &ncols, &plain);
    if (!plain || !is_word(peek(&t, 0), "as") || t.at + 1 >= t.n)
        return;
    const char *q = t.v[t.at + 1].s;
    size_t n = strlen(q);
    while (n > 0 && (isspace((unsigned char)q[n - 1]) || q[n - 1] == ';'))
        n--;
    x->view_name = name;
    x->view_cols = cols;
    x->nview_cols = ncols;
    x->view_query = arena_strndup(a, q, n);
}

typedef struct SqRead {
    Db *db;
    Arena *a;
    DbSchema *s;
    int cap_tables, cap_raw, cap_routines, cap_triggers;
    int *icap;
} SqRead;

static bool has_table(const DbSchema *s, const char *name)
{
    for (int i = 0; i < s->ntables; i++)
        if (strcmp(s->tables[i].name, name) == 0 && !s->tables[i].sql)
            return true;
    return false;
}

/* CREATE TRIGGER [IF NOT EXISTS] name [BEFORE | AFTER | INSTEAD OF] event
 * [OF cols] ON table [FOR EACH ROW] [WHEN cond] BEGIN body END, on a
 * table: the trigger in the language, and a function of its own,
 * NAME_body, carrying the body as its `sqlite` text (SQLite keeps the
 * body inline).  False when the text is not that. */
static bool parse_trigger(SqRead *r, const char *sql, const char **why)
{
    *why = "its text is not one the language writes";
    Arena *a = r->a;
    Toks t;
    tokenize(&t, a, sql);
    if (!accept(&t, "create") || !accept(&t, "trigger"))
        return false;
    if (is_word(peek(&t, 0), "if"))
        t.at += 3;
    DbTrigger g;
    memset(&g, 0, sizeof g);
    g.name = take_name(&t);
    g.timing = "before";
    if (accept(&t, "before"))
        g.timing = "before";
    else if (accept(&t, "after"))
        g.timing = "after";
    else if (accept(&t, "instead") && accept(&t, "of"))
        g.timing = "instead of";
    if (accept(&t, "insert")) {
        g.events = DBTG_INSERT;
    } else if (accept(&t, "delete")) {
        g.events = DBTG_DELETE;
    } else if (accept(&t, "update")) {
        g.events = DBTG_UPDATE;
        if (accept(&t, "of")) {
            int cap = 0;
            do {
                *INTRO_PUSH(a, g.update_cols, g.nupdate_cols, cap) =
                    take_name(&t);
            } while (is_punct(peek(&t, 0), ',') && ++t.at);
        }
    } else {
        return false;
    }
    if (!accept(&t, "on"))
        return false;
    g.table = take_name(&t);
    if (is_punct(peek(&t, 0), '.')) {   /* main.t */
        t.at++;
        g.table = take_name(&t);
    }
    if (accept(&t, "for") && !(accept(&t, "each") && accept(&t, "row")))
        return false;
    g.for_each_row = true;  /* SQLite has row triggers only */
    if (accept(&t, "when")) {
        int b = t.at;
        while (t.at < t.n && !is_word(peek(&t, 0), "begin"))
            t.at++;
        g.when = introspect_unparen(a, span(&t, b, t.at));
    }
    if (!is_word(peek(&t, 0), "begin") || t.n < 2 ||
        !is_word(&t.v[t.n - 1], "end") || t.at + 1 >= t.n - 1)
        return false;
    const Tok *first = &t.v[t.at + 1], *end = &t.v[t.n - 1];
    size_t n = (size_t)(end->s - first->s);
    while (n > 0 && (isspace((unsigned char)first->s[n - 1]) ||
                     first->s[n - 1] == ';'))
        n--;
    if (!has_table(r->s, g.table)) {
        *why = "it is on a view";
        return false;
    }
    DbRoutine *fn = INTRO_PUSH(a, r->s->routines, r->s->nroutines,
                               r->cap_routines);
    fn->name = arena_printf(a, "%s_body", g.name);
    fn->returns = "trigger";
    fn->language = "plpgsql";
    fn->dialect = "sqlite";
    fn->dialect_body = arena_strndup(a, first->s, n);
    g.function = fn->name;
    *INTRO_PUSH(a, r->s->triggers, r->s->ntriggers, r->cap_triggers) = g;
    return true;
}

static bool row_object(void *ctx, int ncols, const char *const *v)
{
    SqRead *r = ctx;
    Arena *a = r->a;
    (void)ncols;
    const char *type = v[0], *name = v[1], *tbl = v[2], *sql = v[3];
    if (!sql || strncmp(name, "sqlite_", 7) == 0 ||
        introspect_is_ledger(r->db, NULL, tbl))
        return true;
    if (strcmp(type, "table") == 0) {
        DbTable *t = INTRO_PUSH(a, r->s->tables, r->s->ntables,
                                r->cap_tables);
        t->name = arena_strdup(a, name);
        if (!parse_table(a, arena_strdup(a, sql), t)) {
            t->sql = arena_strdup(a, sql);
            t->why = "it is a virtual table";
            t->sql_down = arena_printf(a, "DROP TABLE \"%s\"", name);
        }
        return true;
    }
    if (strcmp(type, "index") == 0) {
        for (int i = r->s->ntables - 1; i >= 0; i--) {
            DbTable *t = &r->s->tables[i];
            if (strcmp(t->name, tbl) != 0)
                continue;
            int cap = t->nidx;  /* grown one at a time: few per table */
            DbIndex *nv = ARENA_ARRAY(a, DbIndex, cap + 1);
            if (cap)
                memcpy(nv, t->idx, sizeof *nv * (size_t)cap);
            t->idx = nv;
            DbIndex *x = &t->idx[t->nidx++];
            x->name = arena_strdup(a, name);
            parse_index(a, arena_strdup(a, sql), x);
            if (x->sql)
                x->sql_down = arena_printf(a, "DROP INDEX \"%s\"", name);
            return true;
        }
        return true;
    }
    const char *why = NULL;
    if (strcmp(type, "trigger") == 0 && parse_trigger(r, sql, &why))
        return true;
    DbRaw *x = INTRO_PUSH(a, r->s->raw, r->s->nraw, r->cap_raw);
    x->what = arena_printf(a, "%s %s", type, name);
    x->sql = arena_strdup(a, sql);
    x->why = why ? why : arena_printf(a, "the language has no statement "
                                      "for this %s", type);
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "DROP ");
    for (const char *p = type; *p; p++)
        sb_putc(&b, (char)toupper((unsigned char)*p));
    sb_puts(&b, " \"");
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sb_putc(&b, '"');
        sb_putc(&b, *p);
    }
    sb_putc(&b, '"');
    x->down = sb_arena_copy(&b, a);
    sb_free(&b);
    if (strcmp(type, "view") == 0)
        parse_view(a, x->sql, x);
    return true;
}

bool introspect_sqlite(Db *db, Arena *a, DbSchema *out, DbError *err)
{
    SqRead r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.a = a;
    r.s = out;
    /* Tables first (in the order they were made), then their indexes,
     * then views and triggers. */
    return db->drv->query(db,
        "SELECT type, name, tbl_name, sql FROM sqlite_schema "
        "ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 "
        "WHEN 'view' THEN 2 ELSE 3 END, rowid",
        0, NULL, row_object, &r, err);
}
