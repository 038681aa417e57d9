/*
 * runtime_cli.h — what the database subcommands (up, down, redo, status)
 * share: checking the URL, the dialect in force, connecting.
 */
#ifndef MIGC_RUNTIME_CLI_H
#define MIGC_RUNTIME_CLI_H

#include <stdbool.h>

#include "apply.h"
#include "cli.h"
#include "driver.h"

/* False (after a message) for a database the runtime cannot drive. */
bool cli_runtime_url_ok(const char *url);
/* The dialect of the database at `url`; --dialect must agree with it.
 * NULL after a message. */
const Dialect *cli_runtime_dialect(const CliOpts *o, const char *url);
/* Connect, or print `migc: error: cannot connect to URL: REASON`. */
bool cli_connect(const CliOpts *o, Db *db, const char *url, bool readonly);

/* A database command: `arg` is the command's own (cli_run_db). */
typedef int (*CliDbFn)(Db *db, MigSet *s, const ApplyOpts *o,
                       const void *arg);
/* Check the URL and dialect, refuse more than `nargs` arguments, load the
 * migration set (checksums first), connect once (read-only for
 * --dry-run), run fn, close.  An exit status. */
int cli_run_db(CliOpts *o, int nargs, CliDbFn fn, const void *arg);

#endif
