#!/bin/bash
# `s2bench lava` walks its suite instead of holding the run list (issue 20 goal 3): its max RSS
# grows by less than 100 bytes a run from 2,000 to 20,000 runs. What may grow is the walk's set of
# ids (8 to 16 bytes a run, up to 48 while the set doubles); a held list of planned runs grows by
# about 700 bytes a run. RSS is counted in pages, not time: nothing here depends on the speed of
# the machine. 20,000 job files are ~80 MB, removed at the end.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
fresh_out harness-lava-scale
small=2000 large=20000

# max_rss_kb N: writes the N-run suite's jobs into $out/jobs-N and prints lava's max RSS in KB.
max_rss_kb() {
	printf 'name = scale\nstrategy = unmap\nguest = hello\nboots = 2\nreps = %d\n' "$1" >"$out/s$1.suite"
	/usr/bin/time -f %M -o "$out/rss-$1" "$S2BENCH" lava "$out/s$1.suite" --device-type qemu \
		--image-url file:///s2hv.img --out "$out/jobs-$1" >"$out/lava-$1.txt" 2>&1 &&
		grep -q "^lava: $1 job definitions" "$out/lava-$1.txt" && cat "$out/rss-$1"
}
rss_small=$(max_rss_kb $small)
rss_large=$(max_rss_kb $large)
check lava_writes_every_job [ "$(ls "$out/jobs-$large" | wc -l)" -eq $large ]
echo "lava max RSS: $small runs ${rss_small:-?} KB, $large runs ${rss_large:-?} KB"
# grows_under BYTES: both sizes measured, and RSS grew by less than BYTES per added run.
grows_under() {
	[ -n "$rss_small" ] && [ -n "$rss_large" ] || return 1
	local per_run=$(( (rss_large - rss_small) * 1024 / (large - small) ))
	echo "growth: $per_run bytes per added run"
	[ "$per_run" -lt "$1" ]
}
check lava_memory_flat_in_runs grows_under 100
rm -rf "$out"/jobs-*
finish
