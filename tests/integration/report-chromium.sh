#!/bin/bash
# Renders reports in headless Chromium: each page loads without network, every chart is an
# inline SVG with drawn content, and a screenshot is kept under $BUILD for a human to look at.
# With --profile (s2bench only) the phase diagram is drawn above the answer and the predicted
# section is there.
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
	# The fixture's eight charts; the default suite's [smp] section adds the vCPU chart.
	figs="cost_vs_mem cost_vs_mem_premap cost_vs_frac cost_vs_boot faults_vs_frac lines_vs_frac ready_box fault_cdf"
	[ "$set" = bench ] && figs="$figs cost_vs_vcpus"
	nsvg=$(grep -o '<svg' "$dom" | wc -l)
	check "report-dom-chart-count-$set" test "$nsvg" -eq "$(wc -w <<<"$figs")"
	# Each chart is non-empty: drawn paths inside every figure element.
	empty=0
	for fig in $figs; do
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
# --profile: the phase diagram drawn at the top, the predictions' section with its table.
if [ -x "$S2BENCH" ] && [ $have_chromium = 1 ]; then
	html=$out/html-profile
	if "$S2BENCH" report "$out/fixture" --profile profiles/neoverse-n1.profile --out "$html" \
		>"$out/report-profile.log" 2>&1; then
		pass report-renders-profile
		dom=$out/dom-profile.html
		chrome --dump-dom "file://$(realpath "$html/report.html")" >"$dom"
		n=$(sed -n '/<figure id="fig-phase">/,/<\/figure>/p' "$dom" | grep -o '<path' | wc -l)
		check report-dom-phase-drawn test "$n" -gt 5
		check report-dom-phase-above-answer bash -c "grep -n -e 'id=\"fig-phase\"' -e '<h2>Answer</h2>' '$dom' | head -1 | grep -q fig-phase"
		check report-dom-nine-charts test "$(grep -o '<svg' "$dom" | wc -l)" -eq 9
		check report-dom-predicted-section grep -q '<h2 id="predicted">Predicted time per reboot (model, not measured)</h2>' "$dom"
		check report-dom-not-placed grep -q '<li>not placed: neoverse-n1 lacks' "$dom"
		chrome --screenshot="$out/report-profile.png" --window-size=1280,2000 --hide-scrollbars \
			"file://$(realpath "$html/report.html")" >/dev/null
		check report-screenshot-profile test "$(stat -c %s "$out/report-profile.png" 2>/dev/null || echo 0)" -gt 100000
	else
		fail report-renders-profile; cat "$out/report-profile.log"
	fi
fi
[ $have_chromium = 1 ] || skip report-chromium "chromium not installed (make deps)"
[ "${#sets[@]}" -eq 2 ] || echo "no finished make bench in $BUILD/bench: fixture only"
finish
