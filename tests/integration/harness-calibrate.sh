#!/bin/bash
# s2bench calibrate --board qemu-virt really runs the calibration program (s2b.guest=calib) under
# QEMU and writes a profile that reports/profile.c reads, every constant measured and labelled
# the emulator's, with its path length (-icount counts instructions); its calib records are stored
# in calib.csv; -icount makes a second calibration identical; `parse` still reads the log; bad
# arguments are usage errors (exit 2).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
DRIVER=${DRIVER:-$BUILD/tests/reports-driver}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p=$tmp/a/qemu-virt.profile
mkdir -p "$tmp/a" "$tmp/b"

"$S2BENCH" calibrate --board qemu-virt --out "$p" --dir "$tmp/d" >"$tmp/out" 2>"$tmp/err"
check calibrate_qemu_virt_exits_0 [ $? -eq 0 ]
check calibrate_says_emulator grep -q "QEMU: emulator numbers" "$tmp/out"
parses() { "$DRIVER" profile "$1" >/dev/null; }
check profile_parses parses "$p"
check profile_named_from_out grep -qx 'name = qemu-virt' "$p"
check profile_midr_from_hello grep -qx 'midr = 0x000f0510' "$p"
check profile_labelled_emulator grep -qE '^cpu = QEMU [0-9.]+ TCG emulator, not a CPU' "$p"
check profile_source_measured grep -qE '^source calib = measured board "qemu-virt" date [0-9]{4}-[0-9]{2}-[0-9]{2} method ".*emulator numbers" s2hv "[^"]+"$' "$p"
check profile_clock_measured grep -qE '^clock = [0-9.]+ MHz measured calib$' "$p"
check profile_l1d_measured grep -qE '^cache\.l1d = line [0-9]+ sets [0-9KM]+ ways [0-9]+ size [0-9KM]+ measured calib$' "$p"
for c in hvc s2_fault map_4k map_2m ic_ialluis tlbi_vmalls12e1is dc_civac.absent.l1 dc_civac.clean.l2 \
	dc_civac.dirty.mem dc_cvac.absent.mem write_bw; do
	check "profile_measures_$c" grep -qE "^${c//./\\.} = [0-9.]+ (cycles|B/cycle) spread iqr [0-9.]+ [0-9.]+ n [0-9]+( path [0-9.]+)? measured calib\$" "$p"
done
# -icount counts instructions: every time but `inst` has its path length, and a "cycle" being an
# instruction, the path length is the value itself.
check profile_times_have_paths [ "$(grep -E ' cycles spread ' "$p" | grep -vE '^inst ' | grep -cv ' path ')" -eq 0 ]
check profile_paths_equal_values [ "$(awk '$4 == "cycles" && / path / { for (i = 1; i <= NF; i++) if ($i == "path" && $(i + 1) != $3) bad++ } END { print bad + 0 }' "$p")" -eq 0 ]
check profile_has_paths [ "$(grep -c ' path ' "$p")" -ge 20 ]
check write_bw_and_inst_have_none [ "$(grep -E '^(write_bw|inst) = ' "$p" | grep -c ' path ')" -eq 0 ]
no_line() { ! grep -qE "$@"; }
check profile_nothing_published_or_zero no_line 'published| = 0 ' "$p"
# QEMU's -cpu max reports two levels: the L2 is the last, so every .llc constant is empty.
check profile_llc_is_l2 grep -qx 'cache.llc = l2' "$p"
check profile_llc_constants_empty [ "$(grep -cE '^dc_c?i?vac\.[a-z]+\.llc = -$' "$p")" -eq 6 ]

# calib.csv holds every calib record of the run's log, one row each.
log=$(ls "$tmp"/d/logs/*.log)
check calib_csv_header [ "$(head -1 "$tmp/d/calib.csv")" = "run_id,op,state,level,line,sets,ways,size,cntfrq,insts,bytes,ops,n,cycles_med,cycles_q1,cycles_q3,ticks_med,ticks_q1,ticks_q3,insts_med" ]
check calib_csv_one_row_per_record [ "$(($(wc -l <"$tmp/d/calib.csv") - 1))" -eq "$(grep -c '^@s2b calib ' "$log")" ]
check calib_log_crcs_ok crc_ok "$log"

# Again into the same directory: a new run (a new repetition), the same profile (-icount).
"$S2BENCH" calibrate --board qemu-virt --out "$tmp/b/qemu-virt.profile" --dir "$tmp/d" >/dev/null 2>&1
check second_calibration_adds_a_run [ "$(ls "$tmp"/d/logs/*.log | wc -l)" -eq 2 ]
check second_calibration_same_profile diff "$p" "$tmp/b/qemu-virt.profile"

# `parse` reads a log with calib records: the run is stored, no record rejected.
"$S2BENCH" parse "$log" --out "$tmp/p" >/dev/null 2>&1
check parse_reads_calib_log [ "$(cut -d, -f21 "$tmp/p/runs.csv" | tail -1)" = 0 ]

"$S2BENCH" calibrate >/dev/null 2>&1
check no_board_is_usage_error [ $? -eq 2 ]
"$S2BENCH" calibrate --board nope >/dev/null 2>&1
check unknown_board_is_usage_error [ $? -eq 2 ]
"$S2BENCH" calibrate --board qemu-virt --out "$tmp/bad name.profile" >/dev/null 2>&1
check bad_profile_name_is_usage_error [ $? -eq 2 ]
"$S2BENCH" calibrate --board qemu-virt --mem 1M >/dev/null 2>&1
check tiny_mem_is_usage_error [ $? -eq 2 ]
finish
