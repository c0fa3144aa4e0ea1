#!/bin/bash
# fuzz.sh [--seconds N] [--runs N] [--doc FILE] TARGET...  (`make fuzz`, `make fuzz-doc`)
# Fuzzes each libFuzzer TARGET for N seconds (default 60), or N executions with --runs, starting
# from its checked-in corpus tests/fuzz/corpus/<name without fuzz->. That corpus is only read:
# new inputs and crash artifacts go to $BUILD/fuzz/<name>/. Prints per target the executions
# reached and the crashes found, keeps the table in $BUILD/fuzz/results.md, and with --doc puts
# it between the "fuzz-results" markers of FILE, so documented figures come from a run.
# Exit status 1 if any target crashed (or failed to run).
set -u
seconds=60 runs="" doc=""
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--doc) doc=$2; shift 2 ;;
	-*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: fuzz.sh [--seconds N] [--runs N] [--doc FILE] TARGET..." >&2; exit 2; }
BUILD=${BUILD:-build}
mkdir -p "$BUILD/fuzz"
results=$BUILD/fuzz/results.md
if [ -n "$runs" ]; then limit=(-runs="$runs"); budget="$runs executions"
else limit=(-max_total_time="$seconds"); budget="$seconds s"; fi

# the tree the targets were built from, taken before the run ("-dirty": uncommitted changes)
commit=$(git describe --always --dirty 2>/dev/null || echo '?')
table="| target | seed inputs | budget | executions | seconds | exec/s | new inputs | crashes |
|---|---:|---|---:|---:|---:|---:|---:|"
status=0
for t in "$@"; do
	name=$(basename "$t")
	corpus=tests/fuzz/corpus/${name#fuzz-}
	work=$BUILD/fuzz/$name
	rm -rf "$work" && mkdir -p "$work/new" "$work/artifacts"
	seeds=0 dirs=("$work/new")
	if [ -d "$corpus" ]; then seeds=$(find "$corpus" -type f | wc -l); dirs+=("$corpus"); fi
	echo "== fuzz: $name ($budget, corpus $corpus)"
	start=$(date +%s.%N)
	# -timeout: an input running 10 s is a hang, reported like a crash
	"$t" "${limit[@]}" -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
		"${dirs[@]}" >"$work/log" 2>&1
	rc=$?
	secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
	crashes=$(find "$work/artifacts" -type f | wc -l)
	new=$(find "$work/new" -type f | wc -l)
	if [ -z "$execs" ]; then execs="?"; rate="?"; else rate=$(awk -v n="$execs" -v s="$secs" 'BEGIN { printf "%.0f", n / s }'); fi
	[ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes="? (exit $rc)"
	echo "   $execs executions in $secs s ($rate/s), $new new inputs, crashes: $crashes"
	if [ "$crashes" != 0 ]; then
		status=1
		find "$work/artifacts" -type f | sed 's/^/   artifact: /'
		grep -a -m1 -E 'ERROR|SUMMARY' "$work/log" | sed 's/^/   /'
	fi
	table+=$'\n'"| \`$name\` | $seeds | $budget | $execs | $secs | $rate | $new | $crashes |"
done

{
	echo "Run on $(date -u +%Y-%m-%d) at commit $commit" \
		"($(clang --version | head -1), $(nproc) CPUs), one target at a time:"
	echo
	echo "$table"
} >"$results"
echo "fuzz: results in $results"

if [ -n "$doc" ]; then
	"$(dirname "$0")/doc-section.sh" "$doc" fuzz-results "$results"
	echo "fuzz: wrote the results into $doc"
fi
exit $status
