#!/usr/bin/env bash
# tests/t_drift.sh: `migc up` refuses to build on a database that drifted
# from the migrations it applied, and applies with --allow-drift;
# `migc status --drift` says so; what the dialect stores alike (SQLite's
# serial, booleans and enums; PostgreSQL's serial not null) and what an
# applied `sql` statement did are no drift; views are left to diff.  On
# real SQLite files and the throwaway PostgreSQL.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/lib/pg.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
chmod 755 "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/xdg-cache
at_exit pg_stop
if ! pg_start; then
	fail "throwaway PostgreSQL starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }

sql() {
	case $1 in
	sqlite) sqlite3 -batch "$2" "$3" ;;
	postgres) pg_psql -d "$2" -q -At -c "$3" ;;
	esac
}

# Serial keys, a bigserial that is no key, boolean defaults, an enum, and
# an `sql` statement whose table and column the model cannot see.
project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_users.mig <<'EOF'
create type mood as enum ('happy', 'sad');
create table users (
    id serial primary key,
    email varchar(200) not null,
    active boolean not null default true,
    admin boolean default false,
    ticket bigserial,
    mood mood not null default 'happy',
    score numeric(10, 2) default '1.50'::numeric(10, 2),
    constraint users_score_check check (score >= 0 and (score < 100 or score is null))
);
create index users_email_idx on users (email);
EOF
	cat >migrations/0002_audit.mig <<'EOF'
create table posts (id bigserial primary key, user_id integer not null references users (id));
sql 'CREATE TABLE audit_log (id integer primary key, what text)' down 'DROP TABLE audit_log';
sql 'ALTER TABLE posts ADD COLUMN legacy text' down 'ALTER TABLE posts DROP COLUMN legacy';
EOF
}

run() {
	local e=$1 url db
	project "$e"
	case $e in
	sqlite) db=$P/app.db url=sqlite:$P/app.db ;;
	postgres) pg_createdb app_db; db=app_db url=$(pg_url app_db) ;;
	esac
	expect_ok "$e: up" migc --db "$url" up -q
	expect_status "$e: serial, boolean, enum: diff finds no drift but the sql's" 1 \
		migc --db "$url" diff
	expect_eq "$e: only what the sql statements made" \
		"-- drift: the database differs from the 2 applied migrations; these statements bring it back to them:
-- table audit_log is in the database, not in the migrations
drop table audit_log;
-- column posts.legacy is in the database, not in the migrations
drop column posts.legacy;" "$TAP_OUT"
	expect_ok "$e: status --drift: none (what sql made is left out)" \
		migc --db "$url" status --drift --exit-code
	expect_contains "$e: status says so" \
		"drift: none; the database matches the 2 applied migrations" "$TAP_OUT"

	# Made by hand: a column, and an index dropped.
	sql "$e" "$db" "ALTER TABLE users ADD COLUMN nick text"
	sql "$e" "$db" "DROP INDEX users_email_idx"
	expect_status "$e: status --drift --exit-code: exit 1 on drift" 1 \
		migc --db "$url" status --drift --exit-code
	expect_contains "$e: status names the drift" \
		"drift: 2 differences from the 2 applied migrations (migc diff shows them; up refuses to apply)" \
		"$TAP_OUT"
	expect_ok "$e: nothing pending: up is not refused (nothing to check)" \
		migc --db "$url" up
	expect_eq "$e: and says so" "nothing to apply" "$TAP_OUT"

	printf '%s\n' 'create table tags (name text primary key);' >migrations/0003_tags.mig
	expect_status "$e: up refuses a database that drifted" 1 migc --db "$url" up
	expect_eq "$e: the refusal lists the drift and what to do" \
		"migc: error: the database drifted from the 2 migrations it applied (2 differences); refusing to apply more on it
-- these statements bring it back to the migrations:
-- column users.nick is in the database, not in the migrations
drop column users.nick;
-- index users_email_idx of table users is in the migrations, not in the database
create index users_email_idx on users (email);
hint: bring the database back (migc diff prints every statement), or write the change as a migration; --allow-drift applies anyway" \
		"$TAP_OUT"
	expect_status "$e: up --dry-run refuses too" 1 migc --db "$url" up --dry-run
	expect_eq "$e: nothing was applied" 2 \
		"$(sql "$e" "$db" "SELECT count(*) FROM migc_migrations")"

	# Undone by hand: up applies.
	sql "$e" "$db" "ALTER TABLE users DROP COLUMN nick"
	sql "$e" "$db" "CREATE INDEX users_email_idx ON users (email)"
	printf '%s\n' 'create table labels (name text primary key);' >migrations/0004_labels.mig
	expect_ok "$e: drift undone: up applies" migc --db "$url" up --steps 1
	expect_eq "$e: 0003 applied" 3 \
		"$(sql "$e" "$db" "SELECT count(*) FROM migc_migrations")"

	# --allow-drift applies on a drifted database.
	sql "$e" "$db" "ALTER TABLE tags ADD COLUMN color text"
	expect_status "$e: drift again: refused" 1 migc --db "$url" up
	expect_contains "$e: the column made by hand" "drop column tags.color;" "$TAP_OUT"
	expect_ok "$e: up --allow-drift applies" migc --db "$url" up --allow-drift
	expect_eq "$e: 0004 applied" 4 \
		"$(sql "$e" "$db" "SELECT count(*) FROM migc_migrations")"
	expect_status "$e: diff still reports it" 1 migc --db "$url" diff
	expect_contains "$e: with the statement that undoes it" "drop column tags.color;" "$TAP_OUT"

	# A database that holds a table before its first migration: nothing
	# was applied to drift from (baseline's case); the next up checks.
	local fresh furl
	case $e in
	sqlite) fresh=$P/fresh.db furl=sqlite:$P/fresh.db ;;
	postgres) pg_createdb fresh_db; fresh=fresh_db furl=$(pg_url fresh_db) ;;
	esac
	sql "$e" "$fresh" "CREATE TABLE legacy (id integer primary key)"
	expect_ok "$e: a table before the first migration: the first up applies" \
		migc --db "$furl" up --to 0001
	expect_status "$e: the next up finds the table" 1 migc --db "$furl" up
	expect_contains "$e: and names it" "drop table legacy;" "$TAP_OUT"
}

run sqlite
run postgres

# SQLite keeps a view's query as the migration wrote it: introspection
# writes the view in the language, and a view replaced by hand is drift
# that diff reports with the statements that undo it.
V=$SCRATCH/views
mkdir -p "$V/migrations"
cd "$V"
cat >migrations/0001_users.mig <<'EOF'
create table users (id integer primary key, active boolean not null default true);
create view active_users as 'select id from users where active';
EOF
# A query on lines of its own, and a column rename SQLite writes into the
# view's text with the new name in quotes: neither is drift.
cat >migrations/0002_mails.mig <<'EOF'
add column users.email text;
create view mails as '
    select id, email -- the address
      from users
';
rename column users.email to mail;
EOF
expect_ok "sqlite view: up" migc --db "sqlite:$V/app.db" up -q
expect_eq "sqlite view: SQLite rewrote the view" \
	"$(printf 'CREATE VIEW "mails" AS\nselect id, "mail" -- the address\n      from users')" \
	"$(sqlite3 "$V/app.db" "SELECT sql FROM sqlite_schema WHERE name = 'mails'")"
expect_contains "sqlite view: introspected in the language" \
	"create view active_users as 'select id from users where active';" \
	"$(migc --db "sqlite:$V/app.db" introspect)"
expect_ok "sqlite view: no drift" migc --db "sqlite:$V/app.db" diff
sqlite3 "$V/app.db" "DROP VIEW active_users; CREATE VIEW active_users AS SELECT id FROM users"
expect_status "sqlite view replaced by hand: drift" 1 migc --db "sqlite:$V/app.db" diff
expect_eq "sqlite view replaced by hand: the statements that undo it" \
	"-- drift: the database differs from the 2 applied migrations; these statements bring it back to them:
-- view active_users differs: as the migrations has it
drop view active_users;
-- view active_users differs: as the migrations has it
create view active_users as 'select id from users where active';" "$TAP_OUT"

# PostgreSQL's views: `up` leaves them to diff (docs/RUNTIME.md).  A view
# replaced by hand does not stop up, and diff reports it; a `select *`
# view made before a migration added a column is reported too, since the
# server expands the migration's `*` to the columns of today while the
# view kept the ones it had: the false difference that keeps views out of
# up's check.
W=$SCRATCH/pgviews
mkdir -p "$W/migrations"
cat >"$W/migrations/0001_users.mig" <<'EOF'
create table users (id integer primary key, active boolean not null default true);
create view active_users as 'select id from users where active';
create view all_users as 'select * from users';
EOF
pg_createdb pgviews_db
WURL=$(pg_url pgviews_db)
expect_ok "postgres views: up" migc --db "$WURL" --dir "$W/migrations" up -q
expect_ok "postgres views: no drift" migc --db "$WURL" --dir "$W/migrations" diff
sql postgres pgviews_db "CREATE OR REPLACE VIEW active_users AS SELECT id FROM users WHERE NOT active"
echo 'add column users.email text;' >"$W/migrations/0002_email.mig"
expect_ok "postgres views: a view replaced by hand does not stop up" \
	migc --db "$WURL" --dir "$W/migrations" up -q
expect_status "postgres views: diff reports it" 1 migc --db "$WURL" --dir "$W/migrations" diff
expect_eq "postgres views: and the select * view (a documented limit)" \
	"-- drift: the database differs from the 2 applied migrations; these statements bring it back to them:
-- view all_users differs: as the migrations has it
drop view all_users;
-- view active_users differs: as the migrations has it
drop view active_users;
-- view active_users differs: as the migrations has it
create view active_users as 'select id from users where active';
-- view all_users differs: as the migrations has it
create view all_users as 'select * from users';" "$TAP_OUT"

# PostgreSQL's index keys are read back in the language: an expression
# key (deparsed `lower(email::text)`), a sort order, an operator class,
# a method and included columns are no drift, and an index made again by
# hand with another key is reported with the statements that undo it.
K=$SCRATCH/keys
mkdir -p "$K/migrations"
cat >"$K/migrations/0001_keys.mig" <<'EOF'
create table accounts (id integer primary key, email varchar(80), name text, score integer);
create index accounts_lower_email on accounts ((lower(email)));
create index accounts_score on accounts (score desc nulls last, name asc) where (score > 0);
create index accounts_pattern on accounts using btree (email text_pattern_ops) include (name);
create index accounts_hash on accounts using hash (name);
EOF
pg_createdb keys_db
expect_ok "postgres index keys: up" migc --db "$(pg_url keys_db)" --dir "$K/migrations" up -q
expect_eq "postgres index keys: introspected in the language" \
	"create index accounts_lower_email on accounts ((lower(email::text)));
create index accounts_score on accounts (score desc nulls last, name) where (score > 0);
create index accounts_pattern on accounts (email text_pattern_ops) include (name);
create index accounts_hash on accounts using hash (name);" \
	"$(migc --db "$(pg_url keys_db)" introspect | grep '^create index')"
expect_ok "postgres index keys: no drift" migc --db "$(pg_url keys_db)" --dir "$K/migrations" diff
pg_psql -d keys_db -q -c "DROP INDEX accounts_score; CREATE INDEX accounts_score ON accounts (score) WHERE score > 0"
expect_status "postgres index key changed by hand: drift" 1 migc --db "$(pg_url keys_db)" --dir "$K/migrations" diff
expect_eq "postgres index key changed by hand: the statements that undo it" \
	"-- drift: the database differs from the 1 applied migration; these statements bring it back to them:
-- index accounts_score of table accounts differs: as the migrations has it
drop index accounts_score;
-- index accounts_score of table accounts differs: as the migrations has it
create index accounts_score on accounts (score desc nulls last, name asc) where (score > 0);" "$TAP_OUT"

# baseline reads the catalog under the ledger's lock: a run that holds the
# lock and makes a table before it lets go is seen by the baseline that
# waited for it.
key=$(python3 -c '
h = 0xcbf29ce484222325
for c in b"migc:migc_migrations":
    h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
print(h - (1 << 64) if h >= 1 << 63 else h)')
pg_createdb locked_db
B=$SCRATCH/baseline
mkdir -p "$B"
pg_psql -d locked_db -q -c "CREATE TABLE early (id integer primary key)"
pg_psql -d locked_db -q -At -c "SELECT pg_advisory_lock($key); SELECT pg_sleep(2);
    CREATE TABLE late (id integer primary key); SELECT pg_advisory_unlock($key)" \
	>/dev/null &
holder=$!
# until the holder has the lock
for _ in $(seq 50); do
	[ "$(pg_psql -d locked_db -At -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
	sleep 0.1
done
expect_ok "baseline waits for the lock" \
	migc --db "$(pg_url locked_db)" --dir "$B/migrations" baseline -q
wait "$holder"
expect_contains "baseline read the catalog once it held the lock" \
	"create table late" "$(cat "$B"/migrations/*_baseline.mig)"
expect_ok "and nothing drifted" migc --db "$(pg_url locked_db)" --dir "$B/migrations" diff

expect_status "status --drift does not go with --json" 2 \
	migc --db "sqlite:$SCRATCH/sqlite/app.db" --dir "$SCRATCH/sqlite/migrations" status --drift --json
expect_eq "and says so" \
	"migc: status --drift prints a line of text; it does not go with --json" "$TAP_OUT"

summary
