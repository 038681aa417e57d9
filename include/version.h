/*
 * version.h — migration versions and file names, the one rule that the
 * folder reader, the compiled-history cache and the runtime's ledger share.
 *
 * A migration file is named <version>_<name>.mig: the version is a string
 * of digits compared as a number (so 2 < 10 and 0010 == 10), the name is
 * [a-z0-9_]+.
 */
#ifndef MIGC_VERSION_H
#define MIGC_VERSION_H

#include <stdbool.h>

#include "arena.h"

/* Compare two versions as numbers (digit strings of any length). */
int version_cmp(const char *a, const char *b);

/* Whether s is a version: one or more digits and nothing else. */
bool version_valid(const char *s);

/* Split a file name "<version>_<name>.mig" into its parts (arena).
 * Returns false when the name does not have that form. */
bool version_parse_filename(Arena *a, const char *base, const char **version,
                            const char **name);

#endif
