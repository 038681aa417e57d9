# bench/split.awk — turn the output of `migc compile` into what the other
# contestants run.  `migc compile` prints one section per migration:
#
#   -- 000001_create_t1: up, reversible
#   [-- comment lines]
#   BEGIN;                       (SQLite: PRAGMA foreign_keys = OFF; BEGIN;)
#   ...statements...
#   COMMIT;                      (SQLite: PRAGMA foreign_key_check; COMMIT;
#                                          PRAGMA foreign_keys = ON;)
#
# Usage (DOWN is the output of `migc compile --down`, UP of `migc compile`):
#
#   awk -v mode=up   -v db=pg|sqlite|mysql -f split.awk DOWN UP   > up.sql
#   awk -v mode=down -v db=pg|sqlite|mysql -f split.awk DOWN      > down.sql
#   awk -v mode=js   -v dir=OUTDIR   -f split.awk DOWN UP
#
# up/down: the same SQL as migc runs, each migration in its own transaction
# with its ledger row written (up: INSERT with the up and down SQL, as migc
# records them; down: DELETE), in the frame `migc compile` prints, for one
# psql or sqlite3 process: the floor under `migc up` and `migc down`.
#
# js: one node-pg-migrate migration per migration, OUTDIR/<key>.js, with one
# pgm.sql() per statement of the up and of the down SQL.

function flush_section(    i, body) {
	if (key == "")
		return
	# The SQL without the comments and the transaction frame.
	body = ""
	for (i = 1; i <= nl; i++)
		if (!is_frame(line[i]) && line[i] !~ /^-- /)
			body = body line[i] "\n"
	if (FILENAME_IS_DOWN) {
		down[key] = body
		order[++ndown] = key
	} else {
		up_keys[++nup] = key
		up_text[key] = body
	}
	if (mode == "down" && FILENAME_IS_DOWN)
		emit(key, "DELETE FROM migc_migrations WHERE version = '" \
		     version(key) "';")
	else if (mode == "up" && !FILENAME_IS_DOWN && db == "mysql")
		emit(key, "INSERT INTO migc_migrations (version, name, checksum, " \
		     "up_sql, down_sql, no_transaction, applied_at, duration_ms) " \
		     "VALUES ('" version(key) "', '" name(key) "', '" checksum \
		     "', " quote(body) ", " quote(down[key]) ", 1, " \
		     "UTC_TIMESTAMP(6), 0);")
	else if (mode == "up" && !FILENAME_IS_DOWN)
		emit(key, "INSERT INTO migc_migrations (version, name, checksum, " \
		     "up_sql, down_sql, no_transaction, duration_ms) VALUES ('" \
		     version(key) "', '" name(key) "', '" checksum "', " \
		     quote(body) ", " quote(down[key]) ", " \
		     (db == "pg" ? "false" : "0") ", 0);")
	else if (mode == "js" && !FILENAME_IS_DOWN)
		js(key, body, down[key])
	key = ""
	nl = 0
}

function is_frame(s) {
	return s == "BEGIN;" || s == "COMMIT;" || s == "PRAGMA foreign_keys = OFF;" ||
	       s == "PRAGMA foreign_keys = ON;" || s == "PRAGMA foreign_key_check;"
}

# Print the section with `ledger` before its last COMMIT (MySQL: after
# its last statement, as migc runs it: no transaction there).
function emit(k, ledger,    i, last) {
	if (db == "mysql") {
		for (i = 1; i <= nl; i++)
			if (line[i] !~ /^-- /)
				print line[i]
		print ledger
		return
	}
	last = 0
	for (i = 1; i <= nl; i++)
		if (line[i] == "COMMIT;")
			last = i
	for (i = 1; i <= nl; i++) {
		if (i == last)
			print ledger
		print line[i]
	}
	if (!last) {
		print "-- " k ": no transaction in the compiled SQL" > "/dev/stderr"
		exit 1
	}
}

function version(k) { return substr(k, 1, index(k, "_") - 1) }
function name(k) { return substr(k, index(k, "_") + 1) }

function quote(s) {
	if (db == "mysql")
		gsub(/\\/, "\\\\", s)
	gsub(/'/, "''", s)
	return "'" s "'"
}

function jsstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\n/, "\\n", s)
	gsub(/\t/, "\\t", s)
	return "\"" s "\""
}

# One pgm.sql() per statement: a statement ends at a line ending with ';'.
function js_calls(body,    n, parts, i, cur, out) {
	out = ""
	cur = ""
	n = split(body, parts, "\n")
	for (i = 1; i <= n; i++) {
		if (parts[i] == "")
			continue
		cur = cur parts[i] "\n"
		if (parts[i] ~ /;[ \t]*$/) {
			out = out "  pgm.sql(" jsstr(cur) ");\n"
			cur = ""
		}
	}
	if (cur != "")
		out = out "  pgm.sql(" jsstr(cur) ");\n"
	return out
}

function js(k, upb, downb,    f) {
	f = dir "/" k ".js"
	printf "exports.up = (pgm) => {\n%s};\n\nexports.down = (pgm) => {\n%s};\n",
	       js_calls(upb), js_calls(downb) > f
	close(f)
}

BEGIN {
	# The ledger's checksum column, a fixed 64-hex-digit value.
	checksum = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	key = ""
	nl = 0
	if (mode != "up" && mode != "down" && mode != "js") {
		print "split.awk: mode must be up, down or js" > "/dev/stderr"
		exit 2
	}
	# The ledger, as migc creates it (runtime/ledger.c).
	if (mode == "up" || mode == "down") {
		if (db != "pg" && db != "sqlite" && db != "mysql") {
			print "split.awk: db must be pg, sqlite or mysql" > "/dev/stderr"
			exit 2
		}
		if (mode == "up" && db == "mysql")
			print "CREATE TABLE IF NOT EXISTS migc_migrations (\n" \
			      "    version varchar(255) NOT NULL PRIMARY KEY,\n" \
			      "    name text NOT NULL,\n    checksum text NOT NULL,\n" \
			      "    up_sql longtext NOT NULL,\n    down_sql longtext,\n" \
			      "    no_transaction boolean NOT NULL DEFAULT false,\n" \
			      "    applied_at datetime(6) NOT NULL,\n" \
			      "    duration_ms double NOT NULL\n" \
			      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;"
		else if (mode == "up" && db == "pg")
			print "CREATE TABLE IF NOT EXISTS migc_migrations (\n" \
			      "    version text PRIMARY KEY,\n    name text NOT NULL,\n" \
			      "    checksum text NOT NULL,\n    up_sql text NOT NULL,\n" \
			      "    down_sql text,\n" \
			      "    no_transaction boolean NOT NULL DEFAULT false,\n" \
			      "    applied_at timestamptz NOT NULL DEFAULT now(),\n" \
			      "    duration_ms double precision NOT NULL\n);"
		else if (mode == "up")
			print "CREATE TABLE IF NOT EXISTS migc_migrations (\n" \
			      "    version text PRIMARY KEY,\n    name text NOT NULL,\n" \
			      "    checksum text NOT NULL,\n    up_sql text NOT NULL,\n" \
			      "    down_sql text,\n" \
			      "    no_transaction integer NOT NULL DEFAULT 0,\n" \
			      "    applied_at text NOT NULL\n" \
			      "        DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),\n" \
			      "    duration_ms real NOT NULL\n);"
	}
}

FNR == 1 {
	flush_section()
	FILENAME_IS_DOWN = (++nfile == 1)
}

/^-- [0-9]+_[a-z0-9_]+: (up|down), / {
	flush_section()
	key = substr($2, 1, length($2) - 1)
	next
}

key != "" && $0 != "" { line[++nl] = $0 }

END { flush_section() }
