/*
 * types.c — the type table (types.h).
 */
#include "types.h"

#include <stddef.h>
#include <string.h>

#include "suggest.h"

#define NOW "CURRENT_TIMESTAMP"

/* Indexed by TypeKind. */
static const TypeInfo types[] = {
    [TY_SMALLINT] = {TY_SMALLINT, "smallint", 0, TY_INTEGER, TY_SMALLINT,
                     "smallint", "smallint", false, "smallint", NULL,
                     MY_BLOB_NEVER, NOW},
    [TY_INTEGER] = {TY_INTEGER, "integer", 0, TY_INTEGER, TY_INTEGER,
                    "integer", "integer", false, "int", NULL, MY_BLOB_NEVER,
                    NOW},
    [TY_BIGINT] = {TY_BIGINT, "bigint", 0, TY_INTEGER, TY_BIGINT, "bigint",
                   "bigint", false, "bigint", NULL, MY_BLOB_NEVER, NOW},
    [TY_SERIAL] = {TY_SERIAL, "serial", 0, TY_INTEGER, TY_INTEGER, "serial",
                   "integer", false, "int", NULL, MY_BLOB_NEVER, NOW},
    [TY_BIGSERIAL] = {TY_BIGSERIAL, "bigserial", 0, TY_INTEGER, TY_BIGINT,
                      "bigserial", "integer", false, "bigint", NULL,
                      MY_BLOB_NEVER, NOW},
    [TY_REAL] = {TY_REAL, "real", 0, TY_DOUBLE, TY_REAL, "real", "real",
                 false, "float", NULL, MY_BLOB_NEVER, NOW},
    [TY_DOUBLE] = {TY_DOUBLE, "double", 0, TY_DOUBLE, TY_DOUBLE,
                   "double precision", "double", false, "double", NULL,
                   MY_BLOB_NEVER, NOW},
    /* MySQL's decimal without arguments is decimal(10,0). */
    [TY_NUMERIC] = {TY_NUMERIC, "numeric", 2, TY_NUMERIC, TY_NUMERIC,
                    "numeric", "numeric", true, "decimal(65,30)", "decimal",
                    MY_BLOB_NEVER, NOW},
    [TY_BOOLEAN] = {TY_BOOLEAN, "boolean", 0, TY_BOOLEAN, TY_BOOLEAN,
                    "boolean", "boolean", false, "tinyint(1)", NULL,
                    MY_BLOB_NEVER, NOW},
    [TY_TEXT] = {TY_TEXT, "text", 0, TY_TEXT, TY_TEXT, "text", "text", false,
                 "longtext", NULL, MY_BLOB_ALWAYS, NOW},
    [TY_VARCHAR] = {TY_VARCHAR, "varchar", 1, TY_TEXT, TY_VARCHAR, "varchar",
                    "varchar", true, "longtext", "varchar", MY_BLOB_BARE,
                    NOW},
    [TY_CHAR] = {TY_CHAR, "char", 1, TY_TEXT, TY_CHAR, "char", "char", true,
                 "char(1)", "char", MY_BLOB_NEVER, NOW},
    [TY_DATE] = {TY_DATE, "date", 0, TY_DATE, TY_DATE, "date", "date", false,
                 "date", NULL, MY_BLOB_NEVER, "(CURRENT_DATE)"},
    [TY_TIME] = {TY_TIME, "time", 0, TY_TIME, TY_TIME, "time", "time", false,
                 "time(6)", NULL, MY_BLOB_NEVER, "(CURRENT_TIME(6))"},
    [TY_TIMESTAMP] = {TY_TIMESTAMP, "timestamp", 0, TY_TIMESTAMP,
                      TY_TIMESTAMP, "timestamp", "timestamp", false,
                      "datetime(6)", NULL, MY_BLOB_NEVER,
                      "CURRENT_TIMESTAMP(6)"},
    [TY_TIMESTAMPTZ] = {TY_TIMESTAMPTZ, "timestamptz", 0, TY_TIMESTAMPTZ,
                        TY_TIMESTAMPTZ, "timestamptz", "timestamptz", false,
                        "datetime(6)", NULL, MY_BLOB_NEVER,
                        "CURRENT_TIMESTAMP(6)"},
    [TY_INTERVAL] = {TY_INTERVAL, "interval", 0, TY_INTERVAL, TY_INTERVAL,
                     "interval", "text", false, "varchar(255)", NULL,
                     MY_BLOB_NEVER, NOW},
    [TY_UUID] = {TY_UUID, "uuid", 0, TY_UUID, TY_UUID, "uuid", "text", false,
                 "char(36)", NULL, MY_BLOB_NEVER, NOW},
    [TY_JSON] = {TY_JSON, "json", 0, TY_JSON, TY_JSON, "json", "text", false,
                 "json", NULL, MY_BLOB_ALWAYS, NOW},
    [TY_JSONB] = {TY_JSONB, "jsonb", 0, TY_JSONB, TY_JSONB, "jsonb", "text",
                  false, "json", NULL, MY_BLOB_ALWAYS, NOW},
    [TY_BYTEA] = {TY_BYTEA, "bytea", 0, TY_BYTEA, TY_BYTEA, "bytea", "blob",
                  false, "longblob", NULL, MY_BLOB_ALWAYS, NOW},
    [TY_CUSTOM] = {TY_CUSTOM, "custom", 0, TY_CUSTOM, TY_CUSTOM, NULL, NULL,
                   false, NULL, NULL, MY_BLOB_NEVER, NOW},
};

const TypeInfo *type_info(TypeKind k)
{
    if ((size_t)k >= sizeof types / sizeof types[0])
        k = TY_CUSTOM;
    return &types[k];
}

/* CAST(x AS ...) targets, where the column type does not do: SQLite by
 * the affinity the values have there (a timestamp is text: CAST('2020-01-01'
 * AS timestamp) would take NUMERIC affinity and give 2020); MySQL by the
 * few types its CAST takes. */
static const TypeCast casts[] = {
    [TY_SMALLINT] = {"INTEGER", "SIGNED", false},
    [TY_INTEGER] = {"INTEGER", "SIGNED", false},
    [TY_BIGINT] = {"INTEGER", "SIGNED", false},
    [TY_SERIAL] = {"INTEGER", "SIGNED", false},
    [TY_BIGSERIAL] = {"INTEGER", "SIGNED", false},
    [TY_REAL] = {"REAL", "DOUBLE", false},
    [TY_DOUBLE] = {"REAL", "DOUBLE", false},
    [TY_NUMERIC] = {"NUMERIC", "DECIMAL", true},
    [TY_BOOLEAN] = {"INTEGER", "SIGNED", false},
    [TY_TEXT] = {"TEXT", "CHAR", false},
    [TY_VARCHAR] = {"TEXT", "CHAR", true},
    [TY_CHAR] = {"TEXT", "CHAR", true},
    [TY_DATE] = {"TEXT", "DATE", false},
    [TY_TIME] = {"TEXT", "TIME(6)", false},
    [TY_TIMESTAMP] = {"TEXT", "DATETIME(6)", false},
    [TY_TIMESTAMPTZ] = {"TEXT", "DATETIME(6)", false},
    [TY_INTERVAL] = {"TEXT", "CHAR", false},
    [TY_UUID] = {"TEXT", "CHAR(36)", false},
    [TY_JSON] = {"TEXT", "CHAR", false},
    [TY_JSONB] = {"TEXT", "CHAR", false},
    [TY_BYTEA] = {"BLOB", "BINARY", false},
    [TY_CUSTOM] = {NULL, NULL, false},
};

const TypeCast *type_cast(TypeKind k)
{
    if ((size_t)k >= sizeof casts / sizeof casts[0])
        k = TY_CUSTOM;
    return &casts[k];
}

/* The portable names and the other spellings of the same types. */
static const struct {
    const char *name;
    TypeKind kind;
} aliases[] = {
    {"smallint", TY_SMALLINT},
    {"int2", TY_SMALLINT},
    {"integer", TY_INTEGER},
    {"int", TY_INTEGER},
    {"int4", TY_INTEGER},
    {"bigint", TY_BIGINT},
    {"int8", TY_BIGINT},
    {"serial", TY_SERIAL},
    {"bigserial", TY_BIGSERIAL},
    {"real", TY_REAL},
    {"float4", TY_REAL},
    {"double", TY_DOUBLE},
    {"double precision", TY_DOUBLE},
    {"float8", TY_DOUBLE},
    {"numeric", TY_NUMERIC},
    {"decimal", TY_NUMERIC},
    {"boolean", TY_BOOLEAN},
    {"bool", TY_BOOLEAN},
    {"text", TY_TEXT},
    {"varchar", TY_VARCHAR},
    {"character varying", TY_VARCHAR},
    {"char", TY_CHAR},
    {"character", TY_CHAR},
    {"date", TY_DATE},
    {"time", TY_TIME},
    {"time without time zone", TY_TIME},
    {"timestamp", TY_TIMESTAMP},
    {"timestamp without time zone", TY_TIMESTAMP},
    {"timestamptz", TY_TIMESTAMPTZ},
    {"timestamp with time zone", TY_TIMESTAMPTZ},
    {"interval", TY_INTERVAL},
    {"uuid", TY_UUID},
    {"json", TY_JSON},
    {"jsonb", TY_JSONB},
    {"bytea", TY_BYTEA},
    {"blob", TY_BYTEA},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

TypeKind type_lookup(const char *name)
{
    for (size_t i = 0; i < NELEM(aliases); i++)
        if (strcmp(aliases[i].name, name) == 0)
            return aliases[i].kind;
    return TY_CUSTOM;
}

/* ---- each dialect's built-in names (beyond the portable ones) ---- */

/* PostgreSQL's built-in types (pg_type of a new database), and the types
 * of the extensions that ship with the server (contrib), which a
 * migration enables with sql $$create extension ...$$. */
static const char *const pg_names[] = {
    "bit", "varbit", "bool", "box", "bpchar", "cidr", "circle", "float",
    "inet", "int2vector", "json", "jsonpath", "line", "lseg", "macaddr",
    "macaddr8", "money", "name", "oid", "oidvector", "path", "pg_lsn",
    "pg_snapshot", "point", "polygon", "regclass", "regconfig",
    "regdictionary", "regnamespace", "regoper", "regoperator", "regproc",
    "regprocedure", "regrole", "regtype", "serial2", "serial4", "serial8",
    "smallserial", "tid", "timetz", "tsquery", "tsvector", "txid_snapshot",
    "xid", "xid8", "cid", "xml", "int4range", "int8range", "numrange",
    "tsrange", "tstzrange", "daterange", "int4multirange", "int8multirange",
    "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
    /* contrib */
    "citext", "hstore", "ltree", "lquery", "ltxtquery", "cube", "seg",
    "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "ean13", "upc",
};

/* SQLite's conventional type names (any name is a declared type there). */
static const char *const sqlite_names[] = {
    "tinyint", "mediumint", "unsigned big int", "varying character",
    "nchar", "native character", "nvarchar", "clob", "float", "datetime",
};

/* MySQL's and MariaDB's built-in types. */
static const char *const mysql_names[] = {
    "tinyint", "mediumint", "dec", "fixed", "float", "bit", "datetime",
    "year", "binary", "varbinary", "tinyblob", "mediumblob", "longblob",
    "tinytext", "mediumtext", "longtext", "enum", "set", "geometry", "point",
    "linestring", "polygon", "multipoint", "multilinestring",
    "multipolygon", "geometrycollection", "inet4", "inet6",
};

static bool in(const char *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

bool type_builtin(const char *dialect, const char *name)
{
    bool any = !dialect;
    bool pg = any || strcmp(dialect, "postgres") == 0;
    bool sq = any || strcmp(dialect, "sqlite") == 0;
    bool my = any || strcmp(dialect, "mysql") == 0;
    if ((pg || sq) && in(pg_names, NELEM(pg_names), name))
        return true;
    if (sq && in(sqlite_names, NELEM(sqlite_names), name))
        return true;
    return my && in(mysql_names, NELEM(mysql_names), name);
}

const char *type_suggest(const char *dialect, const char *name)
{
    const char *cands[NELEM(aliases) + NELEM(pg_names) + NELEM(sqlite_names) +
                      NELEM(mysql_names)];
    int n = 0;
    for (size_t i = 0; i < NELEM(aliases); i++)
        cands[n++] = aliases[i].name;
    const char *const *lists[] = {pg_names, sqlite_names, mysql_names};
    const size_t sizes[] = {NELEM(pg_names), NELEM(sqlite_names),
                            NELEM(mysql_names)};
    for (size_t l = 0; l < 3; l++)
        for (size_t i = 0; i < sizes[l]; i++)
            if (type_builtin(dialect, lists[l][i]))
                cands[n++] = lists[l][i];
    return suggest_closest(name, cands, n);
}
