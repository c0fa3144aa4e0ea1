#!/bin/bash
# Issue 15 item 3, for real: a small scatter suite (64M, three fractions, unmap/lazy/clean,
# two reps) run under QEMU at 10 and at 20 boots per run. `clean`'s mapped set grows with every
# boot there, so its cost trends and the crossovers must not silently depend on the number of
# boots: each report's Answer must either give the same grid bracket for every crossover at
# both boot counts, or state the dependence itself. Also: the trend is never called noise, and
# the unit of replication (2 runs) is stated.
set -u
. "$(dirname "$0")/lib.sh"

out=$BUILD/report-scatter-boots
rm -rf "$out"
mkdir -p "$out"
[ -x "$S2BENCH" ] || { fail scatter-boots-s2bench-built; finish; }

# The answer as one line per finding (report.md wraps at 78 columns with a two-space indent).
answer() {
	sed -n '/^## Answer/,/^## Machine/p' "$1" |
		awk '/^- /{if (s) print s; s=substr($0, 3); next} /^  /{s=s " " substr($0, 3); next} END{if (s) print s}'
}
# "`A` and `B` ...between X% and Y% touched" for one crossover at the last reboot (or steady).
bracket() {
	grep -v 'At reboot 1:' <<<"$1" | grep -o "\`$2\` and \`clean\` \(cost the same between [0-9.]*% and [0-9.]*% touched\|never cross\)" | head -1
}

for boots in 10 20; do
	cat >"$out/scatter-$boots.suite" <<SUITE
name = scatter-$boots
timeout = 120
boots = $boots
reps = 2
guest = touch
order = scatter
mem = 64M
frac = 10 25 50
strategy = unmap lazy clean
SUITE
	if "$S2BENCH" run "$out/scatter-$boots.suite" --out "$out/runs-$boots" -j 2 >"$out/run-$boots.log" 2>&1 &&
		[ "$(grep -c ',ok,' "$out/runs-$boots/runs.csv")" -eq 18 ]; then
		pass "scatter-boots-runs-$boots"
	else
		fail "scatter-boots-runs-$boots"; tail -5 "$out/run-$boots.log"; finish
	fi
	"$S2BENCH" report "$out/runs-$boots" >"$out/report-$boots.log" 2>&1 ||
		{ fail "scatter-boots-report-$boots"; cat "$out/report-$boots.log"; finish; }
	answer "$out/runs-$boots/report.md" >"$out/answer-$boots.txt"
done
a10=$(cat "$out/answer-10.txt")
a20=$(cat "$out/answer-20.txt")

# clean trends under scatter at 10% and 25%: both answers say at which reboot they state it.
check scatter-boots-trend-found-10 grep -q '^At reboot 9: ' "$out/answer-10.txt"
check scatter-boots-trend-found-20 grep -q '^At reboot 19: ' "$out/answer-20.txt"
for a in unmap lazy; do
	b10=$(bracket "$a10" $a)
	b20=$(bracket "$a20" $a)
	echo "$a/clean: boots=10: ${b10:-none}; boots=20: ${b20:-none}"
	if [ -n "$b10" ] && [ "$b10" = "$b20" ]; then
		pass "scatter-boots-same-crossover-$a"
	elif grep -q "depends on how many times the guest has rebooted" <<<"$a10$a20"; then
		pass "scatter-boots-dependence-stated-$a"
	else
		fail "scatter-boots-crossover-$a"
	fi
done
check scatter-boots-dependence-in-answer grep -q 'depends on how many times the guest has rebooted' "$out/answer-20.txt"
check scatter-boots-trend-not-noise bash -c "! grep -q 'too noisy' '$out/runs-20/report.md'"
check scatter-boots-unit-stated grep -q 'The unit of replication is the run.* has 2 runs' "$out/answer-20.txt"
check scatter-boots-chart grep -q '<figure id="fig-cost_vs_boot"><svg' <(tr -d '\n' <"$out/runs-20/report.html")
finish
