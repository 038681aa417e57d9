#!/usr/bin/env bash
# tests/t_lint.sh: the output formats of `migc check`'s lint, and `allow`
# outside check.
#
# Each rule's text diagnostic, with its position, is in tests/diag/check/
# lint_*/expected (t_golden.sh).  Here the same findings in the other
# formats: --format json (the document's exact fields), sarif (SARIF
# 2.1.0: its required properties, read with jq) and github (workflow
# commands, exact lines); --since and FILE selection apply to them; an
# unknown format, --format on another command, and an unknown rule named
# by `allow` in compile are errors.
set -eu
export LC_ALL=C NO_COLOR=1
unset DATABASE_URL MIGC_DIR
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
MIGC=${MIGC:-$here/../migc}
case $MIGC in /*) ;; *) MIGC=$PWD/$MIGC ;; esac
SCRATCH=$(mktemp -d)
at_exit rm -rf "$SCRATCH"
export XDG_CACHE_HOME=$SCRATCH/xdg-cache HOME=$SCRATCH/home
mkdir -p "$HOME"
migc() { "$MIGC" "$@"; }

cd "$SCRATCH"
mkdir migrations
cat >migrations/0001_create.mig <<'M'
create table users (id bigserial primary key, email text, bio text);
M
cat >migrations/0002_index.mig <<'M'
create index on users (email);
M
cat >migrations/0003_drop.mig <<'M'
drop column users.bio;
M

# --- json ------------------------------------------------------------------
expect_status "json: exit 0" 0 sh -c "'$MIGC' check --format json >out.json 2>err.txt"
expect_eq "json: stdout is one document" "object" "$(jq -r type out.json)"
expect_eq "json: nothing on stderr but the lossy warning" \
	"migrations/0003_drop.mig:1:1: warning: lossy migration: the down cannot bring back the values of column users.bio" \
	"$(grep ': warning: ' err.txt)"
expect_eq "json: the findings" \
	'[{"rule":"require-concurrent-index-creation","file":"migrations/0002_index.mig","line":1,"column":1,"end_line":1,"end_column":30,"severity":"warning","message":"creating an index on users without concurrently takes a SHARE lock and blocks writes while the index is built","lock":"SHARE","hint":"start the migration with `safe;` (or write `create index concurrently` after `no transaction;`)"},{"rule":"ban-drop-column","file":"migrations/0003_drop.mig","line":1,"column":1,"end_line":1,"end_column":22,"severity":"warning","message":"dropping column users.bio breaks clients still running the previous code (they still read or write it)","lock":null,"hint":"stop using the column in the code first and release that; drop it in a later migration"}]' \
	"$(jq -c .findings out.json)"
expect_eq "json: the migrations and their class" \
	'[{"version":"0001","name":"create","class":"reversible"},{"version":"0002","name":"index","class":"reversible"},{"version":"0003","name":"drop","class":"lossy"}]' \
	"$(jq -c .migrations out.json)"

# --- sarif -----------------------------------------------------------------
expect_status "sarif: exit 0" 0 sh -c "'$MIGC' check --format sarif >out.sarif"
expect_eq "sarif: version 2.1.0 and one run" "2.1.0 1" \
	"$(jq -r '"\(.version) \(.runs | length)"' out.sarif)"
expect_eq "sarif: \$schema" "https://json.schemastore.org/sarif-2.1.0.json" \
	"$(jq -r '."$schema"' out.sarif)"
expect_eq "sarif: the tool's driver has a name and every rule" "migc 18" \
	"$(jq -r '.runs[0].tool.driver | "\(.name) \(.rules | length)"' out.sarif)"
expect_eq "sarif: every rule has an id and a description" "true" \
	"$(jq '[.runs[0].tool.driver.rules[] | (.id | type == "string") and (.shortDescription.text | type == "string")] | all' out.sarif)"
expect_eq "sarif: every result has the required message text" "true" \
	"$(jq '[.runs[0].results[] | .message.text | type == "string"] | all' out.sarif)"
expect_eq "sarif: results, rule, level, file and region" \
	"require-concurrent-index-creation warning migrations/0002_index.mig 1:1-1:30
ban-drop-column warning migrations/0003_drop.mig 1:1-1:22" \
	"$(jq -r '.runs[0].results[] | "\(.ruleId) \(.level) \(.locations[0].physicalLocation.artifactLocation.uri) \(.locations[0].physicalLocation.region | "\(.startLine):\(.startColumn)-\(.endLine):\(.endColumn)")"' out.sarif)"
expect_eq "sarif: ruleIndex points at the rule" "true" \
	"$(jq '.runs[0] as $r | [$r.results[] | $r.tool.driver.rules[.ruleIndex].id == .ruleId] | all' out.sarif)"

# --- github ----------------------------------------------------------------
expect_status "github: exit 0" 0 sh -c "'$MIGC' check --format github >out.gh"
expect_eq "github: one workflow command a finding, then the class lines" \
	'::warning file=migrations/0002_index.mig,line=1,col=1,endLine=1,endColumn=30,title=require-concurrent-index-creation::creating an index on users without concurrently takes a SHARE lock and blocks writes while the index is built%0Ahint: start the migration with `safe;` (or write `create index concurrently` after `no transaction;`)
::warning file=migrations/0003_drop.mig,line=1,col=1,endLine=1,endColumn=22,title=ban-drop-column::dropping column users.bio breaks clients still running the previous code (they still read or write it)%0Ahint: stop using the column in the code first and release that; drop it in a later migration
0001_create  reversible
0002_index   reversible
0003_drop    lossy (values of column users.bio)
3 migrations: 2 reversible, 1 lossy, 0 irreversible' "$(cat out.gh)"

# --- text: the rule in brackets, the hint -----------------------------------
expect_status "text: exit 0" 0 migc check --format text
expect_contains "text: the rule in brackets" \
	"migrations/0003_drop.mig:1:1: warning: dropping column users.bio breaks clients still running the previous code (they still read or write it) [ban-drop-column]" \
	"$TAP_OUT"
expect_status "--quiet: no lint warnings" 0 migc check --quiet
expect_eq "--quiet: nothing printed" "" "$TAP_OUT"
expect_status "--strict: lint findings stay warnings" 1 migc check --strict
expect_contains "--strict: the lossy one is the error" \
	"migrations/0003_drop.mig:1:1: error: lossy migration" "$TAP_OUT"
expect_contains "--strict: the lint one a warning" \
	"warning: dropping column users.bio" "$TAP_OUT"

# --- selection: --since and FILE --------------------------------------------
expect_eq "json --since 0002: the newer migration's findings only" \
	"ban-drop-column" \
	"$(migc check --format json --since 0002 2>/dev/null | jq -r '.findings[].rule')"
expect_eq "github FILE: that file's findings only" "title=require-concurrent-index-creation" \
	"$(migc check --format github migrations/0002_index.mig 2>/dev/null | grep -o 'title=[a-z-]*')"
expect_eq "sqlite: no rule applies" "0" \
	"$(migc check --dialect sqlite --format json 2>/dev/null | jq '.findings | length')"

# --- errors ------------------------------------------------------------------
expect_status "--format xml: usage error" 2 migc check --format xml
expect_eq "--format xml: says which exist" \
	"migc: error: unknown --format 'xml' (text, json, sarif or github)" "$TAP_OUT"
expect_status "--format on compile: usage error" 2 migc compile --format json
expect_contains "--format on compile: says it is check's" \
	"--format is an option of check, not of compile" "$TAP_OUT"

# GitHub escapes: a file name with a comma and a colon stays one property.
mkdir odd
cp migrations/0001_create.mig 'odd/0001_a.mig'
printf 'drop column users.bio;\n' >'odd/0002_b.mig'
expect_eq "github: escaped message and properties" \
	"::warning file=odd/0002_b.mig,line=1,col=1,endLine=1,endColumn=22,title=ban-drop-column::dropping column users.bio breaks clients still running the previous code (they still read or write it)%0Ahint: stop using the column in the code first and release that; drop it in a later migration" \
	"$(migc check --dir odd --format github 2>/dev/null | grep '^::')"

# An unknown rule is an error for every command that compiles.
mkdir bad
printf 'create table t (id bigint primary key, a text);\nallow ban-drop-colum;\ndrop column t.a;\n' >bad/0001_t.mig
for cmd in check compile; do
	expect_status "allow with a typo: $cmd fails" 1 migc "$cmd" --dir bad
	expect_contains "allow with a typo: $cmd says which and suggests" \
		"bad/0001_t.mig:2:7: error: unknown lint rule \"ban-drop-colum\"" "$TAP_OUT"
	expect_contains "allow with a typo: $cmd hint" "hint: did you mean ban-drop-column?" "$TAP_OUT"
done
# allow changes no SQL and is not part of the checksum: adding it to an
# applied file does not make it "changed".
mkdir ok1 ok2
printf 'create table t (id bigint primary key, a text);\n' >ok1/0001_t.mig
printf 'create table t (id bigint primary key, a text);\n' >ok2/0001_t.mig
printf 'drop column t.a;\n' >ok1/0002_d.mig
printf 'allow ban-drop-column;\ndrop column t.a;\n' >ok2/0002_d.mig
expect_eq "allow: the compiled SQL is the same" \
	"$(migc compile --dir ok1 | grep -v '^-- ')" "$(migc compile --dir ok2 | grep -v '^-- ')"
expect_ok "allow: up without it" migc up --dir ok1 --db "sqlite:$SCRATCH/a.db"
expect_status "allow: status with it: nothing changed" 0 \
	migc status --exit-code --dir ok2 --db "sqlite:$SCRATCH/a.db"

summary
