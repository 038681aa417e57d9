#!/usr/bin/env bash
# tests/t_squash.sh: migc squash --to VERSION on real SQLite and PostgreSQL
# databases: one that applied the squashed migrations before the squash
# (status clean, up continues, down still rolls back), one that applied
# only some (refused), a fresh one (the squashed migration builds the same
# schema), a squash of a squash, --dry-run, and the refusals.
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
strip_ms() { sed 's/ ([0-9.]* ms)$//'; }

# The schema of a database, as its engine shows it, the ledger left out.
# SQLite keeps the text of CREATE TABLE as altered, so its tables are
# compared column by column.
db_schema() {
	case $1 in
	sqlite:*)
		local f=${1#sqlite:} t
		for t in $(sqlite3 -batch "$f" "SELECT name FROM sqlite_schema
			WHERE type = 'table' AND name NOT LIKE 'migc%'
			AND name NOT LIKE 'sqlite%' ORDER BY name"); do
			echo "table $t"
			sqlite3 -batch "$f" "SELECT name, type, \"notnull\", dflt_value, pk
				FROM pragma_table_info('$t') ORDER BY name"
			sqlite3 -batch "$f" "SELECT \"table\", \"from\", \"to\", on_delete
				FROM pragma_foreign_key_list('$t')"
			sqlite3 -batch "$f" "SELECT name, \"unique\" FROM pragma_index_list('$t')
				ORDER BY name"
		done
		;;
	*)
		"$PG_BINDIR/pg_dump" --schema-only --no-owner --no-privileges \
			-T migc_migrations -d "$(printf '%s' "$1" | sed 's|^postgresql:///||; s|?.*||')" |
			grep -v -E '^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)' || true
		;;
	esac
}

project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	cat >migrations/0001_users.mig <<'EOF'
create table users (id serial primary key, email varchar(200) not null unique);
EOF
	cat >migrations/0002_posts.mig <<'EOF'
create table posts (id serial primary key, user_id integer not null references users on delete cascade, title text);
create index on posts (user_id);
EOF
	cat >migrations/0003_score.mig <<'EOF'
add column posts.score integer not null default 0 check (score >= 0);
rename column posts.title to headline;
EOF
	cat >migrations/0004_tags.mig <<'EOF'
create table tags (name text primary key, post_id integer references posts);
EOF
}

# run ENGINE: the whole scenario on sqlite or postgres.
run() {
	local e=$1 old part fresh
	project "$e"
	case $e in
	sqlite)
		old=sqlite:$P/old.db part=sqlite:$P/part.db fresh=sqlite:$P/fresh.db
		;;
	postgres)
		pg_createdb old_db
		pg_createdb part_db
		pg_createdb fresh_db
		old=$(pg_url old_db) part=$(pg_url part_db) fresh=$(pg_url fresh_db)
		;;
	esac
	expect_ok "$e: old database applies 0001-0003" migc --db "$old" up --to 0003 -q
	expect_ok "$e: part database applies 0001" migc --db "$part" up --to 0001 -q
	local schema_before db_before
	schema_before=$(migc --dialect "$e" schema)
	db_before=$(db_schema "$old")

	expect_ok "$e: squash --dry-run" migc --dialect "$e" squash --to 0003 --dry-run
	expect_contains "$e: --dry-run shows the file" "-- would write migrations/0003_squashed.mig:" "$TAP_OUT"
	expect_contains "$e: --dry-run shows the moves" "-- would move migrations/0001_users.mig to migrations/squashed/" "$TAP_OUT"
	expect_eq "$e: --dry-run changes nothing" \
		"0001_users.mig 0002_posts.mig 0003_score.mig 0004_tags.mig" \
		"$(cd migrations && echo *)"

	expect_ok "$e: squash --to 0003" migc --dialect "$e" squash --to 0003
	expect_eq "$e: squash says what it did" \
		"squashed 3 migrations into migrations/0003_squashed.mig; moved them to migrations/squashed/" \
		"$TAP_OUT"
	expect_eq "$e: the folder after the squash" "0003_squashed.mig 0004_tags.mig squashed" \
		"$(cd migrations && echo *)"
	expect_eq "$e: the replaced files are aside" "0001_users.mig 0002_posts.mig 0003_score.mig" \
		"$(cd migrations/squashed && echo *)"
	expect_contains "$e: the squashed file names what it replaces" \
		"replaces 0001, 0002, 0003;" "$(cat migrations/0003_squashed.mig)"
	expect_eq "$e: the schema of the history is the same" "$schema_before" \
		"$(migc --dialect "$e" schema)"

	# The database that applied them all.
	expect_ok "$e: status on the old database" migc --db "$old" status
	expect_eq "$e: status: the squash is applied, nothing missing" \
		"0003 squashed applied
0004 tags pending" "$(printf '%s\n' "$TAP_OUT" | sed -n '2,3p' | awk '{print $1, $2, $3}')"
	expect_ok "$e: up continues" migc --db "$old" up
	expect_eq "$e: up applies only the newer migration" "up 0004 tags" \
		"$(printf '%s\n' "$TAP_OUT" | strip_ms)"
	expect_ok "$e: status --exit-code is clean" migc --db "$old" status --exit-code

	# A fresh database: the squashed migration builds the same schema.
	expect_ok "$e: fresh database: up" migc --db "$fresh" up -q
	expect_eq "$e: the fresh database has the old one's schema" \
		"$(db_schema "$old")" "$(db_schema "$fresh")"
	expect_ok "$e: fresh database: down --all" migc --db "$fresh" down --all -q
	expect_ok "$e: fresh database: up again" migc --db "$fresh" up -q

	# The database that applied only some of them.
	expect_status "$e: up refuses a database that applied only some" 1 \
		migc --db "$part" up
	expect_contains "$e: and says which is lacking" \
		"migration 0003 squashed replaces migrations of which this database applied only some: 0002 is not applied" \
		"$TAP_OUT"
	expect_contains "$e: and what to do" "files from before the squash" "$TAP_OUT"
	expect_ok "$e: the files aside catch it up" migc --dir migrations/squashed --db "$part" up -q
	expect_ok "$e: then up continues" migc --db "$part" up -q
	expect_ok "$e: and status is clean" migc --db "$part" status --exit-code

	# A squash of the squash: the old database's first rows stay its own.
	expect_ok "$e: squash --to 0004" migc --dialect "$e" squash --to 0004
	expect_contains "$e: the second squash replaces the first" \
		"replaces 0003, 0004;" "$(cat migrations/0004_squashed.mig)"
	expect_ok "$e: status after the second squash" migc --db "$old" status --exit-code
	expect_eq "$e: one migration, applied" "1 migration: 1 applied" \
		"$(printf '%s\n' "$TAP_OUT" | tail -n 1 | sed 's/;.*//')"

	# Rolling back on the old database runs the downs it recorded.
	expect_ok "$e: down --all on the old database" migc --db "$old" down --all
	expect_eq "$e: nothing is left" "" "$(db_schema "$old")"
	expect_ok "$e: up builds it again from the squash" migc --db "$old" up -q
	expect_eq "$e: with the same schema" "$(db_schema "$fresh")" \
		"$(db_schema "$old")"
	: "$db_before"
}

run sqlite
run postgres

# ---- refusals ----
project refusals
expect_status "squash without --to: usage error" 2 migc squash
expect_contains "says --to is needed" "squash needs --to VERSION" "$TAP_OUT"
expect_status "squash --to an unknown version" 1 migc squash --to 0009
expect_eq "names it" "migc: error: no migration with version 0009" "$TAP_OUT"
echo "sql 'update users set email = lower(email)' down 'select 1';" >migrations/0005_fix.mig
expect_status "a history with sql is refused" 1 migc squash --to 0005
expect_contains "says why" "migrations/0005_fix.mig has 1 sql statement: the schema model does not see what sql does" "$TAP_OUT"
expect_contains "and how to go on" "hint: --allow-sql squashes anyway, leaving them out" "$TAP_OUT"
expect_eq "nothing moved" "0001_users.mig 0002_posts.mig 0003_score.mig 0004_tags.mig 0005_fix.mig" \
	"$(cd migrations && echo *)"
expect_ok "--allow-sql squashes" migc squash --to 0005 --allow-sql
expect_contains "the file says the sql is left out" "Their 1 sql statement is not repeated here." \
	"$(cat migrations/0005_squashed.mig)"
mkdir "$SCRATCH/emptyschema" && cd "$SCRATCH/emptyschema" && mkdir migrations
echo "create table t (id integer);" >migrations/0001_a.mig
echo "drop table t;" >migrations/0002_b.mig
expect_status "an empty schema is refused" 1 migc squash --to 0002
expect_contains "says why" "the schema after 0002 is empty" "$TAP_OUT"
echo "replaces 1x;" >migrations/0003_c.mig
expect_status "replaces takes versions" 1 migc check
expect_contains "says so" "error: syntax error" "$TAP_OUT"

summary
