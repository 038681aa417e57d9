/*
 * writer.c — the writer of bench/stall.sh: commits one INSERT after
 * another on its own connection until the file STOP exists, and prints
 * the longest time one INSERT took (its stall, in milliseconds) and how
 * many it committed.
 *
 *   writer CONNINFO SQL STOP
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: writer CONNINFO SQL STOP\n");
        return 2;
    }
    PGconn *c = PQconnectdb(argv[1]);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "writer: %s", PQerrorMessage(c));
        return 1;
    }
    double worst = 0;
    long n = 0, failed = 0;
    while (access(argv[3], F_OK) != 0) {
        double t0 = now_ms();
        PGresult *r = PQexec(c, argv[2]);
        double t = now_ms() - t0;
        if (PQresultStatus(r) == PGRES_COMMAND_OK)
            n++;
        else
            failed++;
        PQclear(r);
        if (t > worst)
            worst = t;
    }
    printf("%.1f %ld %ld\n", worst, n, failed);
    PQfinish(c);
    return 0;
}
