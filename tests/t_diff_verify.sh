#!/usr/bin/env bash
# tests/t_diff_verify.sh: migc diff and migc verify on real SQLite and
# PostgreSQL databases: each kind of change made by hand (a column added,
# a type changed, an index dropped, a constraint renamed) reported with the
# statement that undoes it; verify passing a correct history and finding a
# down that fails on rows.  (That the statements of a difference turn one
# model into the other is tests/unit/test_model.c's.)
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

# A history both engines read back exactly: no serial, no boolean default.
project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_users.mig <<'EOF'
create table users (id integer primary key, email varchar(200) not null, name text);
create unique index users_email_key on users (email);
EOF
	cat >migrations/0002_posts.mig <<'EOF'
create table posts (id integer primary key, user_id integer not null references users (id), title text,
    constraint posts_title_check check (length(title) > 0));
create index posts_user_id_idx on posts (user_id);
EOF
}

# sql ENGINE DB SQL: run SQL by hand on the database.
sql() {
	case $1 in
	sqlite) sqlite3 -batch "$2" "$3" ;;
	postgres) pg_psql -d "$2" -q -c "$3" ;;
	esac
}

# drift ENGINE DB URL NAME SQL STATEMENT: SQL made by hand is reported by
# diff with STATEMENT (exit 1); once $hand_back undoes it, no drift.
drift() {
	local e=$1 db=$2 url=$3 name=$4 hand=$5 want=$6
	sql "$e" "$db" "$hand"
	expect_status "$e: $name: diff exits 1" 1 migc --db "$url" diff
	expect_contains "$e: $name: the statement that undoes it" "$want" "$TAP_OUT"
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
	expect_eq "$e: diff says so" "-- no drift: the database matches the 2 applied migrations" "$TAP_OUT"

	# A column added by hand.
	hand_back="ALTER TABLE users DROP COLUMN nick"
	drift "$e" "$db" "$url" "column added" "ALTER TABLE users ADD COLUMN nick text" \
		"-- column users.nick is in the database, not in the migrations
drop column users.nick;"
	# An index dropped by hand.
	hand_back="CREATE INDEX posts_user_id_idx ON posts (user_id)"
	drift "$e" "$db" "$url" "index dropped" "DROP INDEX posts_user_id_idx" \
		"-- index posts_user_id_idx of table posts is in the migrations, not in the database
create index posts_user_id_idx on posts (user_id);"
	if [ "$e" = postgres ]; then
		# A type changed by hand.
		hand_back="ALTER TABLE users ALTER COLUMN email TYPE varchar(200)"
		drift "$e" "$db" "$url" "type changed" \
			"ALTER TABLE users ALTER COLUMN email TYPE varchar(300)" \
			"-- column users.email is varchar(300) in the database
alter column users.email type varchar(200);"
		# A constraint renamed by hand.
		hand_back="ALTER TABLE posts RENAME CONSTRAINT posts_title_ck TO posts_title_check"
		drift "$e" "$db" "$url" "constraint renamed" \
			"ALTER TABLE posts RENAME CONSTRAINT posts_title_check TO posts_title_ck" \
			"-- constraint posts_title_ck of table posts is named posts_title_check in the migrations
rename constraint posts.posts_title_ck to posts_title_check;"
	fi
	# Only the applied migrations are the model.
	cat >migrations/0003_tags.mig <<'EOF'
create table tags (name text primary key);
EOF
	expect_ok "$e: a pending migration is no drift" migc --db "$url" diff
	rm migrations/0003_tags.mig

	# verify: a correct history passes, with and without rows.
	local scratch scratch2
	case $e in
	sqlite) scratch=sqlite:$P/scratch.db scratch2=sqlite:$P/scratch2.db ;;
	postgres)
		pg_createdb scratch_db
		pg_createdb scratch2_db
		scratch=$(pg_url scratch_db) scratch2=$(pg_url scratch2_db)
		;;
	esac
	expect_ok "$e: verify passes a correct history" migc --db "$scratch" verify
	expect_eq "$e: verify says each is ok" "0001 users: ok
0002 posts: ok
2 migrations verified: 2 ok, 0 with a difference or a failure" "$TAP_OUT"
	expect_status "$e: verify refuses a database that holds tables" 1 \
		migc --db "$url" verify
	expect_contains "$e: and says why" "verify needs a scratch database" "$TAP_OUT"

	# A down that fails on rows: it adds back a not null column with no
	# default, which a table with rows cannot take.
	printf '%s\n' 'create table flags (id integer primary key, extra integer not null);' \
		>migrations/0003_flags.mig
	printf '%s\n' 'up { drop column flags.extra; }' \
		'down { add column flags.extra integer not null; }' >migrations/0004_drop_extra.mig
	expect_ok "$e: verify without rows passes it" migc --db "$scratch2" verify
	expect_contains "$e: the down without rows is fine" "0004 drop_extra: ok" "$TAP_OUT"
	case $e in
	sqlite) rm -f "$P/scratch2.db" ;;
	postgres) pg_psql -d postgres -q -c "DROP DATABASE scratch2_db"; pg_createdb scratch2_db ;;
	esac
	expect_status "$e: verify --with-rows finds the broken down" 1 \
		migc --db "$scratch2" verify --with-rows
	expect_contains "$e: it names the migration" \
		"0004 drop_extra: down failed on tables with rows" "$TAP_OUT"
	expect_contains "$e: the others pass" "0003 flags: ok" "$TAP_OUT"
	expect_contains "$e: the summary" \
		"4 migrations verified with rows: 3 ok, 1 with a difference or a failure" "$TAP_OUT"
}

run sqlite
run postgres

# PostgreSQL's views and materialized views: the catalog holds their
# queries as the server prints them, which diff and verify compare with
# the server's print of the migrations' queries.
views() {
	local url db=views_db
	P=$SCRATCH/pgviews
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_tables.mig <<'EOF'
create table users (id integer primary key, email text not null, active boolean not null default true);
create table orders (id integer primary key, user_id integer references users (id), total numeric(10,2));
EOF
	cat >migrations/0002_views.mig <<'EOF'
create view active_users as 'select id, email from users where active';
create view user_totals (user_id, total) as $$
    select u.id, sum(o.total) from users u join orders o on o.user_id = u.id group by u.id
$$;
create view all_orders as 'select * from orders';
create materialized view order_stats as 'select count(*) as n, sum(total) as total from orders' with no data;
create materialized view big_orders (id, total) as 'select id, total from orders where total > 100';
create unique index on big_orders (id);
create index big_orders_total on big_orders (total desc) where (total > 1000);
EOF
	# (PostgreSQL's view keeps the old name of a column it selects.)
	echo 'rename column users.email to mail;' >migrations/0003_rename.mig
	pg_createdb "$db"
	url=$(pg_url "$db")
	expect_ok "postgres views: up" migc --db "$url" up -q
	expect_ok "postgres views: diff: no drift" migc --db "$url" diff
	expect_eq "postgres views: diff says so" "-- no drift: the database matches the 3 applied migrations" "$TAP_OUT"
	pg_createdb views_scratch
	expect_ok "postgres views: verify passes the history" migc --db "$(pg_url views_scratch)" verify
	expect_eq "postgres views: verify says each is ok" "0001 tables: ok
0002 views: ok
0003 rename: ok
3 migrations verified: 3 ok, 0 with a difference or a failure" "$TAP_OUT"

	# A view replaced by hand.
	sql postgres "$db" "CREATE OR REPLACE VIEW active_users AS SELECT id, mail AS email FROM users WHERE NOT active"
	expect_status "postgres views: a view replaced by hand: diff exits 1" 1 migc --db "$url" diff
	expect_eq "postgres views: the statements that undo it" "-- drift: the database differs from the 3 applied migrations; these statements bring it back to them:
-- view active_users differs: as the migrations has it
drop view active_users;
-- view active_users differs: as the migrations has it
create view active_users as 'select id, mail from users where active';" "$TAP_OUT"
	sql postgres "$db" "CREATE OR REPLACE VIEW active_users AS SELECT id, mail AS email FROM users WHERE active"
	expect_ok "postgres views: replaced back by hand, no drift" migc --db "$url" diff

	# A materialized view dropped by hand: it and its indexes.
	sql postgres "$db" "DROP MATERIALIZED VIEW big_orders"
	expect_status "postgres views: a materialized view dropped by hand: diff exits 1" 1 migc --db "$url" diff
	expect_eq "postgres views: the statements that make it again" "-- drift: the database differs from the 3 applied migrations; these statements bring it back to them:
-- materialized view big_orders is in the migrations, not in the database
create materialized view big_orders (id, total) as 'select id, total from orders where total > 100';
-- index big_orders_id_key of materialized view big_orders
create unique index big_orders_id_key on big_orders (id);
-- index big_orders_total of materialized view big_orders
create index big_orders_total on big_orders (total desc) where (total > 1000);" "$TAP_OUT"
	sql postgres "$db" "CREATE MATERIALIZED VIEW big_orders (id, total) AS SELECT id, total FROM orders WHERE total > 100;
CREATE UNIQUE INDEX big_orders_id_key ON big_orders (id);
CREATE INDEX big_orders_total ON big_orders (total DESC) WHERE total > 1000"
	expect_ok "postgres views: made again by hand, no drift" migc --db "$url" diff
	# Whether a materialized view is populated does not count.
	sql postgres "$db" "REFRESH MATERIALIZED VIEW order_stats"
	expect_ok "postgres views: a refresh is no drift" migc --db "$url" diff

	# A query the drifted database cannot build (the column it names is
	# gone): the view differs, no error.
	sql postgres "$db" "DROP VIEW active_users; CREATE VIEW active_users AS SELECT id FROM users;
ALTER TABLE users DROP COLUMN active"
	expect_status "postgres views: a query the database cannot build: diff exits 1" 1 migc --db "$url" diff
	expect_eq "postgres views: the view differs" "-- drift: the database differs from the 3 applied migrations; these statements bring it back to them:
-- view active_users differs: as the migrations has it
drop view active_users;
-- column users.active is in the migrations, not in the database
add column users.active boolean not null default true;
-- view active_users differs: as the migrations has it
create view active_users as 'select id, mail from users where active';" "$TAP_OUT"
	cd "$SCRATCH"
}
views

summary
