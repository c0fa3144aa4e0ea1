#!/bin/bash
# The measured numbers in the docs are what a fresh deterministic run gives: scripts/perf-doc.sh
# --check runs the QEMU set (-icount shift=0) and the simulator's cost table once and compares
# every generated section of README.md and docs/*.md with it. On failure the diff is in the log;
# `make perf-doc` fixes it. Then the same comparison on a copy of a doc with one number changed
# must fail, so the check can fail.
. "$(dirname "$0")/lib.sh"
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)" || exit 1
out=$BUILD/test-logs/docs-fresh
rm -rf "$out" && mkdir -p "$out"

if BUILD=$BUILD scripts/perf-doc.sh --check >"$out/check.log" 2>&1; then pass docs_match_fresh_run
else cat "$out/check.log"; fail docs_match_fresh_run; fi

# A stale copy: the null HVC row with 139 instead of what the run gave.
sections=$BUILD/perf-doc/regions
sed 's/^\(| null HVC round trip[^|]*| \)[0-9]*/\1139/' docs/performance.md >"$out/performance.md"
if ! cmp -s docs/performance.md "$out/performance.md" &&
	! scripts/doc-regions.sh check "$out/performance.md" perf-targets "$sections/perf-targets.md" \
		>"$out/stale.log" 2>&1 && grep -q '^-| null HVC.* 139 ' "$out/stale.log"; then
	pass stale_value_is_caught
else cat "$out/stale.log"; fail stale_value_is_caught; fi

# Writing a section changes only that section: the stale copy, rewritten, is the doc again.
if scripts/doc-regions.sh write "$out/performance.md" perf-targets "$sections/perf-targets.md" &&
	cmp -s docs/performance.md "$out/performance.md"; then pass write_restores_only_the_section
else diff docs/performance.md "$out/performance.md"; fail write_restores_only_the_section; fi
finish
