#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for Entente's tests, for CI and developers.
#
#   .ci/postgres.sh start [DIR]   install PostgreSQL if absent, create a cluster
#                                 in DIR (default: a new temp dir), start it on a
#                                 free port and print the test DSN:
#                                   export ENTENTE_TEST_POSTGRES=postgres://...
#   .ci/postgres.sh stop DIR      stop the cluster in DIR and remove DIR
#   .ci/postgres.sh standby PRIMARY [DIR]
#                                 make a streaming standby of the cluster in
#                                 PRIMARY (pg_basebackup -R) in DIR, start it
#                                 on a free port and print its DSN:
#                                   export ENTENTE_TEST_POSTGRES_STANDBY=...
#                                 stop it as any cluster, before PRIMARY
#   .ci/postgres.sh restart DIR   crash-restart the cluster in DIR (pg_ctl
#                                 restart -m immediate: no clean shutdown, so
#                                 it recovers from its WAL), for fault tests
#
# Typical local use:
#
#   eval "$(.ci/postgres.sh start)"      # sets ENTENTE_TEST_POSTGRES and ENTENTE_PG_DIR
#   go test ./postgres/
#   .ci/postgres.sh stop "$ENTENTE_PG_DIR"
#
# The server runs as an unprivileged user (PostgreSQL refuses to run as root):
# the invoking user when that is not root, else the user "entente-pg", created
# if missing. It listens only on 127.0.0.1 and on a socket in DIR, trusts local
# connections (it is a test cluster: nothing in it is kept) and keeps fsync
# on, so that benchmarks measure real durable commits.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

# pg_bindir prints the directory holding initdb and pg_ctl, installing
# Debian's postgresql package when no server is installed.
pg_bindir() {
	local dir
	dir=$(find_bindir)
	if [[ -z "$dir" ]]; then
		command -v apt-get >/dev/null || die "no PostgreSQL server found and no apt-get to install one"
		echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2 || die "apt-get update failed"
		apt-get install -y -qq postgresql >&2 || die "apt-get install postgresql failed"
		dir=$(find_bindir)
		[[ -n "$dir" ]] || die "postgresql installed but no initdb found under /usr/lib/postgresql"
	fi
	echo "$dir"
}

# find_bindir prints the bin directory of the newest installed server, or
# nothing.
find_bindir() {
	if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir 2>/dev/null)/initdb" ]]; then
		pg_config --bindir
		return
	fi
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
			echo "$d"
			return
		fi
	done
	if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v initdb)"
	fi
}

# run_as runs a command as the cluster's owner.
run_as() {
	local user=$1
	shift
	if [[ "$(id -un)" == "$user" ]]; then
		"$@"
	else
		runuser -u "$user" -- "$@"
	fi
}

# owner prints the user the server runs as, creating it when needed.
owner() {
	if [[ "$(id -u)" != 0 ]]; then
		id -un
		return
	fi
	local user=entente-pg
	if ! id "$user" >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin "$user" >&2 ||
			die "could not create the user $user to run PostgreSQL"
	fi
	echo "$user"
}

# server_options prints the options the server in DIR runs with on PORT;
# a restart starts it with the same.
server_options() {
	echo "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c max_connections=200"
}

# free_port prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	die "no free port found"
}

# start_on_free_port starts the cluster in DIR as USER on a free port,
# trying three ports (another process may take one first), records the
# port in DIR/port and prints it.
start_on_free_port() {
	local bindir=$1 user=$2 dir=$3 port try
	for try in 1 2 3; do
		port=$(free_port)
		if run_as "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "$(server_options "$dir" "$port")" start >&2; then
			echo "$port" >"$dir/port"
			echo "$port"
			return
		fi
	done
	cat "$dir/server.log" >&2
	die "pg_ctl start failed (log above)"
}

start() {
	local bindir user dir port
	bindir=$(pg_bindir)
	user=$(owner)
	dir=${1:-$(mktemp -d /tmp/entente-pg.XXXXXX)}
	mkdir -p "$dir"
	chown "$user" "$dir"
	chmod 700 "$dir"
	run_as "$user" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }
	# fsync and synchronous_commit stay at their defaults (on): the
	# benchmarks must measure durable commits.
	port=$(start_on_free_port "$bindir" "$user" "$dir")
	echo "export ENTENTE_PG_DIR='$dir'"
	echo "export ENTENTE_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
}

# standby makes a hot standby of the cluster in PRIMARY that streams its
# WAL (a real replica: read-only, behind the primary by replication lag),
# so that a read-only server can be tested against one. initdb's pg_hba.conf
# already trusts replication connections from 127.0.0.1.
standby() {
	local primary=${1:-} bindir user dir port
	[[ -n "$primary" && -f "$primary/port" ]] || die "usage: postgres.sh standby PRIMARY [DIR] (PRIMARY a cluster made by start)"
	bindir=$(find_bindir)
	user=$(stat -c %U "$primary/data")
	dir=${2:-$(mktemp -d /tmp/entente-pg-standby.XXXXXX)}
	mkdir -p "$dir"
	chown "$user" "$dir"
	chmod 700 "$dir"
	run_as "$user" "$bindir/pg_basebackup" -h 127.0.0.1 -p "$(cat "$primary/port")" -U postgres \
		-D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 ||
		{ cat "$dir/basebackup.log" >&2; die "pg_basebackup failed (log above)"; }
	port=$(start_on_free_port "$bindir" "$user" "$dir")
	echo "export ENTENTE_PG_STANDBY_DIR='$dir'"
	echo "export ENTENTE_TEST_POSTGRES_STANDBY='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
}

stop() {
	local dir=${1:-}
	[[ -n "$dir" ]] || die "usage: postgres.sh stop DIR"
	[[ -d "$dir" ]] || return 0
	if [[ -f "$dir/data/postmaster.pid" ]]; then
		local bindir user
		bindir=$(find_bindir)
		user=$(stat -c %U "$dir/data")
		run_as "$user" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
	fi
	rm -rf "$dir"
}

restart() {
	local dir=${1:-}
	# The cluster's data directory, not its pid file: a crash-restart that
	# finds the server still coming back (no pid file for an instant) starts
	# it, as pg_ctl restart does when no server runs.
	[[ -n "$dir" && -d "$dir/data" ]] || die "usage: postgres.sh restart DIR (a cluster made by start)"
	local bindir user try
	bindir=$(find_bindir)
	user=$(stat -c %U "$dir/data")
	# Stop without a clean shutdown (not running is fine), then start. On a
	# loaded machine the old server's backends can outlive the postmaster
	# for a moment, and the new one then refuses their shared memory ("pre-
	# existing shared memory block is still in use") and exits: try again,
	# and print the server's log if it never comes back.
	run_as "$user" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >&2 || true
	for try in 1 2 3 4 5 6 7 8 9 10; do
		if run_as "$user" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
			return 0
		fi
		if run_as "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "$(server_options "$dir" "$(cat "$dir/port")")" start >&2; then
			return 0
		fi
		echo "postgres.sh: start $try of 10 failed; trying again" >&2
		sleep 1
	done
	tail -n 30 "$dir/server.log" >&2 || true
	die "the cluster in $dir did not start again"
}

case "${1:-}" in
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
standby) shift; standby "$@" ;;
restart) shift; restart "$@" ;;
*) die "usage: postgres.sh start [DIR] | stop DIR | restart DIR | standby PRIMARY [DIR]" ;;
esac
