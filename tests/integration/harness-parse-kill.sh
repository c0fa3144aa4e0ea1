#!/bin/bash
# parse groups its durable commits (issue 20): a kill at any point must leave every run either
# finished whole (its runs.csv row, all its boots rows, its log) or set aside at the next open,
# and a re-parse must then end with every run exactly once. The kills are deterministic: strace
# sends SIGKILL on entry to the Nth call of a system call (a log write, the batch's syncfs, a
# table's append or fsync).
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

# whole DIR: every finished run has its log and all its boots rows, no run twice, no stray rows
whole() {
	local dir=$1 ids
	ids=$(tail -n +2 "$dir/runs.csv" | cut -d, -f1)
	[ "$(sort <<<"$ids" | uniq -d | wc -l)" -eq 0 ] || return 1
	for id in $ids; do [ -f "$dir/logs/$id.log" ] || return 1; done
	tail -n +2 "$dir/boots.csv" | cut -d, -f1 | sort | uniq -c |
		awk -v b=$boots '$1 != b { bad = 1 } END { exit bad }' || return 1
	[ "$(tail -n +2 "$dir/boots.csv" | cut -d, -f1 | sort -u)" = "$(sort <<<"$ids" | sed '/^$/d')" ]
}
count() { tail -n +2 "$1/runs.csv" | wc -l; }

# SYSCALL:N: opening a new directory writes 4 headers and makes 8 fsyncs (each table, then the
# directory); then come the first batch's 4096 log writes, its syncfs, its table appends (writes
# 4101..4103: boots, faults, runs.csv last; the template has no metric) each with its fsync
# (9..11); then the second batch's 904 logs, syncfs, appends (5008..5010) and fsyncs (12..14).
for at in write:1 write:5 write:2000 syncfs:1 write:4101 write:4102 write:4103 \
	fsync:9 fsync:10 fsync:11 syncfs:2 write:5009 write:5010 fsync:14; do
	sc=${at%:*} n=${at#*:} dir=$out/kill-$sc-$n
	(strace -qq -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=$n" \
		"$S2BENCH" parse "$log" --out "$dir" >"$dir.txt" 2>&1)
	rc=$?
	check "kill_at_${sc}_${n}_kills" [ $rc -eq 137 ]
	"$S2BENCH" parse /dev/null --out "$dir" >"$dir.open.txt" 2>&1 # opening repairs
	check "kill_at_${sc}_${n}_leaves_only_whole_runs" whole "$dir"
	kept=$(count "$dir")
	echo "$kept" >"$dir.kept"
	"$S2BENCH" parse "$log" --out "$dir" >"$dir.again.txt" 2>&1
	check "kill_at_${sc}_${n}_reparse_finishes_every_run_once" \
		eval '[ "$(count "$dir")" -eq $runs ] && whole "$dir" &&
		grep -q "($kept already there" "$dir.again.txt"'
done
# a kill between the appends of one batch leaves rows of unfinished runs: set aside, and said
check "orphan_rows_are_set_aside_and_said" grep -q "boots.csv: set aside 12288 of 12288 records" \
	"$out/kill-write-4103.open.txt"
check "a_kill_before_the_runs_append_keeps_nothing" [ "$(cat "$out/kill-write-4103.kept")" -eq 0 ]
check "a_kill_after_the_runs_append_keeps_the_batch" [ "$(cat "$out/kill-fsync-11.kept")" -eq 4096 ]
check "first_batch_survives_a_kill_in_the_second" [ "$(cat "$out/kill-syncfs-2.kept")" -eq 4096 ]
finish
