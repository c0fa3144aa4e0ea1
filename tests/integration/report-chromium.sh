#!/bin/bash
# Renders a report in headless Chromium: the page loads without network, every chart is an
# inline SVG with drawn content, and a screenshot is kept under $BUILD for a human to look at.
# Uses real results ($BUILD/bench) when `make bench` produced them, else the fixture generator.
set -u
. "$(dirname "$0")/lib.sh"

out=$BUILD/report-chromium
rm -rf "$out"
mkdir -p "$out"
driver=$BUILD/tests/reports-driver
if [ -x "$S2BENCH" ]; then report=("$S2BENCH" report); else report=("$driver" report); fi

results=$out/fixture
if [ -f "$BUILD/bench/runs.csv" ]; then
	results=$BUILD/bench
else
	"$BUILD/tests/reports-fixture" "$results" --reps 3 --boots 8 || { fail report-fixture; finish; }
fi
if "${report[@]}" "$results" --out "$out/html" >"$out/report.log" 2>&1; then
	pass report-renders
else
	fail report-renders; cat "$out/report.log"; finish
fi

page=$(realpath "$out/html/report.html")
if ! command -v chromium >/dev/null; then
	skip report-chromium "chromium not installed (make deps)"
	finish
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

chrome --dump-dom "file://$page" >"$out/dom.html"
check report-dom-loads grep -q '<h2>Answer</h2>' "$out/dom.html"
nsvg=$(grep -o '<svg' "$out/dom.html" | wc -l)
check report-dom-six-charts test "$nsvg" -eq 6
# Each chart is non-empty: drawn paths inside every figure element.
empty=0
for fig in cost_vs_mem cost_vs_frac faults_vs_frac lines_vs_frac ready_box fault_cdf; do
	n=$(sed -n "/<figure id=\"fig-$fig\">/,/<\/figure>/p" "$out/dom.html" | grep -o '<path' | wc -l)
	[ "$n" -gt 5 ] || { echo "figure $fig has $n paths"; empty=1; }
done
check report-dom-charts-drawn test $empty -eq 0
check report-dom-no-script bash -c "! grep -q '<script' '$out/dom.html'"

chrome --screenshot="$out/report.png" --window-size=1280,4000 --hide-scrollbars "file://$page" >/dev/null
size=$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)
check report-screenshot test "$size" -gt 100000
echo "screenshot: $out/report.png"
finish
