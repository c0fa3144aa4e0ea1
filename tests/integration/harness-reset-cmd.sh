#!/bin/bash
# The serial board's --reset-cmd is bounded (harness/process.c spawn_run_to_stderr): a command
# that hangs is killed after --reset-timeout with an error naming it, and a command that exits
# while a child it started in the background still holds its output is done when it exits, not
# when the child lets go of the pipe. No board is needed: both runs fail before any console read.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-reset-cmd
rm -rf "$out" && mkdir -p "$out"
printf 'name = reset\nboard = serial\nboots = 1\nstrategy = unmap\nguest = hello\ntimeout = 60\n' \
	>"$out/one.suite"

status_and_error() { awk -F, 'NR > 1 { print $17 " " $22 }' "$1/runs.csv"; }

timeout -k 5 120 "$S2BENCH" run "$out/one.suite" --out "$out/hang" --console /dev/null \
	--reset-cmd "sleep 100; echo REACHED >'$out/hang.reached'" --reset-timeout 2 >"$out/hang.log" 2>&1
check "hanging_reset_cmd_run_ends" [ $? -ne 124 ]
check "hanging_reset_cmd_never_finished" [ ! -e "$out/hang.reached" ]
check "hanging_reset_cmd_error_names_the_limit" grep -q -- '--reset-timeout' "$out/hang.log"
check "hanging_reset_cmd_run_start_failed" [ "$(status_and_error "$out/hang")" = "crash start_failed" ]

# The background child keeps the command's stdout and writes its marker only after 90 s.
timeout -k 5 120 "$S2BENCH" run "$out/one.suite" --out "$out/bg" --console /dev/null \
	--reset-cmd "(sleep 90; echo LATE >'$out/bg.late.$$') & exit 3" >"$out/bg.log" 2>&1
check "background_child_run_ends" [ $? -ne 124 ]
check "background_child_does_not_hold_the_run" [ ! -e "$out/bg.late.$$" ]
check "background_child_run_start_failed" [ "$(status_and_error "$out/bg")" = "crash start_failed" ]
check "reset_cmd_exit_status_reported" grep -q -- '--reset-cmd exited with status 3' "$out/bg.log"

"$S2BENCH" run "$out/one.suite" --out "$out/bad" --console /dev/null --reset-cmd true \
	--reset-timeout 0 >"$out/bad.log" 2>&1
check "reset_timeout_zero_is_a_usage_error" [ $? -eq 2 ]
finish
