#!/bin/bash
# `s2bench lava submit` against a real LAVA server on this machine: scripts/lava-lab.sh brings up
# Debian 12's lava-server (PostgreSQL, gunicorn, lava-scheduler) and a lava-worker with a `qemu`
# device; a two-run suite goes through it and its rows must equal a local `s2bench run` of the
# same suite (same run ids, and under -icount the same counts), all but what only a local run
# knows (exit_code, wall_s, qemu_version). Then: --resume after a kill picks up the submitted job,
# an Incomplete and a Canceled job become rows saying so, bad servers, tokens and device types
# are one-line errors, and tear-down leaves no process behind. Without the packages (no Debian
# registry) it SKIPs saying why.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/lava-server
rm -rf "$out" && mkdir -p "$out"
lab=$out/lab
trap 'scripts/lava-lab.sh down "$lab" >>"$out/down.log" 2>&1' EXIT
trap 'exit 1' INT TERM # run-tests.sh's timeout: the EXIT trap still stops the lab

start=$SECONDS
scripts/lava-lab.sh up "$lab" >"$out/up.log" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
	skip "lava_server ($(cat "$lab/skip-reason"))"
	finish
fi
check lava_lab_up [ $rc -eq 0 ]
[ $rc -eq 0 ] || { tail -5 "$out/up.log"; tail -5 "$lab"/*.log; finish; }
echo "lab up in $((SECONDS - start)) s"
. "$lab/lab.env"
token=$(cat "$token_file")
img=$(cd "$(dirname "$S2HV_IMG")" && pwd)/$(basename "$S2HV_IMG")
# lab_args SUITE DIR [ARGS...]: $args = `lava submit` of SUITE into DIR on the lab.
lab_args() {
	args=(lava submit "$1" --server "$url" --token-file "$token_file" --device-type "$device_type"
		--poll 1 --image-url "file://$img" --out "$2" "${@:3}")
}
# submit TXT SUITE DIR [ARGS...]: runs it, output in $out/TXT; submit_bg: in the background, $pid.
submit() { local txt=$1; shift; lab_args "$@"; "$S2BENCH" "${args[@]}" >"$out/$txt" 2>&1; }
submit_bg() { local txt=$1; shift; lab_args "$@"; "$S2BENCH" "${args[@]}" >"$out/$txt" 2>&1 & pid=$!; }

printf 'name = lab\nstrategy = unmap clean\nguest = touch\nboots = 3\ntimeout = 120\n' >"$out/lab.suite"
"$S2BENCH" run "$out/lab.suite" --out "$out/local" -j 2 >"$out/local.txt" 2>&1
check local_run_ok [ "$(grep -c ',ok,' "$out/local/runs.csv")" -eq 2 ]
submit submit.txt "$out/lab.suite" "$out/lava"
check lava_submit_exits_0 [ $? -eq 0 ]
check lava_submit_shows_progress grep -q '^lava: \[0/2\] job [0-9]* run [0-9a-f]*: queued$' "$out/submit.txt"
check lava_jobs_recorded [ "$(tail -n +2 "$out/lava/lava-jobs.csv" | wc -l)" -eq 2 ]

# same_rows A B: every table of A equals B's, row for row in run-id order, runs.csv without the
# cells only a local run has.
same_rows() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
def rows(d, table):
    r = list(csv.reader(open(f"{d}/{table}.csv")))
    head, body = r[0], r[1:]
    if table == "runs":
        for c in ("exit_code", "wall_s", "qemu_version"):
            i = head.index(c)
            for row in body:
                row[i] = ""
    return head, sorted(body)
for t in ("runs", "boots", "faults", "metrics"):
    a, b = rows(sys.argv[1], t), rows(sys.argv[2], t)
    assert a == b, (t, a, b)
    assert t != "runs" or len(a[1]) == 2, a
PY
}
check lava_rows_equal_local_run same_rows "$out/local" "$out/lava"
# The job logs as the server gives them (GET jobs/N/logs/, kept as logs/RUN_ID.lava.yaml) parse
# into the same run ids: a lab collecting logs itself gets the jobs' ids (docs/harness.md).
"$S2BENCH" parse "$out"/lava/logs/*.lava.yaml --suite lab --out "$out/reparsed" >"$out/reparse.txt" 2>&1
ids_of() { cut -d, -f1-2 "$1/runs.csv" | tail -n +2 | sort; }
check server_logs_parse_to_the_job_run_ids [ "$(ids_of "$out/reparsed")" = "$(ids_of "$out/lava")" ]

# Finished runs are not submitted again; without --resume a directory with jobs is refused.
submit resume-done.txt "$out/lab.suite" "$out/lava" --resume
check resume_of_finished_runs_submits_nothing \
	grep -q '^lava: 2 of 2 runs already have rows' "$out/resume-done.txt"
submit again.txt "$out/lab.suite" "$out/lava"
check without_resume_jobs_are_refused [ $? -eq 1 ]
check without_resume_message grep -q 'holds 2 submitted LAVA jobs.*--resume' "$out/again.txt"
check lava_jobs_unchanged [ "$(tail -n +2 "$out/lava/lava-jobs.csv" | wc -l)" -eq 2 ]

# wait_job_id DIR: the first job id DIR/lava-jobs.csv records (the submission is durable).
wait_job_id() {
	for _ in $(seq 120); do
		id=$(sed -n '2s/.*,//p' "$1/lava-jobs.csv" 2>/dev/null)
		[ -n "$id" ] && { echo "$id"; return 0; }
		sleep 0.5
	done
	return 1
}
printf 'name = one\nstrategy = unmap\nguest = hello\nboots = 2\ntimeout = 60\n' >"$out/one.suite"

# A kill after the submission: --resume polls that job instead of submitting the run again. The
# device is in maintenance meanwhile, so the job is still queued when s2bench is killed.
scripts/lava-lab.sh health "$lab" MAINTENANCE >>"$out/health.log" 2>&1
submit_bg killed.txt "$out/one.suite" "$out/killed"
job=$(wait_job_id "$out/killed")
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
scripts/lava-lab.sh health "$lab" GOOD >>"$out/health.log" 2>&1
submit resumed.txt "$out/one.suite" "$out/killed" --resume
check resume_polls_the_submitted_job grep -q "^lava: resuming job $job: run" "$out/resumed.txt"
check resume_submits_nothing_new [ "$(tail -n +2 "$out/killed/lava-jobs.csv" | wc -l)" -eq 1 ]
check resumed_run_is_ok [ "$(grep -c ',one,qemu-virt,unmap,hello,.*,ok,' "$out/killed/runs.csv")" -eq 1 ]

# A job cancelled while queued (REST jobs/ID/cancel/) becomes a lava_canceled row.
scripts/lava-lab.sh health "$lab" MAINTENANCE >>"$out/health.log" 2>&1
submit_bg canceled.txt "$out/one.suite" "$out/canceled"
job=$(wait_job_id "$out/canceled")
curl -sf -H "Authorization: Token $token" "${url}api/v0.2/jobs/$job/cancel/" >"$out/cancel.json"
wait $pid
check canceled_job_exits_0 [ $? -eq 0 ]
scripts/lava-lab.sh health "$lab" GOOD >>"$out/health.log" 2>&1
check canceled_job_row grep -q ",one,qemu-virt,unmap,hello,.*,lava_canceled,.*,lava_job_$job:" "$out/canceled/runs.csv"

# A job LAVA cannot run (its image is missing) ends Incomplete: a lava_incomplete row.
submit incomplete.txt "$out/one.suite" "$out/incomplete" --image-url "file:///nonexistent/s2hv.img"
check incomplete_job_exits_0 [ $? -eq 0 ]
check incomplete_job_row grep -q ',one,qemu-virt,unmap,hello,.*,lava_incomplete,' "$out/incomplete/runs.csv"
check incomplete_job_says_why grep -q "lava_job_[0-9]*:Invalid job data: .*/nonexistent/s2hv.img' does not exist" \
	"$out/incomplete/runs.csv"

# Clear one-line errors, nothing written.
# refused NAME PATTERN ARGS...: exit 1, PATTERN on the one stderr line, no --out created.
refused() {
	local name=$1 pattern=$2; shift 2
	"$S2BENCH" lava submit "$out/one.suite" --image-url "file://$img" --out "$out/$name" "$@" \
		>"$out/$name.txt" 2>&1
	check "$name" one_line_refusal $? "$pattern" "$out/$name.txt" "$out/$name"
}
# one_line_refusal RC PATTERN TXT DIR
one_line_refusal() {
	[ "$1" -eq 1 ] && [ "$(wc -l <"$3")" -eq 1 ] && grep -q "$2" "$3" && [ ! -e "$4" ]
}
echo wrong-token >"$out/wrong-token"
refused bad_token_refused 'refused the token (HTTP 40[13]' --server "$url" --token-file "$out/wrong-token" --device-type qemu
refused unknown_device_type_refused "device type 'nosuch' is unknown" --server "$url" --token-file "$token_file" --device-type nosuch
refused bad_url_refused 'not an http:// or https:// URL' --server "lab:8000" --token-file "$token_file" --device-type qemu
refused missing_token_file_refused 'No such file' --server "$url" --token-file "$out/none" --device-type qemu

# Tear-down: every process group the lab started is gone, and the server with them.
cp "$lab/pids" "$out/pids"
scripts/lava-lab.sh down "$lab" >>"$out/down.log" 2>&1
left=""
while read -r pgid name; do kill -0 -- "-$pgid" 2>/dev/null && left="$left $name"; done <"$out/pids"
check lab_down_leaves_no_process [ -z "$left" ]
refused server_down_refused 'cannot connect (is the LAVA server up?)' --server "$url" --token-file "$token_file" --device-type qemu
echo "lava-server test took $((SECONDS - start)) s"
finish
