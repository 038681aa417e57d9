#!/usr/bin/env bash
# Round trip on a real PostgreSQL: for every example, every case of
# tests/cases and of tests/rowcases, migration by migration, fill every
# table with generated rows, apply the compiled up SQL with psql, then the
# derived down SQL, and require the schema (pg_dump --schema-only) after
# the down to be the schema before the up, and the rows to be the rows
# before it: all of them for a reversible migration, the columns that
# survive for a lossy one.  Then apply the up again and go on with the
# next migration.
#
# The rows come from the compiler's row generator (compiler/rows.h), run
# through the test tool rowgen (tests/tools/rowgen.c): 2 rows per table
# before each migration, numbered 10*N and 10*N+1 for the Nth, so that
# every unique value stays unique (rows a migration inserts itself take
# other numbers).
#
# PostgreSQL cannot put a column back in its place: a column restored by a
# down comes last.  Dumps are therefore compared with the column lines of
# each CREATE TABLE sorted; everything else must be identical, line for line.
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/pg.sh
MIGC=${MIGC:-./migc}
ROWGEN=${ROWGEN:-${BUILD:-build}/tests/tools/rowgen}
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit pg_stop
pg_start || { fail "start PostgreSQL"; summary; exit 1; }

# Sort the lines between "CREATE TABLE ... (" and ");", and strip the
# trailing comma that depends on a column's position.
normalise() {
	awk '
	/^CREATE TABLE .*\($/ { print; inside = 1; n = 0; next }
	inside && /^\);$/ {
		for (i = 1; i <= n; i++) { sub(/,$/, "", cols[i]) }
		# insertion sort, n is small
		for (i = 2; i <= n; i++) { v = cols[i]; j = i - 1
			while (j > 0 && cols[j] > v) { cols[j+1] = cols[j]; j-- }
			cols[j+1] = v }
		for (i = 1; i <= n; i++) print cols[i]
		print; inside = 0; next }
	inside { cols[++n] = $0; next }
	{ print }'
}

dump() { pg_dump_schema "$1" | normalise; }

# contents DB SELECTS: the rows of every table, as the SELECTs print them.
contents() { pg_psql -At -F '|' -d "$1" -f "$2" 2>&1; }

db_n=0
for dir in examples/migrations tests/cases/* tests/rowcases/*; do
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	db_n=$((db_n + 1))
	db="rt_$db_n"
	pg_createdb "$db" >/dev/null
	versions=$(ls "$dir" | sed -n -E 's/^([0-9]+)_[a-z0-9_]+\.mig$/\1/p')
	step=0
	for v in $versions; do
		label="$name $v"
		step=$((step + 1))
		if ! "$ROWGEN" insert "$dir" postgres "$v" $((10 * step)) 2 >"$SCRATCH/rows.sql" 2>"$SCRATCH/err"; then
			fail "$label: rows for every table" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! pg_psql -d "$db" -f "$SCRATCH/rows.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: generated rows go in" "$(cat "$SCRATCH/out")"
			break
		fi
		"$ROWGEN" select "$dir" postgres "$v" >"$SCRATCH/all.sel" &&
			"$ROWGEN" select "$dir" postgres "$v" surviving >"$SCRATCH/kept.sel" || {
			fail "$label: rowgen select"; break; }
		contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_all.txt"
		contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_kept.txt"
		dump "$db" >"$SCRATCH/before.sql"
		if ! "$MIGC" compile --dir "$dir" "$v" >"$SCRATCH/up.sql" 2>"$SCRATCH/err"; then
			fail "$label: compile up" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! pg_psql -d "$db" -f "$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: up runs on PostgreSQL" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_up.sql"
		"$MIGC" compile --down --dir "$dir" "$v" >"$SCRATCH/down.sql" 2>"$SCRATCH/err" || {
			fail "$label: compile down" "$(cat "$SCRATCH/err")"; break; }
		if grep -q '^-- irreversible' "$SCRATCH/down.sql"; then
			ok "$label: irreversible, no down to run"
			continue
		fi
		if ! pg_psql -d "$db" -f "$SCRATCH/down.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: down runs on PostgreSQL" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_down.sql"
		expect_file_eq "$label: schema after up+down equals schema before" \
			"$SCRATCH/before.sql" "$SCRATCH/after_down.sql"
		if head -1 "$SCRATCH/down.sql" | grep -q ', lossy$'; then
			contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_after.txt"
			expect_file_eq "$label: lossy: the rows' surviving columns come back" \
				"$SCRATCH/rows_kept.txt" "$SCRATCH/rows_after.txt"
		else
			contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_after.txt"
			expect_file_eq "$label: reversible: the rows come back" \
				"$SCRATCH/rows_all.txt" "$SCRATCH/rows_after.txt"
		fi
		# forward again for the next migration
		if ! pg_psql -d "$db" -f "$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: up runs again after its down" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/again.sql"
		expect_file_eq "$label: up after down gives the same schema as the first up" \
			"$SCRATCH/after_up.sql" "$SCRATCH/again.sql"
	done
done
summary
