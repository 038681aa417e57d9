#!/usr/bin/env bash
# The same identifiers and string defaults in all three dialects, on the
# real engines: reserved words, mixed case, embedded double quotes and
# backquotes, spaces, non-ASCII names, and string defaults that try to end
# their literal (with a quote, or with a backslash for MySQL) and run a
# statement of their own.  After the up, every name must be there exactly,
# every default must come back exactly as written, and the victim table
# must still stand; after the down, nothing of it is left.
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/mariadb.sh
. tests/lib/pg.sh
MIGC=${MIGC:-./migc}
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"

mkdir "$SCRATCH/m"
cat >"$SCRATCH/m/0001_victim.mig" <<'MIG'
create table victim (id integer primary key);
MIG
cat >"$SCRATCH/m/0002_names.mig" <<'MIG'
create table "select" (
    "from"        integer primary key,
    "Mixed Case"  varchar(50),
    "quo""te"     varchar(50) default 'it''s',
    "back`tick"   varchar(50) default 'a\',
    "sp ace"      varchar(80) default '); drop table victim; -- ',
    "naïve café"  varchar(80) default '''); drop table victim; --',
    "order"       varchar(80) default 'x\''); drop table victim; --'
);
create index "idx ""q"" `b`" on "select" ("Mixed Case");
MIG

# What every engine must show, in column order.
cols='from
Mixed Case
quo"te
back`tick
sp ace
naïve café
order'
vals="1|NULL|it's|a\\|); drop table victim; -- |'); drop table victim; --|x\\'); drop table victim; --"

compile() { # DIALECT [--down]: both migrations' SQL, in the order to run
	local d=$1 v out=
	shift
	if [ $# -gt 0 ]; then
		"$MIGC" compile --dialect "$d" --dir "$SCRATCH/m" --down 0002
	else
		for v in 0001 0002; do "$MIGC" compile --dialect "$d" --dir "$SCRATCH/m" "$v"; done
	fi
}

for d in postgres sqlite mysql; do
	if compile "$d" >"$SCRATCH/$d.up.sql" 2>"$SCRATCH/err" &&
		compile "$d" --down >"$SCRATCH/$d.down.sql" 2>>"$SCRATCH/err"; then
		ok "$d: compiles"
	else
		fail "$d: compiles" "$(cat "$SCRATCH/err")"
	fi
done

# ---- SQLite ----
db=$SCRATCH/ident.sqlite
sq() { sqlite3 -bail -batch "$db" "$@"; }
if sq <"$SCRATCH/sqlite.up.sql" >"$SCRATCH/out" 2>&1 && [ ! -s "$SCRATCH/out" ]; then
	ok "sqlite: up runs"
else
	fail "sqlite: up runs" "$(cat "$SCRATCH/out")"
fi
expect_eq "sqlite: column names" "$cols" "$(sq "SELECT name FROM pragma_table_info('select') ORDER BY cid")"
expect_eq "sqlite: defaults come back as written" "$vals" \
	"$(sq -nullvalue NULL "INSERT INTO \"select\" (\"from\") VALUES (1); SELECT * FROM \"select\"")"
expect_eq "sqlite: index name" 'idx "q" `b`' "$(sq "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'select' AND sql IS NOT NULL")"
expect_eq "sqlite: the victim stands" "victim" "$(sq "SELECT name FROM sqlite_schema WHERE name = 'victim'")"
sq <"$SCRATCH/sqlite.down.sql" >"$SCRATCH/out" 2>&1 || fail "sqlite: down runs" "$(cat "$SCRATCH/out")"
expect_eq "sqlite: down leaves only the victim" "victim" "$(sq "SELECT name FROM sqlite_schema")"

# ---- MariaDB ----
at_exit mdb_stop
if mdb_start; then
	mdb_createdb ident
	my() { mdb_sql -N -r ident "$@"; }
	if my <"$SCRATCH/mysql.up.sql" >"$SCRATCH/out" 2>&1; then
		ok "mysql: up runs"
	else
		fail "mysql: up runs" "$(cat "$SCRATCH/out")"
	fi
	expect_eq "mysql: column names" "$cols" \
		"$(my -e "SELECT column_name FROM information_schema.columns WHERE table_schema = 'ident' AND table_name = 'select' ORDER BY ordinal_position")"
	expect_eq "mysql: defaults come back as written" "$vals" \
		"$(my -e 'INSERT INTO `select` (`from`) VALUES (1); SELECT * FROM `select`' | tr '\t' '|')"
	expect_eq "mysql: index name" 'idx "q" `b`' \
		"$(my -e "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = 'ident' AND table_name = 'select' AND index_name <> 'PRIMARY'")"
	expect_eq "mysql: the victim stands" "victim" "$(my -e "SHOW TABLES LIKE 'victim'")"
	my <"$SCRATCH/mysql.down.sql" >"$SCRATCH/out" 2>&1 || fail "mysql: down runs" "$(cat "$SCRATCH/out")"
	expect_eq "mysql: down leaves only the victim" "victim" "$(my -e "SHOW TABLES")"
else
	fail "mysql: start MariaDB"
fi

# ---- PostgreSQL ----
at_exit pg_stop
if pg_start; then
	pg_createdb ident >/dev/null
	pq() { pg_psql -d ident -X -q -At -F '|' -v ON_ERROR_STOP=1 "$@"; }
	if pq -f "$SCRATCH/postgres.up.sql" >"$SCRATCH/out" 2>&1; then
		ok "postgres: up runs"
	else
		fail "postgres: up runs" "$(cat "$SCRATCH/out")"
	fi
	expect_eq "postgres: column names" "$cols" \
		"$(pq -c "SELECT column_name FROM information_schema.columns WHERE table_name = 'select' ORDER BY ordinal_position")"
	expect_eq "postgres: defaults come back as written" "$vals" \
		"$(pq -P null=NULL -c 'INSERT INTO "select" ("from") VALUES (1)' -c 'SELECT * FROM "select"')"
	expect_eq "postgres: index name" 'idx "q" `b`' \
		"$(pq -c "SELECT indexname FROM pg_indexes WHERE tablename = 'select' AND indexname <> 'select_pkey'")"
	expect_eq "postgres: the victim stands" "victim" "$(pq -c "SELECT tablename FROM pg_tables WHERE tablename = 'victim'")"
	pq -f "$SCRATCH/postgres.down.sql" >"$SCRATCH/out" 2>&1 || fail "postgres: down runs" "$(cat "$SCRATCH/out")"
	expect_eq "postgres: down leaves only the victim" "victim" \
		"$(pq -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")"
else
	fail "postgres: start PostgreSQL"
fi

summary
