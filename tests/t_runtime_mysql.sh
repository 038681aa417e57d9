#!/usr/bin/env bash
# tests/t_runtime_mysql.sh: migc up/down/redo/status against a throwaway
# MariaDB: the URL, the ledger, statement-by-statement application and
# what a failure leaves, checksums, ordering, the named lock under six
# concurrent runs, SIGKILL, and connection errors with the password masked.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR MYSQL_PWD MYSQL_HOST MYSQL_UNIX_PORT MYSQL_TCP_PORT
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/lib/mariadb.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit mdb_stop
if ! mdb_start; then
	fail "throwaway MariaDB starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }
q() { mdb_sql -N -r "$1" -e "$2"; }
strip_ms() { printf '%s\n' "$1" | sed 's/ ([0-9.]* ms)$//'; }
url() { printf 'mysql://root@/%s?socket=%s' "$1" "$MDB_SOCKET"; }
tables() { q "$1" "select group_concat(table_name order by table_name separator ' ') from information_schema.tables where table_schema = '$1'"; }

# new_project NAME: a folder with three migrations and a database NAME.
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	mdb_createdb "$1"
	DB=$(url "$1")
	cat >migrations/0001_users.mig <<'EOF'
create table users (id bigserial primary key, email varchar(200) not null);
EOF
	cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, user_id bigint references users, title text);
create index on posts (user_id);
EOF
	cat >migrations/0003_tags.mig <<'EOF'
create table tags (name varchar(100) primary key);
EOF
}

# ---- up, status, down, redo ----
new_project basic
expect_ok "status on an empty database" migc --db "$DB" status --json
expect_eq "status: three pending" "pending pending pending" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[].state] | join(" ")')"
expect_eq "status does not create the ledger" "NULL" "$(tables basic)"
expect_ok "up --to 0002" migc --db "$DB" up --to 0002
expect_eq "up --to: progress" "up 0001 users
up 0002 posts" "$(strip_ms "$TAP_OUT")"
expect_ok "up" migc --db "$DB" up
expect_eq "up: the rest" "up 0003 tags" "$(strip_ms "$TAP_OUT")"
expect_ok "up again" migc --db "$DB" up
expect_eq "up again: nothing" "nothing to apply" "$TAP_OUT"
expect_eq "tables (the ledger, its progress table)" "migc_migrations migc_migrations_progress posts tags users" "$(tables basic)"
expect_eq "ledger rows (no transaction: MySQL DDL commits)" "0001	users	1	1
0002	posts	1	1
0003	tags	1	1" "$(q basic 'select version, name, no_transaction, down_sql is not null from migc_migrations order by version')"
expect_eq "ledger: applied_at (UTC), duration" "3" \
	"$(q basic 'select count(*) from migc_migrations where applied_at between utc_timestamp() - interval 1 hour and utc_timestamp() + interval 1 second and duration_ms >= 0')"
expect_eq "ledger: up_sql as applied" 'CREATE TABLE `tags` (' \
	"$(q basic "select up_sql from migc_migrations where version = '0003'" | head -n 1)"
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
expect_eq "down: tables gone" "migc_migrations migc_migrations_progress users" "$(tables basic)"
expect_ok "redo" migc --db "$DB" redo
expect_eq "redo" "down 0001 users
up 0001 users" "$(strip_ms "$TAP_OUT")"
expect_ok "down --to 0" migc --db "$DB" down --to 0
expect_eq "down --to 0: all" "0" "$(q basic 'select count(*) from migc_migrations')"
expect_eq "down --to 0: schema empty" "migc_migrations migc_migrations_progress" "$(tables basic)"
expect_ok "mariadb:// is the same driver" migc --db "mariadb://root@localhost/basic?socket=$MDB_SOCKET" up -q
expect_eq "mariadb://: applied" "3" "$(q basic 'select count(*) from migc_migrations')"
mdb_createdb tbl
expect_ok "--table" migc --db "$(url tbl)" --table 'Ledger `x`' up -q
expect_eq "--table: quoted identifier" "3" "$(q tbl 'select count(*) from `Ledger ``x```')"
expect_status "--dialect must agree" 2 migc --db "$DB" --dialect postgres status
expect_eq "--dialect: says which" "migc: error: --dialect postgres does not match the database, which speaks mysql" "$TAP_OUT"

# ---- the URL ----
expect_status "no database in the URL" 1 migc --db "mysql://root@localhost?socket=$MDB_SOCKET" status
expect_eq "no database: says so" "migc: error: cannot connect to mysql://root@localhost?socket=$MDB_SOCKET: no database in the URL: mysql://USER:PASSWORD@HOST:PORT/DATABASE" "$TAP_OUT"
expect_status "unknown parameter" 1 migc --db "$DB&sslmod=x" status
expect_contains "unknown parameter: named, the known ones listed" "unknown URL parameter 'sslmod' (socket, ssl-mode," "$TAP_OUT"
expect_status "bad ssl-mode" 1 migc --db "$DB&ssl-mode=sometimes" status
expect_contains "bad ssl-mode: the choices" "ssl-mode=sometimes: expected DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY" "$TAP_OUT"
expect_status "ssl-mode=DISABLED with a TLS option" 1 migc --db "$DB&ssl-mode=DISABLED&ssl-ca=/nonexistent" status
expect_contains "DISABLED with TLS options: refused" "ssl-mode=DISABLED with TLS options" "$TAP_OUT"
# Connector/C does not use TLS over a Unix socket, which is local.
expect_ok "ssl-mode=REQUIRED over a Unix socket" migc --db "$DB&ssl-mode=REQUIRED" status
expect_ok "ssl-mode=DISABLED" migc --db "$DB&ssl-mode=DISABLED" status
expect_ok "percent-encoded database name" migc --db "mysql://root@/bas%69c?socket=$MDB_SOCKET" status
expect_contains "percent-encoded: the same ledger" "0003     tags   applied" "$TAP_OUT"

# ---- verbose, dry run ----
new_project dry
migc --db "$DB" -q up --to 0001
before=$(mdb_dump_schema dry)
expect_ok "up --dry-run" migc --db "$DB" up --dry-run
expect_contains "dry run: SQL, no transaction" '-- up 0002 posts (no transaction)
CREATE TABLE `posts` (' "$TAP_OUT"
expect_eq "dry run: schema unchanged" "$before" "$(mdb_dump_schema dry)"
expect_ok "down --dry-run" migc --db "$DB" down --dry-run
expect_eq "down --dry-run" '-- down 0001 users (no transaction)
DROP TABLE `users`;' "$TAP_OUT"
expect_eq "down dry run: schema unchanged" "$before" "$(mdb_dump_schema dry)"
expect_ok "up --verbose" migc --db "$DB" up --verbose --to 0002
expect_contains "verbose: each statement" 'ALTER TABLE `posts` ADD INDEX `posts_user_id_idx` (`user_id`)' "$TAP_OUT"

# ---- a failure in the third statement: what ran is said, nothing recorded ----
new_project partial
migc --db "$DB" -q up
cat >migrations/0004_bad.mig <<'EOF'
add column users.age integer;
create index on users (email);
sql 'insert into nope (x) values (1)' down 'delete from nope';
add column users.nick text;
EOF
expect_status "failing migration: exit 1" 1 migc --db "$DB" up
expect_eq "error: file, number and SQLSTATE, message, statement, what ran" 'migrations/0004_bad.mig: error: 1146 (42S02): Table '"'"'partial.nope'"'"' doesn'"'"'t exist
    insert into nope (x) values (1);
migrations/0004_bad.mig: note: ran without a transaction; these 2 statements took effect before the failure and were not undone:
    ALTER TABLE `users` ADD COLUMN `age` int;
    ALTER TABLE `users` ADD INDEX `users_email_idx` (`email`);
migrations/0004_bad.mig: note: the ledger'"'"'s progress table records them: once the cause is fixed, the same command resumes at statement 3' "$TAP_OUT"
expect_eq "not in the ledger" "0" "$(q partial "select count(*) from migc_migrations where version = '0004'")"
expect_eq "the two statements did take effect" "age" \
	"$(q partial "select column_name from information_schema.columns where table_schema = 'partial' and table_name = 'users' and column_name in ('age', 'nick')")"
expect_eq "progress: 2 of 4, and what ran" "0004	up	2	4	ALTER TABLE \`users\` ADD COLUMN \`age\` int;
ALTER TABLE \`users\` ADD INDEX \`users_email_idx\` (\`email\`);" \
	"$(q partial 'select version, direction, done, total, done_sql from migc_migrations_progress')"
expect_ok "status: partial" migc --db "$DB" status
expect_contains "status: partial, 2 of 4 statements, the failed one and its error number and SQLSTATE" "
0004     bad    partial: 2 of 4 statements; statement 3 failed: 1146 (42S02): Table 'partial.nope' doesn't exist
4 migrations: 3 applied, 1 partial;" "$TAP_OUT"
expect_ok "status --json: partial" migc --db "$DB" status --json
expect_eq "status --json: the state, the progress, the failed statement and its error" 'partial {"direction":"up","done":2,"total":4,"failed":{"statement":3,"sql":"insert into nope (x) values (1);","code":"1146 (42S02)","message":"Table '"'"'partial.nope'"'"' doesn'"'"'t exist","detail":null,"hint":null}}' \
	"$(printf '%s' "$TAP_OUT" | jq -c -r '.[3] | "\(.state) \(.partial | tojson)"')"
expect_eq "progress: the failure recorded" "insert into nope (x) values (1);|1146 (42S02)|Table 'partial.nope' doesn't exist" \
	"$(q partial "select concat_ws('|', failed_sql, error_code, error_message) from migc_migrations_progress")"
# A progress table made before the columns of a failed statement: status
# reads it without them, and the next write adds them.
q partial "alter table migc_migrations_progress drop column failed_sql, drop column error_code, drop column error_message, drop column error_detail, drop column error_hint"
expect_ok "status: an older progress table" migc --db "$DB" status
expect_contains "status: an older progress table, no failure known" "
0004     bad    partial: 2 of 4 statements
" "$TAP_OUT"
expect_status "up on an older progress table: fails again" 1 migc --db "$DB" up
expect_contains "up on an older progress table: resumed" "resumed at statement 3 of 4" "$TAP_OUT"
expect_eq "the older progress table got the columns, and the failure" "1146 (42S02)|Table 'partial.nope' doesn't exist" \
	"$(q partial "select concat_ws('|', error_code, error_message) from migc_migrations_progress")"
expect_status "redo refused while a migration stopped part-way" 1 migc --db "$DB" redo
expect_contains "redo refused: says why" "error: migration 0004 stopped part-way in an earlier run (2 statements took effect): roll back what ran of it with \`migc down\`, or finish it with \`migc up\` once it is fixed, before rolling back anything older" "$TAP_OUT"
expect_eq "redo refused: nothing rolled back" "3" "$(q partial 'select count(*) from migc_migrations')"
cp migrations/0004_bad.mig "$SCRATCH/bad.mig"
cat >migrations/0004_bad.mig <<'EOF'
add column users.age bigint;
create index on users (email);
sql 'insert into nope (x) values (1)' down 'delete from nope';
add column users.nick text;
EOF
expect_status "the part that ran changed: refused" 1 migc --db "$DB" up
expect_contains "changed prefix: says so" "migrations/0004_bad.mig: error: an earlier run of migration 0004 bad stopped after 2 of its statements, and they are not its first statements now: the file changed in the part that ran" "$TAP_OUT"
expect_contains "changed prefix: what ran, and what to do" 'detail: ALTER TABLE `users` ADD COLUMN `age` int;
ALTER TABLE `users` ADD INDEX `users_email_idx` (`email`);

hint: restore the file as it was when they ran; or undo them by hand and delete the row of version 0004 from `migc_migrations_progress`' "$TAP_OUT"
cp "$SCRATCH/bad.mig" migrations/0004_bad.mig
q partial 'create table nope (x integer)'
expect_ok "fixed: up resumes at statement 3" migc --db "$DB" up
expect_eq "resume: says so, then applies" "migrations/0004_bad.mig: resumed at statement 3 of 4: the 2 before it took effect in an earlier run that stopped there
up 0004 bad" "$(strip_ms "$TAP_OUT")"
expect_eq "resume: the first two ran once, the rest now" "age nick" \
	"$(q partial "select group_concat(column_name order by column_name separator ' ') from information_schema.columns where table_schema = 'partial' and table_name = 'users' and column_name in ('age', 'nick')")"
expect_eq "resume: recorded, progress forgotten" "1 0" \
	"$(q partial "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)" | tr '\t' ' ')"
expect_ok "its down" migc --db "$DB" down
expect_eq "its down: the columns gone" "" \
	"$(q partial "select column_name from information_schema.columns where table_schema = 'partial' and table_name = 'users' and column_name in ('age', 'nick')")"
cat >migrations/0004_bad.mig <<'EOF'
sql 'select 1' down 'select * from nope3';
add column users.age integer;
EOF
# The table nope, made by hand above, is drift: up refuses to build on it.
expect_status "up refuses a drifted database" 1 migc --db "$DB" -q up
expect_eq "up refuses: the drift and what undoes it" "migc: error: the database drifted from the 3 migrations it applied (1 difference); refusing to apply more on it
-- these statements bring it back to the migrations:
-- table nope is in the database, not in the migrations
drop table nope;
hint: bring the database back (migc diff prints every statement), or write the change as a migration; --allow-drift applies anyway" "$TAP_OUT"
expect_eq "up refuses: nothing applied" "0" "$(q partial "select count(*) from migc_migrations where version = '0004'")"
expect_ok "up --allow-drift applies anyway" migc --db "$DB" -q up --allow-drift
expect_status "a down that stops part-way" 1 migc --db "$DB" down
expect_eq "down stops: the ledger row stays" "1" "$(q partial "select count(*) from migc_migrations where version = '0004'")"
expect_eq "down stops: its progress" "0004 down 1 2" "$(q partial 'select version, direction, done, total from migc_migrations_progress' | tr '\t' ' ')"
expect_ok "status: a rollback that stopped part-way" migc --db "$DB" status
expect_contains "status: a partial rollback, its failed down statement" "0004     bad    partial (rolling back): 1 of 2 undone; down statement 2 failed: 1146 (42S02): Table 'partial.nope3' doesn't exist  $(date -u +%Y-%m-%d)T" "$TAP_OUT"
expect_ok "status --json: a partial rollback" migc --db "$DB" status --json
expect_eq "status --json: direction down, the failure" 'partial down 1 2 2 1146 (42S02)' \
	"$(printf '%s' "$TAP_OUT" | jq -r '.[3] | "\(.state) \(.partial.direction) \(.partial.done) \(.partial.total) \(.partial.failed.statement) \(.partial.failed.code)"')"
expect_status "up refused while a rollback stopped part-way" 1 migc --db "$DB" up
expect_eq "up refused: says why" "migrations/0004_bad.mig: error: a rollback of migration 0004 bad stopped part-way in an earlier run, after 1 of its 2 down statements: finish it with \`migc down\` once the cause is fixed" "$TAP_OUT"
q partial 'create table nope3 (x integer)'
expect_ok "down, fixed in the database, completes" migc --db "$DB" down
expect_contains "down resumes at its second statement" "resumed at statement 2 of 2" "$TAP_OUT"
expect_eq "down completed: row and progress gone" "0 0" \
	"$(q partial "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)" | tr '\t' ' ')"
q partial 'drop table nope, nope3'
cat >migrations/0004_bad.mig <<'EOF'
sql 'selec 1' down 'select 1';
EOF
expect_status "syntax error" 1 migc --db "$DB" up
expect_eq "syntax error: caret under what the server quotes" "migrations/0004_bad.mig: error: 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'selec 1' at line 1
    selec 1;
    ^
migrations/0004_bad.mig: note: ran without a transaction; nothing of it took effect and nothing was recorded" "$TAP_OUT"
cat >migrations/0004_bad.mig <<'EOF'
sql 'select 1; select * from nope2; select 3' down 'select 1';
EOF
expect_status "several commands in one statement" 1 migc --db "$DB" up
expect_contains "several commands: the failing one's error" "error: 1146 (42S02): Table 'partial.nope2' doesn't exist
    select 1; select * from nope2; select 3;" "$TAP_OUT"
cat >migrations/0004_bad.mig <<'EOF'
sql 'insert into users (email) values (''a;b''), (''it\''s'')' down 'delete from users where email in (''a;b'', ''it\''s'')';
sql 'insert into users (email) values (''c'')' down 'delete from users where email = ''c''';
EOF
expect_ok "quotes, ';' and backslashes in raw SQL" migc --db "$DB" up
expect_eq "the rows" "a;b it's c" "$(q partial "select group_concat(email order by id separator ' ') from users")"
expect_ok "their down, split from the ledger" migc --db "$DB" down
expect_eq "rows gone" "0" "$(q partial 'select count(*) from users')"
rm migrations/0004_bad.mig

# ---- down of a migration that stopped part-way ----
new_project undo
migc --db "$DB" -q up
q undo "insert into users (email) values ('a'), ('b'); insert into posts (user_id, title) values (1, 'x'), (2, 'y'); insert into tags values ('old')"
dump() { mdb_dump_schema undo | grep -v migc_migrations; q undo "select * from users order by id; select * from posts order by id; select * from tags order by name"; }
before=$(dump)
cat >migrations/0004_more.mig <<'EOF'
add column users.age integer not null default 0;
create index on users (email);
sql $$insert into tags (name) values ('t1')$$ down $$delete from tags where name = 't1'$$;
rename column posts.title to headline;
sql 'insert into nope (x) values (1)' down 'delete from nope';
add column users.nick text;
EOF
expect_status "stops at its fifth statement" 1 migc --db "$DB" up
expect_ok "status" migc --db "$DB" status
expect_contains "status: partial, 4 of 6" "0004     more   partial: 4 of 6" "$TAP_OUT"
expect_ok "down of the partial migration" migc --db "$DB" down
expect_eq "down: says so" "down 0004 more" "$(strip_ms "$TAP_OUT")"
expect_eq "down: the schema and the rows as before the migration" "$before" "$(dump)"
expect_eq "down: nothing recorded, no progress left" "0 0" \
	"$(q undo "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)" | tr '\t' ' ')"
# A rollback that stops part-way resumes, and up refuses the migration
# meanwhile.
cat >migrations/0004_more.mig <<'EOF'
sql 'select 1' down 'insert into nope2 (x) values (1)';
create table more (x integer);
sql 'insert into nope3 (x) values (1)' down 'select 1';
EOF
expect_status "stops at its third statement" 1 migc --db "$DB" up
expect_status "its down stops at the down of its first" 1 migc --db "$DB" down
expect_contains "the down: what of it ran" 'note: ran without a transaction; this 1 statement took effect before the failure and was not undone:
    DROP TABLE `more`;' "$TAP_OUT"
expect_ok "status: the rollback of what ran, stopped part-way" migc --db "$DB" status
expect_contains "status: partial (rolling back), its failed down statement" "
0004     more   partial (rolling back): 1 of 2 undone; down statement 2 failed: 1146 (42S02): Table 'undo.nope2' doesn't exist
" "$TAP_OUT"
expect_ok "status --json: the rollback of what ran" migc --db "$DB" status --json
expect_eq "status --json: direction down, what had run of it, the failure" 'partial {"direction":"down","done":1,"total":2,"up":{"done":2,"total":3},"failed":{"statement":2,"sql":"insert into nope2 (x) values (1);"}}' \
	"$(printf '%s' "$TAP_OUT" | jq -c -r '.[3] | "\(.state) \(.partial | .failed |= {statement, sql} | tojson)"')"
expect_status "up refused while its rollback stopped part-way" 1 migc --db "$DB" up
expect_contains "up refused: says why" "error: a rollback of migration 0004 more stopped part-way in an earlier run, after 1 of its 2 down statements: finish it with \`migc down\` once the cause is fixed" "$TAP_OUT"
q undo "create table nope2 (x integer)"
expect_ok "down --steps 2, fixed: the partial one resumes, then the newest applied" migc --db "$DB" down --steps 2
expect_eq "down --steps 2: the resume, both rolled back" "migrations/0004_more.mig: resumed at statement 2 of 2: the 1 before it took effect in an earlier run that stopped there
down 0004 more
down 0003 tags" "$(strip_ms "$TAP_OUT")"
expect_eq "the down: no table more, the down's row, no progress, 0003 gone" "0 1 0 0" \
	"$(q undo "select (select count(*) from information_schema.tables where table_schema = 'undo' and table_name = 'more'), (select count(*) from nope2), (select count(*) from migc_migrations_progress), (select count(*) from migc_migrations where version = '0003')" | tr '\t' ' ')"
rm migrations/0004_more.mig

# ---- repair: mark and accept ----
new_project repair
migc --db "$DB" -q up --to 0001
expect_ok "mark applied" migc --db "$DB" mark applied 0002
expect_eq "mark applied: says so" "marked applied 0002 posts (its SQL did not run)" "$TAP_OUT"
expect_eq "mark applied: in the ledger, nothing ran" "0001 0002|migc_migrations migc_migrations_progress users" \
	"$(q repair "select group_concat(version order by version separator ' ') from migc_migrations")|$(tables repair)"
expect_ok "mark pending" migc --db "$DB" mark pending 0002
expect_eq "mark pending: out of the ledger" "0001" "$(q repair 'select group_concat(version) from migc_migrations')"
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, title text);
sql 'select 1' down 'select * from nope';
EOF
migc --db "$DB" -q up --to 0002
expect_status "a rollback that fails at its first statement" 1 migc --db "$DB" down
expect_ok "status" migc --db "$DB" status
expect_contains "a rollback stopped at its first statement: still applied" "0002     posts  applied" "$TAP_OUT"
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, title text);
EOF
expect_ok "accept the edited file" migc --db "$DB" accept 0002
expect_contains "accept: says so" "accepted 0002 posts" "$TAP_OUT"
expect_ok "down with the accepted down" migc --db "$DB" down
expect_eq "accepted down ran" "migc_migrations migc_migrations_progress users" "$(tables repair)"
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id bigserial primary key, title text);
sql 'insert into nope (x) values (1)' down 'select 1';
EOF
expect_status "a migration that stops part-way" 1 migc --db "$DB" up
expect_ok "finished by hand, then mark applied" migc --db "$DB" mark applied 0002
expect_ok "status after mark applied" migc --db "$DB" status
expect_contains "mark applied ends the partial state" "0002     posts  applied" "$TAP_OUT"
expect_ok "up: nothing of 0002 left to resume" migc --db "$DB" up
expect_eq "up: only the next migration" "up 0003 tags" "$(strip_ms "$TAP_OUT")"
expect_eq "the stale progress row is gone" "0" "$(q repair 'select count(*) from migc_migrations_progress')"

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
expect_eq "down without the file: ran the ledger's down" "migc_migrations migc_migrations_progress posts users" "$(tables sums)"

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
expect_eq "each migration once" "40	40" "$(q conc 'select count(*), count(distinct version) from migc_migrations')"
expect_eq "each data statement once" "1" "$(q conc 'select count(*) from t33')"
expect_eq "40 progress lines in all" "40" "$(cat "$SCRATCH"/conc.*.out | grep -c '^up ')"

# ---- the lock's timeout ----
mdb_sql conc -e "select get_lock(concat('migc:', left(sha2(concat('conc', '.', 'migc_migrations'), 256), 40)), 0), sleep(3)" >/dev/null &
holder=$!
for _ in $(seq 50); do
	[ "$(q conc "select count(*) from information_schema.processlist where info like 'select get_lock%'")" = 1 ] && break
	sleep 0.1
done
expect_status "lock held elsewhere: gives up after lock-timeout" 1 migc --db "$DB&lock-timeout=1" down
expect_contains "lock held: a clear message" "migc: error: another migc run holds the lock on the ledger migc_migrations (connection " "$TAP_OUT"
expect_contains "lock held: how long, and a hint" "gave up after 1 s
hint: lock-timeout=SECONDS in the URL waits longer" "$TAP_OUT"
expect_eq "lock held: nothing rolled back" "40" "$(q conc 'select count(*) from migc_migrations')"
wait "$holder"

# ---- SIGKILL in the middle of a migration ----
new_project kill
migc --db "$DB" -q up
cat >migrations/0004_slow.mig <<'EOF'
sql 'select sleep(3)' down 'select 1';
create table slow (x integer);
EOF
"$MIGC" --db "$DB" up >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do
	[ "$(q kill "select count(*) from information_schema.processlist where info like 'select sleep(3)%'")" = 1 ] && break
	sleep 0.1
done
kill -KILL "$pid"
{ wait "$pid"; } 2>/dev/null || true
expect_eq "killed: nothing recorded, nothing left" "0 0" \
	"$(q kill "select count(*), (select count(*) from information_schema.tables where table_schema = 'kill' and table_name = 'slow') from migc_migrations where version = '0004'" | tr '\t' ' ')"
expect_ok "the next run waits for the lock, then completes" migc --db "$DB" up
expect_eq "after the kill: applied once" "1 1" \
	"$(q kill "select count(*), (select count(*) from information_schema.tables where table_schema = 'kill' and table_name = 'slow') from migc_migrations where version = '0004'" | tr '\t' ' ')"
cat >migrations/0005_slow2.mig <<'EOF'
create table before_kill (x integer);
sql 'select sleep(3)' down 'select 1';
create table after_kill (x integer);
EOF
"$MIGC" --db "$DB" up >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do
	[ "$(q kill "select count(*) from information_schema.processlist where info like 'select sleep(3)%'")" = 1 ] && break
	sleep 0.1
done
kill -KILL "$pid"
{ wait "$pid"; } 2>/dev/null || true
expect_eq "killed after a DDL statement: it took effect, and its progress says so" "before_kill	0005 1" \
	"$(q kill "select group_concat(table_name), (select concat(version, ' ', done) from migc_migrations_progress) from information_schema.tables where table_schema = 'kill' and table_name like '%_kill'")"
expect_ok "the next run resumes after it" migc --db "$DB" up
# The server finishes the query the killed client sent, the sleep and its
# record, before it lets go of the lock: the next run resumes after both.
expect_contains "resume: after what took effect" "0005_slow2.mig: resumed at statement 3 of 3: the 2 before it took effect in an earlier run that stopped there" "$TAP_OUT"
expect_eq "after the resume: applied once, every table" "1 after_kill,before_kill" \
	"$(q kill "select count(*), (select group_concat(table_name order by table_name) from information_schema.tables where table_schema = 'kill' and table_name like '%_kill') from migc_migrations where version = '0005'" | tr '\t' ' ')"

# ---- connection errors ----
cd "$SCRATCH/basic"
mdb_sql -e "CREATE USER pwuser@localhost IDENTIFIED BY 'right'; GRANT ALL ON basic.* TO pwuser@localhost"
url="mysql://pwuser:wrong@localhost/basic?socket=$MDB_SOCKET"
masked="mysql://pwuser:***@localhost/basic?socket=$MDB_SOCKET"
expect_status "wrong password: exit 1" 1 migc --db "$url" up
expect_eq "wrong password: one line, number, SQLSTATE, password masked" \
	"migc: error: cannot connect to $masked: 1045 (28000): Access denied for user 'pwuser'@'localhost' (using password: YES)" "$TAP_OUT"
expect_status "wrong password from DATABASE_URL" 1 env DATABASE_URL="$url" "$MIGC" status
expect_contains "DATABASE_URL: masked too" "cannot connect to $masked: 1045" "$TAP_OUT"
mdb_sql -e "CREATE USER odd@localhost IDENTIFIED BY 'p@s/s:w'; GRANT ALL ON basic.* TO odd@localhost"
expect_ok "a password with '@', '/' and ':' as typed" migc --db "mysql://odd:p@s/s:w@localhost/basic?socket=$MDB_SOCKET" status
expect_status "such a password, wrong" 1 migc --db "mysql://odd:p@s/s:x@localhost/basic?socket=$MDB_SOCKET" status
expect_eq "such a password, wrong: masked whole" "migc: error: cannot connect to mysql://odd:***@localhost/basic?socket=$MDB_SOCKET: 1045 (28000): Access denied for user 'odd'@'localhost' (using password: YES)" "$TAP_OUT"
expect_status "a bad port" 1 migc --db "mysql://odd:s3cr3t@localhost:33x/basic" status
expect_eq "a bad port: the URL's pieces are not echoed" "migc: error: cannot connect to mysql://odd:***@localhost:33x/basic: bad port in the URL" "$TAP_OUT"
expect_ok "the right password, percent-encoded" migc --db "mysql://pwuser:r%69ght@localhost/basic?socket=$MDB_SOCKET" status
expect_status "unreachable server: exit 1" 1 migc --db "mysql://root:secret@localhost/basic?socket=$SCRATCH/nosock" status
expect_eq "unreachable server: one line, password masked" "migc: error: cannot connect to mysql://root:***@localhost/basic?socket=$SCRATCH/nosock: 2002 (HY000): Can't connect to local server through socket '$SCRATCH/nosock' (2)" "$TAP_OUT"
expect_status "unreachable TCP port" 1 migc --db "mysql://root:secret@127.0.0.1:1/basic?connect-timeout=2" status
expect_contains "unreachable TCP port: masked, number" "migc: error: cannot connect to mysql://root:***@127.0.0.1:1/basic?connect-timeout=2: 2002 (HY000): Can't connect to server on '127.0.0.1'" "$TAP_OUT"
expect_status "a history error stops before connecting" 1 migc --db "mysql://root@localhost/basic?socket=$SCRATCH/nosock" --dir "$SCRATCH/nothere" up
expect_contains "history error first" "no migrations folder: " "$TAP_OUT"

summary
