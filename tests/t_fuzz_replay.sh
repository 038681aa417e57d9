#!/usr/bin/env bash
# tests/t_fuzz_replay.sh: every crash, hang, sanitizer report or broken
# property that fuzzing ever found is kept under tests/fuzz-regressions/
# (by fuzz/run.sh, one folder per target) and replayed here, so that a
# fixed bug stays fixed:
#
#   1. each file goes through all four fuzz targets (fuzz/fuzz_*.c) in the
#      replay driver fuzz/replay.c, built with $CC and ASan+UBSan against
#      $BUILD/libmigc.a (the sanitized library under `make test
#      SANITIZE=1`; under valgrind, without ASan, with VALGRIND=1): it must
#      come through with exit status 0;
#   2. each file of a compiler target (all but url/) is split into
#      migrations on `%%` lines, as the targets do, and checked by
#      `migc check`: exit status 0, or 1 with a FILE:LINE:COL: error:
#      diagnostic (or a FILE: error: one), never a crash.
#
# Runs from `make test` (MIGC, BUILD set by the Makefile); by hand:
#   MIGC=$PWD/migc BUILD=$PWD/build tests/t_fuzz_replay.sh
set -u
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
. "$here/lib/tap.sh"
. "$here/lib/valgrind.sh"

MIGC=${MIGC:-$root/migc}
BUILD=${BUILD:-$root/build}
vg_migc_cmd
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"

mapfile -t files < <(find "$here/fuzz-regressions" -type f ! -name '*.md' \
	2>/dev/null | sort)
if [ "${#files[@]}" -eq 0 ]; then
	skip "fuzz regressions" "tests/fuzz-regressions/ is empty"
	summary
	exit
fi

# The replay driver, built like the rest of the tests.
cc=${CC:-cc}
flags=(-std=c11 -g -O1 -D_XOPEN_SOURCE=700 -I"$root/include" -I"$root/compiler"
	-I"$root/grammar" -I"$root/runtime" -I"$BUILD/grammar" -I"$root/fuzz")
# The driver itself is always built with ASan+UBSan (unless under
# valgrind): even over the ordinary, uninstrumented libmigc.a, ASan's
# malloc and its checks of strstr, memcpy, memmove ... catch most
# overruns.  The sanitized build (make test SANITIZE=1) checks all of it.
if [ ${#VG_CMD[@]} -eq 0 ]; then
	flags+=(-fsanitize=address,undefined -fno-omit-frame-pointer
		-fno-sanitize-recover=all)
fi
# shellcheck disable=SC2207
pkg=($(pkg-config --cflags --libs libpq sqlite3 libcrypto jansson libmariadb))
replay=$SCRATCH/replay
built=1
for t in parse compile roundtrip url; do
	"$cc" "${flags[@]}" -DFUZZ_ENTRY="fuzz_${t}_one" -c \
		-o "$SCRATCH/$t.o" "$root/fuzz/fuzz_$t.c" 2>"$SCRATCH/cc.log" ||
		built=0
done
if [ "$built" = 1 ]; then
	"$cc" "${flags[@]}" -o "$replay" "$root/fuzz/replay.c" \
		"$SCRATCH"/{parse,compile,roundtrip,url}.o "$BUILD/libmigc.a" \
		"${pkg[@]}" -lm 2>"$SCRATCH/cc.log" || built=0
fi
if [ "$built" = 1 ]; then
	ok "replay driver builds"
else
	fail "replay driver builds" "$(cat "$SCRATCH/cc.log")"
fi

# A finding is named by its folder and file: url/mask-empty-password.
name_of() {
	local f=$1
	echo "${f#"$here/fuzz-regressions/"}"
}

for f in "${files[@]}"; do
	n=$(name_of "$f")
	[ "$built" = 1 ] || continue
	st=0
	out=$(ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		timeout 60 "${VG_CMD[@]}" "$replay" "$f" 2>&1) || st=$?
	if [ "$st" -eq 0 ]; then
		ok "replay $n"
	else
		fail "replay $n" "exit status $st"$'\n'"$(printf '%s\n' "$out" | head -n 40)"
	fi
done

# Split a file into DIR/0001_m1.mig, DIR/0002_m2.mig, ... on `%%` lines
# (at most 16 pieces, the last one taking the rest, as fuzz/fuzz.h does).
split_history() {
	awk -v dir="$2" '
		BEGIN { n = 1; path = sprintf("%s/%04d_m%d.mig", dir, n, n)
		        printf "" > path; first = 1 }
		$0 == "%%" && n < 16 {
			close(path); n++; first = 1
			path = sprintf("%s/%04d_m%d.mig", dir, n, n)
			printf "" > path; next
		}
		{ if (!first) printf "\n" >> path; printf "%s", $0 >> path; first = 0 }
	' "$1"
}

for f in "${files[@]}"; do
	n=$(name_of "$f")
	case $n in url/*) continue ;; esac
	dir=$SCRATCH/check/$(echo "$n" | tr '/' '_')
	mkdir -p "$dir"
	split_history "$f" "$dir"
	st=0
	out=$(cd "$SCRATCH" && timeout 60 "${MIGC_CMD[@]}" check --dir "$dir" 2>&1) || st=$?
	case $st in
	0) ok "migc check $n" ;;
	1)
		if printf '%s\n' "$out" | grep -q -E '^[^ ]+:[0-9]+:[0-9]+: error: |^[^ ]+: error: '; then
			ok "migc check $n"
		else
			fail "migc check $n" "exit status 1 without an error diagnostic"$'\n'"$(printf '%s\n' "$out" | head -n 20)"
		fi
		;;
	*) fail "migc check $n" "exit status $st"$'\n'"$(printf '%s\n' "$out" | head -n 40)" ;;
	esac
done

summary
