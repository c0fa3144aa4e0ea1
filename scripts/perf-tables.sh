#!/bin/bash
# perf-tables.sh LOGDIR REGIONDIR [GROUP...]: from the logs of scripts/perf-runs.sh, writes the
# generated sections of the docs made from those run groups (default: all but linux) as
# REGIONDIR/<name>.md, <name> being the marker scripts/doc-regions.sh looks for (perf-* in
# docs/performance.md, strategies-* in docs/strategies.md, linux-* in docs/guests.md). Tables and
# the numbers in the prose around them come from here only, so a doc says what the last run showed.
set -u
[ $# -ge 2 ] || { echo "usage: perf-tables.sh LOGDIR REGIONDIR [targets|hello|premap|scatter|sim|linux]..." >&2; exit 2; }
logs=$1 regions=$2; shift 2
groups=" ${*:-targets hello premap scatter sim} " # linux only when named, as in perf-runs.sh
want() { [[ $groups == *" $1 "* ]]; } # GROUP: its sections are asked for
for g in $groups; do
	[[ " targets hello premap scatter sim linux " == *" $g "* ]] || { echo "perf-tables.sh: unknown group $g" >&2; exit 2; }
done
[ -d "$logs" ] || { echo "perf-tables.sh: no log directory $logs" >&2; exit 2; }
mkdir -p "$regions"

# rec NAME IDX KEY: KEY of boot record IDX in run NAME; "?" when absent (the script then fails)
rec() {
	local v
	v=$(grep -a "^@s2b boot idx=$2 " "$logs/$1.log" 2>/dev/null | sed -n "s/.* $3=\([^ ]*\).*/\1/p" | head -1)
	[ -n "$v" ] || echo "perf-tables.sh: no $3 in boot $2 of $logs/$1.log" >&2
	echo "${v:-?}"
}
# hello_val NAME KEY: the hello-guest record field (cal_hvc_insts)
hello_val() {
	local v
	v=$(grep -a '^@s2b hello ' "$logs/$1.log" 2>/dev/null | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | head -1)
	echo "${v:-?}"
}
# warm_cost NAME: mean over boots 1.. of reinit_insts + fault_cycles, the report's cost (M_COST)
warm_cost() {
	grep -a '^@s2b boot idx=[1-9]' "$logs/$1.log" | awk '{
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		s += v["reinit_insts"] + v["fault_cycles"]; n++ }
		END { if (n) printf "%.0f", s / n; else printf "?" }'
}
# n NUMBER: thousands separators (76469 -> 76,469), other text unchanged
n() { awk -v x="$1" 'BEGIN { if (x !~ /^[0-9]+$/) { print x; exit }
	s = ""; while (length(x) > 3) { s = "," substr(x, length(x) - 2) s; x = substr(x, 1, length(x) - 3) }
	print x s }'; }
boot_cost() { calc %.0f "$(rec "$1" "$2" reinit_insts) + $(rec "$1" "$2" fault_cycles)"; } # NAME IDX
calc() { # FORMAT EXPRESSION: awk arithmetic; "?" if a value in it is missing
	if [[ $2 == *'?'* ]]; then echo '?'; else awk "BEGIN { printf \"$1\", $2 }"; fi
}
emit() { cat >"$regions/$1.md"; }

if want targets; then
# --- docs/performance.md: the hot paths against their targets (scripts/perf-check.sh's runs)
hvc=$(hello_val none-64M-trace cal_hvc_insts)
fault=$(grep -a '^@s2b fault ' "$logs/none-64M-trace.log" | sed -n 's/.* cycles=\([0-9]*\).*/\1/p' | sort -n | head -1)
fault=${fault:-?}
slope() { # BLOCK: reinit instructions per line between the 64M and 128M premapped clean runs
	calc %.3f "($(rec "clean-$1-128M" 1 reinit_insts) - $(rec "clean-$1-64M" 1 reinit_insts)) / \
		($(rec "clean-$1-128M" 1 reinit_lines) - $(rec "clean-$1-64M" 1 reinit_lines))"
}
line2m=$(slope 2m) line4k=$(slope 4k)
page4k=$(calc %.1f "($line4k - $line2m) * 64")
fwb64=$(rec fwb-64M 1 reinit_insts) fwb512=$(rec fwb-512M 1 reinit_insts)
verdict() { # CONDITION
	if [[ $1 == *'?'* ]]; then echo '?'; elif awk "BEGIN { exit !($1) }"; then echo met; else echo '**missed**'; fi
}
emit perf-targets <<EOF
| measure | instructions | target | |
|---|---|---|---|
| null HVC round trip, guest → EL2 → guest (\`hello\`: \`cal_hvc_insts\`) | $hvc | ≤ 150 | $(verdict "$hvc <= 150") |
| stage-2 fault, no CMO (\`none\`, tables present; per-fault \`fault\` records) | $fault | ≤ 400 | $(verdict "$fault <= 400") |
| eager \`clean\`, per 64-byte line (2 MiB blocks, premapped 64 → 128 MiB slope) | $line2m | ≤ 1.5 | $(verdict "$line2m <= 1.5") |
| eager \`clean\`, per-page constant (4 KiB pages) | $page4k | – | |
| \`fwb\` re-init, 64 MiB and 512 MiB guests | $fwb64 and $fwb512 | O(1) | $(verdict "$fwb64 == $fwb512") |
EOF
fi

if want hello; then
# --- docs/performance.md: one full reboot of hello per strategy, boot 2 of 3
reboot_strategies="unmap lazy clean fwb none dirty dirty-dbm"
{
	echo '| strategy | reboot | re-init | re-init lines | faults | fault lines | TLBIs | ready (entry → READY) |'
	echo '|---|---|---|---|---|---|---|---|'
	for s in $reboot_strategies; do
		r=hello-ondemand-$s
		echo "| \`$s\` | $(n "$(rec $r 2 reboot_insts)") | $(n "$(rec $r 2 reinit_insts)") |" \
			"$(n "$(rec $r 2 reinit_lines)") | $(rec $r 2 faults) | $(n "$(rec $r 2 fault_lines)") |" \
			"$(rec $r 2 tlbis) | $(n "$(rec $r 2 ready_insts)") |"
	done
} | emit perf-reboot
# What unmap's faults are: those that map a page (and clean it) and those that only change a leaf.
trace=$(grep -a '^@s2b fault boot=2 ' "$logs/hello-ondemand-unmap-trace.log")
mapping=$(grep -vc ' lines=0 ' <<<"$trace") perm=$(grep -c ' kind=inst .* lines=0 ' <<<"$trace")
emit perf-reboot-notes <<EOF
\`hello\` maps $(rec hello-ondemand-unmap 2 pages_mapped) pages per boot. Under \`unmap\` it takes $(rec hello-ondemand-unmap 2 faults) stage-2 faults (\`lazy\`: $(rec hello-ondemand-lazy 2 faults)):
$mapping map a page and clean it ($(rec hello-ondemand-unmap 2 fault_lines) lines), $perm fetch(es) instructions from a page a data
access mapped first, which only makes the leaf executable (no clean, one more TLBI: \`tlbis\`
counts the whole boot). So \`unmap\` cleans each touched page twice (when unmapped and again
when the fault maps it back), exactly as KVM without FEAT_S2FWB does; \`clean\` cleans once and
takes no faults; \`fwb\` pays only the I-cache invalidate ($(rec hello-ondemand-fwb 2 reinit_insts) instructions).
EOF
fi

if want premap; then
# --- docs/performance.md: memsweep over premapped RAM (the cost the report ranks by)
{
	echo '| strategy | 64 MiB | 256 MiB | 512 MiB | lines cleaned per reboot (512 MiB) |'
	echo '|---|---|---|---|---|'
	for s in unmap lazy clean dirty fwb; do
		echo "| \`$s\` | $(n "$(warm_cost memsweep-64M-$s)") | $(n "$(warm_cost memsweep-256M-$s)") |" \
			"$(n "$(warm_cost memsweep-512M-$s)") |" \
			"$(n "$(calc %.0f "$(rec memsweep-512M-$s 1 reinit_lines) + $(rec memsweep-512M-$s 1 fault_lines)")") |"
	done
} | emit perf-premap
leaves() { echo $(($1 * 256)); } # 4 KiB leaves in N MiB
per_leaf=$(calc %.0f "($(warm_cost memsweep-512M-dirty) - $(warm_cost memsweep-64M-dirty)) / \
	$(($(leaves 512) - $(leaves 64)))")
emit perf-premap-notes <<EOF
With everything mapped, \`unmap\` cleans all of RAM twice per reboot (at unmap, and again when
premapping), \`lazy\` and \`clean\` once; \`dirty\` cleans only the $(calc %.0f "$(rec memsweep-512M-dirty 1 reinit_lines) / 64") written or rewritten pages but
still walks every leaf to write-protect it again ($per_leaf instructions per 4K leaf between 64 and
512 MiB), so it grows with mapped memory too, at a much smaller slope in cache traffic. Only
\`fwb\` is O(1).
EOF
fi

if want scatter; then
# --- docs/performance.md: touch, order=scatter, 64 MiB, 20 boots (seed 1)
fracs="5 10 25 50 100" scatter_strategies="unmap lazy clean dirty fwb"
{
	printf '| strategy |'; for f in $fracs; do printf ' %s%% |' "$f"; done; echo
	printf '|---|'; for f in $fracs; do printf -- '---|'; done; echo
	for s in $scatter_strategies; do
		printf '| `%s` |' "$s"
		for f in $fracs; do printf ' %s |' "$(n "$(warm_cost scatter-$f-$s)")"; done
		echo
	done
} | emit perf-scatter
# cheaper FAST SLOW: the fractions where FAST's mean cost is below SLOW's, as a sentence
cheaper() {
	local below="" above="" f
	for f in $fracs; do
		if [ "$(warm_cost scatter-$f-$1)" -lt "$(warm_cost scatter-$f-$2)" ]; then below+=", $f%"
		else above+=", $f%"; fi
	done
	below=${below#, } above=${above#, }
	echo "\`$1\` costs less than \`$2\` at ${below:-no fraction}, not at ${above:-any}"
}
fwb_reinit=$(for f in $fracs; do grep -a '^@s2b boot idx=[1-9]' "$logs/scatter-$f-fwb.log"; done |
	sed -n 's/.* reinit_insts=\([0-9]*\).*/\1/p' | sort -u | paste -sd/)
fwb_costs=$(for f in $fracs; do warm_cost scatter-$f-fwb; echo; done | sort -n)
emit perf-scatter-notes <<EOF
- $(cheaper lazy clean);
- $(cheaper unmap clean);
- \`fwb\`'s re-init is $fwb_reinit instructions in every boot of every run, but its cost adds the
  faults of pages touched for the first time (mapped without a clean): from $(n "$(head -1 <<<"$fwb_costs")") to
  $(n "$(tail -1 <<<"$fwb_costs")") across these fractions;
- \`clean\`'s cost grows with the boot index, as its mapped set does (10%: $(n "$(boot_cost scatter-10-clean 1)") at boot 1,
  $(n "$(boot_cost scatter-10-clean 19)") at boot 19), so these means depend on the number of boots per run.
EOF
fi

if want hello && want sim; then
# --- docs/strategies.md: simulator and QEMU counts side by side (hello, boot 2 of 3)
sim() { # STRATEGY MAP KEY: from the simulator's table, 4K leaves; "?" when absent
	awk -v s="$1" -v m="$2" -v k="$3" '$2 == s && $3 == "4K" && $4 == m {
		for (i = 5; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) v = kv[2] } }
		END { print v == "" ? "?" : v }' "$logs/sim-costs.log"
}
all_strategies="unmap lazy clean fwb none dirty dirty-dbm"
side_by_side() { # MAP COLUMN...: a row per strategy; COLUMN = sim:KEY or qemu:KEY (hello, boot 2)
	local map=$1 s c; shift
	for s in $all_strategies; do
		printf '| %s |' "$s"
		for c in "$@"; do
			case $c in
			sim:*) printf ' %s |' "$(sim "$s" "$map" "${c#sim:}")" ;;
			qemu:*) printf ' %s |' "$(rec "hello-$map-$s" 2 "${c#qemu:}")" ;;
			esac
		done
		echo
	done
}
{
	echo '| strategy | sim reinit lines | sim fault lines | sim faults | sim reinit TLBIs | QEMU reinit_lines | QEMU fault_lines | QEMU faults | QEMU tlbis |'
	echo '|---|---|---|---|---|---|---|---|---|'
	side_by_side ondemand sim:reinit_lines sim:fault_lines sim:faults sim:tlbis \
		qemu:reinit_lines qemu:fault_lines qemu:faults qemu:tlbis
} | emit strategies-ondemand
{
	echo '| strategy | sim reinit lines | sim faults | QEMU reinit_lines | QEMU faults | QEMU tlbis |'
	echo '|---|---|---|---|---|---|'
	side_by_side premap sim:reinit_lines sim:faults qemu:reinit_lines qemu:faults qemu:tlbis
} | emit strategies-premap
emit strategies-notes <<EOF
\`dirty\`'s faults are write-permission faults (its log). \`unmap\` and \`lazy\` on demand take one
fault per touched page plus, in QEMU, $perm exec permission fault(s) for a page \`hello\` reads
before it runs code from it (cleaning nothing). With premap \`unmap\`/\`lazy\` re-clean all RAM
(vm_premap). \`dirty\` cleans the written pages plus the loader's, whatever the RAM size: for
\`hello\` every touched page is in the image, so on demand it cleans what \`clean\` cleans
($(rec hello-ondemand-dirty 2 reinit_lines) lines) but premapped $(calc %.0f "$(rec hello-premap-clean 2 reinit_lines) / $(rec hello-premap-dirty 2 reinit_lines)")× fewer; it pays a write fault + TLBI per
written leaf, which \`dirty-dbm\` removes.
EOF
fi

if want linux; then
# --- docs/guests.md: the Debian kernel as the guest, every boot (varies slightly run to run)
{
	echo '| strategy | boot | reinit_insts | reinit_lines | faults | fault_lines | pages_mapped | ready_insts | reboot_insts |'
	echo '|---|---|---|---|---|---|---|---|---|'
	for s in unmap clean fwb dirty; do for i in 0 1 2; do
		r=linux-$s
		if [ $i = 0 ]; then ri='–' rl='–' rb='–'
		else ri=$(n "$(rec $r $i reinit_insts)") rl=$(n "$(rec $r $i reinit_lines)") rb=$(n "$(rec $r $i reboot_insts)"); fi
		echo "| $s | $i | $ri | $rl | $(n "$(rec $r $i faults)") | $(n "$(rec $r $i fault_lines)") |" \
			"$(n "$(rec $r $i pages_mapped)") | $(n "$(rec $r $i ready_insts)") | $rb |"
	done; done
} | emit linux-boots
pages=$(rec linux-unmap 0 pages_mapped)
emit linux-notes <<EOF
What they say, within QEMU's limits: the kernel maps $(n "$pages") pages ($(calc %.0f "$pages / 256") MiB) of its 256 MiB
before the init runs. At reinit \`dirty\` cleans $(n "$(rec linux-dirty 1 reinit_lines)") lines against \`clean\`'s
$(n "$(rec linux-clean 1 reinit_lines)") ($(n "$(calc %.0f "$pages * 64")") lines would be every mapped page): the kernel writes to nearly every
page it maps, so \`dirty\` saves almost nothing and pays $(n "$(rec linux-dirty 1 faults)") write-protect faults on top.
\`unmap\` pays the eager clean *and* $(n "$(rec linux-unmap 1 faults)") faults with a second clean of every page;
\`clean\` keeps the mappings and only pays the eager pass; \`fwb\` pays $(rec linux-fwb 1 reinit_insts) instructions at reinit
and no faults.
EOF
fi

# a value missing from the logs shows as "?": no doc gets a table with holes
if grep -l '?' "$regions"/*.md >&2 2>/dev/null; then echo "perf-tables.sh: values missing (above); see the logs in $logs" >&2; exit 1; fi
