#!/bin/bash
# Per-rep seeds (docs/harness.md, "Repetitions"): a scatter suite with reps = 3 gives three
# different per-boot results, the deterministic hello guest three identical ones, runs.csv records
# each rep's own seed, parse of the logs names the same runs, and a directory written before
# per-rep seeds is refused rather than given a second rep 1.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-seeds
rm -rf "$out" && mkdir -p "$out"
export S2B_IMG=$S2HV_IMG

cat >"$out/seeds.suite" <<'SUITE'
reps = 3
boots = 3
seed = 1
[scatter]
strategy = clean
guest = touch
order = scatter
frac = 10
[hello]
strategy = unmap
guest = hello
SUITE
"$S2BENCH" run "$out/seeds.suite" --out "$out/r" -j 2 >"$out/run.txt" 2>&1
check "seeds_suite_exits_0" [ $? -eq 0 ]
check "seeds_suite_six_ok_runs" [ "$(cut -d, -f17 "$out/r/runs.csv" | grep -c '^ok$')" -eq 6 ]

# rep → seed column and the run ids of a guest, from runs.csv (columns: 4 strategy, 5 guest,
# 14 seed, 16 rep).
seeds_of() { awk -F, -v g="$1" 'NR>1 && $5==g {print $16, $14}' "$out/r/runs.csv" | sort; }
ids_of() { awk -F, -v g="$1" 'NR>1 && $5==g {print $1}' "$out/r/runs.csv"; }
check "rep_seeds_are_recorded" [ "$(seeds_of touch | tr '\n' ' ')" = "0 1 1 10451216379200822465 2 13757245211066428519 " ]
check "cfg_record_echoes_the_reps_seed" \
	grep -q 'seed=13757245211066428519 ' "$out/r/logs/$(awk -F, 'NR>1 && $5=="touch" && $16==2 {print $1}' "$out/r/runs.csv").log"

# The warm boots of one run (idx >= 1) without the run id: what a rep measured.
boots_of() { awk -F, -v id="$1" '$1==id && $2>0 {sub(/^[^,]*,/, ""); print}' "$out/r/boots.csv"; }
distinct_results() { for id in $(ids_of "$1"); do boots_of "$id" | md5sum; done | sort -u | wc -l; }
check "scatter_reps_measure_different_boots" [ "$(distinct_results touch)" -eq 3 ]
check "hello_reps_are_identical" [ "$(distinct_results hello)" -eq 1 ]
check "hello_reps_have_rows" [ -n "$(boots_of "$(ids_of hello | head -1)")" ]

"$S2BENCH" parse "$out"/r/logs/*.log --out "$out/parsed" --suite seeds >"$out/parse.txt" 2>&1
check "parse_names_the_same_runs" \
	cmp <(cut -d, -f1 "$out/r/runs.csv" | sort) <(cut -d, -f1 "$out/parsed/runs.csv" | sort)
check "parse_records_the_same_seeds" \
	cmp <(cut -d, -f1,14 "$out/r/runs.csv" | sort) <(cut -d, -f1,14 "$out/parsed/runs.csv" | sort)

# An old directory: rep 1 of the hello line under its pre-seed id (seed 1, `rep=1` in the id).
old_id=$(printf '%s' "board=qemu-virt strategy=unmap guest=hello mem=67108864 boots=3 block=4k map=ondemand icache=exec frac=50 stride=4096 write=50 order=seq seed=1 trace=none rep=1" |
	python3 -c 'import sys
h = 0xcbf29ce484222325
for b in sys.stdin.buffer.read(): h = ((h ^ b) * 0x100000001b3) % 2**64
print("%016x" % h)')
mkdir -p "$out/old" && for t in boots faults metrics; do head -1 "$out/r/$t.csv" >"$out/old/$t.csv"; done
awk -F, -v OFS=, -v id="$old_id" 'NR==1; NR>1 && $5=="hello" && $16==0 {$1=id; $16=1; print}' \
	"$out/r/runs.csv" >"$out/old/runs.csv"
"$S2BENCH" run "$out/seeds.suite" --out "$out/old" -j 2 >"$out/old.txt" 2>&1
rc=$?
check "old_directory_is_refused" [ $rc -eq 4 ]
check "old_directory_refusal_names_the_run" grep -q "run $old_id is rep 1 of unmap/hello .*use a new --out" "$out/old.txt"
check "old_directory_is_left_alone" [ "$(wc -l <"$out/old/runs.csv")" -eq 2 ]

# `make bench` on such a directory moves it aside (nothing deleted) and runs the suite afresh.
cp -r "$out/old" "$out/old-copy"
BENCH_SUITE="$out/seeds.suite" BENCH_OUT="$out/old" bash scripts/bench.sh >"$out/bench.txt" 2>&1
rc=$?
aside=$(ls -d "$out"/old.old-* 2>/dev/null | head -1)
check "bench_moves_an_old_directory_aside" [ $rc -eq 0 -a -n "$aside" ]
check "bench_keeps_the_old_rows" cmp "$out/old-copy/runs.csv" "$aside/runs.csv"
check "bench_says_where_it_went" grep -q "moved to $aside" "$out/bench.txt"
check "bench_reports_the_fresh_runs" [ -s "$out/old/report.html" -a \
	"$(wc -l <"$out/old/runs.csv")" -eq "$(wc -l <"$out/r/runs.csv")" ]
finish
