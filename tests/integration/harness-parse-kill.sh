#!/bin/bash
# parse groups its durable commits (issue 20): a kill at any point must leave every run either
# finished whole (its runs.csv row, all its boots rows, its log in the log pack) or set aside at
# the next open, and a re-parse must then end with every run exactly once, its log found again.
# The kills are deterministic: strace sends SIGKILL on entry to the Nth call of a system call,
# N read from a trace of an unkilled parse of the same log (the Nth write to the pack, its
# index, boots.csv, ...), so the points follow the code's calls, not counts typed here.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-parse-kill
rm -rf "$out" && mkdir -p "$out"
runs=5000 # two batches: 4096 runs, then the rest (BATCH_RUNS in harness/cmd_parse.c)
boots=3   # per run of the template
log=$out/runs.log
scripts/bench-harness-log.py tests/unit/harness/data/qemu-unmap-bringup.log $runs "$log" --distinct

if ! command -v strace >/dev/null; then
	fail "strace_is_installed"
	finish
fi

whole() { tests/integration/harness-whole-dir.py "$1" $boots; }
count() { tail -n +2 "$1/runs.csv" | wc -l; }

# The unkilled parse's calls: "SYSCALL FILE" per line, in order (strace -y names the fd's file).
syscalls="write,fsync,fdatasync"
strace -qq -y -e trace=$syscalls -o "$out/trace.txt" "$S2BENCH" parse "$log" --out "$out/unkilled" \
	>"$out/unkilled.txt" 2>&1
sed -n 's/^\([a-z]*\)([0-9]*<\([^>]*\)>.*/\1 \2/p' "$out/trace.txt" >"$out/calls.txt"
check "unkilled_parse_writes_every_run" grep -q "^parse: $runs runs written" "$out/unkilled.txt"
check "unkilled_parse_packs_its_logs" [ -s "$out/unkilled/logs/pack-000001.log" ]

# at SYSCALL FILE K: "SYSCALL:N" for the Kth call of SYSCALL on FILE (a path in the result
# directory; strace gives it absolute), N counting every call of SYSCALL as strace's inject does; empty if there is none.
at() {
	awk -v sc="$1" -v file="/unkilled/$2" -v k="$3" '$1 == sc { n++ } $1 == sc &&
		substr($2, length($2) - length(file) + 1) == file && ++hit == k { print sc ":" n; exit }' \
		"$out/calls.txt"
}

# Batch 1 writes its logs into the pack, then the index, makes both durable (and logs/ once),
# then appends boots, faults, runs.csv last, each with its fsync; batch 2 the same.
points=(
	"write logs/pack-000001.log 1"   # the first bytes of the first batch's logs
	"write logs/pack-000001.log 4"   # inside them
	"fdatasync logs/pack-000001.log 1"
	"write logs/pack-000001.idx 1"   # the first batch's index entries
	"fdatasync logs/pack-000001.idx 1"
	"fsync logs 1"                   # the pack's and the index's names
	"write boots.csv 1"
	"write faults.csv 1"
	"write runs.csv 1"
	"fsync runs.csv 1"
	"write logs/pack-000001.idx 2"   # the second batch's index entries
	"fdatasync logs/pack-000001.idx 2"
	"write runs.csv 2"
	"fsync runs.csv 2"
)
for p in "${points[@]}"; do
	read -r sc file k <<<"$p"
	name=${sc}_${file//[\/.-]/_}_$k
	spec=$(at "$sc" "$file" "$k")
	if [ -z "$spec" ]; then
		fail "kill_at_${name}_is_a_call_of_parse"
		continue
	fi
	dir=$out/kill-$name
	(strace -qq -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=${spec#*:}" \
		"$S2BENCH" parse "$log" --out "$dir" >"$dir.txt" 2>&1)
	rc=$?
	check "kill_at_${name}_kills" [ $rc -eq 137 ]
	"$S2BENCH" parse /dev/null --out "$dir" >"$dir.open.txt" 2>&1 # opening repairs
	check "kill_at_${name}_leaves_only_whole_runs" whole "$dir"
	kept=$(count "$dir")
	echo "$kept" >"$dir.kept"
	"$S2BENCH" parse "$log" --out "$dir" >"$dir.again.txt" 2>&1
	check "kill_at_${name}_reparse_finishes_every_run_once" \
		eval '[ "$(count "$dir")" -eq $runs ] && whole "$dir" &&
		grep -q "($kept already there" "$dir.again.txt"'
	# every run's log is found again by parse itself (its content digest compared): nothing new
	"$S2BENCH" parse "$log" --out "$dir" >"$dir.third.txt" 2>&1
	check "kill_at_${name}_third_parse_finds_every_log" \
		grep -q "^parse: 0 runs written to .* ($runs already there" "$dir.third.txt"
done
# a kill between the appends of one batch leaves rows of unfinished runs: set aside, and said
check "orphan_rows_are_set_aside_and_said" grep -q "boots.csv: set aside 12288 of 12288 records" \
	"$out/kill-write_runs_csv_1.open.txt"
check "a_kill_before_the_runs_append_keeps_nothing" [ "$(cat "$out/kill-write_runs_csv_1.kept")" -eq 0 ]
check "a_kill_in_the_pack_keeps_nothing" [ "$(cat "$out/kill-write_logs_pack_000001_log_4.kept")" -eq 0 ]
check "a_kill_after_the_runs_append_keeps_the_batch" [ "$(cat "$out/kill-fsync_runs_csv_1.kept")" -eq 4096 ]
check "first_batch_survives_a_kill_in_the_second" \
	[ "$(cat "$out/kill-fdatasync_logs_pack_000001_idx_2.kept")" -eq 4096 ]
# the re-parse after a kill in the second batch packs that batch again: a second pack
check "a_reparse_writes_a_new_pack" [ -s "$out/kill-write_runs_csv_2/logs/pack-000002.log" ]
finish
