#!/bin/bash
# The qemu-virt-a64fx board through the harness with `oracle = on`: s2hv on -cpu a64fx (256-byte
# cache lines, CTR_EL0.DminLine = 6; GICv3), the oracle plugin told line=256 by the board. Every
# DC range loop must run one DC per 256-byte line (the oracle's dc_step: issue 17's (b), a
# hard-coded 64-byte line, runs four per line), correct strategies must have no violation, the
# negative control must be caught, and the report must say so.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
fresh_out oracle-a64fx
need_oracle_plugin
cat >"$out/a64fx.suite" <<'SUITE'
name = a64fx-oracle
timeout = 60
board = qemu-virt-a64fx
guest = hello icode
boots = 3
strategy = unmap clean dirty none
oracle = on
SUITE
res=$out/res
"$S2BENCH" run "$out/a64fx.suite" --out "$res" -j 2 >"$out/run.txt" 2>&1 &&
	check "eight_runs_ok" [ "$(grep -c ',ok,' "$res/runs.csv")" -eq 8 ] ||
	fail "run_exit_0 ($out/run.txt)"

# log_of STRATEGY GUEST: that run's console log (runs.csv: run_id, suite, board, strategy, guest).
log_of() { echo "$res/logs/$(awk -F, -v s="$1" -v g="$2" '$4 == s && $5 == g { print $1 }' "$res/runs.csv").log"; }
# dminline LOG: CTR_EL0.DminLine as s2hv read it (its hello record's ctr).
dminline() { local c; c=$(field "$(grep -a '^@s2b hello ' "$1")" ctr); echo $(((c >> 16) & 0xf)); }
# verdict STRATEGY GUEST: the oracle record of that run.
verdict() { grep -a '^@s2b oracle ' "$(log_of "$1" "$2")"; }
for g in hello icode; do
	check "a64fx_${g}_has_256_byte_lines" [ "$(dminline "$(log_of unmap "$g")")" -eq 6 ]
	for st in unmap clean dirty; do
		v=$(verdict "$st" "$g")
		check "a64fx_${st}_${g}_dc_loops_step_by_the_cpu_line" [ "$(field "$v" dc_step)" = 0 ]
		check "a64fx_${st}_${g}_no_violation" [ "$(field "$v" violations)" = 0 ]
		[ "$(field "$v" violations)" = 0 ] || echo "$v"
	done
	check "a64fx_none_${g}_caught" [ "$(field "$(verdict none "$g")" violations)" -gt 0 ]
done

"$S2BENCH" report "$res" --out "$out/report" >"$out/report.txt" 2>&1
check "report_exit_0" [ $? -eq 0 ]
md=$(tr '\n' ' ' <"$out/report/report.md" | tr -s ' ')
check "report_none_caught_on_a64fx" grep -q 'the negative control `none` was \*\*caught\*\* in 2 of 2 oracle runs' <<<"$md"
check "report_unmap_no_violation_on_a64fx" grep -q '`unmap`, no violation in 2 oracle runs' <<<"$md"
finish
