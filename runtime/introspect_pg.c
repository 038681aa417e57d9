/*
 * introspect_pg.c — PostgreSQL's catalog (pg_catalog) as DbSchema records.
 *
 * Six queries whatever the number of tables: the tables, their columns,
 * their constraints and the constraints' columns, their indexes and the
 * indexes' columns, each ordered by the table's oid (creation order) so
 * that the rows are merged into the tables by one walk; then the objects
 * the language has no statement for (sequences of their own, types
 * outside the default schema) as SQL, views among them; then the
 * functions and procedures, and the triggers, in the language where it
 * can write them; when there are views, two more queries write them in
 * the language where it can (a view's or materialized view's query as the
 * server prints it, a materialized view's indexes).
 */
#include "introspect.h"
#include "viewtext.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The schemas of the system and of extensions' internals. */
#define USER_NS "n.nspname NOT IN ('pg_catalog', 'information_schema') " \
                "AND n.nspname !~ '^pg_'"

static const char q_tables[] =
    "SELECT c.oid::text, n.nspname, c.relname, c.relkind::text, "
    "c.relispartition::text, obj_description(c.oid, 'pg_class') "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "ORDER BY c.oid";

static const char q_columns[] =
    "SELECT a.attrelid::text, a.attname, "
    "format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
    "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, "
    "a.attgenerated::text, "
    "EXISTS (SELECT 1 FROM pg_depend dp JOIN pg_class s ON s.oid = dp.objid "
    "        WHERE dp.classid = 'pg_class'::regclass "
    "          AND dp.refclassid = 'pg_class'::regclass "
    "          AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum "
    "          AND dp.deptype = 'a' AND s.relkind = 'S')::text, "
    "a.atttypid::regtype::text, col_description(a.attrelid, a.attnum) "
    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attrelid, a.attnum";

static const char q_cons[] =
    "SELECT k.conrelid::text, k.oid::text, k.conname, k.contype::text, "
    "k.confrelid::text, k.confdeltype::text, k.confupdtype::text, "
    "pg_get_expr(k.conbin, k.conrelid), pg_get_constraintdef(k.oid), "
    "cardinality(k.conkey)::text "
    "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "AND k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 "
    "ORDER BY k.conrelid, "
    "CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 "
    "ELSE 3 END, k.oid";

static const char q_concols[] =
    "SELECT k.oid::text, a.attname, fa.attname "
    "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY "
    "  AS u(n, fn, o) "
    "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n "
    "LEFT JOIN pg_attribute fa ON fa.attrelid = k.confrelid "
    "  AND fa.attnum = u.fn "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "AND k.contype IN ('p', 'u', 'f') AND k.conparentid = 0 "
    "ORDER BY k.conrelid, "
    "CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 "
    "ELSE 3 END, k.oid, u.o";

/* An index the language can write: valid, no key with a collation of
 * its own.  Its method (btree is none) and, per key, what q_indcols
 * reads. */
static const char q_indexes[] =
    "SELECT i.indrelid::text, i.indexrelid::text, ci.relname, "
    "i.indisunique::text, pg_get_expr(i.indpred, i.indrelid), "
    "(i.indisvalid "
    " AND NOT EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[]) co "
    "                 WHERE co <> 0 AND co <> 100))::text, "
    "pg_get_indexdef(i.indexrelid), "
    "CASE WHEN NOT i.indisvalid THEN 'it is INVALID (a concurrent build "
    "that failed)' ELSE 'a key has a collation of its own' END, "
    "NULLIF(am.amname, 'btree') "
    "FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid "
    "JOIN pg_am am ON am.oid = ci.relam "
    "JOIN pg_class c ON c.oid = i.indrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
    "                WHERE k.conindid = i.indexrelid "
    "                  AND k.contype IN ('p', 'u', 'x')) "
    "ORDER BY i.indrelid, i.indexrelid";

/* Per column of an index, in order: its name, or an expression key's
 * text; whether it is an included column; a key's operator class when
 * not the default, and its sort order and nulls when not the default
 * (indoption: 1 DESC, 2 NULLS FIRST; DESC puts nulls first). */
/* PostgreSQL's limit of an index's columns (INDEX_MAX_KEYS). */
#define INDEX_COLS_MAX 32

static const char q_indcols[] =
    "SELECT i.indexrelid::text, a.attname, "
    "CASE WHEN u.n = 0 THEN pg_get_indexdef(i.indexrelid, u.o::int, true) "
    "END, (u.o > i.indnkeyatts)::text, "
    "CASE WHEN u.o <= i.indnkeyatts THEN concat_ws(' ', "
    " (SELECT p.opcname FROM pg_opclass p "
    "  WHERE p.oid = i.indclass[u.o - 1] AND NOT p.opcdefault), "
    " CASE WHEN i.indoption[u.o - 1] & 1 <> 0 THEN 'desc' END, "
    " CASE i.indoption[u.o - 1] & 3 WHEN 2 THEN 'nulls first' "
    " WHEN 1 THEN 'nulls last' END) END "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS u(n, o) "
    "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n "
    "  AND u.n <> 0 "
    "WHERE c.relkind IN ('r', 'p') AND " USER_NS " "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
    "                WHERE k.conindid = i.indexrelid "
    "                  AND k.contype IN ('p', 'u', 'x')) "
    "ORDER BY i.indrelid, i.indexrelid, u.o";

static const char q_schemas[] =
    "SELECT n.nspname FROM pg_namespace n "
    "WHERE " USER_NS " AND n.nspname <> 'public' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d "
    "                WHERE d.classid = 'pg_namespace'::regclass "
    "                  AND d.objid = n.oid AND d.deptype = 'e') "
    "ORDER BY n.oid";

/* Extensions but the built-in plpgsql, with their schema. */
static const char q_exts[] =
    "SELECT e.extname, n.nspname FROM pg_extension e "
    "JOIN pg_namespace n ON n.oid = e.extnamespace "
    "WHERE e.extname <> 'plpgsql' ORDER BY e.oid";

/* What the language has no statement for, in the order they can be
 * created: kind, schema, name, definition, drop, first.  (The indexes of
 * a materialized view come after it: their oids are larger.) */
static const char q_raw[] =
    "SELECT 'type', n.nspname, t.typname, "
    "  format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname, "
    "    (SELECT string_agg(quote_literal(e.enumlabel), ', ' "
    "            ORDER BY e.enumsortorder) "
    "     FROM pg_enum e WHERE e.enumtypid = t.oid)), "
    "  format('DROP TYPE %I.%I', n.nspname, t.typname), 'true', "
    "  t.oid::text "
    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "WHERE t.typtype = 'e' AND " USER_NS " AND n.nspname <> 'public' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid "
    "                AND d.classid = 'pg_type'::regclass "
    "                AND d.deptype = 'e') "
    "UNION ALL "
    "SELECT 'sequence', n.nspname, c.relname, "
    "  format('CREATE SEQUENCE %I.%I', n.nspname, c.relname), "
    "  format('DROP SEQUENCE %I.%I', n.nspname, c.relname), 'true', "
    "  c.oid::text "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind = 'S' AND " USER_NS " "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid "
    "                AND d.classid = 'pg_class'::regclass "
    "                AND d.deptype IN ('a', 'i', 'e')) "
    "UNION ALL "
    "SELECT CASE c.relkind WHEN 'v' THEN 'view' "
    "       ELSE 'materialized view' END, n.nspname, c.relname, "
    "  format('CREATE %s %I.%I AS %s', CASE c.relkind WHEN 'v' THEN 'VIEW' "
    "         ELSE 'MATERIALIZED VIEW' END, n.nspname, c.relname, "
    "         rtrim(pg_get_viewdef(c.oid), ';')), "
    "  format('DROP %s %I.%I', CASE c.relkind WHEN 'v' THEN 'VIEW' "
    "         ELSE 'MATERIALIZED VIEW' END, n.nspname, c.relname), "
    "  'false', c.oid::text "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('v', 'm') AND " USER_NS " "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid "
    "                AND d.classid = 'pg_class'::regclass "
    "                AND d.deptype = 'e') "
    "UNION ALL "
    "SELECT 'index', n.nspname, i.relname, pg_get_indexdef(i.oid), "
    "  format('DROP INDEX %I.%I', n.nspname, i.relname), 'false', "
    "  i.oid::text "
    "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid "
    "JOIN pg_class i ON i.oid = x.indexrelid "
    "JOIN pg_namespace n ON n.oid = i.relnamespace "
    "WHERE c.relkind = 'm' AND " USER_NS " "
    "ORDER BY 6 DESC, 7";

/* Functions and procedures (not of an extension), in creation order: the
 * arguments' names and types (format_type's spelling) joined by \x01,
 * the return type, the language, the body as written; why the language
 * cannot write it (NULL: it can), its definition and drop; whether a
 * default, a check or an index uses it. */
#define ARG_SEP "\x01"
static const char q_routines[] =
    "SELECT p.oid::text, p.proname, p.prokind::text, "
    "  (SELECT string_agg(coalesce(p.proargnames[u.o], ''), E'\\x01' "
    "          ORDER BY u.o) "
    "   FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, o)), "
    "  (SELECT string_agg(format_type(u.t, NULL), E'\\x01' ORDER BY u.o) "
    "   FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(t, o)), "
    "  format_type(p.prorettype, NULL), l.lanname, p.prosrc, "
    "  CASE WHEN n.nspname <> 'public' THEN "
    "         format('it is in schema %s', n.nspname) "
    "       WHEN l.lanname IN ('c', 'internal') THEN "
    "         format('it is written in %s', l.lanname) "
    "       WHEN p.proargmodes IS NOT NULL THEN "
    "         'an argument is out, inout, variadic or a table column' "
    "       WHEN p.pronargdefaults > 0 THEN 'an argument has a default' "
    "       WHEN p.proretset THEN 'it returns a set (setof, table)' "
    "       WHEN p.prosrc = '' OR p.prosrc IS NULL THEN "
    "         'its body is SQL-standard (begin atomic)' "
    "       WHEN p.provolatile <> 'v' THEN format('it is %s', "
    "         CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' "
    "         ELSE 'STABLE' END) "
    "       WHEN p.proisstrict THEN 'it is STRICT' "
    "       WHEN p.prosecdef THEN 'it is SECURITY DEFINER' "
    "       WHEN p.proleakproof THEN 'it is LEAKPROOF' "
    "       WHEN p.proparallel <> 'u' THEN 'it has a PARALLEL setting' "
    "       WHEN p.proconfig IS NOT NULL THEN 'it has SET options' "
    "       WHEN p.procost <> 100 THEN 'it has a COST' "
    "  END, "
    "  pg_get_functiondef(p.oid), "
    "  format('DROP %s %s', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' "
    "         ELSE 'FUNCTION' END, p.oid::regprocedure), "
    "  EXISTS (SELECT 1 FROM pg_depend d "
    "          WHERE d.refclassid = 'pg_proc'::regclass "
    "            AND d.refobjid = p.oid "
    "            AND d.classid IN ('pg_attrdef'::regclass, "
    "                'pg_constraint'::regclass, 'pg_class'::regclass))::text, "
    "  p.pronargs::text "
    "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "JOIN pg_language l ON l.oid = p.prolang "
    "WHERE " USER_NS " AND p.prokind IN ('f', 'p') "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid "
    "                AND d.classid = 'pg_proc'::regclass "
    "                AND d.deptype = 'e') "
    "ORDER BY p.oid";

/* Triggers but the internal ones (of foreign keys) and those a partition
 * inherits from its partitioned table's: the table, the name, tgtype
 * (1 row, 2 before, 64 instead of; 4 insert, 8 delete, 16 update,
 * 32 truncate), the `update of` columns joined by \x01, the definition
 * (for its WHEN), the drop, the function's name and schema, and why the
 * language cannot write it (NULL: it can). */
static const char q_triggers[] =
    "SELECT t.oid::text, n.nspname, c.relname, t.tgname, "
    "  t.tgtype::int::text, "
    "  (SELECT string_agg(a.attname, E'\\x01' ORDER BY u.o) "
    "   FROM unnest(t.tgattr::int2[]) WITH ORDINALITY AS u(k, o) "
    "   JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = u.k), "
    "  pg_get_triggerdef(t.oid), "
    "  format('DROP TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname), "
    "  fp.proname, "
    "  CASE WHEN t.tgconstraint <> 0 THEN 'it is a constraint trigger' "
    "       WHEN t.tgnargs > 0 THEN 'it passes arguments to its function' "
    "       WHEN t.tgenabled <> 'O' THEN 'it is disabled or fires by "
    "session_replication_role' "
    "       WHEN c.relkind NOT IN ('r', 'p') THEN 'it is on a view' "
    "       WHEN fn.nspname <> 'public' THEN "
    "         format('its function is in schema %s', fn.nspname) "
    "       WHEN pg_get_triggerdef(t.oid) ~ ' REFERENCING ' THEN "
    "         'it has transition tables (referencing)' "
    "  END "
    "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_proc fp ON fp.oid = t.tgfoid "
    "JOIN pg_namespace fn ON fn.oid = fp.pronamespace "
    "WHERE NOT t.tgisinternal AND " USER_NS " "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d "
    "                WHERE d.classid = 'pg_trigger'::regclass "
    "                  AND d.objid = t.oid AND d.deptype IN ('P', 'S')) "
    "ORDER BY t.oid";

/* The enum types of the default schema, a row per label. */
static const char q_enums[] =
    "SELECT t.oid::text, t.typname, e.enumlabel "
    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
    "JOIN pg_enum e ON e.enumtypid = t.oid "
    "WHERE t.typtype = 'e' AND n.nspname = 'public' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid "
    "                AND d.classid = 'pg_type'::regclass "
    "                AND d.deptype = 'e') "
    "ORDER BY t.oid, e.enumsortorder";

/* The views and materialized views that q_raw read as SQL, by oid: the
 * query as the server prints it (PG_VIEWDEF, viewtext.h), whether a
 * materialized view is populated,
 * and what the language cannot write (options such as security_barrier
 * or check_option, a tablespace of its own). */
static const char q_views[] =
    "SELECT c.oid::text, c.relkind::text, c.relispopulated::text, "
    "  " PG_VIEWDEF("c.oid") ", "
    "  array_to_string(c.reloptions, ', '), "
    "  (SELECT t.spcname FROM pg_tablespace t "
    "   WHERE t.oid = c.reltablespace) "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('v', 'm') AND " USER_NS " "
    "ORDER BY c.oid";

/* The indexes of materialized views, a row per column, as q_indexes and
 * q_indcols read a table's: the index, its view, unique, predicate,
 * whether the language can write it, method; the column's name or an
 * expression key's text, included, options; the index's name. */
static const char q_matindcols[] =
    "SELECT i.indexrelid::text, i.indrelid::text, i.indisunique::text, "
    "pg_get_expr(i.indpred, i.indrelid), "
    "(i.indisvalid "
    " AND NOT EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[]) co "
    "                 WHERE co <> 0 AND co <> 100))::text, "
    "NULLIF(am.amname, 'btree'), a.attname, "
    "CASE WHEN u.n = 0 THEN pg_get_indexdef(i.indexrelid, u.o::int, true) "
    "END, (u.o > i.indnkeyatts)::text, "
    "CASE WHEN u.o <= i.indnkeyatts THEN concat_ws(' ', "
    " (SELECT p.opcname FROM pg_opclass p "
    "  WHERE p.oid = i.indclass[u.o - 1] AND NOT p.opcdefault), "
    " CASE WHEN i.indoption[u.o - 1] & 1 <> 0 THEN 'desc' END, "
    " CASE i.indoption[u.o - 1] & 3 WHEN 2 THEN 'nulls first' "
    " WHEN 1 THEN 'nulls last' END) END, ci.relname "
    "FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid "
    "JOIN pg_am am ON am.oid = ci.relam "
    "JOIN pg_class c ON c.oid = i.indrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS u(n, o) "
    "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n "
    "  AND u.n <> 0 "
    "WHERE c.relkind = 'm' AND " USER_NS " "
    "ORDER BY i.indexrelid, u.o";

typedef struct PgRead {
    Db *db;
    Arena *a;
    DbSchema *s;
    int cap_tables, cap_enums, cap_labels, cap_routines, cap_triggers;
    unsigned long enum_oid;
    unsigned long *oids;        /* of s->tables, ascending */
    int cap_oids, noids;
    int *ccap, *icap, *kcap;    /* per table: capacities */
    /* Per table: the oids of its constraints and indexes (their columns
     * come in a query of their own), and their capacities. */
    unsigned long **koid, **ioid;
    int *kocap, *iocap;
    /* The walk of the rows that follow the tables. */
    int at;                     /* table index */
    unsigned long last;         /* constraint or index oid of the last row */
    int at_item;
    int at_col;
    bool bad;
    /* The oids of s->raw, one each; how many are views. */
    unsigned long *raw_oids;
    int cap_raw_oids, nraw_oids, nviews;
    DbIndex *view_index;        /* q_matindcols: the index of the last row */
} PgRead;

static unsigned long oid_of(const char *s)
{
    return s ? strtoul(s, NULL, 10) : 0;
}

/* The table of `oid`, or -1 (a table left out: the ledger). */
static int table_at(const PgRead *r, unsigned long oid)
{
    int lo = 0, hi = r->noids - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (r->oids[mid] == oid)
            return mid;
        if (r->oids[mid] < oid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static const char *schema_of(Arena *a, const char *nsp)
{
    return strcmp(nsp, "public") == 0 ? NULL : arena_strdup(a, nsp);
}

static bool row_table(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    const char *schema = schema_of(r->a, v[1]);
    if (introspect_is_ledger(r->db, schema, v[2]))
        return true;
    DbTable *t = INTRO_PUSH(r->a, r->s->tables, r->s->ntables, r->cap_tables);
    t->schema = schema;
    t->name = arena_strdup(r->a, v[2]);
    t->comment = v[5] ? arena_strdup(r->a, v[5]) : NULL;
    if (strcmp(v[3], "p") == 0 || strcmp(v[4], "true") == 0)
        t->why = v[3][0] == 'p' ? "a partitioned table"
                                : "a partition of another table";
    *INTRO_PUSH(r->a, r->oids, r->noids, r->cap_oids) = oid_of(v[0]);
    return true;
}

/* format_type()'s spelling in the language's. */
static const struct {
    const char *pg, *lang;
} type_names[] = {
    {"character varying", "varchar"},
    {"character", "char"},
    {"timestamp with time zone", "timestamptz"},
    {"timestamp without time zone", "timestamp"},
    {"time without time zone", "time"},
    {"time with time zone", "timetz"},
};

static const char *lang_type(Arena *a, const char *t)
{
    for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
        size_t n = strlen(type_names[i].pg);
        if (strncmp(t, type_names[i].pg, n) == 0 &&
            (t[n] == '\0' || t[n] == '('))
            return arena_printf(a, "%s%s", type_names[i].lang, t + n);
    }
    return arena_strdup(a, t);
}

/* A literal with a cast to the column's type ('x'::text, '-1.5'::double
 * precision) as the bare literal; a number in quotes without them. */
static const char *lang_default(Arena *a, const char *d)
{
    if (!d || d[0] != '\'')
        return d ? arena_strdup(a, d) : NULL;
    size_t i = 1;
    for (;; i++) {
        if (d[i] == '\0')
            return arena_strdup(a, d);
        if (d[i] == '\'') {
            if (d[i + 1] == '\'') {
                i++;
                continue;
            }
            break;
        }
    }
    size_t end = i + 1;
    const char *rest = d + end;
    if (*rest != '\0' && strncmp(rest, "::", 2) != 0)
        return arena_strdup(a, d);
    if (*rest && (strchr(rest, '(') || strchr(rest, '\'') ||
                  strchr(rest, ' ') != strrchr(rest, ' ')))
        /* '...'::character varying is fine; anything longer is not a
         * plain cast. */
        if (strncmp(rest, "::character varying", 19) != 0 &&
            strncmp(rest, "::double precision", 18) != 0 &&
            strncmp(rest, "::timestamp with", 16) != 0 &&
            strncmp(rest, "::timestamp without", 19) != 0 &&
            strncmp(rest, "::time without", 14) != 0)
            return arena_strdup(a, d);
    /* A number in quotes: '-1.5' */
    const char *p = d + 1;
    if (*p == '-' || *p == '+')
        p++;
    bool digits = false, number = true;
    for (; p < d + i; p++) {
        if (isdigit((unsigned char)*p))
            digits = true;
        else if (*p != '.' && *p != 'e' && *p != 'E')
            number = false;
    }
    if (number && digits && *rest)
        return arena_strndup(a, d + 1, i - 1);
    return arena_strndup(a, d, end);
}

static int grow_per_table(Arena *a, int **caps, int n)
{
    *caps = ARENA_ARRAY(a, int, n > 0 ? n : 1);
    return n;
}

static bool row_column(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, oid_of(v[0]));
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    DbColumn *c = INTRO_PUSH(r->a, t->cols, t->ncols, r->ccap[ti]);
    c->name = arena_strdup(r->a, v[1]);
    c->type = lang_type(r->a, v[2]);
    c->not_null = strcmp(v[3], "true") == 0;
    c->def = lang_default(r->a, v[4]);
    c->comment = v[9] ? arena_strdup(r->a, v[9]) : NULL;
    if (v[5] && (v[5][0] == 'a' || v[5][0] == 'd'))
        c->identity = v[5][0];
    if (v[6] && v[6][0] == 's' && v[4]) {
        c->generated = introspect_unparen(r->a, v[4]);
        c->def = NULL;
    } else if (v[6] && v[6][0]) {
        t->why = arena_printf(r->a, "column %s is a generated column", v[1]);
    }
    /* A serial column: its own sequence supplies the default. */
    if (strcmp(v[7], "true") == 0 && c->def &&
        strncmp(c->def, "nextval(", 8) == 0) {
        if (strcmp(v[8], "integer") == 0) {
            c->type = "serial";
            c->def = NULL;
        } else if (strcmp(v[8], "bigint") == 0) {
            c->type = "bigserial";
            c->def = NULL;
        }
    }
    return true;
}

static bool row_con(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, oid_of(v[0]));
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    if (v[3][0] == 'x') {
        t->why = arena_printf(r->a, "constraint %s is an exclusion "
                              "constraint", v[2]);
        return true;
    }
    DbConstraint *k = INTRO_PUSH(r->a, t->cons, t->ncons, r->kcap[ti]);
    k->name = arena_strdup(r->a, v[2]);
    static const struct {
        char code;
        DbConKind kind;
    } kinds[] = {{'p', DBCON_PRIMARY}, {'u', DBCON_UNIQUE},
                 {'c', DBCON_CHECK}, {'f', DBCON_FOREIGN}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].code == v[3][0])
            k->kind = kinds[i].kind;
    if (k->kind == DBCON_CHECK) {
        k->check = introspect_unparen(r->a, v[7]);
        if (strstr(v[8], "NOT VALID") || strstr(v[8], "NO INHERIT"))
            t->why = arena_printf(r->a, "check %s is %s", v[2],
                                  strstr(v[8], "NOT VALID") ? "NOT VALID"
                                                            : "NO INHERIT");
    }
    if (k->kind == DBCON_FOREIGN) {
        int rt = table_at(r, oid_of(v[4]));
        if (rt < 0) {
            t->why = arena_printf(r->a, "foreign key %s references a table "
                                  "left out", v[2]);
        } else {
            k->ref_schema = r->s->tables[rt].schema;
            k->ref_table = r->s->tables[rt].name;
        }
        k->on_delete = introspect_fk_action(v[5]);
        k->on_update = introspect_fk_action(v[6]);
        if (strstr(v[8], "DEFERRABLE") || strstr(v[8], "MATCH FULL") ||
            strstr(v[8], "NOT VALID"))
            t->why = arena_printf(r->a, "foreign key %s is %s", v[2],
                                  strstr(v[8], "MATCH FULL") ? "MATCH FULL"
                                  : strstr(v[8], "NOT VALID")
                                      ? "NOT VALID" : "DEFERRABLE");
    }
    int n = atoi(v[9] ? v[9] : "0");
    if (k->kind != DBCON_CHECK && n > 0) {
        k->cols = ARENA_ARRAY(r->a, const char *, n);
        if (k->kind == DBCON_FOREIGN)
            k->ref_cols = ARENA_ARRAY(r->a, const char *, n);
    }
    int nk = t->ncons - 1;
    *INTRO_PUSH(r->a, r->koid[ti], nk, r->kocap[ti]) = oid_of(v[1]);
    return true;
}

static bool row_concol(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    unsigned long oid = oid_of(v[0]);
    /* Find the constraint: the rows come in the order of the
     * constraints, so the walk goes forward only. */
    int at = r->at, item = r->at_item;
    while (at < r->s->ntables) {
        DbTable *t = &r->s->tables[at];
        for (; item < t->ncons; item++) {
            DbConstraint *k = &t->cons[item];
            if (r->koid[at][item] != oid || !k->cols)
                continue;
            k->cols[k->ncols] = arena_strdup(r->a, v[1]);
            if (k->ref_cols)
                k->ref_cols[k->ncols] = v[2] ? arena_strdup(r->a, v[2]) : "";
            k->ncols++;
            r->at = at;
            r->at_item = item;
            return true;
        }
        at++;
        item = 0;
    }
    return true;    /* a constraint of a table left out */
}

static bool row_index(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int ti = table_at(r, oid_of(v[0]));
    if (ti < 0)
        return true;
    DbTable *t = &r->s->tables[ti];
    DbIndex *x = INTRO_PUSH(r->a, t->idx, t->nidx, r->icap[ti]);
    x->name = arena_strdup(r->a, v[2]);
    x->unique = strcmp(v[3], "true") == 0;
    x->where = introspect_unparen(r->a, v[4]);
    x->method = v[8] ? arena_strdup(r->a, v[8]) : NULL;
    if (strcmp(v[5], "true") != 0 || strstr(v[6], " INVALID")) {
        x->sql = arena_strdup(r->a, v[6]);
        x->why = arena_strdup(r->a, v[7]);
        x->sql_down = t->schema
            ? arena_printf(r->a, "DROP INDEX \"%s\".\"%s\"", t->schema,
                           x->name)
            : arena_printf(r->a, "DROP INDEX \"%s\"", x->name);
    }
    int ni = t->nidx - 1;
    *INTRO_PUSH(r->a, r->ioid[ti], ni, r->iocap[ti]) = oid_of(v[1]);
    return true;
}

static bool row_indcol(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    unsigned long oid = oid_of(v[0]);
    if (oid != r->last) {
        /* The next index: find it, walking forward. */
        r->last = oid;
        r->at_col = -1;
        int at = r->at, item = r->at_item;
        while (at < r->s->ntables) {
            DbTable *t = &r->s->tables[at];
            for (; item < t->nidx; item++)
                if (!t->idx[item].sql && r->ioid[at][item] == oid)
                    break;
            if (item < t->nidx)
                break;
            at++;
            item = 0;
        }
        if (at >= r->s->ntables)
            return true;    /* an index written as SQL, or left out */
        r->at = at;
        r->at_item = item;
        DbIndex *x = &r->s->tables[at].idx[item];
        x->cols = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        x->exprs = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        x->opts = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        x->incl = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        x->ncols = 0;
        x->nincl = 0;
        r->at_col = 0;
    }
    if (r->at_col < 0)
        return true;
    DbIndex *x = &r->s->tables[r->at].idx[r->at_item];
    if (strcmp(v[3], "true") == 0) {
        if (v[1] && x->nincl < INDEX_COLS_MAX)
            x->incl[x->nincl++] = arena_strdup(r->a, v[1]);
    } else if (x->ncols < INDEX_COLS_MAX) {
        x->cols[x->ncols] = v[1] ? arena_strdup(r->a, v[1]) : NULL;
        x->exprs[x->ncols] = v[1] || !v[2] ? NULL : arena_strdup(r->a, v[2]);
        x->opts[x->ncols] = v[4] && *v[4] ? arena_strdup(r->a, v[4]) : NULL;
        x->ncols++;
    }
    return true;
}

static bool row_enum(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    unsigned long oid = oid_of(v[0]);
    if (r->s->nenums == 0 || oid != r->enum_oid) {
        DbEnum *e = INTRO_PUSH(r->a, r->s->enums, r->s->nenums,
                               r->cap_enums);
        e->name = arena_strdup(r->a, v[1]);
        r->enum_oid = oid;
        r->cap_labels = 0;
    }
    DbEnum *e = &r->s->enums[r->s->nenums - 1];
    *INTRO_PUSH(r->a, e->labels, e->nlabels, r->cap_labels) =
        arena_strdup(r->a, v[2]);
    return true;
}

static bool row_schema(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int cap = r->s->nschemas;   /* grown by doubling from the count */
    const char **nv = ARENA_ARRAY(r->a, const char *, cap + 1);
    if (cap)
        memcpy(nv, r->s->schemas, sizeof *nv * (size_t)cap);
    nv[cap] = arena_strdup(r->a, v[0]);
    r->s->schemas = nv;
    r->s->nschemas++;
    return true;
}

static bool row_ext(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int cap = r->s->nexts;      /* one more each row: few extensions */
    const char **nv = ARENA_ARRAY(r->a, const char *, cap + 1);
    const char **ns = ARENA_ARRAY(r->a, const char *, cap + 1);
    if (cap) {
        memcpy(nv, r->s->exts, sizeof *nv * (size_t)cap);
        memcpy(ns, r->s->ext_schemas, sizeof *ns * (size_t)cap);
    }
    nv[cap] = arena_strdup(r->a, v[0]);
    ns[cap] = strcmp(v[1], "public") != 0 ? arena_strdup(r->a, v[1]) : NULL;
    r->s->exts = nv;
    r->s->ext_schemas = ns;
    r->s->nexts++;
    return true;
}

static bool row_raw(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    int cap = r->s->nraw;
    DbRaw *nv = ARENA_ARRAY(r->a, DbRaw, cap + 1);
    if (cap)
        memcpy(nv, r->s->raw, sizeof *nv * (size_t)cap);
    DbRaw *x = &nv[cap];
    x->what = v[1] && strcmp(v[1], "public") != 0
        ? arena_printf(r->a, "%s %s.%s", v[0], v[1], v[2])
        : arena_printf(r->a, "%s %s", v[0], v[2]);
    x->sql = arena_strdup(r->a, v[3]);
    x->down = v[4] ? arena_strdup(r->a, v[4]) : NULL;
    x->why = arena_printf(r->a, "the language has no statement for this %s",
                          v[0]);
    x->first = strcmp(v[5], "true") == 0;
    r->s->raw = nv;
    r->s->nraw++;
    *INTRO_PUSH(r->a, r->raw_oids, r->nraw_oids, r->cap_raw_oids) =
        oid_of(v[6]);
    if (strcmp(v[0], "view") == 0 ||
        strcmp(v[0], "materialized view") == 0) {
        /* row_view writes it in the language when it can. */
        x->view_schema = schema_of(r->a, v[1]);
        x->view_name = arena_strdup(r->a, v[2]);
        r->nviews++;
    }
    return true;
}

/* The object of s->raw read with `oid`, or NULL. */
static DbRaw *raw_at(const PgRead *r, unsigned long oid)
{
    for (int i = 0; i < r->nraw_oids; i++)
        if (r->raw_oids[i] == oid)
            return &r->s->raw[i];
    return NULL;
}

/* A view read as SQL, in the language when it can be. */
static bool row_view(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    DbRaw *x = raw_at(r, oid_of(v[0]));
    if (!x)
        return true;    /* an extension's */
    const char *kind = v[1][0] == 'm' ? "materialized view" : "view";
    if (v[4] && *v[4]) {
        x->why = arena_printf(r->a, "the language has no options for a "
                              "%s (%s)", kind, v[4]);
        return true;
    }
    if (v[5]) {
        x->why = arena_printf(r->a, "the language has no tablespace for a "
                              "%s (%s)", kind, v[5]);
        return true;
    }
    x->materialized = v[1][0] == 'm';
    x->no_data = x->materialized && strcmp(v[2], "false") == 0;
    x->view_query = arena_strdup(r->a, v[3]);
    return true;
}

/* A column of an index of a materialized view the language writes. */
static bool row_matindcol(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    DbRaw *x = raw_at(r, oid_of(v[0]));
    if (!x)
        return true;
    if (!x->view_index) {
        DbRaw *view = raw_at(r, oid_of(v[1]));
        if (!view || !view->view_query || strcmp(v[4], "true") != 0)
            return true;    /* stays SQL, as its view does */
        DbIndex *ix = ARENA_NEW(r->a, DbIndex);
        ix->name = arena_strdup(r->a, v[10]);
        ix->unique = strcmp(v[2], "true") == 0;
        ix->where = introspect_unparen(r->a, v[3]);
        ix->method = v[5] ? arena_strdup(r->a, v[5]) : NULL;
        ix->cols = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        ix->exprs = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        ix->opts = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        ix->incl = ARENA_ARRAY(r->a, const char *, INDEX_COLS_MAX);
        x->view_schema = view->view_schema;
        x->view_name = view->view_name;
        x->view_index = ix;
    }
    DbIndex *ix = (DbIndex *)x->view_index;
    if (strcmp(v[8], "true") == 0) {
        if (v[6] && ix->nincl < INDEX_COLS_MAX)
            ix->incl[ix->nincl++] = arena_strdup(r->a, v[6]);
    } else if (ix->ncols < INDEX_COLS_MAX) {
        ix->cols[ix->ncols] = v[6] ? arena_strdup(r->a, v[6]) : NULL;
        ix->exprs[ix->ncols] = v[6] || !v[7] ? NULL
                                             : arena_strdup(r->a, v[7]);
        ix->opts[ix->ncols] = v[9] && *v[9] ? arena_strdup(r->a, v[9])
                                            : NULL;
        ix->ncols++;
    }
    return true;
}

/* s cut at each \x01 into *n strings of the arena; none for NULL. */
static const char **split_args(Arena *a, const char *s, int n)
{
    const char **v = ARENA_ARRAY(a, const char *, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        const char *e = s ? strchr(s, ARG_SEP[0]) : NULL;
        v[i] = !s ? "" : e ? arena_strndup(a, s, (size_t)(e - s))
                           : arena_strdup(a, s);
        s = e ? e + 1 : NULL;
    }
    return v;
}

/* A type the language reads back as itself: one lower-case word, or
 * double precision (an array, a quoted or qualified name is not). */
static bool plain_type(const char *t)
{
    if (strcmp(t, "double precision") == 0)
        return true;
    if (!islower((unsigned char)*t) && *t != '_')
        return false;
    for (; *t; t++)
        if (!islower((unsigned char)*t) && !isdigit((unsigned char)*t) &&
            *t != '_')
            return false;
    return true;
}

static bool row_routine(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    DbRoutine *x = INTRO_PUSH(r->a, r->s->routines, r->s->nroutines,
                              r->cap_routines);
    x->name = arena_strdup(r->a, v[1]);
    x->procedure = v[2][0] == 'p';
    x->nargs = atoi(v[12]);
    x->arg_names = split_args(r->a, v[3], x->nargs);
    x->arg_types = split_args(r->a, v[4], x->nargs);
    x->language = arena_strdup(r->a, v[6]);
    x->body = v[7] ? arena_strdup(r->a, v[7]) : "";
    x->first = strcmp(v[11], "true") == 0;
    const char *why = v[8] ? arena_strdup(r->a, v[8]) : NULL;
    for (int i = 0; i < x->nargs; i++) {
        if (!*x->arg_names[i])
            x->arg_names[i] = NULL;
        x->arg_types[i] = lang_type(r->a, x->arg_types[i]);
        if (!why && !plain_type(x->arg_types[i]))
            why = arena_printf(r->a, "the type of an argument (%s) is not "
                               "in the language", x->arg_types[i]);
    }
    if (!x->procedure) {
        x->returns = lang_type(r->a, v[5]);
        if (!why && !plain_type(x->returns))
            why = arena_printf(r->a, "its return type (%s) is not in the "
                               "language", x->returns);
    }
    if (why) {
        x->why = why;
        x->sql = arena_strdup(r->a, v[9]);
        x->sql_down = arena_strdup(r->a, v[10]);
        /* As before the language wrote routines: with the types. */
        x->first = true;
    }
    return true;
}

/* The condition of pg_get_triggerdef()'s `WHEN (...)`, or NULL. */
static const char *trigger_when(Arena *a, const char *def)
{
    const char *p = strstr(def, " FOR EACH ROW WHEN (");
    if (p)
        p += strlen(" FOR EACH ROW WHEN ");
    else if ((p = strstr(def, " FOR EACH STATEMENT WHEN (")))
        p += strlen(" FOR EACH STATEMENT WHEN ");
    if (!p)
        return NULL;
    int depth = 0;
    for (const char *q = p; *q; q++) {
        if (*q == '\'' || *q == '"') {
            char c = *q;
            for (q++; *q && !(*q == c && q[1] != c); q++)
                if (*q == c)
                    q++;
            if (!*q)
                return NULL;
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')' && --depth == 0) {
            const char *in = arena_strndup(a, p + 1, (size_t)(q - p - 1));
            return introspect_unparen(a, in);
        }
    }
    return NULL;
}

/* The routine a trigger may name in the language: a function of that
 * name without arguments returning trigger, written in the language. */
static bool trigger_fn_ok(const DbSchema *s, const char *name)
{
    for (int i = 0; i < s->nroutines; i++) {
        const DbRoutine *x = &s->routines[i];
        if (strcmp(x->name, name) == 0 && x->nargs == 0 && !x->sql &&
            x->returns && strcmp(x->returns, "trigger") == 0)
            return true;
    }
    return false;
}

static bool row_trigger(void *ctx, int ncols, const char *const *v)
{
    PgRead *r = ctx;
    (void)ncols;
    DbTrigger *g = INTRO_PUSH(r->a, r->s->triggers, r->s->ntriggers,
                              r->cap_triggers);
    g->schema = schema_of(r->a, v[1]);
    g->table = arena_strdup(r->a, v[2]);
    g->name = arena_strdup(r->a, v[3]);
    unsigned type = (unsigned)atoi(v[4]);
    g->for_each_row = type & 1u;
    g->timing = type & 64u ? "instead of" : type & 2u ? "before" : "after";
    static const struct {
        unsigned pg, lang;
    } events[] = {{4u, DBTG_INSERT}, {8u, DBTG_DELETE}, {16u, DBTG_UPDATE},
                  {32u, DBTG_TRUNCATE}};
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        if (type & events[i].pg)
            g->events |= events[i].lang;
    if (v[5]) {
        int n = 1;
        for (const char *p = v[5]; *p; p++)
            n += *p == ARG_SEP[0];
        g->update_cols = split_args(r->a, v[5], n);
        g->nupdate_cols = n;
    }
    g->when = trigger_when(r->a, v[6]);
    g->function = arena_strdup(r->a, v[8]);
    const char *why = v[9] ? arena_strdup(r->a, v[9]) : NULL;
    if (!why && !trigger_fn_ok(r->s, g->function))
        why = arena_printf(r->a, "its function %s() is written as sql",
                           g->function);
    if (why) {
        g->why = why;
        g->sql = arena_strdup(r->a, v[6]);
        g->sql_down = arena_strdup(r->a, v[7]);
    }
    return true;
}

bool introspect_pg(Db *db, Arena *a, DbSchema *out, DbError *err)
{
    PgRead r;
    memset(&r, 0, sizeof r);
    r.db = db;
    r.a = a;
    r.s = out;
    const DbDriver *d = db->drv;
    if (!d->query(db, q_schemas, 0, NULL, row_schema, &r, err) ||
        !d->query(db, q_exts, 0, NULL, row_ext, &r, err) ||
        !d->query(db, q_enums, 0, NULL, row_enum, &r, err) ||
        !d->query(db, q_tables, 0, NULL, row_table, &r, err))
        return false;
    int n = out->ntables;
    grow_per_table(a, &r.ccap, n);
    grow_per_table(a, &r.kcap, n);
    grow_per_table(a, &r.icap, n);
    grow_per_table(a, &r.kocap, n);
    grow_per_table(a, &r.iocap, n);
    r.koid = ARENA_ARRAY(a, unsigned long *, n > 0 ? n : 1);
    r.ioid = ARENA_ARRAY(a, unsigned long *, n > 0 ? n : 1);
    if (!d->query(db, q_columns, 0, NULL, row_column, &r, err) ||
        !d->query(db, q_cons, 0, NULL, row_con, &r, err) ||
        !d->query(db, q_concols, 0, NULL, row_concol, &r, err))
        return false;
    r.at = r.at_item = 0;
    r.last = 0;
    if (!d->query(db, q_indexes, 0, NULL, row_index, &r, err) ||
        !d->query(db, q_indcols, 0, NULL, row_indcol, &r, err))
        return false;
    if (!d->query(db, q_raw, 0, NULL, row_raw, &r, err) ||
        !d->query(db, q_routines, 0, NULL, row_routine, &r, err) ||
        !d->query(db, q_triggers, 0, NULL, row_trigger, &r, err))
        return false;
    if (r.nviews == 0)
        return true;
    return d->query(db, q_views, 0, NULL, row_view, &r, err) &&
           d->query(db, q_matindcols, 0, NULL, row_matindcol, &r, err);
}
