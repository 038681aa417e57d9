#!/usr/bin/env bash
# tests/t_introspect_mysql.sh: migc introspect on MariaDB (the throwaway
# server of tests/lib/mariadb.sh), as tests/t_introspect.sh does on
# PostgreSQL and SQLite.
#
# For every case of tests/cases and the examples that compiles for mysql,
# migration by migration: apply it with migc up, introspect the database,
# compile the introspected text, and require its `migc schema --dialect
# mysql` to equal the history's.  Both go through tests/lib/schema_norm.py
# (the order of constraints, indexes and tables; the spelling of
# expressions) with the normalizations of MySQL that docs/INTROSPECT.md
# lists (--mysql).  Views and triggers come out as sql, which the model
# cannot see: each one the history has must be there as sql.
set -u
export LC_ALL=C NO_COLOR=1
unset DATABASE_URL MIGC_DIR
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/mariadb.sh
MIGC=${MIGC:-./migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
ROOT=$PWD
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit mdb_stop
if ! mdb_start; then
	fail "throwaway MariaDB starts"
	summary
	exit 1
fi
murl() { printf 'mysql://root@/%s?socket=%s' "$1" "$MDB_SOCKET"; }

migc() { "$MIGC" "$@"; }

mkdir "$SCRATCH/cmp"
NCMP=0
LABELS=()
EXPECTED=()
AS_SQL=()
NSQL_EXTRA=()
# The history's lines of what comes out as sql (docs/INTROSPECT.md): an
# index with a sort order, a view, a trigger.
AS_SQL_LINE='^> (CREATE .*(VIEW|TRIGGER)|ALTER TABLE .* ADD (UNIQUE )?INDEX .* (DESC|ASC)[,)])'
compare_all() {
	local i args=() d missing
	for ((i = 0; i < NCMP; i++)); do
		args+=("$SCRATCH/cmp/$i.a" "$SCRATCH/cmp/$i.an" "$SCRATCH/cmp/$i.b" "$SCRATCH/cmp/$i.bn")
	done
	[ "$NCMP" -gt 0 ] && python3 "$ROOT/tests/lib/schema_norm.py" --mysql "${args[@]}"
	for ((i = 0; i < NCMP; i++)); do
		d=$(diff "$SCRATCH/cmp/$i.an" "$SCRATCH/cmp/$i.bn")
		if [ -n "${AS_SQL[$i]:-}" ]; then
			# The views and triggers the history has and the model of
			# the text lacks: as many as the text has sql ones.
			missing=$(printf '%s\n' "$d" | grep -c -E "$AS_SQL_LINE" || true)
			expect_eq "${LABELS[$i]}: each index, view or trigger the language now expresses is there as sql" \
				"$((missing + ${NSQL_EXTRA[$i]:-0}))" "$(cat "$SCRATCH/cmp/$i.nsql")"
			d=$(printf '%s\n' "$d" | grep -v -E "$AS_SQL_LINE|^[0-9,]+[acd][0-9,]+\$" || true)
		fi
		expect_eq "${LABELS[$i]}: introspected model = migc schema" "${EXPECTED[$i]}" "$d"
	done
}

# same_model LABEL URL HISTORY EXPECTED
same_model() {
	local label=$1 url=$2 hist=$3 expected=$4
	rm -rf "$SCRATCH/i"
	mkdir "$SCRATCH/i"
	if ! migc introspect --db "$url" >"$SCRATCH/i/0001_introspected.mig" 2>"$SCRATCH/err"; then
		fail "$label: introspect" "$(cat "$SCRATCH/err")"
		return
	fi
	if grep -qv '^--' "$SCRATCH/i/0001_introspected.mig"; then
		if ! migc schema --dialect mysql --dir "$SCRATCH/i" >"$SCRATCH/ischema" 2>"$SCRATCH/err"; then
			fail "$label: the introspected text compiles" \
				"$(cat "$SCRATCH/err" "$SCRATCH/i/0001_introspected.mig")"
			return
		fi
	else
		: >"$SCRATCH/ischema"
	fi
	cp "$SCRATCH/ischema" "$SCRATCH/cmp/$NCMP.a"
	migc schema --dialect mysql --dir "$hist" >"$SCRATCH/cmp/$NCMP.b"
	grep -c -E "^sql 'CREATE .*(INDEX|VIEW|TRIGGER)" "$SCRATCH/i/0001_introspected.mig" \
		>"$SCRATCH/cmp/$NCMP.nsql" || true
	LABELS[NCMP]=$label
	EXPECTED[NCMP]=$expected
	NCMP=$((NCMP + 1))
}

# The cases that do not compile for mysql at all (t_mysql_roundtrip.sh
# checks the errors), and where a case stops: its next migration is
# refused for mysql, or runs PostgreSQL's raw sql.
NOT_MYSQL=" matviews routines_pg schemas triggers "
declare -A STOP_AT=([alter_type_using]=0002 [casts_using]=0002
	[index_expressions]=0002 [index_pg_options]=0002)

n=0
for dir in examples/migrations tests/cases/*; do
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	case $NOT_MYSQL in *" $name "*) continue ;; esac
	n=$((n + 1))
	db=i_$n
	mdb_createdb "$db"
	url=$(murl "$db")
	hist=$SCRATCH/h/$name
	mkdir -p "$hist"
	for f in "$dir"/*.mig; do
		v=$(basename "$f" | sed 's/_.*//')
		[ "${STOP_AT[$name]:-}" = "$v" ] && break
		cp "$f" "$hist/"
		if ! migc up -q --dir "$hist" --db "$url" 2>"$SCRATCH/err"; then
			fail "mysql $name $v: up" "$(cat "$SCRATCH/err")"
			break
		fi
		extra=
		same_model "mysql $name $v" "$url" "$hist" "$extra"
		AS_SQL[NCMP - 1]=1
		if [ "$name" = sql_dialects ] && [ "$v" -ge 3 ]; then
			# Raw sql the model cannot see: a table, and a prefix index
			# (which comes out as sql).
			EXPECTED[NCMP - 1]=$(printf '%s\n' '< TABLE `audit_log`' '<     `id` int' '<     `note` varchar(20)')
			NSQL_EXTRA[NCMP - 1]=1
		fi
	done
done

compare_all

summary
