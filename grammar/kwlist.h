/*
 * kwlist.h — the keywords of the migration language: the one list that the
 * scanner and the parser share, as PostgreSQL's kwlist.h.
 *
 * Each entry is MIGC_KEYWORD(word, token, category), sorted by word (the
 * scanner searches the list by bisection); the includer defines
 * MIGC_KEYWORD.  The categories (parser.y says why each is so):
 *
 *   UNRESERVED      a name anywhere: a column may be called "key"
 *   NOT_INDEX_NAME  not an index name right after create/drop index
 *   COL_RESERVED    not a column name in a create table list
 *   RESERVED        never a name unless double-quoted
 *
 * bison needs each token declared (%token in parser.y) and each category
 * spelled out as a rule (unreserved_keyword, col_reserved_keyword): a word
 * missing from %token does not compile, and tests/unit/test_parser.c
 * parses every entry as each kind of name to check that the rules agree
 * with its category.
 */
MIGC_KEYWORD("action", ACTION, UNRESERVED)
MIGC_KEYWORD("add", ADD, UNRESERVED)
MIGC_KEYWORD("after", AFTER, UNRESERVED)
MIGC_KEYWORD("allow", ALLOW, UNRESERVED)
MIGC_KEYWORD("alter", ALTER, UNRESERVED)
MIGC_KEYWORD("as", AS, UNRESERVED)
MIGC_KEYWORD("asc", ASC, UNRESERVED)
MIGC_KEYWORD("before", BEFORE, UNRESERVED)
MIGC_KEYWORD("cascade", CASCADE, UNRESERVED)
MIGC_KEYWORD("character", CHARACTER, UNRESERVED)
MIGC_KEYWORD("check", CHECK, RESERVED)
MIGC_KEYWORD("column", COLUMN, UNRESERVED)
MIGC_KEYWORD("concurrently", CONCURRENTLY, NOT_INDEX_NAME)
MIGC_KEYWORD("constraint", CONSTRAINT, COL_RESERVED)
MIGC_KEYWORD("create", CREATE, UNRESERVED)
MIGC_KEYWORD("data", DATA, UNRESERVED)
MIGC_KEYWORD("default", DEFAULT, RESERVED)
MIGC_KEYWORD("delete", DELETE, UNRESERVED)
MIGC_KEYWORD("desc", DESC, UNRESERVED)
MIGC_KEYWORD("double", DOUBLE, UNRESERVED)
MIGC_KEYWORD("down", DOWN, UNRESERVED)
MIGC_KEYWORD("drop", DROP, UNRESERVED)
MIGC_KEYWORD("enum", ENUM, UNRESERVED)
MIGC_KEYWORD("false", FALSE_P, UNRESERVED)
MIGC_KEYWORD("fill", FILL, UNRESERVED)
MIGC_KEYWORD("first", FIRST, UNRESERVED)
MIGC_KEYWORD("foreign", FOREIGN, COL_RESERVED)
MIGC_KEYWORD("include", INCLUDE, UNRESERVED)
MIGC_KEYWORD("index", INDEX, UNRESERVED)
MIGC_KEYWORD("irreversible", IRREVERSIBLE, UNRESERVED)
MIGC_KEYWORD("key", KEY, UNRESERVED)
MIGC_KEYWORD("last", LAST, UNRESERVED)
MIGC_KEYWORD("materialized", MATERIALIZED, UNRESERVED)
MIGC_KEYWORD("no", NO, UNRESERVED)
MIGC_KEYWORD("none", NONE, UNRESERVED)
MIGC_KEYWORD("not", NOT, UNRESERVED)
MIGC_KEYWORD("null", NULL_P, UNRESERVED)
MIGC_KEYWORD("nulls", NULLS, UNRESERVED)
MIGC_KEYWORD("on", ON, NOT_INDEX_NAME)
MIGC_KEYWORD("or", OR, UNRESERVED)
MIGC_KEYWORD("precision", PRECISION, UNRESERVED)
MIGC_KEYWORD("primary", PRIMARY, COL_RESERVED)
MIGC_KEYWORD("references", REFERENCES, UNRESERVED)
MIGC_KEYWORD("refresh", REFRESH, UNRESERVED)
MIGC_KEYWORD("rename", RENAME, UNRESERVED)
MIGC_KEYWORD("replace", REPLACE, UNRESERVED)
MIGC_KEYWORD("restrict", RESTRICT, UNRESERVED)
MIGC_KEYWORD("schema", SCHEMA, UNRESERVED)
MIGC_KEYWORD("sequence", SEQUENCE, UNRESERVED)
MIGC_KEYWORD("set", SET, UNRESERVED)
MIGC_KEYWORD("sql", SQL, UNRESERVED)
MIGC_KEYWORD("table", TABLE, UNRESERVED)
MIGC_KEYWORD("time", TIME, UNRESERVED)
MIGC_KEYWORD("timestamp", TIMESTAMP, UNRESERVED)
MIGC_KEYWORD("to", TO, UNRESERVED)
MIGC_KEYWORD("transaction", TRANSACTION, UNRESERVED)
MIGC_KEYWORD("true", TRUE_P, UNRESERVED)
MIGC_KEYWORD("type", TYPE, UNRESERVED)
MIGC_KEYWORD("unique", UNIQUE, COL_RESERVED)
MIGC_KEYWORD("up", UP, UNRESERVED)
MIGC_KEYWORD("update", UPDATE, UNRESERVED)
MIGC_KEYWORD("using", USING, RESERVED)
MIGC_KEYWORD("value", VALUE, UNRESERVED)
MIGC_KEYWORD("varying", VARYING, UNRESERVED)
MIGC_KEYWORD("view", VIEW, UNRESERVED)
MIGC_KEYWORD("where", WHERE, RESERVED)
MIGC_KEYWORD("with", WITH, UNRESERVED)
MIGC_KEYWORD("without", WITHOUT, UNRESERVED)
MIGC_KEYWORD("zone", ZONE, UNRESERVED)
