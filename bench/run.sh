#!/usr/bin/env bash
# bench/run.sh — `make bench`: migc against the physical limit and against
# node-pg-migrate, in one run.
#
#   1. compile: synthetic histories of 1,000, 10,000 and 50,000 migrations
#      through `migc check` and `migc compile` (each dialect), against a
#      pass that only tokenises the same files (bench/tokenize.c);
#   2. apply on PostgreSQL: 500 migrations up and down, three ways, each
#      on a fresh database: the same SQL with its ledger rows through one
#      psql process (the limit), migc up/down, node-pg-migrate;
#   3. start-up with 10,000 applied migrations: psql -c 'select 1', the
#      floor (psql reading the same ledger rows migc reads, after a stat()
#      of every migration file), migc status, a no-op migc up,
#      node-pg-migrate's no-op up;
#   4. apply on SQLite: migc against the sqlite3 shell running the same SQL;
#   5. apply on MariaDB: migc against the mariadb client running the same
#      SQL (500 migrations up and down);
#   6. writer stall: a writer's longest INSERT on a 1,000,000-row table
#      while migc applies add foreign key, set not null and create index,
#      plain and `safe;` (bench/stall.sh, its own server).
#   7. introspect on PostgreSQL: `migc introspect` of 1,000 tables with
#      their keys, constraints and indexes (target: under 1 s), against
#      psql reading the same catalog rows.
#
# Every figure is the median of several runs, with min and max; every
# ratio is taken run by run between commands run back to back (the machine
# is noisy), then summarised the same way.  Results: bench/out/results.md,
# bench/out/perf.png, and the marked region of docs/PERFORMANCE.md with
# docs/perf.png.
#
# Environment:
#   MIGC=PATH        the binary (default ./migc)
#   BENCH_QUICK=1    small sizes and single runs, to try the scripts
#                    (docs/ is then left alone)
#   BENCH_DOCS=0|1   update docs/PERFORMANCE.md and docs/perf.png
#                    (default 1, 0 with BENCH_QUICK)
#   BENCH_PHASES     which phases to run (default "1 2 3 4 5 6")
#   CC               the C compiler for the helpers (default cc)
set -eu
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
MIGC=$(cd "$root" && realpath "${MIGC:-./migc}")
BUILD=${BUILD:-$root/build}
OUT=$here/out
CC=${CC:-cc}
quick=${BENCH_QUICK:-}
phases=${BENCH_PHASES:-1 2 3 4 5 6 7}
if [ -n "$quick" ]; then docs=${BENCH_DOCS:-0}; else docs=${BENCH_DOCS:-1}; fi

if [ -n "$quick" ]; then
	sizes="200 1000"; runs_compile=2; runs_big=1
	apply_n=50; runs_apply=1
	startup_n=1000; runs_startup=3; runs_startup_node=2
else
	sizes="1000 10000 50000"; runs_compile=5; runs_big=3
	apply_n=500; runs_apply=5
	startup_n=10000; runs_startup=11; runs_startup_node=3
fi
seed=1

[ -x "$MIGC" ] || { echo "bench: $MIGC not found: run make first" >&2; exit 1; }

# What `make test` needs (PostgreSQL, the sqlite3 shell), installed as
# root when missing; and gnuplot for the plot, the same way.
"$root/scripts/deps.sh" -q test >&2
if ! command -v gnuplot >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] &&
	command -v apt-get >/dev/null 2>&1; then
	echo "bench: installing gnuplot-nox" >&2
	apt-get -q -y --no-install-recommends -o DPkg::Lock::Timeout=300 \
		install gnuplot-nox >&2 ||
		{ apt-get -q -o DPkg::Lock::Timeout=300 update >&2 &&
			apt-get -q -y --no-install-recommends \
				-o DPkg::Lock::Timeout=300 install gnuplot-nox >&2; } ||
		echo "bench: gnuplot could not be installed: no plot" >&2
fi

# shellcheck source=../tests/lib/pg.sh
. "$root/tests/lib/pg.sh"
# shellcheck source=../tests/lib/mariadb.sh
. "$root/tests/lib/mariadb.sh"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/migc-bench.XXXXXX")
# migc's compiled-history cache lives in the scratch folder of this run.
export XDG_CACHE_HOME="$SCRATCH/cache"
# SQLite files live in memory when /dev/shm is there, so the comparison
# measures the programs rather than the disk's fsync.
SHM=
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=$(mktemp -d /dev/shm/migc-bench.XXXXXX)
fi
cleanup() {
	pg_stop
	mdb_stop
	rm -rf "$SCRATCH" ${SHM:+"$SHM"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bin=$SCRATCH/bin
data=$SCRATCH/data
log=$SCRATCH/log
mkdir -p "$bin" "$data" "$OUT"
: >"$log"
notes=$SCRATCH/notes.md
: >"$notes"
res=$SCRATCH/results.md
: >"$res"

say() { printf '%s\n' "$*" >&2; }
note() { printf -- '- %s\n' "$*" >>"$notes"; say "bench: note: $*"; }

# ---- helpers: build ----

helper_cflags="-std=c11 -O2 -D_XOPEN_SOURCE=700 -Wall -Wextra"
"$CC" $helper_cflags -o "$bin/gen" "$here/gen.c"
"$CC" $helper_cflags -o "$bin/measure" "$here/measure.c"
have_tokenize=
# shellcheck disable=SC2046 # pkg-config's flags are words
if [ -f "$BUILD/libmigc.a" ] &&
	"$CC" $helper_cflags -I"$root/include" -I"$root/compiler" -I"$root/grammar" \
		-I"$BUILD/grammar" -o "$bin/tokenize" "$here/tokenize.c" \
		"$BUILD/libmigc.a" $(pkg-config --cflags --libs libpq sqlite3 \
		libcrypto jansson libmariadb) -lm 2>>"$log"; then
	have_tokenize=1
else
	note "the tokenise-only floor could not be built from $BUILD/libmigc.a"
fi
have_lintcost=
# shellcheck disable=SC2046 # pkg-config's flags are words
if [ -f "$BUILD/libmigc.a" ] &&
	"$CC" $helper_cflags -I"$root/include" -I"$root/compiler" -I"$root/grammar" \
		-I"$BUILD/grammar" -o "$bin/lintcost" "$here/lintcost.c" \
		"$BUILD/libmigc.a" $(pkg-config --cflags --libs libpq sqlite3 \
		libcrypto jansson libmariadb) -lm 2>>"$log"; then
	have_lintcost=1
else
	note "the lint cost helper could not be built from $BUILD/libmigc.a"
fi

# ---- helpers: measuring and summarising ----

# rec LABEL CMD...: run CMD once, its output thrown away (errors to the
# log), and append "seconds KiB status cpu-seconds" to $data/LABEL.  Fails
# as CMD does.
rec() {
	local label=$1
	shift
	"$bin/measure" "$data/$label" "$@" >/dev/null 2>>"$log"
}

# rec_or_note LABEL CMD...: rec, and on failure a note with the log's tail.
rec_or_note() {
	local label=$1
	if rec "$@"; then return 0; fi
	note "\`${*:2}\` failed (${label}): $(tail -n 3 "$log" | tr '\n' ' ' | cut -c1-300)"
	return 1
}

# summary FILE [COLUMN]: "median min max" of a column (default 1), or
# "- - -" when there is nothing.
summary() {
	[ -s "$1" ] || { echo "- - -"; return; }
	awk -v c="${2:-1}" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END {
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print m, v[1], v[NR]
		}'
}

# ratio A B [COLUMN]: "median min max" of A[i]/B[i], run by run, of the
# wall times (or of COLUMN: 4 for CPU time), over the runs where both
# succeeded.
ratio() {
	local f=$SCRATCH/ratio.$$
	[ -s "$data/$1" ] && [ -s "$data/$2" ] || { echo "- - -"; return; }
	paste -d ' ' "$data/$1" "$data/$2" |
		awk -v c="${3:-1}" 'NF == 8 && $(c + 4) > 0 && $3 == 0 && $7 == 0 {
			print $c / $(c + 4) }' >"$f"
	summary "$f"
}

# fmt_ms "median min max" (seconds): "12.3 ms (11.9–13.0)"
fmt_ms() {
	set -- $1
	[ "$1" != - ] || { echo "failed"; return; }
	awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {
		if (a < 0.1)
			printf "%.1f ms (%.1f–%.1f)", a * 1000, b * 1000, c * 1000
		else if (a < 10)
			printf "%.0f ms (%.0f–%.0f)", a * 1000, b * 1000, c * 1000
		else
			printf "%.1f s (%.1f–%.1f)", a, b, c
	}'
}

# fmt_x "median min max": "1.23× (1.10–1.40)"
fmt_x() {
	set -- $1
	[ "$1" != - ] || { echo "–"; return; }
	awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {
		f = a < 10 ? "%.2f" : "%.1f"
		printf f "× (" f "–" f ")", a, b, c
	}'
}

# med "median min max": the median alone.
med() { set -- $1; echo "$1"; }

# verdict CONDITION-IN-AWK VALUES...: "met" or "**missed**" (or "not
# measured" when a value is "-").  The values are $1, $2... in the awk
# condition.
verdict() {
	local cond=$1
	shift
	for v in "$@"; do [ "$v" != - ] || { echo "not measured"; return; }; done
	echo "$@" | awk "{ if ($cond) print \"met\"; else print \"**missed**\" }"
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---- the machine ----

machine() {
	local cpu mem pgv nodev npmv
	cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	pgv=$("$(pg_find_bindir)/postgres" --version 2>/dev/null || echo none)
	nodev=$(node --version 2>/dev/null || echo none)
	npmv=none
	if [ -f "$here/node_modules/node-pg-migrate/package.json" ]; then
		npmv=$(awk -F'"' '/"version"/ { print $4; exit }' \
			"$here/node_modules/node-pg-migrate/package.json")
	fi
	cat <<EOF
| | |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%M:%SZ) |
| cpu | ${cpu:-unknown}, $(nproc) cores |
| memory | $mem |
| kernel | $(uname -sr) |
| migc | $("$MIGC" --version 2>/dev/null | head -n 1) ($(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo "no git")) |
| compiler | $("$CC" --version | head -n 1) |
| PostgreSQL | $pgv |
| SQLite | sqlite3 $(sqlite3 --version 2>/dev/null | awk '{ print $1 }') |
| Node.js | $nodev, node-pg-migrate $npmv |
EOF
}

# ---- histories ----

# history N: generate (once) the history of N migrations, print its folder.
history() {
	local d=$SCRATCH/h$1
	if [ ! -d "$d" ]; then
		"$bin/gen" "$1" "$d" --seed "$seed"
	fi
	echo "$d"
}

# ---- phase 1: compile ----

phase_compile() {
	local n d runs info bytes tokens
	say "bench: phase 1: check and compile, histories of ${sizes// /, }"
	: >"$OUT/compile.dat"
	{
		echo "### 1. Compiler: check and compile"
		echo
		echo "Synthetic histories (\`bench/gen.c\`, seed $seed) through \`migc check\` and"
		echo "\`migc compile --dialect D\` (output to /dev/null), against the floor: reading"
		echo "the same files and only tokenising them (\`bench/tokenize.c\`)."
		echo
		echo "| history | command | wall time, median (min–max) | per migration | peak memory | × tokenise floor | CPU time (user+sys) | × floor, CPU |"
		echo "|---|---|---|---|---|---|---|---|"
	} >>"$res"
	for n in $sizes; do
		d=$(history "$n")
		runs=$runs_compile
		[ "$n" -lt 50000 ] || runs=$runs_big
		# One unmeasured pass fills the page cache.
		info=
		if [ -n "$have_tokenize" ]; then
			info=$("$bin/tokenize" "$d" 2>>"$log") ||
				note "tokenize failed on the history of $n"
		fi
		"$MIGC" check --dir "$d" >/dev/null 2>&1 || {
			note "migc check fails on the history of $n: $("$MIGC" check \
				--dir "$d" 2>&1 | grep -m 1 error: | cut -c1-200)"
		}
		for _ in $(seq "$runs"); do
			[ -z "$have_tokenize" ] ||
				rec "tok.$n" "$bin/tokenize" "$d" || true
			rec "check.$n" timeout 300 "$MIGC" check --dir "$d" || true
			for dl in postgres sqlite mysql; do
				rec "compile.$dl.$n" timeout 300 "$MIGC" compile \
					--dialect "$dl" --dir "$d" || true
			done
		done
		set -- $info
		bytes=${3:-?} tokens=${5:-?}
		local row label s per
		printf '%s' "$n" >>"$OUT/compile.dat"
		for label in tok check compile.postgres compile.sqlite compile.mysql; do
			case $label in
			tok) row="tokenise only" ;;
			check) row="\`migc check\`" ;;
			*) row="\`migc compile --dialect ${label#compile.}\`" ;;
			esac
			s=$(summary "$data/$label.$n")
			per=$(awk -v t="$(med "$s")" -v n="$n" 'BEGIN {
				if (t == "-") print "-"; else printf "%.1f", t * 1e6 / n }')
			printf ' %s' "$per" >>"$OUT/compile.dat"
			if [ "$label" != tok ] && [ -f "$data/$label.$n" ] &&
				awk '$3 != 0 { f = 1 } END { exit !f }' "$data/$label.$n"; then
				note "$row failed on the history of $n (exit $(awk '$3 != 0 { print $3; exit }' "$data/$label.$n"))"
			fi
			[ -s "$data/$label.$n" ] || continue
			printf '| %s migrations, %s bytes, %s tokens | %s | %s | %s µs | %s MB | %s | %s | %s |\n' \
				"$n" "$bytes" "$tokens" "$row" "$(fmt_ms "$s")" "$per" \
				"$(mb "$(med "$(summary "$data/$label.$n" 2)")")" \
				"$([ "$label" = tok ] && echo 1× || fmt_x "$(ratio "$label.$n" "tok.$n")")" \
				"$(fmt_ms "$(summary "$data/$label.$n" 4)")" \
				"$([ "$label" = tok ] && echo 1× || fmt_x "$(ratio "$label.$n" "tok.$n" 4)")" >>"$res"
		done
		echo >>"$OUT/compile.dat"
		say "bench:   $n migrations: compile (postgres) $(fmt_ms "$(summary "$data/compile.postgres.$n")")"
	done
	echo >>"$res"
	lint_cost
	shapes
}

# What the lint adds to check (target: under 20% on 10,000 migrations):
# bench/lintcost.c, lint off and on alternately in one process.
lint_cost() {
	local n=10000 d out dl
	[ -n "$have_lintcost" ] || return 0
	[ -n "$quick" ] && n=1000
	d=$(history "$n")
	{
		echo "Lint (\`bench/lintcost.c\`): \`migc check\`'s work on the history of $n with"
		echo "the lint off and on, alternately in one process, findings printed to"
		echo "/dev/null; the ratio is taken run by run."
		echo
		echo "| dialect | lint off, median | lint on, median | on / off, median | findings |"
		echo "|---|---|---|---|---|"
	} >>"$res"
	for dl in postgres mysql; do
		out=$("$bin/lintcost" "$d" "$((runs_compile * 2 + 1))" "$dl" 2>>"$log") || {
			note "lintcost failed on the history of $n ($dl)"
			continue
		}
		set -- $out
		echo "$dl $6" >>"$data/lint.$n"
		printf '| %s | %.0f ms | %.0f ms | %s× | %s |\n' "$dl" \
			"$(awk -v t="$2" 'BEGIN { print t * 1000 }')" \
			"$(awk -v t="$4" 'BEGIN { print t * 1000 }')" "$6" "$8" >>"$res"
	done
	echo >>"$res"
}

# Hostile shapes that once cost quadratic time and memory: a type with
# 40,000 arguments (refused at the 17th) and 10,000 `create index on t (b);`
# with derived names (t_b_idx, t_b_idx1, ...).  Both must stay linear.
shapes() {
	local d=$SCRATCH/shapes label s
	mkdir -p "$d/args/migrations" "$d/idx/migrations"
	printf 'create table t (a integer, b numeric(%s1));\n' \
		"$(printf '1,%.0s' $(seq 39999))" >"$d/args/migrations/0001_t.mig"
	{
		echo 'create table t (a integer, b integer);'
		for _ in $(seq 10000); do echo 'create index on t (b);'; done
	} >"$d/idx/migrations/0001_t.mig"
	for _ in $(seq "$runs_compile"); do
		rec shape.args timeout 300 "$MIGC" check --dir "$d/args/migrations" || true
		rec shape.idx timeout 300 "$MIGC" compile --dir "$d/idx/migrations" || true
	done
	{
		echo "Hostile shapes (each once quadratic): \`migc check\` of a type with 40,000"
		echo "arguments (refused at the first past the cap of 16), \`migc compile\` of"
		echo "10,000 \`create index on t (b);\` with derived names."
		echo
		echo "| shape | wall time, median (min–max) | peak memory |"
		echo "|---|---|---|"
		for label in args idx; do
			s=$(summary "$data/shape.$label")
			printf '| %s | %s | %s MB |\n' \
				"$([ $label = args ] && echo "40,000 type arguments (80 KB)" ||
					echo "10,000 derived index names")" \
				"$(fmt_ms "$s")" \
				"$(mb "$(med "$(summary "$data/shape.$label" 2)")")"
		done
		echo
	} >>"$res"
}

# ---- phase 2: apply on PostgreSQL ----

# dump DB: the schema without the ledgers of migc and node-pg-migrate.
dump() {
	"$PG_BINDIR/pg_dump" --schema-only --no-owner --no-privileges \
		-T public.migc_migrations -T 'public.pgmigrations*' -d "$1" |
		grep -v -E '^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)' ||
		true
}

dropdb() { printf 'DROP DATABASE :"name";\n' | pg_psql -d postgres -v name="$1"; }

have_node=
setup_node() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		note "Node.js or npm is missing: node-pg-migrate skipped"
		return
	fi
	if [ ! -x "$here/node_modules/.bin/node-pg-migrate" ]; then
		say "bench: installing node-pg-migrate into bench/node_modules"
		if ! (cd "$here" && timeout 300 npm ci --no-audit --no-fund \
			--loglevel=error >>"$log" 2>&1); then
			note "npm ci failed: node-pg-migrate skipped"
			return
		fi
	fi
	have_node=1
}

# apply_pg_limit RUN, apply_pg_migc RUN DIR N, apply_pg_npm RUN N: one run
# up and down on a fresh database; the first run keeps the schema dumps.
apply_pg_limit() {
	local db=lim$1
	pg_createdb "$db"
	rec_or_note pg.lim.up timeout 600 "$PG_BINDIR/psql" -X -q \
		-v ON_ERROR_STOP=1 -d "$db" -f "$SCRATCH/limit-up.sql" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.lim.up"
	rec_or_note pg.lim.down timeout 600 "$PG_BINDIR/psql" -X -q \
		-v ON_ERROR_STOP=1 -d "$db" -f "$SCRATCH/limit-down.sql" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.lim.down"
	dropdb "$db"
}

apply_pg_migc() {
	local db=migc$1 url
	pg_createdb "$db"
	url=$(pg_url "$db")
	rec_or_note pg.migc.up timeout 600 "$MIGC" up --quiet --db "$url" \
		--dir "$2" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.migc.up"
	rec_or_note pg.migc.down timeout 600 "$MIGC" down --quiet \
		--steps "$3" --db "$url" --dir "$2" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.migc.down"
	dropdb "$db"
}

apply_pg_npm() {
	local db=npm$1
	pg_createdb "$db"
	DATABASE_URL=$(pg_url "$db") rec_or_note pg.npm.up timeout 600 \
		npm_migrate_bin up -m "$SCRATCH/js$2" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.npm.up"
	DATABASE_URL=$(pg_url "$db") rec_or_note pg.npm.down timeout 600 \
		npm_migrate_bin down "$2" -m "$SCRATCH/js$2" || true
	[ "$1" -gt 1 ] || dump "$db" >"$SCRATCH/dump.npm.down"
	dropdb "$db"
}

phase_apply_pg() {
	local d n=$apply_n i same_up same_down
	say "bench: phase 2: apply $n migrations on PostgreSQL, up and down"
	d=$(history "$n")
	"$MIGC" compile --dialect postgres --dir "$d" >"$SCRATCH/pg.up"
	"$MIGC" compile --dialect postgres --down --dir "$d" >"$SCRATCH/pg.down"
	awk -v mode=up -v db=pg -f "$here/split.awk" "$SCRATCH/pg.down" \
		"$SCRATCH/pg.up" >"$SCRATCH/limit-up.sql"
	awk -v mode=down -v db=pg -f "$here/split.awk" "$SCRATCH/pg.down" \
		>"$SCRATCH/limit-down.sql"
	if [ -n "$have_node" ]; then
		mkdir -p "$SCRATCH/js$n"
		awk -v mode=js -v dir="$SCRATCH/js$n" -f "$here/split.awk" \
			"$SCRATCH/pg.down" "$SCRATCH/pg.up"
	fi
	# Each run on a fresh server (it slows down as databases come and go),
	# the three in a rotating order, so that none is always first.
	local order k
	for i in $(seq "$runs_apply"); do
		pg_stop
		pg_start
		case $(( (i - 1) % 3 )) in
		0) order="lim migc npm" ;;
		1) order="migc npm lim" ;;
		*) order="npm lim migc" ;;
		esac
		for k in $order; do
			case $k in
			lim) apply_pg_limit "$i" ;;
			migc) apply_pg_migc "$i" "$d" "$n" ;;
			npm) [ -z "$have_node" ] || apply_pg_npm "$i" "$n" ;;
			esac
		done
		say "bench:   run $i: limit $(tail -n 1 "$data/pg.lim.up" | cut -d' ' -f1) s up," \
			"migc $(tail -n 1 "$data/pg.migc.up" 2>/dev/null | cut -d' ' -f1) s up"
	done
	# The same schema, whoever applied it.
	local who
	same_up="same"
	same_down="same"
	for who in migc npm; do
		[ -f "$SCRATCH/dump.$who.up" ] || continue
		if ! cmp -s "$SCRATCH/dump.lim.up" "$SCRATCH/dump.$who.up"; then
			same_up="**differs** ($who)"
			diff "$SCRATCH/dump.lim.up" "$SCRATCH/dump.$who.up" |
				head -n 20 >>"$log" || true
		fi
		if ! cmp -s "$SCRATCH/dump.lim.down" "$SCRATCH/dump.$who.down"; then
			same_down="**differs** ($who)"
		fi
	done
	local tables
	tables=$(grep -c '^CREATE TABLE' "$SCRATCH/dump.lim.up" || true)

	{
		echo "### 2. Apply on PostgreSQL: $n migrations up, then down"
		echo
		echo "The history of $n (the first $n of the histories above); each of $runs_apply runs on a"
		echo "fresh throwaway server (Unix socket, fsync off), a fresh database for each"
		echo "contestant, the three in a rotating order.  Three ways:"
		echo
		echo "- **limit**: the SQL of \`migc compile\`, each migration in its own transaction"
		echo "  with its ledger row (INSERT with its up and down SQL; DELETE going down), one"
		echo "  \`psql\` process for all;"
		echo "- **migc**: \`migc up\`, then \`migc down --steps $n\`;"
		echo "- **node-pg-migrate**: the same SQL as its migrations (one \`pgm.sql()\` per"
		echo "  statement), \`up\` then \`down $n\`, each migration in its own transaction"
		echo "  (\`--no-single-transaction\`, as the other two)."
		echo
		echo "Schema after up (pg_dump --schema-only, ledgers aside, $tables tables): $same_up."
		echo "After down: $same_down."
		echo
		echo "| | up | down | × limit (up / down) | node-pg-migrate ÷ migc (up / down) |"
		echo "|---|---|---|---|---|"
		echo "| limit (one psql) | $(fmt_ms "$(summary "$data/pg.lim.up")") | $(fmt_ms "$(summary "$data/pg.lim.down")") | 1× | |"
		echo "| migc | $(fmt_ms "$(summary "$data/pg.migc.up")") | $(fmt_ms "$(summary "$data/pg.migc.down")") | $(fmt_x "$(ratio pg.migc.up pg.lim.up)") / $(fmt_x "$(ratio pg.migc.down pg.lim.down)") | |"
		if [ -n "$have_node" ]; then
			echo "| node-pg-migrate | $(fmt_ms "$(summary "$data/pg.npm.up")") | $(fmt_ms "$(summary "$data/pg.npm.down")") | $(fmt_x "$(ratio pg.npm.up pg.lim.up)") / $(fmt_x "$(ratio pg.npm.down pg.lim.down)") | $(fmt_x "$(ratio pg.npm.up pg.migc.up)") / $(fmt_x "$(ratio pg.npm.down pg.migc.down)") |"
		fi
		echo
	} >>"$res"
}

# ---- phase 3: start-up ----

phase_startup() {
	local n=$startup_n d url i
	say "bench: phase 3: start-up with $n applied migrations"
	d=$(history "$n")
	pg_stop
	pg_start
	pg_createdb startup
	url=$(pg_url startup)
	say "bench:   applying $n migrations with migc (once, to set up)"
	rec_or_note setup.migc timeout 900 "$MIGC" up --quiet --db "$url" \
		--dir "$d" || true
	if [ -n "$have_node" ]; then
		"$MIGC" compile --dialect postgres --dir "$d" >"$SCRATCH/pgs.up"
		"$MIGC" compile --dialect postgres --down --dir "$d" >"$SCRATCH/pgs.down"
		mkdir -p "$SCRATCH/js$n"
		awk -v mode=js -v dir="$SCRATCH/js$n" -f "$here/split.awk" \
			"$SCRATCH/pgs.down" "$SCRATCH/pgs.up"
		export DATABASE_URL=$url
		# Recorded as run without running them: the same ledger state.
		rec_or_note setup.npm timeout 900 npm_migrate_bin up --fake \
			-m "$SCRATCH/js$n" || true
	fi
	local psql="$PG_BINDIR/psql"
	# One unmeasured run of each fills the caches (page cache, the
	# server's catalog caches, node's compile cache).
	"$psql" -X -q -d "$url" -c 'select 1' >/dev/null 2>>"$log" || true
	"$MIGC" status --db "$url" --dir "$d" >/dev/null 2>>"$log" || true
	if [ -n "$have_node" ]; then
		timeout 300 npm_migrate_bin up -m "$SCRATCH/js$n" >/dev/null \
			2>>"$log" || true
	fi
	# The floor of a status that trusts no folder mtime: a stat() of every
	# file (find -printf of size, mtime and inode), then one psql reading
	# the ledger rows migc reads, in one shell.
	local ledger_sql="select version, name, checksum, to_char(applied_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from migc_migrations"
	local floor=(sh -c 'find "$1" -name "*.mig" -printf "%s %T@ %i\n" >/dev/null && exec "$2" -X -q -A -t -d "$3" -c "$4" >/dev/null' floor "$d" "$psql" "$url" "$ledger_sql")
	"${floor[@]}" 2>>"$log" || true
	for i in $(seq "$runs_startup"); do
		rec_or_note st.psql "$psql" -X -q -d "$url" -c 'select 1' || true
		rec_or_note st.floor "${floor[@]}" || true
		rec_or_note st.status "$MIGC" status --db "$url" --dir "$d" || true
		rec_or_note st.up "$MIGC" up --db "$url" --dir "$d" || true
		# node-pg-migrate takes seconds: only the first few runs.
		if [ -n "$have_node" ] && [ "$i" -le "$runs_startup_node" ]; then
			rec_or_note st.npm timeout 300 npm_migrate_bin up \
				-m "$SCRATCH/js$n" || true
		fi
	done
	unset DATABASE_URL
	{
		echo "### 3. Start-up: $n applied migrations, nothing pending"
		echo
		echo "Wall time of the whole process, from fork to exit: median of $runs_startup runs"
		echo "($runs_startup_node for node-pg-migrate, each paired with the runs beside it)."
		echo "Setting up: \`migc up\` of the $n took $(fmt_ms "$(summary "$data/setup.migc")");"
		echo "node-pg-migrate's ledger was filled with \`up --fake\`."
		echo
		echo "| | time | CPU (user+sys) | peak memory | × psql | node-pg-migrate ÷ this |"
		echo "|---|---|---|---|---|---|"
		echo "| \`psql -c 'select 1'\` | $(fmt_ms "$(summary "$data/st.psql")") | $(fmt_ms "$(summary "$data/st.psql" 4)") | $(mb "$(med "$(summary "$data/st.psql" 2)")") MB | 1× | $(fmt_x "$(ratio st.npm st.psql)") |"
		echo "| floor: \`stat\` of each file, then \`psql\` reading the ledger | $(fmt_ms "$(summary "$data/st.floor")") | $(fmt_ms "$(summary "$data/st.floor" 4)") | $(mb "$(med "$(summary "$data/st.floor" 2)")") MB | $(fmt_x "$(ratio st.floor st.psql)") | $(fmt_x "$(ratio st.npm st.floor)") |"
		echo "| \`migc status\` | $(fmt_ms "$(summary "$data/st.status")") | $(fmt_ms "$(summary "$data/st.status" 4)") | $(mb "$(med "$(summary "$data/st.status" 2)")") MB | $(fmt_x "$(ratio st.status st.psql)") | $(fmt_x "$(ratio st.npm st.status)") |"
		echo "| \`migc up\` (no-op) | $(fmt_ms "$(summary "$data/st.up")") | $(fmt_ms "$(summary "$data/st.up" 4)") | $(mb "$(med "$(summary "$data/st.up" 2)")") MB | $(fmt_x "$(ratio st.up st.psql)") | $(fmt_x "$(ratio st.npm st.up)") |"
		if [ -n "$have_node" ]; then
			echo "| node-pg-migrate \`up\` (no-op) | $(fmt_ms "$(summary "$data/st.npm")") | $(fmt_ms "$(summary "$data/st.npm" 4)") | $(mb "$(med "$(summary "$data/st.npm" 2)")") MB | $(fmt_x "$(ratio st.npm st.psql)") | 1× |"
		fi
		echo
	} >>"$res"
}

# ---- phase 4: apply on SQLite ----

phase_apply_sqlite() {
	local d n=$apply_n i a b same_up=same same_down=same
	local where=${SHM:-$SCRATCH}
	say "bench: phase 4: apply $n migrations on SQLite, up and down"
	d=$(history "$n")
	"$MIGC" compile --dialect sqlite --dir "$d" >"$SCRATCH/sq.up"
	"$MIGC" compile --dialect sqlite --down --dir "$d" >"$SCRATCH/sq.down"
	awk -v mode=up -v db=sqlite -f "$here/split.awk" "$SCRATCH/sq.down" \
		"$SCRATCH/sq.up" >"$SCRATCH/sq-up.sql"
	awk -v mode=down -v db=sqlite -f "$here/split.awk" "$SCRATCH/sq.down" \
		>"$SCRATCH/sq-down.sql"
	for i in $(seq "$runs_apply"); do
		a=$where/limit$i.db
		b=$where/migc$i.db
		# Which goes first alternates from run to run.
		if [ $((i % 2)) -eq 1 ]; then
			rec_or_note sq.lim.up timeout 600 sqlite3 -bail "$a" \
				".read $SCRATCH/sq-up.sql" || true
		fi
		rec_or_note sq.migc.up timeout 600 "$MIGC" up --quiet \
			--db "sqlite:$b" --dir "$d" || true
		if [ $((i % 2)) -eq 0 ]; then
			rec_or_note sq.lim.up timeout 600 sqlite3 -bail "$a" \
				".read $SCRATCH/sq-up.sql" || true
		fi
		if [ "$i" -eq 1 ]; then
			sqlite3 "$a" .schema | grep -v migc_migrations >"$SCRATCH/sq.a" || true
			sqlite3 "$b" .schema | grep -v migc_migrations >"$SCRATCH/sq.b" || true
			cmp -s "$SCRATCH/sq.a" "$SCRATCH/sq.b" || same_up="**differs**"
		fi
		if [ $((i % 2)) -eq 1 ]; then
			rec_or_note sq.lim.down timeout 600 sqlite3 -bail "$a" \
				".read $SCRATCH/sq-down.sql" || true
		fi
		rec_or_note sq.migc.down timeout 600 "$MIGC" down --quiet \
			--steps "$n" --db "sqlite:$b" --dir "$d" || true
		if [ $((i % 2)) -eq 0 ]; then
			rec_or_note sq.lim.down timeout 600 sqlite3 -bail "$a" \
				".read $SCRATCH/sq-down.sql" || true
		fi
		if [ "$i" -eq 1 ]; then
			[ "$(sqlite3 "$a" "select count(*) from sqlite_master where name not like 'migc_migrations%' and name not like 'sqlite_%'")" = \
			  "$(sqlite3 "$b" "select count(*) from sqlite_master where name not like 'migc_migrations%' and name not like 'sqlite_%'")" ] ||
				same_down="**differs**"
		fi
		rm -f "$a" "$b" "$a-journal" "$b-journal"
	done
	{
		echo "### 4. Apply on SQLite: $n migrations up, then down"
		echo
		echo "migc against the \`sqlite3\` shell running the same SQL (\`migc compile --dialect"
		echo "sqlite\`, each migration in its own transaction with its ledger row), one process"
		echo "each way, on a fresh database file$([ -n "$SHM" ] && echo " in /dev/shm (memory: the programs, not the disk)")."
		echo "Schema after up (\`.schema\`, ledger aside): $same_up.  After down: $same_down."
		echo
		echo "| | up | down | × limit (up / down) |"
		echo "|---|---|---|---|"
		echo "| limit (one sqlite3) | $(fmt_ms "$(summary "$data/sq.lim.up")") | $(fmt_ms "$(summary "$data/sq.lim.down")") | 1× |"
		echo "| migc | $(fmt_ms "$(summary "$data/sq.migc.up")") | $(fmt_ms "$(summary "$data/sq.migc.down")") | $(fmt_x "$(ratio sq.migc.up sq.lim.up)") / $(fmt_x "$(ratio sq.migc.down sq.lim.down)") |"
		echo
	} >>"$res"
}

# ---- phase 5: apply on MariaDB ----

# my_schema DB: the schema without migc's tables (the ledger and its
# progress table, whole CREATE TABLE statements).
my_schema() {
	mdb_dump_schema "$1" | awk '
		/^CREATE TABLE `migc_migrations/ { skip = 1 }
		!skip { print }
		skip && /;$/ { skip = 0 }'
}

phase_apply_mariadb() {
	local d n=$apply_n i k order same_up=same same_down=same
	say "bench: phase 5: apply $n migrations on MariaDB, up and down"
	d=$(history "$n")
	"$MIGC" compile --dialect mysql --dir "$d" >"$SCRATCH/my.up"
	"$MIGC" compile --dialect mysql --down --dir "$d" >"$SCRATCH/my.down"
	awk -v mode=up -v db=mysql -f "$here/split.awk" "$SCRATCH/my.down" \
		"$SCRATCH/my.up" >"$SCRATCH/my-up.sql"
	awk -v mode=down -v db=mysql -f "$here/split.awk" "$SCRATCH/my.down" \
		>"$SCRATCH/my-down.sql"
	mdb_start
	local client=(mariadb --no-defaults --socket="$MDB_SOCKET" --user=root)
	for i in $(seq "$runs_apply"); do
		mdb_createdb "lim$i"
		mdb_createdb "migc$i"
		local url="mysql://root@/migc$i?socket=$MDB_SOCKET"
		# Which goes first alternates from run to run.
		if [ $((i % 2)) -eq 1 ]; then order="lim migc"; else order="migc lim"; fi
		for k in $order; do
			case $k in
			lim) rec_or_note my.lim.up timeout 900 "${client[@]}" "lim$i" \
				-e "source $SCRATCH/my-up.sql" || true ;;
			migc) rec_or_note my.migc.up timeout 900 "$MIGC" up --quiet \
				--db "$url" --dir "$d" || true ;;
			esac
		done
		if [ "$i" -eq 1 ]; then
			my_schema "lim$i" >"$SCRATCH/my.a" || true
			my_schema "migc$i" >"$SCRATCH/my.b" || true
			cmp -s "$SCRATCH/my.a" "$SCRATCH/my.b" || {
				same_up="**differs**"
				diff "$SCRATCH/my.a" "$SCRATCH/my.b" | head -n 20 >>"$log" || true
			}
		fi
		for k in $order; do
			case $k in
			lim) rec_or_note my.lim.down timeout 900 "${client[@]}" "lim$i" \
				-e "source $SCRATCH/my-down.sql" || true ;;
			migc) rec_or_note my.migc.down timeout 900 "$MIGC" down --quiet \
				--steps "$n" --db "$url" --dir "$d" || true ;;
			esac
		done
		if [ "$i" -eq 1 ]; then
			[ "$(my_schema "lim$i")" = "$(my_schema "migc$i")" ] ||
				same_down="**differs**"
		fi
		mdb_sql -e "DROP DATABASE lim$i; DROP DATABASE migc$i"
		say "bench:   run $i: limit $(tail -n 1 "$data/my.lim.up" | cut -d' ' -f1) s up," \
			"migc $(tail -n 1 "$data/my.migc.up" 2>/dev/null | cut -d' ' -f1) s up"
	done
	local ver
	ver=$("${client[@]}" -N -e 'select version()' 2>/dev/null || echo unknown)
	mdb_stop
	{
		echo "### 5. Apply on MariaDB: $n migrations up, then down"
		echo
		echo "migc against the \`mariadb\` client running the same SQL (\`migc compile --dialect"
		echo "mysql\`: no transaction, MySQL's DDL commits on its own; each migration's ledger"
		echo "row after its last statement), one process each way, on a fresh database of one"
		echo "throwaway server (MariaDB $ver, Unix socket), the two in alternating order."
		echo "The client sends each statement, ledger rows included, in a round trip of its"
		echo "own; migc sends a statement's progress record with it and a migration's ledger row"
		echo "with its last statement.  Schema after up (\`mariadb-dump --no-data\`, ledger"
		echo "aside): $same_up.  After down: $same_down."
		echo
		echo "| | up | down | × limit (up / down) |"
		echo "|---|---|---|---|"
		echo "| limit (one mariadb) | $(fmt_ms "$(summary "$data/my.lim.up")") | $(fmt_ms "$(summary "$data/my.lim.down")") | 1× |"
		echo "| migc | $(fmt_ms "$(summary "$data/my.migc.up")") | $(fmt_ms "$(summary "$data/my.migc.down")") | $(fmt_x "$(ratio my.migc.up my.lim.up)") / $(fmt_x "$(ratio my.migc.down my.lim.down)") |"
		echo
	} >>"$res"
}

# ---- targets ----

targets() {
	local lin
	local worst_c=- worst_m=- worst_x=- worst_cpu=-
	if [ -s "$OUT/compile.dat" ] && grep -q '^10000 ' "$OUT/compile.dat"; then
		# The slowest dialect counts.
		worst_c=$(for dl in postgres sqlite mysql; do med "$(summary "$data/compile.$dl.10000")"; done | sort -g | tail -n 1)
		worst_cpu=$(for dl in postgres sqlite mysql; do med "$(summary "$data/compile.$dl.10000" 4)"; done | sort -g | tail -n 1)
		worst_m=$(for dl in postgres sqlite mysql; do med "$(summary "$data/compile.$dl.10000" 2)"; done | sort -g | tail -n 1)
		worst_x=$(for dl in postgres sqlite mysql; do med "$(ratio "compile.$dl.10000" tok.10000)"; done | sort -g | tail -n 1)
	fi
	# Linear: the time per migration at the largest size within 1.5× of
	# the smallest, for the slowest command.
	lin=-
	if [ -s "$OUT/compile.dat" ]; then
		lin=$(awk 'NR == 1 { for (i = 3; i <= NF; i++) a[i] = $i }
			{ for (i = 3; i <= NF; i++) b[i] = $i }
			END { w = 0; for (i in a) if (a[i] > 0 && b[i] / a[i] > w) w = b[i] / a[i]
			      printf "%.2f", w }' "$OUT/compile.dat")
	fi
	local up down nup ndown sst sup nst fst fup
	up=$(med "$(ratio pg.migc.up pg.lim.up)")
	down=$(med "$(ratio pg.migc.down pg.lim.down)")
	nup=$(med "$(ratio pg.npm.up pg.migc.up)")
	ndown=$(med "$(ratio pg.npm.down pg.migc.down)")
	sst=$(med "$(summary "$data/st.status")")
	sup=$(med "$(summary "$data/st.up")")
	nst=$(med "$(ratio st.npm st.up)")
	local nst2 myup mydown
	nst2=$(med "$(ratio st.npm st.status)")
	fst=$(med "$(ratio st.status st.floor)")
	fup=$(med "$(ratio st.up st.floor)")
	myup=$(med "$(ratio my.migc.up my.lim.up)")
	mydown=$(med "$(ratio my.migc.down my.lim.down)")
	{
		echo "### Targets"
		echo
		echo "| target | measured | |"
		echo "|---|---|---|"
		echo "| apply: migc up and down at or under 1.0× the one-psql limit | up $(fmt_x "$(ratio pg.migc.up pg.lim.up)"), down $(fmt_x "$(ratio pg.migc.down pg.lim.down)") | $(verdict '$1 <= 1.0 && $2 <= 1.0' "$up" "$down") |"
		echo "| apply: migc at least 2× faster than node-pg-migrate | up $(fmt_x "$(ratio pg.npm.up pg.migc.up)"), down $(fmt_x "$(ratio pg.npm.down pg.migc.down)") | $(verdict '$1 >= 2 && $2 >= 2' "$nup" "$ndown") |"
		echo "| apply on MariaDB: migc up and down at most 1.1× the one-\`mariadb\` limit | up $(fmt_x "$(ratio my.migc.up my.lim.up)"), down $(fmt_x "$(ratio my.migc.down my.lim.down)") | $(verdict '$1 <= 1.1 && $2 <= 1.1' "$myup" "$mydown") |"
		echo "| start-up: \`migc status\` and a no-op \`migc up\` under 25 ms with $startup_n applied | status $(fmt_ms "$(summary "$data/st.status")"), up $(fmt_ms "$(summary "$data/st.up")") | $(verdict '$1 < 0.025 && $2 < 0.025' "$sst" "$sup") |"
		echo "| start-up: \`migc status\` and a no-op \`migc up\` at most 1.2× the floor (stat of each file, psql reading the ledger), paired | status $(fmt_x "$(ratio st.status st.floor)"), up $(fmt_x "$(ratio st.up st.floor)") | $(verdict '$1 <= 1.2 && $2 <= 1.2' "$fst" "$fup") |"
		echo "| start-up: ≥ 20× faster than node-pg-migrate's no-op up | status $(fmt_x "$(ratio st.npm st.status)"), up $(fmt_x "$(ratio st.npm st.up)") | $(verdict '$1 >= 20 && $2 >= 20' "$nst2" "$nst") |"
		echo "| compile: 10,000 migrations checked and compiled in under 0.5 s (slowest dialect) | $(awk -v t="$worst_c" -v u="$worst_cpu" 'BEGIN { if (t == "-") print "–"; else printf "%.0f ms (CPU %.0f ms)", t * 1000, u * 1000 }') | $(verdict '$1 < 0.5' "$worst_c") |"
		echo "| compile: peak memory under 100 MB (10,000) | $([ "$worst_m" = - ] && echo – || echo "$(mb "$worst_m") MB") | $(verdict '$1 < 102400' "$worst_m") |"
		echo "| compile: within 10× of the tokenise-only floor (10,000) | $([ "$worst_x" = - ] && echo – || awk -v x="$worst_x" 'BEGIN { printf "%.1f×", x }') | $(verdict '$1 <= 10' "$worst_x") |"
		local lpg=- lmy=-
		if [ -s "$data/lint.10000" ]; then
			lpg=$(awk '$1 == "postgres" { print $2 }' "$data/lint.10000")
			lmy=$(awk '$1 == "mysql" { print $2 }' "$data/lint.10000")
		fi
		echo "| lint: adds under 20% to \`migc check\` on 10,000 migrations | postgres ${lpg}×, mysql ${lmy}× | $(verdict '$1 < 1.2 && $2 < 1.2' "${lpg:--}" "${lmy:--}") |"
		echo "| compile: time per migration does not grow with the history (largest ÷ smallest size, per migration, worst command) | $([ "$lin" = - ] && echo – || echo "${lin}×") | $(verdict '$1 <= 1.5' "$lin") |"
		echo
	} >>"$res"
}

# ---- the plot ----

plot() {
	command -v gnuplot >/dev/null 2>&1 || { note "gnuplot missing: no plot"; return; }
	local f=$OUT/apply.dat g=$OUT/startup.dat gp=$SCRATCH/perf.gp k
	: >"$f"
	for k in "pg.lim.up limit-up" "pg.migc.up migc-up" "pg.npm.up node-pg-migrate-up" \
		"pg.lim.down limit-down" "pg.migc.down migc-down" \
		"pg.npm.down node-pg-migrate-down"; do
		set -- $k
		[ -s "$data/$1" ] || continue
		echo "$2 $(summary "$data/$1")" >>"$f"
	done
	: >"$g"
	for k in "st.psql psql-select-1" "st.status migc-status" \
		"st.up migc-up-no-op" "st.npm node-pg-migrate-up-no-op"; do
		set -- $k
		[ -s "$data/$1" ] || continue
		summary "$data/$1" | awk -v l="$2" '{ print l, $1 * 1000, $2 * 1000, $3 * 1000 }' >>"$g"
	done
	{
		echo 'set terminal pngcairo size 1500,480 font "sans,10"'
		echo "set output \"$OUT/perf.png\""
		echo "set multiplot layout 1,3 title \"migc benchmarks, $(date -u +%Y-%m-%d): medians\""
		echo 'set title "check and compile: time per migration"'
		echo 'set xlabel "migrations in the history"'
		echo 'set ylabel "microseconds per migration"'
		echo 'set logscale x'
		echo 'set key below'
		echo 'set grid'
		echo 'set yrange [0:*]'
		echo 'set xrange [100:100000]'
		if [ -s "$OUT/compile.dat" ]; then
			echo "plot \"$OUT/compile.dat\" using 1:2 with linespoints title \"tokenise only\", \\"
			echo '  "" using 1:3 with linespoints title "migc check", \'
			echo '  "" using 1:4 with linespoints title "compile postgres", \'
			echo '  "" using 1:5 with linespoints title "compile sqlite", \'
			echo '  "" using 1:6 with linespoints title "compile mysql"'
		fi
		echo 'unset logscale x'
		echo 'set xrange [-0.5:*]'
		echo "set title \"apply $apply_n migrations on PostgreSQL (bars: min to max)\""
		echo 'set xlabel ""'
		echo 'set ylabel "seconds"'
		echo 'set style fill solid 0.6'
		echo 'set boxwidth 0.6'
		echo 'set xtics rotate by -30'
		echo 'set key off'
		if [ -s "$f" ]; then
			echo "plot \"$f\" using 0:2:xtic(1) with boxes, \\"
			echo '  "" using 0:2:3:4 with yerrorbars lc rgb "black" pt 0'
		fi
		echo "set title \"start-up with $startup_n applied (log scale)\""
		echo 'set ylabel "milliseconds"'
		echo 'set logscale y'
		echo 'set yrange [1:*]'
		if [ -s "$g" ]; then
			echo "plot \"$g\" using 0:2:xtic(1) with boxes, \\"
			echo '  "" using 0:2:3:4 with yerrorbars lc rgb "black" pt 0'
		fi
		echo 'unset multiplot'
	} >"$gp"
	gnuplot "$gp" >>"$log" 2>&1 || note "gnuplot failed"
}

# ---- docs ----

update_docs() {
	local doc=$root/docs/PERFORMANCE.md
	[ "$docs" = 1 ] || return 0
	if [ ! -f "$doc" ] || ! grep -q '<!-- bench:begin -->' "$doc"; then
		note "docs/PERFORMANCE.md has no <!-- bench:begin --> marker: not updated"
		return 0
	fi
	awk -v res="$OUT/results.md" '
		/<!-- bench:end -->/ { skip = 0 }
		!skip { print }
		/<!-- bench:begin -->/ {
			while ((getline l < res) > 0) print l
			close(res)
			skip = 1
		}' "$doc" >"$SCRATCH/PERFORMANCE.md"
	cat "$SCRATCH/PERFORMANCE.md" >"$doc"
	[ ! -f "$OUT/perf.png" ] || cp "$OUT/perf.png" "$root/docs/perf.png"
	say "bench: updated docs/PERFORMANCE.md and docs/perf.png"
}

# ---- phase 7: introspect on PostgreSQL ----

# introspect_sql N: N tables as an application has them: a serial key,
# text, numeric, timestamptz and boolean columns with defaults, a unique
# and a check constraint, a foreign key to the table before, an index and
# a partial index.
introspect_sql() {
	awk -v n="$1" 'BEGIN {
		print "BEGIN;"
		for (i = 1; i <= n; i++) {
			printf "CREATE TABLE t%d (id serial PRIMARY KEY, code varchar(40) NOT NULL UNIQUE, ", i
			printf "name text, amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0), "
			printf "created_at timestamptz NOT NULL DEFAULT now(), active boolean NOT NULL DEFAULT true"
			if (i > 1) printf ", parent_id integer REFERENCES t%d (id) ON DELETE CASCADE", i - 1
			print ");"
			printf "CREATE INDEX t%d_name_idx ON t%d (name);\n", i, i
			printf "CREATE INDEX t%d_recent_idx ON t%d (created_at) WHERE active;\n", i, i
		}
		print "COMMIT;"
	}'
}

phase_introspect() {
	local n=1000 runs=11 i url
	[ -n "$quick" ] && runs=3
	say "bench: phase 7: introspect $n tables on PostgreSQL"
	pg_stop
	pg_start
	pg_createdb intro
	url=$(pg_url intro)
	introspect_sql "$n" | pg_psql -d intro >/dev/null
	# The floor: the same catalogs read by psql (tables, columns,
	# constraints, indexes), with no processing.
	cat >"$SCRATCH/intro-floor.sql" <<'SQL'
SELECT c.oid, c.relname FROM pg_class c WHERE c.relkind = 'r';
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid)
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attnum > 0;
SELECT conrelid, conname, pg_get_constraintdef(oid) FROM pg_constraint;
SELECT indexrelid, pg_get_indexdef(indexrelid) FROM pg_index;
SQL
	for i in $(seq "$runs"); do
		rec_or_note intro.migc "$MIGC" introspect --db "$url" || true
		rec_or_note intro.floor "$PG_BINDIR/psql" -X -q -d intro -f "$SCRATCH/intro-floor.sql" || true
	done
	"$MIGC" introspect --db "$url" >"$SCRATCH/intro.mig"
	local tables indexes t med_s verdict
	tables=$(grep -c '^create table' "$SCRATCH/intro.mig" || true)
	indexes=$(grep -c '^create index' "$SCRATCH/intro.mig" || true)
	t=$(summary "$data/intro.migc")
	med_s=$(med "$t")
	verdict=$(awk -v m="$med_s" 'BEGIN { print (m != "-" && m < 1) ? "met" : "**not met**" }')
	{
		echo "### 6. Introspect on PostgreSQL: $n tables"
		echo
		echo "\`migc introspect\` of a database of $n tables, each with a serial key, six"
		echo "columns with defaults, a unique, a check and a foreign key constraint, an"
		echo "index and a partial index; it printed $tables tables and $indexes indexes."
		echo "The floor is psql reading the same catalog rows (tables, columns with"
		echo "defaults, constraints, index definitions) and printing them."
		echo
		echo "| | time |"
		echo "|---|---|"
		echo "| migc introspect | $(fmt_ms "$t") |"
		echo "| psql, the same catalog rows | $(fmt_ms "$(summary "$data/intro.floor")") |"
		echo "| ratio | $(fmt_x "$(ratio intro.migc intro.floor)") |"
		echo
		echo "Target: under 1 s: $verdict."
		echo
	} >>"$res"
}

# ---- main ----

# node-pg-migrate, with the options every run uses, as a program that
# `measure` and `timeout` can exec.
cat >"$bin/npm_migrate_bin" <<EOF
#!/bin/sh
exec "$here/node_modules/.bin/node-pg-migrate" "\$@" --no-verbose --no-single-transaction
EOF
chmod +x "$bin/npm_migrate_bin"
export PATH="$bin:$PATH"

started=$(date +%s)
case " $phases " in *" 2 "* | *" 3 "*) setup_node ;; esac
for p in $phases; do
	t0=$(date +%s)
	case $p in
	1) phase_compile ;;
	2) phase_apply_pg ;;
	3) phase_startup ;;
	4) phase_apply_sqlite ;;
	5) phase_apply_mariadb ;;
	6) say "bench: phase 6: writer stall, plain vs safe;"
	   if [ -n "$quick" ]; then
		   STALL_ROWS=100000 STALL_RUNS=1 MIGC="$MIGC" "$here/stall.sh" >>"$res" 2>>"$log"
	   else
		   MIGC="$MIGC" "$here/stall.sh" >>"$res" 2>>"$log"
	   fi ;;
	7) phase_introspect ;;
	*) echo "bench: no phase $p" >&2; exit 2 ;;
	esac
	say "bench:   phase $p took $(( $(date +%s) - t0 )) s"
done
pg_stop
targets
plot

{
	echo "## Latest results"
	echo
	echo "\`make bench\`, $(date -u +%Y-%m-%d), $(( $(date +%s) - started )) s of measuring$([ -n "$quick" ] && echo ", BENCH_QUICK (small sizes, single runs)")."
	echo
	machine
	echo
	cat "$res"
	if [ -s "$notes" ]; then
		echo "### Notes"
		echo
		cat "$notes"
		echo
	fi
	[ ! -f "$OUT/perf.png" ] || echo "![benchmarks](perf.png)"
} >"$OUT/results.md"
cp "$log" "$OUT/log.txt"
update_docs
cat "$OUT/results.md"
