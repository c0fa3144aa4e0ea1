#!/bin/bash
# Disk full is reported as disk full: `s2bench run` into a full file system (a small tmpfs in a
# private mount namespace, filled with dd) stops with exit status 3 and a message saying so, not
# the 130 of an interrupt; no progress line says `ok` for a run whose rows were not saved; after
# space is freed the same command finishes. Needs root (unshare -m, mount); else SKIP.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$(realpath -m "$BUILD/test-logs/harness-diskfull")
rm -rf "$out" && mkdir -p "$out/mnt"
fake=$(realpath "$BUILD/tests/harness-fake-qemu")
s2bench=$(realpath "$S2BENCH")
if [ ! -x "$fake" ]; then
	fail "disk_full (no fake emulator $fake: make build/tests/harness-fake-qemu)"
	finish
fi
if ! unshare -m mount -t tmpfs -o size=64k tmpfs "$out/mnt" 2>"$out/unshare.log"; then
	skip "disk_full (needs root: unshare -m and mount -t tmpfs failed: $(head -1 "$out/unshare.log"))"
	finish
fi
printf 'strategy = unmap\nboots = 3\n' >"$out/first.suite"
printf 'strategy = unmap lazy clean fwb none\nboots = 3\n' >"$out/full.suite"
# an arm64 Image header (`run` checks it; the fake emulator ignores the file)
{ head -c 56 /dev/zero; printf 'ARM\x64\0\0\0\0'; } >"$out/img"
export out fake s2bench
unshare -m bash -c '
	mount -t tmpfs -o size=256k tmpfs "$out/mnt" || exit 99
	run() { "$s2bench" run "$1" --out "$out/mnt/res" -j 2 --qemu "$fake" --image "$out/img"; }
	run "$out/first.suite" >"$out/first.log" 2>&1 || exit 98
	dd if=/dev/zero of="$out/mnt/fill" bs=4k >/dev/null 2>&1 # until ENOSPC: the disk is full
	run "$out/full.suite" >"$out/full.log" 2>&1
	echo $? >"$out/full.rc"
	cp "$out/mnt/res/runs.csv" "$out/runs-full.csv"
	rm "$out/mnt/fill"
	run "$out/full.suite" >"$out/again.log" 2>&1
	echo $? >"$out/again.rc"
	cp "$out/mnt/res/runs.csv" "$out/runs-again.csv"
'
check "disk_full_setup" [ $? -eq 0 ]
check "disk_full_exit_status_3" [ "$(cat "$out/full.rc")" = 3 ]
check "disk_full_says_disk_full" grep -q "^run: disk full" "$out/full.log"
check "disk_full_names_the_error" grep -q "No space left on device" "$out/full.log"
check "disk_full_is_not_an_interrupt" bash -c "[ -s '$out/full.log' ] && ! grep -q interrupted '$out/full.log'"
# every `ok` progress line is a saved row: the full disk saved nothing new
saved=$(($(wc -l <"$out/runs-full.csv") - 2))
oks=$(grep -c '^\[[0-9]*/[0-9]*\] ok ' "$out/full.log")
check "disk_full_no_ok_for_unsaved_runs" [ "$oks" -eq "$saved" ]
check "disk_full_progress_says_not_saved" grep -q '^\[[0-9]*/[0-9]*\] not_saved ' "$out/full.log"
check "after_space_is_freed_the_same_command_finishes" [ "$(cat "$out/again.rc")" = 0 ]
check "every_run_once" [ "$(($(wc -l <"$out/runs-again.csv") - 1))" -eq 5 ]
finish
