#!/usr/bin/env bash
# scripts/deps.sh [-q] [build|test]: check the dependencies of `make` (build) or
# of `make test` too (test, the default) and install what is missing.
#
# Checks are cheap (command -v, pkg-config, files) and nothing is installed
# when all is present.  As root on Debian/Ubuntu it runs apt-get update once
# and installs the missing packages, with a policy-rc.d that keeps the new
# database services from starting.  Otherwise it prints the command to run
# and exits 1.  -q: say nothing when all is present.
set -eu
export LC_ALL=C

usage() { echo "usage: $0 [-q] [build|test]"; }
quiet=
if [ "${1:-}" = -q ]; then quiet=1; shift; fi
mode=${1:-test}
case $mode in
build | test) ;;
-h | --help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

# have PROGRAM: an executable on PATH or in an sbin directory (not on a
# user's PATH).  (command -v alone also finds non-executable files.)
have() {
	local p
	p=$(command -v "$1" 2>/dev/null) && [ -x "$p" ] && return 0
	[ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

# have_pc MODULE...: pkg-config knows them all.
have_pc() {
	have pkg-config && pkg-config --exists "$@"
}

# pg_server_bindir: the directory of initdb/pg_ctl/postgres, as in
# tests/lib/pg.sh (pg_config may name the client's directory).
pg_server_bindir() {
	local d
	for d in "${PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null || true)" \
		$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] &&
			[ -x "$d/postgres" ]; then
			printf '%s\n' "$d"
			return 0
		fi
	done
	return 1
}

have_pg_server() { pg_server_bindir >/dev/null; }

have_pg_client() {
	local d
	d=$(pg_server_bindir) || d=$(pg_config --bindir 2>/dev/null) || return 1
	[ -x "$d/psql" ] && [ -x "$d/pg_dump" ]
}

# clang's ASan/UBSan runtime (libclang-rt-14-dev on Debian 12).
have_clang_rt() {
	local f
	f=$(clang -print-file-name="libclang_rt.asan-$(uname -m).a" 2>/dev/null) &&
		[ -f "$f" ]
}

missing=()
# need PACKAGE CHECK...: PACKAGE is missing unless CHECK succeeds.
need() {
	local pkg=$1
	shift
	if ! "$@" >/dev/null 2>&1; then missing+=("$pkg"); fi
}

check() {
	missing=()
	need build-essential have cc
	need build-essential have make
	need flex have flex
	need bison have bison
	need pkg-config have pkg-config
	need libpq-dev have_pc libpq
	need libpq-dev have pg_config
	need libsqlite3-dev have_pc sqlite3
	need libssl-dev have_pc libcrypto
	need libjansson-dev have_pc jansson
	need libmariadb-dev have_pc libmariadb
	if [ "$mode" = test ]; then
		need clang have clang
		need libclang-rt-14-dev have_clang_rt
		need libcmocka-dev have_pc cmocka
		need postgresql have_pg_server
		need postgresql-client have_pg_client
		need mariadb-server have mariadbd
		need mariadb-server have mariadb-install-db
		need mariadb-client have mariadb
		need mariadb-client have mariadb-admin
		need sqlite3 have sqlite3
		need valgrind have valgrind
		need jq have jq
	fi
	# Each package once, in order.
	if [ ${#missing[@]} -gt 0 ]; then
		mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
	fi
}

check
if [ ${#missing[@]} -eq 0 ]; then
	[ -n "$quiet" ] || echo "deps.sh: all $mode dependencies present"
	exit 0
fi
echo "deps.sh: missing for $mode: ${missing[*]}" >&2

if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
	if have apt-get; then
		echo "deps.sh: not root; run:" >&2
		echo "sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
	else
		echo "deps.sh: no apt-get; install the equivalents of the Debian packages above" >&2
	fi
	exit 1
fi

# Keep postinst scripts from starting PostgreSQL or MariaDB (and from
# restarting any service already running): invoke-rc.d and
# deb-systemd-invoke ask /usr/sbin/policy-rc.d, and 101 means "no".  An
# existing policy that already says no is left alone; one that allows starts
# is set aside and put back.
policy=/usr/sbin/policy-rc.d
saved=
created=
restore_policy() {
	if [ -n "$created" ]; then rm -f "$policy"; fi
	if [ -n "$saved" ]; then mv -f "$saved" "$policy"; fi
	created=''
	saved=''
}
trap restore_policy EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
st=0
[ -x "$policy" ] && { "$policy" postgresql start >/dev/null 2>&1 || st=$?; }
if [ ! -x "$policy" ] || [ "$st" -ne 101 ]; then
	if [ -e "$policy" ]; then
		saved=$policy.migc-saved
		mv -f "$policy" "$saved"
	fi
	created=1
	printf '#!/bin/sh\n# temporary, from migc scripts/deps.sh\nexit 101\n' >"$policy"
	chmod 755 "$policy"
fi

export DEBIAN_FRONTEND=noninteractive
apt-get -q -o DPkg::Lock::Timeout=300 update
apt-get -q -y --no-install-recommends -o DPkg::Lock::Timeout=300 install "${missing[@]}"
restore_policy

check
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps.sh: still missing after install: ${missing[*]}" >&2
	exit 1
fi
echo "deps.sh: all $mode dependencies present"
