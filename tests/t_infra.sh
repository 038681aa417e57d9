#!/usr/bin/env bash
# shellcheck disable=SC2016 # literal $TAP and `quotes` in strings
# tests/infra_test.sh: self-test of the test infrastructure: tests/lib/pg.sh,
# tests/lib/mariadb.sh, tests/lib/tap.sh and tests/run-all.sh.  Starts and
# stops a throwaway PostgreSQL and MariaDB; leaves no process or directory.
set -eu
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/tap.sh
. "$here/lib/tap.sh"
# shellcheck source=lib/pg.sh
. "$here/lib/pg.sh"
# shellcheck source=lib/mariadb.sh
. "$here/lib/mariadb.sh"

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
at_exit pg_stop   # runs before the rm above: last registered, first run
at_exit mdb_stop

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# still_running DIR: processes whose command line or cwd mentions DIR
# (PostgreSQL's children retitle themselves but keep the data dir as cwd).
still_running() {
	local p c
	for p in /proc/[0-9]*; do
		c=$({ tr '\0' ' ' <"$p/cmdline"; readlink "$p/cwd"; } 2>/dev/null) || true
		case $c in *"$1"*) echo "${p#/proc/}: $c" ;; esac
	done
}

# --- run-all.sh counts and totals -------------------------------------------
cat >"$SCRATCH/a.sh" <<'EOF'
. "$TAP" ; ok one ; ok two ; fail three "why"
echo "7 passed, 0 failed"   # a stray total must not be taken for ours
summary
EOF
printf 'exit 3\n' >"$SCRATCH/b.sh"
printf 'exit 0\n' >"$SCRATCH/c.sh"
printf '. "$TAP"; ok x; summary; exit 1\n' >"$SCRATCH/d.sh"
printf '%s\n' 'echo "[  PASSED  ] 4 test(s)."' \
	'echo "[  FAILED  ] 1 test(s), listed below:"' 'exit 1' >"$SCRATCH/e.sh"
st=0
out=$(TAP=$here/lib/tap.sh "$here/run-all.sh" "$SCRATCH"/[a-e].sh) || st=$?
expect_eq "run-all: total is the last line" "8 passed, 4 failed" \
	"$(printf '%s\n' "$out" | tail -n 1)"
expect_eq "run-all: exit 1 on failures" 1 "$st"
expect_eq "run-all: one total line" 1 \
	"$(printf '%s\n' "$out" | grep -c -E '^[0-9]+ passed, [0-9]+ failed$')"
expect_contains "tap: fail message indented" $'FAIL: three\n    why' "$out"
expect_eq "tap: expect_status" "PASS: s" "$(expect_status s 3 sh -c 'exit 3')"
expect_contains "tap: expect_eq diff" $'    -a\n    +b' "$(expect_eq d a b)"
expect_eq "run-all: empty run" "0 passed, 0 failed" "$("$here/run-all.sh")"

# --- PostgreSQL ---------------------------------------------------------------
t0=$(now_ms)
pg_start
ok "pg_start"
echo "# pg_start: $(($(now_ms) - t0)) ms (PG_BINDIR=$PG_BINDIR)"
expect_eq "pg: socket only" "" "$(pg_psql -At -c 'SHOW listen_addresses')"
expect_eq "pg: server from the server bindir" "$PG_BINDIR/postgres" \
	"$(readlink "/proc/$(head -n 1 "$PG_DIR/data/postmaster.pid")/exe")"
expect_ok "pg_createdb" pg_createdb 'infra test'
expect_ok "pg: create table" pg_psql -d 'infra test' \
	-c 'CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL)'
pg_dump_schema 'infra test' >"$SCRATCH/pg1.sql"
expect_contains "pg: dump has the table" "CREATE TABLE public.widgets (" \
	"$(cat "$SCRATCH/pg1.sql")"
pg_dump_schema 'infra test' >"$SCRATCH/pg2.sql"
expect_file_eq "pg: dumps compare" "$SCRATCH/pg1.sql" "$SCRATCH/pg2.sql"
expect_fail "pg: no comment/SET/blank lines" \
	grep -q -E '^(--|SET |$|\\)' "$SCRATCH/pg1.sql"
expect_fail "pg: psql stops on error" pg_psql -c 'SELEC 1'
expect_eq "pg: pg_url works with plain libpq" "infra test" \
	"$(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE \
		"$PG_BINDIR/psql" -X -At "$(pg_url 'infra%20test')" -c 'SELECT current_database()')"
dir=$PG_DIR
pg_stop
expect_fail "pg_stop removes the directory" test -e "$dir"
expect_eq "pg_stop leaves no process" "" "$(still_running "$dir")"
expect_ok "pg_stop twice" pg_stop

# --- MariaDB ------------------------------------------------------------------
t0=$(now_ms)
mdb_start
echo "# mdb_start: $(($(now_ms) - t0)) ms"
ok "mdb_start"
expect_eq "mdb: no TCP" 1 "$(mdb_sql -N -e 'SELECT @@skip_networking')"
expect_ok "mdb_createdb" mdb_createdb infra
expect_ok "mdb: create table" mdb_sql infra \
	-e 'CREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL)'
expect_contains "mdb: SHOW CREATE TABLE" 'CREATE TABLE `widgets` (' \
	"$(mdb_sql infra -N -e 'SHOW CREATE TABLE widgets')"
expect_contains "mdb: dump has the table" 'CREATE TABLE `widgets` (' \
	"$(mdb_dump_schema infra)"
expect_fail "mdb: client fails on error" mdb_sql -e 'SELEC 1'
dir=$MDB_DIR
t0=$(now_ms)
mdb_stop
echo "# mdb_stop: $(($(now_ms) - t0)) ms"
expect_fail "mdb_stop removes the directory" test -e "$dir"
expect_eq "mdb_stop leaves no process" "" "$(still_running "$dir")"
expect_ok "mdb_stop twice" mdb_stop

summary
