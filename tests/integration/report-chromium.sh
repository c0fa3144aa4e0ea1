#!/bin/bash
# Renders reports in headless Chromium: each page loads without network, every chart is an
# inline SVG with drawn content, and a screenshot is kept under $BUILD for a human to look at.
# Always the fixture generator's results; also $BUILD/bench when `make bench` has finished there,
# so the check holds whichever order `make bench` and `make test` run in. The default suite
# itself must trace faults somewhere, or its fault-latency CDF has nothing to draw.
set -u
. "$(dirname "$0")/lib.sh"

out=$BUILD/report-chromium
rm -rf "$out"
mkdir -p "$out"
driver=$BUILD/tests/reports-driver
if [ -x "$S2BENCH" ]; then report=("$S2BENCH" report); else report=("$driver" report); fi

if [ -x "$S2BENCH" ]; then
	"$S2BENCH" run suites/default.suite --dry-run >"$out/default-dry-run.txt" 2>&1
	check default-suite-traces-faults grep -q ' faults ' "$out/default-dry-run.txt"
fi

"$BUILD/tests/reports-fixture" "$out/fixture" --reps 3 --boots 8 || { fail report-fixture; finish; }
sets=(fixture)
# A finished `make bench` wrote its report after its last run; an interrupted one did not.
if [ -f "$BUILD/bench/runs.csv" ] && [ "$BUILD/bench/report.html" -nt "$BUILD/bench/runs.csv" ]; then
	sets+=(bench)
fi

have_chromium=1
if ! command -v chromium >/dev/null; then
	have_chromium=0
fi
chrome() {
	local profile
	profile=$(mktemp -d)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
	local rc=$?
	rm -rf "$profile"
	return $rc
}

for set in "${sets[@]}"; do
	results=$out/fixture
	[ "$set" = bench ] && results=$BUILD/bench
	html=$out/html-$set
	if "${report[@]}" "$results" --out "$html" >"$out/report-$set.log" 2>&1; then
		pass "report-renders-$set"
	else
		fail "report-renders-$set"; cat "$out/report-$set.log"; continue
	fi
	[ $have_chromium = 1 ] || continue
	page=$(realpath "$html/report.html")
	dom=$out/dom-$set.html
	chrome --dump-dom "file://$page" >"$dom"
	check "report-dom-loads-$set" grep -q '<h2>Answer</h2>' "$dom"
	nsvg=$(grep -o '<svg' "$dom" | wc -l)
	check "report-dom-eight-charts-$set" test "$nsvg" -eq 8
	# Each chart is non-empty: drawn paths inside every figure element.
	empty=0
	for fig in cost_vs_mem cost_vs_mem_premap cost_vs_frac cost_vs_boot faults_vs_frac lines_vs_frac ready_box fault_cdf; do
		n=$(sed -n "/<figure id=\"fig-$fig\">/,/<\/figure>/p" "$dom" | grep -o '<path' | wc -l)
		[ "$n" -gt 5 ] || { echo "$set: figure $fig has $n paths"; empty=1; }
	done
	check "report-dom-charts-drawn-$set" test $empty -eq 0
	check "report-dom-no-script-$set" bash -c "! grep -q '<script' '$dom'"
	chrome --screenshot="$out/report-$set.png" --window-size=1280,4000 --hide-scrollbars \
		"file://$page" >/dev/null
	size=$(stat -c %s "$out/report-$set.png" 2>/dev/null || echo 0)
	check "report-screenshot-$set" test "$size" -gt 100000
	echo "screenshot: $out/report-$set.png"
done
[ $have_chromium = 1 ] || skip report-chromium "chromium not installed (make deps)"
[ "${#sets[@]}" -eq 2 ] || echo "no finished make bench in $BUILD/bench: fixture only"
finish
