#!/bin/sh
# uhubctl-cycle.sh LOCATION PORT [OFF_SECONDS]: a --reset-cmd that power-cycles a board powered
# from port PORT of the switchable USB hub at LOCATION (as `uhubctl` with no arguments lists
# them, e.g. 1-1): port off, OFF_SECONDS (default 3) with no power, port on. Exit 0 done, 1 uhubctl
# failed or is missing (the board was not power-cycled), 2 usage. Each uhubctl call gets at most
# 30 s (UHUBCTL_TIMEOUT): a hub that stops answering fails the reset, it does not hang the suite.
# uhubctl usually needs root or a udev rule for the hub (see uhubctl's README).
usage() { echo "usage: uhubctl-cycle.sh LOCATION PORT [OFF_SECONDS (default 3)]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
location=$1 port=$2 off=${3:-3}
case $location in '' | -*) usage ;; esac
case $port in '' | *[!0-9]*) usage ;; esac
case $off in '' | *[!0-9]*) usage ;; esac
command -v uhubctl >/dev/null 2>&1 ||
	{ echo "uhubctl-cycle.sh: uhubctl not found (Debian: apt-get install uhubctl)" >&2; exit 1; }

# power ACTION: uhubctl switches the port, bounded in time.
power() {
	timeout "${UHUBCTL_TIMEOUT:-30}" uhubctl -l "$location" -p "$port" -a "$1" >&2 && return
	echo "uhubctl-cycle.sh: 'uhubctl -l $location -p $port -a $1' failed (exit $?): board not power-cycled" >&2
	exit 1
}
power off
sleep "$off"
power on
