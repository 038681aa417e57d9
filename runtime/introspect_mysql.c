/*
 * introspect_mysql.c — MySQL/MariaDB: not read yet.
 */
#include "introspect.h"

bool introspect_mysql(Db *db, Arena *a, DbSchema *out, DbError *err)
{
    (void)db;
    (void)a;
    (void)out;
    db_error_set(err, "migc introspect does not read MySQL catalogs yet");
    return false;
}
