#!/usr/bin/env bash
# tests/t_safe_pg.sh: `safe;` migrations on a throwaway PostgreSQL: the
# same schema as the plain form (pg_dump equal), downs that undo them, and
# the weaker lock shown on the server: while VALIDATE CONSTRAINT and
# CREATE INDEX CONCURRENTLY run on a table with rows, a second session
# with a short lock_timeout inserts and updates it, and pg_locks shows no
# ACCESS EXCLUSIVE lock on it; with the plain form the same writer times
# out.
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
# schema DB: schema without migc's own tables (a `safe;` run
# leaves the progress table the plain one does not need).
schema() {
	"$PG_BINDIR/pg_dump" --schema-only --no-owner --no-privileges \
		-T 'migc_migrations*' -d "$1" | grep -v -E \
		'^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)' || true
}

# project NAME SAFE: users and posts with rows (0001), then 0002 with the
# changes, plain or with `safe;` at the top.
project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_base.mig <<'MIG'
create table users (id bigint primary key, email text);
create table posts (id bigint primary key, user_id bigint, title text);
sql $$insert into users select g, 'u' || g || '@x' from generate_series(1, 100) g$$
  down $$delete from users$$;
sql $$insert into posts select g, 1 + g % 100, 't' || g from generate_series(1, 1000) g$$
  down $$delete from posts$$;
MIG
	{
		[ "$2" = safe ] && echo 'safe;'
		cat <<'MIG'
add constraint posts.posts_user_fk foreign key (user_id) references users;
add constraint posts.title_len check (length(title) < 200);
alter column users.email set not null;
create index on posts (user_id);
add constraint users.users_email_key unique (email);
create table tags (name text primary key, post_id bigint references posts);
create index on tags (post_id);
MIG
	} >migrations/0002_change.mig
}

# ---- compile shows the units ----
project compiled safe
expect_ok "compile a safe migration" migc compile 0002
expect_eq "compile: the safe forms, one statement a unit" '-- 0002_change: up, reversible
-- safe: each statement runs on its own, a unit of its own
-- safe: NOT VALID (no scan), then VALIDATE in its own transaction (writes go on)
ALTER TABLE "posts" ADD CONSTRAINT "posts_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID;
ALTER TABLE "posts" VALIDATE CONSTRAINT "posts_user_fk";
-- safe: NOT VALID (no scan), then VALIDATE in its own transaction (writes go on)
ALTER TABLE "posts" ADD CONSTRAINT "title_len" CHECK (length(title) < 200) NOT VALID;
ALTER TABLE "posts" VALIDATE CONSTRAINT "title_len";
-- safe: a NOT VALID check, VALIDATE (writes go on), SET NOT NULL (uses the check: no scan), drop the check
ALTER TABLE "users" ADD CONSTRAINT "email_not_null" CHECK ("email" IS NOT NULL) NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "email_not_null";
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT "email_not_null";
CREATE INDEX CONCURRENTLY "posts_user_id_idx" ON "posts" ("user_id");
-- safe: the unique index concurrently, then the constraint USING INDEX
CREATE UNIQUE INDEX CONCURRENTLY "users_email_key" ON "users" ("email");
ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_key";
CREATE TABLE "tags" (
    "name" text NOT NULL,
    "post_id" bigint,
    CONSTRAINT "tags_pkey" PRIMARY KEY ("name"),
    CONSTRAINT "tags_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts" ("id")
);
CREATE INDEX "tags_post_id_idx" ON "tags" ("post_id");' "$TAP_OUT"
expect_ok "compile --down of a safe migration" migc compile --down 0002
expect_eq "compile --down: derived for the rewritten form" '-- 0002_change: down, reversible
-- safe: each statement runs on its own, a unit of its own
DROP INDEX CONCURRENTLY "tags_post_id_idx";
DROP TABLE "tags";
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "users_email_key";
DROP INDEX CONCURRENTLY IF EXISTS "users_email_key";
DROP INDEX CONCURRENTLY "posts_user_id_idx";
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "email_not_null";
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
ALTER TABLE "posts" DROP CONSTRAINT "title_len";
ALTER TABLE "posts" DROP CONSTRAINT "posts_user_fk";' "$TAP_OUT"
expect_ok "check: a safe migration has no lock findings" migc check
expect_eq "check: no lint warning" "0001_base    reversible
0002_change  reversible
2 migrations: 2 reversible, 0 lossy, 0 irreversible" "$TAP_OUT"
expect_ok "compile --dialect sqlite: safe changes nothing there" migc compile --dialect sqlite 0002
case $TAP_OUT in
*"NOT VALID"* | *CONCURRENTLY*) fail "sqlite: no PostgreSQL forms" "$TAP_OUT" ;;
*) ok "sqlite: no PostgreSQL forms" ;;
esac

# ---- the same schema as the plain form; downs undo it ----
project plain plain
migc --db "$DB" -q up --to 0001
before_plain=$(schema plain)
expect_ok "plain: up" migc --db "$DB" up
project safe safe
migc --db "$DB" -q up --to 0001
before_safe=$(schema safe)
expect_ok "safe: up" migc --db "$DB" up
expect_eq "safe: the same schema as the plain form" "$(schema plain)" "$(schema safe)"
expect_eq "safe: no invalid index, no leftover check" "0|0" \
	"$(q safe "select (select count(*) from pg_index where not indisvalid), (select count(*) from pg_constraint where conname = 'email_not_null')")"
expect_ok "safe: down" migc --db "$DB" down
expect_eq "safe: down restores the schema" "$before_safe" "$(schema safe)"
expect_ok "safe: up again" migc --db "$DB" up
expect_eq "safe: up again: the same schema" "$(schema plain)" "$(schema safe)"

# ---- a failed concurrent build: its INVALID index goes before the retry ----
project dup safe
cat >migrations/0002_change.mig <<'MIG'
safe;
add constraint users.users_email_key unique (email);
MIG
migc --db "$DB" -q up --to 0001
q dup "update users set email = 'same@x' where id in (1, 2)"
expect_status "duplicate: the unique build fails" 1 migc --db "$DB" up
expect_contains "duplicate: the server's error" "23505: could not create unique index \"users_email_key\"" "$TAP_OUT"
expect_eq "duplicate: not recorded" "0001" "$(q dup "select string_agg(version, ' ') from migc_migrations")"
q dup "update users set email = 'u2@x' where id = 2"
expect_ok "duplicate fixed: up again" migc --db "$DB" up
expect_eq "duplicate fixed: one valid index, the constraint on it" "1|t|users_email_key" \
	"$(q dup "select count(*), bool_and(indisvalid), (select conname from pg_constraint where conindid = 'users_email_key'::regclass) from pg_index where indrelid = 'users'::regclass and indexrelid::regclass::text = 'users_email_key'")"

# ---- the lock on the server, with a second session ----
# A check and an index predicate that take a millisecond a row, so that
# VALIDATE and the concurrent index build run long enough to watch.
# lock_project NAME SAFE STMT: 0001 posts with 1500 rows and slow_true(),
# 0002 = STMT, plain or safe.
lock_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_base.mig <<'MIG'
sql $$create function slow_true(bigint) returns boolean language sql immutable as 'select pg_sleep(0.001) is not null'$$
  down $$drop function slow_true(bigint)$$;
create table posts (id bigint primary key, title text);
sql $$insert into posts select g, 't' || g from generate_series(1, 1500) g$$
  down $$delete from posts$$;
MIG
	migc --db "$DB" -q up
	{
		[ "$2" = safe ] && echo 'safe;'
		printf '%s\n' "$3"
	} >migrations/0002_change.mig
}

# watch DB NAME PATTERN: run `migc up` in the background; once a query
# matching PATTERN is active, a second session (lock_timeout 300ms)
# inserts and updates posts, and a third reads pg_locks.  Sets WRITER
# (the writer's exit status and output), LOCKS (ACCESS EXCLUSIVE locks
# on posts held then) and UP (migc's exit status).
watch() {
	local db=$1 name=$2 pattern=$3 seen=0 st=0
	migc --db "$DB" up >"$SCRATCH/$name.out" 2>&1 &
	local pid=$!
	for _ in $(seq 200); do
		if [ "$(q "$db" "select count(*) from pg_stat_activity where state = 'active' and query like '$pattern' and pid <> pg_backend_pid()")" = 1 ]; then
			seen=1
			break
		fi
		sleep 0.02
	done
	[ "$seen" = 1 ] || fail "$name: the statement was seen running"
	LOCKS=$(q "$db" "select count(*) from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'posts' and l.mode = 'AccessExclusiveLock' and l.granted")
	WRITER=$(printf '%s\n' "SET lock_timeout = '300ms';" \
		"INSERT INTO posts VALUES (100000, 'new');" \
		"UPDATE posts SET title = 'changed' WHERE id = 1;" |
		pg_psql -d "$db" 2>&1) && WRITER="ok$WRITER" || WRITER="failed: $WRITER"
	wait "$pid" || st=$?
	UP=$st
}

lock_project vsafe safe 'add constraint posts.slow check (slow_true(id));'
watch vsafe vsafe '%VALIDATE CONSTRAINT%'
expect_eq "safe check: the writer goes on during VALIDATE" "ok" "$WRITER"
expect_eq "safe check: no ACCESS EXCLUSIVE lock on posts during VALIDATE" "0" "$LOCKS"
expect_eq "safe check: up succeeds" "0" "$UP"
expect_eq "safe check: validated" "t" "$(q vsafe "select convalidated from pg_constraint where conname = 'slow'")"

lock_project vplain plain 'add constraint posts.slow check (slow_true(id));'
watch vplain vplain '%ADD CONSTRAINT%'
expect_contains "plain check: the writer times out behind the scan" "canceling statement due to lock timeout" "$WRITER"
expect_eq "plain check: ACCESS EXCLUSIVE on posts during the scan" "1" "$LOCKS"
expect_eq "plain check: up succeeds" "0" "$UP"

lock_project isafe safe 'create index posts_slow_idx on posts (id) where (slow_true(id));'
watch isafe isafe 'CREATE INDEX CONCURRENTLY%'
expect_eq "safe index: the writer goes on during the build" "ok" "$WRITER"
expect_eq "safe index: no ACCESS EXCLUSIVE lock on posts during the build" "0" "$LOCKS"
expect_eq "safe index: up succeeds" "0" "$UP"
expect_eq "safe index: valid, and holds the new row" "t|1" \
	"$(q isafe "select indisvalid, (select count(*) from posts where id = 100000) from pg_index where indexrelid = 'posts_slow_idx'::regclass")"

lock_project iplain plain 'create index posts_slow_idx on posts (id) where (slow_true(id));'
watch iplain iplain 'CREATE INDEX%'
expect_contains "plain index: the writer times out behind the build" "canceling statement due to lock timeout" "$WRITER"
expect_eq "plain index: up succeeds" "0" "$UP"

summary
