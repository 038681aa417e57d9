#!/usr/bin/env bash
# tests/t_sqlite_rebuild_views.sh: an SQLite table rebuild (the 12-step
# alter) on a table that a view and a trigger the model does not know use
# (one made by raw `sql`, one by hand): the migration applies, its down
# too, and the rows, the views and the trigger are all still there and
# work.  On real SQLite files.
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
export XDG_CACHE_HOME=$SCRATCH/xdg-cache
migc() { "$MIGC" "$@"; }
q() { sqlite3 -batch "$DB" "$1"; }

cd "$SCRATCH"
mkdir migrations
DB=$SCRATCH/app.db
URL=sqlite:$DB
cat >migrations/0001_items.mig <<'EOF'
create table items (id integer primary key, name text, price integer);
create table orders (id integer primary key, item_id integer);
sql 'CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10'
    down 'DROP VIEW cheap_items';
EOF
expect_ok "up" migc --db "$URL" up -q
q "INSERT INTO items (id, name, price) VALUES (1, 'pen', 2), (2, 'book', 20)"
# By hand: a view, and a trigger on another table that writes into items.
q "CREATE VIEW item_names AS SELECT name FROM items"
q "CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN
     UPDATE items SET price = price + 1 WHERE id = new.item_id; END"

# set not null, and a check: both rebuild items.
cat >migrations/0002_name_required.mig <<'EOF'
alter column items.name set not null;
add constraint items.items_price_check check (price >= 0);
EOF
expect_ok "a rebuild of a table that unknown views use applies" \
	migc --db "$URL" up
expect_contains "it was a rebuild" "up 0002 name_required" "$TAP_OUT"
expect_eq "the rows are there" "1|pen|2
2|book|20" "$(q "SELECT * FROM items ORDER BY id")"
expect_eq "the view made by sql reads the new table" "1|pen" \
	"$(q "SELECT * FROM cheap_items")"
expect_eq "the view made by hand too" "book
pen" "$(q "SELECT name FROM item_names ORDER BY name")"
q "INSERT INTO orders (id, item_id) VALUES (1, 1)"
expect_eq "the trigger made by hand writes into it" 3 \
	"$(q "SELECT price FROM items WHERE id = 1")"
expect_eq "the new table is items, not null and checked" \
	'CREATE TABLE "items" (' "$(q "SELECT sql FROM sqlite_schema WHERE name = 'items'" | head -1)"
expect_fail "the check holds" q "UPDATE items SET price = -1 WHERE id = 2"
expect_eq "the schema is sound" ok "$(q "PRAGMA integrity_check")"

expect_ok "its down rebuilds back" migc --db "$URL" down
expect_eq "the view still reads it after the down" "1|pen" \
	"$(q "SELECT * FROM cheap_items")"
expect_ok "name is nullable again" q "INSERT INTO items (id, price) VALUES (3, 1)"
expect_eq "and the view sees that row" "1|pen
3|" "$(q "SELECT * FROM cheap_items ORDER BY id")"

summary
