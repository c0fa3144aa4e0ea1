#!/bin/bash
# Configuration over the console (docs/protocol.md): `s2bench run --board serial
# --config-over-console` against QEMU on a pty (tests/integration/serial-pty-board.sh is the
# reset command). (a) a suite of 10 runs in one power-on, rows equal to the same runs on board
# qemu-virt; (b) a board that hangs mid-run (its QEMU SIGSTOPped) is reset and the suite
# finishes, and a harness SIGKILLed mid-suite resumes without a lost or doubled row; (c) a frame
# damaged on the wire gets `nak` and is sent again; (d) the same on QEMU raspi3b.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
fresh_out serial-console
board=tests/integration/serial-pty-board.sh
VIRT="-M virt,virtualization=on -cpu max -m 1G -icount shift=0 -kernel $S2HV_IMG"
if ! make --no-print-directory BUILD="$BUILD" "$BUILD/raspi3b-qemu.dtb" >"$out/make.log" 2>&1; then
	fail "raspi3b_dtb_built ($out/make.log)"
	finish
fi
RASPI="-M raspi3b -dtb $BUILD/raspi3b-qemu.dtb -icount shift=0 -kernel $S2HV_IMG"
RASPI+=" -semihosting-config enable=on,target=gdb,chardev=s2b-semihost -chardev null,id=s2b-semihost"
stop_boards() { for p in "$out"/*/qemu.pid; do [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null; done; }
trap stop_boards EXIT

# serial_bg DIR SUITE QEMU-ARGS [harness args...]: start the suite on the pty board of DIR in
# the background, results in DIR/res, the harness's output in DIR/run.log; HARNESS its pid.
serial_bg() {
	local dir=$1 suite=$2 qemu=$3; shift 3
	mkdir -p "$dir"
	"$S2BENCH" run "$suite" --board serial --console "$dir/console" --config-over-console \
		--reset-cmd "$board $dir $qemu" --out "$dir/res" "$@" >>"$dir/run.log" 2>&1 &
	HARNESS=$!
}
# serial ...: the same in the foreground; RC its exit status.
serial() { serial_bg "$@"; wait "$HARNESS"; RC=$?; }
resets() { [ -f "$1/resets" ] && grep -c '^s2b.config=console$' "$1/resets" || echo 0; }
# rows CSV: its rows (0 while it does not exist).
rows() { if [ -f "$1" ]; then echo $(($(wc -l <"$1") - 1)); else echo 0; fi; }
# status_count CSV STATUS: runs of CSV with that status.
status_count() { awk -F, -v s="$2" 'NR > 1 && $17 == s' "$1" | wc -l; }
# same_rows DIR_A DIR_B: boots.csv of both, keyed by strategy/guest/idx instead of run_id, equal.
same_rows() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
def rows(d):
    runs = {r["run_id"]: (r["strategy"], r["guest"]) for r in csv.DictReader(open(d + "/runs.csv"))}
    out = {}
    for b in csv.DictReader(open(d + "/boots.csv")):
        key = runs[b.pop("run_id")] + (b["idx"],)
        out[key] = b
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
for k in diff[:3]:
    print("differs:", k, a.get(k), b.get(k), file=sys.stderr)
sys.exit(1 if diff or not a else 0)
PY
}

# (a) ten runs, several strategies and guests, one power-on
SHORT='boots = 3
frac = 10
strategy = unmap lazy clean dirty fwb
guest = hello touch'
printf 'name = serial-console\n%s\n' "$SHORT" >"$out/ten.suite"
serial "$out/a" "$out/ten.suite" "$VIRT"
check "a_suite_exits_0" [ "$RC" -eq 0 ]
check "a_progress_line_says_configured_over_the_console" \
	grep -q "configured over the console (it boots with s2b.config=console)" "$out/a/run.log"
check "a_one_power_on_for_ten_runs" [ "$(resets "$out/a")" -eq 1 ]
check "a_ten_runs_ok" [ "$(status_count "$out/a/res/runs.csv" ok)" -eq 10 ]
check "a_thirty_boot_rows" [ "$(rows "$out/a/res/boots.csv")" -eq 30 ]
"$S2BENCH" run "$out/ten.suite" --board qemu-virt --out "$out/ref" -j 2 --image "$S2HV_IMG" \
	>"$out/ref.log" 2>&1
check "a_boot_rows_equal_those_of_board_qemu_virt" same_rows "$out/a/res" "$out/ref" 2>>"$out/a/run.log"

# (b) the same runs around a long one; its QEMU is stopped once that run has begun
printf 'name = hang\n[short]\n%s\n[long]\nstrategy = unmap\nguest = touch\nmem = 256M\nfrac = 100\nboots = 4\n[again]\nstrategy = clean\nguest = hello\nboots = 2\n' \
	"$SHORT" >"$out/hang.suite"
long=$("$S2BENCH" run "$out/hang.suite" --board serial --dry-run | awk '$3 == "unmap" && $5 == "256M" { print $1 }')
serial_bg "$out/b" "$out/hang.suite" "$VIRT" --timeout 20
for _ in $(seq 600); do # a bound, not a speed: the long run takes seconds of QEMU
	grep -qs '^@s2b hello' "$out/b/res/logs/$long.log" && break
	sleep 0.1
done
kill -STOP "$(cat "$out/b/qemu.pid")"
wait "$HARNESS"
check "b_suite_exits_0_after_a_hang" [ $? -eq 0 ]
check "b_long_run_timed_out" [ "$(awk -F, -v id="$long" '$1 == id { print $17 }' "$out/b/res/runs.csv")" = timeout ]
check "b_reset_after_the_hang" [ "$(resets "$out/b")" -eq 2 ]
check "b_other_runs_ok_and_the_one_after_the_reset" [ "$(status_count "$out/b/res/runs.csv" ok)" -eq 11 ]

# (b) a harness SIGKILLed mid-suite, then the same command again: no row lost, none doubled
serial_bg "$out/k" "$out/ten.suite" "$VIRT" --timeout 60
for _ in $(seq 600); do
	[ "$(rows "$out/k/res/runs.csv")" -ge 3 ] && break
	sleep 0.1
done
kill -KILL "$HARNESS"
wait "$HARNESS" 2>/dev/null
killed_at=$(rows "$out/k/res/runs.csv")
serial "$out/k" "$out/ten.suite" "$VIRT" --timeout 60
check "k_resumed_suite_exits_0" [ "$RC" -eq 0 ]
check "k_killed_mid_suite" [ "$killed_at" -ge 3 -a "$killed_at" -lt 10 ]
check "k_ten_runs_no_duplicate" [ "$(tail -n +2 "$out/k/res/runs.csv" | cut -d, -f1 | sort -u | wc -l)" -eq 10 ]
check "k_runs_ok" [ "$(status_count "$out/k/res/runs.csv" ok)" -eq 10 ]
check "k_thirty_boot_rows" [ "$(rows "$out/k/res/boots.csv")" -eq 30 ]
check "k_rows_equal_the_uninterrupted_suite" same_rows "$out/k/res" "$out/a/res" 2>>"$out/k/run.log"

# (c) the first frame damaged on the wire: nak, sent again, ack
printf 'name = nak\nboots = 2\nstrategy = unmap clean\nguest = hello\n' >"$out/nak.suite"
mkdir -p "$out/c"
"$S2BENCH" run "$out/nak.suite" --board serial --console "$out/c/console" --config-over-console \
	--reset-cmd "$board --corrupt-first-frame $out/c $VIRT" --out "$out/c/res" >"$out/c/run.log" 2>&1
check "c_suite_exits_0" [ $? -eq 0 ]
check "c_board_said_nak_crc" grep -q '^@s2b nak reason=crc ' "$out/c/relay.log"
check "c_harness_sent_it_again" grep -q 'answered nak reason=crc to its configuration frame' "$out/c/run.log"
check "c_runs_ok_in_one_power_on" [ "$(status_count "$out/c/res/runs.csv" ok)" -eq 2 -a "$(resets "$out/c")" -eq 1 ]

# (d) QEMU raspi3b: its PL011 at 0x3f201000, no PSCI, three runs in one power-on
printf 'name = raspi\nboots = 3\nstrategy = unmap clean lazy\nguest = hello\n' >"$out/raspi.suite"
serial "$out/d" "$out/raspi.suite" "$RASPI"
check "d_raspi3b_suite_exits_0" [ "$RC" -eq 0 ]
check "d_raspi3b_one_power_on" [ "$(resets "$out/d")" -eq 1 ]
check "d_raspi3b_three_runs_ok" [ "$(status_count "$out/d/res/runs.csv" ok)" -eq 3 ]
"$S2BENCH" run "$out/raspi.suite" --board qemu-raspi3b --out "$out/dref" -j 2 --image "$S2HV_IMG" \
	>"$out/dref.log" 2>&1
check "d_boot_rows_equal_those_of_board_qemu_raspi3b" same_rows "$out/d/res" "$out/dref" 2>>"$out/d/run.log"

# (e) refusals: a run's key on the command line of console mode, the option without a serial board
qemu_virt "$out/cmdline.log" max "s2b.config=console s2b.board=pi s2b.strategy=clean"
check "e_run_key_beside_config_console_refused" \
	grep -q '^@s2b error code=bad_arg key=s2b.strategy msg=not_allowed_with_s2b.config=console ' "$out/cmdline.log"
check "e_refusal_ends_with_done_error_and_power_off" \
	[ "$QEMU_RC" -eq 0 -a "$(grep -c '^@s2b done status=error boots=0 ' "$out/cmdline.log")" -eq 1 ]
check "e_hello_names_the_board_given" grep -q '^@s2b hello .* board=pi ' "$out/cmdline.log"
printf 'name = e\nboard = qemu-virt\n' >"$out/e.suite"
"$S2BENCH" run "$out/e.suite" --config-over-console --out "$out/e" >"$out/e.log" 2>&1
check "e_option_without_serial_board_is_an_error" [ $? -eq 1 ]
check "e_says_why" grep -q 'no run of the suite is on board serial' "$out/e.log"
finish
