#!/usr/bin/env bash
# tests/reliability/run.sh (`make reliability`): migc under failure.
#
# PostgreSQL (a throwaway server, tests/lib/pg.sh):
#   terminate   the backend of a running `migc up` is killed from another
#               session (pg_terminate_backend) in the middle of a migration
#   restart     the server restarts between two migrations, and again in
#               the middle of one
#   concurrent  20 `migc up` at once on one database
#   updown      20 processes doing `migc up` then `migc down` at once
#   pg-1000     a 1,000-migration history applied and rolled back
#   cancel      SIGTERM, then SIGINT, to `migc up` in the middle of
#               migration 3: the statement is cancelled, nothing of it
#               commits later
# SQLite:
#   sqlite-1000 the same 1,000 migrations
#   readonly    the database file is read-only
#   locked      another writer holds the lock past the busy timeout (30 s)
#   full        the database is full (PRAGMA max_page_count)
#   sqlite-downup  20 rounds of `migc down` while `migc up` runs a slow
#               migration: down decides under the write lock
#   sqlite-notx 20 rounds of 10 `migc up` at once of a `no transaction;`
#               migration: it is claimed under the write lock, runs once,
#               and the others wait for the claim and skip it
#
# After each: every process exited, the next `migc up` completes where one
# was interrupted, each migration is applied exactly once (a log table
# that each migration's up appends to, and whose down removes its row,
# proves it), and the ledger and the schema agree.  Each scenario prints
# what it did and what it verified.  Ends with `RESULT: N passed, M failed`.
set -u
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/lib/tap.sh"
. "$root/tests/lib/pg.sh"

MIGC=${MIGC:-$root/migc}
SCRATCH=$(mktemp -d)
export XDG_CACHE_HOME="$SCRATCH/cache" # not the user's ~/.cache
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit pg_stop

say() { printf '  %s\n' "$*"; }

# ---- histories ----

# small_history DIR N [SLEEP_AT SECONDS]: migration 1 creates the log
# table; migration i (2..N) creates table t_i and appends i to the log.
# Migration SLEEP_AT also sleeps SECONDS (PostgreSQL) in the middle.
small_history() {
	local dir=$1 n=$2 at=${3:-0} secs=${4:-0} i v
	mkdir -p "$dir"
	printf 'create table applied_log (v integer not null);\n' >"$dir/0001_log.mig"
	for ((i = 2; i <= n; i++)); do
		v=$(printf '%04d' "$i")
		{
			printf 'create table t_%d (id integer primary key, note text);\n' "$i"
			if [ "$i" -eq "$at" ]; then
				printf "sql \$\$select pg_sleep(%s)\$\$ down \$\$select 1\$\$;\n" "$secs"
			fi
			printf "sql \$\$insert into applied_log values (%d)\$\$ down \$\$delete from applied_log where v = %d\$\$;\n" "$i" "$i"
		} >"$dir/${v}_m$i.mig"
	done
}

# big_history DIR N: bench/gen.c when it is there, else a simple one.
big_history() {
	local dir=$1 n=$2 i
	if [ -f "$root/bench/gen.c" ] &&
		${CC:-cc} -O2 -o "$SCRATCH/gen" "$root/bench/gen.c" 2>/dev/null; then
		"$SCRATCH/gen" "$n" "$dir" --seed 7 >/dev/null
		say "history: $n migrations from bench/gen.c"
		return
	fi
	mkdir -p "$dir"
	for ((i = 1; i <= n; i++)); do
		case $((i % 4)) in
		1) printf 'create table t_%d (id integer primary key);\n' "$i" ;;
		2) printf 'add column t_%d.c text;\n' "$((i - 1))" ;;
		3) printf 'create index on t_%d (c);\n' "$((i - 2))" ;;
		0) printf 'rename column t_%d.c to d;\n' "$((i - 3))" ;;
		esac >"$dir/$(printf '%06d' "$i")_m$i.mig"
	done
	say "history: $n migrations (simple generator)"
}

# ---- PostgreSQL checks ----

pgq() { pg_psql -d "$1" -At -c "$2"; }

# pg_consistent NAME DB N: ledger rows are distinct versions; the log holds
# exactly the applied migrations 2..N once each; t_i exists iff i is
# applied.  With ALL=1, every migration 1..N must be applied.
pg_consistent() {
	local name=$1 db=$2 n=$3 all=${4:-0} ledger log tables want_t msg=
	ledger=$(pgq "$db" "select version::int from migc_migrations order by 1" 2>&1)
	if pgq "$db" "select to_regclass('applied_log') is not null" | grep -q t; then
		log=$(pgq "$db" "select v from applied_log order by 1")
	else
		log=
	fi
	tables=$(pgq "$db" "select substr(tablename, 3)::int from pg_tables where schemaname = 'public' and tablename ~ '^t_[0-9]+$' order by 1")
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

# wait_for_query DB PATTERN: the pid of a backend running PATTERN (10 s).
wait_for_query() {
	local i pid
	for ((i = 0; i < 100; i++)); do
		pid=$(pgq "$1" "select pid from pg_stat_activity where query like '%$2%' and pid <> pg_backend_pid() and state = 'active' limit 1")
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.1
	done
	return 1
}

pg_restart() {
	_pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 -s restart >/dev/null 2>&1
}

scenario() { echo; echo "== $*"; }

if ! pg_start; then
	fail "PostgreSQL server starts" "see above"
else
	# ---- terminate ----
	scenario "terminate: pg_terminate_backend in the middle of migration 3"
	pg_createdb term
	url=$(pg_url term)
	small_history "$SCRATCH/term" 5 3 3
	"$MIGC" up --db "$url" --dir "$SCRATCH/term" >"$SCRATCH/term.out" 2>&1 &
	job=$!
	if pid=$(wait_for_query term pg_sleep); then
		pgq postgres "select pg_terminate_backend($pid)" >/dev/null
		say "terminated backend $pid while it ran migration 3"
	else
		say "migration 3 never started"
	fi
	st=0
	wait "$job" || st=$?
	expect_eq "terminate: the interrupted migc up exits 1" 1 "$st"
	[ "$st" = 1 ] || cat "$SCRATCH/term.out"
	applied=$(pgq term "select string_agg(version, ' ' order by version) from migc_migrations")
	expect_eq "terminate: migrations 1 and 2 stay applied, 3 is not recorded" "0001 0002" "$applied"
	pg_consistent "terminate: ledger and schema agree after the kill" term 5
	st=0
	"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/term" >"$SCRATCH/term2.out" 2>&1 || st=$?
	expect_eq "terminate: the next migc up completes" 0 "$st"
	pg_consistent "terminate: each migration applied once" term 5 1

	# ---- restart ----
	scenario "restart: the server restarts between migrations 2 and 3, then during 4"
	pg_createdb rst
	url=$(pg_url rst)
	small_history "$SCRATCH/rst" 6 4 3
	"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/rst" --to 0002 >/dev/null 2>&1
	if pg_restart; then say "server restarted after migration 2"; fi
	"$MIGC" up --db "$url" --dir "$SCRATCH/rst" >"$SCRATCH/rst.out" 2>&1 &
	job=$!
	if wait_for_query rst pg_sleep >/dev/null; then
		pg_restart && say "server restarted while migration 4 ran"
	fi
	st=0
	wait "$job" || st=$?
	expect_eq "restart: the interrupted migc up exits 1" 1 "$st"
	applied=$(pgq rst "select string_agg(version, ' ' order by version) from migc_migrations")
	expect_eq "restart: 1 to 3 applied, 4 not recorded" "0001 0002 0003" "$applied"
	pg_consistent "restart: ledger and schema agree after the restart" rst 6
	st=0
	"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/rst" >/dev/null 2>&1 || st=$?
	expect_eq "restart: the next migc up completes" 0 "$st"
	pg_consistent "restart: each migration applied once" rst 6 1

	# ---- signals ----
	for sig in TERM INT; do
		scenario "cancel: SIG$sig to migc up in the middle of migration 3"
		pg_createdb "cancel$sig"
		url=$(pg_url "cancel$sig")
		small_history "$SCRATCH/cancel$sig" 5 3 5
		"$MIGC" up --db "$url" --dir "$SCRATCH/cancel$sig" >"$SCRATCH/cancel.out" 2>&1 &
		job=$!
		if wait_for_query "cancel$sig" pg_sleep >/dev/null; then
			kill -"$sig" "$job"
			say "sent SIG$sig while migration 3 slept on the server"
		fi
		t0=$(date +%s%N)
		st=0
		wait "$job" || st=$?
		ms=$((($(date +%s%N) - t0) / 1000000))
		want=$([ $sig = TERM ] && echo 143 || echo 130)
		expect_eq "cancel: exit status $want" "$want" "$st"
		say "migc ended ${ms} ms after the signal and said: $(grep 'interrupted by' "$SCRATCH/cancel.out")"
		expect_contains "cancel: says 3 was not applied" "0003 m3 was not applied" "$(cat "$SCRATCH/cancel.out")"
		sleep 5.5
		applied=$(pgq "cancel$sig" "select string_agg(version, ' ' order by version) from migc_migrations")
		expect_eq "cancel: 5.5 s later only 1 and 2 are applied (the server did not finish 3)" "0001 0002" "$applied"
		pg_consistent "cancel: ledger and schema agree" "cancel$sig" 5
		st=0
		"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/cancel$sig" >/dev/null 2>&1 || st=$?
		expect_eq "cancel: the next migc up completes" 0 "$st"
		pg_consistent "cancel: each migration applied once" "cancel$sig" 5 1
	done

	# ---- concurrent ups ----
	scenario "concurrent: 20 migc up at once"
	pg_createdb conc
	url=$(pg_url conc)
	small_history "$SCRATCH/conc" 12
	pids=()
	for i in $(seq 1 20); do
		timeout 120 "$MIGC" up --db "$url" --dir "$SCRATCH/conc" >"$SCRATCH/conc.$i" 2>&1 &
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
	if grep -qi deadlock "$SCRATCH"/conc.*; then fail "concurrent: no deadlock"; else ok "concurrent: no deadlock"; fi
	pg_consistent "concurrent: each migration applied once" conc 12 1

	# ---- concurrent up/down pairs ----
	scenario "updown: 20 processes each doing migc up then migc down"
	pg_createdb ud
	url=$(pg_url ud)
	small_history "$SCRATCH/ud" 8
	pids=()
	for i in $(seq 1 20); do
		(
			st1=0 st2=0
			timeout 120 "$MIGC" up --quiet --db "$url" --dir "$SCRATCH/ud" || st1=$?
			timeout 120 "$MIGC" down --quiet --db "$url" --dir "$SCRATCH/ud" || st2=$?
			echo "status $st1 $st2"
		) >"$SCRATCH/ud.$i" 2>&1 &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	# A down that finds nothing applied (the other processes' downs rolled
	# everything back first) is refused and rolls back nothing: that is
	# the documented answer, not a failure of the race.
	for f in "$SCRATCH"/ud.*; do
		if grep -q '^status 0 1$' "$f" &&
			grep -q 'no migration is applied; nothing was rolled back' "$f"; then
			echo "status 0 0 (down refused: nothing applied)" >>"$f"
		fi
	done
	bad=$(grep -L '^status 0 0' "$SCRATCH"/ud.* | wc -l)
	expect_eq "updown: every up and down exits 0 (or finds nothing to roll back)" 0 "$bad"
	[ "$bad" = 0 ] || grep -h . $(grep -L '^status 0 0' "$SCRATCH"/ud.*) | head -n 20
	if grep -qi deadlock "$SCRATCH"/ud.*; then fail "updown: no deadlock"; else ok "updown: no deadlock"; fi
	say "left applied: $(pgq ud "select count(*) from migc_migrations") of 8"
	pg_consistent "updown: ledger, log and tables agree" ud 8
	st=0
	"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/ud" >/dev/null 2>&1 || st=$?
	expect_eq "updown: a final migc up completes" 0 "$st"
	pg_consistent "updown: each migration applied once" ud 8 1

	# ---- 1,000 migrations ----
	scenario "pg-1000: 1,000 migrations up, then all down"
	big_history "$SCRATCH/big" 1000
	pg_createdb big
	url=$(pg_url big)
	pg_dump_schema big >"$SCRATCH/big.before"
	t0=$(date +%s)
	st=0
	"$MIGC" up --quiet --db "$url" --dir "$SCRATCH/big" >"$SCRATCH/big.up" 2>&1 || st=$?
	expect_eq "pg-1000: up exits 0" 0 "$st"
	n=$(pgq big "select count(*) from migc_migrations")
	expect_eq "pg-1000: 1,000 ledger rows" 1000 "$n"
	st=0
	"$MIGC" down --quiet --steps 1000 --db "$url" --dir "$SCRATCH/big" >"$SCRATCH/big.down" 2>&1 || st=$?
	expect_eq "pg-1000: down --steps 1000 exits 0" 0 "$st"
	[ "$st" = 0 ] || head -n 20 "$SCRATCH/big.down"
	say "up and down in $(($(date +%s) - t0)) s"
	pgq big "drop table migc_migrations"
	pg_dump_schema big >"$SCRATCH/big.after"
	if diff -u "$SCRATCH/big.before" "$SCRATCH/big.after" >"$SCRATCH/big.diff"; then
		ok "pg-1000: the schema at the end equals the start"
	else
		fail "pg-1000: the schema at the end equals the start" "$(head -n 40 "$SCRATCH/big.diff")"
	fi
fi
pg_stop

# ---- SQLite ----
sq() { sqlite3 -batch "$1" "$2"; }

scenario "sqlite-1000: 1,000 migrations up, then all down"
[ -d "$SCRATCH/big" ] || big_history "$SCRATCH/big" 1000
db=$SCRATCH/big.sqlite3
st=0
"$MIGC" up --quiet --db "sqlite:$db" --dir "$SCRATCH/big" >"$SCRATCH/sq.up" 2>&1 || st=$?
expect_eq "sqlite-1000: up exits 0" 0 "$st"
[ "$st" = 0 ] || head -n 20 "$SCRATCH/sq.up"
expect_eq "sqlite-1000: 1,000 ledger rows" 1000 "$(sq "$db" 'select count(*) from migc_migrations')"
st=0
"$MIGC" down --quiet --steps 1000 --db "sqlite:$db" --dir "$SCRATCH/big" >"$SCRATCH/sq.down" 2>&1 || st=$?
expect_eq "sqlite-1000: down --steps 1000 exits 0" 0 "$st"
[ "$st" = 0 ] || head -n 20 "$SCRATCH/sq.down"
left=$(sq "$db" "select name from sqlite_master where name not like 'sqlite_%' and name <> 'migc_migrations'")
expect_eq "sqlite-1000: the schema at the end equals the start (empty)" "" "$left"
expect_eq "sqlite-1000: integrity" ok "$(sq "$db" 'pragma integrity_check')"

# A small history for the failure cases: 1 and 2 applied, 3 pending.
hist=$SCRATCH/sqh
mkdir -p "$hist"
printf 'create table a (id integer primary key);\n' >"$hist/0001_a.mig"
printf 'create table b (id integer primary key);\n' >"$hist/0002_b.mig"
printf 'create table c (id integer primary key, v text);\nsql $$insert into c (v) with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000) select hex(randomblob(500)) from n$$ down $$delete from c$$;\n' >"$hist/0003_c.mig"

# sqlite_prepare DB: apply 1 and 2; remember the bytes.
sqlite_prepare() {
	rm -f "$1"
	"$MIGC" up --quiet --to 0002 --db "sqlite:$1" --dir "$hist" >/dev/null 2>&1
	cp "$1" "$1.orig"
}

# sqlite_intact NAME DB: same bytes as before, integrity ok, no journal.
sqlite_intact() {
	if cmp -s "$2" "$2.orig" && [ ! -e "$2-journal" ] && [ ! -e "$2-wal" ] &&
		[ "$(sq "$2" 'pragma integrity_check')" = ok ]; then
		ok "$1"
		say "verified: file unchanged, integrity ok, ledger $(sq "$2" 'select group_concat(version, " ") from migc_migrations')"
	else
		fail "$1" "$(cmp "$2" "$2.orig" 2>&1) $(ls "$2"* 2>&1)"
	fi
}

scenario "readonly: the database file cannot be written"
db=$SCRATCH/ro.sqlite3
sqlite_prepare "$db"
if [ "$(id -u)" -eq 0 ]; then
	# root writes through any mode bits: run migc as nobody instead.
	chmod 644 "$db"
	runas=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	say "running migc as uid 65534 (the file belongs to root, mode 644)"
else
	chmod 444 "$db"
	runas=()
fi
st=0
out=$("${runas[@]}" "$MIGC" up --db "sqlite:$db" --dir "$hist" 2>&1) || st=$?
expect_eq "readonly: migc up exits 1" 1 "$st"
expect_contains "readonly: the error says so" "readonly" "$(echo "$out" | tr 'A-Z' 'a-z' | tr -d ' -')"
say "error: $(echo "$out" | grep -m1 error)"
sqlite_intact "readonly: file intact" "$db"

scenario "locked: another writer holds the lock past the busy timeout (30 s)"
db=$SCRATCH/lk.sqlite3
sqlite_prepare "$db"
fifo=$SCRATCH/lk.fifo
mkfifo "$fifo"
sqlite3 "$db" <"$fifo" >/dev/null 2>&1 &
holder=$!
exec 9>"$fifo"
echo 'BEGIN EXCLUSIVE; CREATE TABLE held (x);' >&9
sleep 0.5
t0=$(date +%s)
st=0
out=$(timeout 90 "$MIGC" up --db "sqlite:$db" --dir "$hist" 2>&1) || st=$?
waited=$(($(date +%s) - t0))
echo 'ROLLBACK;' >&9
exec 9>&-
wait "$holder"
say "migc up gave up after ${waited} s"
expect_eq "locked: migc up exits 1" 1 "$st"
expect_contains "locked: the error says the database is locked" "locked" "$out"
say "error: $(echo "$out" | grep -m1 error)"
sqlite_intact "locked: file intact" "$db"

scenario "full: PRAGMA max_page_count reached in the middle of migration 3"
db=$SCRATCH/full.sqlite3
sqlite_prepare "$db"
# The limit is per connection: migration 3 sets it for its own.
sed -i '1i sql $$PRAGMA max_page_count = 64$$ down $$select 1$$;' "$hist/0003_c.mig"
st=0
out=$("$MIGC" up --db "sqlite:$db" --dir "$hist" 2>&1) || st=$?
expect_eq "full: migc up exits 1" 1 "$st"
expect_contains "full: the error says the database is full" "full" "$out"
say "error: $(echo "$out" | grep -m1 error)"
sqlite_intact "full: file intact" "$db"

scenario "sqlite-downup: migc down while migc up runs a slow migration, 20 rounds"
hist=$SCRATCH/downup
mkdir -p "$hist"
printf 'create table applied_log (v integer not null);\n' >"$hist/0001_log.mig"
cat >"$hist/0002_slow.mig" <<'EOF'
create table t_2 (id integer primary key, note text);
sql $$insert into applied_log select 2 from (select count(*) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) select x from c))$$
    down $$delete from applied_log where v = 2$$;
EOF
bad=0
for r in $(seq 1 20); do
	db=$SCRATCH/downup$r.sqlite3
	"$MIGC" up --quiet --db "sqlite:$db" --dir "$hist" --to 0001 >/dev/null 2>&1
	"$MIGC" up --db "sqlite:$db" --dir "$hist" >"$SCRATCH/du.up" 2>&1 &
	job=$!
	sleep 0.3
	st=0
	"$MIGC" down --db "sqlite:$db" --dir "$hist" >"$SCRATCH/du.down" 2>&1 || st=$?
	wait "$job" || st=$?
	ledger=$(sq "$db" "select group_concat(version, ' ') from (select version from migc_migrations order by 1)")
	log=$(sq "$db" "select count(*) from applied_log")
	t2=$(sq "$db" "select count(*) from sqlite_master where name = 't_2'")
	if [ "$st" != 0 ] || [ "$ledger" != 0001 ] || [ "$log" != 0 ] || [ "$t2" != 0 ]; then
		bad=$((bad + 1))
		say "round $r: exit $st, ledger '$ledger', log rows $log, t_2 $t2; down said: $(cat "$SCRATCH/du.down")"
	fi
done
say "each round: up applied 0002, and the down that waited for the write lock rolled back 0002 (the newest), not 0001"
expect_eq "sqlite-downup: 20 rounds, each ends with 0001 applied and nothing of 0002" 0 "$bad"

scenario "sqlite-notx: 10 concurrent migc up of a no-transaction migration, 20 rounds"
hist=$SCRATCH/notx
mkdir -p "$hist"
printf 'create table applied_log (v integer not null);\n' >"$hist/0001_log.mig"
cat >"$hist/0002_once.mig" <<'EOF'
no transaction;
sql $$insert into applied_log values (2)$$ down $$delete from applied_log where v = 2$$;
EOF
bad=0
for r in $(seq 1 20); do
	db=$SCRATCH/notx$r.sqlite3
	"$MIGC" up --quiet --db "sqlite:$db" --dir "$hist" --to 0001 >/dev/null 2>&1
	pids=()
	for k in $(seq 1 10); do
		"$MIGC" up --db "sqlite:$db" --dir "$hist" >"$SCRATCH/notx.$k" 2>&1 &
		pids+=($!)
	done
	st=0
	for p in "${pids[@]}"; do wait "$p" || st=$?; done
	ledger=$(sq "$db" "select group_concat(version, ' ') from (select version from migc_migrations order by 1)")
	log=$(sq "$db" "select count(*) from applied_log")
	left=$(sq "$db" "select count(*) from migc_migrations_progress")
	if [ "$st" != 0 ] || [ "$ledger" != "0001 0002" ] || [ "$log" != 1 ] || [ "$left" != 0 ]; then
		bad=$((bad + 1))
		say "round $r: exit $st, ledger '$ledger', log rows $log, progress rows $left; $(cat "$SCRATCH"/notx.[0-9]* | grep -v '^up ' | head -5)"
	fi
done
say "each round: one run claimed 0002 under the write lock and ran it; the nine others waited for the claim, found 0002 in the ledger and skipped it"
expect_eq "sqlite-notx: 20 rounds, each with exactly one row and the ledger 0001 0002" 0 "$bad"

echo
summary
