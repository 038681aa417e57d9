#!/usr/bin/env python3
"""schema_norm.py: `migc schema` output in a form two schemas compare in.

Reads `migc schema` (any dialect) on stdin, writes on stdout; with
arguments IN OUT [IN OUT ...], reads each IN and writes OUT (one process
for many schemas):

- each table, sorted by name, with its columns in their order and its
  constraints sorted (a catalog does not keep the order in which
  constraints were written; a foreign key added by ALTER TABLE after every
  table counts as the table's own);
- the indexes and the other statements, sorted;
- every expression (CHECK, DEFAULT, WHERE, GENERATED, a trigger's WHEN)
  as the server's canonical form
  and the source text both reduce to: outside string literals, lower case,
  no parentheses, no casts (::type), no backticks, white space collapsed;
  a plain name in double quotes without them (SQLite's RENAME COLUMN
  quotes the new name in the checks and predicates it rewrites); inside
  string literals, the seconds and UTC offset PostgreSQL adds to a
  timestamp with time zone ('2020-01-01 10:00:00+00' is '2020-01-01
  10:00', and a midnight is the date alone), and the quotes around a
  number or a boolean ('1.50' is 1.50, 'true' is true);
- a view's query: outside string literals, a plain name in double quotes
  without them (SQLite's RENAME COLUMN quotes the new name in the views
  it rewrites, and introspection gives SQLite's text);
- an index's keys (after ON, up to WHERE) as an expression is, and
  what is the default said or not: `USING btree`, `ASC`, `NULLS LAST`
  after an ascending key and `NULLS FIRST` after a descending one
  (PostgreSQL's catalog keeps what they mean, not whether they were
  written, and its deparsed expression keys have their own parentheses
  and casts);
- SQLite keeps an enum as a column `TEXT ... CHECK ("c" IN (labels))`
  and nothing else (LANGUAGE.md): the type's name is not in the
  database, so introspection gives a text column with an unnamed check,
  which the language names <table>_check.  Both become a `text` column
  and a check `c in labels` without a name.  Comment lines are dropped.

- a materialized view's WITH NO DATA is dropped: whether it is populated
  is its rows' state, which diff does not compare either (RUNTIME.md).

With --pg-views URL FILE: the view queries of FILE (`migc schema` of a
history, PostgreSQL) rewritten in place as the server at URL prints them
(pg_get_viewdef of a temporary view made of each, in a transaction
rolled back), their column lists dropped (the server's text names the
columns): the form introspection reads from the catalog.  Run while the
database holds what the history made.

With --mysql first, what a MySQL or MariaDB catalog does not keep
(docs/INTROSPECT.md): a primary key's name (MySQL calls each PRIMARY), a
RESTRICT or NO ACTION foreign key action (InnoDB reports RESTRICT for
none), and whether a unique key was made as a constraint or as a unique
index (both are a unique index there): each becomes the table's
`UNIQUE (cols)` with its name; an index key's ASC, the default order,
goes; a view's query (MySQL keeps its own rewrite only) goes.

Everything else compares exactly: names, types, nullability, which
constraints and indexes exist with which columns and actions.
"""
import re
import sys

CAST = re.compile(r"::\s*(?:\"[^\"]*\"|[a-z_][a-z0-9_]*)"
                  r"(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*"
                  r"(?:\s*\([0-9, ]*\))?(?:\[\])?", re.I)


def norm_expr(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "'":
            j = i + 1
            while j < len(s):
                if s[j] == "'" and j + 1 < len(s) and s[j + 1] == "'":
                    j += 2
                    continue
                if s[j] == "'":
                    break
                j += 1
            lit = s[i:j + 1]
            # a time of day to the minute, at UTC; a number in quotes
            lit = re.sub(r"^'(\d{4}-\d\d-\d\d)( 00:00)?(:00)?(\+00)?'$",
                         r"'\1'", lit)
            lit = re.sub(r"^'(\d{4}-\d\d-\d\d \d\d:\d\d)(:00)?(\+00)?'$",
                         r"'\1'", lit)
            lit = re.sub(r"^'(-?[0-9]+(\.[0-9]+)?|true|false)'$", r"\1", lit)
            out.append("\0" + lit + "\0")
            i = j + 1
            continue
        out.append(c)
        i += 1
    text = "".join(out)
    parts = text.split("\0")
    for k in range(0, len(parts), 2):
        p = parts[k].lower()
        p = CAST.sub("", p)
        p = re.sub(r'"([a-z_][a-z0-9_]*)"', r"\1", p)
        p = p.replace("`", "").replace("(", " ").replace(")", " ")
        p = re.sub(r"\s+", " ", p)
        parts[k] = p
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def unquote_names(s):
    parts = re.split(r"('(?:[^']|'')*')", s)
    for k in range(0, len(parts), 2):
        parts[k] = re.sub(r'"([a-z_][a-z0-9_]*)"', r"\1", parts[k])
    return "".join(parts)


VIEW = re.compile(r"^(CREATE (?:OR REPLACE )?(?:MATERIALIZED )?VIEW .*? AS )(.*)$")


EXPR = re.compile(r"( CHECK | DEFAULT | WHERE | GENERATED ALWAYS AS | WHEN )(.*)$")


INDEX = re.compile(r"^(CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?\S+ ON )(.*?)( WHERE .*)?$")


def norm_index(line):
    m = INDEX.match(line)
    if not m:
        return line
    keys = norm_expr(m.group(2).replace(" USING btree ", " "))
    keys = re.sub(r" asc\b", "", keys)
    keys = re.sub(r"(?<!desc) nulls last\b", "", keys)
    keys = re.sub(r"\bdesc nulls first\b", "desc", keys)
    return m.group(1) + keys + (m.group(3) or "")


def norm_line(line):
    line = norm_index(line.strip().rstrip(",").rstrip(";"))
    m = EXPR.search(line)
    if m:
        line = line[:m.start()] + m.group(1) + norm_expr(m.group(2))
    return line


MYSQL = False


def mysql_number(m):
    v = float(m.group(0))
    return str(int(v)) if v == int(v) else repr(v)


def mysql_line(line):
    m = re.search(r" DEFAULT (.*)$", line)
    if m:
        d = re.sub(r" charset \w+", "", m.group(1))
        d = re.sub(r"\bucase\b", "upper", d)
        d = re.sub(r"\blcase\b", "lower", d)
        d = re.sub(r"\s*,\s*", ", ", d)
        d = re.sub(r"(?<![\w.'])-?\d+\.\d+(?![\w.'])", mysql_number, d)
        line = line[:m.start()] + " DEFAULT " + d
    line = re.sub(r"^CONSTRAINT `[^`]*` (PRIMARY KEY)", r"\1", line)
    line = re.sub(r" ON (DELETE|UPDATE) (RESTRICT|NO ACTION)", "", line)
    return line


def normalize(text):
    res = []
    stmts = re.split(r";\n", text)
    tables = {}
    order = []
    others = []
    for st in stmts:
        st = st.strip()
        if not st:
            continue
        lines = [ln for ln in st.split("\n") if not ln.startswith("--")]
        if not lines:
            continue
        st = "\n".join(lines)
        head = lines[0]
        m = re.match(r"CREATE TABLE (.*) \($", head)
        if m:
            name = m.group(1)
            cols, cons = [], []
            for ln in lines[1:]:
                ln = ln.strip()
                if ln.startswith(")"):
                    break
                if re.match(r"(CONSTRAINT|PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)\b", ln):
                    c = norm_line(ln)
                    c = re.sub(r'^CONSTRAINT "[^"]*_check[0-9]*" (CHECK [a-z_]+ in \')',
                               r"\1", c)
                    cons.append(c)
                    continue
                m2 = re.match(r'("[^"]*") TEXT (.*?) ?CHECK (\("[^"]*" IN \(.*\)\))$', ln.rstrip(","))
                if m2:
                    cols.append(norm_line(m2.group(1) + " text " + m2.group(2)))
                    cons.append("CHECK " + norm_expr(m2.group(3)))
                else:
                    cols.append(norm_line(ln))
            tables.setdefault(name, [[], []])
            tables[name][0] = cols
            tables[name][1] += cons
            order.append(name)
            continue
        m = re.match(r"ALTER TABLE (\S*) ADD UNIQUE INDEX (\S*) (\(.*?\))(, |$)(.*)",
                     st, re.S) if MYSQL else None
        if m:
            tables.setdefault(m.group(1), [[], []])[1].append(
                "CONSTRAINT " + m.group(2) + " UNIQUE " + m.group(3))
            if m.group(5):
                others.append(norm_line("ALTER TABLE " + m.group(1) + " " +
                                        " ".join(m.group(5).split())))
            continue
        m = re.match(r"ALTER TABLE (.*?) ADD (CONSTRAINT .*)$", st, re.S)
        if m:
            tables.setdefault(m.group(1), [[], []])[1].append(
                norm_line(" ".join(m.group(2).split())))
            continue
        st = " ".join(st.split())
        if st.startswith("CREATE MATERIALIZED VIEW ") and st.endswith(" WITH NO DATA"):
            st = st[:-len(" WITH NO DATA")]
        m = VIEW.match(st)
        if m:
            st = m.group(1) + unquote_names(m.group(2))
        others.append(norm_line(st))
    if MYSQL:
        # MySQL's own index for a foreign key, dropped when another
        # covers it: the catalog does not say which one it made.
        fks = set()
        for name, (cols, cons) in tables.items():
            for c in cons:
                m = re.match(r"CONSTRAINT (\S*) FOREIGN KEY", c)
                if m:
                    fks.add((name, m.group(1)))
        others = [o for o in others
                  if not (re.match(r"ALTER TABLE (\S*) DROP INDEX (\S*)$", o) and
                          re.match(r"ALTER TABLE (\S*) DROP INDEX (\S*)$", o).groups() in fks)]
        # A view's query: MySQL keeps only its own rewrite of it, which
        # is compared by name (docs/INTROSPECT.md).
        others = [re.sub(r"^(CREATE VIEW \S+) .*$", r"\1 AS ...", o)
                  for o in others]
        # An index key's ASC: the default order.
        others = [re.sub(r" ASC(?=[,)])", "", o)
                  if re.match(r"ALTER TABLE \S* ADD (UNIQUE )?INDEX ", o) else o
                  for o in others]
    for name in sorted(tables):
        cols, cons = tables[name]
        if MYSQL:
            cols = [mysql_line(c) for c in cols]
            cons = [mysql_line(c) for c in cons]
        res.append("TABLE " + name)
        for c in cols:
            res.append("    " + c)
        for c in sorted(cons):
            res.append("    " + c)
    for o in sorted(others):
        res.append(o)
    return "".join(line + "\n" for line in res)


PG_VIEW = re.compile(r"^(CREATE (?:MATERIALIZED )?VIEW (?:\"[^\"]*\"\\.)?\"[^\"]*\")"
                     r"( \(.*?\))? AS\n(.*?)(\nWITH NO DATA)?;\n", re.S | re.M)


def pg_views(url, path):
    import subprocess
    with open(path) as f:
        text = f.read()
    views = list(PG_VIEW.finditer(text))
    if not views:
        return
    script = []
    for i, m in enumerate(views):
        script.append("BEGIN;\nCREATE TEMPORARY VIEW migc_norm_%d%s AS\n%s\n;\n"
                      "SELECT '<<<%d' || chr(10) || rtrim(ltrim(pg_get_viewdef("
                      "'migc_norm_%d'::regclass), E' \\n'), E'; \\n') || chr(10) || '>>>';\n"
                      "ROLLBACK;\n" % (i, m.group(2) or "", m.group(3), i, i))
    out = subprocess.run(["psql", "-X", "-q", "-At", "-d", url],
                         input="".join(script), capture_output=True,
                         text=True).stdout
    got = dict((int(k), v) for k, v in
               re.findall(r"<<<(\d+)\n(.*?)\n>>>", out, re.S))
    res, at = [], 0
    for i, m in enumerate(views):
        res.append(text[at:m.start()])
        if i in got:
            res.append("%s AS\n%s%s;\n" % (m.group(1), got[i], m.group(4) or ""))
        else:
            res.append(m.group(0))
        at = m.end()
    res.append(text[at:])
    with open(path, "w") as f:
        f.write("".join(res))


def main():
    global MYSQL
    args = sys.argv[1:]
    if args and args[0] == "--pg-views":
        pg_views(args[1], args[2])
        return
    if args and args[0] == "--mysql":
        MYSQL = True
        args = args[1:]
    if not args:
        sys.stdout.write(normalize(sys.stdin.read()))
        return
    for i in range(0, len(args) - 1, 2):
        with open(args[i]) as f:
            text = f.read()
        with open(args[i + 1], "w") as f:
            f.write(normalize(text))


main()
