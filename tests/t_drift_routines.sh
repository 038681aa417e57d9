#!/usr/bin/env bash
# tests/t_drift_routines.sh: functions, procedures and triggers read back
# in the language, and their drift.  A history with functions, a procedure
# and triggers (a when, an update of) shows no drift after `up` and
# passes `verify`.  Made by hand, each of these is reported by `migc diff`
# with the exact statements that undo it, exit status 1: a function's or a
# procedure's body changed, a function dropped, a function's return type
# changed (a drop and a create: create or replace cannot change it), a
# trigger dropped, added, or changed (its when, its update of columns, for
# each row; on SQLite its body).  A function whose arguments' types have
# arguments of their own (varchar(20)), which PostgreSQL does not keep, is
# no drift.  On the throwaway PostgreSQL and real SQLite files.
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
if ! pg_start >/dev/null; then
	fail "throwaway PostgreSQL starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }

# sql ENGINE DB SQL: run SQL by hand on the database.
sql() {
	case $1 in
	sqlite) sqlite3 -batch "$2" "$3" ;;
	postgres) pg_psql -d "$2" -q -c "$3" ;;
	esac
}

project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_tables.mig <<'EOF'
create table accounts (
    id integer primary key,
    balance numeric(12,2) not null default 0,
    updated_at timestamp
);
create table account_events (id integer primary key, account_id integer not null, kind text not null);
EOF
	cat >migrations/0002_routines.mig <<'EOF'
create function touch() returns trigger language plpgsql as
    $$begin
        new.updated_at := now();
        return new;
    end$$
    sqlite $$update accounts set updated_at = current_timestamp where id = new.id$$;
create function log_account() returns trigger language plpgsql as
    $$begin
        insert into account_events (account_id, kind) values (new.id, 'made');
        return null;
    end$$
    sqlite $$insert into account_events (account_id, kind) values (new.id, 'made')$$;
create trigger accounts_touch after update of balance on accounts
    for each row when (new.balance > 0) execute function touch();
create trigger accounts_log after insert on accounts for each row
    execute function log_account();
EOF
	if [ "$1" = postgres ]; then
		cat >migrations/0003_pg.mig <<'EOF'
create function add(a integer, b integer) returns integer language sql as
    $$select a + b$$;
create function label(v varchar, n double precision) returns text language plpgsql as
    $$begin return v || n::text; end$$;
create function pad(v varchar(20), n numeric(4, 0)) returns varchar(40) language sql as
    $$select lpad(v, n::integer)$$;
create procedure reset_balances(to_value numeric) language sql as
    $$update accounts set balance = to_value$$;
create trigger accounts_stamp before insert or update on accounts
    for each row execute function touch();
EOF
	fi
}

# drift ENGINE DB URL NAME SQL OUTPUT: SQL made by hand is reported by
# diff with exactly OUTPUT (exit 1); once $hand_back undoes it, no drift.
drift() {
	local e=$1 db=$2 url=$3 name=$4 hand=$5 want=$6
	sql "$e" "$db" "$hand"
	expect_status "$e: $name: diff exits 1" 1 migc --db "$url" diff
	expect_eq "$e: $name: the statements that undo it" "$want" "$TAP_OUT"
	sql "$e" "$db" "$hand_back"
	expect_ok "$e: $name: undone by hand, no drift" migc --db "$url" diff
}

run() {
	local e=$1 url db
	project "$e"
	case $e in
	sqlite) db=$P/app.db url=sqlite:$P/app.db ;;
	postgres) pg_createdb app_db; db=app_db url=$(pg_url app_db) ;;
	esac
	expect_ok "$e: up" migc --db "$url" up -q
	expect_ok "$e: diff: no drift" migc --db "$url" diff
	expect_eq "$e: diff says so" \
		"-- no drift: the database matches the $(ls migrations | wc -l) applied migrations" "$TAP_OUT"
	local on=
	if [ "$e" = postgres ]; then on=" ON accounts"; fi
	local head="-- drift: the database differs from the $(ls migrations | wc -l) applied migrations; these statements bring it back to them:"

	# A trigger dropped by hand.
	hand_back=$(case $e in
		postgres) echo "CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION log_account()" ;;
		sqlite) echo "CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW BEGIN insert into account_events (account_id, kind) values (new.id, 'made'); END" ;;
		esac)
	drift "$e" "$db" "$url" "trigger dropped" "DROP TRIGGER accounts_log$on" \
		"$head
-- trigger accounts.accounts_log is in the migrations, not in the database
create trigger accounts_log after insert on accounts for each row execute function log_account();"

	# A trigger added by hand.
	hand_back="DROP TRIGGER accounts_extra$on"
	drift "$e" "$db" "$url" "trigger added" "$(case $e in
		postgres) echo "CREATE TRIGGER accounts_extra AFTER DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION log_account()" ;;
		sqlite) echo "CREATE TRIGGER accounts_extra AFTER DELETE ON accounts FOR EACH ROW BEGIN delete from account_events where account_id = old.id; END" ;;
		esac)" \
		"$head
-- trigger accounts.accounts_extra is in the database, not in the migrations
drop trigger accounts.accounts_extra;"

	if [ "$e" = postgres ]; then
		# A function's body changed by hand.
		hand_back='CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS $$select a + b$$'
		drift "$e" "$db" "$url" "function body changed" \
			'CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS $$select a + b + 1$$' \
			"$head
-- routine add(integer, integer) has another body
create or replace function \"add\"(a integer, b integer) returns integer language \"sql\" as 'select a + b';"
		# A procedure's body changed by hand.
		hand_back='CREATE OR REPLACE PROCEDURE reset_balances(to_value numeric) LANGUAGE sql AS $$update accounts set balance = to_value$$'
		drift "$e" "$db" "$url" "procedure body changed" \
			'CREATE OR REPLACE PROCEDURE reset_balances(to_value numeric) LANGUAGE sql AS $$update accounts set balance = 0$$' \
			"$head
-- routine reset_balances(numeric) has another body
create or replace procedure reset_balances(to_value numeric) language \"sql\" as 'update accounts set balance = to_value';"
		# A function dropped by hand.
		hand_back='CREATE FUNCTION label(v varchar, n double precision) RETURNS text LANGUAGE plpgsql AS $$begin return v || n::text; end$$'
		drift "$e" "$db" "$url" "function dropped" 'DROP FUNCTION label(varchar, double precision)' \
			"$head
-- routine label(varchar, double) is in the migrations, not in the database
create function label(v varchar, n double) returns text language plpgsql as 'begin return v || n::text; end';"
		# A function's return type changed by hand: create or replace
		# cannot change it back.
		hand_back='DROP FUNCTION label(varchar, double precision); CREATE FUNCTION label(v varchar, n double precision) RETURNS text LANGUAGE plpgsql AS $$begin return v || n::text; end$$'
		drift "$e" "$db" "$url" "function's return type changed" \
			'DROP FUNCTION label(varchar, double precision); CREATE FUNCTION label(v varchar, n double precision) RETURNS varchar LANGUAGE plpgsql AS $$begin return v || n::text; end$$' \
			"$head
-- routine label(varchar, double) differs: as the migrations has it
drop function label(varchar, double);
-- routine label(varchar, double) differs: as the migrations has it
create function label(v varchar, n double) returns text language plpgsql as 'begin return v || n::text; end';"
		# A trigger's when, then its update of columns, changed by hand.
		local touch_back="DROP TRIGGER accounts_touch ON accounts; CREATE TRIGGER accounts_touch AFTER UPDATE OF balance ON accounts FOR EACH ROW WHEN (new.balance > 0) EXECUTE FUNCTION touch()"
		local touch_want="$head
-- trigger accounts.accounts_touch differs: as the migrations has it
drop trigger accounts.accounts_touch;
-- trigger accounts.accounts_touch differs: as the migrations has it
create trigger accounts_touch after update of balance on accounts for each row when (new.balance > 0) execute function touch();"
		hand_back=$touch_back
		drift "$e" "$db" "$url" "trigger's when changed" \
			"DROP TRIGGER accounts_touch ON accounts; CREATE TRIGGER accounts_touch AFTER UPDATE OF balance ON accounts FOR EACH ROW WHEN (new.balance > 10) EXECUTE FUNCTION touch()" \
			"$touch_want"
		drift "$e" "$db" "$url" "trigger's update of changed" \
			"DROP TRIGGER accounts_touch ON accounts; CREATE TRIGGER accounts_touch AFTER UPDATE OF balance, updated_at ON accounts FOR EACH ROW WHEN (new.balance > 0) EXECUTE FUNCTION touch()" \
			"$touch_want"
		drift "$e" "$db" "$url" "trigger made for each statement" \
			"DROP TRIGGER accounts_touch ON accounts; CREATE TRIGGER accounts_touch AFTER UPDATE OF balance ON accounts EXECUTE FUNCTION touch()" \
			"$touch_want"
	fi

	if [ "$e" = sqlite ]; then
		# A trigger's body, then its when, changed by hand: SQLite keeps
		# the body inline, so the trigger differs.
		local log_want="$head
-- trigger accounts.accounts_log differs: as the migrations has it
drop trigger accounts.accounts_log;
-- trigger accounts.accounts_log differs: as the migrations has it
create trigger accounts_log after insert on accounts for each row execute function log_account();"
		hand_back="DROP TRIGGER accounts_log; CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW BEGIN insert into account_events (account_id, kind) values (new.id, 'made'); END"
		drift "$e" "$db" "$url" "trigger's body changed" \
			"DROP TRIGGER accounts_log; CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW BEGIN insert into account_events (account_id, kind) values (new.id, 'born'); END" \
			"$log_want"
		hand_back="DROP TRIGGER accounts_log; CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW BEGIN insert into account_events (account_id, kind) values (new.id, 'made'); END"
		drift "$e" "$db" "$url" "trigger's when added" \
			"DROP TRIGGER accounts_log; CREATE TRIGGER accounts_log AFTER INSERT ON accounts FOR EACH ROW WHEN new.id > 1 BEGIN insert into account_events (account_id, kind) values (new.id, 'made'); END" \
			"$log_want"
	fi

	# verify proves the history on a scratch database.
	local scratch
	case $e in
	sqlite) scratch=sqlite:$P/scratch.db ;;
	postgres) pg_createdb scratch_db; scratch=$(pg_url scratch_db) ;;
	esac
	expect_ok "$e: verify passes the history" migc --db "$scratch" verify
	expect_contains "$e: verify says each is ok" \
		"migrations verified: $(ls migrations | wc -l) ok, 0 with a difference or a failure" "$TAP_OUT"
}

run postgres
run sqlite

summary
