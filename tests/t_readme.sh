#!/usr/bin/env bash
# tests/t_readme.sh: every command line that README.md shows does what the
# text next to it says, so that README and program stay in step.
#
# The command lines are read from README.md itself (its ```sh blocks): a
# line this test does not know is a failure, so a README edit comes with
# its check here.  The tour runs as written in a scratch folder, with the
# built migc on PATH, against SQLite and, where README shows a PostgreSQL
# URL, the throwaway server of tests/lib/pg.sh.  make lines are checked
# with make -n (make test is what runs this), make install for real into a
# scratch DESTDIR.  README's sample diagnostic is compared with what migc
# prints for that mistake.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR
export NO_COLOR=1
# bash 5.2: no & in a ${var//pat/rep} replacement means the match.
shopt -u patsub_replacement 2>/dev/null || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/lib/tap.sh"
. "$here/lib/pg.sh"
MIGC=${MIGC:-$root/migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
at_exit pg_stop
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME" "$SCRATCH/bin"
ln -s "$MIGC" "$SCRATCH/bin/migc"
export PATH=$SCRATCH/bin:$PATH

# The lines of README's ```sh blocks, comments cut off ("  # ...").
readme_lines() {
	awk '/^```sh$/ { on = 1; next } /^```/ { on = 0 } on' "$root/README.md" |
		sed -E 's/[[:space:]]+#.*$//' | grep -v '^[[:space:]]*$'
}

pg_start
pg_createdb app
PGURL=$(pg_url app)

tour=$SCRATCH/tour
mkdir -p "$tour"
cd "$tour"
n=0
seen_tour=0
while IFS= read -r line; do
	n=$((n + 1))
	out=$SCRATCH/out.$n
	case $line in
	make\ demo | make\ test)
		# make test runs this test: make -n says the target is there.
		expect_ok "README: $line (the target exists)" make -n -C "$root" "${line#make }"
		continue
		;;
	make\ install\ PREFIX=*)
		expect_ok "README: $line" make -s -C "$root" install "${line#make install }" \
			DESTDIR="$SCRATCH/dest"
		prefix=${line#make install PREFIX=}
		if [ -x "$SCRATCH/dest$prefix/bin/migc" ] &&
			[ -f "$SCRATCH/dest$prefix/share/man/man1/migc.1" ]; then
			ok "README: make install installs migc and its man page"
		else
			fail "README: make install installs migc and its man page"
		fi
		continue
		;;
	esac
	# The tour: run as written, in one shell (cd carries over), with
	# README's PostgreSQL URL pointing at the throwaway server.
	run=${line//postgres:\/\/app@localhost\/app/\'$PGURL\'}
	st=0
	eval "$run" >"$out" 2>&1 </dev/null || st=$?
	o=$(cat "$out")
	case $line in
	"mkdir blog && cd blog")
		seen_tour=1
		expect_eq "README: $line" "$tour/blog" "$PWD"
		;;
	"echo 'create table posts "*"migc new create_posts)\"")
		expect_eq "README: migc new create_posts: exit 0" 0 "$st"
		f=$(ls migrations/*_create_posts.mig 2>/dev/null || true)
		expect_contains "README: migc new create_posts: the file holds the statement" \
			"create table posts" "$(cat "$f" 2>/dev/null)"
		;;
	"echo 'add column posts.body text;' >\"\$(migc new AddPostBody)\"")
		expect_eq "README: migc new AddPostBody: exit 0" 0 "$st"
		expect_eq "README: migc new AddPostBody: ..._add_post_body.mig" 1 \
			"$(ls migrations | grep -c -E '^[0-9]{14}_add_post_body\.mig$')"
		;;
	"migc check")
		expect_eq "README: migc check: exit 0" 0 "$st"
		expect_eq "README: migc check: each migration's class" 2 \
			"$(printf '%s\n' "$o" | grep -c -E '^[0-9]{14}_(create_posts|add_post_body) +reversible$')"
		expect_contains "README: migc check: the count" "2 migrations: 2 reversible, 0 lossy, 0 irreversible" "$o"
		;;
	"migc compile")
		expect_eq "README: migc compile: exit 0" 0 "$st"
		expect_contains "README: migc compile: up SQL" 'CREATE TABLE "posts"' "$o"
		expect_contains "README: migc compile: every migration" 'ALTER TABLE "posts" ADD COLUMN "body" text;' "$o"
		;;
	"migc compile --down")
		expect_eq "README: migc compile --down: exit 0" 0 "$st"
		expect_contains "README: migc compile --down: the derived downs" 'DROP TABLE "posts";' "$o"
		first=$(printf '%s\n' "$o" | grep -m1 '^-- ')
		case $first in
		*_add_post_body:\ down*) ok "README: migc compile --down: newest first" ;;
		*) fail "README: migc compile --down: newest first" "$first" ;;
		esac
		;;
	"migc compile --dialect sqlite")
		expect_eq "README: migc compile --dialect sqlite: exit 0" 0 "$st"
		expect_contains "README: migc compile --dialect sqlite: SQLite's SQL" 'PRAGMA foreign_keys = OFF;' "$o"
		;;
	"migc schema")
		expect_eq "README: migc schema: exit 0" 0 "$st"
		expect_contains "README: migc schema: the whole history's schema" '"body" text' "$o"
		;;
	"migc up")
		expect_eq "README: migc up: exit 0" 0 "$st"
		expect_eq "README: migc up: into db.sqlite3" "2" \
			"$(sqlite3 db.sqlite3 'select count(*) from migc_migrations')"
		;;
	"migc status")
		expect_eq "README: migc status: exit 0" 0 "$st"
		expect_eq "README: migc status: both applied" 2 \
			"$(printf '%s\n' "$o" | grep -c -E '^[0-9]{14} +[a-z_]+ +applied ')"
		;;
	"migc down")
		expect_eq "README: migc down: exit 0" 0 "$st"
		expect_eq "README: migc down: the newest rolled back" "1" \
			"$(sqlite3 db.sqlite3 'select count(*) from migc_migrations')"
		expect_eq "README: migc down: its column gone" "" \
			"$(sqlite3 db.sqlite3 "select name from pragma_table_info('posts') where name = 'body'")"
		;;
	"migc up --db postgres://app@localhost/app")
		expect_eq "README: migc up --db postgres://...: exit 0" 0 "$st"
		[ "$st" = 0 ] || printf "%s\n" "$o"
		expect_eq "README: migc up --db postgres://...: applied there" "2" \
			"$(pg_psql -d app -At -c 'select count(*) from migc_migrations')"
		expect_eq "README: migc up --db postgres://...: the table" "body" \
			"$(pg_psql -d app -At -c "select column_name from information_schema.columns where table_name = 'posts' and column_name = 'body'")"
		;;
	*)
		fail "README shows a command line this test does not check: $line" \
			"add its check to tests/t_readme.sh"
		;;
	esac
done < <(readme_lines)
expect_eq "README: the tour was found and run" 1 "$seen_tour"

# README's sample diagnostic is what migc prints for that mistake.
cd "$SCRATCH"
mkdir -p diag/migrations
cd diag
echo 'create table comments (id bigserial primary key, content text);' \
	>migrations/20261120093000_create_comments.mig
# The file as README shows it (its first code block).
awk '/^```$/ { n++; next } n == 1 && !/^--/' "$root/README.md" | head -n 1 \
	>migrations/20261125093000_rename_comment_contents.mig
shown=$(awk '/^Mistakes are reported/ { on = 1 } on && /^```$/ { n++; next }
	on && n == 1' "$root/README.md")
st=0
got=$(migc check 2>&1 >/dev/null) || st=$?
expect_eq "README: the sample mistake is an error" 1 "$st"
expect_eq "README: the sample diagnostic is migc's" "$shown" "$got"

summary
