#!/usr/bin/env bash
# tests/t_introspect_mysql.sh: migc introspect on MariaDB (the throwaway
# server of tests/lib/mariadb.sh), as tests/t_introspect.sh does on
# PostgreSQL and SQLite.
#
# For every case of tests/cases and the examples that compiles for mysql,
# migration by migration: apply it with migc up, introspect the database,
# compile the introspected text, and require its `migc schema --dialect
# mysql` to equal the history's.  Both go through tests/lib/schema_norm.py
# (the order of constraints, indexes and tables; the spelling of
# expressions) with the normalizations of MySQL that docs/INTROSPECT.md
# lists (--mysql).  Views come back in the language with MySQL's own
# text of the query, compared by name; triggers in the language too.
#
# Then a database built by hand-written SQL (tests/introspect/
# handmade_mysql.sql) is introspected (the exact text is compared with
# handmade_mysql.mig), baselined, and migrated further; and migc diff
# reports changes made by hand with the statement that undoes them.  After
# each migration of each case, `migc status --drift` finds no drift (what
# up checks before it applies the next one), and neither does `migc diff`
# (but the table sql_dialects makes with raw sql).
set -u
export LC_ALL=C NO_COLOR=1
unset DATABASE_URL MIGC_DIR
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
. tests/lib/mariadb.sh
MIGC=${MIGC:-./migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
ROOT=$PWD
SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"
at_exit rm -rf "$SCRATCH"
at_exit mdb_stop
if ! mdb_start; then
	fail "throwaway MariaDB starts"
	summary
	exit 1
fi
murl() { printf 'mysql://root@/%s?socket=%s' "$1" "$MDB_SOCKET"; }

migc() { "$MIGC" "$@"; }

mkdir "$SCRATCH/cmp"
NCMP=0
LABELS=()
EXPECTED=()
AS_SQL=()
NSQL_EXTRA=()
# The history's lines of what comes out as sql (docs/INTROSPECT.md): a
# The history's lines of what comes out as sql (docs/INTROSPECT.md):
# none (an index with a prefix is counted in NSQL_EXTRA).
AS_SQL_LINE='^> CREATE .*VIEW .* WITH .*CHECK OPTION'
compare_all() {
	local i args=() d missing
	for ((i = 0; i < NCMP; i++)); do
		args+=("$SCRATCH/cmp/$i.a" "$SCRATCH/cmp/$i.an" "$SCRATCH/cmp/$i.b" "$SCRATCH/cmp/$i.bn")
	done
	[ "$NCMP" -gt 0 ] && python3 "$ROOT/tests/lib/schema_norm.py" --mysql "${args[@]}"
	for ((i = 0; i < NCMP; i++)); do
		d=$(diff "$SCRATCH/cmp/$i.an" "$SCRATCH/cmp/$i.bn")
		if [ -n "${AS_SQL[$i]:-}" ]; then
			# What the history has and the model of the text lacks:
			# as many as the text has sql ones.
			missing=$(printf '%s\n' "$d" | grep -c -E "$AS_SQL_LINE" || true)
			expect_eq "${LABELS[$i]}: only what the language cannot write is there as sql" \
				"$((missing + ${NSQL_EXTRA[$i]:-0}))" "$(cat "$SCRATCH/cmp/$i.nsql")"
			d=$(printf '%s\n' "$d" | grep -v -E "$AS_SQL_LINE|^[0-9,]+[acd][0-9,]+\$" || true)
		fi
		expect_eq "${LABELS[$i]}: introspected model = migc schema" "${EXPECTED[$i]}" "$d"
	done
}

# same_model LABEL URL HISTORY EXPECTED
same_model() {
	local label=$1 url=$2 hist=$3 expected=$4
	rm -rf "$SCRATCH/i"
	mkdir "$SCRATCH/i"
	if ! migc introspect --db "$url" >"$SCRATCH/i/0001_introspected.mig" 2>"$SCRATCH/err"; then
		fail "$label: introspect" "$(cat "$SCRATCH/err")"
		return
	fi
	if grep -qv '^--' "$SCRATCH/i/0001_introspected.mig"; then
		if ! migc schema --dialect mysql --dir "$SCRATCH/i" >"$SCRATCH/ischema" 2>"$SCRATCH/err"; then
			fail "$label: the introspected text compiles" \
				"$(cat "$SCRATCH/err" "$SCRATCH/i/0001_introspected.mig")"
			return
		fi
	else
		: >"$SCRATCH/ischema"
	fi
	cp "$SCRATCH/ischema" "$SCRATCH/cmp/$NCMP.a"
	migc schema --dialect mysql --dir "$hist" >"$SCRATCH/cmp/$NCMP.b"
	grep -c -E "^sql 'CREATE .*(INDEX|VIEW|TRIGGER)" "$SCRATCH/i/0001_introspected.mig" \
		>"$SCRATCH/cmp/$NCMP.nsql" || true
	LABELS[NCMP]=$label
	EXPECTED[NCMP]=$expected
	NCMP=$((NCMP + 1))
}

# The cases that do not compile for mysql at all (t_mysql_roundtrip.sh
# checks the errors), and where a case stops: its next migration is
# refused for mysql, or runs PostgreSQL's raw sql.
NOT_MYSQL=" matviews routines_pg schemas triggers "
declare -A STOP_AT=([alter_type_using]=0002 [casts_using]=0002
	[index_expressions]=0002 [index_pg_options]=0002)

n=0
for dir in examples/migrations tests/cases/*; do
	name=$(basename "$dir")
	[ "$dir" = examples/migrations ] && name=examples
	case $NOT_MYSQL in *" $name "*) continue ;; esac
	n=$((n + 1))
	db=i_$n
	mdb_createdb "$db"
	url=$(murl "$db")
	hist=$SCRATCH/h/$name
	mkdir -p "$hist"
	for f in "$dir"/*.mig; do
		v=$(basename "$f" | sed 's/_.*//')
		[ "${STOP_AT[$name]:-}" = "$v" ] && break
		cp "$f" "$hist/"
		if ! migc up -q --dir "$hist" --db "$url" 2>"$SCRATCH/err"; then
			fail "mysql $name $v: up" "$(cat "$SCRATCH/err")"
			break
		fi
		# What up checks before the next one: no drift.
		expect_eq "mysql $name $v: status --drift: none" "drift: none" \
			"$(migc status --drift --dir "$hist" --db "$url" 2>&1 | sed -n 's/^\(drift: none\);.*/\1/p; /^drift: [^n]/p')"
		extra=
		same_model "mysql $name $v" "$url" "$hist" "$extra"
		AS_SQL[NCMP - 1]=1
		napplied=$(find "$hist" -name '*.mig' | wc -l)
		nodrift="-- no drift: the database matches the $napplied applied migration"
		[ "$napplied" -gt 1 ] && nodrift=${nodrift}s
		if [ "$name" = sql_dialects ] && [ "$v" -ge 3 ]; then
			# Raw sql the model cannot see: a table, and a prefix index
			# (which comes out as sql).
			EXPECTED[NCMP - 1]=$(printf '%s\n' '< TABLE `audit_log`' '<     `id` int' '<     `note` varchar(20)')
			NSQL_EXTRA[NCMP - 1]=1
			nodrift="-- drift: the database differs from the $napplied applied migrations; these statements bring it back to them:
-- table audit_log is in the database, not in the migrations
drop table audit_log;"
		fi
		# diff shows everything: nothing but what raw sql made.
		expect_eq "mysql $name $v: diff: no drift" "$nodrift" \
			"$(migc diff --dir "$hist" --db "$url" 2>&1)"
	done
done

# ---- a database written by hand: introspect, baseline, up, down ----

mdb_createdb hand
mdb_sql hand <tests/introspect/handmade_mysql.sql
url=$(murl hand)
P=$SCRATCH/hand
mkdir -p "$P"
cd "$P"
out=$(migc introspect --db "$url")
expect_eq "handmade: introspect prints tests/introspect/handmade_mysql.mig" \
	"$(cat "$ROOT/tests/introspect/handmade_mysql.mig")" "$out"
expect_eq "handmade: the same through a mariadb:// URL" \
	"$out" "$(migc introspect --db "mariadb${url#mysql}")"
out=$(migc baseline --db "$url" --dry-run 2>&1)
expect_contains "handmade: baseline --dry-run shows the file" \
	"create table organizations (" "$out"
expect_contains "handmade: baseline --dry-run says what it would do" \
	"would mark applied" "$out"
out=$(migc baseline --db "$url" initial 2>&1)
file=$(ls migrations)
v=${file%%_*}
expect_eq "handmade: baseline reports what it did" \
	"wrote migrations/$file"$'\n'"marked applied $v initial (its SQL did not run)" "$out"
expect_eq "handmade: the file is the introspected text" \
	"$(cat "$ROOT/tests/introspect/handmade_mysql.mig")" "$(cat "migrations/$file")"
expect_contains "handmade: status shows the baseline applied" \
	"1 migration: 1 applied" "$(migc status --db "$url")"
expect_ok "handmade: diff finds no drift after the baseline" migc diff --db "$url"
# The baseline builds the database elsewhere: its routines, views and
# triggers in an order that builds.
mdb_createdb hand_again
expect_ok "handmade: the baseline applies on an empty database" \
	migc up -q --db "$(murl hand_again)"
objects() {
	mdb_sql -N "$1" -e "SELECT group_concat(name ORDER BY name) FROM (SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '$1' AND table_name NOT LIKE 'migc%' UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema = '$1' UNION ALL SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = '$1') o"
}
expect_eq "handmade: the same tables, views, routines and triggers there" \
	"$(objects hand)" "$(objects hand_again)"
expect_eq "handmade: the routines, views and triggers introspect the same" \
	"$(grep -v '^ ' "$ROOT/tests/introspect/handmade_mysql.mig" | grep -E '^(sql|create (view|function|trigger)|-- (function|procedure))')" \
	"$(migc introspect --db "$(murl hand_again)" | grep -v '^ ' | grep -E '^(sql|create (view|function|trigger)|-- (function|procedure))')"
cat >migrations/29990101000000_more.mig <<'MIG'
add column teams.nickname varchar(30);
create index on memberships (role);
add constraint teams.teams_name_key unique (name);
MIG
expect_ok "handmade: migc up builds on the baseline" migc up -q --db "$url"
expect_eq "handmade: the new column, index and unique key are there" \
	"memberships_role_idx
teams_name_key
nickname" "$(mdb_sql -N hand -e "SELECT index_name FROM information_schema.statistics WHERE table_schema = 'hand' AND index_name IN ('memberships_role_idx', 'teams_name_key') ORDER BY 1; SELECT column_name FROM information_schema.columns WHERE table_schema = 'hand' AND column_name = 'nickname'")"
same_model "handmade after up" "$url" migrations ""
expect_ok "handmade: diff finds no drift after up" migc diff --db "$url"
expect_ok "handmade: migc down undoes it" migc down -q --db "$url"
expect_contains "handmade: status after down" \
	"2 migrations: 1 applied, 1 pending" "$(migc status --db "$url")"
expect_eq "handmade after down: nickname gone" "0" \
	"$(mdb_sql -N hand -e "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'hand' AND column_name = 'nickname'")"
expect_eq "handmade: introspect leaves the ledger out" "" \
	"$(migc introspect --db "$url" | grep migc_migrations)"
cd "$ROOT"

# ---- drift: changes made by hand, reported with what undoes them ----

P=$SCRATCH/drift
mkdir -p "$P/migrations"
cd "$P"
cat >migrations/0001_users.mig <<'MIG'
create table users (id serial primary key, email varchar(200) not null unique, name varchar(100));
create index users_name_idx on users (name);
MIG
cat >migrations/0002_posts.mig <<'MIG'
create table posts (id serial primary key, user_id integer not null references users (id),
    title varchar(200), price numeric(10,2) not null default 0,
    constraint posts_title_check check (length(title) > 0));
create function posts_lower() returns trigger language plpgsql as
    $$begin new.title := lower(new.title); return new; end$$
    mysql $$set new.title = lower(new.title)$$;
create trigger posts_lower before insert on posts for each row execute function posts_lower();
MIG
mdb_createdb drift
url=$(murl drift)
expect_ok "drift: up" migc --db "$url" up -q
expect_ok "drift: diff: no drift" migc --db "$url" diff
expect_eq "drift: diff says so" "-- no drift: the database matches the 2 applied migrations" "$TAP_OUT"
# drift NAME SQL STATEMENT: SQL made by hand is reported by diff with
# STATEMENT (exit 1); once $hand_back undoes it, no drift.
drift() {
	mdb_sql drift -e "$2"
	expect_status "drift: $1: diff exits 1" 1 migc --db "$url" diff
	expect_contains "drift: $1: the statement that undoes it" "$3" "$TAP_OUT"
	mdb_sql drift -e "$hand_back"
	expect_ok "drift: $1: undone by hand, no drift" migc --db "$url" diff
}
hand_back="ALTER TABLE users DROP COLUMN nick"
drift "column added" "ALTER TABLE users ADD COLUMN nick varchar(20)" \
	"-- column users.nick is in the database, not in the migrations
drop column users.nick;"
hand_back="CREATE INDEX users_name_idx ON users (name)"
drift "index dropped" "DROP INDEX users_name_idx ON users" \
	"-- index users_name_idx of table users is in the migrations, not in the database
create index users_name_idx on users (name);"
hand_back="ALTER TABLE users MODIFY COLUMN email varchar(200) NOT NULL"
drift "type changed" "ALTER TABLE users MODIFY COLUMN email varchar(300) NOT NULL" \
	"-- column users.email is varchar(300) in the database
alter column users.email type varchar(200);"
# Triggers keep their body inline there: one dropped, added, or whose
# body was changed by hand.
hand_back="CREATE TRIGGER posts_lower BEFORE INSERT ON posts FOR EACH ROW set new.title = lower(new.title)"
drift "trigger dropped" "DROP TRIGGER posts_lower" \
	"-- trigger posts.posts_lower is in the migrations, not in the database
create trigger posts_lower before insert on posts for each row execute function posts_lower();"
hand_back="DROP TRIGGER posts_upper"
drift "trigger added" "CREATE TRIGGER posts_upper BEFORE UPDATE ON posts FOR EACH ROW set new.title = upper(new.title)" \
	"-- trigger posts.posts_upper is in the database, not in the migrations
drop trigger posts.posts_upper;"
hand_back="DROP TRIGGER posts_lower; CREATE TRIGGER posts_lower BEFORE INSERT ON posts FOR EACH ROW set new.title = lower(new.title)"
drift "trigger's body changed" "DROP TRIGGER posts_lower; CREATE TRIGGER posts_lower BEFORE INSERT ON posts FOR EACH ROW set new.title = upper(new.title)" \
	"-- trigger posts.posts_lower differs: as the migrations has it
drop trigger posts.posts_lower;
-- trigger posts.posts_lower differs: as the migrations has it
create trigger posts_lower before insert on posts for each row execute function posts_lower();"
cd "$ROOT"

# ---- what MySQL stores alike is no drift ----
# A unique index is a unique key there, as a unique constraint is; every
# primary key is named PRIMARY; RESTRICT reads back as no action.
P=$SCRATCH/stored
mkdir -p "$P/migrations"
cd "$P"
cat >migrations/0001_shop.mig <<'MIG'
create table shops (code varchar(20) not null, name varchar(100) not null,
    constraint shops_code_pk primary key (code));
create unique index shops_name_uq on shops (name);
create table items (id serial primary key, shop varchar(20) not null
    references shops (code) on delete restrict on update restrict);
MIG
mdb_createdb stored
url=$(murl stored)
expect_ok "stored alike: up" migc --db "$url" up -q
expect_ok "stored alike: diff finds no drift" migc --db "$url" diff
expect_eq "stored alike: diff says so" "-- no drift: the database matches the 1 applied migration" "$TAP_OUT"
# The unique key is still compared: dropped by hand, it is drift.
mdb_sql stored -e "ALTER TABLE shops DROP INDEX shops_name_uq"
expect_status "stored alike: a unique key dropped by hand is drift" 1 migc --db "$url" diff
expect_contains "stored alike: ... with the statement that undoes it" "create unique index shops_name_uq on shops (name);" "$TAP_OUT"
cd "$ROOT"

compare_all

summary
