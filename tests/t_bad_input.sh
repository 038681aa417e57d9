#!/usr/bin/env bash
# tests/t_bad_input.sh: malformed migrations are rejected cleanly.
#
# The corpus (tests/badinput/gen.sh, several hundred files: a real
# migration truncated after every byte, binary noise, names past the
# 63-byte limit, 10,000 nested parentheses, comments and blocks, invalid
# UTF-8, NUL bytes, unterminated tokens) is generated into a scratch
# folder.  Each file becomes migration 0002 after a valid 0001 and must
#
#   - make `migc check` exit 1 with a `FILE:LINE:COL: error:` diagnostic
#     that names that file (never a crash, a hang or another status);
#   - (every third file) make `migc up --db sqlite:PATH` exit 1 the same way without creating
#     the database file, and, when the database exists, without touching
#     it (same bytes, no journal left): the history is checked before any
#     database is reached.
#
# And across the corpus: every diagnostic is valid UTF-8 text (binary
# input shows as '?', it does not reach the terminal); a file past the size
# limit is refused with a file-level error.  Under VALGRIND=1 every 8th
# file runs (memcheck is slow), through tests/lib/valgrind.sh.
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

bad=$SCRATCH/corpus
"$here/badinput/gen.sh" "$bad"
mapfile -t cases < <(find "$bad" -name '*.mig' -type f | sort)
n=${#cases[@]}
if [ "$n" -ge 200 ]; then
	ok "corpus has $n malformed migrations (at least 200)"
else
	fail "corpus has at least 200 malformed migrations" "only $n"
fi

step=1
[ ${#VG_CMD[@]} -gt 0 ] && step=8

# The database that exists before: 0001 applied.
base=$SCRATCH/base
mkdir -p "$base"
cp "$here/badinput/0001_base.mig" "$base/"
st=0
out=$("${MIGC_CMD[@]}" up --quiet --db "sqlite:$SCRATCH/base.db" --dir "$base" 2>&1) || st=$?
if [ "$st" -eq 0 ] && [ -f "$SCRATCH/base.db" ]; then
	ok "the valid first migration applies"
else
	fail "the valid first migration applies" "exit status $st"$'\n'"$out"
fi

diags=$SCRATCH/all-diagnostics
: >"$diags"
i=0
for f in "${cases[@]}"; do
	i=$((i + 1))
	[ $((i % step)) -eq 0 ] || [ "$step" -eq 1 ] || continue
	name=$(basename "$f" .mig)
	d=$SCRATCH/run/$name
	mkdir -p "$d"
	cp "$base/0001_base.mig" "$d/"
	cp "$f" "$d/0002_bad.mig"
	want="^$d/0002_bad.mig:[0-9]+:[0-9]+: error: "

	st=0
	out=$(timeout 60 "${MIGC_CMD[@]}" check --dir "$d" 2>&1) || st=$?
	printf '%s\n' "$out" >>"$diags"
	if [ "$st" -eq 1 ] && printf '%s\n' "$out" | grep -a -q -E "$want"; then
		ok "check $name"
	else
		fail "check $name" "exit status $st (want 1 and $want)"$'\n'"$(printf '%s\n' "$out" | head -c 2000)"
	fi

	# up, on every 3rd file (it is the same check, then no connection).
	if [ $((i % (3 * step))) -ne 0 ]; then
		rm -rf "$d"
		continue
	fi

	# up against no database: none is created.
	db=$SCRATCH/new-$name.db
	st=0
	out=$(timeout 60 "${MIGC_CMD[@]}" up --db "sqlite:$db" --dir "$d" 2>&1) || st=$?
	if [ "$st" -eq 1 ] && printf '%s\n' "$out" | grep -a -q -E "$want" &&
		[ ! -e "$db" ] && [ ! -e "$db-journal" ] && [ ! -e "$db-wal" ]; then
		ok "up $name creates no database"
	else
		fail "up $name creates no database" "exit status $st, database file: $(ls "$db"* 2>&1)"$'\n'"$(printf '%s\n' "$out" | head -c 2000)"
	fi

	# up against the existing database: not touched.
	db=$SCRATCH/old-$name.db
	cp -p "$SCRATCH/base.db" "$db"
	st=0
	out=$(timeout 60 "${MIGC_CMD[@]}" up --db "sqlite:$db" --dir "$d" 2>&1) || st=$?
	if [ "$st" -eq 1 ] && cmp -s "$SCRATCH/base.db" "$db" &&
		[ ! -e "$db-journal" ] && [ ! -e "$db-wal" ] &&
		[ "$(stat -c %Y "$db")" = "$(stat -c %Y "$SCRATCH/base.db")" ]; then
		ok "up $name leaves the database untouched"
	else
		fail "up $name leaves the database untouched" "exit status $st, $(cmp "$SCRATCH/base.db" "$db" 2>&1)"$'\n'"$(printf '%s\n' "$out" | head -c 2000)"
	fi
	rm -rf "$d" "$SCRATCH/old-$name.db"
done

# Binary input must not reach the terminal raw: the excerpt under each
# diagnostic shows bytes that are not valid UTF-8 (or are control
# characters) as '?'.
if iconv -f UTF-8 -t UTF-8 "$diags" >/dev/null 2>&1; then
	ok "diagnostics of the corpus are valid UTF-8"
else
	bad_line=$(grep -a -n -v -x '.*' "$diags" | head -n 3)
	off=$(iconv -f UTF-8 -t UTF-8 "$diags" 2>&1 >/dev/null | head -n 1)
	fail "diagnostics of the corpus are valid UTF-8" "$off${bad_line:+$'\n'$bad_line}"
fi
if ! grep -a -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$diags"; then
	ok "diagnostics of the corpus hold no control characters"
else
	fail "diagnostics of the corpus hold no control characters" \
		"$(grep -a -n -P '[\x00-\x08\x0b-\x1f\x7f]' "$diags" | head -n 3 | cat -v)"
fi

# Past the size limit (16 MiB): a file-level error, exit 1, quickly.
big=$SCRATCH/big
mkdir -p "$big"
{
	printf 'create table big (id integer);\n'
	head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' '
} >"$big/0001_big.mig"
st=0
out=$(timeout 60 "${MIGC_CMD[@]}" check --dir "$big" 2>&1) || st=$?
if [ "$st" -eq 1 ] && printf '%s\n' "$out" | grep -q -E "(0001_big.mig: error: |error: .*0001_big.mig: ).*larger than the limit"; then
	ok "a file past 16 MiB is refused"
else
	fail "a file past 16 MiB is refused" "exit status $st"$'\n'"$(printf '%s\n' "$out" | head -c 1000)"
fi

# Just under the limit, one long line of a valid statement list: accepted.
{
	printf 'create table big (id integer);'
	head -c $((4 * 1024 * 1024)) /dev/zero | tr '\0' ' '
	printf 'add column big.note text;\n'
} >"$big/0001_big.mig"
st=0
out=$(timeout 120 "${MIGC_CMD[@]}" check --dir "$big" 2>&1) || st=$?
expect_eq "a 4 MiB line of whitespace is fine" "0" "$st"

summary
