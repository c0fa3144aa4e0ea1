#!/bin/bash
# oracle-slowdown.sh [--reps N] [--boots N] [--doc FILE]...   (`make oracle-doc` writes
# docs/oracle.md and docs/performance.md)
# The coherence oracle's cost: each bench guest under a correct strategy (unmap), QEMU -cpu max
# -icount shift=0, run as a normal run (build/s2hv.img, no plugin) and as an oracle run
# (build/s2hv-oracle.img under the plugin). CPU time (user + sys, the least of N repetitions, so
# other load on the machine matters little) and the ratio. Prints a Markdown table; with --doc
# puts it between the "oracle-slowdown" markers of FILE (each FILE given: one run, the same table
# in every doc), so the documented figure comes from a run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
reps=3 boots=5 docs=()
usage() { echo "usage: oracle-slowdown.sh [--reps N] [--boots N] [--doc FILE]..." >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--reps) [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; reps=$2; shift 2 ;;
	--boots) [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; boots=$2; shift 2 ;;
	--doc) [ $# -ge 2 ] || usage; docs+=("$2"); shift 2 ;;
	*) usage ;;
	esac
done
for f in "$BUILD/s2hv.img" "$BUILD/s2hv-oracle.img" "$BUILD/oracle/libs2oracle.so"; do
	[ -f "$f" ] || { echo "oracle-slowdown: $f missing (run make)" >&2; exit 1; }
done
GUESTS=$(sed -n 's/^GUEST_NAMES := //p' bench-guests/guests.mk)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cpu_seconds IMG GUEST [qemu args]: least user+sys seconds of $reps runs; fails if a run fails.
cpu_seconds() {
	local img=$1 g=$2 best="" t i; shift 2
	for ((i = 0; i < reps; i++)); do
		/usr/bin/time -f '%U %S' -o "$tmp/time" qemu-system-aarch64 -M virt,virtualization=on \
			-cpu max -m 1G -nographic -monitor none -serial stdio -icount shift=0 -no-reboot \
			-kernel "$img" -append "s2b.strategy=unmap s2b.guest=$g s2b.boots=$boots" "$@" \
			</dev/null >"$tmp/log" 2>&1
		grep -aq '^@s2b done status=ok' "$tmp/log" || { echo "oracle-slowdown: $g run failed" >&2; cat "$tmp/log" >&2; exit 1; }
		t=$(awk '{ printf "%.2f", $1 + $2 }' "$tmp/time")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
	done
	echo "$best"
}

{
	echo "| guest (unmap, $boots boots) | normal run, CPU s | oracle run, CPU s | slowdown |"
	echo "|---|---|---|---|"
	tn=0 to=0
	for g in $GUESTS; do
		n=$(cpu_seconds "$BUILD/s2hv.img" "$g")
		o=$(cpu_seconds "$BUILD/s2hv-oracle.img" "$g" -plugin "$BUILD/oracle/libs2oracle.so,line=64" -d plugin)
		tn=$(awk -v a="$tn" -v b="$n" 'BEGIN { print a + b }')
		to=$(awk -v a="$to" -v b="$o" 'BEGIN { print a + b }')
		awk -v g="$g" -v n="$n" -v o="$o" 'BEGIN { printf "| %s | %.2f | %.2f | %.1f× |\n", g, n, o, o / (n > 0.01 ? n : 0.01) }'
	done
	awk -v n="$tn" -v o="$to" 'BEGIN { printf "| **all** | %.2f | %.2f | **%.1f×** |\n", n, o, o / n }'
} >"$tmp/table"
cat "$tmp/table"

for doc in "${docs[@]}"; do
	scripts/doc-regions.sh write "$doc" oracle-slowdown "$tmp/table" || exit 1
done
