#!/usr/bin/env bash
# tests/t_expand_clients_pg.sh: an `expand;` migration under load.  Two
# clients (tests/tools/pgclient.c) insert, update and read comments in a
# loop, one through the previous version's schema, one through the new
# version's, while migc expands (with a backfill), and completes; then
# kill -9 during a backfill, and `up` resumes.
#
# The clients run with lock_timeout 100ms: a statement that waits longer
# for a lock (one of migc's) fails and counts as an error, so "no error"
# also means "no client stalled over 100 ms on a lock".
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR PGPASSWORD
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/lib/pg.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
CLIENT=${CLIENT:-${BUILD:-$here/../build}/tests/tools/pgclient}
case $CLIENT in /*) ;; *) CLIENT=$PWD/$CLIENT ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
at_exit pg_stop
if ! pg_start; then
	fail "throwaway PostgreSQL starts"
	summary
	exit 1
fi

migc() { "$MIGC" "$@"; }
q() { pg_psql -d "$1" -At -c "$2"; }
now_ms() { date +%s%3N; }
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# new_project NAME NROWS
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	CONN="host=$PGHOST port=$PGPORT user=postgres dbname=$1"
	cat >migrations/0001_comments.mig <<'EOF'
create table comments (
    id bigserial primary key,
    post_id integer not null,
    contents text not null,
    score integer
);
EOF
	cat >migrations/0002_comment_body.mig <<'EOF'
expand;
rename column comments.contents to body;
alter column comments.score type bigint;
create index on comments (post_id);
EOF
	migc up --db "$DB" --to 0001 >/dev/null
	q "$1" "INSERT INTO comments (post_id, contents, score)
	        SELECT g % 50, 'comment ' || g, g FROM generate_series(1, $2) g" >/dev/null
}

# verify NAME FILE SCHEMA TEXTCOL: every row of FILE reads back as written
# through SCHEMA (none missing, none different).
verify() {
	local bad
	bad=$(printf '%s\n' \
		"CREATE TEMP TABLE written (id bigint, t text, s bigint);" \
		"\\copy written FROM '$2' WITH (DELIMITER '|')" \
		"SET search_path = $3;" \
		"SELECT count(*) FROM written w LEFT JOIN comments c ON c.id = w.id WHERE c.id IS NULL OR c.$4 IS DISTINCT FROM w.t OR c.score IS DISTINCT FROM w.s;" |
		pg_psql -d "$1" -At -v ON_ERROR_STOP=1 -f -) || return 1
	[ "$bad" = 0 ] || { echo "# $bad rows of $2 differ through $3" >&2; return 1; }
}

# ---- two clients through expand, backfill and complete ----
new_project load 20000
rm -f "$SCRATCH/stop-old" "$SCRATCH/stop-new"
# The old client starts on `public` (what the old version used before the
# expand) and finds public_0001 first on its path once the expand made it.
"$CLIENT" "$CONN" "public_0001, public" contents old "$SCRATCH/stop-old" \
	"$SCRATCH/old.rows" >"$SCRATCH/old.out" 2>"$SCRATCH/old.err" &
old_pid=$!
# The new client starts as soon as its schema exists.
"$CLIENT" "$CONN" public_0002 body new "$SCRATCH/stop-new" \
	"$SCRATCH/new.rows" wait >"$SCRATCH/new.out" 2>"$SCRATCH/new.err" &
new_pid=$!
sleep 0.5
expect_ok "expand under load" migc up --db "$DB" --batch-size 500 --batch-pause 20
expect_contains "the backfill ran in batches" "backfilled comments.score" "$TAP_OUT"
sleep 1
touch "$SCRATCH/stop-old"
st=0; wait "$old_pid" || st=$?
expect_eq "old client ran to its end" "0" "$st"
cat "$SCRATCH/old.err" >&2
old=$(cat "$SCRATCH/old.out")
echo "# old client during the expand: $old"
expect_eq "old client: no error during the expand" "0" "$(field errors "$old")"
expect_eq "old client: every read matched its write" "0" "$(field mismatches "$old")"
expect_eq "old client: it wrote" "yes" "$([ "$(wc -l <"$SCRATCH/old.rows")" -gt 10 ] && echo yes || echo no)"
if verify load "$SCRATCH/old.rows" public_0001 contents; then ok "old client's rows read back through the old version"; else fail "old client's rows read back through the old version"; fi
if verify load "$SCRATCH/old.rows" public_0002 body; then ok "old client's rows read back through the new version"; else fail "old client's rows read back through the new version"; fi
expect_eq "every row is backfilled and in step" "0" \
	"$(q load "SELECT count(*) FROM comments WHERE migc_new_score IS DISTINCT FROM score")"

# The old client again, through complete: it fails once complete dropped
# its schema, and not before.
rm -f "$SCRATCH/stop-old"
"$CLIENT" "$CONN" "public_0001" contents old2 "$SCRATCH/stop-old" \
	"$SCRATCH/old2.rows" >"$SCRATCH/old2.out" 2>"$SCRATCH/old2.err" &
old_pid=$!
sleep 0.5
t_complete=$(now_ms)
expect_ok "complete under load" migc complete --db "$DB"
sleep 1
touch "$SCRATCH/stop-old" "$SCRATCH/stop-new"
st=0; wait "$old_pid" || st=$?
expect_eq "old client (through complete) ran to its end" "0" "$st"
st=0; wait "$new_pid" || st=$?
expect_eq "new client ran to its end" "0" "$st"
cat "$SCRATCH/new.err" >&2
new=$(cat "$SCRATCH/new.out")
old2=$(cat "$SCRATCH/old2.out")
echo "# new client through expand and complete: $new"
echo "# old client through complete: $old2"
expect_eq "new client: no error through expand and complete" "0" "$(field errors "$new")"
expect_eq "new client: every read matched its write" "0" "$(field mismatches "$new")"
expect_eq "new client: it wrote" "yes" "$([ "$(wc -l <"$SCRATCH/new.rows")" -gt 10 ] && echo yes || echo no)"
if verify load "$SCRATCH/new.rows" public_0002 body; then ok "new client's rows read back after complete"; else fail "new client's rows read back after complete"; fi
if verify load "$SCRATCH/old.rows" public_0002 body; then ok "old client's rows read back after complete"; else fail "old client's rows read back after complete"; fi
first=$(field first_error_ms "$old2")
expect_eq "old client: errors only once complete ran" "yes" \
	"$([ "$first" != 0 ] && [ "${first%.*}" -ge "$t_complete" ] && echo yes || echo no)"
expect_contains "old client: its schema is gone" 'relation "comments" does not exist' "$(cat "$SCRATCH/old2.err")"

# ---- kill -9 during the backfill, then up resumes ----
new_project crash 60000
"$MIGC" up --db "$DB" --batch-size 200 --batch-pause 5 >"$SCRATCH/crash.out" 2>&1 &
pid=$!
for _ in $(seq 200); do
	key=$(q crash "SELECT coalesce(backfill_key, '') FROM migc_migrations_expand" 2>/dev/null || true)
	[ -n "$key" ] && break
	sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
key=$(q crash "SELECT phase || ' ' || coalesce(backfill_key, '') FROM migc_migrations_expand")
expect_eq "killed during the backfill: its progress is recorded" "yes" \
	"$(case $key in "expanding "[0-9]*) echo yes ;; *) echo "no: $key" ;; esac)"
expect_eq "killed: status shows the expand under way" "0002     comment_body  pending (expanding)" \
	"$(migc status --db "$DB" | sed -n 3p)"
expect_ok "up resumes" migc up --db "$DB" --batch-size 5000
expect_contains "up says where it resumes" "backfill of comments.score resumes after key ${key#expanding }" "$TAP_OUT"
expect_eq "resumed: every row backfilled" "0" \
	"$(q crash "SELECT count(*) FROM comments WHERE migc_new_score IS DISTINCT FROM score")"
expect_eq "resumed: expanded" "expanded" "$(q crash "SELECT phase FROM migc_migrations_expand")"
expect_ok "complete after the resume" migc complete --db "$DB"

summary
