#!/usr/bin/env bash
# tests/t_cli.sh: the command line's refusals and messages: a missing
# migrations folder, database URLs without a scheme or naming no file,
# did-you-mean for commands and options, help, and `migc new` names.
set -eu
export LC_ALL=C
unset DATABASE_URL MIGC_DIR
export NO_COLOR=1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac

SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME"
migc() { "$MIGC" "$@"; }

# --- a missing migrations folder ---------------------------------------------
mkdir "$SCRATCH/wrong"
cd "$SCRATCH/wrong"
for cmd in check compile schema status up down redo; do
	expect_status "$cmd from a folder without migrations/: error" 1 migc "$cmd"
	expect_contains "$cmd: names the folder and where" \
		"migc: error: no migrations folder: migrations does not exist (in $SCRATCH/wrong)" "$TAP_OUT"
	expect_contains "$cmd: says what to do" "hint: run migc in the project's folder" "$TAP_OUT"
	expect_status "$cmd --dir naming no folder: error" 1 migc "$cmd" --dir "$SCRATCH/nope"
	expect_contains "$cmd --dir: names it" \
		"migc: error: no migrations folder: $SCRATCH/nope does not exist" "$TAP_OUT"
done
expect_eq "up from the wrong folder creates no database" "" "$(ls)"
MIGC_DIR=$SCRATCH/nope expect_status "MIGC_DIR naming no folder: error" 1 migc status
: >"$SCRATCH/afile"
expect_status "--dir naming a file: error" 1 migc status --dir "$SCRATCH/afile"
expect_contains "--dir naming a file: says so" "is not a folder" "$TAP_OUT"
expect_status "new creates the folder" 0 migc new first
expect_eq "new: the folder and its file" "1" "$(find migrations -name '*_first.mig' | wc -l)"

summary
