#!/bin/bash
# `s2bench lava` end to end with LAVA's local dispatcher: generate the jobs of a one-run suite,
# check that any --image-url reads back from them exactly (PyYAML), run one with lava-run against
# the qemu device type (template from the lava-server .deb), and ingest its log with
# `s2bench parse` — once as it comes, once with the `done` line held back until LAVA's finalize
# drains the console, so that LAVA logs it at level feedback (harness-lava-split-done.py).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-lava
rm -rf "$out" && mkdir -p "$out"
printf 'name = lava\nstrategy = unmap\nguest = hello\nboots = 4\ntimeout = 60\n' >"$out/lava.suite"

# yaml_round_trips DIR URL DEVICE_TYPE: every job in DIR is valid YAML whose deploy URL and
# device type are exactly URL and DEVICE_TYPE.
yaml_round_trips() {
	python3 - "$@" <<'PY'
import glob, sys, yaml
d, url, dt = sys.argv[1:]
jobs = sorted(glob.glob(d + "/*.yaml"))
assert jobs, "no job written"
for j in jobs:
    job = yaml.safe_load(open(j))
    deploy = job["actions"][0]["deploy"]
    got = deploy["images"]["kernel"]["url"] if "images" in deploy else deploy["kernel"]["url"]
    assert got == url, (j, got, url)
    assert job["device_type"] == dt, (j, job["device_type"])
PY
}
if python3 -c 'import yaml' 2>/dev/null; then
	# '#' starts a YAML comment, a newline ends a plain value, quotes and backslashes escape
	url=$'file:///srv/s2b/s2hv.img#v1 x: "y" \\z\n- tab\there\r\x01'
	for dt in qemu 'bbb #1: "u-boot"'; do
		rm -rf "$out/jobs-url"
		"$S2BENCH" lava "$out/lava.suite" --device-type "$dt" --image-url "$url" \
			--out "$out/jobs-url" >>"$out/lava-url.txt" 2>&1
		check "lava_yaml_round_trips_image_url_${dt%% *}" \
			yaml_round_trips "$out/jobs-url" "$url" "$dt"
	done
else
	skip "lava_yaml_round_trips_image_url (python3-yaml not installed)"
fi
"$S2BENCH" lava "$out/lava.suite" --device-type qemu --image-url $'file:///s2hv-\xc3\xa9.img' \
	--out "$out/jobs-ascii" >"$out/lava-ascii.txt" 2>&1
rc=$?
check "lava_refuses_non_ascii_url" [ $rc -eq 1 -a ! -e "$out/jobs-ascii" ]

# A qemu job runs its board's QEMU: -icount for qemu-virt, none for qemu-virt-tcg (wall-clock).
printf 'name = clocks\nstrategy = unmap\nguest = hello\n[a]\nboard = qemu-virt-tcg\n[b]\nboard = qemu-virt\n' >"$out/clocks.suite"
"$S2BENCH" lava "$out/clocks.suite" --device-type qemu --image-url file:///s2hv.img --out "$out/jobs-clocks" \
	>"$out/lava-clocks.txt" 2>&1
icount_of() { grep -l "(board $1)" "$out"/jobs-clocks/*.yaml | xargs grep -c -- '-icount shift=0'; }
check "lava_qemu_virt_job_has_icount" [ "$(icount_of qemu-virt)" = 1 ]
check "lava_qemu_virt_tcg_job_has_no_icount" [ "$(icount_of qemu-virt-tcg)" = 0 ]
# A job of N vCPUs gets N CPUs (-smp N), as board_qemu.c gives a local run; one vCPU, none.
printf 'name = smp\nstrategy = unmap\nguest = touch\nvcpus = 1 4\n' >"$out/smp.suite"
"$S2BENCH" lava "$out/smp.suite" --device-type qemu --image-url file:///s2hv.img --out "$out/jobs-smp" \
	>"$out/lava-smp.txt" 2>&1
smp_of() { grep -l -- "s2b.vcpus=$1 \|s2b.vcpus=$1\"" "$out"/jobs-smp/*.yaml | xargs grep -ho -- "'-smp [0-9]*'"; }
check "lava_4_vcpus_job_has_smp_4" [ "$(smp_of 4)" = "'-smp 4'" ]
check "lava_1_vcpu_job_has_no_smp" [ "$(grep -L -- 's2b.vcpus=' "$out"/jobs-smp/*.yaml | xargs grep -c -- '-smp')" = 0 ]

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

# A lab that parses its job logs gets the jobs' run ids when --board is the suite's board: the
# hello record says board=qemu-virt under any QEMU virt board, so the log of this job, parsed as
# the same suite's job on qemu-virt-tcg (same bootargs, so the same cfg record), must get the
# qemu-virt-tcg job's id, and --suite fills the suite column (docs/harness.md, "For a LAVA lab
# maintainer").
printf 'name = lava\nstrategy = unmap\nguest = hello\nboots = 4\ntimeout = 60\nboard = qemu-virt-tcg\n' \
	>"$out/lava-tcg.suite"
"$S2BENCH" lava "$out/lava-tcg.suite" --device-type qemu --image-url "file://$img" --out "$out/jobs-tcg" \
	>"$out/lava-tcg.txt" 2>&1
tcg_id=$(basename "$(ls "$out"/jobs-tcg/*.yaml | head -1)" .yaml)
check "lava_job_id_depends_on_board" [ -n "$tcg_id" -a "$tcg_id" != "$run_id" ]
"$S2BENCH" parse "$out/job.log" --board qemu-virt-tcg --suite lava --out "$out/res-tcg" \
	>"$out/parse-tcg.txt" 2>&1
check "lava_parse_board_names_run_as_its_job" \
	grep -q "^$tcg_id,lava,qemu-virt-tcg,unmap,hello,.*,ok," "$out/res-tcg/runs.csv"

# The same job, QEMU's console through a filter that sends the rest of the `done` line only once
# finalize's read-feedback has started. lava-run looks qemu-system-aarch64 up on PATH
# (lava_dispatcher/utils/shell.py which()), so a wrapper of that name goes first.
abs=$(cd "$out" && pwd)
mkdir -p "$abs/split-bin"
printf '#!/bin/bash\n%q "$@" | python3 %q %q\n' "$(command -v qemu-system-aarch64)" \
	"$PWD/tests/integration/harness-lava-split-done.py" "$abs/job-split.log" \
	>"$abs/split-bin/qemu-system-aarch64"
chmod +x "$abs/split-bin/qemu-system-aarch64"
PATH=$abs/split-bin:$PATH timeout 300 lava-run --device "$out/device.yaml" \
	--dispatcher "$out/dispatcher.yaml" --job-id 2 --output-dir "$out/lava-out-split" "$job" \
	>"$out/job-split.log" 2>&1
check "lava_done_line_logged_at_feedback" \
	grep -q '"lvl": "feedback", "msg": "@s2b done ' "$out/job-split.log"
"$S2BENCH" parse "$out/job-split.log" --out "$out/res-split" >"$out/parse-split.txt" 2>&1
check "lava_done_at_feedback_run_is_ok" \
	grep -q "^$run_id,parse,qemu-virt,unmap,hello,.*,ok," "$out/res-split/runs.csv"
check "lava_done_at_feedback_boots_rows" [ "$(grep -c "^$run_id," "$out/res-split/boots.csv")" -eq 4 ]
finish
