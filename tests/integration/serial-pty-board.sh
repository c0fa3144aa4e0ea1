#!/bin/sh
# The --reset-cmd of a QEMU board behind a pty, for tests/integration/serial-console.sh: a power
# cycle kills the QEMU this script started last (SIGKILL: a SIGSTOPped one too), starts a new one
# with $S2B_BOOTARGS and points the link DIR/console at its pty. A pty's path changes with every
# QEMU, so the harness opens the link again after each reset. Each reset appends its bootargs to
# DIR/resets. With --corrupt-first-frame the link is a relay's pty instead
# (serial-corrupt-relay.py), which damages the first configuration frame on its way to s2hv.
# usage: serial-pty-board.sh [--corrupt-first-frame] DIR QEMU-ARGS...
set -u
relay=
[ "$1" = --corrupt-first-frame ] && relay=1 && shift
dir=$1
shift
[ -f "$dir/qemu.pid" ] && kill -9 "$(cat "$dir/qemu.pid")" 2>/dev/null
rm -f "$dir/qemu.pid" "$dir/console"
echo "$S2B_BOOTARGS" >>"$dir/resets"
# -daemonize returns once the pty exists; QEMU's own messages (the pty's path) go to qemu.out
qemu-system-aarch64 "$@" -display none -monitor none -serial pty -no-reboot \
	-append "$S2B_BOOTARGS" -pidfile "$dir/qemu.pid" -daemonize >"$dir/qemu.out" 2>&1 || exit 1
pty=$(sed -n 's/.*char device redirected to \(\/dev\/pts\/[0-9]*\).*/\1/p' "$dir/qemu.out")
[ -n "$pty" ] || { echo "serial-pty-board.sh: no pty in $dir/qemu.out" >&2; exit 1; }
if [ -z "$relay" ]; then
	ln -sfn "$pty" "$dir/console"
	exit 0
fi
setsid python3 "$(dirname "$0")/serial-corrupt-relay.py" "$pty" "$dir/console" "$dir/relay.log" \
	</dev/null >>"$dir/relay.err" 2>&1 &
for _ in $(seq 50); do [ -e "$dir/console" ] && exit 0; sleep 0.1; done
echo "serial-pty-board.sh: the relay made no $dir/console" >&2
exit 1
