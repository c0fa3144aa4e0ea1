#!/bin/bash
# The kvm-host board (s2vmm on an arm64 Linux host's KVM, over ssh) through a stand-in ssh whose
# remote machine is the KVM host image in QEMU (tests/integration/kvm-host-ssh.sh: every call
# boots it and runs the command there, its disk persists). Shows: the board in `s2bench list`;
# touch with 1 and 2 vCPUs and hello collected with rows of the same shape as kvm-qemu-n1's (same
# host CPU); s2vmm copied once per suite; and the errors: ssh's exit 255, a host without
# /dev/kvm, this x86 machine in local mode, an s2vmm that is not arm64 or missing, and a host
# that hangs (the run times out and the remote s2vmm is killed by the remote timeout(1)); --host
# without the board is refused.
# ~1.5-2.5 min of TCG. SKIP only when the KVM host image cannot be built (no kernel download).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
kvm_test_begin kvm-host
if ! scripts/fetch-arm64-deb.sh busybox-static "$BUILD/deps/busybox-arm64" >"$out/busybox.log" 2>&1; then
	fail "busybox_arm64_fetched (the stand-in host's shell: see $out/busybox.log)"
	finish
fi
export BUILD
export FAKE_SSH_STATE=$out/host
rm -rf "$FAKE_SSH_STATE" "$out"/host-* "$out"/res-* "$out"/*.err
stand_in=(--host tester@stand-in --ssh "tests/integration/kvm-host-ssh.sh -o BatchMode=yes")

check listed_with_summary bash -c "'$S2BENCH' list | grep -Eq '^  kvm-host +s2vmm on an arm64 Linux host'"

# A host that hangs: its own stand-in disk, in the background from the start (its run must time
# out; the 50 s also cover copying s2vmm and hello there, two stand-in boots).
cat >"$out/hang.suite" <<'SUITE'
name = kvmhosthang
timeout = 50
boots = 2
strategy = kvm
board = kvm-host
guest = hello
SUITE
FAKE_SSH_HANG=1 FAKE_SSH_STATE=$out/host-hang "$S2BENCH" run "$out/hang.suite" --out "$out/res-hang" \
	"${stand_in[@]}" >"$out/hang.out" 2>&1 &
hang=$!

cat >"$out/host.suite" <<'SUITE'
name = kvmhost
timeout = 150
boots = 2
strategy = kvm
board = kvm-host

[touch]
guest = touch
vcpus = 1 2

[hello]
guest = hello
SUITE
# The same runs on kvm-qemu-n1 (the stand-in is a neoverse-n1 too), alongside.
sed 's/^board = kvm-host/board = kvm-qemu-n1/' "$out/host.suite" >"$out/n1.suite"
"$S2BENCH" run "$out/n1.suite" --out "$out/res-n1" -j 1 >"$out/n1.log" 2>&1 &
n1=$!
"$S2BENCH" run "$out/host.suite" --out "$out/res-host" "${stand_in[@]}" >"$out/host.log" 2>&1
check suite_exits_0 [ $? = 0 ]
wait $n1
check n1_suite_exits_0 [ $? = 0 ]

runs=$out/res-host/runs.csv
# col FILE NAME: the column NAME of FILE's rows, one a line
col() { awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { print $k }' "$1"; }
check three_runs_ok [ "$(col "$runs" status | grep -c '^ok$')" = 3 ]
check board_is_kvm_host [ "$(col "$runs" board | sort -u)" = kvm-host ]
check hv_is_s2vmm [ "$(col "$runs" hv_version | sort -u | grep -c '^s2vmm-')" = 1 ]
check same_cpu_as_n1 [ "$(col "$runs" midr | sort -u)" = "$(col "$out/res-n1/runs.csv" midr | sort -u)" ]
check no_emulator_version [ -z "$(col "$runs" qemu_version | tr -d '\n')" ]
# the host is in each run's log, before its records
host_line() { for l in "$out"/res-host/logs/*.log; do head -1 "$l" | grep -q '^s2bench: kvm-host host=tester@stand-in ' || return 1; done; }
check log_names_host host_line
check vcpus_2_reached_s2vmm grep -lq '^@s2b cfg .* vcpus=2 ' "$out"/res-host/logs/*.log

# shape DIR: a line per run: its guest, then per boot row the names of its non-empty columns and
# of its extra keys (vcpus with its value), then its metric keys; sorted. Values are not compared.
shape() {
	awk -F, '
		FNR == 1 { for (i = 1; i <= NF; i++) h[FILENAME, i] = $i; next }
		FILENAME ~ /runs.csv$/ { g[$1] = $5; next }
		FILENAME ~ /boots.csv$/ {
			s = ""
			for (i = 2; i < NF; i++) if ($i != "") s = s h[FILENAME, i] ","
			n = split($NF, kv, ";")
			for (j = 1; j <= n; j++) { split(kv[j], p, "="); s = s (p[1] == "vcpus" ? kv[j] : p[1]) "," }
			b[$1] = b[$1] " [" s "]"; next
		}
		FILENAME ~ /metrics.csv$/ { m[$1] = m[$1] " " $2 ":" $3 }
		END { for (r in g) { k = split(m[r], ks, " "); asort(ks); ms = ""
			for (j = 1; j <= k; j++) ms = ms " " ks[j]
			print g[r] b[r] " |" ms } }' "$1/runs.csv" "$1/boots.csv" "$1/metrics.csv" | sort
}
shape "$out/res-host" >"$out/shape-host.txt"
shape "$out/res-n1" >"$out/shape-n1.txt"
check rows_shaped_as_n1 bash -c "[ \$(wc -l <'$out/shape-host.txt') = 3 ] && cmp -s '$out/shape-host.txt' '$out/shape-n1.txt'"
check boots_measured_unmap bash -c "grep -q 'unmaps=1;unmap_us=' '$out/res-host/boots.csv'"

calls=$FAKE_SSH_STATE/calls.log
# one probe, s2vmm copied once for three runs, each guest's image once, three runs
copies_of() { grep -c "^f='[^']*/$1'; .* cat >" "$calls"; }
check s2vmm_copied_once [ "$(copies_of s2vmm)" = 1 ]
check touch_copied_once [ "$(copies_of touch.bin)" = 1 ]
check hello_copied_once [ "$(copies_of hello.bin)" = 1 ]
check seven_host_calls [ "$(wc -l <"$calls")" = 7 ]

# --- errors ---
# ssh cannot connect: exit 255, said before any run
FAKE_SSH_FAIL=1 "$S2BENCH" run "$out/host.suite" --out "$out/res-fail" "${stand_in[@]}" >/dev/null 2>"$out/fail.err"
check ssh_255_refused [ $? != 0 ]
check ssh_255_said grep -q 'kvm-host: ssh to tester@stand-in failed (exit 255: ssh: connect to host' "$out/fail.err"
check ssh_255_no_rows [ ! -s "$out/res-fail/runs.csv" ]
# this machine (x86) in local mode: what is wrong with it, in the order the board checks
if [ ! -e /dev/kvm ]; then want='this machine has no /dev/kvm'
elif [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then want='permission denied on /dev/kvm on this machine: add the user to the kvm group'
else want="this machine is not arm64 ($(uname -m))"; fi
"$S2BENCH" run "$out/host.suite" --out "$out/res-local" >/dev/null 2>"$out/local.err"
check local_refused [ $? != 0 ]
check local_says_why grep -qF "kvm-host: $want" "$out/local.err"
"$S2BENCH" run "$out/host.suite" --out "$out/res-local" --s2vmm "$S2BENCH" >/dev/null 2>"$out/arch.err"
check x86_s2vmm_refused grep -q "is not an arm64 (aarch64) ELF executable" "$out/arch.err"
"$S2BENCH" run "$out/host.suite" --out "$out/res-local" --s2vmm "$out/no-such-s2vmm" >/dev/null 2>"$out/missing.err"
check missing_s2vmm_refused grep -q "s2vmm $out/no-such-s2vmm: No such file or directory (build it with" "$out/missing.err"

# --host on a plan without the board would change nothing: refused
"$S2BENCH" run suites/quick.suite --out "$out/res-quick" --host tester@stand-in >/dev/null 2>"$out/quick.err"
check host_without_board_refused [ $? = 2 ]
check host_without_board_says_why grep -q -- '--host, --ssh and --s2vmm are for the kvm-host board' "$out/quick.err"
# a host without KVM (the stand-in's machine without virtualization=on)
FAKE_SSH_NO_KVM=1 FAKE_SSH_STATE=$out/host-nokvm "$S2BENCH" run "$out/host.suite" --out "$out/res-nokvm" \
	"${stand_in[@]}" >/dev/null 2>"$out/nokvm.err"
check nokvm_refused [ $? != 0 ]
check nokvm_says_why grep -q 'kvm-host: tester@stand-in has no /dev/kvm' "$out/nokvm.err"
wait $hang
check hang_is_timeout [ "$(col "$out/res-hang/runs.csv" status)" = timeout ]
# The stand-in's machine outlived the killed ssh, as a real host does; the remote timeout(1)
# (the run's 50 s + 10) must end s2vmm, and the machine then powers off. Bounded wait.
hang_log=$out/host-hang/hang.log
for _ in $(seq 120); do grep -q '^@@fake-ssh-exit' "$hang_log" 2>/dev/null && break; sleep 1; done
check hang_was_real grep -q 'kvm-host-ssh: stopped s2vmm' "$hang_log"
check remote_s2vmm_killed grep -q '^@@fake-ssh-exit 137' "$hang_log"
pid=$(cat "$out/host-hang/hang.pid")
for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
check hang_machine_gone bash -c "! kill -0 $pid 2>/dev/null"
kill "$pid" 2>/dev/null
finish
