#!/usr/bin/env bash
# tests/t_runtime_cli.sh: the database commands' contract on real SQLite
# files: the ledger table's name and shape, refusals that roll back
# nothing, repairs (mark, accept), status's summary and exit code, and the
# migrations folder as the runtime reads it.
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
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
unset MIGC_NO_CACHE
mkdir -p "$HOME"

migc() { "$MIGC" "$@"; }
q() { sqlite3 -batch "$1" "$2"; }

# A project with three migrations in $P.
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_users.mig <<'MIG'
create table users (id integer primary key, email text not null);
MIG
	cat >migrations/0002_posts.mig <<'MIG'
create table posts (id integer primary key, user_id integer references users, title text);
MIG
	cat >migrations/0003_tags.mig <<'MIG'
create table tags (name text primary key);
MIG
	DB=sqlite:$P/app.db
}
versions() { q "$1" "select group_concat(version, ' ') from (select version from ${2:-migc_migrations} order by version)"; }
state_of() { migc --db "$DB" ${2:+--table "$2"} status --json | jq -r ".[] | select(.version == \"$1\") | .state"; }

# ---- the ledger table: SQLite names are case-insensitive ----
new_project table_case
expect_ok "--table Ledger: up" migc --db "$DB" --table Ledger up --to 0002
expect_eq "--table ledger: status sees the same table" "applied" "$(state_of 0001 ledger)"
expect_ok "--table ledger: up applies what is pending" migc --db "$DB" --table ledger up
expect_eq "--table ledger: ... the third only" "up 0003 tags" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_eq "--table ledger: one table, three rows" "0001 0002 0003" "$(versions "$P/app.db" Ledger)"

# ---- a table that is not a ledger is named in the error ----
new_project wrong_columns
q "$P/app.db" 'create table led (a integer)'
expect_status "a table without the ledger's columns: status fails" 1 migc --db "$DB" --table led status
expect_contains "... naming the table" 'the table "led" is not a migc ledger: no such column: version' "$TAP_OUT"
expect_status "... up fails too" 1 migc --db "$DB" --table led up
expect_contains "... naming the table" 'the table "led" is not a migc ledger' "$TAP_OUT"
expect_eq "... and applies nothing" "led" "$(q "$P/app.db" "select group_concat(name) from sqlite_master where type = 'table'")"

# ---- down refuses what names nothing, and rolls back nothing ----
new_project down_refusals
expect_ok "down: setup" migc --db "$DB" up
expect_status "down --to a version that is no migration: exit 1" 1 migc --db "$DB" down --to 0005
expect_eq "... says so" "migc: error: no migration with version 0005; nothing was rolled back
hint: migc down --all rolls back every applied migration" "$TAP_OUT"
expect_status "down --to 0007: exit 1" 1 migc --db "$DB" down --to 0007
expect_eq "... and rolls back nothing" "0001 0002 0003" "$(versions "$P/app.db")"
expect_status "down --steps beyond what is applied: exit 1" 1 migc --db "$DB" down --steps 4
expect_eq "... says so" "migc: error: --steps 4, but 3 migrations are applied; nothing was rolled back
hint: migc down --all rolls back every applied migration" "$TAP_OUT"
expect_eq "... and rolls back nothing" "0001 0002 0003" "$(versions "$P/app.db")"
expect_ok "down --steps 3 (all there is)" migc --db "$DB" down --steps 3 --dry-run
expect_ok "down --to 0001" migc --db "$DB" down --to 0001
expect_eq "... rolls back the newer ones" "0001" "$(versions "$P/app.db")"
expect_ok "down --all" migc --db "$DB" down --all
expect_eq "... rolls back every one" "down 0001 users" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_eq "... leaving the ledger empty" "" "$(versions "$P/app.db")"
expect_ok "down --all with nothing applied" migc --db "$DB" down --all
expect_eq "... says so" "nothing to roll back" "$TAP_OUT"
expect_status "down with nothing applied: exit 1" 1 migc --db "$DB" down
expect_eq "... says so, naming no option it was not given" "migc: error: no migration is applied; nothing was rolled back" "$TAP_OUT"
expect_status "down --steps 1 with nothing applied: exit 1" 1 migc --db "$DB" down --steps 1
expect_eq "... names the --steps it was given" "migc: error: --steps 1, but 0 migrations are applied; nothing was rolled back
hint: migc down --all rolls back every applied migration" "$TAP_OUT"
expect_status "down --all --steps 2: usage error" 2 migc --db "$DB" down --all --steps 2
expect_status "up --all: usage error" 2 migc --db "$DB" up --all

# ---- up --steps N applies the next N ----
expect_ok "up --steps 2" migc --db "$DB" up --steps 2
expect_eq "... applies two" "up 0001 users
up 0002 posts" "$(printf '%s\n' "$TAP_OUT" | sed 's/ (.* ms)$//')"
expect_eq "... and records two" "0001 0002" "$(versions "$P/app.db")"

# ---- empty values are usage errors, never a fallback ----
new_project empty_values
export DATABASE_URL=sqlite:$P/prod.db
expect_status '--db "": usage error' 2 migc --db "" up
expect_contains "... says why" "--db is empty" "$TAP_OUT"
expect_status '--db= : usage error' 2 migc --db= status
if [ -e "$P/prod.db" ]; then fail '--db "" leaves DATABASE_URL alone' "$(ls "$P")"; else ok '--db "" leaves DATABASE_URL alone'; fi
unset DATABASE_URL
expect_status "--table '': usage error" 2 migc --db "$DB" --table '' up
expect_contains "... says why" "--table is empty" "$TAP_OUT"
if [ -e "$P/app.db" ]; then fail "--table '' touches no database"; else ok "--table '' touches no database"; fi

# ---- one connection per command ----
# A no-op up from the cache connects once: with a ledger that holds every
# migration, strace sees the database file opened once.
if command -v strace >/dev/null; then
	new_project one_connection
	touch -d '2020-01-02 03:04:05' migrations/*.mig
	migc --db "$DB" up >/dev/null
	migc --db "$DB" status >/dev/null # writes the cache
	# (LeakSanitizer cannot run under ptrace: off for these two runs.)
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=openat -o "$SCRATCH/trace" "$MIGC" --db "$DB" up >/dev/null 2>&1 || true
	expect_eq "no-op up opens the database once" 1 "$(grep -c 'app\.db",' "$SCRATCH/trace")"
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=openat -o "$SCRATCH/trace" "$MIGC" --db "$DB" status >/dev/null 2>&1 || true
	expect_eq "status opens the database once" 1 "$(grep -c 'app\.db",' "$SCRATCH/trace")"
else
	fail "one connection per command" "strace is not installed"
fi

# ---- status: a summary line, and --exit-code for CI ----
new_project status_summary
# An empty file is an empty SQLite database (a missing one is an error).
: >"${DB#sqlite:}"
expect_ok "status: nothing applied" migc --db "$DB" status
expect_eq "... ends with the summary" "3 migrations: 3 pending; database $DB" "$(printf '%s\n' "$TAP_OUT" | tail -n 1)"
expect_status "status --exit-code with pending ones: exit 1" 1 migc --db "$DB" status --exit-code
expect_contains "... still prints the table" "0001     users  pending" "$TAP_OUT"
migc --db "$DB" up >/dev/null
expect_status "status --exit-code with all applied: exit 0" 0 migc --db "$DB" status --exit-code
expect_eq "... summary" "3 migrations: 3 applied; database $DB" "$(printf '%s\n' "$TAP_OUT" | tail -n 1)"
mv migrations/0003_tags.mig "$SCRATCH/0003_tags.mig"
expect_status "status --exit-code with a missing file: exit 1" 1 migc --db "$DB" status --exit-code
expect_eq "... summary" "3 migrations: 2 applied, 1 missing; database $DB" "$(printf '%s\n' "$TAP_OUT" | tail -n 1)"
mv "$SCRATCH/0003_tags.mig" migrations/
echo 'create table tags (name text primary key, n integer);' >migrations/0003_tags.mig
expect_status "status --exit-code with a changed file: exit 1" 1 migc --db "$DB" status --exit-code
expect_status "status --json --exit-code: exit 1 too" 1 migc --db "$DB" status --json --exit-code
expect_eq "... and valid JSON" "changed" "$(printf '%s\n' "$TAP_OUT" | jq -r '.[2].state')"

# ---- status --json: bytes that are not UTF-8 keep their keys ----
new_project json_utf8
migc --db "$DB" up >/dev/null
q "$P/app.db" "update migc_migrations set name = 'bad' || x'ff' || 'name' where version = '0003'"
q "$P/app.db" "insert into migc_migrations (version, name, checksum, up_sql, duration_ms) values ('0009' || x'fe', 'gone', 'x', '', 0)"
rm migrations/0003_tags.mig
expect_ok "status --json with non-UTF-8 ledger values" migc --db "$DB" status --json
expect_eq "... every entry has all five keys" "4 4 5 5 5 5" \
	"$(printf '%s\n' "$TAP_OUT" | jq -r '[length, (map(select(length == 5)) | length), (.[] | length)] | map(tostring) | join(" ")' 2>&1)"
hex() { od -An -tx1 | tr -d ' \n'; }
expect_eq "... the bad bytes as U+FFFD (name)" "626164efbfbd6e616d65" \
	"$(printf '%s\n' "$TAP_OUT" | jq -j '.[2].name' | hex)"
expect_eq "... the bad bytes as U+FFFD (version)" "30303039efbfbd" \
	"$(printf '%s\n' "$TAP_OUT" | jq -j '.[3].version' | hex)"

# ---- repair: mark applied, mark pending, accept ----
new_project repair
migc --db "$DB" up >/dev/null
ledger() { q "$P/app.db" "select version || ' ' || substr(checksum, 1, 12) || ' ' || coalesce(down_sql, 'NULL') from migc_migrations order by version"; }
# The table was dropped by hand; the ledger still lists 0003.
q "$P/app.db" 'drop table tags'
expect_ok "mark pending --dry-run" migc --db "$DB" mark pending 0003 --dry-run
expect_eq "... says what it would do" "would mark pending 0003 tags (its down would not run)" "$TAP_OUT"
expect_eq "... and does nothing" "0001 0002 0003" "$(versions "$P/app.db")"
expect_ok "mark pending" migc --db "$DB" mark pending 0003
expect_eq "... says what it did" "marked pending 0003 tags (its down did not run)" "$TAP_OUT"
expect_eq "... removes the row only" "0001 0002" "$(versions "$P/app.db")"
expect_status "mark pending of what is not applied: exit 1" 1 migc --db "$DB" mark pending 0003
expect_eq "... says so" "migc: error: migration 0003 is not applied" "$TAP_OUT"
# The table was created by hand; record it without running it.
q "$P/app.db" 'create table tags (name text primary key)'
expect_ok "mark applied --dry-run" migc --db "$DB" mark applied 0003 --dry-run
expect_eq "... says what it would do" "would mark applied 0003 tags (its SQL would not run)" "$TAP_OUT"
expect_eq "... and does nothing" "0001 0002" "$(versions "$P/app.db")"
expect_ok "mark applied" migc --db "$DB" mark applied 0003
expect_eq "... says what it did" "marked applied 0003 tags (its SQL did not run)" "$TAP_OUT"
expect_eq "... records its checksum and down SQL" "$(migc --db "$DB" status --json | jq -r '.[2].checksum' | cut -c1-12)" \
	"$(q "$P/app.db" "select substr(checksum, 1, 12) from migc_migrations where version = '0003'")"
expect_eq "... with the down SQL of its file" 'DROP TABLE "tags";' \
	"$(q "$P/app.db" "select down_sql from migc_migrations where version = '0003'")"
expect_status "mark applied of what is applied: exit 1" 1 migc --db "$DB" mark applied 0003
expect_eq "... says so" "migc: error: migration 0003 tags is already applied" "$TAP_OUT"
expect_status "mark applied of no migration: exit 1" 1 migc --db "$DB" mark applied 0042
expect_eq "... says so" "migc: error: no migration with version 0042" "$TAP_OUT"
expect_status "mark with a bad state: usage" 2 migc --db "$DB" mark done 0003
expect_status "mark without a version: usage" 2 migc --db "$DB" mark applied
# A file edited on purpose after it was applied.
before=$(ledger)
cat >migrations/0002_posts.mig <<'MIG'
create table posts (id integer primary key, user_id integer references users, title text);
create index on posts (title);
MIG
expect_status "edited file: up refuses" 1 migc --db "$DB" up
expect_ok "accept --dry-run" migc --db "$DB" accept 0002 --dry-run
expect_contains "... says what it would do" "would accept 0002 posts: checksum " "$TAP_OUT"
expect_eq "... and does nothing" "$before" "$(ledger)"
expect_ok "accept" migc --db "$DB" accept 0002
expect_contains "... says what it did" "accepted 0002 posts: checksum " "$TAP_OUT"
expect_eq "... records the new down SQL" 'DROP INDEX "posts_title_idx";
DROP TABLE "posts";' "$(q "$P/app.db" "select down_sql from migc_migrations where version = '0002'")"
expect_ok "... and up no longer refuses" migc --db "$DB" up
expect_eq "... having nothing to do" "nothing to apply" "$TAP_OUT"
expect_ok "accept again" migc --db "$DB" accept 0002
expect_eq "... nothing to accept" "nothing to accept: 0002 posts is applied as its file says" "$TAP_OUT"
expect_status "accept of what is not applied: exit 1" 1 migc --db "$DB" accept 0042

# ---- on a terminal, the migration that is running ----
# script(1) gives migc a terminal.
new_project progress
on_tty() { env -u NO_COLOR script -qec "$*" /dev/null; }
out=$(on_tty "'$MIGC' --db '$DB' up --to 0002" | tr -d '\r')
expect_contains "terminal: applying, with N of M" "applying 0001 users ... (1 of 2)" "$out"
expect_contains "terminal: ... the second" "applying 0002 posts ... (2 of 2)" "$out"
expect_contains "terminal: ... then erased and the line of what was done" $'\033[K\033[32mup\033[0m 0002 posts' "$out"
out=$(on_tty "'$MIGC' --db '$DB' down --all" | tr -d '\r')
expect_contains "terminal: rolling back, with N of M" "rolling back 0002 posts ... (1 of 2)" "$out"
out=$(env -u NO_COLOR "$MIGC" --db "$DB" up 2>&1)
case $out in *applying*) fail "not a terminal: no running line" "$out" ;; *) ok "not a terminal: no running line" ;; esac
migc --db "$DB" down --all >/dev/null
out=$(NO_COLOR=1 script -qec "'$MIGC' --db '$DB' up" /dev/null | tr -d '\r')
case $out in *applying*) fail "NO_COLOR: no running line" "$out" ;; *"up 0003 tags"*) ok "NO_COLOR: no running line" ;; *) fail "NO_COLOR: no running line" "$out" ;; esac
migc --db "$DB" down --all >/dev/null
out=$(on_tty "'$MIGC' --db '$DB' up --quiet" | tr -d '\r')
expect_eq "--quiet on a terminal: nothing at all" "" "$out"

# ---- the folder: only regular files are migrations ----
new_project fifo
mkfifo migrations/0004_pipe.mig
expect_status "a FIFO named *.mig: check fails at once (no hang)" 1 timeout 10 "$MIGC" check
expect_contains "... naming it" "migrations/0004_pipe.mig: not a regular file" "$TAP_OUT"
expect_status "... and up refuses before connecting" 1 timeout 10 "$MIGC" --db "$DB" up
if [ -e "$P/app.db" ]; then fail "... creating no database"; else ok "... creating no database"; fi
expect_status "a FIFO named on the command line: check fails at once" 1 timeout 10 "$MIGC" check migrations/0004_pipe.mig
expect_contains "... naming it" "0004_pipe.mig: not a regular file" "$TAP_OUT"
rm migrations/0004_pipe.mig
ln -s /dev/zero migrations/0004_zero.mig
expect_status "a device named *.mig: refused" 1 timeout 10 "$MIGC" check
expect_contains "... naming it" "migrations/0004_zero.mig: not a regular file" "$TAP_OUT"

summary
