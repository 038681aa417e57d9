/*
 * mask.h — passwords out of messages, for every driver.
 *
 * A database target is written as a URL (postgres://, postgresql://,
 * mysql://, mariadb://: user:password@ and ?password= parameters) or as a
 * libpq conninfo string (key = value pairs, values quoted '...' or with
 * backslash escapes).  Both are parsed as the client libraries parse them,
 * not searched for "password=", so that every spelling a library accepts
 * (spaces around '=', escaped spaces, percent-encoded keys, keys in upper
 * case, an unencoded '/' in a URL password) is masked.  Where a target
 * cannot be parsed, everything from the point where parsing failed is
 * masked.
 */
#ifndef MIGC_MASK_H
#define MIGC_MASK_H

/* The target as shown in messages: every password value replaced by
 * "***".  Returns malloc'd text. */
char *db_mask_target(const char *target);

/*
 * A client library's message about `target` (which libraries echo in
 * part: a bad percent-encoding, a malformed URL whole, a value they could
 * not parse) made safe to print: the target itself is replaced by its
 * masked form, and every quoted piece of the message that holds a
 * password of the target, or a piece of one, by "***".  `extra` (may be
 * NULL) is a password found by the library's own parser, masked the same
 * way.  Returns malloc'd text.
 */
char *db_mask_message(const char *msg, const char *target, const char *extra);

#endif
