#!/usr/bin/env bash
# tests/t_expand_pg.sh: `expand;` migrations on a throwaway PostgreSQL: the
# versioned schemas of views, the dual-write trigger and the backfill,
# complete, abort (the schema as pg_dump shows it, and the rows), the phase
# in status, one expand at a time, and the refusal on other dialects.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR PGPASSWORD
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/lib/pg.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

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
rows() { q "$1" "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM comments t"; }
dump() { pg_dump_schema "$1"; }

# new_project NAME: comments with 2,500 rows, and the course's example as
# an expand migration.
new_project() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
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
	        SELECT g % 50, 'comment ' || g, g FROM generate_series(1, 2500) g" >/dev/null
}

# ---- expand: both shapes work ----
new_project ex
expect_ok "up runs the expand" migc up --db "$DB" --batch-size 300
expect_contains "up reports the backfill" "backfilled comments.score: 2500 rows" "$TAP_OUT"
expect_contains "up names both schemas" \
	"the new version's schema: public_0002; the previous version's: public_0001" "$TAP_OUT"
expect_eq "schema-name prints the version's schema" "public_0002" "$(migc schema-name 0002)"
expect_eq "schema-name defaults to the newest migration" "public_0002" "$(migc schema-name)"
expect_status "schema-name of no migration" 1 migc schema-name 0042
expect_eq "schema-name: an unknown version" "migc: error: no migration with version 0042" "$TAP_OUT"
expect_eq "status shows the phase" "0002     comment_body  applied (expanded)" \
	"$(migc status --db "$DB" | sed -n 3p | sed 's/  20[0-9T:-]*Z$//')"
expect_contains "status --json has the phase" '"phase": "expanded"' \
	"$(migc status --db "$DB" --json)"
expect_eq "compile prints the three phases" \
	"-- 0002_comment_body: up, reversible
-- expand: the new version's schema is public_0002, the previous version's public_0001
-- expand (migc up), each step on its own:
-- backfill comments.score in batches: \$1 the last key done (NULL: none), \$2 the batch size
-- outside a transaction
-- complete (migc complete):
ALTER TABLE \"comments\" DROP COLUMN \"score\";
ALTER TABLE \"comments\" RENAME COLUMN \"migc_new_score\" TO \"score\";
ALTER TABLE \"comments\" RENAME COLUMN \"contents\" TO \"body\";
-- abort (migc abort):
-- outside a transaction" \
	"$(migc compile 0002 | grep -E '^(-- [0a-z]|ALTER TABLE "comments" (DROP COLUMN "score"|RENAME))')"
expect_eq "the backfill copied every row" "0" \
	"$(q ex "SELECT count(*) FROM comments WHERE migc_new_score IS DISTINCT FROM score")"
expect_eq "the physical table keeps its old column" "contents" \
	"$(q ex "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'comments' AND column_name IN ('contents', 'body')")"
q ex "SET search_path = public_0002; INSERT INTO comments (post_id, body, score) VALUES (7, 'from the new version', 2000000000)" >/dev/null
q ex "SET search_path = public_0001; INSERT INTO comments (post_id, contents, score) VALUES (8, 'from the old version', 42)" >/dev/null
q ex "SET search_path = public_0001; UPDATE comments SET score = 43, contents = 'old edit' WHERE id = 1" >/dev/null
q ex "SET search_path = public_0002; UPDATE comments SET score = 44 WHERE id = 2" >/dev/null
expect_eq "the new version reads every write" \
	"1|old edit|43
2|comment 2|44
2501|from the new version|2000000000
2502|from the old version|42" \
	"$(q ex "SET search_path = public_0002; SELECT id, body, score FROM comments WHERE id IN (1, 2, 2501, 2502) ORDER BY id")"
expect_eq "the old version reads every write" \
	"1|old edit|43
2|comment 2|44
2501|from the new version|2000000000
2502|from the old version|42" \
	"$(q ex "SET search_path = public_0001; SELECT id, contents, score FROM comments WHERE id IN (1, 2, 2501, 2502) ORDER BY id")"
expect_eq "the index was built concurrently, valid" "t" \
	"$(q ex "SELECT indisvalid FROM pg_index WHERE indexrelid = 'comments_post_id_idx'::regclass")"

# One migration between expand and complete at a time.
cat >migrations/0003_more.mig <<'EOF'
add column comments.flag boolean;
EOF
expect_status "up refuses while one is expanded" 1 migc up --db "$DB"
expect_eq "the refusal names it" "migc: error: migration 0002 is expanded: nothing more is applied until it is completed or aborted
hint: migc complete 0002" "$TAP_OUT"
expect_status "down refuses an expand not completed" 1 migc down --db "$DB"
expect_contains "down points to abort" "hint: migc abort 0002 undoes its expand" "$TAP_OUT"
rm migrations/0003_more.mig
expect_status "redo refuses an expand migration" 1 migc redo --db "$DB"
expect_contains "redo says why" "0002 comment_body is an \`expand;\` migration: redo does not run it" "$TAP_OUT"
expect_eq "redo changed nothing" "expanded" "$(q ex "SELECT phase FROM migc_migrations_expand")"

# ---- complete ----
expect_ok "complete" migc complete --db "$DB"
expect_eq "complete: the new shape is physical" "id bigint
post_id integer
body text
score bigint" \
	"$(q ex "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'comments' ORDER BY ordinal_position")"
expect_eq "complete: the old version's schema is gone, the new one stays" "public_0002" \
	"$(q ex "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'public_%' ORDER BY 1")"
expect_eq "complete: no trigger is left" "0" \
	"$(q ex "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'comments'::regclass AND NOT tgisinternal")"
expect_eq "complete: the new version still reads through its schema" "2501|from the new version|2000000000" \
	"$(q ex "SET search_path = public_0002; SELECT id, body, score FROM comments WHERE id = 2501")"
expect_eq "status after complete" "0002     comment_body  applied" \
	"$(migc status --db "$DB" | sed -n 3p | sed 's/ *20[0-9T:-]*Z$//')"
expect_status "complete twice" 1 migc complete --db "$DB"
expect_eq "complete twice says why" "migc: error: no migration is between expand and complete: nothing to complete" "$TAP_OUT"
expect_ok "down after complete" migc down --db "$DB"
expect_eq "down after complete: the old shape" "contents text,score integer" \
	"$(q ex "SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'comments' AND column_name IN ('contents', 'body', 'score')")"
expect_eq "down after complete: no version schema" "0" \
	"$(q ex "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'public\_%'")"

# ---- abort: the schema and the rows as they were ----
new_project ab
before=$(dump ab)
rows_before=$(rows ab)
expect_ok "up (to abort)" migc up --db "$DB"
expect_ok "abort" migc abort --db "$DB" 0002
expect_eq "abort restores the schema exactly (pg_dump)" "$before" "$(dump ab)"
expect_eq "abort keeps the rows" "$rows_before" "$(rows ab)"
expect_eq "abort: pending again" "0002     comment_body  pending" \
	"$(migc status --db "$DB" | sed -n 3p)"
expect_status "abort twice" 1 migc abort --db "$DB"
expect_ok "up again after abort" migc up --db "$DB"

# ---- rename table, set not null, foreign key, check, add and drop column ----
# new_project2 NAME
new_project2() {
	P=$SCRATCH/$1
	mkdir -p "$P/migrations"
	cd "$P"
	pg_createdb "$1"
	DB=$(pg_url "$1")
	cat >migrations/0001_init.mig <<'EOF'
create table posts (id bigserial primary key, title text);
create table comments (id bigserial primary key, post_id bigint, note text, legacy text);
EOF
	cat >migrations/0002_more.mig <<'EOF'
expand;
rename table posts to articles;
alter column comments.post_id set not null;
add constraint comments.comments_post_fk foreign key (post_id) references articles (id);
add constraint comments.comments_note_check check (length(note) < 100);
add column comments.flag boolean;
drop column comments.legacy;
EOF
	migc up --db "$DB" --to 0001 >/dev/null
	q "$1" "INSERT INTO posts (title) SELECT 'post ' || g FROM generate_series(1, 20) g;
	        INSERT INTO comments (post_id, note, legacy) SELECT g % 20 + 1, 'note ' || g, 'x' FROM generate_series(1, 200) g" >/dev/null
}
new_project2 more
expect_ok "expand: the other statements" migc up --db "$DB"
expect_eq "the new version writes the new shape" "201|21|new|t" \
	"$(q more "SET search_path = public_0002; INSERT INTO articles (title) VALUES ('new post');
	           INSERT INTO comments (post_id, note, flag) VALUES (21, 'new', true) RETURNING id, post_id, note, flag")"
expect_eq "the old version writes the old shape" "202|1|old|y" \
	"$(q more "SET search_path = public_0001; INSERT INTO comments (post_id, note, legacy) VALUES (1, 'old', 'y') RETURNING id, post_id, note, legacy")"
expect_status "the NOT VALID not-null check holds for new writes" 1 \
	q more "SET search_path = public_0002; INSERT INTO comments (post_id, note) VALUES (NULL, 'x')"
expect_contains "the not-null check names itself" 'violates check constraint "migc_nn_0002_1"' "$TAP_OUT"
expect_status "the NOT VALID foreign key holds for new writes" 1 \
	q more "SET search_path = public_0001; INSERT INTO comments (post_id, note) VALUES (999, 'x')"
expect_contains "the foreign key names itself" 'comments_post_fk' "$TAP_OUT"
expect_eq "the old version does not see the added column, the new one not the dropped" \
	"public_0001.comments: id,post_id,note,legacy
public_0002.comments: id,post_id,note,flag" \
	"$(q more "SELECT table_schema || '.' || table_name || ': ' || string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema IN ('public_0001', 'public_0002') AND table_name = 'comments' GROUP BY table_schema, table_name ORDER BY 1")"
expect_eq "constraints are NOT VALID until complete" "comments_note_check false
comments_post_fk false
migc_nn_0002_1 false" \
	"$(q more "SELECT conname || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'comments'::regclass AND contype IN ('c', 'f') ORDER BY 1")"
expect_ok "complete: the other statements" migc complete --db "$DB"
expect_eq "complete validated the constraints, and not null replaced its check" "comments_note_check true
comments_post_fk true" \
	"$(q more "SELECT conname || ' ' || convalidated FROM pg_constraint WHERE conrelid = 'comments'::regclass AND contype IN ('c', 'f') ORDER BY 1")"
expect_eq "complete: the physical shape" "articles: id,title
comments: id,post_id NOT NULL,note,flag" \
	"$(q more "SELECT table_name || ': ' || string_agg(column_name || CASE WHEN is_nullable = 'NO' AND column_name <> 'id' THEN ' NOT NULL' ELSE '' END, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('articles', 'comments') GROUP BY table_name ORDER BY 1")"
expect_eq "complete: the new version's views still answer" "201|21|new|t" \
	"$(q more "SET search_path = public_0002; SELECT c.id, a.id, c.note, c.flag FROM comments c JOIN articles a ON a.id = c.post_id WHERE c.id = 201")"

new_project2 more_abort
before=$(dump more_abort)
rows_before=$(q more_abort "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM comments t")
expect_ok "up (the other statements, to abort)" migc up --db "$DB"
expect_ok "abort (the other statements)" migc abort --db "$DB"
expect_eq "abort restores the schema exactly (the other statements)" "$before" "$(dump more_abort)"
expect_eq "abort keeps the rows (the other statements)" "$rows_before" \
	"$(q more_abort "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM comments t")"

# ---- a type change with a using expression, and a declared backward ----
P=$SCRATCH/cents
mkdir -p "$P/migrations"
cd "$P"
pg_createdb cents
DB=$(pg_url cents)
cat >migrations/0001_orders.mig <<'EOF'
create table orders (id bigserial primary key, amount integer not null);
EOF
cat >migrations/0002_amount_in_units.mig <<'EOF'
expand;
up {
    alter column orders.amount type numeric(12,2) using (amount / 100.0);
}
down {
    alter column orders.amount type integer using ((amount * 100)::integer);
}
EOF
migc up --db "$DB" --to 0001 >/dev/null
q cents "INSERT INTO orders (amount) VALUES (1999), (250)" >/dev/null
expect_ok "expand: a type change with using and a declared backward" migc up --db "$DB"
q cents "SET search_path = public_0002; INSERT INTO orders (amount) VALUES (12.34)" >/dev/null
q cents "SET search_path = public_0001; INSERT INTO orders (amount) VALUES (500)" >/dev/null
expect_eq "the new version reads the forward copies (using)" "19.99 2.50 12.34 5.00" \
	"$(q cents "SET search_path = public_0002; SELECT string_agg(amount::text, ' ' ORDER BY id) FROM orders")"
expect_eq "the old version reads the backward copies (declared)" "1999 250 1234 500" \
	"$(q cents "SET search_path = public_0001; SELECT string_agg(amount::text, ' ' ORDER BY id) FROM orders")"
expect_ok "complete: the type change" migc complete --db "$DB"
expect_eq "complete: the column has the new type, not null kept" "numeric 12 2 NO" \
	"$(q cents "SELECT data_type || ' ' || numeric_precision || ' ' || numeric_scale || ' ' || is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'orders' AND column_name = 'amount'")"
expect_ok "down after complete runs the declared down" migc down --db "$DB"
expect_eq "the declared down brought the cents back" "1999 250 1234 500" \
	"$(q cents "SELECT string_agg(amount::text, ' ' ORDER BY id) FROM orders")"

# ---- other dialects refuse ----
cd "$SCRATCH/ex"
expect_status "sqlite refuses expand" 1 migc check --dialect sqlite
expect_contains "sqlite: the error is at the directive" "migrations/0002_comment_body.mig:1:1: error: \`expand;\` runs on PostgreSQL only, not sqlite" "$TAP_OUT"
expect_status "mysql refuses expand" 1 migc check --dialect mysql
expect_contains "mysql: says what MySQL would need" "hint: MySQL would need a database per version" "$TAP_OUT"

summary
