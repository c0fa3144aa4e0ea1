#!/bin/bash
# The number of runs docs/harness.md gives for `make bench` is the default suite's real count
# (`--dry-run` prints a header line, one line per run, then "N runs"), so the doc cannot go stale.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-docs-counts
rm -rf "$out" && mkdir -p "$out"

"$S2BENCH" run suites/default.suite --dry-run >"$out/dry-run.txt" 2>"$out/dry-run.err"
check "dry_run_exits_0" [ $? -eq 0 ]
runs=$(grep -cE '^[0-9a-f]{16} ' "$out/dry-run.txt")
check "dry_run_total_is_its_run_lines" grep -qx "$runs runs" "$out/dry-run.txt"
# the line after "`suites/default.suite` is `make bench`" starts "(N runs,"
doc=$(sed -n '/`suites\/default.suite` is `make bench`$/{n;s/^(\([0-9]*\) runs,.*/\1/p}' docs/harness.md)
echo "default.suite: $runs runs; docs/harness.md says: ${doc:-nothing}"
check "docs_state_a_number" [ -n "$doc" ]
check "make_bench_runs_in_docs_are_the_dry_run_count" [ "${doc:-x}" = "$runs" ]
finish
