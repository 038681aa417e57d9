#!/usr/bin/env bash
# tests/t_realworld.sh: the histories of real applications translated into
# the language (tests/realworld/APP/migrations, each with a README naming
# its source) stay what their READMEs say:
#
#   - `migc check` finds no error in them;
#   - the counts of tests/realworld/count.sh are the ones the README shows
#     (statements, data fixes, structural statements written without `sql`,
#     the missing features by count, the statements by kind);
#   - on a real PostgreSQL, migration by migration: generated rows in every
#     table (tests/tools/rowgen), the up, the derived down, the schema
#     (pg_dump) equal to the one before, the rows too where the migration
#     moves no data itself (no `sql`), then the up again, with the schema
#     of the first up;
#   - the original SQL files (APP/original, when there) give on PostgreSQL
#     the schema the translation gives;
#   - `migc up` of the whole history through the runtime, `migc down --all`
#     to an empty schema, and `migc up` again, to the same schema.
#
# SQLite is not tried: see the README of each application for why.
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/pg.sh
MIGC=${MIGC:-./migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
ROWGEN=${ROWGEN:-${BUILD:-build}/tests/tools/rowgen}
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME"
unset DATABASE_URL MIGC_DIR

for app in tests/realworld/*/; do
	app=${app%/}
	name=$(basename "$app")
	dir=$app/migrations

	"$MIGC" check --quiet --dir "$dir" >"$SCRATCH/check.txt" 2>&1
	expect_eq "$name: migc check exits 0" 0 $?
	expect_eq "$name: migc check reports no error" "" \
		"$(grep 'error' "$SCRATCH/check.txt")"

	tests/realworld/count.sh "$dir" >"$SCRATCH/count.txt" 2>&1
	expect_eq "$name: every sql statement says why" 0 $?
	awk '/^```count$/ { on = 1; next } /^```$/ { on = 0 } on' \
		"$app/README.md" >"$SCRATCH/readme_count.txt"
	expect_file_eq "$name: README.md shows the counts of count.sh" \
		"$SCRATCH/readme_count.txt" "$SCRATCH/count.txt"
	tests/realworld/count.sh --kinds "$dir" >"$SCRATCH/kinds.txt" 2>&1
	awk '/^```kinds$/ { on = 1; next } /^```$/ { on = 0 } on' \
		"$app/README.md" >"$SCRATCH/readme_kinds.txt"
	expect_file_eq "$name: README.md shows the statements by kind" \
		"$SCRATCH/readme_kinds.txt" "$SCRATCH/kinds.txt"
done

# Sort the column lines of each CREATE TABLE (a column put back by a down
# comes last in PostgreSQL) and strip the comma that depends on position.
normalise() {
	awk '
	/^CREATE TABLE .*\($/ { print; inside = 1; n = 0; next }
	inside && /^\);$/ {
		for (i = 1; i <= n; i++) { sub(/,$/, "", cols[i]) }
		for (i = 2; i <= n; i++) { v = cols[i]; j = i - 1
			while (j > 0 && cols[j] > v) { cols[j+1] = cols[j]; j-- }
			cols[j+1] = v }
		for (i = 1; i <= n; i++) print cols[i]
		print; inside = 0; next }
	inside { cols[++n] = $0; next }
	{ print }'
}
dump() { pg_dump_schema "$1" | normalise; }
contents() { pg_psql -At -F '|' -d "$1" -f "$2" 2>&1; }

at_exit pg_stop
pg_start || { fail "start PostgreSQL"; summary; exit 1; }

db_n=0
for app in tests/realworld/*/; do
	app=${app%/}
	name=$(basename "$app")
	dir=$app/migrations
	db_n=$((db_n + 1))
	db="rw_$db_n"
	pg_createdb "$db" >/dev/null
	step=0
	for v in $(ls "$dir" | sed -n -E 's/^([0-9]+)_[a-z0-9_]+\.mig$/\1/p'); do
		label="$name $v"
		step=$((step + 1))
		# A migration with sql fixes the application's data, which the
		# generated rows are not (a filters column holding JSON): it runs
		# on empty tables.  The others get 2 generated rows a table.
		if grep -q '^-- sql: ' "$dir/${v}_"*.mig; then
			withsql=1
			tables=$(pg_psql -At -d "$db" -c "select string_agg(format('%I.%I', schemaname, tablename), ', ') from pg_tables where schemaname = 'public'")
			[ -z "$tables" ] || pg_psql -d "$db" -c "truncate $tables cascade" >/dev/null
			: >"$SCRATCH/rows.sql"
		elif withsql=0; ! "$ROWGEN" insert "$dir" postgres "$v" $((1000 + 10 * step)) 2 \
			>"$SCRATCH/rows.sql" 2>"$SCRATCH/err"; then
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
		"$MIGC" compile --dir "$dir" "$v" >"$SCRATCH/up.sql" 2>"$SCRATCH/err" || {
			fail "$label: compile up" "$(cat "$SCRATCH/err")"; break; }
		if ! pg_psql -d "$db" -f "$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: up runs on PostgreSQL with rows" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_up.sql"
		"$MIGC" compile --down --dir "$dir" "$v" >"$SCRATCH/down.sql" 2>"$SCRATCH/err" || {
			fail "$label: compile down" "$(cat "$SCRATCH/err")"; break; }
		if ! pg_psql -d "$db" -f "$SCRATCH/down.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: down runs on PostgreSQL with rows" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_down.sql"
		expect_file_eq "$label: schema after up+down equals schema before" \
			"$SCRATCH/before.sql" "$SCRATCH/after_down.sql"
		# Without sql, the rows come back.
		if [ $withsql = 0 ]; then
			if head -1 "$SCRATCH/down.sql" | grep -q ', lossy$'; then
				contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_after.txt"
				expect_file_eq "$label: lossy: the rows' surviving columns come back" \
					"$SCRATCH/rows_kept.txt" "$SCRATCH/rows_after.txt"
			else
				contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_after.txt"
				expect_file_eq "$label: reversible: the rows come back" \
					"$SCRATCH/rows_all.txt" "$SCRATCH/rows_after.txt"
			fi
		fi
		if ! pg_psql -d "$db" -f "$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: up runs again after its down" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/again.sql"
		expect_file_eq "$label: up after down gives the schema of the first up" \
			"$SCRATCH/after_up.sql" "$SCRATCH/again.sql"
	done

	# The translation is faithful: the original SQL files, run as the
	# application runs them (each in a transaction), give the schema the
	# migc history gives.  PostgreSQL keeps CURRENT_TIMESTAMP as written;
	# migc writes the portable now().
	if [ -d "$app/original" ]; then
		dump "$db" >"$SCRATCH/translated.sql"
		odb="rw_orig_$db_n"
		pg_createdb "$odb" >/dev/null
		ok=1
		for f in "$app"/original/setup.sql "$app"/original/*.up.sql "$app"/original/teardown.sql; do
			[ -f "$f" ] || continue
			if ! pg_psql -1 -d "$odb" -f "$f" >"$SCRATCH/out" 2>&1; then
				fail "$name: the original $(basename "$f") runs" "$(cat "$SCRATCH/out")"
				ok=0
				break
			fi
		done
		if [ $ok = 1 ]; then
			dump "$odb" | sed 's/DEFAULT CURRENT_TIMESTAMP/DEFAULT now()/' >"$SCRATCH/original.sql"
			expect_file_eq "$name: the original SQL gives the schema of the translation" \
				"$SCRATCH/original.sql" "$SCRATCH/translated.sql"
		fi
	fi

	# The whole history through the runtime: up, down to nothing, up.
	db_n=$((db_n + 1))
	db="rw_$db_n"
	pg_createdb "$db" >/dev/null
	url=$(pg_url "$db")
	dump "$db" >"$SCRATCH/empty.sql"
	expect_status "$name: migc up applies the whole history" 0 \
		"$MIGC" up --dir "$dir" --db "$url"
	dump "$db" | grep -v 'migc' >"$SCRATCH/full.sql"
	expect_eq "$name: the history made every table of the model" \
		"$("$MIGC" schema --dir "$dir" | grep -c '^CREATE TABLE')" \
		"$(grep -c '^CREATE TABLE' "$SCRATCH/full.sql")"
	expect_status "$name: migc down --all rolls every migration back" 0 \
		"$MIGC" down --all --dir "$dir" --db "$url"
	dump "$db" | grep -v 'migc' >"$SCRATCH/zero.sql"
	expect_eq "$name: after down --all, no table, view, function or trigger is left" "" \
		"$(grep -E '^CREATE (TABLE|VIEW|FUNCTION|TRIGGER|MATERIALIZED|TYPE|INDEX|SEQUENCE)' "$SCRATCH/zero.sql")"
	expect_status "$name: migc up again" 0 "$MIGC" up --dir "$dir" --db "$url"
	dump "$db" | grep -v 'migc' >"$SCRATCH/again.sql"
	expect_file_eq "$name: the schema after up, down --all, up is the first one" \
		"$SCRATCH/full.sql" "$SCRATCH/again.sql"
done
summary
