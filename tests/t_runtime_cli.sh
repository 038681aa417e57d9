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

summary
