#!/usr/bin/env bash
# tests/t_runtime_pg.sh: migc up/down/redo/status against a throwaway
# PostgreSQL: the ledger, atomicity, checksums, ordering, the advisory lock
# under six concurrent runs, SIGKILL, and connection errors.
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
strip_ms() { printf '%s\n' "$1" | sed 's/ ([0-9.]* ms)$//'; }

# new_project NAME: a folder with three migrations and a database NAME.
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_users.mig <<'EOF'
create table users (id bigserial primary key, email text not null);
EOF
	cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, user_id bigint references users, title text);
create index on posts (user_id);
EOF
	cat >migrations/0003_tags.mig <<'EOF'
create table tags (name text primary key);
EOF
}

# ---- up, status, down, redo ----
new_project basic
expect_ok "status on an empty database" migc --db "$DB" status --json
expect_eq "status: three pending" "pending pending pending" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[].state] | join(" ")')"
expect_eq "status does not create the ledger" "" \
	"$(q basic "select to_regclass('migc_migrations')")"
expect_ok "up --to 0002" migc --db "$DB" up --to 0002
expect_eq "up --to: progress" "up 0001 users
up 0002 posts" "$(strip_ms "$TAP_OUT")"
expect_ok "up" migc --db "$DB" up
expect_eq "up: the rest" "up 0003 tags" "$(strip_ms "$TAP_OUT")"
expect_eq "ledger rows" "0001|users|f|t
0002|posts|f|t
0003|tags|f|t" "$(q basic 'select version, name, no_transaction, down_sql is not null from migc_migrations order by version')"
expect_eq "ledger: applied_at, duration" "3" \
	"$(q basic 'select count(*) from migc_migrations where applied_at > now() - interval '"'1 hour'"' and duration_ms >= 0')"
expect_ok "status" migc --db "$DB" status
expect_contains "status table" "version  name   state    applied at
0001     users  applied  $(date -u +%Y-%m-%d)T" "$TAP_OUT"
expect_ok "status --json" migc --db "$DB" status --json
expect_eq "status --json: checksums" "64 64 64" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[].checksum | length] | join(" ")')"
expect_eq "status --json: applied_at is UTC ISO 8601" "true" \
	"$(printf '%s' "$TAP_OUT" | jq -r '.[0].applied_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")')"
expect_ok "down --steps 2" migc --db "$DB" down --steps 2
expect_eq "down: newest first" "down 0003 tags
down 0002 posts" "$(strip_ms "$TAP_OUT")"
expect_eq "down: tables gone" "migc_migrations users" \
	"$(q basic "select string_agg(tablename, ' ' order by tablename) from pg_tables where schemaname = 'public'")"
expect_ok "redo" migc --db "$DB" redo
expect_eq "redo" "down 0001 users
up 0001 users" "$(strip_ms "$TAP_OUT")"
expect_ok "down --to 0" migc --db "$DB" down --to 0
expect_eq "down --to 0: all" "0" "$(q basic 'select count(*) from migc_migrations')"
expect_ok "libpq environment: conninfo with PGHOST/PGPORT" migc --db "dbname=basic" up -q
expect_eq "conninfo: applied" "3" "$(q basic 'select count(*) from migc_migrations')"
pg_createdb tbl
expect_ok "--table" migc --db "$(pg_url tbl)" --table 'Ledger "x"' up -q
expect_eq "--table: quoted identifier" "3" "$(q tbl 'select count(*) from "Ledger ""x"""')"

# ---- verbose, dry run ----
new_project dry
migc --db "$DB" -q up --to 0001
before=$(pg_dump_schema dry)
expect_ok "up --dry-run" migc --db "$DB" up --dry-run
expect_contains "dry run: SQL" '-- up 0002 posts
SET lock_timeout = '"'2000ms'"';
BEGIN;
CREATE TABLE "posts" (' "$TAP_OUT"
expect_eq "dry run: schema unchanged" "$before" "$(pg_dump_schema dry)"
expect_ok "down --dry-run" migc --db "$DB" down --dry-run
expect_eq "down --dry-run" '-- down 0001 users
SET lock_timeout = '"'2000ms'"';
BEGIN;
DROP TABLE "users";
COMMIT;' "$TAP_OUT"
expect_eq "down dry run: schema unchanged" "$before" "$(pg_dump_schema dry)"
expect_ok "up --verbose" migc --db "$DB" up --verbose --to 0002
expect_contains "verbose: each statement" 'CREATE INDEX "posts_user_id_idx" ON "posts" ("user_id");' "$TAP_OUT"

# ---- a failure in the third statement changes nothing ----
new_project atomic
migc --db "$DB" -q up
cat >migrations/0004_bad.mig <<'EOF'
add column users.age integer;
create index on users (email);
sql 'insert into nope (x) values (1)' down 'select 1';
EOF
before=$(pg_dump_schema atomic)
ledger=$(q atomic 'select * from migc_migrations order by version')
expect_status "failing migration: exit 1" 1 migc --db "$DB" up
expect_eq "error: file, SQLSTATE, statement, caret" 'migrations/0004_bad.mig: error: 42P01: relation "nope" does not exist
    insert into nope (x) values (1);
                ^
migrations/0004_bad.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
expect_eq "schema identical after the failure" "$before" "$(pg_dump_schema atomic)"
expect_eq "ledger identical after the failure" "$ledger" \
	"$(q atomic 'select * from migc_migrations order by version')"
cat >migrations/0004_bad.mig <<'EOF'
sql 'insert into users (email) values (''a''), (''a'')' down 'select 1';
add constraint users.users_email_key unique (email);
EOF
expect_status "detail line" 1 migc --db "$DB" up
expect_contains "detail" 'error: 23505: could not create unique index "users_email_key"' "$TAP_OUT"
expect_contains "detail line present" 'detail: Key (email)=(a) is duplicated.' "$TAP_OUT"
expect_eq "no rows left behind" "0" "$(q atomic 'select count(*) from users')"
rm migrations/0004_bad.mig

# ---- no transaction ----
cat >migrations/0004_conc.mig <<'EOF'
no transaction;
create index concurrently users_email_idx on users (email);
EOF
expect_ok "no transaction: create index concurrently" migc --db "$DB" up
expect_eq "no transaction: recorded" "t" "$(q atomic "select no_transaction from migc_migrations where version = '0004'")"
expect_ok "no transaction: rolled back" migc --db "$DB" down
expect_eq "no transaction: index gone" "" "$(q atomic "select to_regclass('users_email_idx')")"
cat >migrations/0004_conc.mig <<'EOF'
no transaction;
create index concurrently users_email_idx on users (email);
sql 'select * from nope' down 'select 1';
EOF
expect_status "no transaction: failure" 1 migc --db "$DB" up
expect_contains "no transaction: says what ran" 'this 1 statement took effect before the failure and was not undone:
    CREATE INDEX CONCURRENTLY "users_email_idx"' "$TAP_OUT"
expect_eq "no transaction: not recorded" "0" "$(q atomic "select count(*) from migc_migrations where version = '0004'")"
expect_contains "no transaction: the resume is announced" "note: the ledger's progress table records them: once the cause is fixed, the same command resumes at statement 2" "$TAP_OUT"
expect_eq "progress: 1 of 2, what ran, by whom" "0004|up|1|2|CREATE INDEX CONCURRENTLY \"users_email_idx\" ON \"users\" (\"email\");|t" \
	"$(q atomic "select version, direction, done, total, rtrim(done_sql, E'\\n'), pid > 0 from migc_migrations_progress")"
expect_ok "status: partial" migc --db "$DB" status
expect_contains "status: partial, 1 of 2 statements, the failed one and its error" "
0004     conc   partial: 1 of 2 statements; statement 2 failed: 42P01: relation \"nope\" does not exist
" "$TAP_OUT"
# A progress table made before the columns of a failed statement: status
# reads it without them, and the next write adds them.
q atomic "alter table migc_migrations_progress drop column failed_sql, drop column error_code, drop column error_message, drop column error_detail, drop column error_hint"
expect_ok "status: an older progress table" migc --db "$DB" status
expect_contains "status: an older progress table, no failure known" "
0004     conc   partial: 1 of 2 statements
" "$TAP_OUT"
expect_status "up on an older progress table: fails again" 1 migc --db "$DB" up
expect_contains "up on an older progress table: resumed" "resumed at statement 2 of 2" "$TAP_OUT"
expect_eq "the older progress table got the columns, and the failure" "42P01|relation \"nope\" does not exist" \
	"$(q atomic "select error_code, error_message from migc_migrations_progress")"
cp migrations/0004_conc.mig "$SCRATCH/conc.mig"
cat >migrations/0004_conc.mig <<'EOF'
no transaction;
create index concurrently users_email_idx on users (email, id);
sql 'select * from nope' down 'select 1';
EOF
expect_status "the part that ran changed: refused" 1 migc --db "$DB" up
expect_contains "changed prefix: says so" "migrations/0004_conc.mig: error: an earlier run of migration 0004 conc stopped after 1 of its statements, and they are not its first statements now: the file changed in the part that ran" "$TAP_OUT"
expect_contains "changed prefix: the hint names the row" 'hint: restore the file as it was when they ran; or undo them by hand and delete the row of version 0004 from public."migc_migrations_progress"' "$TAP_OUT"
expect_eq "changed prefix: nothing ran" "1" "$(q atomic "select count(*) from pg_indexes where indexname = 'users_email_idx'")"
cp "$SCRATCH/conc.mig" migrations/0004_conc.mig
q atomic 'create table nope (x integer)'
expect_ok "fixed: up resumes at statement 2" migc --db "$DB" up
expect_eq "resume: says so, then applies" "migrations/0004_conc.mig: resumed at statement 2 of 2: the 1 before it took effect in an earlier run that stopped there
up 0004 conc" "$(strip_ms "$TAP_OUT")"
expect_eq "resume: recorded, progress forgotten" "1|0" \
	"$(q atomic "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)")"
expect_ok "and its down" migc --db "$DB" down
q atomic 'drop table nope'
# A CREATE INDEX CONCURRENTLY that fails leaves an INVALID index: the
# retry drops it first.
q atomic "insert into users (email) values ('dup'), ('dup')"
cat >migrations/0004_conc.mig <<'EOF'
no transaction;
add column users.nick text;
create unique index concurrently users_email_key on users (email);
EOF
expect_status "a failed create index concurrently" 1 migc --db "$DB" up
expect_contains "it failed on the duplicate" 'error: 23505: could not create unique index "users_email_key"' "$TAP_OUT"
expect_eq "an INVALID index is left" "f" "$(q atomic "select indisvalid from pg_index where indexrelid = 'users_email_key'::regclass")"
q atomic "delete from users where email = 'dup'"
expect_ok "the retry" migc --db "$DB" up
expect_contains "resumed at the index" "resumed at statement 2 of 2" "$TAP_OUT"
expect_eq "the INVALID index was dropped, the new one is valid" "t" "$(q atomic "select indisvalid from pg_index where indexrelid = 'users_email_key'::regclass")"
expect_ok "its down" migc --db "$DB" down
rm migrations/0004_conc.mig

# ---- down of a migration that stopped part-way ----
new_project undo
migc --db "$DB" -q up
q undo "insert into users (email) values ('a'), ('a'); insert into posts (user_id, title) values (1, 'x'), (2, 'y')"
# The whole database but the ledger's tables, rows included.
dump() { "$PG_BINDIR/pg_dump" --no-owner --no-privileges -T 'migc_migrations*' -d undo | grep -v -E '^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)'; }
before=$(dump)
cat >migrations/0004_more.mig <<'EOF'
no transaction;
add column users.age integer not null default 0;
create index concurrently users_email_idx on users (email);
sql $$insert into tags (name) values ('t1'); insert into tags (name) values ('t2')$$ down $$delete from tags where name = 't2'; delete from tags where name = 't1'$$;
rename column posts.title to headline;
create unique index concurrently users_email_key on users (email);
add column users.nick text;
EOF
expect_status "stops at its fifth statement" 1 migc --db "$DB" up
expect_eq "which left an INVALID index" "f" "$(q undo "select indisvalid from pg_index where indexrelid = 'users_email_key'::regclass")"
expect_ok "status" migc --db "$DB" status
expect_contains "status: partial, 5 of 7 commands, the failed one and its error" "
0004     more   partial: 5 of 7 statements; statement 6 failed: 23505: could not create unique index \"users_email_key\"
" "$TAP_OUT"
expect_ok "status --json" migc --db "$DB" status --json
expect_eq "status --json: the failed statement, the whole error" '{"statement":6,"sql":"CREATE UNIQUE INDEX CONCURRENTLY \"users_email_key\" ON \"users\" (\"email\");","code":"23505","message":"could not create unique index \"users_email_key\"","detail":"Key (email)=(a) is duplicated.","hint":null}' \
	"$(printf '%s' "$TAP_OUT" | jq -c '.[3].partial.failed')"
expect_ok "down of the partial migration" migc --db "$DB" down
expect_eq "down: says so" "down 0004 more" "$(strip_ms "$TAP_OUT")"
expect_eq "down: the schema and the rows as before the migration" "$before" "$(dump)"
expect_eq "down: the INVALID index is gone too" "" "$(q undo "select to_regclass('users_email_key')")"
expect_eq "down: nothing recorded, no progress left" "0|0" \
	"$(q undo "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)")"
expect_ok "status after the down" migc --db "$DB" status --json
expect_eq "status: pending again, the rest applied" "applied applied applied pending" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[].state] | join(" ")')"
# A failure inside a sql body of several commands stops inside one
# statement of the file: its down undoes all of it, so it is refused.
cat >migrations/0004_more.mig <<'EOF'
no transaction;
add column users.age integer not null default 0;
sql $$insert into tags (name) values ('t1'); insert into nope (x) values (1)$$ down $$delete from tags where name = 't1'$$;
EOF
expect_status "stops inside a sql body" 1 migc --db "$DB" up
expect_status "down refused" 1 migc --db "$DB" down
expect_contains "down refused: says why" "migrations/0004_more.mig: error: migration 0004 more stopped part-way in an earlier run, inside the SQL of one of its statements (2 of its 3 statements took effect): its down undoes all of that statement, not part of it" "$TAP_OUT"
expect_eq "down refused: nothing ran" "t1|age" "$(q undo "select (select string_agg(name, ',') from tags), (select attname from pg_attribute where attrelid = 'users'::regclass and attname = 'age')")"
q undo "delete from tags; delete from migc_migrations_progress; alter table users drop column age"
# The file changed in the part that ran: refused, as up refuses.
cat >migrations/0004_more.mig <<'EOF'
no transaction;
add column users.age integer not null default 0;
sql 'insert into nope (x) values (1)' down 'delete from nope';
EOF
migc --db "$DB" up >/dev/null 2>&1 || true
sed -i 's/add column users.age integer not null default 0/add column users.age bigint/' migrations/0004_more.mig
expect_status "down of a changed prefix: refused" 1 migc --db "$DB" down
expect_contains "changed prefix: says so" "error: an earlier run of migration 0004 more stopped after 1 of its statements, and they are not its first statements now: the file changed in the part that ran" "$TAP_OUT"
sed -i 's/add column users.age bigint/add column users.age integer not null default 0/' migrations/0004_more.mig
# A rollback that stops part-way resumes, and up waits for it.
q undo "create table nope (x integer)"
cat >migrations/0004_more.mig <<'EOF'
no transaction;
sql 'select 1' down 'insert into nope2 (x) values (1)';
add column users.age integer not null default 0;
sql 'insert into nope3 (x) values (1)' down 'select 1';
EOF
q undo "delete from migc_migrations_progress; alter table users drop column age"
# (the table nope made by hand is drift: --allow-drift)
expect_status "stops at its third statement" 1 migc --db "$DB" up --allow-drift
expect_contains "... at its third statement" "resumes at statement 3" "$TAP_OUT"
expect_status "its down stops at the down of its first" 1 migc --db "$DB" down
expect_contains "the down's failure, and what of it ran" 'error: 42P01: relation "nope2" does not exist
    insert into nope2 (x) values (1);
                ^
migrations/0004_more.mig: note: ran without a transaction; this 1 statement took effect before the failure and was not undone:
    ALTER TABLE "users" DROP COLUMN "age";
migrations/0004_more.mig: note: the ledger'"'"'s progress table records them: once the cause is fixed, the same command resumes at statement 2' "$TAP_OUT"
expect_ok "status: the rollback of what ran, stopped part-way" migc --db "$DB" status
expect_contains "status: partial (rolling back), its failed down statement" "
0004     more   partial (rolling back): 1 of 2 undone; down statement 2 failed: 42P01: relation \"nope2\" does not exist
" "$TAP_OUT"
expect_ok "status --json: the rollback of what ran" migc --db "$DB" status --json
expect_eq "status --json: direction down, what had run of it, the failure" 'partial {"direction":"down","done":1,"total":2,"up":{"done":2,"total":3},"failed":{"statement":2,"sql":"insert into nope2 (x) values (1);"}}' \
	"$(printf '%s' "$TAP_OUT" | jq -c -r '.[3] | "\(.state) \(.partial | .failed |= {statement, sql} | tojson)"')"
expect_status "up refused while its rollback stopped part-way" 1 migc --db "$DB" up
expect_contains "up refused: says why" "migrations/0004_more.mig: error: a rollback of migration 0004 more stopped part-way in an earlier run, after 1 of its 2 down statements: finish it with \`migc down\` once the cause is fixed" "$TAP_OUT"
q undo "create table nope2 (x integer)"
expect_ok "the down, fixed, resumes and completes" migc --db "$DB" down
expect_contains "the down resumed" "resumed at statement 2 of 2" "$TAP_OUT"
expect_eq "the down: the column is gone, nothing left" "|0|0|1" \
	"$(q undo "select (select attname from pg_attribute where attrelid = 'users'::regclass and attname = 'age'), (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress), (select count(*) from nope2)")"
rm migrations/0004_more.mig

# ---- down --to at or above a migration that stopped part-way ----
# The out-of-order 0002 stopped part-way after the transactional 0003 was
# applied: --to 0002 keeps it, so rolling back 0003 is refused.
new_project keep
rm migrations/0002_posts.mig
migc --db "$DB" -q up
cat >migrations/0002_bad.mig <<'EOF'
no transaction;
add column users.age integer;
sql 'insert into nope (x) values (1)' down 'delete from nope';
EOF
expect_status "out of order, stops at its second statement" 1 migc --db "$DB" up --allow-out-of-order
expect_status "down --to 0002: refused" 1 migc --db "$DB" down --to 0002
expect_contains "down --to 0002: says why" "migc: error: migration 0002 stopped part-way in an earlier run (1 statement took effect), and --to 0002 keeps it but rolls back 0003 above it" "$TAP_OUT"
expect_eq "down --to 0002: nothing rolled back" "0001,0003|tags|age" \
	"$(q keep "select (select string_agg(version, ',' order by version) from migc_migrations), to_regclass('tags'), (select attname from pg_attribute where attrelid = 'users'::regclass and attname = 'age')")"
expect_ok "down --to 0001: 0002 first, then 0003" migc --db "$DB" down --to 0001
expect_eq "down --to 0001: in that order" "down 0002 bad
down 0003 tags" "$(strip_ms "$TAP_OUT")"

# ---- checksums ----
new_project sums
migc --db "$DB" -q up
cat >migrations/0002_posts.mig <<'EOF'
/* reformatted */ CREATE TABLE posts (id BIGSERIAL primary key,
   user_id bigint references users,   title text);  -- same
create index on posts (user_id);
EOF
expect_ok "whitespace, comments, keyword case: not a change" migc --db "$DB" up
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, user_id bigint references users, title varchar(100));
create index on posts (user_id);
EOF
expect_status "changed file: up refuses" 1 migc --db "$DB" up
expect_contains "changed file: named" "migrations/0002_posts.mig: error: migration 0002 posts was changed after it was applied" "$TAP_OUT"
expect_ok "status: changed" migc --db "$DB" status --json
expect_eq "status --json: changed" "changed" "$(printf '%s' "$TAP_OUT" | jq -r '.[1].state')"

# ---- rollback after the file was deleted ----
rm migrations/0003_tags.mig
expect_ok "status: missing" migc --db "$DB" status
expect_contains "status: missing" "0003     tags   missing" "$TAP_OUT"
expect_ok "down without the file" migc --db "$DB" down
expect_eq "down without the file: ran the ledger's down" "" "$(q sums "select to_regclass('tags')")"

# ---- out of order ----
new_project ooo
mv migrations/0002_posts.mig "$SCRATCH/p.mig"
migc --db "$DB" -q up
mv "$SCRATCH/p.mig" migrations/0002_posts.mig
expect_status "out of order: refused" 1 migc --db "$DB" up
expect_contains "out of order: named" "migrations/0002_posts.mig: error: migration 0002 posts is pending but older than the newest applied migration" "$TAP_OUT"
expect_ok "status: out of order" migc --db "$DB" status --json
expect_eq "status --json: out of order" "out of order" "$(printf '%s' "$TAP_OUT" | jq -r '.[1].state')"
expect_ok "--allow-out-of-order" migc --db "$DB" up --allow-out-of-order
expect_eq "out of order applied" "3" "$(q ooo 'select count(*) from migc_migrations')"

# ---- six concurrent runs ----
new_project conc
for i in $(seq 4 40); do
	printf 'create table t%s (x integer);\nsql %s down %s;\n' "$i" \
		"'insert into t$i (x) values (1)'" "'delete from t$i'" >"migrations/$(printf %04d "$i")_t$i.mig"
done
pids=()
for i in 1 2 3 4 5 6; do
	"$MIGC" --db "$DB" up >"$SCRATCH/conc.$i.out" 2>&1 &
	pids+=($!)
done
st=0
for p in "${pids[@]}"; do wait "$p" || st=1; done
expect_eq "six concurrent ups: all succeed" "0" "$st"
expect_eq "six concurrent ups: no errors" "" "$(cat "$SCRATCH"/conc.*.out | grep -v '^up \|^nothing to apply' || true)"
expect_eq "each migration once" "40|40" "$(q conc 'select count(*), count(distinct version) from migc_migrations')"
expect_eq "each data statement once" "1" "$(q conc 'select count(*) from t33')"
expect_eq "40 progress lines in all" "40" "$(cat "$SCRATCH"/conc.*.out | grep -c '^up ')"

# ---- SIGKILL in the middle of a migration ----
new_project kill
migc --db "$DB" -q up
cat >migrations/0004_slow.mig <<'EOF'
create table slow (x integer);
sql 'select pg_sleep(3)' down 'select 1';
EOF
"$MIGC" --db "$DB" up >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do
	[ "$(q kill "select count(*) from pg_stat_activity where query like '%pg_sleep%' and pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
expect_eq "killed: nothing recorded, nothing left" "0|" \
	"$(q kill "select count(*), to_regclass('slow') from migc_migrations where version = '0004'")"
expect_ok "the next run completes" migc --db "$DB" up
expect_eq "after the kill: applied once" "1|slow" \
	"$(q kill "select count(*), to_regclass('slow') from migc_migrations where version = '0004'")"
# Without a transaction, what ran before the kill stays, and the next run
# resumes after it.
cat >migrations/0005_slow2.mig <<'EOF'
no transaction;
create table before_kill (x integer);
sql 'select pg_sleep(30)' down 'select 1';
create table after_kill (x integer);
EOF
"$MIGC" --db "$DB" up >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
	[ "$(q kill "select count(*) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
# The server runs the statement to its end unless it is cancelled.
q kill "select pg_cancel_backend(pid) from pg_stat_activity where query like '%pg_sleep(30)%' and pid <> pg_backend_pid()" >/dev/null
expect_eq "killed: the first statement stays, nothing recorded" "0|before_kill|" \
	"$(q kill "select count(*), to_regclass('before_kill'), to_regclass('after_kill') from migc_migrations where version = '0005'")"
expect_ok "status after the kill" migc --db "$DB" status
expect_contains "status: partial" "0005     slow2  partial: 1 of 3" "$TAP_OUT"
sed -i 's/pg_sleep(30)/pg_sleep(0)/' migrations/0005_slow2.mig
expect_ok "the next run resumes after it" timeout 20 "$MIGC" --db "$DB" up
expect_contains "resume: after what took effect" "0005_slow2.mig: resumed at statement 2 of 3: the 1 before it took effect in an earlier run that stopped there" "$TAP_OUT"
expect_eq "after the resume: applied once, every table" "1|before_kill|after_kill|0" \
	"$(q kill "select count(*), to_regclass('before_kill'), to_regclass('after_kill'), (select count(*) from migc_migrations_progress) from migc_migrations where version = '0005'")"

# ---- repair: mark applied, mark pending, accept ----
new_project repair
migc --db "$DB" up >/dev/null
expect_ok "mark pending" migc --db "$DB" mark pending 0003
expect_eq "mark pending: the row is gone, the table stays" "0001 0002|tags" \
	"$(q repair "select string_agg(version, ' ' order by version), to_regclass('tags') from migc_migrations")"
expect_ok "mark applied" migc --db "$DB" mark applied 0003
expect_eq "mark applied: recorded with its SQL, nothing run" "0001 0002 0003|1" \
	"$(q repair "select string_agg(version, ' ' order by version), sum((down_sql like 'DROP TABLE \"tags\";%')::int) from migc_migrations")"
cat >migrations/0003_tags.mig <<'EOF'
create table tags (name text primary key, color text);
EOF
expect_status "edited: up refuses" 1 migc --db "$DB" up
expect_ok "accept" migc --db "$DB" accept 0003
expect_eq "accept: the new checksum" "$(migc --db "$DB" status --json | jq -r '.[2].checksum')" \
	"$(q repair "select checksum from migc_migrations where version = '0003'")"
expect_ok "accept: up runs again" migc --db "$DB" up
expect_eq "accept: nothing to apply" "nothing to apply" "$TAP_OUT"

# ---- connection errors ----
cd "$SCRATCH/basic"
pg_psql -d postgres -c "CREATE ROLE pwuser LOGIN PASSWORD 'right'"
pg_createdb pw
pg_psql -d pw -c "GRANT ALL ON SCHEMA public TO pwuser"
hba=$PG_DIR/data/pg_hba.conf
{ echo "local all pwuser scram-sha-256"; cat "$hba"; } >"$SCRATCH/hba"
cat "$SCRATCH/hba" >"$hba"
pg_psql -d postgres -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.3
url="postgresql://pwuser:wrong@/basic?host=$PGHOST&port=$PGPORT"
expect_status "wrong password: exit 1" 1 migc --db "$url" up
expect_eq "wrong password: one line, password masked" \
	"migc: error: cannot connect to postgresql://pwuser:***@/basic?host=$PGHOST&port=$PGPORT: connection to server on socket \"$PGHOST/.s.PGSQL.$PGPORT\" failed: FATAL:  password authentication failed for user \"pwuser\"" "$TAP_OUT"
expect_ok "PGPASSWORD is honoured" env PGPASSWORD=right "$MIGC" --db "postgresql://pwuser@/pw?host=$PGHOST&port=$PGPORT" up -q
expect_eq "PGPASSWORD: applied" "3" "$(q pw 'select count(*) from migc_migrations')"
expect_ok "status with the password in the URL" migc --db "postgresql://pwuser:right@/pw?host=$PGHOST&port=$PGPORT" status
expect_eq "status: the summary names the database, password masked" \
	"3 migrations: 3 applied; database postgresql://pwuser:***@/pw?host=$PGHOST&port=$PGPORT" \
	"$(printf '%s\n' "$TAP_OUT" | tail -n 1)"
# Every spelling of a password that libpq accepts (or half accepts) stays
# out of the message: the target as shown and libpq's own text, which
# echoes values it cannot parse.
pgsock="host=$PGHOST port=$PGPORT"
pgq="host=$PGHOST&port=$PGPORT"
for target in \
	"$pgsock dbname=basic user=pwuser password = S3CRET" \
	"$pgsock dbname=basic user=pwuser password=S3\\ CRET" \
	"$pgsock dbname=basic user=pwuser password='S3 CRET'" \
	"$pgsock dbname=basic user=pwuser PASSWORD=S3CRET" \
	"$pgsock dbname=basic user=pwuser password S3CRET" \
	"postgresql://pwuser:S3/CRET@/basic?$pgq" \
	"postgresql://pwuser:S3%zzCRET@/basic?$pgq" \
	"postgresql://pwuser:S3%00CRET@/basic?$pgq" \
	"postgresql://pwuser:S3CRET@[::1/basic?$pgq" \
	"postgresql://pwuser:S3CRET@/basic?$pgq&bad" \
	"postgresql:///basic?$pgq&user=pwuser&pass%77ord=S3CRET" \
	"postgresql:///basic?$pgq&user=pwuser&PASSWORD=S3CRET"; do
	expect_status "password masked, exit 1: $target" 1 migc --db "$target" status
	case $TAP_OUT in
	*S3*|*CRET*) fail "password masked: $target" "$TAP_OUT" ;;
	*"migc: error: cannot connect to "*) ok "password masked: $target" ;;
	*) fail "password masked: says it cannot connect: $target" "$TAP_OUT" ;;
	esac
done
mkdir "$SCRATCH/nosock"
expect_status "unreachable server: exit 1" 1 migc --db "postgresql:///basic?host=$SCRATCH/nosock" status
expect_eq "unreachable server: one line" "migc: error: cannot connect to postgresql:///basic?host=$SCRATCH/nosock: connection to server on socket \"$SCRATCH/nosock/.s.PGSQL.$PGPORT\" failed: No such file or directory" "$TAP_OUT"
expect_status "a history error stops before connecting" 1 migc --db "postgresql:///basic?host=$SCRATCH/nosock" --dir "$SCRATCH/nothere" up
expect_contains "history error first" "no migrations folder: " "$TAP_OUT"

# ---- serial sequences: the model names them as PostgreSQL does ----
S=$SCRATCH/seq
mkdir -p "$S/migrations"
pg_createdb seq
printf 'create table u_id_seq (a integer);\ncreate table u (id bigserial primary key);\n' \
	>"$S/migrations/0001_u.mig"
expect_ok "serial after a table of its sequence's name: applied" \
	migc --dir "$S/migrations" --db "$(pg_url seq)" up -q
expect_eq "PostgreSQL named the sequence u_id_seq1" "public.u_id_seq1" \
	"$(q seq "select pg_get_serial_sequence('u', 'id')")"
printf 'create index u_id_seq1 on u (id);\n' >"$S/migrations/0002_clash.mig"
expect_status "a name the sequence holds: migc check refuses" 1 \
	migc --dir "$S/migrations" check
expect_contains "a name the sequence holds: the same name as PostgreSQL's" \
	"the name is taken by sequence u_id_seq1 of column u.id" "$TAP_OUT"

summary
