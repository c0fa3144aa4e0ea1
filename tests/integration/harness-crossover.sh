#!/bin/bash
# `s2bench crossover` on the real image: unmap/clean and lazy/clean on touch scatter 64M located by
# bisection to <= 0.5 % of RAM with 3 seed replicates per probe, the fitted cost model's crossover
# agreeing with the bracket within its stated uncertainty, the probes a result directory that
# `report` reads and a second invocation does not run again; a range without a crossing is said
# so. Fewer boots than make bench (6) keep the QEMU time to about a minute per pair on 2 cores.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-crossover
rm -rf "$out" && mkdir -p "$out"
export S2B_IMG=$S2HV_IMG

# xo NAME A,B [more args]: one crossover, its stdout in $out/NAME.txt, its status in $rc.
xo() {
	local name=$1 between=$2; shift 2
	"$S2BENCH" crossover --between "$between" --param frac --lo 5 --hi 100 --resolution 0.5 \
		--reps 3 --guest touch --order scatter --mem 64M --boots 6 --out "$out/$name" -j 2 "$@" \
		>"$out/$name.txt" 2>"$out/$name.err"
	rc=$?
}

# bracket_width FILE: hi - lo of the "bracket: frac in [lo, hi]" line.
bracket_width() { sed -n 's/^bracket: frac in \[\([0-9.]*\), \([0-9.]*\)\].*/\2 - \1/p' "$1" | bc -l; }

for pair in unmap,clean lazy,clean; do
	name=${pair/,/-}
	xo "$name" "$pair"
	check "${name}_crossover_exits_0" [ "$rc" -eq 0 ]
	check "${name}_bracket_within_resolution" \
		[ "$(echo "$(bracket_width "$out/$name.txt") <= 0.5" | bc -l)" -eq 1 ]
	probes=$(grep -c '^probe ' "$out/$name.txt")
	check "${name}_probe_and_run_counts" \
		grep -q "after $probes probes, $((probes * 6)) runs" "$out/$name.txt"
	check "${name}_one_row_per_run" [ "$(($(wc -l <"$out/$name/runs.csv") - 1))" -eq $((probes * 6)) ]
	check "${name}_states_replicate_agreement" \
		grep -Eq '^(crossover resolved: every probe|crossover NOT resolved)' "$out/$name.txt"
	check "${name}_model_r2_per_strategy" [ "$(grep -c '^model [a-z]*: cost = .* R^2 = ' "$out/$name.txt")" -eq 2 ]
	check "${name}_model_agrees_with_bisection" grep -q '^model crossover: .* agrees with the bisection' "$out/$name.txt"
	"$S2BENCH" report "$out/$name" >"$out/$name.report.txt" 2>&1
	check "${name}_report_reads_the_probes" [ -s "$out/$name/report.md" ]
	cp "$out/$name.txt" "$out/$name.first.txt"
	xo "$name" "$pair"
	check "${name}_second_invocation_runs_nothing" \
		[ "$(grep -c ", 0 to do," "$out/$name.err")" -eq "$probes" ]
	check "${name}_second_invocation_same_answer" \
		cmp -s <(grep -v '^run: ' "$out/$name.txt") <(grep -v '^run: ' "$out/$name.first.txt")
done

"$S2BENCH" crossover --between lazy,clean --param frac --lo 60 --hi 100 --reps 1 --guest touch \
	--order scatter --mem 64M --boots 3 --out "$out/none" -j 2 >"$out/none.txt" 2>&1
check "no_crossing_in_range_exits_1" [ $? -eq 1 ]
check "no_crossing_in_range_is_said" grep -q '^no crossover in \[60, 100\]: lazy - clean is' "$out/none.txt"
"$S2BENCH" crossover --between lazy,clean --param frac --lo 5 --hi 100 --frac 10 >"$out/usage.txt" 2>&1
check "swept_key_given_twice_is_a_usage_error" [ $? -eq 2 ]
"$S2BENCH" crossover --between lazy,clean --param frac --lo 5 --hi 100 --boots 3 --window 1:3 \
	--out "$out/window" >"$out/window.txt" 2>&1
check "window_past_the_last_boot_is_a_usage_error" [ $? -eq 2 ]
check "window_error_names_the_boots" grep -q 'window 1:3: runs have boots 0..2' "$out/window.txt"
check "usage_error_creates_no_directory" [ ! -e "$out/window" ]
finish
