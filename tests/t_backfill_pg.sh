#!/usr/bin/env bash
# tests/t_backfill_pg.sh: the batched backfill of a `safe;` migration on a
# throwaway PostgreSQL: a column whose default differs row by row, added
# to a table with rows, as add nullable, the default, a backfill batch by
# batch by primary key, then the not-null steps.  The units in `compile`;
# the same schema as the plain form (pg_dump equal) with every row
# filled; a second session writing with a short lock_timeout while the
# backfill runs; kill -9 in the middle and `up` resuming after the
# recorded key; the partial down of a safe migration that stopped inside
# the SQL of one statement; the refusal of a table without a primary key
# of one column.
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
schema() {
	"$PG_BINDIR/pg_dump" --schema-only --no-owner --no-privileges \
		-T 'migc_migrations*' -d "$1" | grep -v -E \
		'^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)' || true
}

# project NAME SAFE: events with 1500 rows and slow_zero() (a millisecond
# a call), then 0002 adding a not null column whose default differs row
# by row, plain or with `safe;`.
project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_base.mig <<'MIG'
sql $$create function slow_zero() returns interval language sql volatile as 'select pg_sleep(0.001); select interval ''0'''$$
  down $$drop function slow_zero()$$;
create table events (id bigint primary key, name text);
sql $$insert into events select g, 'e' || g from generate_series(1, 1500) g$$
  down $$delete from events$$;
MIG
	{
		[ "$2" = safe ] && echo 'safe;'
		echo 'add column events.seen_at timestamptz not null default (clock_timestamp() + slow_zero());'
	} >migrations/0002_seen.mig
}

# ---- compile shows the units ----
project compiled safe
expect_ok "compile a safe backfill" migc compile 0002
expect_eq "compile: add nullable, the default, the batches, the not-null steps" '-- 0002_seen: up, reversible
-- safe: each statement runs on its own, a unit of its own
-- safe: the column without its default (no rewrite), the default for new rows, a batched backfill of the rows there were, then not null by a validated check
ALTER TABLE "events" ADD COLUMN "seen_at" timestamptz;
ALTER TABLE "events" ALTER COLUMN "seen_at" SET DEFAULT (clock_timestamp() + slow_zero());
-- safe: backfill events.seen_at in batches by id: $1 the last key done (NULL: none), $2 the batch size
WITH b AS (SELECT "id" FROM "events" WHERE $1::text IS NULL OR "id" > $1::text::bigint ORDER BY "id" LIMIT $2::integer), u AS (UPDATE "events" SET "seen_at" = (clock_timestamp() + slow_zero()) WHERE "id" IN (SELECT "id" FROM b) AND "seen_at" IS NULL RETURNING 1) SELECT (SELECT max("id")::text FROM b), (SELECT count(*) FROM b), (SELECT count(*) FROM u);
-- safe: a NOT VALID check, VALIDATE (writes go on), SET NOT NULL (uses the check: no scan), drop the check
ALTER TABLE "events" ADD CONSTRAINT "seen_at_not_null" CHECK ("seen_at" IS NOT NULL) NOT VALID;
ALTER TABLE "events" VALIDATE CONSTRAINT "seen_at_not_null";
ALTER TABLE "events" ALTER COLUMN "seen_at" SET NOT NULL;
ALTER TABLE "events" DROP CONSTRAINT "seen_at_not_null";' "$TAP_OUT"
expect_ok "compile --down" migc compile --down 0002
expect_eq "compile --down: the column goes" '-- 0002_seen: down, reversible
-- safe: each statement runs on its own, a unit of its own
ALTER TABLE "events" DROP COLUMN "seen_at";' "$TAP_OUT"
expect_ok "check: the rewritten statement has no finding" migc check
expect_eq "check: no lint warning" "0001_base  reversible
0002_seen  reversible
2 migrations: 2 reversible, 0 lossy, 0 irreversible" "$TAP_OUT"
expect_ok "compile --dialect sqlite: safe changes nothing there" migc compile --dialect sqlite 0002
case $TAP_OUT in
*"WITH b AS"*) fail "sqlite: no batched backfill" "$TAP_OUT" ;;
*) ok "sqlite: no batched backfill" ;;
esac

# ---- a table without a primary key of one column: refused ----
mkdir -p "$SCRATCH/nokey/migrations"
cd "$SCRATCH/nokey"
cat >migrations/0001_base.mig <<'MIG'
create table pairs (a bigint, b bigint, primary key (a, b));
create table loose (a bigint);
MIG
printf 'safe;\nadd column pairs.r double precision default random();\nadd column loose.r double precision default random();\n' >migrations/0002_r.mig
expect_status "no key of one column: refused" 1 migc check
expect_eq "no key of one column: the diagnostics" "migrations/0002_r.mig:2:1: error: a \`safe;\` migration backfills column r in batches by the primary key of pairs, which has a primary key of several columns
    add column pairs.r double precision default random();
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: give pairs a primary key of one column first, or add the column in a migration without \`safe;\` (the table is then rewritten under an ACCESS EXCLUSIVE lock)" "$TAP_OUT"

# ---- the same schema as the plain form, every row filled; the down ----
project plain plain
migc --db "$DB" -q up --to 0001
expect_ok "plain: up" migc --db "$DB" up
project safe safe
migc --db "$DB" -q up --to 0001
before_safe=$(schema safe)
expect_ok "safe: up" migc --db "$DB" up --batch-size 400
expect_contains "safe: the rows it backfilled" "backfilled 1500 rows in batches of 400" "$TAP_OUT"
expect_eq "safe: the same schema as the plain form" "$(schema plain)" "$(schema safe)"
expect_eq "safe: every row filled, no leftover check, no progress" "1500|0|0|0" \
	"$(q safe "select count(seen_at), count(*) filter (where seen_at is null), (select count(*) from pg_constraint where conname = 'seen_at_not_null'), (select count(*) from migc_migrations_progress) from events")"
expect_eq "safe: the values differ row by row" "t" \
	"$(q safe "select count(distinct seen_at) > 1 from events")"
expect_ok "safe: down" migc --db "$DB" down
expect_eq "safe: down restores the schema" "$before_safe" "$(schema safe)"

# ---- a writer with a short lock_timeout while the backfill runs ----
project busy safe
migc --db "$DB" -q up --to 0001
"$MIGC" --db "$DB" up --batch-size 50 --batch-pause 30 >"$SCRATCH/busy.out" 2>&1 &
pid=$!
seen=0
for _ in $(seq 300); do
	if [ "$(q busy "select count(*) from migc_migrations_progress where backfill_key is not null" 2>/dev/null)" = 1 ]; then
		seen=1
		break
	fi
	sleep 0.02
done
expect_eq "busy: the backfill was seen running" 1 "$seen"
WRITER=$(printf '%s\n' "SET lock_timeout = '300ms';" \
	"INSERT INTO events (id, name) VALUES (100000, 'new');" \
	"UPDATE events SET name = 'changed' WHERE id = 1;" \
	"UPDATE events SET name = 'changed too' WHERE id = 1499;" |
	pg_psql -d busy 2>&1) && WRITER="ok$WRITER" || WRITER="failed: $WRITER"
st=0
wait "$pid" || st=$?
expect_eq "busy: the writer goes on during the backfill" "ok" "$(printf '%s' "$WRITER" | tr -d '\n')"
expect_eq "busy: up succeeds" "0" "$st"
expect_eq "busy: the new row has the default, every row a value" "t|1501|changed too" \
	"$(q busy "select (select seen_at is not null from events where id = 100000), count(seen_at), (select name from events where id = 1499) from events")"

# The plain form rewrites the table under ACCESS EXCLUSIVE: the same
# writer times out.
project busyplain plain
migc --db "$DB" -q up --to 0001
"$MIGC" --db "$DB" up >"$SCRATCH/busyplain.out" 2>&1 &
pid=$!
seen=0
for _ in $(seq 300); do
	if [ "$(q busyplain "select count(*) from pg_stat_activity where state = 'active' and query like '%ADD COLUMN%' and pid <> pg_backend_pid()")" = 1 ]; then
		seen=1
		break
	fi
	sleep 0.02
done
expect_eq "plain: the rewrite was seen running" 1 "$seen"
WRITER=$(printf '%s\n' "SET lock_timeout = '300ms';" \
	"INSERT INTO events (id, name) VALUES (100000, 'new');" |
	pg_psql -d busyplain 2>&1) && WRITER="ok$WRITER" || WRITER="failed: $WRITER"
st=0
wait "$pid" || st=$?
expect_contains "plain: the writer times out behind the rewrite" "canceling statement due to lock timeout" "$WRITER"
expect_eq "plain: up succeeds" "0" "$st"

# ---- kill -9 in the middle of the backfill; up resumes after the key ----
project killed safe
migc --db "$DB" -q up --to 0001
before_killed=$(schema killed)
"$MIGC" --db "$DB" up --batch-size 100 --batch-pause 100 >"$SCRATCH/killed.out" 2>&1 &
pid=$!
key=
for _ in $(seq 300); do
	key=$(q killed "select backfill_key from migc_migrations_progress where backfill_key::bigint >= 300" 2>/dev/null || true)
	[ -n "$key" ] && break
	sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
key=$(q killed "select backfill_key from migc_migrations_progress")
expect_eq "killed: stopped at the backfill, its key recorded" "2|t" \
	"$(q killed "select done, backfill_key::bigint between 300 and 1400 from migc_migrations_progress")"
expect_eq "killed: the rows up to the key are filled, none after" "$key|0" \
	"$(q killed "select count(seen_at), count(seen_at) filter (where id > $key) from events")"
expect_ok "killed: status names it" migc --db "$DB" status
expect_contains "killed: status: partial" "partial" "$TAP_OUT"
expect_ok "killed: up resumes" migc --db "$DB" up --batch-size 100
expect_contains "killed: resumed at the backfill" "resumed at statement 3 of 7" "$TAP_OUT"
expect_contains "killed: after the recorded key" "the backfill of events.seen_at resumed after key $key" "$TAP_OUT"
expect_contains "killed: only the rows after the key" "backfilled $((1500 - key)) rows in batches of 100" "$TAP_OUT"
expect_eq "killed: every row filled, not null, recorded" "1500|NO|0002" \
	"$(q killed "select count(seen_at), (select is_nullable from information_schema.columns where table_name = 'events' and column_name = 'seen_at'), (select max(version) from migc_migrations) from events")"

# ---- kill -9 in the middle of the backfill; down undoes what ran ----
project undone safe
migc --db "$DB" -q up --to 0001
before_undone=$(schema undone)
"$MIGC" --db "$DB" up --batch-size 100 --batch-pause 100 >"$SCRATCH/undone.out" 2>&1 &
pid=$!
for _ in $(seq 300); do
	[ "$(q undone "select count(*) from migc_migrations_progress where backfill_key is not null" 2>/dev/null)" = 1 ] && break
	sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
expect_ok "mid-backfill: down undoes what ran" migc --db "$DB" down
expect_eq "mid-backfill: the schema before it" "$before_undone" "$(schema undone)"
expect_eq "mid-backfill: pending again, no progress" "0001|0" \
	"$(q undone "select max(version), (select count(*) from migc_migrations_progress) from migc_migrations")"

# ---- a safe set not null stopped inside its SQL: the partial down ----
mkdir -p "$SCRATCH/nn/migrations"
cd "$SCRATCH/nn"
pg_createdb nn
DB=$(pg_url nn)
cat >migrations/0001_base.mig <<'MIG'
create table users (id bigint primary key, email text);
sql $$insert into users select g, 'u' || g from generate_series(1, 10) g$$
  down $$delete from users$$;
MIG
printf 'safe;\nalter column users.email set not null;\n' >migrations/0002_nn.mig
migc --db "$DB" -q up --to 0001
before_nn=$(schema nn)
q nn "update users set email = null where id = 3" >/dev/null
expect_status "set not null: VALIDATE fails on the null" 1 migc --db "$DB" up
expect_contains "set not null: the server's error" "23514" "$TAP_OUT"
expect_eq "set not null: stopped after the NOT VALID check" "1|1" \
	"$(q nn "select done, (select count(*) from pg_constraint where conname = 'email_not_null') from migc_migrations_progress")"
expect_ok "set not null: down of what ran" migc --db "$DB" down
expect_eq "set not null: the check is gone, the schema as before" "$before_nn" "$(schema nn)"
q nn "update users set email = 'u3' where id = 3" >/dev/null
expect_ok "set not null: up once the row is fixed" migc --db "$DB" up
expect_eq "set not null: applied" "NO|0" \
	"$(q nn "select is_nullable, (select count(*) from pg_constraint where conname = 'email_not_null') from information_schema.columns where table_name = 'users' and column_name = 'email'")"

# ---- a safe primary key stopped between its index and its constraint ----
mkdir -p "$SCRATCH/pk/migrations"
cd "$SCRATCH/pk"
pg_createdb pk
DB=$(pg_url pk)
cat >migrations/0001_base.mig <<'MIG'
create table items (id bigint, name text);
sql $$insert into items select g, 'i' || g from generate_series(1, 10) g$$
  down $$delete from items$$;
MIG
printf 'safe;\nadd constraint items.items_pkey primary key (id);\n' >migrations/0002_pk.mig
migc --db "$DB" -q up --to 0001
before_pk=$(schema pk)
q pk "insert into items values (null, 'no id')" >/dev/null
expect_status "primary key: the constraint fails on the null" 1 migc --db "$DB" up
expect_contains "primary key: the server's error" "23502" "$TAP_OUT"
expect_eq "primary key: stopped after the index" "1|1" \
	"$(q pk "select done, (select count(*) from pg_class where relname = 'items_pkey') from migc_migrations_progress")"
expect_ok "primary key: down of what ran" migc --db "$DB" down
expect_eq "primary key: the index is gone, the schema as before" "$before_pk" "$(schema pk)"
q pk "delete from items where id is null" >/dev/null
expect_ok "primary key: up once the row is gone" migc --db "$DB" up
expect_eq "primary key: applied" "p" \
	"$(q pk "select contype from pg_constraint where conname = 'items_pkey'")"

summary
