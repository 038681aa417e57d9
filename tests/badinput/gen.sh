#!/usr/bin/env bash
# tests/badinput/gen.sh OUTDIR: write the malformed migrations of
# tests/t_bad_input.sh, one per file, OUTDIR/<case>.mig.  Every one must be
# rejected by `migc check` with a FILE:LINE:COL: error: diagnostic.  The
# corpus is generated, deterministically, from
#
#   trunc-*     the real migrations below cut after every byte (the cuts
#               that leave a complete migration are skipped: cutting after
#               the last ')' or '}' of the file, or after that)
#   noise-*     bytes of a fixed pseudo-random sequence (awk srand(N))
#   name-*      identifiers past the 63-byte limit, quoted and unquoted,
#               in each place a name may stand
#   nest-*      10,000 nested parentheses, comments and blocks, closed
#               and unclosed, in each place parentheses may open
#   utf8-*      invalid UTF-8 (lone continuation bytes, overlong forms,
#               surrogates, truncated sequences, 0xFE/0xFF) in names,
#               strings, comments and raw SQL bodies
#   misc-*      NUL bytes, unterminated strings, quotes and dollar quotes,
#               lone carriage returns inside tokens, and the like
#
# and the hand-written files tests/badinput/bad-*.mig are copied as they are.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: tests/badinput/gen.sh OUTDIR}
mkdir -p "$out"

# trunc NAME FILE: every proper prefix of FILE that is not complete.
trunc() {
	local name=$1 file=$2 size i last
	size=$(wc -c <"$file")
	# Offset of the last ')' or '}', which closes the last statement: a
	# cut just after it or later (';' is optional at the end, whitespace
	# follows) leaves a complete migration.
	last=$(awk 'BEGIN { RS = "^$" } { n = 0
		for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
			if (c == ")" || c == "}") n = i }
		print n }' "$file")
	for ((i = 1; i < size; i++)); do
		[ "$i" -ge "$last" ] && break
		head -c "$i" "$file" >"$out/trunc-$name-$(printf '%04d' "$i").mig"
	done
}

# The first real migration: a table with every kind of column option.
trunc create "$here/0001_base.mig"
# The second one: both blocks, a quoted name with UTF-8, raw SQL bodies.
cat >"$out/.block" <<'MIG'
up {
    add column accounts."nické" text default 'x' check (length("nické") < 9);
    create index accounts_nick_idx on accounts ("nické") where ("nické" <> '');
}
down {
    drop index accounts_nick_idx;
    drop column accounts."nické";
}
MIG
trunc block "$out/.block"
rm -f "$out/.block"

# noise-N: N-th pseudo-random byte string, 16 to 4096 bytes.
for n in $(seq 1 40); do
	awk -v seed="$n" 'BEGIN { srand(seed); len = 16 + int(rand() * 4080)
		for (i = 0; i < len; i++) printf "%c", int(rand() * 256) }' \
		>"$out/noise-$(printf '%02d' "$n").mig"
done
# Noise after a valid start, so that it is the scanner that meets it.
for n in $(seq 41 50); do
	{ printf 'create table t (id integer);\nadd column t.'
		awk -v seed="$n" 'BEGIN { srand(seed); len = 16 + int(rand() * 500)
		for (i = 0; i < len; i++) printf "%c", 128 + int(rand() * 128) }'
	} >"$out/noise-$n.mig"
done

# Identifiers past the limit (63 bytes).
long64=$(printf 'n%.0s' $(seq 1 64))
long1k=$(printf 'x%.0s' $(seq 1 1000))
long100k=$(head -c 100000 /dev/zero | tr '\0' 'y')
i=0
for id in "$long64" "\"$long64\"" "$long1k" "\"$long1k\"" "$long100k"; do
	i=$((i + 1))
	printf 'create table %s (id integer);\n' "$id" >"$out/name-table-$i.mig"
	printf 'create table accounts2 (%s integer);\n' "$id" >"$out/name-column-$i.mig"
	printf 'create index %s on accounts (email);\n' "$id" >"$out/name-index-$i.mig"
	printf 'create schema %s;\n' "$id" >"$out/name-schema-$i.mig"
	printf 'add constraint accounts.%s check (balance >= 0);\n' "$id" >"$out/name-constraint-$i.mig"
	printf 'rename column accounts.email to %s;\n' "$id" >"$out/name-rename-$i.mig"
done
# 64 bytes of two-byte characters: 32 characters, but 64 bytes.
printf 'create table "%s" (id integer);\n' "$(printf 'é%.0s' $(seq 1 32))" >"$out/name-utf8-bytes.mig"

# 10,000 nested parentheses (and comments, and blocks).
open=$(head -c 10000 /dev/zero | tr '\0' '(')
close=$(head -c 10000 /dev/zero | tr '\0' ')')
printf 'create table t (id integer check %s id > 0 %s);\n' "$open" "$close" >"$out/nest-check-closed.mig"
printf 'create table t (id integer check %s id > 0);\n' "$open" >"$out/nest-check-open.mig"
printf 'create table t (id integer default %s 1 %s);\n' "$open" "$close" >"$out/nest-default-closed.mig"
printf 'create table t %s id integer %s;\n' "$open" "$close" >"$out/nest-table.mig"
printf 'create table t (id numeric%s10%s);\n' "$open" "$close" >"$out/nest-type.mig"
printf 'create index on accounts %s email %s;\n' "$open" "$close" >"$out/nest-index.mig"
printf 'create index on accounts (email) where %s email <> %s;\n' "$open" "''" >"$out/nest-where-open.mig"
printf 'alter column accounts.email type text using %s email;\n' "$open" >"$out/nest-using-open.mig"
printf '%s\n' "$open" >"$out/nest-bare-open.mig"
printf '%s%s\n' "$open" "$close" >"$out/nest-bare-closed.mig"
printf 'create table t (id integer);\n%s\n' "$close" >"$out/nest-bare-close.mig"
{ printf 'create table t (id integer);\n'
	for _ in $(seq 1 10000); do printf '/* '; done; printf 'x'
	for _ in $(seq 1 10000); do printf ' */'; done; printf '\n' ; } >"$out/nest-comments-closed.mig"
{ for _ in $(seq 1 10000); do printf '/* '; done; printf '\n'; } >"$out/nest-comments-open.mig"
{ for _ in $(seq 1 10000); do printf 'up { '; done; printf '\n'; } >"$out/nest-up-blocks.mig"
{ for _ in $(seq 1 10000); do printf '{'; done; printf '\n'; } >"$out/nest-braces.mig"
printf 'create table t (id integer default f%s1%s);\n' \
	"$(head -c 10000 /dev/zero | tr '\0' '(' | sed 's/(/f(/g')" "$close" >"$out/nest-calls.mig"

# Invalid UTF-8, each in several places.
i=0
for bad in '\x80' '\xbf\xbf' '\xc0\xaf' '\xe0\x80\xaf' '\xed\xa0\x80' \
	'\xf4\x90\x80\x80' '\xf8\x88\x80\x80\x80' '\xfe' '\xff' '\xc3' '\xe2\x82' \
	'\xc3\x28'; do
	i=$((i + 1))
	n=$(printf '%02d' "$i")
	printf "create table t%b (id integer);\n" "$bad" >"$out/utf8-$n-name.mig"
	printf "create table \"t%b\" (id integer);\n" "$bad" >"$out/utf8-$n-quoted.mig"
	printf "create table t (id text default 'a%bb');\n" "$bad" >"$out/utf8-$n-string.mig"
	printf "create table t (id integer);\n-- comment %b\n" "$bad" >"$out/utf8-$n-comment.mig"
	printf "create table t (id integer check (id <> '%b'));\n" "$bad" >"$out/utf8-$n-raw.mig"
	printf "sql \$\$select '%b'\$\$;\n" "$bad" >"$out/utf8-$n-dollar.mig"
done

# Odds and ends.
printf 'create table t (id integer);\n\0\n' >"$out/misc-nul-line.mig"
printf 'create table t\0 (id integer);\n' >"$out/misc-nul-token.mig"
printf 'create table "t\0" (id integer);\n' >"$out/misc-nul-quoted.mig"
printf "create table t (id text default 'never closed);\n" >"$out/misc-string-open.mig"
printf 'create table "never closed (id integer);\n' >"$out/misc-quoted-open.mig"
printf 'sql $$select 1;\n' >"$out/misc-dollar-open.mig"
printf 'sql $a$select 1$b$;\n' >"$out/misc-dollar-tag-mismatch.mig"
printf 'create table t (id integer);\n/* never closed\n' >"$out/misc-comment-open.mig"
printf 'create table t (id integer)\ncreate table u (id integer);\n' >"$out/misc-missing-semicolon.mig"
printf 'create table t (id integer,);\n' >"$out/misc-trailing-comma.mig"
printf 'create table t ();\n' >"$out/misc-empty-table.mig"
printf 'create table t (id integer);\n\x1b[2J\n' >"$out/misc-escape.mig"
printf 'create\rtable t (id integer);\nadd column t.\r;\n' >"$out/misc-cr.mig"
printf 'create table t (id varchar(-1));\n' >"$out/misc-negative-length.mig"
printf 'create table t (id varchar(99999999999999999999999));\n' >"$out/misc-huge-length.mig"
printf 'create table t (id integer default 99999999999999999999999999999999999999e99999);\n' >"$out/misc-huge-number.mig"
printf 'up { create table t (id integer); }\n' >"$out/misc-up-without-down.mig"
printf 'down { drop table t; }\n' >"$out/misc-down-without-up.mig"
printf 'up { create table t (id integer); } down { drop table t; } up { }\n' >"$out/misc-two-ups.mig"
printf 'create table t (id integer);\nno transaction;\n' >"$out/misc-late-no-transaction.mig"
printf 'drop table accounts accounts;\n' >"$out/misc-extra-name.mig"
printf 'rename column accounts.email to;\n' >"$out/misc-rename-to-nothing.mig"
printf 'create table a.b.c.d (id integer);\n' >"$out/misc-too-many-dots.mig"
printf 'create table t (id integer references);\n' >"$out/misc-references-nothing.mig"
printf '"";\n' >"$out/misc-empty-quoted.mig"
printf 'create table "" (id integer);\n' >"$out/misc-empty-name.mig"
printf "sql 'x' down 'y' down 'z';\n" >"$out/misc-two-downs.mig"

for f in "$here"/bad-*.mig; do
	[ -f "$f" ] && cp "$f" "$out/"
done
exit 0
