# shellcheck shell=bash
# tests/lib/valgrind.sh: run the program under test through valgrind
# memcheck when the suite is asked to (`make test VALGRIND=1`).  Source it
# after tap.sh, then call programs through "${MIGC_CMD[@]}" (or `vg CMD...`):
#
#   . "$here/lib/valgrind.sh"       # after MIGC is set (or call vg_migc_cmd)
#   "${MIGC_CMD[@]}" check --dir "$dir"
#   vg "$BUILD/some-helper" args
#
# With VALGRIND empty or 0 these run the program as is.  With VALGRIND set
# (1, or any valgrind option string such as "--track-origins=yes"), each
# run goes through
#
#   valgrind --error-exitcode=99 --leak-check=full \
#            --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
#            --track-fds=no -q [$VALGRIND options] PROGRAM ARGS...
#
# so that any memory error or definite/indirect leak makes the run exit 99,
# which no program of ours uses: tests that assert an exit status fail on
# it, and the report is on stderr.  Memcheck cannot run a program built
# with ASan, so `make test SANITIZE=1 VALGRIND=1` runs without valgrind.

VG_STATUS=99

vg_enabled() {
	[ -z "${MIGC_UNDER_VALGRIND:-}" ] || return 1 # wrapped already
	case ${VALGRIND:-} in
	'' | 0 | no | false) return 1 ;;
	esac
	case ${BUILD:-} in
	*-san) return 1 ;; # ASan and memcheck do not mix
	esac
	command -v valgrind >/dev/null 2>&1
}

VG_CMD=()
if vg_enabled; then
	VG_CMD=(valgrind --error-exitcode="$VG_STATUS" --leak-check=full
		--errors-for-leak-kinds=definite,indirect
		--show-leak-kinds=definite,indirect -q)
	case $VALGRIND in
	1 | yes | true) ;;
	*) read -r -a _vg_extra <<<"$VALGRIND" && VG_CMD+=("${_vg_extra[@]}") ;;
	esac
fi

# vg CMD ARGS...: run CMD under valgrind when enabled.
vg() {
	"${VG_CMD[@]}" "$@"
}

# vg_migc_cmd: set MIGC_CMD to run $MIGC under valgrind when enabled,
# unless $MIGC is already a vg_wrapper script (the runner wrapped it).
vg_migc_cmd() {
	local m=${MIGC:-migc}
	if [ -f "$m" ] && head -c 100 "$m" 2>/dev/null | grep -q -a MIGC_UNDER_VALGRIND; then
		MIGC_CMD=("$m")
	else
		MIGC_CMD=("${VG_CMD[@]}" "$m")
	fi
}
vg_migc_cmd

# vg_wrapper DIR PROGRAM: write DIR/<name of PROGRAM>, a script that runs
# PROGRAM under valgrind as above, and print its path.  For a runner that
# hands every test one program in a variable:
#
#   [ -n "${VALGRIND:-}" ] && MIGC=$(vg_wrapper "$tmp" "$MIGC")
#
# The wrapper marks its environment (MIGC_UNDER_VALGRIND=1) so that tests
# sourcing this file do not wrap a second time.
vg_wrapper() {
	local dir=$1 prog=$2 w
	w=$dir/$(basename "$prog")
	mkdir -p "$dir"
	{
		echo '#!/bin/sh'
		echo 'MIGC_UNDER_VALGRIND=1; export MIGC_UNDER_VALGRIND'
		printf 'exec'
		printf ' %q' "${VG_CMD[@]}" "$prog"
		printf ' "$@"\n'
	} >"$w"
	chmod +x "$w"
	printf '%s\n' "$w"
}
