#!/usr/bin/env bash
# tests/t_runtime_sqlite.sh: migc new/up/down/redo/status on real SQLite
# files: the ledger, atomicity, checksums, ordering, concurrency, SIGKILL,
# and the errors a user meets.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
chmod 755 "$SCRATCH"
# The compiled-history cache goes to the scratch folder, not ~/.cache.
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
unset MIGC_NO_CACHE
mkdir -p "$HOME"

migc() { "$MIGC" "$@"; }
# q DB SQL: rows of SQL, columns separated by '|'
q() { sqlite3 -batch "$1" "$2"; }
schema() { sqlite3 -batch "$1" .schema; }
strip_ms() { printf '%s\n' "$1" | sed 's/ ([0-9.]* ms)$//'; }

# A project with three migrations.
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_users.mig <<'EOF'
create table users (id integer primary key, email text not null);
EOF
	cat >migrations/0002_posts.mig <<'EOF'
create table posts (id integer primary key, user_id integer references users, title text);
create index on posts (user_id);
EOF
	cat >migrations/0003_tags.mig <<'EOF'
create table tags (name text primary key);
EOF
}

# ---- the embedded default in an empty folder ----
mkdir "$SCRATCH/empty"
cd "$SCRATCH/empty"
expect_status "new: bad name is a usage error" 2 migc new Bad-Name
expect_contains "new: says why" "invalid migration name 'Bad-Name'" "$TAP_OUT"
expect_ok "new creates the folder and the file" migc new create_users
path=$TAP_OUT
case $path in
migrations/[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]_create_users.mig) ok "new prints DIR/<UTC timestamp>_name.mig" ;;
*) fail "new prints DIR/<UTC timestamp>_name.mig" "$path" ;;
esac
expect_eq "new: the version is the UTC time" "$(date -u +%Y%m%d%H)" \
	"$(basename "$path" | cut -c1-10)"
expect_contains "new: a commented template" "-- create_users" "$(head -n 1 "$path")"
echo 'create table users (id integer primary key);' >>"$path"
expect_ok "up with no --db and no DATABASE_URL" migc up
expect_contains "up: progress line" "up ${path:11:14} create_users (" "$TAP_OUT"
if [ -f db.sqlite3 ]; then ok "embedded default creates db.sqlite3"; else fail "embedded default creates db.sqlite3"; fi
expect_eq "ledger row" "${path:11:14}|create_users" \
	"$(q db.sqlite3 'select version, name from migc_migrations')"

# ---- up, status, down, redo, --to, --steps ----
new_project basic
DB=sqlite:$P/app.db
# A database file that --db names and that is not there is a typo until
# `up` creates it: status says so.
expect_status "status before anything: the file does not exist" 1 migc --db "$DB" status
expect_eq "status: says so, and what creates it" "migc: error: $DB: the database file $P/app.db does not exist
hint: check --db (or DATABASE_URL); only \`migc up\` creates a database file" "$TAP_OUT"
if [ -e "$P/app.db" ]; then fail "status does not create the file"; else ok "status does not create the file"; fi
expect_ok "status of the default database before anything" migc status
expect_eq "status: all pending" "version  name   state    applied at
0001     users  pending
0002     posts  pending
0003     tags   pending
3 migrations: 3 pending; database sqlite:db.sqlite3" "$TAP_OUT"
if [ -e db.sqlite3 ]; then fail "status does not create the default file"; else ok "status does not create the default file"; fi

expect_ok "up --to 0002" migc --db "$DB" up --to 0002
expect_eq "up --to: two lines" "up 0001 users
up 0002 posts" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_ok "status --json" migc --db "$DB" status --json
expect_eq "status --json: states" "0001 applied
0002 applied
0003 pending" "$(printf '%s' "$TAP_OUT" | jq -r '.[] | "\(.version) \(.state)"')"
expect_eq "status --json: applied_at and checksum" "true true false" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[0].applied_at != null, (.[0].checksum | length == 64), .[2].applied_at != null] | join(" ")')"
expect_ok "up the rest" migc --db "$DB" up
expect_eq "up: the third" "up 0003 tags" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_ok "up again" migc --db "$DB" up
expect_eq "up again: nothing" "nothing to apply" "$TAP_OUT"
expect_eq "ledger: up_sql as applied" 'CREATE TABLE "tags" (' \
	"$(q "$P/app.db" "select up_sql from migc_migrations where version = '0003'" | head -n 1)"

expect_ok "down (one)" migc --db "$DB" down
expect_eq "down: the newest" "down 0003 tags" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_ok "down --steps 2" migc --db "$DB" down --steps 2
expect_eq "down --steps 2: two" "down 0002 posts
down 0001 users" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_eq "schema: only the ledger" "migc_migrations" \
	"$(q "$P/app.db" "select name from sqlite_master where type = 'table'")"
migc --db "$DB" -q up
expect_ok "down --to 0001" migc --db "$DB" down --to 0001
expect_eq "down --to: keeps 0001" "0001" "$(q "$P/app.db" 'select version from migc_migrations')"
expect_ok "redo" migc --db "$DB" redo
expect_eq "redo: down then up" "down 0001 users
up 0001 users" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_status "--steps and --to together: usage" 2 migc --db "$DB" down --steps 1 --to 1
expect_ok "--table" migc --db "sqlite:$P/other.db" --table 'my "ledger"' up
expect_eq "--table: quoted as an identifier" "3" "$(q "$P/other.db" 'select count(*) from "my ""ledger"""')"

# ---- dry run ----
new_project dry
DB=sqlite:$P/app.db
migc --db "$DB" -q up --to 0001
before=$(schema "$P/app.db")
expect_ok "up --dry-run" migc --db "$DB" up --dry-run
expect_contains "dry run prints the SQL" '-- up 0002 posts
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "posts" (' "$TAP_OUT"
# The frame is the one `migc compile` prints: foreign keys off around the
# transaction, PRAGMA foreign_key_check before COMMIT.
expect_eq "dry run: the frame of migc compile" \
	"$(migc compile --dialect sqlite migrations/0002_posts.mig | tail -n +2)" \
	"$(printf '%s\n' "$TAP_OUT" | sed -n '/^-- up 0002/,/^-- up 0003/p' | sed '1d;$d')"
expect_eq "dry run: schema unchanged" "$before" "$(schema "$P/app.db")"
expect_eq "dry run: ledger unchanged" "0001" "$(q "$P/app.db" 'select version from migc_migrations')"
expect_ok "down --dry-run" migc --db "$DB" down --dry-run
expect_eq "down --dry-run prints the recorded down" '-- down 0001 users
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "users";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;' "$TAP_OUT"
expect_eq "down dry run: unchanged" "$before" "$(schema "$P/app.db")"
expect_ok "dry run on a missing file" migc --db "sqlite:$P/none.db" up --dry-run
if [ -e "$P/none.db" ]; then fail "dry run does not create the file"; else ok "dry run does not create the file"; fi

# ---- a failure in the third statement changes nothing ----
new_project atomic
DB=sqlite:$P/app.db
migc --db "$DB" -q up
cat >migrations/0004_bad.mig <<'EOF'
add column users.age integer;
create index on users (email);
sql 'insert into nope (x) values (1)' down 'select 1';
EOF
before=$(schema "$P/app.db")
ledger=$(q "$P/app.db" 'select * from migc_migrations order by version')
expect_status "failing migration: exit 1" 1 migc --db "$DB" up
expect_eq "error report" 'migrations/0004_bad.mig: error: SQLITE_ERROR: no such table: nope
    insert into nope (x) values (1);
migrations/0004_bad.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
expect_eq "schema identical after the failure" "$before" "$(schema "$P/app.db")"
expect_eq "ledger identical after the failure" "$ledger" \
	"$(q "$P/app.db" 'select * from migc_migrations order by version')"
cat >migrations/0004_bad.mig <<'EOF'
create table t (x integer);
sql 'insert into t (x) values (1)' down 'select 1';
sql 'insert into t (x) valuez (2)' down 'select 1';
EOF
expect_status "caret under the position" 1 migc --db "$DB" up
expect_contains "caret" '    insert into t (x) valuez (2);
                      ^' "$TAP_OUT"
rm migrations/0004_bad.mig

# ---- down of a no-transaction migration that stopped part-way ----
new_project undo
DB=sqlite:$P/app.db
migc --db "$DB" -q up
q "$P/app.db" "insert into users (id, email) values (1, 'a'), (2, 'b'); insert into posts (id, user_id, title) values (1, 1, 'x'), (2, 2, 'y'); insert into tags values ('old')"
# The whole database but the ledger's tables, rows included.
dump() {
	for t in $(q "$P/app.db" "select name from sqlite_master where type = 'table' and name not like 'migc%' order by name"); do
		sqlite3 -batch "$P/app.db" ".dump $t"
	done
	q "$P/app.db" "select type, name, sql from sqlite_master where tbl_name not like 'migc%' order by type, name"
}
before=$(dump)
cat >migrations/0004_more.mig <<'EOF'
no transaction;
create index on users (email);
sql $$insert into tags (name) values ('t1'); insert into tags (name) values ('t2')$$ down $$delete from tags where name = 't2'; delete from tags where name = 't1'$$;
rename column posts.title to headline;
sql 'insert into nope (x) values (1)' down 'delete from nope';
create table more (x integer);
EOF
expect_status "stops at its fifth statement" 1 migc --db "$DB" up
expect_ok "status" migc --db "$DB" status
expect_contains "status: partial, 4 of 6 commands, the failed one and its error" "
0004     more   partial: 4 of 6 statements; statement 5 failed: SQLITE_ERROR: no such table: nope
" "$TAP_OUT"
expect_ok "status --json" migc --db "$DB" status --json
expect_eq "status --json: the progress, the failed statement and its error" '{"direction":"up","done":4,"total":6,"failed":{"statement":5,"sql":"insert into nope (x) values (1);","code":"SQLITE_ERROR","message":"no such table: nope","detail":null,"hint":null}}' \
	"$(printf '%s' "$TAP_OUT" | jq -c '.[3].partial')"
# A progress table made before the columns of a failed statement: status
# reads it without them, and the next write adds them.
q "$P/app.db" "alter table migc_migrations_progress drop column failed_sql; alter table migc_migrations_progress drop column error_code; alter table migc_migrations_progress drop column error_message; alter table migc_migrations_progress drop column error_detail; alter table migc_migrations_progress drop column error_hint"
expect_ok "status: an older progress table" migc --db "$DB" status
expect_contains "status: an older progress table, no failure known" "
0004     more   partial: 4 of 6 statements
" "$TAP_OUT"
expect_status "up on an older progress table: fails again" 1 migc --db "$DB" up
expect_contains "up on an older progress table: resumed" "resumed at statement 5 of 6" "$TAP_OUT"
expect_eq "the older progress table got the columns, and the failure" "SQLITE_ERROR|no such table: nope" \
	"$(q "$P/app.db" "select error_code, error_message from migc_migrations_progress")"
expect_ok "down of the partial migration" migc --db "$DB" down
expect_eq "down: says so" "down 0004 more" "$(strip_ms "$TAP_OUT")"
expect_eq "down: the schema and the rows as before the migration" "$before" "$(dump)"
expect_eq "down: nothing recorded, no progress left" "0|0" \
	"$(q "$P/app.db" "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from migc_migrations_progress)")"
expect_ok "status after the down" migc --db "$DB" status --json
expect_eq "status: pending again, the rest applied" "applied applied applied pending" \
	"$(printf '%s' "$TAP_OUT" | jq -r '[.[].state] | join(" ")')"
# A rollback that stops part-way resumes, and up refuses the migration
# meanwhile.
cat >migrations/0004_more.mig <<'EOF'
no transaction;
sql 'select 1' down 'insert into nope2 (x) values (1)';
create table more (x integer);
sql 'insert into nope3 (x) values (1)' down 'select 1';
EOF
expect_status "stops at its third statement" 1 migc --db "$DB" up
expect_status "its down stops at the down of its first" 1 migc --db "$DB" down
expect_contains "the down: what of it ran" "note: ran without a transaction; this 1 statement took effect before the failure and was not undone:
    DROP TABLE \"more\";" "$TAP_OUT"
expect_status "redo refused while a migration stopped part-way" 1 migc --db "$DB" redo
expect_contains "redo refused: says why" "migc: error: migration 0004 stopped part-way in an earlier run (2 statements took effect): roll back what ran of it with \`migc down\`, or finish it with \`migc up\` once it is fixed, before rolling back anything older" "$TAP_OUT"
expect_eq "redo refused: 0003 still applied" "0001 0002 0003" "$(q "$P/app.db" "select group_concat(version, ' ') from (select version from migc_migrations order by version)")"
expect_ok "status: the rollback of what ran, stopped part-way" migc --db "$DB" status
expect_contains "status: partial (rolling back), its failed down statement" "
0004     more   partial (rolling back): 1 of 2 undone; down statement 2 failed: SQLITE_ERROR: no such table: nope2
" "$TAP_OUT"
expect_ok "status --json: the rollback of what ran" migc --db "$DB" status --json
expect_eq "status --json: direction down, what had run of it, the failure" 'partial {"direction":"down","done":1,"total":2,"up":{"done":2,"total":3},"failed":{"statement":2,"sql":"insert into nope2 (x) values (1);"}}' \
	"$(printf '%s' "$TAP_OUT" | jq -c -r '.[3] | "\(.state) \(.partial | .failed |= {statement, sql} | tojson)"')"
expect_status "up refused while its rollback stopped part-way" 1 migc --db "$DB" up
expect_contains "up refused: says why" "error: a rollback of migration 0004 more stopped part-way in an earlier run, after 1 of its 2 down statements: finish it with \`migc down\` once the cause is fixed" "$TAP_OUT"
q "$P/app.db" "create table nope2 (x integer)"
expect_ok "the down, fixed, resumes and completes" migc --db "$DB" down
expect_contains "the down resumed" "resumed at statement 2 of 2" "$TAP_OUT"
expect_eq "the down: no table more, the down's row, no progress" "0|1|0" \
	"$(q "$P/app.db" "select (select count(*) from sqlite_master where name = 'more'), (select count(*) from nope2), (select count(*) from migc_migrations_progress)")"
rm migrations/0004_more.mig

# ---- down --to at or above a migration that stopped part-way ----
# 0003 was applied before the out-of-order 0002 stopped part-way: what ran
# of 0002 is the newest change, so --to 0002 (which keeps it) must not roll
# back the transactional 0003 under it; --to 0001 undoes 0002 first.
new_project keep
DB=sqlite:$P/app.db
rm migrations/0002_posts.mig
migc --db "$DB" -q up
cat >migrations/0002_bad.mig <<'EOF'
no transaction;
add column users.age integer;
sql 'insert into nope (x) values (1)' down 'delete from nope';
EOF
expect_status "out of order, stops at its second statement" 1 migc --db "$DB" up --allow-out-of-order
expect_status "down --to 0002 with 0002 partial and 0003 applied: refused" 1 migc --db "$DB" down --to 0002
expect_eq "down --to 0002: says why" "migc: error: migration 0002 stopped part-way in an earlier run (1 statement took effect), and --to 0002 keeps it but rolls back 0003 above it: what ran of 0002 is the newest change, and may stand on it; nothing was rolled back
hint: --to a version older than 0002 rolls back what ran of it first; or finish it with \`migc up\` once it is fixed" "$TAP_OUT"
expect_eq "down --to 0002: nothing rolled back" "0001 0003|1|1" \
	"$(q "$P/app.db" "select group_concat(version, ' ') from (select version from migc_migrations order by version)")|$(q "$P/app.db" "select count(*) from sqlite_master where name = 'tags'")|$(q "$P/app.db" "select count(*) from pragma_table_info('users') where name = 'age'")"
expect_ok "down --to 0001: what ran of 0002 first, then 0003" migc --db "$DB" down --to 0001
expect_eq "down --to 0001: in that order" "down 0002 bad
down 0003 tags" "$(strip_ms "$TAP_OUT")"
expect_eq "down --to 0001: 0001 left, no column age, no progress" "0001|0|0" \
	"$(q "$P/app.db" "select group_concat(version, ' ') from migc_migrations")|$(q "$P/app.db" "select count(*) from pragma_table_info('users') where name = 'age'")|$(q "$P/app.db" "select count(*) from migc_migrations_progress")"

# ---- checksums ----
new_project sums
DB=sqlite:$P/app.db
migc --db "$DB" -q up
cat >migrations/0002_posts.mig <<'EOF'
-- only comments, whitespace and keyword case changed
CREATE TABLE posts (id integer primary key,
    user_id integer REFERENCES users,   title text);
create INDEX on posts (user_id);
EOF
expect_ok "whitespace and comments are not a change" migc --db "$DB" up
expect_ok "status after a cosmetic edit" migc --db "$DB" status --json
expect_eq "cosmetic edit: still applied" "applied" "$(printf '%s' "$TAP_OUT" | jq -r '.[1].state')"
echo 'add column posts.body text;' >>migrations/0002_posts.mig
cat >migrations/0004_more.mig <<'EOF'
create table more (x integer);
EOF
expect_status "changed file: up refuses" 1 migc --db "$DB" up
expect_contains "changed file: named" "migrations/0002_posts.mig: error: migration 0002 posts was changed after it was applied" "$TAP_OUT"
expect_eq "changed file: nothing applied" "3" "$(q "$P/app.db" 'select count(*) from migc_migrations')"
expect_ok "status shows changed" migc --db "$DB" status
expect_contains "status: changed" "0002     posts  changed" "$TAP_OUT"
expect_ok "--allow-changed" migc --db "$DB" up --allow-changed
expect_eq "--allow-changed applies the rest" "4" "$(q "$P/app.db" 'select count(*) from migc_migrations')"

# ---- rollback after the file was deleted; missing ----
rm migrations/0004_more.mig
expect_ok "status shows missing" migc --db "$DB" status --json
expect_eq "missing" "0004 more missing" \
	"$(printf '%s' "$TAP_OUT" | jq -r '.[3] | "\(.version) \(.name) \(.state)"')"
expect_ok "down after the file was deleted" migc --db "$DB" down
expect_eq "down ran the recorded SQL" "" \
	"$(q "$P/app.db" "select name from sqlite_master where name = 'more'")"

# ---- out of order ----
new_project order
DB=sqlite:$P/app.db
mv migrations/0002_posts.mig "$SCRATCH/posts.mig"
migc --db "$DB" -q up
mv "$SCRATCH/posts.mig" migrations/0002_posts.mig
expect_ok "status: out of order" migc --db "$DB" status
expect_contains "status shows out of order" "0002     posts  out of order" "$TAP_OUT"
expect_status "up refuses out of order" 1 migc --db "$DB" up
expect_contains "out of order: named" "migrations/0002_posts.mig: error: migration 0002 posts is pending but older than the newest applied migration" "$TAP_OUT"
expect_ok "--allow-out-of-order" migc --db "$DB" up --allow-out-of-order
expect_eq "--allow-out-of-order applied it" "0001 0002 0003" \
	"$(q "$P/app.db" 'select group_concat(version, " ") from (select version from migc_migrations order by version)')"

# ---- irreversible ----
cat >migrations/0004_fill.mig <<'EOF'
up {
    sql 'insert into users (email) values (''a@b'')';
}
down { irreversible; }
EOF
migc --db "$DB" -q up
expect_eq "irreversible: NULL down_sql" "1" \
	"$(q "$P/app.db" "select down_sql is null from migc_migrations where version = '0004'")"
expect_status "down of an irreversible migration" 1 migc --db "$DB" down
expect_eq "irreversible: named" "migrations/0004_fill.mig: error: migration 0004 fill is irreversible: it cannot be rolled back" "$TAP_OUT"

# ---- six concurrent runs ----
new_project conc
for i in $(seq 4 30); do
	printf 'create table t%s (x integer);\nsql %s down %s;\n' "$i" \
		"'insert into t$i (x) select 1'" "'delete from t$i'" >"migrations/$(printf %04d "$i")_t$i.mig"
done
DB=sqlite:$P/app.db
pids=()
for i in 1 2 3 4 5 6; do
	"$MIGC" --db "$DB" up >"$SCRATCH/conc.$i.out" 2>&1 &
	pids+=($!)
done
st=0
for p in "${pids[@]}"; do wait "$p" || st=1; done
expect_eq "six concurrent ups: all succeed" "0" "$st"
expect_eq "six concurrent ups: no errors" "" "$(cat "$SCRATCH"/conc.*.out | grep -v '^up \|^nothing to apply' || true)"
expect_eq "each migration applied once" "30|30" \
	"$(q "$P/app.db" 'select count(*), count(distinct version) from migc_migrations')"
expect_eq "each data statement ran once" "1" "$(q "$P/app.db" 'select count(*) from t17')"
expect_eq "progress lines: 30 in all" "30" "$(cat "$SCRATCH"/conc.*.out | grep -c '^up ')"

# ---- SIGKILL in the middle of a migration ----
new_project kill
DB=sqlite:$P/app.db
migc --db "$DB" -q up
cat >migrations/0004_slow.mig <<'EOF'
create table slow_before (x integer);
sql 'create table slow as with recursive c(x) as (select 1 union all select x + 1 from c where x < 50000000) select sum(x) as s from c' down 'select 1';
EOF
"$MIGC" --db "$DB" up >/dev/null 2>&1 &
pid=$!
# Wait until it is inside the migration's transaction (the rollback
# journal exists), then kill it.
for _ in $(seq 100); do
	[ -e "$P/app.db-journal" ] && break
	sleep 0.05
done
sleep 0.3
if [ -e "$P/app.db-journal" ]; then ok "killed inside the transaction"; else fail "killed inside the transaction" "no journal seen"; fi
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
expect_eq "killed: nothing half-recorded" "0|0" \
	"$(q "$P/app.db" "select (select count(*) from migc_migrations where version = '0004'), (select count(*) from sqlite_master where name = 'slow_before')")"
sed -i 's/50000000/1000/' migrations/0004_slow.mig
expect_ok "the next run finishes the job" migc --db "$DB" up --allow-changed
expect_eq "after the kill: applied once" "1|1" \
	"$(q "$P/app.db" "select count(*), (select count(*) from sqlite_master where name = 'slow') from migc_migrations where version = '0004'")"

# ---- foreign keys: the frame of SQLite's table rebuild ----
# migc enforces foreign keys on its connection, and runs every migration
# with them off around its transaction and PRAGMA foreign_key_check before
# COMMIT.  Without that frame, rebuilding a referenced table would fail
# (NO ACTION) or delete the referencing rows (CASCADE) at its DROP TABLE.
fk_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_init.mig <<'EOF'
create table parent (id integer primary key, name text);
create table kid (id integer primary key, parent_id integer references parent);
create table kid_cascade (id integer primary key,
    parent_id integer references parent on delete cascade);
EOF
	cat >migrations/0002_rows.mig <<'EOF'
sql 'insert into parent (id, name) values (1, ''a''), (2, ''b'')'
    down 'delete from parent';
sql 'insert into kid (id, parent_id) values (10, 1), (11, 2), (12, 2)'
    down 'delete from kid';
sql 'insert into kid_cascade (id, parent_id) values (20, 1), (21, 2)'
    down 'delete from kid_cascade';
EOF
	cat >migrations/0003_nn.mig <<EOF
${2:-}alter column parent.name set not null;
EOF
}
kids() { q "$1" "select (select group_concat(id) from kid) || ' ' || (select group_concat(id) from kid_cascade)"; }
versions() { q "$1" 'select group_concat(version, " ") from (select version from migc_migrations order by version)'; }
for mode in tx no_tx; do
	case $mode in
	tx) fk_project fk_tx ;;
	no_tx) fk_project fk_no_tx 'no transaction;
' ;;
	esac
	DB=sqlite:$P/app.db
	migc --db "$DB" -q up --to 0002
	expect_ok "fk $mode: up rebuilds the referenced table" migc --db "$DB" up
	expect_eq "fk $mode: up: the progress line" "up 0003 nn" \
		"$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
	expect_contains "fk $mode: the rebuild ran" '"name" text NOT NULL' "$(schema "$P/app.db")"
	expect_eq "fk $mode: up: every referencing row kept" "10,11,12 20,21" "$(kids "$P/app.db")"
	expect_eq "fk $mode: up: foreign_key_check empty" "" "$(q "$P/app.db" 'PRAGMA foreign_key_check')"
	expect_eq "fk $mode: up: recorded" "0001 0002 0003" "$(versions "$P/app.db")"
	expect_ok "fk $mode: down rebuilds it back" migc --db "$DB" down
	expect_eq "fk $mode: down: the progress line" "down 0003 nn" \
		"$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
	expect_contains "fk $mode: down: name nullable again" '"name" text,' "$(schema "$P/app.db")"
	expect_eq "fk $mode: down: every referencing row kept" "10,11,12 20,21" "$(kids "$P/app.db")"
	expect_eq "fk $mode: down: foreign_key_check empty" "" "$(q "$P/app.db" 'PRAGMA foreign_key_check')"
	expect_eq "fk $mode: down: unrecorded" "0001 0002" "$(versions "$P/app.db")"
done

# A statement of the migration that breaks a foreign key fails it: the
# check before COMMIT finds the row, and nothing is left of the migration.
fk_project fk_orphan
DB=sqlite:$P/app.db
migc --db "$DB" -q up
cat >migrations/0004_orphan.mig <<'EOF'
add column kid.note text;
create table extra (x integer);
sql 'insert into kid (id, parent_id) values (13, 999)' down 'select 1';
EOF
before=$(schema "$P/app.db")
ledger=$(q "$P/app.db" 'select * from migc_migrations order by version')
expect_status "fk violation: exit 1" 1 migc --db "$DB" up
expect_eq "fk violation: names the migration and the row" \
	'migrations/0004_orphan.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key violation after migration 0004 orphan: table kid row 13 references parent
migrations/0004_orphan.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
expect_eq "fk violation: schema unchanged" "$before" "$(schema "$P/app.db")"
expect_eq "fk violation: ledger unchanged" "$ledger" \
	"$(q "$P/app.db" 'select * from migc_migrations order by version')"
expect_eq "fk violation: the row is gone" "0" "$(q "$P/app.db" 'select count(*) from kid where id = 13')"

# Two violations: the first is named, the count follows.
cat >migrations/0004_orphan.mig <<'EOF'
sql 'insert into kid (id, parent_id) values (13, 999), (14, 998)' down 'select 1';
EOF
expect_status "fk violations: exit 1" 1 migc --db "$DB" up
expect_eq "fk violations: the first and the count" \
	'migrations/0004_orphan.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key violation after migration 0004 orphan: table kid row 13 references parent
detail: 2 rows violate a foreign key
migrations/0004_orphan.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
rm migrations/0004_orphan.mig

# The same for a rollback whose down breaks a foreign key.
cat >migrations/0004_down_orphan.mig <<'EOF'
up { create table extra (x integer); }
down { drop table extra; sql 'insert into kid_cascade (id, parent_id) values (22, 997)'; }
EOF
migc --db "$DB" -q up
before=$(schema "$P/app.db")
ledger=$(q "$P/app.db" 'select * from migc_migrations order by version')
expect_status "fk violation in a down: exit 1" 1 migc --db "$DB" down
expect_eq "fk violation in a down: named" \
	'migrations/0004_down_orphan.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key violation after rolling back migration 0004 down_orphan: table kid_cascade row 22 references parent
migrations/0004_down_orphan.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
expect_eq "fk violation in a down: schema unchanged" "$before" "$(schema "$P/app.db")"
expect_eq "fk violation in a down: still applied" "$ledger" \
	"$(q "$P/app.db" 'select * from migc_migrations order by version')"
rm migrations/0004_down_orphan.mig
q "$P/app.db" "drop table extra; delete from migc_migrations where version = '0004'"

# Without a transaction the statements stay, but the migration is not
# recorded.
cat >migrations/0004_nt_orphan.mig <<'EOF'
no transaction;
create table extra (x integer);
sql 'insert into kid (id, parent_id) values (13, 999)' down 'select 1';
EOF
expect_status "fk violation, no transaction: exit 1" 1 migc --db "$DB" up
expect_eq "fk violation, no transaction: what stays" \
	'migrations/0004_nt_orphan.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key violation after migration 0004 nt_orphan: table kid row 13 references parent
migrations/0004_nt_orphan.mig: note: ran without a transaction; these 2 statements took effect before the failure and were not undone:
    CREATE TABLE "extra" (
        "x" integer
    );
    insert into kid (id, parent_id) values (13, 999);' "$TAP_OUT"
expect_eq "fk violation, no transaction: not recorded" "0001 0002 0003" "$(versions "$P/app.db")"
# The table it left is drift, which up refuses without --allow-drift.
expect_status "no transaction: what it left is drift" 1 migc --db "$DB" up --dry-run
expect_contains "no transaction: ... named" "drop table extra;" "$TAP_OUT"
expect_ok "no transaction: dry run" migc --db "$DB" up --dry-run --allow-drift
expect_eq "no transaction: dry run shows the frame around it all" '-- up 0004 nt_orphan (no transaction)
PRAGMA foreign_keys = OFF;
CREATE TABLE "extra" (
    "x" integer
);
insert into kid (id, parent_id) values (13, 999);
PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;' "$TAP_OUT"
rm migrations/0004_nt_orphan.mig

# A violation the database already had fails the next migration too (the
# check covers the whole database), with a hint that says so.
cat >migrations/0004_more.mig <<'EOF'
create table more (x integer);
EOF
expect_status "earlier violation: exit 1" 1 migc --db "$DB" up --allow-drift
expect_eq "earlier violation: the hint" \
	'migrations/0004_more.mig: error: SQLITE_CONSTRAINT_FOREIGNKEY: foreign key violation after migration 0004 more: table kid row 13 references parent
hint: the database had 1 such row before it too: PRAGMA foreign_key_check lists them
migrations/0004_more.mig: note: rolled back; nothing of it was recorded' "$TAP_OUT"
q "$P/app.db" "delete from kid where id = 13; drop table extra"
expect_ok "once repaired, it applies" migc --db "$DB" up
expect_eq "once repaired: recorded" "0001 0002 0003 0004" "$(versions "$P/app.db")"

# ---- the compiled-history cache ----
new_project cache
CDB="sqlite:$P/app.db"
CACHE=$XDG_CACHE_HOME/migc
# Files changed in the last seconds are never trusted (see cli/common.c):
# give them an old mtime, as a checked-out project has.
old_mtime() { touch -d '2020-01-02 03:04:05' "$@"; }
state_of() { migc --db "$CDB" status --json | jq -r ".[] | select(.version == \"$1\") | .state"; }
old_mtime migrations/*.mig
expect_ok "cache: up" migc --db "$CDB" up
rm -rf "$CACHE"
expect_ok "cache: status" migc --db "$CDB" status
expect_eq "cache: status writes one cache file" 1 "$(ls "$CACHE" | wc -l)"
cfile=$(ls -d "$CACHE"/* | head -n 1)
expect_eq "cache: one entry per migration" "migc-history-cache 1
0001_users.mig
0002_posts.mig
0003_tags.mig
end 3" "$(cut -d' ' -f1 "$cfile" | sed 's/^end$/end 3/;s/^migc-history-cache$/migc-history-cache 1/')"
# Proof that status trusts it: a checksum altered in the cache shows.
cp "$cfile" "$SCRATCH/cache.saved"
sed -i 's/^\(0001_users\.mig .*\) [0-9a-f]\{64\}$/\1 0000000000000000000000000000000000000000000000000000000000000000/' "$cfile"
expect_eq "cache: status uses the cached checksums" changed "$(state_of 0001)"
# The entries out of order (the altered checksum kept): the cache is not
# trusted, the files are read, and 0001 is applied again.
awk 'NR == 2 { held = $0; next } NR == 3 { print; print held; next } { print }' "$cfile" >"$SCRATCH/cache.swapped"
cp "$SCRATCH/cache.swapped" "$cfile"
expect_eq "cache: entries out of order are not trusted" applied "$(state_of 0001)"
# A name listed twice (in place of another): not trusted either.
cp "$SCRATCH/cache.saved" "$cfile"
awk 'NR == 2 { print; sub(/ [0-9a-f]+$/, " 0000000000000000000000000000000000000000000000000000000000000000"); print; next } NR == 3 { next } { print }' "$SCRATCH/cache.saved" >"$cfile"
expect_eq "cache: a name listed twice is not trusted" applied "$(state_of 0001)"
cp "$SCRATCH/cache.saved" "$cfile"
expect_eq "cache: no-op up takes it too" "nothing to apply" "$(migc --db "$CDB" up 2>&1)"
# A change of size, with the old mtime put back: not trusted.
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id integer primary key, user_id integer references users, title text, body text);
create index on posts (user_id);
EOF
old_mtime migrations/0002_posts.mig
expect_eq "cache: a new size is seen (changed)" changed "$(state_of 0002)"
expect_eq "cache: ... and the others stay applied" applied "$(state_of 0001)"
# The same size and mtime in a new file (another inode): not trusted.
sed 's/body text/body blob/' migrations/0002_posts.mig >"$SCRATCH/0002.new"
old_mtime "$SCRATCH/0002.new"
expect_eq "cache: same size" "$(wc -c <migrations/0002_posts.mig)" "$(wc -c <"$SCRATCH/0002.new")"
before=$(migc --db "$CDB" status --json | jq -r '.[1].checksum')
mv "$SCRATCH/0002.new" migrations/0002_posts.mig
after=$(migc --db "$CDB" status --json | jq -r '.[1].checksum')
if [ "$before" != "$after" ]; then ok "cache: a new inode is seen"; else fail "cache: a new inode is seen" "$before"; fi
# Restored; then a broken migration added fails with its diagnostic.
cat >migrations/0002_posts.mig <<'EOF'
create table posts (id integer primary key, user_id integer references users, title text);
create index on posts (user_id);
EOF
old_mtime migrations/0002_posts.mig
expect_eq "cache: restored" applied "$(state_of 0002)"
printf 'create tabel broken (x integer);\n' >migrations/0004_broken.mig
old_mtime migrations/0004_broken.mig
expect_status "cache: a broken migration stops up" 1 migc --db "$CDB" up
expect_contains "cache: ... with its diagnostic" "migrations/0004_broken.mig:1:" "$TAP_OUT"
expect_status "cache: ... and status" 1 migc --db "$CDB" status
expect_contains "cache: ... with its diagnostic (status)" "migrations/0004_broken.mig:1:" "$TAP_OUT"
# A pending migration: up compiles everything and applies it.
printf 'create table fixed (x integer);\n' >migrations/0004_broken.mig
old_mtime migrations/0004_broken.mig
expect_eq "cache: pending" pending "$(state_of 0004)"
expect_ok "cache: up applies the pending one" migc --db "$CDB" up
expect_eq "cache: ... recorded" "0001 0002 0003 0004" "$(versions "$P/app.db")"
expect_eq "cache: ... with its table" fixed "$(q "$P/app.db" "select name from sqlite_master where name = 'fixed'")"
# MIGC_NO_CACHE=1: no cache written.
rm -rf "$CACHE"
expect_ok "cache: MIGC_NO_CACHE=1 status" env MIGC_NO_CACHE=1 "$MIGC" --db "$CDB" status
if [ -e "$CACHE" ]; then fail "cache: MIGC_NO_CACHE=1 writes nothing" "$(ls -R "$CACHE")"; else ok "cache: MIGC_NO_CACHE=1 writes nothing"; fi
# No writable cache folder: no cache and no message.
expect_eq "cache: an unwritable folder is silent" "" \
	"$(XDG_CACHE_HOME=/proc/nonexistent "$MIGC" --db "$CDB" status 2>&1 >/dev/null)"

# ---- the down of drop column of a serial column that is not the rowid ----
# SQLite numbers only the rowid, so such a column added back has no
# numbering and is not null: the rebuild gives each row its rowid, and
# the down runs on a table with rows.
P=$SCRATCH/serial_down
mkdir -p "$P/migrations"
cd "$P"
printf 'create table c (k bigint primary key, s serial not null unique, t text);\n' >migrations/0001_c.mig
printf 'drop column c.s;\n' >migrations/0002_drop.mig
touch app.db
expect_ok "serial down: up 0001" migc --db "sqlite:$P/app.db" up --to 0001
q app.db "insert into c (k, s, t) values (10, 1, 'a'), (20, 2, 'b')"
expect_ok "serial down: up 0002" migc --db "sqlite:$P/app.db" up
expect_ok "serial down: down runs with rows" migc --db "sqlite:$P/app.db" down
expect_eq "serial down: each row numbered, the other values kept" "10|a|1
20|b|2" "$(q app.db 'select k, t, s from c order by k')"
expect_contains "serial down: the unique constraint is back" 'CONSTRAINT "c_s_key" UNIQUE ("s")' "$(schema app.db)"
cd "$SCRATCH"

# ---- connection errors ----
cd "$SCRATCH/basic"
cp "$P/app.db" "$SCRATCH/ro.db"
chmod 444 "$SCRATCH/ro.db"
if [ "$(id -u)" -eq 0 ]; then
	# root writes anything: run as an unprivileged user
	as_user() { runuser -u nobody -- "$@"; }
else
	as_user() { "$@"; }
fi
if as_user test -x "$MIGC" 2>/dev/null && as_user test -r migrations/0001_users.mig; then
	expect_status "read-only file: exit 1" 1 as_user "$MIGC" --db "sqlite:$SCRATCH/ro.db" up
	expect_eq "read-only file: one line" "migc: error: cannot connect to sqlite:$SCRATCH/ro.db: database file is read-only" "$TAP_OUT"
else
	skip "read-only file" "cannot run migc as an unprivileged user here"
fi
expect_status "missing folder for the file" 1 migc --db "sqlite:$SCRATCH/no/such/dir/x.db" up
expect_eq "missing folder: one line" "migc: error: cannot connect to sqlite:$SCRATCH/no/such/dir/x.db: unable to open database file" "$TAP_OUT"
printf 'not a database at all, just text, long enough to have a header....................................................\n' >"$SCRATCH/junk.db"
expect_status "not a database" 1 migc --db "sqlite:$SCRATCH/junk.db" status
expect_eq "not a database: one line" "migc: error: cannot connect to sqlite:$SCRATCH/junk.db: file is not a database" "$TAP_OUT"
expect_status "--dialect must match the database" 2 migc --db "sqlite:$SCRATCH/x.db" --dialect postgres up

summary
