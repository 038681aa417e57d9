/*
 * cmd_status.c — `migc status [--json] [--exit-code] [--drift]`: every
 * migration and its state, then a summary line naming the database, and
 * with --drift whether the database drifted from the applied migrations
 * (cli/drift.c: the catalog is read, so only when asked).
 *
 * Read-only: one SELECT of the ledger's small columns (never the SQL
 * texts), and with SQLite a missing database file reads as empty without
 * being created.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "phase.h"
#include "cli.h"
#include "drift.h"
#include "ledger.h"
#include "runtime_cli.h"

static const char *state_color(MigState s)
{
    switch (s) {
    case MS_APPLIED:
        return "\033[32m";
    case MS_PENDING:
        return "\033[33m";
    case MS_OUT_OF_ORDER:
    case MS_CHANGED:
    case MS_MISSING:
    case MS_PARTIAL:
        return "\033[1;31m";
    }
    return "";
}

/* Text as a JSON string: bytes that are not UTF-8 (a ledger written by
 * something else, a file name) become U+FFFD rather than dropping the
 * key, as json_string() would. */
static json_t *json_text(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    StrBuf b;
    sb_init(&b);
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2
                : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = n > 0;
        for (int i = 1; ok && i < n; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && n > 1) {
            /* Overlong forms, surrogates and beyond U+10FFFF are not
             * UTF-8 either: let jansson judge the sequence. */
            char one[5] = {0};
            memcpy(one, p, (size_t)n);
            json_t *t = json_string(one);
            ok = t != NULL;
            json_decref(t);
        }
        if (ok) {
            sb_putn(&b, (const char *)p, (size_t)n);
            p += n;
        } else {
            sb_puts(&b, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(sb_str(&b));
    sb_free(&b);
    return j ? j : json_string("");
}

/* The unit of a partial migration that stopped: its rollback when that
 * stopped part-way too (an undo), else the migration's own. */
static const LedgerPartial *stopped_unit(const PlanEntry *e)
{
    if (e->state != MS_PARTIAL || !e->partial)
        return NULL;
    return e->partial->undo ? e->partial->undo : e->partial;
}

/* The state as the table shows it, `full` with the failure (all of it on
 * one line), else without: "partial: 2 of 4 statements; statement 3
 * failed: 23505: could not create unique index ..." for a migration that
 * stopped part-way, "partial (rolling back): 1 of 2 undone; ..." for a
 * rollback (of an applied migration, or of what ran of one). */
static const char *state_text(Arena *a, const PlanEntry *e, bool full)
{
    if (e->phase && strcmp(e->phase, "completed") != 0)
        /* Between expand and complete (or stopped in a phase). */
        return arena_printf(a, "%s (%s)", apply_state_name(e->state),
                            e->phase);
    const LedgerPartial *u = stopped_unit(e);
    if (!u)
        return apply_state_name(e->state);
    StrBuf b;
    sb_init(&b);
    if (u->up)
        sb_printf(&b, "partial: %d of %d statement%s", u->done, u->total,
                  u->total == 1 ? "" : "s");
    else
        sb_printf(&b, "partial (rolling back): %d of %d undone", u->done,
                  u->total);
    if (full && u->failed_sql) {
        sb_printf(&b, "; %sstatement %d failed: ", u->up ? "" : "down ",
                  u->done + 1);
        if (u->error_code && *u->error_code)
            sb_printf(&b, "%s: ", u->error_code);
        /* One line: every run of white space (a newline too) is a space. */
        bool space = false;
        for (const char *p = u->error_message ? u->error_message : "?"; *p;
             p++) {
            bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
            if (ws && !space)
                sb_putc(&b, ' ');
            else if (!ws)
                sb_putc(&b, *p);
            space = ws;
        }
    }
    const char *r = sb_arena_copy(&b, a);
    sb_free(&b);
    return r;
}

static json_t *json_text_or_null(const char *s)
{
    return s ? json_text(s) : json_null();
}

static int print_json(const Plan *p)
{
    json_t *arr = json_array();
    for (int i = 0; i < p->n; i++) {
        const PlanEntry *e = &p->e[i];
        const char *sum = e->rec && e->rec->checksum ? e->rec->checksum
                          : e->row                 ? e->row->checksum
                                                   : NULL;
        json_t *obj = json_object();
        json_object_set_new(obj, "version", json_text(e->version));
        json_object_set_new(obj, "name", json_text(e->name));
        json_object_set_new(obj, "state",
                            json_string(apply_state_name(e->state)));
        json_object_set_new(obj, "applied_at",
                            e->row ? json_text(e->row->applied_at)
                                   : json_null());
        json_object_set_new(obj, "checksum",
                            sum ? json_text(sum) : json_null());
        if (e->phase)
            json_object_set_new(obj, "phase", json_text(e->phase));
        const LedgerPartial *u = stopped_unit(e);
        if (u) {
            json_t *pt = json_object();
            json_object_set_new(pt, "direction",
                                json_string(u->up ? "up" : "down"));
            json_object_set_new(pt, "done", json_integer(u->done));
            json_object_set_new(pt, "total", json_integer(u->total));
            if (u != e->partial) {
                /* The rollback of what ran of it: how much had run. */
                json_t *ran = json_object();
                json_object_set_new(ran, "done",
                                    json_integer(e->partial->done));
                json_object_set_new(ran, "total",
                                    json_integer(e->partial->total));
                json_object_set_new(pt, "up", ran);
            }
            if (u->failed_sql) {
                json_t *f = json_object();
                json_object_set_new(f, "statement", json_integer(u->done + 1));
                json_object_set_new(f, "sql", json_text(u->failed_sql));
                json_object_set_new(f, "code",
                                    json_text_or_null(u->error_code &&
                                                      *u->error_code
                                                          ? u->error_code
                                                          : NULL));
                json_object_set_new(f, "message",
                                    json_text_or_null(u->error_message));
                json_object_set_new(f, "detail",
                                    json_text_or_null(u->error_detail));
                json_object_set_new(f, "hint",
                                    json_text_or_null(u->error_hint));
                json_object_set_new(pt, "failed", f);
            }
            json_object_set_new(obj, "partial", pt);
        }
        json_array_append_new(arr, obj);
    }
    int rc = json_dumpf(arr, stdout, JSON_INDENT(2));
    json_decref(arr);
    if (rc != 0)
        return EXIT_FAIL;
    fputc('\n', stdout);
    return EXIT_OK;
}

static void print_table(Arena *a, const Plan *p, bool color)
{
    int wv = (int)strlen("version"), wn = (int)strlen("name");
    int ws = (int)strlen("state");
    if (p->n == 0) {
        printf("no migrations\n");
        return;
    }
    for (int i = 0; i < p->n; i++) {
        int v = (int)strlen(p->e[i].version), n = (int)strlen(p->e[i].name);
        /* The failure of a partial one runs past the column. */
        int s = (int)strlen(state_text(a, &p->e[i], false));
        wv = v > wv ? v : wv;
        wn = n > wn ? n : wn;
        ws = s > ws ? s : ws;
    }
    printf("%s%-*s  %-*s  %-*s  applied at%s\n", color ? "\033[1m" : "", wv,
           "version", wn, "name", ws, "state", color ? "\033[0m" : "");
    for (int i = 0; i < p->n; i++) {
        const PlanEntry *e = &p->e[i];
        const char *st = state_text(a, e, true);
        const char *at = e->row ? e->row->applied_at : "";
        printf("%-*s  %-*s  ", wv, e->version, wn, e->name);
        if (*at) {
            printf("%s%-*s%s  %s\n", color ? state_color(e->state) : "", ws,
                   st, color ? "\033[0m" : "", at);
        } else {
            printf("%s%s%s\n", color ? state_color(e->state) : "", st,
                   color ? "\033[0m" : "");
        }
    }
}

/* "3 migrations: 2 applied, 1 pending; database sqlite:app.db" — every
 * state that occurs, in the order of MigState. */
static void print_summary(const Plan *p, const Db *db)
{
    printf("%d migration%s", p->n, p->n == 1 ? "" : "s");
    const char *sep = ": ";
    for (int st = 0; strcmp(apply_state_name((MigState)st), "?") != 0; st++) {
        int n = 0;
        for (int i = 0; i < p->n; i++)
            n += (int)p->e[i].state == st;
        if (n == 0)
            continue;
        printf("%s%d %s", sep, n, apply_state_name((MigState)st));
        sep = ", ";
    }
    printf("; database %s\n", db->display);
}

/* status --drift: one line after the summary; whether it drifted. */
static bool print_drift(const CliOpts *o, Db *db, const Dialect *d,
                        const Ledger *l, int *rc)
{
    if (!cli_drift_checkable(db)) {
        printf("drift: not known (%s cannot be read back yet)\n",
               db->drv->name);
        return false;
    }
    StrBuf out;
    sb_init(&out);
    int applied = 0;
    int n = cli_drift(o, db, d, l, &out, &applied);
    sb_free(&out);
    if (n == -2)
        printf("drift: not known (an applied migration has no file)\n");
    else if (n < 0)
        *rc = EXIT_FAIL;
    else if (n == 0)
        printf("drift: none; the database matches the %d applied "
               "migration%s\n", applied, applied == 1 ? "" : "s");
    else
        printf("drift: %d difference%s from the %d applied migration%s "
               "(migc diff shows them; up refuses to apply)\n", n,
               n == 1 ? "" : "s", applied, applied == 1 ? "" : "s");
    return n > 0;
}

/* Whether anything needs attention: every state but applied. */
static bool needs_attention(const Plan *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->e[i].state != MS_APPLIED)
            return true;
    return false;
}

int cmd_status(CliOpts *o)
{
    const char *url = cli_db_url(o);
    MigSet set;
    Diag diag;
    Db db;
    Arena a;
    Ledger l;
    Plan p;
    DbError err;
    int rc = EXIT_OK;

    if (!cli_runtime_url_ok(url))
        return EXIT_FAIL;
    const Dialect *d = cli_runtime_dialect(o, url);
    if (!d)
        return EXIT_USAGE;
    if (o->nargs > 0) {
        fprintf(stderr, "migc: status takes no arguments ('%s')\n",
                o->args[0]);
        return EXIT_USAGE;
    }
    if (o->drift && o->json) {
        fprintf(stderr, "migc: status --drift prints a line of text; it "
                "does not go with --json\n");
        return EXIT_USAGE;
    }
    if (!cli_load_set(o, &set, &diag, d)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    if (!cli_connect(o, &db, url, true)) {
        migset_free(&set);
        return EXIT_FAIL;
    }
    arena_init(&a);
    db_error_init(&err);
    ExpandState xs;
    if (!ledger_read(&db, &a, &l, &err) ||
        !expand_state_read(&db, &a, &xs, &err)) {
        apply_print_db_error(stderr, o->color, "migc", NULL, &err);
        rc = EXIT_FAIL;
    } else {
        apply_plan(&a, &set, &l, &p);
        for (int i = 0; i < p.n; i++) {
            const ExpandRow *r = expand_state_find(&xs, p.e[i].version);
            /* A completed migration rolled back keeps its old row. */
            if (r && (p.e[i].row || strcmp(r->phase, "completed") != 0))
                p.e[i].phase = r->phase;
        }
        if (o->json) {
            rc = print_json(&p);
        } else {
            print_table(&a, &p, o->color);
            print_summary(&p, &db);
        }
        bool drifted = o->drift && print_drift(o, &db, d, &l, &rc);
        if (rc == EXIT_OK && o->exit_code && (needs_attention(&p) || drifted))
            rc = EXIT_FAIL;
    }
    db_error_clear(&err);
    arena_free(&a);
    db_close(&db);
    migset_free(&set);
    if (fflush(stdout) != 0)
        rc = EXIT_FAIL;
    return rc;
}
