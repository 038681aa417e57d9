#!/usr/bin/env bash
# Round trip on SQLite (the sqlite3 command-line shell): for every example,
# every case of tests/cases and of tests/rowcases, migration by migration,
# fill every table with generated rows, apply the compiled up SQL, then the
# derived down SQL, and require the schema after the down to be the schema
# before the up, and the rows to be the rows before it (all of them for a
# reversible migration, the columns that survive for a lossy one); then
# apply the up again and go on.  Rows inserted before a table rebuild must
# all be there, with their values, after it and after its down.
#
# The rows come from the compiler's row generator (compiler/rows.h), run
# through the test tool rowgen (tests/tools/rowgen.c): 2 rows per table
# before each migration, numbered 10*N and 10*N+1 for the Nth, so that
# every unique value stays unique (rows a migration inserts itself take
# the numbers after them).
#
# The schema is compared through SQLite's own view of it (the pragmas:
# columns with type, null, default and key; foreign keys; indexes with
# their columns), plus each table's constraint names and each index's SQL,
# because the CREATE TABLE text itself differs between a table that
# ALTER TABLE ADD COLUMN changed and the same table rebuilt from the model.
# Column order is not compared: the model puts a column that a down
# restores last, as PostgreSQL must (see t_pg_roundtrip.sh).
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
MIGC=${MIGC:-./migc}
ROWGEN=${ROWGEN:-${BUILD:-build}/tests/tools/rowgen}
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"

# sq DB: the sqlite3 shell, stopping at the first error.
sq() { sqlite3 -bail -batch "$@"; }

# SQLite's RENAME COLUMN writes the new name "quoted" into the SQL of the
# indexes it rewrites (the emitter quotes every name), where the model
# writes a plain name bare: the two spellings are the same index, so the
# index SQL is compared with the quotes of plain names taken off.
dump() {
	local db=$1 t
	sq "$db" <<'EOF' | sed -E '/^(index|view)sql\|/s/"([a-z_][a-z0-9_]*)"/\1/g'
.mode list
.separator |
SELECT 'col', m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk
  FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
 WHERE m.type = 'table' ORDER BY m.name, p.name;
SELECT 'fk', m.name, f."table", f."from", f."to", f.on_update, f.on_delete
  FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
 WHERE m.type = 'table' ORDER BY 2, 3, 4, 5, 6, 7;
SELECT 'index', m.name, CASE i.origin WHEN 'c' THEN i.name ELSE '-' END,
       i."unique", i.origin, i.partial,
       (SELECT group_concat(x.name, ',') FROM
          (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) x)
  FROM sqlite_schema m JOIN pragma_index_list(m.name) i
 WHERE m.type = 'table' ORDER BY 2, 3, 4, 5, 6, 7;
SELECT 'indexsql', name, sql FROM sqlite_schema
 WHERE type = 'index' AND sql IS NOT NULL ORDER BY name;
SELECT 'viewsql', name, replace(sql, char(10), ' ') FROM sqlite_schema
 WHERE type = 'view' ORDER BY name;
EOF
	for t in $(sq "$db" "SELECT hex(name) FROM sqlite_schema WHERE type = 'table' ORDER BY name"); do
		sq "$db" "SELECT sql FROM sqlite_schema WHERE hex(name) = '$t'" |
			grep -oE 'CONSTRAINT "([^"]|"")*" [A-Z]+' | sort | sed "s/^/cons|$t|/"
	done
}

# ---- cases of our own: every kind of rebuild, rows that must survive ----
# (tests/rowcases/, shared with t_mysql_roundtrip.sh; copied to the
# scratch folder, where raw sql that fails is a failure, not a skip)

mkdir -p "$SCRATCH/own"
cp -R tests/rowcases/. "$SCRATCH/own/"

rows() {
	sq "$1" "SELECT * FROM ${2} ORDER BY id" 2>&1
}

# contents DB SELECTS: the rows of every table, as the SELECTs print them.
contents() { sq "$1" <"$2" 2>&1; }

# ---- the round trip ----

db_n=0
for dir in examples/migrations tests/cases/* "$SCRATCH"/own/*; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	if [ "$name" = matviews ]; then
		expect_fail "$name: materialized views do not compile for sqlite" \
			"$MIGC" compile --dialect sqlite --dir "$dir"
		expect_contains "$name: the error names sqlite" \
			"sqlite has no materialized views" "$TAP_OUT"
		continue
	fi
	if [ "$name" = routines_pg ]; then
		# PostgreSQL's routines: sqlite refuses at the statement, naming itself.
		expect_fail "$name: does not compile for sqlite" \
			"$MIGC" compile --dialect sqlite --dir "$dir"
		expect_contains "$name: the error names sqlite" \
			"error: a sqlite trigger has one event" "$TAP_OUT"
		continue
	fi
	if [ "$name" = schemas ]; then
		# SQLite has no schemas: a compile error naming the dialect.
		expect_fail "$name: schemas do not compile for sqlite" \
			"$MIGC" compile --dialect sqlite --dir "$dir"
		expect_contains "$name: the error names sqlite" \
			"sqlite has no schemas: create schema cannot be compiled for sqlite" "$TAP_OUT"
		continue
	fi
	db_n=$((db_n + 1))
	db="$SCRATCH/rt_$db_n.sqlite"
	[ "$name" = rebuild ] && rebuild_n=$db_n
	versions=$(ls "$dir" | sed -n -E 's/^([0-9]+)_[a-z0-9_]+\.mig$/\1/p')
	step=0
	for v in $versions; do
		label="$name $v"
		step=$((step + 1))
		if ! "$ROWGEN" insert "$dir" sqlite "$v" $((10 * step)) 2 >"$SCRATCH/rows.sql" 2>"$SCRATCH/err"; then
			fail "$label: rows for every table" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! sq "$db" <"$SCRATCH/rows.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: generated rows go in" "$(cat "$SCRATCH/out")"
			break
		fi
		"$ROWGEN" select "$dir" sqlite "$v" >"$SCRATCH/all.sel" &&
			"$ROWGEN" select "$dir" sqlite "$v" surviving >"$SCRATCH/kept.sel" || {
			fail "$label: rowgen select"; break; }
		contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_all.txt"
		contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_kept.txt"
		dump "$db" >"$SCRATCH/before.txt"
		books=$(rows "$db" books)
		if ! "$MIGC" compile --dialect sqlite --dir "$dir" "$v" >"$SCRATCH/up.sql" 2>"$SCRATCH/err"; then
			# what SQLite lacks is refused at the statement, naming it
			if grep -q "^[^ ]*:[0-9]*:[0-9]*: error: sqlite has no .*cannot be compiled for sqlite" "$SCRATCH/err"; then
				ok "$label: refused for sqlite at the statement"
				break
			fi
			fail "$label: compile up" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! sq "$db" <"$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1 || [ -s "$SCRATCH/out" ]; then
			# foreign_key_check prints the rows it finds: output is a failure
			if [ "${dir#"$SCRATCH"}" = "$dir" ] && grep -q '^ *sql ' "$dir/${v}_"*.mig; then
				# the raw sql of the examples and cases is PostgreSQL's
				skip "$label: up runs on SQLite" "raw sql for PostgreSQL"
				break
			fi
			fail "$label: up runs on SQLite" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_up.txt"
		"$MIGC" compile --dialect sqlite --down --dir "$dir" "$v" >"$SCRATCH/down.sql" 2>"$SCRATCH/err" || {
			fail "$label: compile down" "$(cat "$SCRATCH/err")"; break; }
		if grep -q '^-- irreversible' "$SCRATCH/down.sql"; then
			ok "$label: irreversible, no down to run"
			continue
		fi
		if ! sq "$db" <"$SCRATCH/down.sql" >"$SCRATCH/out" 2>&1 || [ -s "$SCRATCH/out" ]; then
			if [ "${dir#"$SCRATCH"}" = "$dir" ] && grep -q '^ *sql ' "$dir/${v}_"*.mig; then
				skip "$label: down runs on SQLite" "raw sql for PostgreSQL"
				break
			fi
			fail "$label: down runs on SQLite" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_down.txt"
		expect_file_eq "$label: schema after up+down equals schema before" \
			"$SCRATCH/before.txt" "$SCRATCH/after_down.txt"
		if head -1 "$SCRATCH/down.sql" | grep -q ', lossy$'; then
			contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_after.txt"
			expect_file_eq "$label: lossy: the rows' surviving columns come back" \
				"$SCRATCH/rows_kept.txt" "$SCRATCH/rows_after.txt"
		else
			contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_after.txt"
			expect_file_eq "$label: reversible: the rows come back" \
				"$SCRATCH/rows_all.txt" "$SCRATCH/rows_after.txt"
		fi
		if [ "$name" = rebuild ] && [ "$v" != 0001 ] && [ "$v" -lt 4 ]; then
			expect_eq "$label: rows of books survive up+down" "$books" "$(rows "$db" books)"
		fi
		if ! sq "$db" <"$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1 || [ -s "$SCRATCH/out" ]; then
			fail "$label: up runs again after its down" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/again.txt"
		expect_file_eq "$label: up after down gives the same schema as the first up" \
			"$SCRATCH/after_up.txt" "$SCRATCH/again.txt"
	done
done

# ---- the rows, value by value, after every rebuild ----

db="$SCRATCH/rt_$rebuild_n.sqlite"
expect_eq "rebuild: every book with its values after all migrations" \
	"1|A|1|0
2|B|0|0
|C|0|0" \
	"$(sq "$db" "SELECT author_id, name, flag, stock FROM volumes WHERE name IN ('A', 'B', 'C') ORDER BY name" 2>&1)"
expect_eq "rebuild: writers kept their names, quote included" \
	"1|Ann
2|O'Brien" "$(sq "$db" "SELECT id, name FROM writers WHERE id < 3 ORDER BY id")"
expect_eq "rebuild: foreign keys hold" "" "$(sq "$db" "PRAGMA foreign_key_check")"

# ---- the rebuild, as SQL ----

"$MIGC" compile --dialect sqlite --dir "$SCRATCH/own/rebuild" 0002 >"$SCRATCH/out" 2>&1
expect_contains "rebuild: the new table is made from the model" \
	'CREATE TABLE "migc_new_books" (' "$(cat "$SCRATCH/out")"
expect_contains "rebuild: rows copied by name" \
	'INSERT INTO "migc_new_books" ("id", "author_id", "title", "price", "flag") SELECT "id", "author_id", "title", "price", "flag" FROM "books";
DROP TABLE "books";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_books" RENAME TO "books";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "books_title_idx" ON "books" ("title");' "$(cat "$SCRATCH/out")"
expect_contains "rebuild: foreign keys off around the transaction" \
	'PRAGMA foreign_keys = OFF;
BEGIN;' "$(cat "$SCRATCH/out")"
expect_contains "rebuild: foreign_key_check before commit" \
	'PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;' "$(cat "$SCRATCH/out")"

summary
