#!/usr/bin/env bash
# tests/t_limits.sh: what migc does at the edges of its resources.
#
#   - stdout that cannot be written (/dev/full): `compile`, `check`,
#     `schema` and `status` exit 1 with a message, never 0 with a short
#     output;
#   - hostile input sizes under a memory limit (ulimit -v): a type with
#     40,000 arguments is refused at the first argument past the cap, and
#     10,000 `create index on t (b);` with derived names compile; both in
#     memory linear in the input (docs/RELIABILITY.md, "no unbounded
#     allocation").
set -u
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/lib/tap.sh"
. "$here/lib/valgrind.sh"

MIGC=${MIGC:-$root/migc}
vg_migc_cmd
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"

migc() { "${MIGC_CMD[@]}" "$@"; }

# --- stdout on a full disk ----------------------------------------------------
d=$SCRATCH/full
mkdir -p "$d/migrations"
printf 'create table t (id bigserial primary key, name text not null);\n' \
	>"$d/migrations/0001_t.mig"
for cmd in compile "compile --down" check schema; do
	# shellcheck disable=SC2086 # $cmd is a command and its options
	expect_status "$cmd > /dev/full: exit 1" 1 \
		sh -c 'cd "$1" && shift && "$@" >/dev/full' - "$d" "${MIGC_CMD[@]}" $cmd
	expect_eq "$cmd > /dev/full: says why" \
		"migc: error: cannot write to standard output: No space left on device" \
		"$TAP_OUT"
done
: >"$SCRATCH/full.db" # an empty SQLite database (a missing one is an error)
expect_status "status > /dev/full: exit 1" 1 \
	sh -c 'cd "$1" && shift && "$@" >/dev/full' - "$d" "${MIGC_CMD[@]}" \
	status --db "sqlite:$SCRATCH/full.db"
expect_contains "status > /dev/full: says why" \
	"migc: error: cannot write to standard output: No space left on device" \
	"$TAP_OUT"
expect_ok "compile to a file still works" \
	sh -c 'cd "$1" && shift && "$@" >out.sql && test -s out.sql' - "$d" \
	"${MIGC_CMD[@]}" compile

# --- memory linear in the input -------------------------------------------------
# Under a limit of 200 MB of address space (ulimit -v).  ASan reserves
# terabytes of address space for its shadow and valgrind runs the program
# in its own: there the peak resident size is measured instead.
LIMIT_KB=200000
under_limit() {
	local dir=$1
	shift
	if grep -q -a __asan_init "$MIGC" 2>/dev/null ||
		head -c 100 "$MIGC" 2>/dev/null | grep -q -a MIGC_UNDER_VALGRIND; then
		(cd "$dir" && /usr/bin/time -f 'maxrss %M' -o "$SCRATCH/rss" \
			"${MIGC_CMD[@]}" "$@") && st=0 || st=$?
		rss=$(sed -n 's/^maxrss //p' "$SCRATCH/rss")
		# ASan and valgrind multiply the footprint: allow 4x.
		[ "${rss:-0}" -le $((LIMIT_KB * 4)) ] || {
			echo "peak resident size ${rss} KB"
			return 99
		}
		return "$st"
	fi
	(cd "$dir" && ulimit -v "$LIMIT_KB" && "${MIGC_CMD[@]}" "$@")
}

m=$SCRATCH/typeargs
mkdir -p "$m/migrations"
printf 'create table t (a integer, b citext(%s));\n' "$(seq -s ', ' 1 40000)" \
	>"$m/migrations/0001_t.mig"
expect_status "40,000 type arguments: refused within the memory limit" 1 \
	under_limit "$m" check
expect_contains "40,000 type arguments: located at the first past the cap" \
	"migrations/0001_t.mig:1:92: error: too many type arguments (limit 16)" \
	"$TAP_OUT"
printf 'create table t (a integer, b citext(%s));\n' "$(seq -s ', ' 1 1000000)" \
	>"$m/migrations/0001_t.mig"
expect_status "1,000,000 type arguments: refused within the memory limit" 1 \
	under_limit "$m" check
printf 'create table t (a integer, b citext(%s));\n' "$(seq -s ', ' 1 16)" \
	>"$m/migrations/0001_t.mig"
expect_status "16 type arguments: accepted" 0 under_limit "$m" compile
expect_contains "16 type arguments: kept as written" \
	'"b" citext(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)' \
	"$TAP_OUT"

m=$SCRATCH/indexes
mkdir -p "$m/migrations"
{
	echo 'create table t (a integer, b integer);'
	for _ in $(seq 10000); do echo 'create index on t (b);'; done
} >"$m/migrations/0001_t.mig"
expect_status "10,000 derived index names: compiled within the memory limit" 0 \
	under_limit "$m" compile
expect_eq "10,000 derived index names: PostgreSQL's names, in order" \
	"t_b_idx t_b_idx1 t_b_idx9999" \
	"$(printf '%s\n' "$TAP_OUT" | sed -n 's/^CREATE INDEX "\([^"]*\)".*/\1/p' |
		sed -n '1p;2p;$p' | tr '\n' ' ' | sed 's/ $//')"

summary
