#!/usr/bin/env bash
# tests/t_lock_timeout_pg.sh: --lock-timeout and --retries on a throwaway
# PostgreSQL, with a second session holding a lock that conflicts with the
# migration's: each attempt printed, the ledger untouched by the failed
# ones, success once the lock is released, a clear error after N tries.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR PGPASSWORD
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/lib/pg.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
at_exit pg_stop
if ! pg_start; then
	fail "throwaway PostgreSQL starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }
q() { pg_psql -d "$1" -At -c "$2"; }

# new_project NAME: users (applied), then 0002 adding a column (pending).
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_users.mig <<'MIG'
create table users (id bigint primary key, email text not null);
MIG
	migc --db "$DB" -q up
	cat >migrations/0002_age.mig <<'MIG'
add column users.age integer;
MIG
}

# hold DB SECONDS: a second session takes ACCESS SHARE on users (what a
# long SELECT holds) for SECONDS, in the background; returns once the
# lock is granted.  $HOLDER is its process id.
hold() {
	printf 'BEGIN;\nLOCK TABLE users IN ACCESS SHARE MODE;\nSELECT pg_sleep(%s);\nCOMMIT;\n' "$2" |
		pg_psql -d "$1" >/dev/null 2>&1 &
	HOLDER=$!
	for _ in $(seq 100); do
		[ "$(q "$1" "select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'users' and l.mode = 'AccessShareLock' and l.granted and l.pid <> pg_backend_pid()")" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}

# release DB: end the holding session.
release() {
	q "$1" "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep%' and pid <> pg_backend_pid()" >/dev/null
	wait "$HOLDER" 2>/dev/null || true
}

ledger() { q "$1" "select string_agg(version, ' ' order by version) from migc_migrations"; }

# ---- options ----
new_project opts
expect_ok "dry run: the default lock timeout is set for the unit" \
	migc --db "$DB" up --dry-run
expect_eq "dry run: SET lock_timeout before BEGIN" "-- up 0002 age
SET lock_timeout = '2000ms';
BEGIN;
ALTER TABLE \"users\" ADD COLUMN \"age\" integer;
COMMIT;" "$TAP_OUT"
expect_ok "--lock-timeout 500ms" migc --db "$DB" up --dry-run --lock-timeout 500ms
expect_contains "500ms" "SET lock_timeout = '500ms';" "$TAP_OUT"
expect_ok "--lock-timeout 1min" migc --db "$DB" up --dry-run --lock-timeout 1min
expect_contains "1min" "SET lock_timeout = '60000ms';" "$TAP_OUT"
expect_ok "--lock-timeout 0" migc --db "$DB" up --dry-run --lock-timeout 0
expect_eq "--lock-timeout 0: no limit, the server's setting stays" "-- up 0002 age
BEGIN;
ALTER TABLE \"users\" ADD COLUMN \"age\" integer;
COMMIT;" "$TAP_OUT"
expect_status "--lock-timeout: bad unit" 2 migc --db "$DB" up --lock-timeout 5h
expect_eq "--lock-timeout: bad unit: message" "migc: --lock-timeout needs a duration such as 500ms, 2s or 1min (0: no limit), not '5h'
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "--retries: negative" 2 migc --db "$DB" up --retries -1
expect_eq "--retries: negative: message" "migc: --retries needs a number from 0 to 1000, not '-1'
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "--retries on status" 2 migc --db "$DB" status --retries 2
expect_contains "--retries on status: message" "--retries is an option of up, down and redo" "$TAP_OUT"
expect_status "--lock-timeout on SQLite" 2 migc --db "sqlite:$SCRATCH/x.db" up --lock-timeout 1s
expect_eq "--lock-timeout on SQLite: message" "migc: --lock-timeout is PostgreSQL's: sqlite has no lock timeout of a migration" "$TAP_OUT"
expect_eq "nothing applied by the option checks" "0001" "$(ledger opts)"

# ---- a held lock: give up after N tries, nothing recorded ----
new_project giveup
hold giveup 60 || fail "the second session holds its lock"
st=0
migc --db "$DB" up --lock-timeout 100ms --retries 2 >"$SCRATCH/out" 2>"$SCRATCH/err" || st=$?
release giveup
expect_eq "give up: exit status 1" 1 "$st"
expect_eq "give up: each attempt printed, then the error" "migrations/0002_age.mig: attempt 1 of 3 failed on the lock timeout (55P03: canceling statement due to lock timeout); trying again in MS ms
migrations/0002_age.mig: attempt 2 of 3 failed on the lock timeout (55P03: canceling statement due to lock timeout); trying again in MS ms
migrations/0002_age.mig: error: 55P03: canceling statement due to lock timeout
    ALTER TABLE \"users\" ADD COLUMN \"age\" integer;
migrations/0002_age.mig: note: rolled back; nothing of it was recorded
migrations/0002_age.mig: note: gave up after 3 attempts, each waiting at most 100 ms for its locks; --lock-timeout waits longer, --retries tries more often" \
	"$(sed -E 's/in [0-9]+ ms/in MS ms/' "$SCRATCH/err")"
expect_eq "give up: nothing printed as applied" "" "$(cat "$SCRATCH/out")"
expect_eq "give up: the ledger untouched" "0001" "$(ledger giveup)"
expect_eq "give up: the column not added" "0" \
	"$(q giveup "select count(*) from information_schema.columns where table_name = 'users' and column_name = 'age'")"

# The pauses grow: 125-250 ms, then 250-500 ms.
p1=$(sed -n 's/.*attempt 1 of 3 .* in \([0-9]*\) ms$/\1/p' "$SCRATCH/err")
p2=$(sed -n 's/.*attempt 2 of 3 .* in \([0-9]*\) ms$/\1/p' "$SCRATCH/err")
if [ "${p1:-0}" -ge 125 ] && [ "$p1" -lt 250 ] && [ "${p2:-0}" -ge 250 ] && [ "$p2" -lt 500 ]; then
	ok "give up: jittered pauses in [125, 250) then [250, 500) ms"
else
	fail "give up: jittered pauses in [125, 250) then [250, 500) ms" "got '$p1' and '$p2'"
fi

# --retries 0: one attempt.
hold giveup 60 || fail "the second session holds its lock again"
expect_status "--retries 0: fails at once" 1 migc --db "$DB" up --lock-timeout 100ms --retries 0
release giveup
expect_contains "--retries 0: one attempt" "gave up after 1 attempt, each waiting at most 100 ms" "$TAP_OUT"
case $TAP_OUT in
*"trying again"*) fail "--retries 0: no retry printed" "$TAP_OUT" ;;
*) ok "--retries 0: no retry printed" ;;
esac

# ---- a lock released meanwhile: a retry succeeds ----
new_project retry
hold retry 1.5 || fail "the second session holds its lock"
st=0
migc --db "$DB" up --lock-timeout 200ms --retries 20 >"$SCRATCH/out" 2>"$SCRATCH/err" || st=$?
wait "$HOLDER" 2>/dev/null || true
expect_eq "retry: exit status 0" 0 "$st"
expect_contains "retry: the first attempt printed" "migrations/0002_age.mig: attempt 1 of 21 failed on the lock timeout (55P03: canceling statement due to lock timeout); trying again in " "$(cat "$SCRATCH/err")"
expect_eq "retry: only attempt lines on stderr" "" "$(grep -v ': attempt [0-9]* of 21 failed on the lock timeout' "$SCRATCH/err" || true)"
expect_eq "retry: applied once" "up 0002 age" "$(sed 's/ ([0-9.]* ms)$//' "$SCRATCH/out")"
expect_eq "retry: the ledger records it once" "0001 0002" "$(ledger retry)"
expect_eq "retry: the column is there" "1" \
	"$(q retry "select count(*) from information_schema.columns where table_name = 'users' and column_name = 'age'")"

# ---- a migration without a transaction: retried when nothing of it ran ----
new_project notx
cat >migrations/0002_age.mig <<'MIG'
no transaction;
add column users.age integer;
MIG
hold notx 1.5 || fail "the second session holds its lock (no transaction)"
st=0
migc --db "$DB" up --lock-timeout 200ms --retries 20 >"$SCRATCH/out" 2>"$SCRATCH/err" || st=$?
wait "$HOLDER" 2>/dev/null || true
expect_eq "no transaction: exit status 0" 0 "$st"
expect_contains "no transaction: attempt printed" "0002_age.mig: attempt 1 of 21 failed on the lock timeout" "$(cat "$SCRATCH/err")"
expect_eq "no transaction: the ledger" "0001 0002" "$(ledger notx)"

# ---- down waits the same way ----
cd "$SCRATCH/retry"
DB=$(pg_url retry)
hold retry 1.5 || fail "the second session holds its lock (down)"
st=0
migc --db "$DB" down --lock-timeout 200ms --retries 20 >"$SCRATCH/out" 2>"$SCRATCH/err" || st=$?
wait "$HOLDER" 2>/dev/null || true
expect_eq "down retry: exit status 0" 0 "$st"
expect_contains "down retry: attempt printed" "0002_age.mig: attempt 1 of 21 failed on the lock timeout" "$(cat "$SCRATCH/err")"
expect_eq "down retry: the ledger" "0001" "$(ledger retry)"

# ---- a migration's own SET lock_timeout wins over the option ----
new_project own
cat >migrations/0002_age.mig <<'MIG'
sql 'SET LOCAL lock_timeout = 50' down 'select 1';
add column users.age integer;
MIG
hold own 60 || fail "the second session holds its lock (own)"
st=0
t0=$(date +%s%N)
migc --db "$DB" up --lock-timeout 1min --retries 0 >"$SCRATCH/out" 2>"$SCRATCH/err" || st=$?
t1=$(date +%s%N)
release own
expect_eq "own SET LOCAL lock_timeout: fails" 1 "$st"
if [ $(((t1 - t0) / 1000000)) -lt 30000 ]; then
	ok "own SET LOCAL lock_timeout: did not wait the option's minute"
else
	fail "own SET LOCAL lock_timeout: did not wait the option's minute"
fi

summary
