#!/usr/bin/env bash
# tests/t_cli.sh: the command line's refusals and messages: a missing
# migrations folder, database URLs without a scheme or naming no file,
# did-you-mean for commands and options, help, and `migc new` names.
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
mkdir -p "$HOME"
migc() { "$MIGC" "$@"; }

# --- a missing migrations folder ---------------------------------------------
mkdir "$SCRATCH/wrong"
cd "$SCRATCH/wrong"
for cmd in check compile schema status up down redo; do
	expect_status "$cmd from a folder without migrations/: error" 1 migc "$cmd"
	expect_contains "$cmd: names the folder and where" \
		"migc: error: no migrations folder: migrations does not exist (in $SCRATCH/wrong)" "$TAP_OUT"
	expect_contains "$cmd: says what to do" "hint: run migc in the project's folder" "$TAP_OUT"
	expect_status "$cmd --dir naming no folder: error" 1 migc "$cmd" --dir "$SCRATCH/nope"
	expect_contains "$cmd --dir: names it" \
		"migc: error: no migrations folder: $SCRATCH/nope does not exist" "$TAP_OUT"
done
expect_eq "up from the wrong folder creates no database" "" "$(ls)"
MIGC_DIR=$SCRATCH/nope expect_status "MIGC_DIR naming no folder: error" 1 migc status
: >"$SCRATCH/afile"
expect_status "--dir naming a file: error" 1 migc status --dir "$SCRATCH/afile"
expect_contains "--dir naming a file: says so" "is not a folder" "$TAP_OUT"
expect_status "new creates the folder" 0 migc new first
expect_eq "new: the folder and its file" "1" "$(find migrations -name '*_first.mig' | wc -l)"

# --- did-you-mean, help ---------------------------------------------------------
cd "$SCRATCH/wrong"
expect_status "misspelled option: usage error" 2 migc down --stpes 2
expect_eq "misspelled option: did you mean" "migc: unknown option '--stpes'
hint: did you mean --steps?
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "misspelled command: usage error" 2 migc stauts
expect_eq "misspelled command: did you mean" "migc: unknown command 'stauts'
hint: did you mean migc status?
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "nothing close: no hint" 2 migc --frobnicate up
expect_eq "nothing close: no hint" "migc: unknown option '--frobnicate'
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "a flag given a value" 2 migc up --dry-run=yes
expect_eq "a flag given a value: says so" "migc: option '--dry-run' takes no value
Try 'migc --help' for more information." "$TAP_OUT"
expect_status "migc help" 0 migc help
expect_eq "migc help is migc --help" "$(migc --help)" "$TAP_OUT"
expect_status "migc help up" 0 migc help up
expect_eq "migc help up is migc up --help" "$(migc up --help)" "$TAP_OUT"
expect_status "migc help help" 0 migc help help
expect_contains "migc help help" "usage: migc help [COMMAND]" "$TAP_OUT"
expect_status "migc help stauts" 2 migc help stauts
expect_contains "migc help stauts: did you mean" "hint: did you mean migc status?" "$TAP_OUT"

# --- database URLs ----------------------------------------------------------------
P=$SCRATCH/proj
mkdir -p "$P/migrations"
cd "$P"
echo 'create table t (id integer primary key);' >migrations/0001_t.mig
for cmd in status up down; do
	expect_status "$cmd --db without a scheme: usage error" 2 migc "$cmd" --db db.sqlite3
	expect_eq "$cmd --db without a scheme: names sqlite:PATH" "migc: --db 'db.sqlite3' is not a database URL
hint: an SQLite file is sqlite:PATH (sqlite:db.sqlite3); PostgreSQL is postgres://USER@HOST/DB or 'host=... dbname=...'; MySQL is mysql://USER@HOST/DB
Try 'migc --help' for more information." "$TAP_OUT"
done
DATABASE_URL=app.db expect_status "DATABASE_URL without a scheme: usage error" 2 migc status
expect_contains "DATABASE_URL: named" "migc: DATABASE_URL 'app.db' is not a database URL" "$TAP_OUT"
expect_status "a connection string is a database target" 1 migc status --db "host=$SCRATCH/nosock dbname=x"
expect_contains "a connection string: libpq's error" "cannot connect to" "$TAP_OUT"
for cmd in status down redo; do
	expect_status "$cmd --db sqlite:typo.db: error" 1 migc "$cmd" --db sqlite:typo.db
	expect_eq "$cmd --db sqlite:typo.db: the file does not exist" "migc: error: sqlite:typo.db: the database file typo.db does not exist (in $P)
hint: check --db (or DATABASE_URL); only \`migc up\` creates a database file" "$TAP_OUT"
done
expect_eq "nothing created" "" "$(ls "$P" | grep -v migrations || true)"
expect_ok "up creates the file" migc up -q --db sqlite:typo.db
expect_ok "then status reads it" migc status --db sqlite:typo.db

# --- check: history order, --strict, --since ---------------------------------------
C=$SCRATCH/checks
mkdir -p "$C/migrations"
cd "$C"
cat >migrations/0001_users.mig <<'EOF'
create table users (id integer primary key, bio text);
EOF
cat >migrations/0002_drop_bio.mig <<'EOF'
drop column users.bio;
EOF
cat >migrations/0003_loc.mig <<'EOF'
add column users.loc point;
EOF
cat >migrations/0004_purge.mig <<'EOF'
up {
    sql 'delete from users';
}
down { irreversible; }
EOF
expect_status "check: warnings only" 0 migc check
expect_eq "check: warnings in history order" "migrations/0001_users.mig:1:24: warning: primary key column id is integer: a 32-bit key runs out at 2,147,483,647, and widening it later rewrites the table [prefer-bigint-over-int]
migrations/0002_drop_bio.mig:1:1: warning: dropping column users.bio breaks clients still running the previous code (they still read or write it) [ban-drop-column]
migrations/0002_drop_bio.mig:1:1: warning: lossy migration: the down cannot bring back the values of column users.bio
migrations/0003_loc.mig:1:22: warning: type \"point\" is not portable
migrations/0004_purge.mig:4:8: warning: irreversible migration: migc down stops at it" \
	"$(migc check 2>&1 >/dev/null | grep ': warning: ')"
expect_status "check --strict: lossy and irreversible are errors" 1 migc check --strict
expect_eq "check --strict: both" "migrations/0002_drop_bio.mig:1:1: error: lossy migration: the down cannot bring back the values of column users.bio
migrations/0004_purge.mig:4:8: error: irreversible migration: migc down stops at it" \
	"$(printf '%s\n' "$TAP_OUT" | grep ': error: ')"
expect_status "check --strict --since 0002: the irreversible one" 1 migc check --strict --since 0002
expect_eq "check --since 0002: only newer migrations" "migrations/0003_loc.mig:1:22: warning: type \"point\" is not portable
migrations/0004_purge.mig:4:8: error: irreversible migration: migc down stops at it" \
	"$(printf '%s\n' "$TAP_OUT" | grep -E ': (error|warning): ')"
expect_status "check --strict --since 0004: nothing newer" 0 migc check --strict --since 0004
expect_eq "check --since 0004: no diagnostics" "" "$(printf '%s\n' "$TAP_OUT" | grep -E ': (error|warning): ' || true)"
expect_contains "check --since: every migration still listed" "4 migrations: 2 reversible, 1 lossy, 1 irreversible" "$TAP_OUT"
echo 'add column users.age integer;' >migrations/0005_age.mig
echo 'add column nope.x integer;' >migrations/0006_bad.mig
expect_status "check --since: errors of older migrations still count" 1 migc check --since 0006
rm migrations/0006_bad.mig
expect_status "check --since naming no migration" 2 migc check --since 0009
expect_eq "check --since naming no migration: says so" "migc: error: --since 0009: no migration of migrations has that version" "$TAP_OUT"
expect_status "--since is check's" 2 migc compile --since 0001

# --- sql without down: one rule everywhere ------------------------------------------
S=$SCRATCH/sqlrule
mkdir -p "$S/migrations"
cd "$S"
echo 'create table t (id integer primary key);' >migrations/0001_t.mig
migc up -q
echo "sql 'insert into t (id) values (1)';" >migrations/0002_fill.mig
err="migrations/0002_fill.mig:1:1: error: the down migration cannot be derived: sql without down
    sql 'insert into t (id) values (1)';
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: give it a down part (sql '...' down '...'), or write the migration as up { ... } down { ... }, or as up { ... } down { irreversible; }"
for cmd in check "check --strict" compile up down redo status; do
	# shellcheck disable=SC2086 # cmd holds options
	expect_status "sql without down: $cmd refuses" 1 migc $cmd
	expect_contains "sql without down: $cmd says why" "$err" "$TAP_OUT"
done
expect_eq "sql without down: up applied nothing" "0001" "$(sqlite3 db.sqlite3 'select version from migc_migrations')"
expect_eq "sql without down: no row" "0" "$(sqlite3 db.sqlite3 'select count(*) from t')"
printf "up {\n    sql 'insert into t (id) values (1)';\n}\ndown { irreversible; }\n" >migrations/0002_fill.mig
expect_status "declared irreversible: check passes" 0 migc check
expect_status "declared irreversible: check --strict refuses" 1 migc check --strict
expect_status "declared irreversible: up applies" 0 migc up -q
expect_status "declared irreversible: down stops at it" 1 migc down

# --- what --help promises, the program does -------------------------------------
expect_contains "redo --help: --dry-run" "[--dry-run]" "$(migc redo --help)"
expect_contains "compile --help: versions" "[FILE | VERSION...]" "$(migc compile --help)"
cd "$SCRATCH/proj"
before=$(sqlite3 typo.db 'select version from migc_migrations')
expect_status "redo --dry-run" 0 migc redo --dry-run --db sqlite:typo.db
expect_contains "redo --dry-run: prints the down" 'DROP TABLE "t";' "$TAP_OUT"
expect_eq "redo --dry-run: changes nothing" "$before" "$(sqlite3 typo.db 'select version from migc_migrations')"
expect_status "compile VERSION" 0 migc compile 0001
expect_contains "compile VERSION: that migration" "-- 0001_t: up" "$TAP_OUT"

# --- migc new: names ---------------------------------------------------------------
N=$SCRATCH/names
mkdir -p "$N"
cd "$N"
for pair in AddUserBio:add_user_bio add_user_bio:add_user_bio HTTPServerLog:http_server_log \
	addV2Column:add_v2_column; do
	expect_status "new ${pair%%:*}" 0 migc new "${pair%%:*}"
	case $TAP_OUT in
	migrations/[0-9]*_"${pair#*:}".mig) ok "new ${pair%%:*}: ..._${pair#*:}.mig" ;;
	*) fail "new ${pair%%:*}: ..._${pair#*:}.mig" "$TAP_OUT" ;;
	esac
done
expect_status "new Bad-Name: usage error" 2 migc new Bad-Name
expect_contains "new Bad-Name: says why" "invalid migration name 'Bad-Name'" "$TAP_OUT"

# --- control bytes in file names are shown escaped --------------------------------
E=$SCRATCH/esc
mkdir -p "$E/migrations"
cd "$E"
esc=$(printf '\033')
printf 'create table t (id integer);\n' >"migrations/0001_a${esc}[31mred.mig"
printf 'create table u (id integer);\n' >"migrations/0002_b
x.mig"
expect_status "ESC and newline in file names: an error" 1 migc check
case $TAP_OUT in
*"$esc"*) fail "ESC in a file name is not printed raw" "$TAP_OUT" ;;
*) ok "ESC in a file name is not printed raw" ;;
esac
expect_contains "ESC in a file name is shown as \\x1b" 'migrations/0001_a\x1b[31mred.mig: ' "$TAP_OUT"
expect_contains "a newline in a file name is shown as \\x0a" 'migrations/0002_b\x0ax.mig: ' "$TAP_OUT"
printf 'create table v (id intger);\n' >"$E/bad${esc}name.mig"
expect_status "check FILE with ESC in its name" 1 migc check --dir "$E/none" "$E/bad${esc}name.mig"
printf 'create table v (id intger);\n' >"$E/migrations/0003_v.mig"
rm -f "$E/migrations/0001_a${esc}[31mred.mig" "$E/migrations/0002_b
x.mig"
mv "$E/migrations" "$E/mig${esc}rations"
expect_status "a folder with ESC in its name" 1 migc check --dir "$E/mig${esc}rations"
expect_contains "the folder is shown escaped in a diagnostic" 'mig\x1brations/0003_v.mig:1:' "$TAP_OUT"

summary
