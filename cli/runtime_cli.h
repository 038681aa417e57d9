/*
 * runtime_cli.h — what the database subcommands (up, down, redo, status)
 * share: checking the URL, the dialect in force, connecting.
 */
#ifndef MIGC_RUNTIME_CLI_H
#define MIGC_RUNTIME_CLI_H

#include <stdbool.h>

#include "cli.h"
#include "driver.h"

/* False (after a message) for a database the runtime cannot drive. */
bool cli_runtime_url_ok(const char *url);
/* The dialect of the database at `url`; --dialect must agree with it.
 * NULL after a message. */
const Dialect *cli_runtime_dialect(const CliOpts *o, const char *url);
/* Connect, or print `migc: error: cannot connect to URL: REASON`. */
bool cli_connect(const CliOpts *o, Db *db, const char *url, bool readonly);

#endif
