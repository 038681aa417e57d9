#!/usr/bin/env bash
# tests/realworld/count.sh DIR: count the statements of the migc files in
# DIR (a migrations folder) and how many of them needed `sql`.
#
# Every `sql` statement of a translated history is preceded by a comment
# line saying why:
#
#   -- sql: data fix                 rows moved, fixed or seeded
#   -- sql: missing: WHAT            a schema change the language cannot say
#
# Data fixes are the intended use of `sql` and are not structural.  The
# script prints the totals, the share of structural statements written
# without `sql`, and the missing features with their counts, as the table
# of tests/realworld/*/README.md shows them.  A `sql` statement without
# such a comment is an error (exit 1), so none goes uncounted.
#
# Statements are counted as the parser sees them: a `;` outside strings,
# quoted names, dollar quotes and comments ends one.  `up {`, `down {`,
# `}` and directives (`no transaction;`, `allow ...;`) are not statements;
# the statements of a `down { }` block are not counted (they undo others).
#
# With --kinds, it prints instead how many statements of each kind there
# are (`create table`, `add column`, ..., `sql` by its tag).
set -eu
kinds=0
if [ "${1:-}" = --kinds ]; then kinds=1; shift; fi
dir=${1:?usage: count.sh [--kinds] MIGRATIONS_DIR}
export LC_ALL=C
ls "$dir"/*.mig >/dev/null
cat "$dir"/*.mig | awk -v kinds=$kinds '
function kind(w,   a, n) {
	n = split(w, a, /[ \t\n(]+/)
	if (a[1] == "sql") return "sql: " tag
	if (a[1] == "alter" && a[2] == "column") {
		if (a[4] == "type") return "alter column ... type"
		return "alter column ... " a[4] " " a[5] (a[5] == "not" ? " null" : "")
	}
	if (a[2] == "unique" || a[2] == "or") return a[1] " " a[2] " " a[3]
	return a[1] " " a[2]
}
function flush(   w) {
	if (stmt ~ /^[ \t\n]*$/) { stmt = ""; return }
	w = tolower(stmt); sub(/^[ \t\n]+/, "", w)
	if (w ~ /^(no transaction|safe|expand|allow |irreversible)/) { stmt = ""; tag = ""; return }
	if (!indown) {
		total++
		nk[kind(w)]++
		if (w ~ /^sql[ \t\n$]/ || w ~ /^sql$/) {
			if (tag == "data fix") data++
			else if (tag ~ /^missing: /) { miss++; cat[substr(tag, 10)]++ }
			else { printf "untagged sql statement: %s\n", substr(stmt, 1, 60) > "/dev/stderr"; bad = 1 }
		}
	}
	stmt = ""; tag = ""
}
{
	line = $0
	if (dq == "" && !sq && !bc) {
		t = line; sub(/^[ \t]+/, "", t)
		if (t ~ /^-- sql: /) { tag = substr(t, 9); sub(/[ \t]+$/, "", tag); next }
		if (stmt ~ /^[ \t\n]*$/ && t ~ /^(up|down)[ \t]*\{[ \t]*$/) { indown = (t ~ /^down/); next }
		if (stmt ~ /^[ \t\n]*$/ && t ~ /^\}[ \t]*$/) { indown = 0; next }
	}
	i = 1; n = length(line)
	while (i <= n) {
		c = substr(line, i, 1)
		if (dq != "") {
			if (substr(line, i, length(dq)) == dq) { stmt = stmt dq; i += length(dq); dq = ""; continue }
			stmt = stmt c; i++; continue
		}
		if (sq) { stmt = stmt c; if (c == "\047") sq = 0; i++; continue }
		if (bc) { if (substr(line, i, 2) == "*/") { bc = 0; i += 2; continue } i++; continue }
		if (substr(line, i, 2) == "--") break
		if (substr(line, i, 2) == "/*") { bc = 1; i += 2; continue }
		if (c == "\047") { sq = 1; stmt = stmt c; i++; continue }
		if (c == "$" && match(substr(line, i), /^\$[A-Za-z_]*\$/)) {
			dq = substr(line, i, RLENGTH); stmt = stmt dq; i += RLENGTH; continue
		}
		if (c == ";") { flush(); i++; continue }
		stmt = stmt c; i++
	}
	stmt = stmt "\n"
}
END {
	flush()
	if (kinds) {
		for (k in nk) printf "%d\t%s\n", nk[k], k | "sort -k1,1nr -k2"
		close("sort -k1,1nr -k2")
		exit bad
	}
	structural = total - data
	plain = structural - miss
	printf "statements: %d\n", total
	printf "data fixes (sql): %d\n", data
	printf "structural: %d\n", structural
	printf "structural without sql: %d\n", plain
	printf "structural needing sql: %d\n", miss
	printf "share without sql: %.1f%%\n", structural ? 100 * plain / structural : 0
	for (k in cat) printf "missing\t%d\t%s\n", cat[k], k | "sort -t \"\t\" -k2,2nr -k3"
	close("sort -t \"\t\" -k2,2nr -k3")
	exit bad
}'
