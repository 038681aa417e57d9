#!/usr/bin/env bash
# tests/t_reliability_pg.sh: the runtime on PostgreSQL when a migration
# changes its session, when migc is interrupted, and when COPY reaches the
# driver: session state reset between migrations with the ledger's name
# qualified, SIGTERM and SIGINT cancelling the running statement with a
# truthful report, COPY FROM STDIN / TO STDOUT never hanging.
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
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME"
if ! pg_start; then
	fail "throwaway PostgreSQL starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }
q() { pg_psql -d "$1" -At -c "$2"; }

# project NAME: an empty folder and a database NAME ($P, $DB).
project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
}

# ---- session settings do not leak into the next migration ----
project session
q session "create schema app"
cat >migrations/0001_path.mig <<'EOF'
sql $$set search_path to app, public$$ down $$select 1$$;
sql $$set statement_timeout = 300$$ down $$select 1$$;
create table a (id int);
EOF
cat >migrations/0002_next.mig <<'EOF'
create table b (id int);
sql $$select pg_sleep(0.6)$$ down $$select 1$$;
EOF
expect_ok "up: a migration that sets search_path, then the next" migc up --db "$DB"
expect_eq "the first migration's table is where its search_path put it" "app.a" \
	"$(q session "select 'app.' || relname from pg_class where relname = 'a' and relnamespace = 'app'::regnamespace")"
expect_eq "the next migration's table is in public" "public.b" \
	"$(q session "select 'public.' || relname from pg_class where relname = 'b' and relnamespace = 'public'::regnamespace")"
expect_eq "the ledger stays in public, with both rows" "0001,0002" \
	"$(q session "select string_agg(version, ',' order by version) from public.migc_migrations")"
expect_eq "no ledger in app" "" "$(q session "select to_regclass('app.migc_migrations')")"
expect_ok "status afterwards" migc status --db "$DB"
expect_contains "status: both applied" "0002     next  applied" "$TAP_OUT"
expect_ok "down of the second" migc down --db "$DB"
expect_eq "it is rolled back, its table gone" "0001|" \
	"$(q session "select string_agg(version, ','), to_regclass('public.b') from public.migc_migrations")"

# ---- SIGTERM and SIGINT cancel the running statement ----
# 0002 sleeps 4 s on the server: the signal comes during the sleep.
project cancel
cat >migrations/0001_t.mig <<'EOF'
create table t (id int);
EOF
cat >migrations/0002_slow.mig <<'EOF'
create table t2 (id int);
sql $$select pg_sleep(4)$$ down $$select 1$$;
EOF
migc up --db "$DB" --to 0001 >/dev/null
for sig in TERM INT; do
	"$MIGC" up --db "$DB" >"$SCRATCH/up.out" 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		[ "$(q cancel "select count(*) from pg_stat_activity where query like '%pg_sleep(4)%' and state = 'active' and pid <> pg_backend_pid()")" = 1 ] && break
		sleep 0.05
	done
	t0=$(date +%s%N)
	kill -"$sig" "$pid"
	st=0
	wait "$pid" || st=$?
	t1=$(date +%s%N)
	want=$([ $sig = TERM ] && echo 143 || echo 130)
	expect_eq "SIG$sig: exit status $want" "$want" "$st"
	expect_eq "SIG$sig: migc ends within 2 s, not after the 4 s sleep" yes \
		"$([ $(((t1 - t0) / 1000000)) -lt 2000 ] && echo yes || echo no)"
	out=$(cat "$SCRATCH/up.out")
	expect_contains "SIG$sig: the statement was cancelled" "57014: canceling statement due to user request" "$out"
	expect_contains "SIG$sig: says the migration was rolled back" "migrations/0002_slow.mig: note: rolled back; nothing of it was recorded" "$out"
	expect_contains "SIG$sig: says it stopped" "migc: interrupted by SIG$sig: 0002 slow was not applied; nothing after it was run" "$out"
	sleep 4.5
	expect_eq "SIG$sig: 4.5 s later the server has not applied it" "0001|" \
		"$(q cancel "select string_agg(version, ','), to_regclass('t2') from migc_migrations")"
	expect_eq "SIG$sig: no backend of migc left" 0 \
		"$(q cancel "select count(*) from pg_stat_activity where application_name = 'migc'")"
done
expect_ok "after the interruptions, up applies 0002" migc up --db "$DB"
expect_contains "up 0002" "up 0002 slow" "$TAP_OUT"

# A signal after the last statement of a unit does not undo it: the
# migration whose COMMIT the server ran is reported applied.
cat >migrations/0003_more.mig <<'EOF'
create table t3 (id int);
EOF
cat >migrations/0004_slow.mig <<'EOF'
sql $$select pg_sleep(4)$$ down $$select 1$$;
EOF
"$MIGC" up --db "$DB" >"$SCRATCH/up.out" 2>&1 &
pid=$!
for _ in $(seq 100); do
	[ "$(q cancel "select count(*) from pg_stat_activity where query like '%pg_sleep(4)%' and state = 'active' and pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.05
done
kill -TERM "$pid"
st=0
wait "$pid" || st=$?
expect_eq "SIGTERM in 0004: exit status 143" 143 "$st"
expect_contains "0003 was applied and says so" "up 0003 more" "$(cat "$SCRATCH/up.out")"
expect_eq "ledger: 0003 applied, 0004 not" "0001,0002,0003" \
	"$(q cancel "select string_agg(version, ',' order by version) from migc_migrations")"

# A second signal exits at once.
"$MIGC" up --db "$DB" >"$SCRATCH/up.out" 2>&1 &
pid=$!
for _ in $(seq 100); do
	[ "$(q cancel "select count(*) from pg_stat_activity where query like '%pg_sleep(4)%' and state = 'active' and pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.05
done
kill -INT "$pid"
kill -INT "$pid"
st=0
wait "$pid" || st=$?
expect_eq "two SIGINTs: exit status 130" 130 "$st"
sleep 4.5
expect_eq "and 0004 was not applied" "0001,0002,0003" \
	"$(q cancel "select string_agg(version, ',' order by version) from migc_migrations")"

# ---- a sql body of several commands without a transaction ----
project notx
cat >migrations/0001_t.mig <<'EOF'
create table t (a int, b int);
EOF
cat >migrations/0002_idx.mig <<'EOF'
no transaction;
sql $$create index concurrently t_a on t (a); create index concurrently t_b on t (b)$$
    down $$drop index concurrently t_a; drop index concurrently t_b$$;
EOF
expect_ok "two create index concurrently in one sql body" migc up --db "$DB"
expect_eq "both indexes are there and valid" "t_a|t|t_b|t" \
	"$(q notx "select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname in ('t_a', 't_b') order by 1" | tr '\n' '|' | sed 's/|$//')"
expect_ok "and its down, also command by command" migc down --db "$DB"
expect_eq "both indexes gone" "0" "$(q notx "select count(*) from pg_class where relname in ('t_a', 't_b')")"
cat >migrations/0003_fail.mig <<'EOF'
no transaction;
sql $$insert into t values (1, 1); insert into nope values (2)$$ down $$delete from t$$;
EOF
rm migrations/0002_idx.mig
expect_status "a failure in the second command of a body" 1 migc up --db "$DB"
expect_contains "names the first as having taken effect" "note: ran without a transaction; this 1 statement took effect before the failure and was not undone:
    insert into t values (1, 1);" "$TAP_OUT"
expect_eq "it did" "1" "$(q notx "select count(*) from t")"

# ---- COPY in the driver ----
# check refuses COPY FROM STDIN / TO STDOUT in a file (tests/diag); the
# down SQL comes from the ledger, where anyone may have written it.
project copy
cat >migrations/0001_t.mig <<'EOF'
create table t (id int);
EOF
migc up --db "$DB" >/dev/null
q copy "update migc_migrations set down_sql = 'copy t from stdin;'"
expect_status "a down with COPY FROM STDIN fails, does not hang" 1 timeout 20 "$MIGC" down --db "$DB"
expect_contains "says why" "COPY FROM STDIN cannot run in a migration" "$TAP_OUT"
expect_eq "and nothing was rolled back" "0001" "$(q copy "select version from migc_migrations")"
q copy "update migc_migrations set down_sql = 'copy t to stdout; drop table t;'"
expect_status "a down with COPY TO STDOUT fails, does not spin" 1 timeout 20 "$MIGC" down --db "$DB"
expect_contains "says why" "COPY to or from the client cannot run in a migration" "$TAP_OUT"
expect_eq "and nothing was rolled back" "0001|t" \
	"$(q copy "select version, to_regclass('t') from migc_migrations")"

summary
