#!/usr/bin/env bash
# tests/t_views.sh: `migc schema` prints views and materialized views
# after the tables, each after the views it uses (also when a replace made
# an older view use a newer one), and refuses a materialized view on a
# dialect without them.  The statements' SQL is in tests/golden (views,
# matviews), their round trips in t_*_roundtrip.sh, their model errors in
# tests/diag/check/view_*.
set -eu
export LC_ALL=C NO_COLOR=1
unset DATABASE_URL MIGC_DIR
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME"

cd "$SCRATCH"
mkdir migrations
cat >migrations/0001_tables.mig <<'M'
create table t (id bigint primary key, a text);
M
cat >migrations/0002_views.mig <<'M'
create view first as 'select 1 as one';
create view second as 'select id, a from t';
create or replace view first as 'select id from second';
rename column t.a to b;
M

expect_status "schema: exit 0" 0 sh -c "'$MIGC' schema --dialect postgres >out.sql 2>err.txt"
cat >want.sql <<'W'
CREATE TABLE "t" (
    "id" bigint NOT NULL,
    "b" text,
    CONSTRAINT "t_pkey" PRIMARY KEY ("id")
);
CREATE VIEW "second" AS
select id, b from t;
CREATE VIEW "first" AS
select id from second;
W
expect_file_eq "schema: views after the tables, each after those it uses, with the renamed column" want.sql out.sql

cat >migrations/0003_mat.mig <<'M'
create materialized view counts as 'select count(*) from t';
M
expect_status "schema: postgres prints the materialized view" 0 sh -c "'$MIGC' schema --dialect postgres >out.sql 2>err.txt"
expect_eq "schema: the materialized view comes last" \
	'CREATE MATERIALIZED VIEW "counts" AS
select count(*) from t;' "$(tail -2 out.sql)"
expect_status "schema: sqlite refuses the materialized view" 1 sh -c "'$MIGC' schema --dialect sqlite >out.sql 2>err.txt"
expect_contains "schema: the error names sqlite" "sqlite has no materialized views" "$(cat err.txt)"

summary
