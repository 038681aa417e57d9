/*
 * emit_mysql.h — what the MySQL dialect offers beyond its Dialect table.
 */
#ifndef MIGC_EMIT_MYSQL_H
#define MIGC_EMIT_MYSQL_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"

/*
 * MySQL and MariaDB commit every DDL statement on its own: a migration of
 * several statements that fails part-way stays half applied.  Reports a
 * warning at the second statement of m's up (raw `sql` counts: it may hold
 * DDL) when there is one, and returns whether it did.  For `migc check
 * --dialect mysql`.
 */
bool mysql_mixed_ddl_warning(Diag *d, const Migration *m);

#endif
