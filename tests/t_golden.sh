#!/usr/bin/env bash
# Golden tests: every case's expected output lives beside it and is
# compared exactly.  `make golden` (this script with --regen) rewrites
# the expected files, so that a change shows as a reviewable diff.
#
#   tests/cases/NAME/*.mig          a small history
#   tests/golden/NAME/check.out     migc check: stdout+stderr, exit status
#   tests/golden/NAME/D.up.sql      migc compile --dialect D
#   tests/golden/NAME/D.down.sql    migc compile --dialect D --down
#                                   (stderr and the exit status when the
#                                   dialect refuses the history)
#   tests/diag/check/NAME/*.mig     ill-typed histories, and beside them
#   tests/diag/check/NAME/expected  migc check's exact output and status
#   tests/diag/check/NAME/args      extra options for migc check, if any
set -u
export LC_ALL=C NO_COLOR=1
cd "$(dirname "$0")/.."
. tests/lib/tap.sh
MIGC=${MIGC:-./migc}
regen=0
[ "${1:-}" = "--regen" ] && regen=1
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"

# run OUT CMD...: stdout and stderr of CMD, then its exit status, in OUT.
run() {
	local out=$1 st=0
	shift
	"$@" >"$out" 2>&1 || st=$?
	echo "[exit $st]" >>"$out"
}

compare() { # NAME EXPECTED ACTUAL
	if [ $regen = 1 ]; then
		mkdir -p "$(dirname "$2")"
		cp "$3" "$2"
		return
	fi
	if [ ! -f "$2" ]; then
		fail "$1" "missing golden file $2 (make golden)"
	else
		expect_file_eq "$1" "$2" "$3"
	fi
}

for dir in tests/cases/*/ examples/migrations/; do
	dir=${dir%/}
	case $dir in
	examples/*) name=examples ;;
	*) name=$(basename "$dir") ;;
	esac
	gold=tests/golden/$name
	run "$SCRATCH/check" "$MIGC" check --dir "$dir"
	compare "$name: check" "$gold/check.out" "$SCRATCH/check"
	for d in postgres sqlite mysql; do
		run "$SCRATCH/up" "$MIGC" compile --dialect $d --dir "$dir"
		compare "$name: $d up" "$gold/$d.up.sql" "$SCRATCH/up"
		run "$SCRATCH/down" "$MIGC" compile --dialect $d --down --dir "$dir"
		compare "$name: $d down" "$gold/$d.down.sql" "$SCRATCH/down"
	done
done

for dir in tests/diag/check/*/; do
	[ -d "$dir" ] || continue
	dir=${dir%/}
	args=()
	[ -f "$dir/args" ] && read -r -a args <"$dir/args"
	run "$SCRATCH/diag" "$MIGC" check "${args[@]}" --dir "$dir"
	compare "diag $(basename "$dir")" "$dir/expected" "$SCRATCH/diag"
done

if [ $regen = 1 ]; then
	echo "golden files rewritten: review them with git diff"
	exit 0
fi
summary
