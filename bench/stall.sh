#!/usr/bin/env bash
# bench/stall.sh — `make bench` phase 6: the writer's longest stall on a
# table of 1,000,000 rows while migc applies add foreign key, set not null,
# create index and add column with a default that differs row by row
# (batched backfill), plain and in a `safe;` migration (docs/LINT.md, "Safe
# rewrites").  A writer (bench/writer.c) commits one INSERT after another
# into the table throughout; the figure is the longest single INSERT.
# Prints a Markdown section on stdout.
#
#   MIGC=PATH  STALL_ROWS=N (default 1000000)  STALL_RUNS=N (default 3)
#   STALL_CASES='fk notnull index backfill' (the default: all of them)
set -eu
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MIGC=$(cd "$root" && realpath "${MIGC:-./migc}")
CC=${CC:-cc}
rows=${STALL_ROWS:-1000000}
runs=${STALL_RUNS:-3}
export XDG_CACHE_HOME
XDG_CACHE_HOME=$(mktemp -d)
. "$root/tests/lib/pg.sh"
W=$(mktemp -d)
trap 'pg_stop; rm -rf "$W" "$XDG_CACHE_HOME"' EXIT
# shellcheck disable=SC2046
"$CC" -std=c11 -O2 -D_XOPEN_SOURCE=700 -o "$W/writer" "$here/writer.c" \
	$(pkg-config --cflags --libs libpq)
pg_start >&2
q() { pg_psql -d "$1" -At -c "$2"; }

# The template: parent (1,000 rows), child ($rows rows), applied by migc.
mkdir -p "$W/p/migrations"
cd "$W/p"
cat >migrations/0001_base.mig <<MIG
create table parent (id bigint primary key);
create table child (id bigserial primary key, parent_id bigint, v text);
sql \$\$insert into parent select g from generate_series(1, 1000) g\$\$ down \$\$delete from parent\$\$;
sql \$\$insert into child (parent_id, v) select 1 + g % 1000, 'v' || g from generate_series(1, $rows) g\$\$ down \$\$delete from child\$\$;
MIG
pg_createdb tmpl
"$MIGC" --db "$(pg_url tmpl)" -q up
q tmpl "vacuum analyze" >/dev/null

declare -A stmt=(
	[fk]='add constraint child.child_parent_fk foreign key (parent_id) references parent;'
	[notnull]='alter column child.v set not null;'
	[index]='create index on child (parent_id);'
	[backfill]='add column child.seen_at timestamptz not null default clock_timestamp();'
)
declare -A what=(
	[fk]='add foreign key'
	[notnull]='set not null'
	[index]='create index'
	[backfill]='add column not null default clock_timestamp()'
)

# one CASE FORM RUN: a fresh copy of the template, the writer, migc up.
one() {
	local db="s_$1_$2_$3"
	q postgres "create database $db template tmpl" >/dev/null
	{
		[ "$2" = safe ] && echo 'safe;'
		echo "${stmt[$1]}"
	} >migrations/0002_change.mig
	rm -f "$W/stop"
	"$W/writer" "$(pg_url "$db")" \
		"insert into child (parent_id, v) values (1, 'w')" "$W/stop" \
		>"$W/w.out" &
	local wp=$! t0 t1
	sleep 0.5
	t0=$(date +%s%N)
	"$MIGC" --db "$(pg_url "$db")" -q up --lock-timeout 0 >&2
	t1=$(date +%s%N)
	sleep 0.5
	touch "$W/stop"
	wait "$wp"
	q postgres "drop database $db" >/dev/null
	rm -f migrations/0002_change.mig
	printf '%s %s\n' "$(cut -d' ' -f1 "$W/w.out")" "$(( (t1 - t0) / 1000000 ))"
}

# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

echo "### 6. Writer stall on a table of $rows rows: plain vs \`safe;\`"
echo
echo "A writer commits one INSERT after another into the table while \`migc up\` applies the statement; the figure is its longest single INSERT (median of $runs runs), and how long the migration took."
echo
echo "| statement | plain: longest stall | plain: migration | safe: longest stall | safe: migration |"
echo "|---|---|---|---|---|"
for c in ${STALL_CASES:-fk notnull index backfill}; do
	line="| ${what[$c]} |"
	for f in plain safe; do
		: >"$W/r"
		for r in $(seq "$runs"); do one "$c" "$f" "$r" >>"$W/r"; done
		line="$line $(cut -d' ' -f1 "$W/r" | median) ms | $(cut -d' ' -f2 "$W/r" | median) ms |"
	done
	echo "$line"
done
echo
