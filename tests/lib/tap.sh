# shellcheck shell=bash
# tests/lib/tap.sh: a tiny helper for shell test scripts.  Source it:
#
#   #!/usr/bin/env bash
#   set -eu
#   export LC_ALL=C
#   here=$(cd "$(dirname "$0")" && pwd)
#   . "$here/lib/tap.sh"
#   SCRATCH=$(mktemp -d); at_exit rm -rf "$SCRATCH"
#   expect_eq "adds" 4 "$(expr 2 + 2)"
#   expect_status "usage error" 2 migc --bogus
#   summary                       # last line: exits non-zero on failures
#
# Each check prints `PASS: name` or `FAIL: name` (then the details,
# indented); summary prints `RESULT: N passed, M failed`, which
# tests/run-all.sh sums over scripts.

TAP_PASSED=0
TAP_FAILED=0

ok() {
	TAP_PASSED=$((TAP_PASSED + 1))
	printf 'PASS: %s\n' "$1"
}

# fail NAME [MESSAGE]: MESSAGE may span lines.
fail() {
	TAP_FAILED=$((TAP_FAILED + 1))
	printf 'FAIL: %s\n' "$1"
	if [ $# -gt 1 ]; then printf '%s\n' "$2" | sed 's/^/    /'; fi
}

# skip NAME [REASON]: reported, counted neither way.
skip() {
	printf 'SKIP: %s%s\n' "$1" "${2:+ ($2)}"
}

# expect_eq NAME EXPECTED ACTUAL: string equality; a unified diff if not.
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "$(diff -u --label expected --label actual \
			<(printf '%s\n' "$2") <(printf '%s\n' "$3"))"
	fi
}

# expect_file_eq NAME EXPECTED_FILE ACTUAL_FILE: for golden files.
expect_file_eq() {
	local d
	if d=$(diff -u "$2" "$3" 2>&1); then ok "$1"; else fail "$1" "$d"; fi
}

# expect_contains NAME NEEDLE HAYSTACK: NEEDLE is a fixed string.
expect_contains() {
	case $3 in
	*"$2"*) ok "$1" ;;
	*) fail "$1" "expected to contain: $2"$'\n'"--- got:"$'\n'"$3" ;;
	esac
}

# expect_status NAME STATUS CMD...: CMD exits with STATUS; its output (stdout
# and stderr) is shown on failure and left in $TAP_OUT either way.  CMD runs
# in a subshell: not for functions that set variables (pg_start, mdb_start).
expect_status() {
	local name=$1 want=$2 st=0
	shift 2
	TAP_OUT=$("$@" 2>&1) || st=$?
	if [ "$st" -eq "$want" ]; then
		ok "$name"
	else
		fail "$name" "exit status $st, expected $want: $*"$'\n'"$TAP_OUT"
	fi
}

# expect_ok NAME CMD...: CMD succeeds.  expect_fail NAME CMD...: it does not.
expect_ok() {
	expect_status "$1" 0 "${@:2}"
}

expect_fail() {
	local name=$1 st=0
	shift
	TAP_OUT=$("$@" 2>&1) || st=$?
	if [ "$st" -ne 0 ]; then
		ok "$name"
	else
		fail "$name" "succeeded, expected failure: $*"$'\n'"$TAP_OUT"
	fi
}

# at_exit CMD ARGS...: run CMD (arguments expanded now) when the script
# exits, also on error or SIGINT/SIGTERM/SIGHUP; last registered runs first.
TAP_AT_EXIT=()
at_exit() {
	TAP_AT_EXIT+=("$(printf '%q ' "$@")")
	trap _tap_at_exit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

_tap_at_exit() {
	local i
	for ((i = ${#TAP_AT_EXIT[@]} - 1; i >= 0; i--)); do
		eval "${TAP_AT_EXIT[i]}" || true
	done
	TAP_AT_EXIT=()
}

# summary: the RESULT line; returns 1 if anything failed.
summary() {
	printf 'RESULT: %d passed, %d failed\n' "$TAP_PASSED" "$TAP_FAILED"
	[ "$TAP_FAILED" -eq 0 ]
}
