#!/bin/bash
# Harness scale benchmark (issue 20): builds large inputs synthetically, times `parse`, `report`
# and `run` on them, prints the figures and writes them, with the machine they ran on, into the
# harness-scale region of docs/performance.md. A benchmark, not a test: nothing here passes or
# fails on speed (tests/integration/harness-bench-smoke.sh runs it at --quick scale).
#
# usage: scripts/bench-harness.sh [--quick] [--doc FILE] [--work DIR] [--only KINDS]
#   --quick       small inputs (seconds), for the smoke test
#   --doc FILE    the markdown file whose region is rewritten (default docs/performance.md)
#   --work DIR    where the inputs and results go (default $BUILD/bench-harness; emptied first)
#   --only KINDS  measure only these rows (comma-separated: parse, report, run; run includes its
#                 resume); the region's other rows are kept as they are. Default: all, or
#                 $BENCH_HARNESS_ONLY. (The 100,000-run `run` row alone takes a quarter of an hour.)
set -eu
cd "$(dirname "$0")/.."
: "${BUILD:=build}"
S2BENCH=${S2BENCH:-$BUILD/s2bench}
FAKE_QEMU=${FAKE_QEMU:-$BUILD/tests/harness-fake-qemu}
TEMPLATE=tests/unit/harness/data/qemu-unmap-bringup.log # a real QEMU log: 18 lines, 3 boots

usage() {
	sed -n 7,13p "$0" >&2
	exit 2
}
quick=0 doc=docs/performance.md work=$BUILD/bench-harness only=${BENCH_HARNESS_ONLY:-parse,report,run}
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--doc) [ $# -ge 2 ] || usage; doc=$2; shift ;;
	--work) [ $# -ge 2 ] || usage; work=$2; shift ;;
	--only) [ $# -ge 2 ] || usage; only=$2; shift ;;
	*) usage ;;
	esac
	shift
done
kinds=(parse report run) # the region's rows, in this order
for k in ${only//,/ }; do
	[[ " ${kinds[*]} " == *" $k "* ]] || { echo "bench-harness: --only: no row kind '$k' (${kinds[*]})" >&2; exit 2; }
done
want() { [[ ",$only," == *",$1,"* ]]; }
for f in "$S2BENCH" "$FAKE_QEMU"; do
	[ -x "$f" ] || { echo "bench-harness: $f: not built (make $f)" >&2; exit 1; }
done
grep -q '<!-- harness-scale: begin -->' "$doc" && grep -q '<!-- harness-scale: end -->' "$doc" ||
	{ echo "bench-harness: $doc: no harness-scale region markers" >&2; exit 1; }

if [ $quick = 1 ]; then
	parse_runs="500 2000" report_runs=2000 run_runs="20 100"
else
	# 1,000,008 lines at 55,556 runs of 18 lines: the most runs per line of any real log
	parse_runs="13889 55556" report_runs=100000 run_runs="1000 100000" # memory flat in runs?
fi
rm -rf "$work" && mkdir -p "$work"
one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)

# timed OUT_PREFIX CMD...: runs CMD; OUT_PREFIX.time gets "wall user sys maxrss_kb", OUT_PREFIX.load
# the date and the 1-minute load average just before (the machine is shared: wall times follow it)
timed() {
	local out=$1; shift
	echo "$(date -u +%Y-%m-%d), $(cut -d' ' -f1 /proc/loadavg)" >"$out.load"
	/usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" >"$out.txt" 2>&1 ||
		{ echo "bench-harness: failed: $* (see $out.txt)" >&2; exit 1; }
}
field() { cut -d' ' -f"$2" "$1.time"; }
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$1.time"; }
mb() { awk '{ printf "%.0f", $4 / 1024 }' "$1.time"; }

# each kind's rows: measured now (rows-KIND.md) or kept from the region
for k in "${kinds[@]}"; do
	if want "$k"; then
		: >"$work/rows-$k.md"
	else
		sed -n '/<!-- harness-scale: begin -->/,/<!-- harness-scale: end -->/p' "$doc" |
			grep "^| \`$k\`" >"$work/rows-$k.md" || true
	fi
done

# 1. parse: distinct runs (each copy re-seeded, CRCs recomputed), fresh result directory each
rows=$work/rows-parse.md
want parse || parse_runs=""
for n in $parse_runs; do
	scripts/bench-harness-log.py "$TEMPLATE" "$n" "$work/parse-$n.log" --distinct
	lines=$(wc -l <"$work/parse-$n.log")
	timed "$work/parse-$n" "${one_core[@]}" "$S2BENCH" parse "$work/parse-$n.log" --out "$work/parse-$n.out"
	grep -q "^parse: $n runs written" "$work/parse-$n.txt" ||
		{ echo "bench-harness: parse of $n runs wrote another count" >&2; exit 1; }
	# time(1) has 10 ms steps: a small (--quick) log can take 0.00 s, which gives no rate
	awk -v n="$n" -v l="$lines" -v ld="$(cat "$work/parse-$n.load")" 'function rate(t) { return t > 0 ? sprintf("%.2f M", l / t / 1e6) : "(under 10 ms: no)" } { printf "| `parse`, %d distinct runs in one log (%d lines) | %s | %.2f s | %.2f s | %.0f MB | %s lines/s wall, %s lines/s CPU, %.1f µs CPU per run |\n", n, l, ld, $1, $2 + $3, $4 / 1024, rate($1), rate($2 + $3), ($2 + $3) / n * 1e6 }' \
		"$work/parse-$n.time" >>"$rows"
done

# 2. report: a synthetic result directory of report_runs runs x 20 boots (20 cells)
rows=$work/rows-report.md
if want report; then
"$S2BENCH" parse "$TEMPLATE" --out "$work/template.out" 2>/dev/null # the run the rows copy
scripts/bench-harness-results.py "$work/template.out" "$report_runs" 20 "$work/report-in"
timed "$work/report" "${one_core[@]}" "$S2BENCH" report "$work/report-in" --out "$work/report-out"
# the resample counts the report states it used (reports/bootstrap.c)
resamples=$(tr '\n' ' ' <"$work/report-out/report.md" | grep -o 'B = [0-9]*\( to [0-9]*\)*' | head -1)
awk -v n="$report_runs" -v b="${resamples:-no bootstrap}" -v ld="$(cat "$work/report.load")" '{ printf "| `report`, %d runs x 20 boots | %s | %.2f s | %.2f s | %.0f MB | %.1f µs CPU per run; bootstrap %s |\n", n, ld, $1, $2 + $3, $4 / 1024, ($2 + $3) / n * 1e6, b }' \
	"$work/report.time" >>"$rows"
fi

# 3. run: the fake emulator (no QEMU), one boot pair per run; then a resume that has nothing to do
head -c 64 /dev/zero >"$work/fake.img"
printf 'ARM\x64' | dd of="$work/fake.img" bs=1 seek=56 conv=notrunc 2>/dev/null # arm64 Image magic
rows=$work/rows-run.md
want run || run_runs=""
for n in $run_runs; do
	printf 'name = scale\nstrategy = unmap\nguest = hello\nboots = 2\nreps = %d\n' "$n" >"$work/run-$n.suite"
	for pass in run resume; do
		S2B_QEMU=$FAKE_QEMU timed "$work/$pass-$n" "$S2BENCH" run "$work/run-$n.suite" \
			--out "$work/run-$n.out" --image "$work/fake.img"
		awk -v n="$n" -v p="$pass" -v ld="$(cat "$work/$pass-$n.load")" '{ printf "| `run`%s, %d runs (fake emulator) | %s | %.2f s | %.2f s | %.0f MB | %.2f ms wall, %.2f ms CPU per run (emulator included) |\n", p == "resume" ? " again (all finished: resume)" : "", n, ld, $1, $2 + $3, $4 / 1024, $1 / n * 1e3, ($2 + $3) / n * 1e3 }' \
			"$work/$pass-$n.time" >>"$rows"
	done
done

{
	echo "<!-- harness-scale: begin -->"
	echo "Written by \`scripts/bench-harness.sh$([ $quick = 1 ] && echo " --quick")\` (\`make bench-harness\`; rows of kinds $only measured by this invocation):"
	echo "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, $(uname -sr)," \
		"load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; each row's date and 1-minute load just before it. CPU = user + system (children included)."
	echo
	echo "| input | run on, load before | wall | CPU | max RSS | rate |"
	echo "|---|---|---|---|---|---|"
	for k in "${kinds[@]}"; do cat "$work/rows-$k.md"; done
	echo "<!-- harness-scale: end -->"
} >"$work/region.md"
awk -v region="$work/region.md" '
	/<!-- harness-scale: begin -->/ { while ((getline l < region) > 0) print l; skip = 1; next }
	/<!-- harness-scale: end -->/ { skip = 0; next }
	!skip' "$doc" >"$work/doc.md"
cat "$work/doc.md" >"$doc"
sed -n '/<!-- harness-scale: begin -->/,/<!-- harness-scale: end -->/p' "$doc" | sed '1d;$d'
