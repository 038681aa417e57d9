#!/usr/bin/env bash
# fuzz/run.sh BUILDDIR TARGET...: run each libFuzzer target for
# $FUZZ_SECONDS seconds (default 60) over fuzz/corpus-work/<target>/, seeded
# from fuzz/corpus-work/seeds/<target>/ and the kept findings of
# tests/fuzz-regressions/.  A crash, hang (10 s per input), leak, sanitizer
# report, broken property or out-of-memory (2 GB) stops that target; its
# input is copied to tests/fuzz-regressions/<target>/ and the run fails.
# Every target runs even after one failed.  Prints one line per target and
# ends with the total, `N passed, M failed`.
set -uo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILDDIR TARGET...}
shift
secs=${FUZZ_SECONDS:-60}
work=fuzz/corpus-work
passed=0 failed=0

for t in "$@"; do
	bin=$build/fuzz_$t
	dict=fuzz/migc.dict
	[ "$t" = url ] && dict=fuzz/url.dict
	mkdir -p "$work/$t" "$work/artifacts"
	rm -f "$work/artifacts/$t-"*
	log=$work/$t.log
	seeds=("$work/seeds/$t")
	[ -d tests/fuzz-regressions ] && seeds+=(tests/fuzz-regressions)
	echo "fuzz: $t for ${secs}s (log: $log)"
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
		"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -dict="$dict" -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/$t-" \
		"$work/$t" "${seeds[@]}" >"$log" 2>&1
	st=$?
	stats=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
	if [ "$st" -eq 0 ]; then
		echo "PASS: fuzz $t: ${stats:-?} inputs, no finding"
		passed=$((passed + 1))
		continue
	fi
	failed=$((failed + 1))
	echo "FAIL: fuzz $t (exit status $st)"
	grep -E 'ERROR|SUMMARY|runtime error|fuzz property broken|Test unit written' "$log" |
		head -n 20 | sed 's/^/    /'
	mkdir -p "tests/fuzz-regressions/$t"
	for a in "$work/artifacts/$t-"*; do
		[ -f "$a" ] || continue
		# Already kept (a kept finding that still fails)?
		same=
		for k in tests/fuzz-regressions/*/*; do
			if cmp -s "$a" "$k"; then same=$k; break; fi
		done
		if [ -n "$same" ]; then
			echo "    the same input as $same, which still fails"
			continue
		fi
		keep=tests/fuzz-regressions/$t/$(basename "$a" | sed "s/^$t-//")
		cp "$a" "$keep"
		echo "    kept as $keep: fix the bug, keep the file (make test replays it)"
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
