#!/bin/bash
# The measured numbers in the docs are what a fresh deterministic run gives: scripts/perf-doc.sh
# --check runs the QEMU set (-icount shift=0) and the simulator's cost table once and compares
# every generated section of README.md and docs/*.md with it. On failure the diff is in the log;
# `make perf-doc` fixes it. Then the same comparison on a copy of a doc with one number changed
# must fail, so the check can fail; and the Linux numbers are compared within their tolerance.
. "$(dirname "$0")/lib.sh"
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)" || exit 1
out=$BUILD/test-logs/docs-fresh
rm -rf "$out" && mkdir -p "$out"

if BUILD=$BUILD scripts/perf-doc.sh --check >"$out/check.log" 2>&1; then pass docs_match_fresh_run
else cat "$out/check.log"; fail docs_match_fresh_run; fi

# The check itself can fail: a copy of the doc with the section written fresh, then the null HVC
# count in it changed (to 139, what the doc once said), must fail the check, showing that row.
sections=$BUILD/perf-doc/regions
cp docs/performance.md "$out/fresh.md"
scripts/doc-regions.sh write "$out/fresh.md" perf-targets "$sections/perf-targets.md"
hvc=$(sed -n 's/^| null HVC round trip[^|]*| \([0-9]*\) .*/\1/p' "$out/fresh.md")
stale=139; [ "$hvc" != 139 ] || stale=148
sed "s/^\(| null HVC round trip[^|]*| \)$hvc /\1$stale /" "$out/fresh.md" >"$out/stale.md"
if [ -n "$hvc" ] && ! cmp -s "$out/fresh.md" "$out/stale.md" &&
	! scripts/doc-regions.sh check "$out/stale.md" perf-targets "$sections/perf-targets.md" \
		>"$out/stale.log" 2>&1 && grep -q "^-| null HVC.* $stale " "$out/stale.log"; then
	pass stale_value_is_caught
else cat "$out/stale.log"; fail stale_value_is_caught; fi

# Writing a section changes only that section: the stale copy, rewritten, is the fresh one again.
if scripts/doc-regions.sh write "$out/stale.md" perf-targets "$sections/perf-targets.md" &&
	cmp -s "$out/fresh.md" "$out/stale.md"; then pass write_restores_only_the_section
else diff "$out/fresh.md" "$out/stale.md"; fail write_restores_only_the_section; fi

# The Linux numbers (tests/integration/linux-qemu.sh) are compared within 0.1% (or 64, a page of lines): the doc's own
# section taken as the fresh run, unmap's boot-1 reinit_insts moved by 0.01% must pass, by 1% fail.
awk '/^<!-- linux-boots: begin/ { on = 1; getline; next } /^<!-- linux-boots: end/ { on = 0 } on' \
	docs/guests.md | sed '$d' >"$out/linux-boots.md"
moved() { # FACTOR: docs/guests.md with unmap's boot-1 reinit_insts times FACTOR
	awk -v f="$1" -F' [|] ' '/^[|] unmap [|] 1 [|]/ { v = $3; gsub(/,/, "", v)
		sub(/[|] 1 [|] [0-9,]+ /, "| 1 | " sprintf("%.0f", v * f) " ") } 1' docs/guests.md
}
moved 1.0001 >"$out/guests-near.md"; moved 1.01 >"$out/guests-far.md"
if ! cmp -s docs/guests.md "$out/guests-near.md" &&
	scripts/doc-regions.sh check "$out/guests-near.md" linux-boots "$out/linux-boots.md" 0.001 64 >/dev/null &&
	! scripts/doc-regions.sh check "$out/guests-far.md" linux-boots "$out/linux-boots.md" 0.001 64 >/dev/null 2>&1
then pass linux_numbers_compared_within_a_tenth_of_a_percent
else fail linux_numbers_compared_within_a_tenth_of_a_percent; fi

# A small count may move by ABS (64 for the Linux sections: one page of lines), not by ABS + 1.
printf 'x\n<!-- n: begin -->\n<!-- n: end -->\n' >"$out/abs.md"
printf 'lines 0\n' >"$out/abs-0"; printf 'lines 64\n' >"$out/abs-64"; printf 'lines 65\n' >"$out/abs-65"
if scripts/doc-regions.sh write "$out/abs.md" n "$out/abs-0" &&
	scripts/doc-regions.sh check "$out/abs.md" n "$out/abs-64" 0.001 64 >/dev/null &&
	! scripts/doc-regions.sh check "$out/abs.md" n "$out/abs-65" 0.001 64 >/dev/null 2>&1 &&
	! scripts/doc-regions.sh check "$out/abs.md" n "$out/abs-64" 0.001 >/dev/null 2>&1
then pass small_counts_move_by_at_most_abs
else fail small_counts_move_by_at_most_abs; fi
finish
