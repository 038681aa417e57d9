/*
 * pgclient — one simulated application client for the expand tests
 * (tests/t_expand_clients_pg.sh), on PostgreSQL through libpq:
 *
 *   pgclient CONNINFO SEARCH_PATH TEXTCOL TAG STOPFILE OUTFILE [wait]
 *
 * Sets search_path (a version's schema of views) and lock_timeout 100ms:
 * a statement that waits longer than that for a lock fails, and counts as
 * an error.  Then, until STOPFILE exists: inserts a comment (post_id,
 * TEXTCOL, score), updates one of its earlier comments and reads it back,
 * comparing what it reads with what it wrote; then pauses 1 ms.  With `wait`, it first waits
 * (without counting errors) for the first schema of SEARCH_PATH to exist.
 *
 * At the end: OUTFILE gets every row it wrote, as "id|text|score" with the
 * values it last wrote; stdout one line
 *   ops=N errors=N mismatches=N max_ms=X first_error_ms=T
 * (T: the wall-clock time of the first error in ms since the epoch, 0 if
 * none).  The first errors go to stderr.
 */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Row {
    long id;
    char text[64];
    long score;
} Row;

typedef struct Client {
    PGconn *c;
    long ops, errors, mismatches;
    double max_ms, first_error;
} Client;

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One statement; NULL after an error (counted, and shown if among the
 * first). */
static PGresult *run(Client *cl, const char *sql, int n,
                     const char *const *params)
{
    double t0 = mono_ms();
    PGresult *r = PQexecParams(cl->c, sql, n, NULL, params, NULL, NULL, 0);
    double ms = mono_ms() - t0;
    if (ms > cl->max_ms)
        cl->max_ms = ms;
    cl->ops++;
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return r;
    if (cl->errors++ < 5)
        fprintf(stderr, "pgclient: %s: %s", sql, PQerrorMessage(cl->c));
    if (!cl->first_error)
        cl->first_error = wall_ms();
    PQclear(r);
    return NULL;
}

static bool schema_exists(PGconn *c, const char *path)
{
    char first[128];
    size_t n = strcspn(path, ", ");
    if (n >= sizeof first)
        n = sizeof first - 1;
    memcpy(first, path, n);
    first[n] = '\0';
    const char *p[1] = {first};
    PGresult *r = PQexecParams(c, "SELECT count(*) FROM pg_namespace "
                               "WHERE nspname = $1", 1, NULL, p, NULL, NULL,
                               0);
    bool yes = PQresultStatus(r) == PGRES_TUPLES_OK &&
               strcmp(PQgetvalue(r, 0, 0), "1") == 0;
    PQclear(r);
    return yes;
}

int main(int argc, char **argv)
{
    if (argc < 7) {
        fprintf(stderr, "usage: pgclient CONNINFO SEARCH_PATH TEXTCOL TAG "
                "STOPFILE OUTFILE [wait]\n");
        return 2;
    }
    const char *path = argv[2], *col = argv[3], *tag = argv[4];
    const char *stop = argv[5], *out = argv[6];
    bool wait = argc > 7 && strcmp(argv[7], "wait") == 0;
    Client cl = {0};
    cl.c = PQconnectdb(argv[1]);
    if (PQstatus(cl.c) != CONNECTION_OK) {
        fprintf(stderr, "pgclient: %s", PQerrorMessage(cl.c));
        return 1;
    }
    while (wait && !schema_exists(cl.c, path) && access(stop, F_OK) != 0)
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    char set[512];
    snprintf(set, sizeof set, "SET search_path = %s", path);
    PQclear(PQexec(cl.c, set));
    PQclear(PQexec(cl.c, "SET lock_timeout = '100ms'"));

    char ins[256], upd[256], sel[256];
    snprintf(ins, sizeof ins, "INSERT INTO comments (post_id, %s, score) "
             "VALUES ($1, $2, $3) RETURNING id", col);
    snprintf(upd, sizeof upd, "UPDATE comments SET %s = $2, score = $3 "
             "WHERE id = $1", col);
    snprintf(sel, sizeof sel, "SELECT %s, score FROM comments WHERE id = $1",
             col);
    int cap = 1024, n = 0;
    Row *rows = malloc(sizeof *rows * (size_t)cap);
    unsigned seed = 1;
    for (long i = 1; access(stop, F_OK) != 0; i++) {
        /* At most a thousand rounds a second: load, not a benchmark. */
        nanosleep(&(struct timespec){0, 1000000}, NULL);
        char post[24], score[24], idb[24];
        Row w;
        snprintf(post, sizeof post, "%ld", i % 50);
        snprintf(w.text, sizeof w.text, "%s-%ld", tag, i);
        w.score = i;
        snprintf(score, sizeof score, "%ld", w.score);
        const char *p[3] = {post, w.text, score};
        PGresult *r = run(&cl, ins, 3, p);
        if (r) {
            w.id = atol(PQgetvalue(r, 0, 0));
            PQclear(r);
            if (n == cap) {
                cap *= 2;
                rows = realloc(rows, sizeof *rows * (size_t)cap);
            }
            rows[n++] = w;
        }
        if (n == 0)
            continue;
        /* Update one of the rows written so far, and read it back. */
        seed = seed * 1103515245u + 12345u;
        Row *u = &rows[(seed >> 8) % (unsigned)n];
        Row nw = *u;
        snprintf(nw.text, sizeof nw.text, "%s-%ld-u%ld", tag, u->id, i);
        nw.score = u->score + 1000;
        snprintf(idb, sizeof idb, "%ld", u->id);
        snprintf(score, sizeof score, "%ld", nw.score);
        const char *q[3] = {idb, nw.text, score};
        r = run(&cl, upd, 3, q);
        if (!r)
            continue;
        PQclear(r);
        *u = nw;
        const char *s[1] = {idb};
        r = run(&cl, sel, 1, s);
        if (!r)
            continue;
        if (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), u->text) != 0 ||
            atol(PQgetvalue(r, 0, 1)) != u->score) {
            if (cl.mismatches++ < 5)
                fprintf(stderr, "pgclient: row %ld reads back as %s|%s, "
                        "wrote %s|%ld\n", u->id,
                        PQntuples(r) ? PQgetvalue(r, 0, 0) : "(none)",
                        PQntuples(r) ? PQgetvalue(r, 0, 1) : "", u->text,
                        u->score);
        }
        PQclear(r);
    }
    FILE *f = fopen(out, "w");
    if (!f) {
        perror(out);
        return 1;
    }
    for (int k = 0; k < n; k++)
        fprintf(f, "%ld|%s|%ld\n", rows[k].id, rows[k].text, rows[k].score);
    fclose(f);
    printf("ops=%ld errors=%ld mismatches=%ld max_ms=%.1f "
           "first_error_ms=%.0f\n", cl.ops, cl.errors, cl.mismatches,
           cl.max_ms, cl.first_error);
    free(rows);
    PQfinish(cl.c);
    return 0;
}
