#!/usr/bin/env bash
# tests/t_make.sh: the Makefile checks dependencies where they are needed and
# in the right order.  On a fresh machine `make test` must install cmocka
# before it builds the unit tests that link it, and `make clean` must run no
# installer.  Runs make -n in a copy of the tree whose scripts/deps.sh only
# writes down how it was called.
set -eu
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=lib/tap.sh
. "$here/lib/tap.sh"
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
# The make that runs this test passes its own variables down (make test
# SANITIZE=1 builds into build-san/): the Makefile is judged as a user's
# plain `make test` runs it.
unset MAKEFLAGS MFLAGS MAKELEVEL SANITIZE VALGRIND BUILD

t=$SCRATCH/tree
mkdir -p "$t"
# The sources, without what a build left.
tar -C "$root" --exclude='./build*' --exclude=./.git --exclude=./migc -cf - . |
	tar -C "$t" -xf -
log=$SCRATCH/deps.log
cat >"$t/scripts/deps.sh" <<EOT
#!/bin/sh
echo "deps.sh \$*" >>"$log"
EOT
chmod +x "$t/scripts/deps.sh"

: >"$log"
make -C "$t" -n clean >/dev/null
expect_eq "make clean runs no dependency check" "" "$(cat "$log")"

: >"$log"
out=$(make -C "$t" -n test 2>&1)
first_unit=$(printf '%s\n' "$out" | grep -n -m1 -- '-o build/tests/test_' | cut -d: -f1)
deps_test=$(printf '%s\n' "$out" | grep -n -m1 'deps.sh -q test' | cut -d: -f1)
deps_build=$(printf '%s\n' "$out" | grep -n -m1 'deps.sh -q build' | cut -d: -f1)
first_cc=$(printf '%s\n' "$out" | grep -n -m1 -E '^(bison|flex|cc|\$\(CC\))' | cut -d: -f1)
if [ -n "$first_unit" ] && [ -n "$deps_test" ] && [ "$deps_test" -lt "$first_unit" ]; then
	ok "make test: test dependencies (cmocka) checked before the unit tests are built"
else
	fail "make test: test dependencies (cmocka) checked before the unit tests are built" \
		"deps.sh test at line ${deps_test:-none}, first unit test at ${first_unit:-none}"
fi
if [ -n "$deps_build" ] && [ -n "$first_cc" ] && [ "$deps_build" -lt "$first_cc" ] &&
	[ "$deps_build" -lt "$deps_test" ]; then
	ok "make test: build dependencies checked first, before anything is built"
else
	fail "make test: build dependencies checked first, before anything is built" \
		"deps.sh build at line ${deps_build:-none}, first build step at ${first_cc:-none}"
fi
# Parse time runs no check: make -n prints the checks, it does not run them.
expect_eq "make -n runs no dependency check at parse time" "" "$(cat "$log")"

: >"$log"
out=$(make -C "$t" -n 2>&1)
expect_contains "make: build dependencies checked" "deps.sh -q build" "$out"
case $out in
*"deps.sh -q test"*) fail "make: no test dependencies for a build" "$out" ;;
*) ok "make: no test dependencies for a build" ;;
esac

summary
