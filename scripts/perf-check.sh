#!/bin/bash
# perf-check.sh: measure s2hv's hot paths under QEMU -icount shift=0 (deterministic instruction
# counts) and compare them with the targets of docs/performance.md. Prints the table the doc
# shows (the runs and the table are scripts/perf-runs.sh's and scripts/perf-tables.sh's `targets`);
# exits 1 if a target is missed. Not a unit test: numbers, not wall-clock time. Logs: $BUILD/perf.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
log=$BUILD/perf
rm -rf "$log"
scripts/perf-runs.sh "$log" targets || exit 1
scripts/perf-tables.sh "$log" "$log/sections" targets || exit 1
cat "$log/sections/perf-targets.md"
! grep -q 'missed' "$log/sections/perf-targets.md"
