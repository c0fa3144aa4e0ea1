#!/bin/bash
# scripts/bench-harness.sh at --quick scale (issue 20): it builds its inputs, every figure row is
# written into the harness-scale region, and nothing outside the region changes; --only re-measures
# some kinds of rows and keeps the others. Speed is not checked: the script is a benchmark.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-bench-smoke
rm -rf "$out" && mkdir -p "$out"
cp docs/performance.md "$out/doc.md"
outside() { sed '/<!-- harness-scale: begin -->/,/<!-- harness-scale: end -->/d' "$1"; }

BUILD=$BUILD scripts/bench-harness.sh --quick --doc "$out/doc.md" --work "$out/work" >"$out/stdout" 2>&1
check "script_succeeds" [ $? -eq 0 ]
region=$(sed -n '/<!-- harness-scale: begin -->/,/<!-- harness-scale: end -->/p' "$out/doc.md")
check "region_has_two_parse_rows" [ "$(grep -c '^| `parse`, [0-9]* distinct runs' <<<"$region")" -eq 2 ]
check "region_has_the_report_row" grep -q '^| `report`, 2000 runs x 20 boots |' <<<"$region"
check "region_has_run_and_resume_rows" [ "$(grep -c '^| `run`' <<<"$region")" -eq 4 ]
check "region_names_the_machine" grep -q 'cores, Linux' <<<"$region"
check "nothing_outside_the_region_changes" cmp -s <(outside docs/performance.md) <(outside "$out/doc.md")
BUILD=$BUILD scripts/bench-harness.sh --quick --doc "$out/doc.md" --work "$out/work" >/dev/null 2>&1
check "a_second_run_replaces_the_region" [ "$(grep -c 'harness-scale: begin' "$out/doc.md")" -eq 1 ]
# --only: the rows of the other kinds are kept as they were, byte for byte
rows_of() { sed -n '/<!-- harness-scale: begin -->/,/<!-- harness-scale: end -->/p' "$out/doc.md" | grep "^| \`$1\`"; }
rows_of run >"$out/run-rows.before"
rows_of report >"$out/report-rows.before"
sed -i 's/^\(| `parse`, [^|]*| \)[^|]*|/\1old |/' "$out/doc.md" # mark the parse rows as old
BUILD=$BUILD scripts/bench-harness.sh --quick --doc "$out/doc.md" --work "$out/work" --only parse \
	>/dev/null 2>&1
check "only_parse_succeeds" [ $? -eq 0 ]
check "only_parse_remeasures_the_parse_rows" [ "$(rows_of parse | grep -c '| old |')" -eq 0 ]
check "only_parse_keeps_two_parse_rows" [ "$(rows_of parse | wc -l)" -eq 2 ]
check "only_parse_keeps_the_run_rows" cmp -s <(rows_of run) "$out/run-rows.before"
check "only_parse_keeps_the_report_row" cmp -s <(rows_of report) "$out/report-rows.before"
BENCH_HARNESS_ONLY=bogus scripts/bench-harness.sh --quick --doc "$out/doc.md" --work "$out/work" \
	>/dev/null 2>&1
check "unknown_row_kind_is_a_usage_error" [ $? -eq 2 ]
scripts/bench-harness.sh --bogus >/dev/null 2>&1
check "bad_option_is_a_usage_error" [ $? -eq 2 ]
finish
