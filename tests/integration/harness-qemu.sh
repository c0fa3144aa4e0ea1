#!/bin/bash
# `s2bench run` with the real hypervisor image: the quick suite on QEMU with -j 2, a CPU without
# FWB, resume of a finished directory, and parse of the run logs giving the same rows.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-qemu
rm -rf "$out" && mkdir -p "$out"
export S2B_IMG=$S2HV_IMG

"$S2BENCH" run suites/quick.suite --out "$out/quick" -j 2 >"$out/run.txt" 2>&1
check "quick_suite_exits_0" [ $? -eq 0 ]
runs=$(($(wc -l <"$out/quick/runs.csv") - 1))
check "quick_suite_one_row_per_run" [ "$runs" -eq 10 ]
check "quick_suite_all_ok" [ "$(cut -d, -f17 "$out/quick/runs.csv" | grep -c '^ok$')" -eq 10 ]
check "quick_suite_five_boots_per_run" [ "$(($(wc -l <"$out/quick/boots.csv") - 1))" -eq 50 ]
check "quick_suite_qemu_and_hv_versions" grep -q ',0\.1\.[0-9]*,7\.2' "$out/quick/runs.csv"
check "warm_boots_have_reinit_cycles" \
	bash -c "awk -F, 'NR>1 && \$2>0 && \$3==\"\"' '$out/quick/boots.csv' | grep -q . && exit 1 || exit 0"
check "one_console_log_per_run" [ "$(ls "$out/quick/logs" | wc -l)" -eq 10 ]

"$S2BENCH" run suites/quick.suite --out "$out/quick" -j 2 >"$out/rerun.txt" 2>&1
check "rerun_skips_finished_runs" grep -q '10 already in' "$out/rerun.txt"
check "rerun_adds_no_rows" [ "$(($(wc -l <"$out/quick/runs.csv") - 1))" -eq 10 ]

"$S2BENCH" parse "$out"/quick/logs/*.log --out "$out/parsed" --suite quick >"$out/parse.txt" 2>&1
check "parse_of_run_logs_gives_same_boot_rows" \
	cmp <(sort "$out/quick/boots.csv") <(sort "$out/parsed/boots.csv")
check "parse_of_run_logs_gives_same_run_ids" \
	cmp <(cut -d, -f1 "$out/quick/runs.csv" | sort) <(cut -d, -f1 "$out/parsed/runs.csv" | sort)

printf 'board = qemu-virt-a72\nstrategy = fwb unmap\nguest = hello\nboots = 3\n' >"$out/a72.suite"
"$S2BENCH" run "$out/a72.suite" --out "$out/a72" -j 2 >"$out/a72.txt" 2>&1
check "a72_fwb_unsupported" grep -q ',fwb,hello,.*,unsupported,0,.*,unsupported:needs_FEAT_S2FWB,' "$out/a72/runs.csv"
check "a72_unmap_ok" grep -q ',unmap,hello,.*,ok,0,' "$out/a72/runs.csv"
finish
