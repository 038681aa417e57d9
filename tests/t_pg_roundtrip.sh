#!/usr/bin/env bash
# Round trip on a real PostgreSQL: for every example and every case of
# tests/cases, migration by migration, apply the compiled up SQL with psql,
# then the derived down SQL, and require the schema (pg_dump --schema-only)
# after the down to be the schema before the up.  Then apply the up again
# and go on with the next migration.
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

db_n=0
for dir in examples/migrations tests/cases/*; do
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	db_n=$((db_n + 1))
	db="rt_$db_n"
	pg_createdb "$db" >/dev/null
	versions=$(ls "$dir" | sed -n -E 's/^([0-9]+)_[a-z0-9_]+\.mig$/\1/p')
	for v in $versions; do
		label="$name $v"
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
