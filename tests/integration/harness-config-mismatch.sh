#!/bin/bash
# A board that boots something other than what was asked never gives rows under the requested
# labels (issue 21). A --qemu wrapper rewrites every run's bootargs to strategy=none guest=touch
# and runs the real QEMU: the unmap/hello run must be config_mismatch, naming the strategy, with
# no boots/faults/metrics rows; its log keeps what really ran.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-config-mismatch
rm -rf "$out" && mkdir -p "$out"

append_wrapper "$out/qemu-other-config" 's/s2b\.strategy=[^ ]*/s2b.strategy=none/; s/s2b\.guest=[^ ]*/s2b.guest=touch/'
cat >"$out/asked.suite" <<'SUITE'
name = asked
timeout = 120
boots = 2
strategy = unmap
guest = hello
board = qemu-virt
SUITE

"$S2BENCH" run "$out/asked.suite" --out "$out/res" -j 1 --qemu "$out/qemu-other-config" \
	--image "$S2HV_IMG" >"$out/run.log" 2>&1
check "run_exits_0" [ $? -eq 0 ]
row=$(awk -F, 'NR > 1' "$out/res/runs.csv")
id=${row%%,*}
check "one_run" [ "$(awk 'NR > 1' "$out/res/runs.csv" | wc -l)" -eq 1 ]
check "the_board_really_ran_none_touch" grep -aq '^@s2b cfg strategy=none guest=touch ' \
	"$out/res/logs/$id.log"
check "status_config_mismatch" [ "$(cut -d, -f17 <<<"$row")" = config_mismatch ]
check "error_names_strategy" [ "$(cut -d, -f22 <<<"$row")" = config_mismatch:strategy:unmap_vs_none ]
for t in boots faults metrics; do
	check "no_${t}_rows" [ "$(awk 'NR > 1' "$out/res/$t.csv" | wc -l)" -eq 0 ]
done
check "progress_says_config_mismatch" grep -q 'config_mismatch' "$out/run.log"
finish
