#!/bin/bash
# A LAVA lab on this machine, for tests/integration/lava-server.sh and for trying
# `s2bench lava submit` by hand (docs/harness.md, "Pointing s2bench at a lab"):
#
#   scripts/lava-lab.sh up STATE_DIR     # prints and writes STATE_DIR/lab.env (url=, token_file=)
#   scripts/lava-lab.sh down STATE_DIR   # stops everything `up` started, nothing else
#   scripts/lava-lab.sh health STATE_DIR GOOD|MAINTENANCE   # the device takes jobs, or holds them
#
# Debian 12's lava-server (PostgreSQL, gunicorn serving the web UI and REST API, lava-scheduler)
# and lava-worker with the dispatcher, started directly: a container has no systemd, so the
# packages' units never run (docs/platform-notes.md). Each daemon gets its own session (setsid)
# and its process group id goes to STATE_DIR/pids; `down` signals exactly those groups, and stops
# PostgreSQL only when `up` started it. The server binds 127.0.0.1 only.
#
# Exit status of `up`: 0 ready; 77 the packages are missing and cannot be installed (the caller
# skips, saying why: STATE_DIR/skip-reason); 1 a step failed (STATE_DIR/*.log say which).
set -u
cmd=${1:-} state=${2:-}
if [ -z "$cmd" ] || [ -z "$state" ]; then
	echo "usage: $0 up|down|health STATE_DIR [GOOD|MAINTENANCE]" >&2
	exit 2
fi
USER_NAME=s2bench WORKER=s2b-worker DEVICE_TYPE=qemu DEVICE=s2b-qemu01
DEVICES_DIR=/etc/lava-server/dispatcher-config/devices
PG_VERSION=15

die() { echo "lava-lab: $*" >&2; exit 1; }

# start NAME CMD...: CMD in a new session, logging to STATE/NAME.log; its group id goes to pids.
start() {
	local name=$1; shift
	setsid "$@" >"$state/$name.log" 2>&1 </dev/null &
	echo "$! $name" >>"$state/pids"
}

# wait_for SECONDS WHAT CMD...: polls CMD once a second until it succeeds.
wait_for() {
	local limit=$1 what=$2; shift 2
	for _ in $(seq "$limit"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 1
	done
	die "$what not ready after ${limit}s (logs in $state)"
}

install_packages() {
	dpkg-query -W -f='${Status}' lava-server 2>/dev/null | grep -q 'install ok installed' &&
		command -v lava-worker >/dev/null && return 0
	[ "$(id -u)" -eq 0 ] || { echo "lava-server is not installed and this is not root" >"$state/skip-reason"; exit 77; }
	if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		lava-server lava-dispatcher; } >"$state/apt.log" 2>&1; then
		echo "apt-get install lava-server lava-dispatcher failed (no Debian registry?): $(tail -1 "$state/apt.log")" \
			>"$state/skip-reason"
		exit 77
	fi
}

db_exists() {
	su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='lavaserver'\"" 2>/dev/null | grep -q 1
}

up() {
	mkdir -p "$state" && state=$(cd "$state" && pwd) || die "cannot create $state"
	[ -e "$state/pids" ] && die "$state/pids exists: run '$0 down $state' first"
	: >"$state/pids"
	install_packages
	command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 is not installed (make deps)"

	# PostgreSQL: pg_ctlcluster starts the cluster as its owner and returns once it accepts
	# connections.
	if ! pg_lsclusters -h | awk -v v=$PG_VERSION '$1 == v && $2 == "main" && $4 == "online" {f=1} END {exit !f}'; then
		pg_ctlcluster $PG_VERSION main start >"$state/postgres.log" 2>&1 || die "PostgreSQL did not start: $state/postgres.log"
		touch "$state/postgres-started"
	fi
	# The database, its user and migrations: what lava-server's postinst skips without a running
	# PostgreSQL. Debian's Django is only on /usr/bin/python3.
	if ! db_exists; then
		/usr/bin/python3 /usr/share/lava-server/postinst.py --config --db >"$state/db.log" 2>&1 ||
			die "lava-server database setup failed: $state/db.log"
	fi

	LAB_USER=$USER_NAME LAB_WORKER=$WORKER LAB_DEVICE_TYPE=$DEVICE_TYPE LAB_DEVICE=$DEVICE \
		lava-server manage shell -c "$(cat "$(dirname "$0")/lava-lab-setup.py")" \
		>"$state/setup.log" 2>&1 || die "creating the user, worker and device failed: $state/setup.log"
	local api_token worker_token
	api_token=$(sed -n 's/^api_token=//p' "$state/setup.log")
	worker_token=$(sed -n 's/^worker_token=//p' "$state/setup.log")
	[ -n "$api_token" ] && [ -n "$worker_token" ] || die "no tokens in $state/setup.log"
	(umask 077 && echo "$api_token" >"$state/token")

	# The device dictionary: QEMU's template; the job's context picks machine, CPU and options.
	mkdir -p "$DEVICES_DIR"
	printf "{%% extends 'qemu.jinja2' %%}\n{%% set memory = 1024 %%}\n{%% set mac_addr = '52:54:00:12:34:59' %%}\n" \
		>"$DEVICES_DIR/$DEVICE.jinja2"
	chown lavaserver:lavaserver "$DEVICES_DIR/$DEVICE.jinja2"

	local port
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	local url=http://127.0.0.1:$port/
	start gunicorn gunicorn3 lava_server.wsgi -u lavaserver -g lavaserver --worker-class eventlet \
		--workers 2 --bind "127.0.0.1:$port" --chdir /
	start scheduler lava-server manage lava-scheduler --level DEBUG
	wait_for 120 "lava-server at $url" curl -sf "${url}api/v0.2/"
	# The worker polls the server every --ping-interval seconds for jobs; short, so a job starts
	# soon after it is scheduled. Its data (job directories) stays in STATE_DIR.
	start worker lava-worker --url "$url" --token "$worker_token" --name "$WORKER" \
		--worker-dir "$state/worker" --ping-interval 2 --job-log-interval 2
	wait_for 120 "worker $WORKER online" worker_online "$url" "$api_token"

	printf 'url=%s\ntoken_file=%s\ndevice_type=%s\n' "$url" "$state/token" "$DEVICE_TYPE" | tee "$state/lab.env"
}

worker_online() {
	curl -sf -H "Authorization: Token $2" "${1}api/v0.2/workers/$WORKER/" | grep -q '"state":"Online"'
}

down() {
	[ -d "$state" ] || return 0
	if [ -f "$state/pids" ]; then
		local pid name
		while read -r pid name; do kill -TERM -- "-$pid" 2>/dev/null; done <"$state/pids"
		for _ in $(seq 20); do
			local alive=0
			while read -r pid name; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done <"$state/pids"
			[ $alive -eq 0 ] && break
			sleep 0.5
		done
		while read -r pid name; do kill -KILL -- "-$pid" 2>/dev/null; done <"$state/pids"
		rm -f "$state/pids"
	fi
	if [ -e "$state/postgres-started" ]; then
		pg_ctlcluster $PG_VERSION main stop >>"$state/postgres.log" 2>&1
		rm -f "$state/postgres-started"
	fi
	return 0
}

case "$cmd" in
up) up ;;
down) down ;;
health) lava-server manage devices update --health "${3:?GOOD or MAINTENANCE}" "$DEVICE" ;;
*) echo "usage: $0 up|down|health STATE_DIR [GOOD|MAINTENANCE]" >&2; exit 2 ;;
esac
