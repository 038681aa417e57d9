#!/usr/bin/env bash
# Round trip on a real MariaDB server (tests/lib/mariadb.sh): for every
# example, every case of tests/cases, of tests/rowcases and the cases
# below, migration by migration, fill every table with generated rows,
# apply the compiled up SQL (--dialect mysql), then the derived down SQL,
# and require the schema after the down (SHOW CREATE TABLE of every table,
# through mariadb-dump) to be the schema before the up, and the rows to be
# the rows before it (all of them for a reversible migration, the columns
# that survive for a lossy one); then apply the up again and go on.
#
# The rows come from the compiler's row generator (compiler/rows.h), run
# through the test tool rowgen (tests/tools/rowgen.c): 2 rows per table
# before each migration, numbered 10*N and 10*N+1 for the Nth, so that
# every unique value stays unique (rows a migration inserts itself take
# the numbers after them).
#
# Column order is not compared (the model puts a column a down restores
# last), nor a table's AUTO_INCREMENT counter.
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/mariadb.sh
MIGC=${MIGC:-./migc}
ROWGEN=${ROWGEN:-${BUILD:-build}/tests/tools/rowgen}
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit mdb_stop
mdb_start || { fail "start MariaDB"; summary; exit 1; }

# Sort the lines between "CREATE TABLE ... (" and ") ...;", without the
# trailing comma that depends on a line's position.
normalise() {
	sed -E 's/ AUTO_INCREMENT=[0-9]+//' | awk '
	/^CREATE TABLE .*\($/ { print; inside = 1; n = 0; next }
	inside && /^\)/ {
		for (i = 1; i <= n; i++) { sub(/,$/, "", cols[i]) }
		for (i = 2; i <= n; i++) { v = cols[i]; j = i - 1
			while (j > 0 && cols[j] > v) { cols[j+1] = cols[j]; j-- }
			cols[j+1] = v }
		for (i = 1; i <= n; i++) print cols[i]
		print; inside = 0; next }
	inside { cols[++n] = $0; next }
	{ print }'
}

dump() { mdb_dump_schema "$1" | normalise; }

# ---- cases of our own (tests/rowcases/, shared with t_sqlite_roundtrip.sh;
# copied to the scratch folder, where raw sql that fails is a failure) ----

mk() { mkdir -p "$SCRATCH/own/$1"; cat >"$SCRATCH/own/$1/$2"; }
mkdir -p "$SCRATCH/own"
cp -R tests/rowcases/. "$SCRATCH/own/"

rows() {
	mdb_sql -N "$1" -e "SELECT * FROM $2 ORDER BY id" 2>&1
}

# contents DB SELECTS: the rows of every table, as the SELECTs print them.
contents() { mdb_sql -N "$1" <"$2" 2>&1; }

# ---- the round trip ----

db_n=0
for dir in examples/migrations tests/cases/* "$SCRATCH"/own/*; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	if [ "$name" = matviews ]; then
		expect_fail "$name: materialized views do not compile for mysql" \
			"$MIGC" compile --dialect mysql --dir "$dir"
		expect_contains "$name: the error names mysql" \
			"mysql has no materialized views" "$TAP_OUT"
		continue
	fi
	if [ "$name" = routines_pg ]; then
		# PostgreSQL's routines: mysql refuses at the statement, naming itself.
		expect_fail "$name: does not compile for mysql" \
			"$MIGC" compile --dialect mysql --dir "$dir"
		expect_contains "$name: the error names mysql" \
			"error: a mysql trigger has one event" "$TAP_OUT"
		continue
	fi
	if [ "$name" = schemas ]; then
		expect_fail "$name: schemas do not compile for mysql" \
			"$MIGC" compile --dialect mysql --dir "$dir"
		expect_contains "$name: the error names mysql" \
			"a mysql schema is a database: create schema cannot be compiled for mysql" "$TAP_OUT"
		continue
	fi
	db_n=$((db_n + 1))
	db="rt_$db_n"
	[ "$name" = rebuild ] && rebuild_n=$db_n
	mdb_createdb "$db" >/dev/null
	versions=$(ls "$dir" | sed -n -E 's/^([0-9]+)_[a-z0-9_]+\.mig$/\1/p')
	step=0
	for v in $versions; do
		label="$name $v"
		step=$((step + 1))
		if ! "$ROWGEN" insert "$dir" mysql "$v" $((10 * step)) 2 >"$SCRATCH/rows.sql" 2>"$SCRATCH/err"; then
			fail "$label: rows for every table" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! mdb_sql "$db" <"$SCRATCH/rows.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: generated rows go in" "$(cat "$SCRATCH/out")"
			break
		fi
		"$ROWGEN" select "$dir" mysql "$v" >"$SCRATCH/all.sel" &&
			"$ROWGEN" select "$dir" mysql "$v" surviving >"$SCRATCH/kept.sel" || {
			fail "$label: rowgen select"; break; }
		contents "$db" "$SCRATCH/all.sel" >"$SCRATCH/rows_all.txt"
		contents "$db" "$SCRATCH/kept.sel" >"$SCRATCH/rows_kept.txt"
		dump "$db" >"$SCRATCH/before.sql"
		books=$(rows "$db" books)
		if ! "$MIGC" compile --dialect mysql --dir "$dir" "$v" >"$SCRATCH/up.sql" 2>"$SCRATCH/err"; then
			if grep -q "cannot be compiled for mysql" "$SCRATCH/err"; then
				skip "$label: compile up" "$(grep -m1 -o 'error: .*' "$SCRATCH/err")"
				break
			fi
			fail "$label: compile up" "$(cat "$SCRATCH/err")"
			break
		fi
		if ! mdb_sql "$db" <"$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			if [ "${dir#"$SCRATCH"}" = "$dir" ] && grep -q '^ *sql ' "$dir/${v}_"*.mig; then
				# the raw sql of the examples and cases is PostgreSQL's
				skip "$label: up runs on MariaDB" "raw sql for PostgreSQL"
				break
			fi
			fail "$label: up runs on MariaDB" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_up.sql"
		"$MIGC" compile --dialect mysql --down --dir "$dir" "$v" >"$SCRATCH/down.sql" 2>"$SCRATCH/err" || {
			fail "$label: compile down" "$(cat "$SCRATCH/err")"; break; }
		if grep -q '^-- irreversible' "$SCRATCH/down.sql"; then
			ok "$label: irreversible, no down to run"
			continue
		fi
		if ! mdb_sql "$db" <"$SCRATCH/down.sql" >"$SCRATCH/out" 2>&1; then
			if [ "${dir#"$SCRATCH"}" = "$dir" ] && grep -q '^ *sql ' "$dir/${v}_"*.mig; then
				skip "$label: down runs on MariaDB" "raw sql for PostgreSQL"
				break
			fi
			fail "$label: down runs on MariaDB" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/after_down.sql"
		expect_file_eq "$label: schema after up+down equals schema before" \
			"$SCRATCH/before.sql" "$SCRATCH/after_down.sql"
		if grep -q '^-- [^ ]*: down, lossy$' "$SCRATCH/down.sql"; then
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
		if ! mdb_sql "$db" <"$SCRATCH/up.sql" >"$SCRATCH/out" 2>&1; then
			fail "$label: up runs again after its down" "$(cat "$SCRATCH/out")"
			break
		fi
		dump "$db" >"$SCRATCH/again.sql"
		expect_file_eq "$label: up after down gives the same schema as the first up" \
			"$SCRATCH/after_up.sql" "$SCRATCH/again.sql"
	done
done

db="rt_$rebuild_n"
expect_eq "rebuild: every book with its values after all migrations" \
	"1	A	1	0
2	B	0	0
NULL	C	0	0" \
	"$(mdb_sql -N "$db" -e "SELECT author_id, name, flag, stock FROM volumes WHERE name IN ('A', 'B', 'C') ORDER BY name" 2>&1)"
expect_eq "rebuild: writers kept their names, quote included" \
	"1	Ann
2	O'Brien" "$(mdb_sql -N "$db" -e "SELECT id, name FROM writers WHERE id < 3 ORDER BY id")"

# ---- foreign keys and the index MySQL makes for them ----

mk fkindex 0001_create.mig <<'EOF'
create table p (id serial primary key);
create table c (id serial primary key, pid integer not null references p);
EOF
mk fkindex 0002_index.mig <<'EOF'
create index c_pid_idx on c (pid);
EOF
mk fkindex 0003_drop_index.mig <<'EOF'
drop index c_pid_idx;
EOF
mk fkindex 0004_drop_fk.mig <<'EOF'
drop constraint c.c_pid_fkey;
EOF
fkc() { "$MIGC" compile --dialect mysql --dir "$SCRATCH/own/fkindex" "$1" 2>&1; }
expect_contains "fk: an index that serves a foreign key replaces its own" \
	'ALTER TABLE `c` ADD INDEX `c_pid_idx` (`pid`), DROP INDEX `c_pid_fkey`;' "$(fkc 0002)"
expect_contains "fk: dropping the index that served it gives the key its own back" \
	'ALTER TABLE `c` ADD INDEX `c_pid_fkey` (`pid`), DROP INDEX `c_pid_idx`;' "$(fkc 0003)"
expect_contains "fk: dropping the key drops its own index" \
	'ALTER TABLE `c` DROP FOREIGN KEY `c_pid_fkey`, DROP INDEX `c_pid_fkey`;' "$(fkc 0004)"
db=fk_steps
mdb_createdb "$db" >/dev/null
for v in 0001 0002 0003 0004; do
	fkc "$v" | mdb_sql "$db" 2>&1
done
expect_eq "fk: no index is left behind" "" \
	"$(mdb_dump_schema "$db" | grep -E '^ +KEY' || true)"

summary
