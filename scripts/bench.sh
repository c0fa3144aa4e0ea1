#!/bin/bash
# `make bench`: the default suite on QEMU with every core, then the report. Resumable: re-running
# after an interruption finishes the suite in the same directory.
set -eu
BUILD=${BUILD:-build}
out=$BUILD/bench
"$BUILD/s2bench" run suites/default.suite --out "$out" -j "$(nproc)"
"$BUILD/s2bench" report "$out"
echo "bench: report in $out/report.html (summary: $out/report.md)"
