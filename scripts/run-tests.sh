#!/bin/bash
# run-tests.sh --unit "BINS" --integ "SCRIPTS" --fuzz "BINS"
# Runs every test kind, keeps going after a failure, and ends with one line "N passed, N failed".
# Criterion binaries are counted per test from their Synthesis line; integration scripts print
# "PASS name" / "FAIL name" lines (tests/integration/lib.sh); fuzz targets replay their corpus.
set -u
unit="" integ="" fuzz=""
while [ $# -gt 0 ]; do
	case "$1" in
	--unit) unit=$2; shift 2 ;;
	--integ) integ=$2; shift 2 ;;
	--fuzz) fuzz=$2; shift 2 ;;
	*) echo "run-tests: unknown option $1" >&2; exit 2 ;;
	esac
done
BUILD=${BUILD:-build}
export BUILD
# A hung test must fail, not stall `make test` (and CI) forever: each binary or script gets this
# many seconds (far above the slowest one's few minutes on 2 busy cores).
limit=${TEST_TIMEOUT:-1800}
logdir=$BUILD/test-logs
mkdir -p "$logdir"
passed=0 failed=0
failures=()

for t in $unit; do
	name=$(basename "$t")
	echo "== unit: $name"
	timeout -k 10 "$limit" "$t" --jobs 2 >"$logdir/$name.log" 2>&1
	rc=$?
	[ $rc -eq 124 ] && echo "   (timed out after ${limit}s)"
	syn=$(grep -a 'Synthesis:' "$logdir/$name.log" | tail -1)
	p=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$syn")
	f=$(sed -n 's/.*Failing: \([0-9]*\).*/\1/p' <<<"$syn")
	c=$(sed -n 's/.*Crashing: \([0-9]*\).*/\1/p' <<<"$syn")
	p=${p:-0} f=${f:-0} c=${c:-0}
	if [ $rc -ne 0 ] && [ $((f + c)) -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f + c))
	echo "   $syn"
	if [ $((f + c)) -gt 0 ]; then
		failures+=("$name")
		grep -a -E '\[(FAIL|----)\]' "$logdir/$name.log" | head -40
	fi
done

for s in $integ; do
	name=$(basename "$s" .sh)
	echo "== integration: $name"
	timeout -k 10 "$limit" bash "$s" >"$logdir/$name.log" 2>&1
	rc=$?
	[ $rc -eq 124 ] && echo "FAIL timed_out_after_${limit}s" >>"$logdir/$name.log"
	p=$(grep -a -c '^PASS ' "$logdir/$name.log")
	f=$(grep -a -c '^FAIL ' "$logdir/$name.log")
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "   (exit $rc)"; fi
	passed=$((passed + p)); failed=$((failed + f))
	grep -a -E '^(PASS|FAIL|SKIP) ' "$logdir/$name.log" | sed 's/^/   /'
	[ "$f" -gt 0 ] && failures+=("$name") && tail -30 "$logdir/$name.log" | sed 's/^/   | /'
done

for z in $fuzz; do
	name=$(basename "$z")
	corpus=tests/fuzz/corpus/${name#fuzz-}
	echo "== fuzz replay: $name"
	# New inputs go to a scratch dir first: the checked-in corpus is only read.
	mkdir -p "$BUILD/fuzz-new/$name"
	if "$z" -runs=2000 "$BUILD/fuzz-new/$name" "$corpus" >"$logdir/$name.log" 2>&1; then
		passed=$((passed + 1)); echo "   ok"
	else
		failed=$((failed + 1)); failures+=("$name"); tail -20 "$logdir/$name.log"
	fi
done

echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]} (logs in $logdir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
