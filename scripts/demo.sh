#!/bin/sh
# make demo: compile examples/ to SQL for review and show the
# reversibility report.  Nothing here needs a database.
set -eu
MIGC=${1:-./migc}
DIR=examples/migrations

section() { printf '\n==== %s ====\n\n' "$1"; }

section "migc check --dir $DIR   (each migration and its class)"
"$MIGC" check --dir "$DIR"

section "migc compile --dir $DIR   (up, PostgreSQL)"
"$MIGC" compile --dir "$DIR"

section "migc compile --down --dir $DIR   (the derived downs, newest first)"
"$MIGC" compile --down --dir "$DIR"

section "migc schema --dir $DIR   (the schema the history produces)"
"$MIGC" schema --dir "$DIR"
