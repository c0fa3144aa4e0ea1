#!/bin/bash
# `make bench`: the default suite on QEMU with every core, then the report. Resumable: re-running
# after an interruption finishes the suite in the same directory. A directory an older s2bench
# wrote that cannot be resumed (exit 4, docs/harness.md) is moved aside, never deleted.
set -eu
BUILD=${BUILD:-build}
# The suite and directory are settable for tests (harness-seeds.sh); `make bench` uses the defaults.
suite=${BENCH_SUITE:-suites/default.suite}
out=${BENCH_OUT:-$BUILD/bench}
run() { "$BUILD/s2bench" run "$suite" --out "$out" -j "$(nproc)"; }
rc=0
run || rc=$?
if [ "$rc" -eq 4 ]; then
	old=$out.old-$(date +%Y%m%d-%H%M%S)
	mv "$out" "$old"
	echo "bench: $out was written by an older s2bench and cannot be resumed; moved to $old"
	rc=0
	run || rc=$?
fi
[ "$rc" -eq 0 ] || exit "$rc"
"$BUILD/s2bench" report "$out"
echo "bench: report in $out/report.html (summary: $out/report.md)"
