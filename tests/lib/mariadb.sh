# shellcheck shell=bash
# tests/lib/mariadb.sh: a throwaway MariaDB server for tests.  Source it:
#
#   . "$here/lib/mariadb.sh"
#   at_exit mdb_stop              # from tap.sh: stop even on failure or ^C
#   mdb_start                     # ~1 s: install-db + start in a mktemp -d
#   mdb_createdb shop
#   mdb_sql shop -e 'CREATE TABLE t (id int)'
#   migc compile --dialect mysql | mdb_sql shop
#   mdb_dump_schema shop
#   mdb_stop                      # safe to call twice and without mdb_start
#
# mdb_start exports MDB_SOCKET (the server's Unix socket), MDB_DIR (the temp
# directory: data/, error.log, the socket, the pid file) and MDB_PID.
# No TCP (--skip-networking); user root with no password.  The server and
# the clients all run with --no-defaults: /etc/mysql and ~/.my.cnf are
# ignored.  As root, the server runs as the `mysql` system user (created if
# missing); otherwise as the calling user.

# Server tuning shared by mariadb-install-db and mariadbd: small, no fsync
# worth waiting for, no native AIO (io_uring/libaio limits vary in
# containers), Debian's default character set.
_MDB_OPTS=(--innodb-buffer-pool-size=32M --innodb-log-file-size=16M
	--innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0
	--innodb-use-native-aio=0
	--character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci)

# _mdb_find PROGRAM: its path; sbin directories are often not on PATH.
_mdb_find() {
	local d
	d=$(command -v "$1" 2>/dev/null) && [ -x "$d" ] && { printf '%s\n' "$d"; return 0; }
	for d in /usr/sbin /usr/local/sbin /usr/libexec /sbin; do
		[ -x "$d/$1" ] && { printf '%s\n' "$d/$1"; return 0; }
	done
	echo "mariadb.sh: $1 not found (scripts/deps.sh test)" >&2
	return 1
}

# _mdb_alive PID: the process exists and is not a zombie.
_mdb_alive() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*") "}
	[ "${st%% *}" != Z ]
}

mdb_start() {
	local mariadbd install_db user base=${TMPDIR:-/tmp} i
	if [ -n "${MDB_DIR:-}" ]; then
		echo "mariadb.sh: already started in $MDB_DIR" >&2
		return 1
	fi
	mariadbd=$(_mdb_find mariadbd) || return 1
	install_db=$(_mdb_find mariadb-install-db) || return 1
	user=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		user=mysql
		if ! id -u mysql >/dev/null 2>&1; then
			useradd --system --home-dir /nonexistent --no-create-home \
				--shell /usr/sbin/nologin mysql || return 1
		fi
		runuser -u mysql -- test -x "$base" 2>/dev/null || base=/tmp
	fi
	[ "${#base}" -le 60 ] || base=/tmp # socket paths are short
	MDB_DIR=$(mktemp -d "$base/migc-mdb.XXXXXX") || { MDB_DIR=; return 1; }
	if [ "$(id -u)" -eq 0 ]; then
		if ! chown mysql: "$MDB_DIR" || ! chmod 755 "$MDB_DIR"; then
			mdb_stop
			return 1
		fi
	fi
	MDB_SOCKET=$MDB_DIR/mysql.sock
	# Internal temporary tables (Aria files), of install-db's bootstrap
	# server too, go to a folder of this server's own, not the shared /tmp: there, a file another process removed made
	# mariadbd fail ("Error on delete of '/tmp/#sql-temptable-...MAI'") or
	# crash in ha_maria::drop_table.
	mkdir -p "$MDB_DIR/tmp"
	[ "$(id -u)" -ne 0 ] || chown mysql: "$MDB_DIR/tmp"
	# install-db chowns the data to --user, which mariadbd then switches to.
	if ! (cd "$MDB_DIR" && "$install_db" --no-defaults --datadir="$MDB_DIR/data" \
		--user="$user" --auth-root-authentication-method=normal \
		--skip-test-db --skip-name-resolve --tmpdir="$MDB_DIR/tmp" \
		"${_MDB_OPTS[@]}") >"$MDB_DIR/install.log" 2>&1; then
		echo "mariadb.sh: mariadb-install-db failed:" >&2
		cat "$MDB_DIR/install.log" >&2
		mdb_stop
		return 1
	fi
	# Detached from our stdout: a daemon holding a pipe open would hang
	# whoever reads the test's output.
	(cd "$MDB_DIR" && exec "$mariadbd" --no-defaults --datadir="$MDB_DIR/data" \
		--user="$user" --socket="$MDB_SOCKET" --skip-networking \
		--pid-file="$MDB_DIR/mariadbd.pid" --log-error="$MDB_DIR/error.log" \
		--skip-name-resolve --tmpdir="$MDB_DIR/tmp" "${_MDB_OPTS[@]}") \
		</dev/null >"$MDB_DIR/stdout.log" 2>&1 &
	MDB_PID=$!
	export MDB_DIR MDB_SOCKET MDB_PID
	for ((i = 0; i < ${MDB_START_TIMEOUT:-30} * 20; i++)); do
		if mariadb-admin --no-defaults --socket="$MDB_SOCKET" --user=root \
			--connect-timeout=1 ping >/dev/null 2>&1; then
			return 0
		fi
		_mdb_alive "$MDB_PID" || break
		sleep 0.05
	done
	echo "mariadb.sh: server did not start:" >&2
	cat "$MDB_DIR/error.log" "$MDB_DIR/stdout.log" >&2 2>/dev/null
	mdb_stop
	return 1
}

# mdb_stop: normal shutdown (SIGTERM, as mariadb-admin shutdown does, but
# without its one-second polling), SIGKILL after 30 s, remove the directory.
mdb_stop() {
	local i died=
	[ -n "${MDB_DIR:-}" ] || return 0
	[ -z "${MDB_PID:-}" ] || _mdb_alive "$MDB_PID" || died=1
	if [ -n "${MDB_PID:-}" ] && _mdb_alive "$MDB_PID"; then
		kill -TERM "$MDB_PID" 2>/dev/null || true
		for ((i = 0; i < 600; i++)); do
			_mdb_alive "$MDB_PID" || break
			sleep 0.05
		done
		if _mdb_alive "$MDB_PID"; then
			echo "mariadb.sh: server ignored SIGTERM, killing it" >&2
			kill -KILL "$MDB_PID" 2>/dev/null || true
		fi
	fi
	# A server that crashed (or was gone before we stopped it) says why in
	# its log: the query it ran and a backtrace.  Show that, or a failing
	# test would only say it could not connect.  Nothing when all is well.
	if [ -n "$died" ] ||
		grep -qE 'got signal|Assertion|crashed' "$MDB_DIR/error.log" 2>/dev/null; then
		echo "mariadb.sh: the server crashed or died; the end of its log:" >&2
		tail -n 40 "$MDB_DIR/error.log" >&2
	fi
	# Reap it if it is our child (returns at once otherwise).
	[ -z "${MDB_PID:-}" ] || wait "$MDB_PID" 2>/dev/null || true
	rm -rf "$MDB_DIR"
	unset MDB_DIR MDB_SOCKET MDB_PID
}

# mdb_sql ARGS...: the mariadb client as root on this server, batch mode
# (tab-separated output, no table borders); e.g. mdb_sql DB -e 'SQL' or
# mdb_sql DB < file.sql.
mdb_sql() {
	mariadb --no-defaults --socket="${MDB_SOCKET:?mdb_start first}" \
		--user=root --batch "$@"
}

# mdb_createdb NAME: create database NAME.
mdb_createdb() {
	mdb_sql -e "CREATE DATABASE \`${1//\`/\`\`}\`"
}

# mdb_dump_schema DB: the CREATE statements of DB's tables and views,
# without comments, conditional /*!...*/ lines and blank lines.
mdb_dump_schema() {
	local out
	out=$(mariadb-dump --no-defaults --socket="${MDB_SOCKET:?mdb_start first}" \
		--user=root --no-data --skip-comments --skip-dump-date \
		--skip-add-drop-table --skip-set-charset --routines "$1") || return 1
	printf '%s\n' "$out" | grep -v -E '^(/\*![0-9]* .*\*/;|$)' || true
}
