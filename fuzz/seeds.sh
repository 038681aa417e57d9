#!/usr/bin/env bash
# fuzz/seeds.sh OUTDIR: the seed corpus of every fuzz target, from the
# project's own migrations:
#
#   OUTDIR/parse/      every .mig of examples/, tests/cases/ and tests/diag/
#   OUTDIR/compile/    the same files, plus each history (examples/migrations,
#                      each tests/cases/*/ and tests/diag/**/ folder) joined
#                      into one input with `%%` lines between migrations,
#                      in version order (fuzz/fuzz.h)
#   OUTDIR/roundtrip/  the same as compile/
#   OUTDIR/url/        connection targets and SQL scripts
#
# Seeds are named by the SHA-1 of their contents, as libFuzzer names
# corpus files, so running the script twice adds nothing.
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fuzz/seeds.sh OUTDIR}
mkdir -p "$out/parse" "$out/compile" "$out/roundtrip" "$out/url"

# put DIR: stdin becomes DIR/<sha1>.
put() {
	local tmp sum
	tmp=$(mktemp)
	cat >"$tmp"
	sum=$(sha1sum "$tmp" | cut -d' ' -f1)
	mv "$tmp" "$1/$sum"
}

mapfile -t files < <(find "$root/examples" "$root/tests/cases" \
	"$root/tests/diag" "$root/tests/badinput" -name '*.mig' -type f \
	2>/dev/null | sort)
for f in "${files[@]}"; do
	put "$out/parse" <"$f"
	put "$out/compile" <"$f"
	put "$out/roundtrip" <"$f"
done

# Each folder of migrations as one history, in version order.
mapfile -t dirs < <(printf '%s\n' "${files[@]}" | xargs -r -n1 dirname |
	sort -u)
for d in "${dirs[@]}"; do
	mapfile -t migs < <(find "$d" -maxdepth 1 -name '*.mig' -type f | sort)
	[ "${#migs[@]}" -gt 1 ] || continue
	{
		first=1
		for m in "${migs[@]}"; do
			[ "$first" = 1 ] || printf '\n%%%%\n'
			first=0
			cat "$m"
		done
	} >"$out/history.tmp"
	put "$out/compile" <"$out/history.tmp"
	cp "$out/history.tmp" "$out/roundtrip/$(sha1sum "$out/history.tmp" | cut -d' ' -f1)"
	rm -f "$out/history.tmp"
done

for u in 'sqlite:db.sqlite3' 'sqlite://tmp/x.db' 'sqlite:' \
	'postgres://alice:s3cret@localhost:5432/shop?sslmode=disable' \
	'postgresql://bob@/shop?host=/tmp' 'postgres://u:p@h/d' \
	"host=/tmp dbname=shop user=alice password='a b c'" \
	'host=localhost password=hunter2 dbname=x' 'password=' \
	'CREATE TABLE "a;b" (x text DEFAULT '"'"';'"'"'); DROP TABLE t;' \
	'SELECT $$;$$; SELECT $t$ ; $t$; -- ;
/* ; */ SELECT 1' \
	'CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = 1; END; SELECT 2;' \
	"SELECT 'unterminated ; " 'SELECT 1 /* unterminated'; do
	printf '%s' "$u" | put "$out/url"
done
