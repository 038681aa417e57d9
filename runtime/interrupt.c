/*
 * interrupt.c — SIGINT and SIGTERM during a write run (driver.h).
 *
 * A migration runs on the server: when migc is killed, the server goes on
 * and may commit what migc no longer reports.  So while a run is armed
 * the first signal asks the driver to stop the running statement
 * (PQcancel, sqlite3_interrupt, both safe in a signal handler) and is
 * remembered; the statement fails, its transaction rolls back, and the
 * run stops after the unit and says whether it was applied.  A second
 * signal ends the process at once, as the default action would.
 *
 * The state here is the one process-wide state of migc: a signal handler
 * reaches nothing else.
 */
#include "driver.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static Db *volatile armed_db;
static volatile sig_atomic_t got_signal;
static struct sigaction saved_int, saved_term;

static void on_signal(int sig)
{
    static const char msg[] =
        "migc: interrupted: stopping the running statement; a second "
        "signal exits at once\n";
    if (got_signal) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    got_signal = sig;
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing to do about it in a handler */
    }
    Db *db = armed_db;
    if (db && db->drv->interrupt)
        db->drv->interrupt(db);
}

void db_interrupt_arm(Db *db)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;        /* no SA_RESTART: waits see EINTR and retry */
    got_signal = 0;
    armed_db = db;
    sigaction(SIGINT, &sa, &saved_int);
    sigaction(SIGTERM, &sa, &saved_term);
}

void db_interrupt_disarm(void)
{
    sigaction(SIGINT, &saved_int, NULL);
    sigaction(SIGTERM, &saved_term, NULL);
    armed_db = NULL;
}

int db_interrupted(void)
{
    return got_signal;
}
