#!/usr/bin/env bash
# tests/run-all.sh TEST...: run test scripts or test binaries one by one,
# stream their output, and end with the total alone on the last line:
#
#   N passed, M failed
#
# exiting 1 if M > 0.  How each TEST counts:
#   - its last `RESULT: N passed, M failed` line (tests/lib/tap.sh summary);
#   - else the `[  PASSED  ] N test(s).` / `[  FAILED  ] M test(s)` lines
#     that cmocka prints, summed over groups;
#   - else its exit status: 0 is one pass, anything else one failure.
# A test that exits non-zero while reporting no failure counts one more.
# A file that is not executable runs with bash.  stdin is /dev/null.
set -u
export LC_ALL=C

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# migc's compiled-history cache goes to a folder of this run, not the
# user's ~/.cache.
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -f "$log"; rm -rf "$XDG_CACHE_HOME"' EXIT

# VALGRIND=1 (make test VALGRIND=1): the test binaries, and every run of
# migc by the shell tests, go through valgrind memcheck; any error or
# definite leak is exit status 99 (tests/lib/valgrind.sh).
VG_CMD=()
if [ -n "${VALGRIND:-}" ] && [ "$VALGRIND" != 0 ]; then
	. "$(dirname "$0")/lib/valgrind.sh"
	vgdir=$(mktemp -d)
	chmod 755 "$vgdir" # tests may run migc as another user
	trap 'rm -f "$log"; rm -rf "$XDG_CACHE_HOME" "$vgdir"' EXIT
	MIGC=$(vg_wrapper "$vgdir" "$MIGC")
	export MIGC
fi

for t in "$@"; do
	echo "=== $t"
	if [ -x "$t" ] && [ "${t%.sh}" = "$t" ]; then
		cmd=("${VG_CMD[@]}" "$t")
	elif [ -x "$t" ]; then
		cmd=("$t")
	else
		cmd=(bash "$t")
	fi
	# Indent a bare "N passed, M failed" from a test so that the total
	# below stays the only such line for whoever sums ours.
	"${cmd[@]}" </dev/null 2>&1 |
		sed -u -E 's/^([0-9]+ passed, [0-9]+ failed)$/  \1/' | tee "$log"
	st=${PIPESTATUS[0]}

	r=$(grep -E '^RESULT: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -n "$r" ]; then
		read -r p f <<<"$(echo "$r" | sed -E 's/^RESULT: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/')"
	elif grep -q -E '^\[  (PASSED|FAILED)  \] [0-9]+ test' "$log"; then
		p=$(sed -n -E 's/^\[  PASSED  \] ([0-9]+) test.*/\1/p' "$log" |
			awk '{ s += $1 } END { print s + 0 }')
		f=$(sed -n -E 's/^\[  FAILED  \] ([0-9]+) test.*/\1/p' "$log" |
			awk '{ s += $1 } END { print s + 0 }')
	elif [ "$st" -eq 0 ]; then
		p=1 f=0
		echo "PASS: $t"
	else
		p=0 f=1
		echo "FAIL: $t (exit status $st)"
	fi
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "FAIL: $t (exit status $st)"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
