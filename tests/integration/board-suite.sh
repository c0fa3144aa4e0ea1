#!/bin/bash
# suites/board.suite, the suite for a real board (docs/boards.md "A board suite"): it parses to
# its 32 runs, none of a strategy a Raspberry Pi refuses; every run finishes on QEMU's raspi3b;
# and the expected duration in docs/boards.md is what scripts/board-suite-duration.sh computes
# now (console bytes are exact under -icount shift=0). A copy of the doc with one number
# changed must fail that check, so the check can fail.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/integration/lib.sh
fresh_out board-suite
make --no-print-directory BUILD="$BUILD" "$BUILD/raspi3b-qemu.dtb" >"$out/make.log" 2>&1 || { fail dtb_builds; finish; }

"$S2BENCH" run suites/board.suite --dry-run >"$out/dry.txt" 2>&1
check board_suite_parses [ $? -eq 0 ]
check board_suite_32_runs grep -qx '32 runs' "$out/dry.txt"
check board_suite_no_refused_strategy [ "$(awk 'NR > 1 && ($3 == "fwb" || $3 == "dirty-dbm")' "$out/dry.txt" | wc -l)" -eq 0 ]

BUILD=$BUILD scripts/board-suite-duration.sh --check docs/boards.md >"$out/check.log" 2>&1
rc=$?; check board_suite_duration_in_doc_is_fresh [ $rc -eq 0 ]
[ $rc -eq 0 ] || cat "$out/check.log"
table=$BUILD/board-suite/duration.md
check board_suite_every_run_finished [ -s "$table" ]

# the check can fail: the doc with the console byte count one higher
bytes=$(sed -n 's/^| console output | \([0-9,]*\) bytes.*/\1/p' docs/boards.md)
stale=$(awk -v b="${bytes//,/}" 'BEGIN { printf "%d", b + 1 }')
sed "s/^| console output | $bytes bytes/| console output | $stale bytes/" docs/boards.md >"$out/stale.md"
if [ -n "$bytes" ] && ! cmp -s docs/boards.md "$out/stale.md" &&
	! scripts/doc-regions.sh check "$out/stale.md" board-suite-duration "$table" >/dev/null 2>&1; then
	pass stale_duration_is_caught
else fail stale_duration_is_caught; fi
finish
