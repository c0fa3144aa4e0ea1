#!/bin/bash
# The --reset-cmd examples of docs/boards.md "Reset without a relay" do what the doc says:
# 1. scripts/reset/uhubctl-cycle.sh: a fake uhubctl on PATH records its arguments: exactly port
#    off, OFF_SECONDS, port on; a failing uhubctl fails the reset before any "on"; bad use exits 2.
# 2. build/tools/serial-pulse on a pty, with an LD_PRELOAD shim standing in for the adapter's modem
#    lines (a pty has none): assert, a hold of exactly MS, release, in that order; without the
#    shim a pty is refused with a clear error, and so is a file that is not a terminal.
# 3. build/tools/operator-prompt on a terminal (util-linux `script`), run as a background job as
#    s2bench runs it: Enter → exit 0; no answer → exit 1 after its timeout.
# 4. The serial board with uhubctl-cycle.sh as --reset-cmd, the fake hub powering a QEMU raspi3b
#    on a pty (pty-relay.py): both runs ok, under the labels asked, one power cycle per run.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/integration/lib.sh
fresh_out reset-examples
out=$(cd "$out" && pwd) # absolute: the fake tools below run from elsewhere
make --no-print-directory BUILD="$BUILD" "$BUILD/tools/serial-pulse" "$BUILD/tools/operator-prompt" \
	"$BUILD/raspi3b-qemu.dtb" >"$out/make.log" 2>&1 || { fail reset_tools_build; cat "$out/make.log"; finish; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT

# --- 1. uhubctl -----------------------------------------------------------------------------
mkdir -p "$out/bin"
cat >"$out/bin/uhubctl" <<'FAKE'
#!/bin/sh
# fake uhubctl: one line per call, "ARGS | MONOTONIC_SECONDS"; FAKE_UHUBCTL_FAIL=ACTION fails it
echo "$* | $(cut -d' ' -f1 /proc/uptime)" >>"$FAKE_UHUBCTL_LOG"
case " $* " in *" -a $FAKE_UHUBCTL_FAIL "*) echo "fake uhubctl: no hub at $2" >&2; exit 1 ;; esac
FAKE
chmod +x "$out/bin/uhubctl"
hub() { # LOG FAIL ARGS...: uhubctl-cycle.sh with the fake uhubctl; its exit status
	local log=$1 failing=$2; shift 2
	PATH="$out/bin:$PATH" FAKE_UHUBCTL_LOG=$log FAKE_UHUBCTL_FAIL=$failing \
		scripts/reset/uhubctl-cycle.sh "$@" 2>>"$out/hub.err"
}
hub "$out/hub.log" none 1-1.4 2 1
check uhubctl_cycle_exits_0 [ $? -eq 0 ]
check uhubctl_off_then_on_exactly [ "$(cut -d'|' -f1 "$out/hub.log")" = "$(printf '%s\n' \
	'-l 1-1.4 -p 2 -a off ' '-l 1-1.4 -p 2 -a on ')" ]
check uhubctl_port_off_for_the_delay awk -F'|' 'NR == 1 { t = $2 } NR == 2 { exit !($2 - t >= 1) }' "$out/hub.log"
hub "$out/hub-fail.log" off 1-1.4 2 0
check uhubctl_failure_fails_the_reset [ $? -eq 1 ]
check uhubctl_failure_never_powers_on [ "$(cut -d'|' -f1 "$out/hub-fail.log")" = '-l 1-1.4 -p 2 -a off ' ]
check uhubctl_failure_says_why grep -q "uhubctl -l 1-1.4 -p 2 -a off' failed" "$out/hub.err"
hub "$out/hub-usage.log" none 1-1.4 two
rc=$?; check uhubctl_bad_port_is_usage eval '[ $rc -eq 2 ] && [ ! -e "$out/hub-usage.log" ]'

# --- 2. serial-pulse -----------------------------------------------------------------------
cc -shared -fPIC -O2 -o "$out/tiocm-shim.so" tests/integration/tiocm-shim.c -ldl >"$out/cc.log" 2>&1 ||
	{ fail tiocm_shim_builds; cat "$out/cc.log"; }
python3 tests/integration/pty-relay.py "$out/pulse.sock" 120 >"$out/pulse.pty" &
pids+=($!)
for _ in $(seq 300); do [ -s "$out/pulse.pty" ] && break; sleep 0.1; done
pty=$(head -1 "$out/pulse.pty")
pulse() { # LOG ARGS...: serial-pulse under the shim; its exit status
	TIOCM_SHIM_LOG=$1 LD_PRELOAD="$out/tiocm-shim.so" "$BUILD/tools/serial-pulse" "${@:2}" 2>>"$out/pulse.err"
}
pulse "$out/dtr.log" "$pty" dtr 150
check pulse_dtr_exits_0 [ $? -eq 0 ]
check pulse_dtr_set_sleep_clear [ "$(cut -d' ' -f1,2 "$out/dtr.log")" = "$(printf 'set dtr\nsleep 150000000\nclear dtr')" ]
check pulse_held_at_least_ms awk 'NR == 1 { t = $3 } NR == 3 { exit !($3 - t >= 150000000) }' "$out/dtr.log"
pulse "$out/rts.log" "$pty" rts
check pulse_rts_default_200ms [ "$(cut -d' ' -f1,2 "$out/rts.log")" = "$(printf 'set rts\nsleep 200000000\nclear rts')" ]
"$BUILD/tools/serial-pulse" "$pty" dtr 10 2>"$out/pty-noshim.err"
rc=$?; check pulse_pty_without_modem_lines_fails eval '[ $rc -eq 1 ] && grep -q "cannot assert the line" "$out/pty-noshim.err"'
"$BUILD/tools/serial-pulse" "$out/pulse.pty" dtr 2>"$out/notty.err"
rc=$?; check pulse_non_tty_refused eval '[ $rc -eq 1 ] && grep -q "not a terminal" "$out/notty.err"'
pulse "$out/bad.log" "$pty" dcd 10
rc=$?; check pulse_bad_line_is_usage eval '[ $rc -eq 2 ] && [ ! -e "$out/bad.log" ]'
pulse "$out/bad.log" "$pty" dtr 20000
rc=$?; check pulse_too_long_is_usage eval '[ $rc -eq 2 ] && [ ! -e "$out/bad.log" ]'

# --- 3. operator-prompt --------------------------------------------------------------------
# `script` gives the prompt a terminal; `set -m` runs it as a background job there, as s2bench
# runs reset commands (a process group of their own), so it must take the terminal to read it.
prompt() { # SECONDS KEY: operator-prompt's exit status, KEY typed on its terminal every 0.5 s
	# until it exits (a key typed before the prompt is flushed, so no timing is assumed)
	{ while printf "$2"; do sleep 0.5; done; } 2>/dev/null |
		timeout -k 5 60 script -qec "bash -c 'set -m; $BUILD/tools/operator-prompt $1 & wait \$!; echo rc=\$?'" /dev/null
}
prompt 30 '\r' >"$out/prompt-yes.log" 2>&1
check prompt_shows_what_to_do grep -q 'Power-cycle the board now' "$out/prompt-yes.log"
check prompt_enter_exits_0 grep -q '^rc=0' "$out/prompt-yes.log"
prompt 1 x >"$out/prompt-no.log" 2>&1
check prompt_no_answer_exits_1 grep -q '^rc=1' "$out/prompt-no.log"
check prompt_no_answer_says_so grep -q 'no answer within 1 s' "$out/prompt-no.log"

# --- 4. the serial board, power-cycled by uhubctl-cycle.sh ----------------------------------
# The fake hub's port powers a QEMU raspi3b: "off" kills it, "on" boots s2hv with the run's
# bootargs (what the SD card of a per-run setup would hold) and its UART on the relay's socket.
# The DTB is QEMU's raspi3b one without s2b,semihosting: after `done` s2hv halts, as on a Pi.
dtc -I dtb -O dts "$BUILD/raspi3b-qemu.dtb" 2>/dev/null | sed '/s2b,semihosting/d' |
	dtc -I dts -O dtb -o "$out/pi.dtb" - 2>"$out/dtc.log" || fail dtb_without_semihosting
cat >"$out/bin/uhubctl" <<FAKE
#!/bin/sh
echo "\$*" >>"$out/board-hub.log"
pidfile=$out/board.pid
case "\$*" in
*"-a off") [ -s "\$pidfile" ] && kill "\$(cat "\$pidfile")" 2>/dev/null; rm -f "\$pidfile" ;;
*"-a on") qemu-system-aarch64 -M raspi3b -nographic -monitor none -no-reboot -icount shift=0 \\
	-kernel "$S2HV_IMG" -dtb "$out/pi.dtb" -append "\$S2B_BOOTARGS" \\
	-serial unix:"$out/board.sock" </dev/null >>"$out/board-qemu.log" 2>&1 &
	echo \$! >"\$pidfile" ;;
esac
FAKE
python3 tests/integration/pty-relay.py "$out/board.sock" 170 >"$out/board.pty" &
pids+=($!)
for _ in $(seq 300); do [ -s "$out/board.pty" ] && break; sleep 0.1; done
cat >"$out/serial.suite" <<'SUITE'
name = reset-examples
board = serial
strategy = unmap clean
guest = hello
boots = 3
SUITE
PATH="$out/bin:$PATH" timeout -k 5 150 "$S2BENCH" run "$out/serial.suite" --out "$out/res" \
	--console "$(head -1 "$out/board.pty")" --baud 115200 --timeout 60 \
	--reset-cmd "scripts/reset/uhubctl-cycle.sh 1-1 3 0" >"$out/run.log" 2>&1
check serial_run_exits_0 [ $? -eq 0 ]
[ -s "$out/board.pid" ] && kill "$(cat "$out/board.pid")" 2>/dev/null
runs() { awk -F, 'NR > 1 && $3 == "serial" && $17 == "ok" { print $4 }' "$out/res/runs.csv" 2>/dev/null | sort | tr '\n' ' '; }
check serial_runs_ok_under_their_labels [ "$(runs)" = "clean unmap " ]
check serial_one_power_cycle_per_run [ "$(cat "$out/board-hub.log")" = "$(printf '%s\n' \
	'-l 1-1 -p 3 -a off' '-l 1-1 -p 3 -a on' '-l 1-1 -p 3 -a off' '-l 1-1 -p 3 -a on')" ]
finish
