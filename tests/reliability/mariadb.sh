#!/usr/bin/env bash
# tests/reliability/mariadb.sh: migc under failure on a throwaway MariaDB
# (tests/lib/mariadb.sh), run by `make reliability` as its own script:
#
#   restart     the server restarts between two migrations, and again in
#               the middle of one
#   killed      KILL CONNECTION of a running `migc up` from another session
#               in the middle of a migration
#   concurrent  20 `migc up` at once on one database
#   updown      20 processes doing `migc up` then `migc down` at once
#
# MySQL commits DDL implicitly, so migc runs a migration there statement
# by statement.  The interruptions below fall in a statement that changes
# nothing (a sleep at the start of the migration): what must hold is that
# migc exits 1 with the server's error, records nothing of the
# interrupted migration, and that the next `migc up` completes with every
# migration applied exactly once (a log table that each migration's up
# appends to, and whose down removes its row, proves it).  Each scenario
# prints what it did and what it verified.  Ends with `RESULT: N passed,
# M failed`.
set -u
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/lib/tap.sh"
. "$root/tests/lib/mariadb.sh"

MIGC=${MIGC:-$root/migc}
SCRATCH=$(mktemp -d)
export XDG_CACHE_HOME="$SCRATCH/cache" # not the user's ~/.cache
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit mdb_stop

say() { printf '  %s\n' "$*"; }
scenario() { echo; echo "== $*"; }
myq() { mdb_sql -N "$1" -e "$2"; }
url() { printf 'mysql://root@localhost/%s?socket=%s' "$1" "$MDB_SOCKET"; }

# history DIR N [SLEEP_AT SECONDS]: migration 1 creates the log table;
# migration i (2..N) creates table t_i and appends i to the log.
# Migration SLEEP_AT first sleeps SECONDS.
history() {
	local dir=$1 n=$2 at=${3:-0} secs=${4:-0} i v
	mkdir -p "$dir"
	printf 'create table applied_log (v integer not null);\n' >"$dir/0001_log.mig"
	for ((i = 2; i <= n; i++)); do
		v=$(printf '%04d' "$i")
		{
			if [ "$i" -eq "$at" ]; then
				printf "sql \$\$select sleep(%s)\$\$ down \$\$select 1\$\$;\n" "$secs"
			fi
			printf 'create table t_%d (id integer primary key, note text);\n' "$i"
			printf "sql \$\$insert into applied_log values (%d)\$\$ down \$\$delete from applied_log where v = %d\$\$;\n" "$i" "$i"
		} >"$dir/${v}_m$i.mig"
	done
}

# consistent NAME DB N [ALL]: ledger rows are distinct versions; the log
# holds exactly the applied migrations 2..N once each; t_i exists iff i is
# applied.  With ALL=1, every migration 1..N must be applied.
consistent() {
	local name=$1 db=$2 n=$3 all=${4:-0} ledger log tables want_t msg=
	ledger=$(myq "$db" "select cast(version as unsigned) from migc_migrations order by 1" 2>&1)
	if [ "$(myq "$db" "select count(*) from information_schema.tables where table_schema = '$db' and table_name = 'applied_log'")" = 1 ]; then
		log=$(myq "$db" "select v from applied_log order by 1")
	else
		log=
	fi
	tables=$(myq "$db" "select cast(substr(table_name, 3) as unsigned) from information_schema.tables where table_schema = '$db' and table_name like 't\\_%' order by 1")
	want_t=$(printf '%s\n' "$ledger" | awk '$1 > 1')
	if [ "$all" = 1 ] && [ "$ledger" != "$(seq 1 "$n")" ]; then
		msg+="ledger is not 1..$n: $(echo $ledger)"$'\n'
	fi
	if [ "$(printf '%s\n' "$log" | sort -n | uniq -d)" != "" ]; then
		msg+="a migration ran its up twice: $(printf '%s\n' "$log" | sort -n | uniq -d | tr '\n' ' ')"$'\n'
	fi
	[ "$log" = "$want_t" ] || msg+="log ($(echo $log)) != applied ($(echo $want_t))"$'\n'
	[ "$tables" = "$want_t" ] || msg+="tables ($(echo $tables)) != applied ($(echo $want_t))"$'\n'
	if [ -z "$msg" ]; then
		ok "$name"
		say "verified: ledger $(echo "$ledger" | grep -c .) rows, each once; log and tables match it"
	else
		fail "$name" "$msg"
	fi
}

# wait_for_sleep DB: the id of the connection running SELECT SLEEP in DB
# (10 s).
wait_for_sleep() {
	local i id
	for ((i = 0; i < 100; i++)); do
		id=$(myq "$1" "select id from information_schema.processlist where db = '$1' and info like 'select sleep%' limit 1")
		[ -n "$id" ] && { echo "$id"; return 0; }
		sleep 0.1
	done
	return 1
}

# mdb_restart: stop the server (SIGTERM, as mariadb-admin shutdown) and
# start it again on the same data directory and socket.
mdb_restart() {
	local mariadbd user i
	mariadbd=$(_mdb_find mariadbd) || return 1
	user=$(id -un)
	[ "$(id -u)" -ne 0 ] || user=mysql
	kill -TERM "$MDB_PID" 2>/dev/null || true
	for ((i = 0; i < 600; i++)); do
		_mdb_alive "$MDB_PID" || break
		sleep 0.05
	done
	wait "$MDB_PID" 2>/dev/null || true
	(cd "$MDB_DIR" && exec "$mariadbd" --no-defaults --datadir="$MDB_DIR/data" \
		--user="$user" --socket="$MDB_SOCKET" --skip-networking \
		--pid-file="$MDB_DIR/mariadbd.pid" --log-error="$MDB_DIR/error.log" \
		--skip-name-resolve --tmpdir="$MDB_DIR/tmp" "${_MDB_OPTS[@]}") \
		</dev/null >>"$MDB_DIR/stdout.log" 2>&1 &
	MDB_PID=$!
	for ((i = 0; i < 600; i++)); do
		mariadb-admin --no-defaults --socket="$MDB_SOCKET" --user=root \
			--connect-timeout=1 ping >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}

if ! mdb_start; then
	fail "MariaDB server starts" "see above"
	summary
	exit 1
fi

# ---- restart ----
scenario "restart: the server restarts between migrations 2 and 3, then during 4"
mdb_createdb rst
history "$SCRATCH/rst" 6 4 3
"$MIGC" up --quiet --db "$(url rst)" --dir "$SCRATCH/rst" --to 0002 >/dev/null 2>&1
if mdb_restart; then say "server restarted after migration 2"; fi
"$MIGC" up --db "$(url rst)" --dir "$SCRATCH/rst" >"$SCRATCH/rst.out" 2>&1 &
job=$!
if wait_for_sleep rst >/dev/null; then
	mdb_restart && say "server restarted while migration 4 ran"
fi
st=0
wait "$job" || st=$?
expect_eq "restart: the interrupted migc up exits 1" 1 "$st"
say "error: $(grep -m1 error: "$SCRATCH/rst.out")"
expect_contains "restart: the server's error, numbered" "error: 2013 (HY000): Lost connection to server during query" "$(cat "$SCRATCH/rst.out")"
applied=$(myq rst "select group_concat(version order by version separator ' ') from migc_migrations")
expect_eq "restart: 1 to 3 applied, 4 not recorded" "0001 0002 0003" "$applied"
consistent "restart: ledger and schema agree after the restart" rst 6
st=0
"$MIGC" up --quiet --db "$(url rst)" --dir "$SCRATCH/rst" >/dev/null 2>&1 || st=$?
expect_eq "restart: the next migc up completes" 0 "$st"
consistent "restart: each migration applied once" rst 6 1

# ---- killed connection ----
scenario "killed: KILL CONNECTION in the middle of migration 3"
mdb_createdb kil
history "$SCRATCH/kil" 5 3 5
"$MIGC" up --db "$(url kil)" --dir "$SCRATCH/kil" >"$SCRATCH/kil.out" 2>&1 &
job=$!
if id=$(wait_for_sleep kil); then
	mdb_sql -e "KILL CONNECTION $id"
	say "killed connection $id while it ran migration 3"
else
	say "migration 3 never started"
fi
st=0
wait "$job" || st=$?
expect_eq "killed: the interrupted migc up exits 1" 1 "$st"
say "error: $(grep -m1 error: "$SCRATCH/kil.out")"
expect_contains "killed: the error names the migration and the server's error" "migrations/0003_m3.mig: error: " "$(sed "s|$SCRATCH/kil/|migrations/|" "$SCRATCH/kil.out")"
applied=$(myq kil "select group_concat(version order by version separator ' ') from migc_migrations")
expect_eq "killed: migrations 1 and 2 stay applied, 3 is not recorded" "0001 0002" "$applied"
consistent "killed: ledger and schema agree after the kill" kil 5
st=0
"$MIGC" up --quiet --db "$(url kil)" --dir "$SCRATCH/kil" >/dev/null 2>&1 || st=$?
expect_eq "killed: the next migc up completes" 0 "$st"
consistent "killed: each migration applied once" kil 5 1

# ---- concurrent ups ----
scenario "concurrent: 20 migc up at once"
mdb_createdb conc
history "$SCRATCH/conc" 12
pids=()
for i in $(seq 1 20); do
	timeout 120 "$MIGC" up --db "$(url conc)" --dir "$SCRATCH/conc" >"$SCRATCH/conc.$i" 2>&1 &
	pids+=($!)
done
bad=0
for i in "${!pids[@]}"; do
	st=0
	wait "${pids[$i]}" || st=$?
	[ "$st" -eq 0 ] || { bad=$((bad + 1)); say "process $((i + 1)): exit $st: $(head -c 300 "$SCRATCH/conc.$((i + 1))")"; }
done
expect_eq "concurrent: all 20 exit 0 (none timed out)" 0 "$bad"
applies=$(cat "$SCRATCH"/conc.* | grep -c '^up ' || true)
expect_eq "concurrent: 12 migrations applied in all, by whichever process" 12 "$applies"
consistent "concurrent: each migration applied once" conc 12 1

# ---- concurrent up and down ----
scenario "updown: 20 processes, each migc up then migc down"
mdb_createdb ud
history "$SCRATCH/ud" 12
pids=()
for i in $(seq 1 20); do
	(timeout 120 "$MIGC" up --quiet --db "$(url ud)" --dir "$SCRATCH/ud" &&
		timeout 120 "$MIGC" down --quiet --db "$(url ud)" --dir "$SCRATCH/ud") \
		>"$SCRATCH/ud.$i" 2>&1 &
	pids+=($!)
done
bad=0
for i in "${!pids[@]}"; do
	st=0
	wait "${pids[$i]}" || st=$?
	# A down that finds nothing applied is refused, rolling back nothing:
	# the documented answer when the other downs came first.
	if [ "$st" -eq 1 ] && grep -q 'no migration is applied; nothing was rolled back' "$SCRATCH/ud.$((i + 1))"; then
		st=0
	fi
	[ "$st" -eq 0 ] || { bad=$((bad + 1)); say "process $((i + 1)): exit $st: $(head -c 300 "$SCRATCH/ud.$((i + 1))")"; }
done
expect_eq "updown: all 20 exit 0 (or find nothing to roll back)" 0 "$bad"
consistent "updown: ledger, log and tables agree" ud 12
st=0
"$MIGC" up --quiet --db "$(url ud)" --dir "$SCRATCH/ud" >/dev/null 2>&1 || st=$?
expect_eq "updown: a last migc up completes" 0 "$st"
consistent "updown: each migration applied once" ud 12 1

echo
summary
