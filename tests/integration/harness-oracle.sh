#!/bin/bash
# `oracle = on` through the harness and the report, for real on QEMU: a tiny suite of oracle runs
# (and one normal run of `none`), then the report must say `none` is caught by the oracle and
# unmap/clean had no violation, keep the oracle runs out of the cost cells, and resume must not
# redo anything. A suite asking for the oracle on a serial board is refused (exit 1, as every
# suite file error), and so are --board serial over it, a LAVA job and a crossover with it.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-oracle
rm -rf "$out"
mkdir -p "$out"
need_oracle_plugin
cat >"$out/tiny.suite" <<'SUITE'
name = tiny-oracle
timeout = 60
guest = hello
boots = 3
[oracle]
strategy = none unmap clean
oracle = on
[normal]
strategy = none
SUITE
"$S2BENCH" run "$out/tiny.suite" --out "$out/res" -j 2 >"$out/run.txt" 2>&1
check "run_exit_0" [ $? -eq 0 ]
res=$out/res
check "four_runs_ok" [ "$(grep -c ',ok,' "$res/runs.csv")" -eq 4 ]
check "oracle_and_normal_none_have_distinct_ids" [ "$(cut -d, -f1 "$res/runs.csv" | sort -u | wc -l)" -eq 5 ]
# one oracle_violations row per oracle run, none for the normal run
check "three_oracle_verdict_rows" [ "$(grep -c ',oracle_violations,' "$res/metrics.csv")" -eq 3 ]
logs_with_record=$(grep -l '^@s2b oracle violations=' "$res"/logs/*.log | wc -l)
check "oracle_record_in_each_oracle_log" [ "$logs_with_record" -eq 3 ]

"$S2BENCH" report "$res" --out "$out/report" >"$out/report.txt" 2>&1
check "report_exit_0" [ $? -eq 0 ]
md=$(tr '\n' ' ' <"$out/report/report.md" | tr -s ' ')
check "report_none_caught_by_oracle" grep -q 'the negative control `none` was \*\*caught\*\* in 1 of 1 oracle runs' <<<"$md"
check "report_unmap_no_violation" grep -q '`unmap`, no violation in 1 oracle runs' <<<"$md"
check "report_clean_no_violation" grep -q '`clean`, no violation in 1 oracle runs' <<<"$md"
check "report_drops_expected_on_qemu" bash -c '! grep -q "expected on QEMU" <<<"$1"' _ "$md"
# the normal run of none is the only measured one: 2 warm boots, not 4
check "oracle_runs_not_measured" grep -q 'The negative control `none` passed every check (2 warm boots)' <<<"$md"

"$S2BENCH" run "$out/tiny.suite" --out "$res" -j 2 >"$out/rerun.txt" 2>&1
check "resume_redoes_nothing" [ "$(grep -c ',oracle_violations,' "$res/metrics.csv")" -eq 3 ]
check "resume_keeps_four_runs" [ "$(($(wc -l <"$res/runs.csv") - 1))" -eq 4 ]

# parse of the logs names every run as run did (an oracle record means oracle=on in the id)
"$S2BENCH" parse "$res"/logs/*.log --out "$out/parsed" --suite tiny-oracle >"$out/parse.txt" 2>&1
check "parse_exit_0" [ $? -eq 0 ]
check "parse_finds_the_run_ids" diff <(cut -d, -f1 "$res/runs.csv" | sort) <(cut -d, -f1 "$out/parsed/runs.csv" | sort)
check "parse_keeps_the_verdicts" diff <(grep ',oracle_' "$res/metrics.csv" | sort) <(grep ',oracle_' "$out/parsed/metrics.csv" | sort)

printf 'board = serial\nstrategy = none\noracle = on\n' >"$out/serial.suite"
"$S2BENCH" run "$out/serial.suite" --out "$out/serial" >"$out/serial.txt" 2>&1
check "serial_board_refused_exit_1" [ $? -eq 1 ]
check "serial_refusal_names_oracle" grep -q "oracle 'on' cannot run on board 'serial'" "$out/serial.txt"
# a result directory of oracle runs only still gets the verdicts
printf 'guest = hello\nboots = 3\nstrategy = none unmap\noracle = on\n' >"$out/only.suite"
"$S2BENCH" run "$out/only.suite" --out "$out/only" -j 2 >"$out/only-run.txt" 2>&1 &&
	"$S2BENCH" report "$out/only" --out "$out/only-report" >"$out/only-report.txt" 2>&1
only=$(tr '\n' ' ' <"$out/only-report/report.md" | tr -s ' ')
check "oracle_only_report_none_caught" grep -q 'the negative control `none` was \*\*caught\*\* in 1 of 1 oracle runs' <<<"$only"
check "oracle_only_report_unmap_clean" grep -q '`unmap`, no violation in 1 oracle runs' <<<"$only"

# the other ways to a board or to counts refuse it too
printf 'strategy = none\noracle = on\n' >"$out/on.suite"
"$S2BENCH" run "$out/on.suite" --board serial --out "$out/override" >"$out/override.txt" 2>&1
check "board_override_refused_exit_2" [ $? -eq 2 ]
"$S2BENCH" lava "$out/on.suite" --device-type qemu --image-url http://x/s2hv.img --out "$out/lava" >"$out/lava.txt" 2>&1
check "lava_refused" grep -q "LAVA jobs cannot run the oracle plugin" "$out/lava.txt"
"$S2BENCH" crossover --between lazy,clean --param frac --oracle on >"$out/xo.txt" 2>&1
check "crossover_refused_exit_2" [ $? -eq 2 ]
finish
