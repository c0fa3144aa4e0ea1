#!/bin/bash
# `s2bench lava` end to end with LAVA's local dispatcher: generate the jobs of a one-run suite,
# run one with lava-run against the qemu device type (template from the lava-server .deb), and
# ingest its log with `s2bench parse`.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-lava
rm -rf "$out" && mkdir -p "$out"

if ! command -v lava-run >/dev/null; then
	skip "lava_local_dispatcher (lava-run not installed: apt-get install lava-dispatcher)"
	finish
fi

# Device-type templates ship in lava-server; unpack its .deb (arch all), cached under build/.
tmpl=$BUILD/deps/lava-server/usr/share/lava-server/device-types
if [ ! -f "$tmpl/qemu.jinja2" ]; then
	mkdir -p "$BUILD/deps/lava-server-deb"
	(cd "$BUILD/deps/lava-server-deb" && rm -f ./*.deb && apt-get download lava-server >download.log 2>&1)
	dpkg-deb -x "$BUILD"/deps/lava-server-deb/lava-server_*_all.deb "$BUILD/deps/lava-server"
fi
check "lava_server_templates_unpacked" test -f "$tmpl/qemu.jinja2"

printf 'name = lava\nstrategy = unmap\nguest = hello\nboots = 4\ntimeout = 60\n' >"$out/lava.suite"
img=$(cd "$(dirname "$S2HV_IMG")" && pwd)/$(basename "$S2HV_IMG")
"$S2BENCH" lava "$out/lava.suite" --device-type qemu --image-url "file://$img" --out "$out/jobs" >"$out/lava.txt" 2>&1
check "lava_writes_one_job_per_run" [ "$(ls "$out/jobs" | wc -l)" -eq 1 ]
job=$(ls "$out"/jobs/*.yaml | head -1)
run_id=$(basename "$job" .yaml)

python3 tests/integration/harness-lava-device.py "$tmpl" max >"$out/device.yaml"
echo "dispatcher_ip: 127.0.0.1" >"$out/dispatcher.yaml"
timeout 300 lava-run --device "$out/device.yaml" --dispatcher "$out/dispatcher.yaml" --job-id 1 \
	--output-dir "$out/lava-out" "$job" >"$out/job.log" 2>&1
check "lava_run_job_passes" grep -q '"case": "job", "definition": "lava", "result": "pass"' "$out/job.log"
check "lava_monitor_records_one_result_per_boot" \
	[ "$(grep -c '"definition": "s2bench", "extra": {"test_case_id"' "$out/job.log")" -eq 4 ]

"$S2BENCH" parse "$out/job.log" --out "$out/res" >"$out/parse.txt" 2>&1
check "parse_ingests_lava_log" grep -q '^parse: 1 runs written' "$out/parse.txt"
check "lava_run_id_matches_job" grep -q "^$run_id,parse,qemu-virt,unmap,hello,.*,ok," "$out/res/runs.csv"
check "lava_boots_rows" [ "$(grep -c "^$run_id," "$out/res/boots.csv")" -eq 4 ]
check "lava_log_no_bad_crc" grep -q ' 0 bad CRC, 0 truncated, 0 malformed' "$out/parse.txt"
finish
