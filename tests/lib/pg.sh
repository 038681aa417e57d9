# shellcheck shell=bash
# tests/lib/pg.sh: a throwaway PostgreSQL server for tests.  Source it:
#
#   . "$here/lib/pg.sh"
#   at_exit pg_stop               # from tap.sh: stop even on failure or ^C
#   pg_start                      # ~1 s: initdb + start in a fresh mktemp -d
#   pg_createdb shop
#   pg_psql -d shop -c 'CREATE TABLE t (id int)'
#   pg_dump_schema shop > "$SCRATCH/schema.sql"
#   migc up --db "$(pg_url shop)"
#   pg_stop                       # safe to call twice and without pg_start
#
# pg_start exports PGHOST (the socket directory), PGPORT, PGUSER=postgres,
# PGDATABASE=postgres, PG_BINDIR (the server's bin directory) and PG_DIR (the
# temp directory: data/, server.log, the socket).  libpq clients, migc
# included, reach the server through PGHOST/PGPORT with no URL at all.
#
# The server listens on a Unix socket only (listen_addresses=''), trusts
# every local user, and runs with fsync off.  Every binary comes from the
# server's bin directory by full path, never from PATH: Debian's wrappers
# (pg_wrapper, or stray links such as /usr/local/bin/initdb) are not used.
# PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` system user, created if missing.

# pg_find_bindir: print the directory holding initdb, pg_ctl and postgres.
# $PG_BINDIR wins when it holds them; then `pg_config --bindir` (which, with
# libpq-dev alone, may name a client-only directory); then the newest
# /usr/lib/postgresql/*/bin.
pg_find_bindir() {
	local d
	for d in "${PG_BINDIR:-}" \
		"$(pg_config --bindir 2>/dev/null || true)" \
		$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] &&
			[ -x "$d/postgres" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	done
	echo "pg.sh: PostgreSQL server binaries not found (scripts/deps.sh test)" >&2
	return 1
}

# _pg_as_owner CMD...: run a server-side command as the data directory's
# owner, from inside PG_DIR (a cwd like /root is unreadable for postgres).
_pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$PG_DIR" && runuser -u postgres -- "$@")
	else
		(cd "$PG_DIR" && "$@")
	fi
}

pg_start() {
	local base=${TMPDIR:-/tmp}
	if [ -n "${PG_DIR:-}" ]; then
		echo "pg.sh: already started in $PG_DIR" >&2
		return 1
	fi
	PG_BINDIR=$(pg_find_bindir) || return 1
	if [ "$(id -u)" -eq 0 ]; then
		if ! id -u postgres >/dev/null 2>&1; then
			useradd --system --home-dir /nonexistent --no-create-home \
				--shell /usr/sbin/nologin postgres || return 1
		fi
		# The server user must reach the directory; /tmp always works.
		runuser -u postgres -- test -x "$base" 2>/dev/null || base=/tmp
	fi
	# A socket path is limited to ~107 bytes: keep the directory short.
	[ "${#base}" -le 60 ] || base=/tmp
	PG_DIR=$(mktemp -d "$base/migc-pg.XXXXXX") || { PG_DIR=; return 1; }
	if [ "$(id -u)" -eq 0 ]; then
		if ! chown postgres: "$PG_DIR" || ! chmod 755 "$PG_DIR"; then
			pg_stop
			return 1
		fi
	fi
	if ! _pg_as_owner "$PG_BINDIR/initdb" -D "$PG_DIR/data" -A trust \
		-U postgres --no-sync -E UTF8 --locale=C \
		>"$PG_DIR/initdb.log" 2>&1; then
		echo "pg.sh: initdb failed:" >&2
		cat "$PG_DIR/initdb.log" >&2
		pg_stop
		return 1
	fi
	PGPORT=${PG_PORT:-5432} # names the socket file only: no TCP
	if ! _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" \
		-l "$PG_DIR/server.log" -w -t 30 -s start -o "-k $PG_DIR -p $PGPORT \
-c listen_addresses='' -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off"; then
		echo "pg.sh: server did not start:" >&2
		cat "$PG_DIR/server.log" >&2
		pg_stop
		return 1
	fi
	# Settings that would send libpq elsewhere.
	unset PGHOSTADDR PGSERVICE PGOPTIONS
	export PGHOST=$PG_DIR PGPORT PGUSER=postgres PGDATABASE=postgres
	export PG_BINDIR PG_DIR
}

# pg_stop: immediate shutdown, remove the directory, unset PGHOST & co.
pg_stop() {
	local pid
	[ -n "${PG_DIR:-}" ] || return 0
	if [ -f "$PG_DIR/data/postmaster.pid" ]; then
		if ! _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate \
			-w -t 30 -s stop >/dev/null 2>&1; then
			pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null) || pid=
			[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf "$PG_DIR"
	unset PG_DIR PGHOST PGPORT PGUSER PGDATABASE
}

# pg_psql ARGS...: the server's psql, no ~/.psqlrc, quiet, stop on error.
pg_psql() {
	"${PG_BINDIR:?pg_start first}/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

# pg_createdb NAME: create database NAME (quoted as an identifier).
pg_createdb() {
	printf 'CREATE DATABASE :"name";\n' | pg_psql -d postgres -v name="$1"
}

# pg_dump_schema DB: the schema of DB as SQL, without comments, SET lines,
# blank lines and pg_dump's per-run \restrict keys, so two dumps compare
# with diff.
pg_dump_schema() {
	local out
	out=$("${PG_BINDIR:?pg_start first}/pg_dump" --schema-only --no-owner \
		--no-privileges -d "$1") || return 1
	printf '%s\n' "$out" | grep -v -E \
		'^(--|SET |SELECT pg_catalog\.set_config\(|\\(un)?restrict |$)' || true
}

# pg_url DB: a libpq URL for DB on this server, for `migc --db`.
pg_url() {
	printf 'postgresql:///%s?host=%s&port=%s&user=postgres\n' \
		"${1:-postgres}" "${PGHOST:?pg_start first}" "$PGPORT"
}
