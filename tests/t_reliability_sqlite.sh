#!/usr/bin/env bash
# tests/t_reliability_sqlite.sh: the runtime on SQLite under races and
# after crashes: a `down` concurrent with an `up`, two concurrent `down`s
# (each decides what to roll back under the write lock), and a hot
# journal left by a write that did not finish.  The races run 20 rounds.
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
ROUNDS=${ROUNDS:-20}

migc() { "$MIGC" "$@"; }
q() { sqlite3 -batch "$1" "$2"; }

# 0001 makes t1 with a row; 0002 is slow (a second or so of SQLite work
# inside its transaction) and makes t2.
P=$SCRATCH/race
mkdir -p "$P/migrations"
cd "$P"
cat >migrations/0001_t1.mig <<'EOF'
create table t1 (id integer primary key);
sql $$insert into t1 values (1)$$ down $$delete from t1$$;
EOF
cat >migrations/0002_slow.mig <<'EOF'
create table t2 (n integer);
sql $$insert into t2 select count(*) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) select x from c)$$
    down $$delete from t2$$;
EOF
migc check >/dev/null

# ---- down concurrent with up ----
bad=""
for r in $(seq "$ROUNDS"); do
	db=$SCRATCH/du$r.db
	migc up --db "sqlite:$db" --to 0001 >/dev/null
	migc up --db "sqlite:$db" >"$SCRATCH/up.out" 2>&1 &
	upid=$!
	# down starts while up holds the write lock with 0002 under way
	sleep 0.3
	st=0
	migc down --db "sqlite:$db" >"$SCRATCH/down.out" 2>&1 || st=$?
	wait "$upid" || st=$?
	ledger=$(q "$db" "select group_concat(version, ',') from (select version from migc_migrations order by version)")
	tables=$(q "$db" "select group_concat(name, ',') from (select name from sqlite_master where type = 'table' and name like 't_' order by name)")
	down=$(sed 's/ ([0-9.]* ms)$//' "$SCRATCH/down.out")
	# up applied 0002, and down, deciding under the lock, rolled back
	# the newest: 0002.  0001 and its row stay.
	if [ $st -ne 0 ] || [ "$ledger" != 0001 ] || [ "$tables" != t1 ] ||
		[ "$(q "$db" 'select count(*) from t1')" != 1 ] ||
		[ "$down" != "down 0002 slow" ]; then
		bad="round $r: status $st, ledger '$ledger', tables '$tables', down: $down $(cat "$SCRATCH/up.out")"
		break
	fi
done
expect_eq "down during up rolls back the newest under the lock ($ROUNDS rounds)" "" "$bad"

# ---- two concurrent downs ----
bad=""
for r in $(seq "$ROUNDS"); do
	db=$SCRATCH/dd$r.db
	migc up --db "sqlite:$db" >/dev/null
	migc down --db "sqlite:$db" >"$SCRATCH/d1.out" 2>&1 &
	d1=$!
	migc down --db "sqlite:$db" >"$SCRATCH/d2.out" 2>&1 &
	d2=$!
	st=0
	wait "$d1" || st=$?
	wait "$d2" || st=$?
	both=$(cat "$SCRATCH/d1.out" "$SCRATCH/d2.out" | sed 's/ ([0-9.]* ms)$//' | sort | tr '\n' ';')
	ledger=$(q "$db" "select count(*) from migc_migrations")
	tables=$(q "$db" "select count(*) from sqlite_master where type = 'table' and name like 't_'")
	if [ $st -ne 0 ] || [ "$both" != "down 0001 t1;down 0002 slow;" ] ||
		[ "$ledger" != 0 ] || [ "$tables" != 0 ]; then
		bad="round $r: status $st, said '$both', ledger rows $ledger, tables $tables"
		break
	fi
done
expect_eq "two concurrent downs each roll back one, and say which ($ROUNDS rounds)" "" "$bad"

# ---- a hot journal ----
# A writer that dies inside its transaction after SQLite has written
# pages to the file leaves a hot journal; a reader must roll it back.
db=$SCRATCH/hot.db
migc up --db "sqlite:$db" --to 0001 >/dev/null
python3 - "$db" <<'EOF'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("pragma cache_size = 1")
c.execute("begin")
c.execute("create table junk (b blob)")
c.execute("insert into junk select randomblob(4000) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 500) select x from c)")
os._exit(0)
EOF
expect_eq "the dead writer left a hot journal" yes \
	"$([ -s "$db-journal" ] && echo yes || echo no)"
expect_ok "status reads a database with a hot journal" migc status --db "sqlite:$db"
expect_contains "status: 0001 applied" "0001     t1    applied" "$TAP_OUT"
expect_contains "status: 0002 pending" "0002     slow  pending" "$TAP_OUT"
expect_eq "the unfinished write was rolled back" "" \
	"$(q "$db" "select name from sqlite_master where name = 'junk'")"
expect_ok "up --dry-run after a hot journal" migc up --dry-run --db "sqlite:$db"
expect_contains "up --dry-run: prints 0002" "-- up 0002 slow" "$TAP_OUT"
expect_ok "down --dry-run after a hot journal" migc down --dry-run --db "sqlite:$db"
expect_contains "down --dry-run: prints 0001's down" "delete from t1" "$TAP_OUT"

# The same where the file cannot be written: the error says what to run.
if [ "$(id -u)" != 0 ]; then
	db=$SCRATCH/hotro/hot.db
	mkdir -p "$SCRATCH/hotro"
	migc up --db "sqlite:$db" --to 0001 >/dev/null
	python3 - "$db" <<'EOF'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("pragma cache_size = 1")
c.execute("begin")
c.execute("create table junk (b blob)")
c.execute("insert into junk select randomblob(4000) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 500) select x from c)")
os._exit(0)
EOF
	chmod 555 "$SCRATCH/hotro"
	chmod 444 "$db"
	expect_status "status on a read-only file with a hot journal: exit 1" 1 migc status --db "sqlite:$db"
	expect_contains "says what to run" "run: sqlite3 '$db' 'PRAGMA quick_check'" "$TAP_OUT"
	chmod 755 "$SCRATCH/hotro"
	chmod 644 "$db"
fi

# ---- a sql body of several commands without a transaction ----
P=$SCRATCH/notx
mkdir -p "$P/migrations"
cd "$P"
cat >migrations/0001_t.mig <<'EOF'
create table t (a integer);
EOF
cat >migrations/0002_fill.mig <<'EOF'
no transaction;
sql $$insert into t values (1); insert into nope values (2)$$ down $$delete from t$$;
EOF
db=$SCRATCH/notx.db
expect_status "a failure in the second command of a body" 1 migc up --db "sqlite:$db"
expect_contains "the note names the command that took effect" "note: ran without a transaction; this 1 statement took effect before the failure and was not undone:
    insert into t values (1);" "$TAP_OUT"
expect_eq "it did, and the migration is not recorded" "1|0001" \
	"$(q "$db" "select (select count(*) from t), (select group_concat(version) from migc_migrations)")"
expect_status "status after the failure" 0 migc status --db "sqlite:$db"
expect_contains "status shows it partial" "0002     fill  partial: 1 of 2" "$TAP_OUT"

# ---- without a transaction, the ledger write fails after every statement ran ----
P=$SCRATCH/notxledger
mkdir -p "$P/migrations"
cd "$P"
cat >migrations/0001_t.mig <<'EOF'
create table t (a integer);
EOF
cat >migrations/0002_break.mig <<'EOF'
no transaction;
sql $$create table x (id integer)$$ down $$drop table x$$;
sql $$alter table migc_migrations rename to gone$$ down $$select 1$$;
EOF
db=$SCRATCH/notxledger.db
expect_status "the ledger write fails after a no-transaction migration ran" 1 migc up --db "sqlite:$db"
expect_contains "the note says both statements took effect" "note: ran without a transaction; these 2 statements took effect before the failure and were not undone:
    create table x (id integer);
    alter table migc_migrations rename to gone;" "$TAP_OUT"
case $TAP_OUT in
*"nothing of it was recorded"*) fail "the note does not claim a rollback that did not happen" "$TAP_OUT" ;;
*) ok "the note does not claim a rollback that did not happen" ;;
esac
expect_eq "both took effect" "x" "$(q "$db" "select name from sqlite_master where name = 'x'")"

summary
