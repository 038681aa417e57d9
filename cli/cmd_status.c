/*
 * cmd_status.c — `migc status [--json]`: every migration and its state.
 *
 * Read-only: one SELECT of the ledger's small columns (never the SQL
 * texts), and with SQLite a missing database file reads as empty without
 * being created.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "cli.h"
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
        return "\033[1;31m";
    }
    return "";
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
        json_object_set_new(obj, "version", json_string(e->version));
        json_object_set_new(obj, "name", json_string(e->name));
        json_object_set_new(obj, "state",
                            json_string(apply_state_name(e->state)));
        json_object_set_new(obj, "applied_at",
                            e->row ? json_string(e->row->applied_at)
                                   : json_null());
        json_object_set_new(obj, "checksum",
                            sum ? json_string(sum) : json_null());
        json_array_append_new(arr, obj);
    }
    int rc = json_dumpf(arr, stdout, JSON_INDENT(2));
    json_decref(arr);
    if (rc != 0)
        return EXIT_FAIL;
    fputc('\n', stdout);
    return EXIT_OK;
}

static void print_table(const Plan *p, bool color)
{
    int wv = (int)strlen("version"), wn = (int)strlen("name");
    int ws = (int)strlen("state");
    if (p->n == 0) {
        printf("no migrations\n");
        return;
    }
    for (int i = 0; i < p->n; i++) {
        int v = (int)strlen(p->e[i].version), n = (int)strlen(p->e[i].name);
        int s = (int)strlen(apply_state_name(p->e[i].state));
        wv = v > wv ? v : wv;
        wn = n > wn ? n : wn;
        ws = s > ws ? s : ws;
    }
    printf("%s%-*s  %-*s  %-*s  applied at%s\n", color ? "\033[1m" : "", wv,
           "version", wn, "name", ws, "state", color ? "\033[0m" : "");
    for (int i = 0; i < p->n; i++) {
        const PlanEntry *e = &p->e[i];
        const char *st = apply_state_name(e->state);
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
    if (!ledger_read(&db, &a, &l, &err)) {
        apply_print_db_error(stderr, o->color, "migc", NULL, &err);
        rc = EXIT_FAIL;
    } else {
        apply_plan(&a, &set, &l, &p);
        if (o->json)
            rc = print_json(&p);
        else
            print_table(&p, o->color);
    }
    db_error_clear(&err);
    arena_free(&a);
    db_close(&db);
    migset_free(&set);
    if (fflush(stdout) != 0)
        rc = EXIT_FAIL;
    return rc;
}
