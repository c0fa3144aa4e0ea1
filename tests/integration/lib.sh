# Helpers for integration tests: source this, call pass/fail/skip, end with finish.
# run-tests.sh counts the "PASS name" / "FAIL name" lines.
: "${BUILD:=build}"
S2HV_IMG=${S2HV_IMG:-$BUILD/s2hv.img}
S2BENCH=${S2BENCH:-$BUILD/s2bench}
# The AArch64 tools' prefix, chosen as the Makefile chooses it: none on an arm64 host, Debian's
# cross toolchain elsewhere; CROSS_COMPILE (even empty) overrides.
case ${S2B_HOST_ARCH:-$(uname -m)} in
aarch64 | arm64) TARGET_PREFIX=${CROSS_COMPILE-} ;;
*) TARGET_PREFIX=${CROSS_COMPILE-aarch64-linux-gnu-} ;;
esac
_failed=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; _failed=1; }
skip() { echo "SKIP $*"; }
check() { # check NAME COMMAND... : PASS if the command succeeds
	local name=$1; shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}
finish() { exit $_failed; }

# field LINE KEY: the value of KEY=... in a record line ("" when absent).
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | tr -d '\r'; }

# crc_ok FILE: every @s2b line carries the CRC-32 (as zlib/gzip compute it) of what precedes " *".
crc_ok() {
	local bad=0 line body crc
	while IFS= read -r line; do
		line=${line%$'\r'}
		[[ $line == "@s2b "* ]] || continue
		body=${line% \**}
		crc=${line##* \*}
		[ "$(printf '%s' "$body" | gzip -c | tail -c8 | od -An -tx4 -N4 | tr -d ' ')" = "$crc" ] || bad=1
	done <"$1"
	return $bad
}

# table_strategies: the s2hv lines of strategies/table.h, one "NAME CONTROL NEEDS_FWB" line each
# (1 = negative control; 1 = needs FEAT_S2FWB). The table is preprocessor only: cpp reads it as
# the hypervisor's build does, so tests name every strategy without a list of their own.
table_strategies() {
	local name control fwb
	printf '%s\n' '#include "strategies/table.h"' \
		'#define S(id, name, colour, control, needs, ...) name control ((needs) & STRATEGY_NEEDS_FWB);' \
		'S2HV_STRATEGIES(S)' | cpp -P -I. - | tr ';' '\n' |
	while read -r name control fwb; do
		[ -n "$name" ] || continue
		fwb=${fwb//u/} # C's unsigned suffix
		echo "${name//\"/} $control $(( fwb ? 1 : 0 ))"
	done
}

# qemu_virt OUTFILE CPU BOOTARGS [extra qemu args]: run s2hv under QEMU virt at EL2 with a timeout.
# Sets QEMU_RC. Deterministic instruction counts (-icount shift=0).
qemu_virt() {
	local out=$1 cpu=$2 args=$3; shift 3
	timeout --foreground -k 5 "${QEMU_TIMEOUT:-60}" qemu-system-aarch64 \
		-M virt,virtualization=on -cpu "$cpu" -m 1G -nographic -monitor none -serial stdio \
		-icount shift=0 -no-reboot -kernel "$S2HV_IMG" -append "$args" "$@" </dev/null >"$out" 2>&1
	QEMU_RC=$?
}

# fresh_out NAME: $out is $BUILD/test-logs/NAME, emptied: the logs there are this run's alone.
fresh_out() { out=$BUILD/test-logs/$1; rm -rf "$out"; mkdir -p "$out"; }

# need_oracle_plugin: the coherence oracle plugin is built, or FAIL oracle_plugin_built and stop
# (make deps could not fetch qemu-plugin.h): an oracle test never passes without running.
need_oracle_plugin() {
	[ -f "$BUILD/oracle/libs2oracle.so" ] && return
	fail "oracle_plugin_built ($BUILD/oracle/libs2oracle.so missing: make deps could not fetch qemu-plugin.h)"
	finish
}

# need_linux_bundle: the Linux guest bundle ($BUILD/linux-guest/bundle.img, `make linux-guest`
# downloads the kernel once), log in $out; without it (offline) SKIP and stop.
need_linux_bundle() {
	make --no-print-directory BUILD="$BUILD" "$BUILD/linux-guest/bundle.img" >"$out/make.log" 2>&1 && return
	skip "linux_guest_bundle_unavailable (offline? see $out/make.log)"
	finish
}

# need_kvm_image NAME FAIL_NAME: the Debian host kernel and the KVM host image (make kvm-image),
# logs in $out. Without the kernel (no registry): SKIP NAME and stop; a failed build: FAIL
# FAIL_NAME and stop. Every KVM-under-QEMU test starts with this.
need_kvm_image() {
	if ! make --no-print-directory BUILD="$BUILD" "$BUILD/debian-kernel/Image" >"$out/fetch.log" 2>&1; then
		skip "$1 (no host kernel and the Debian registry is unreachable: $out/fetch.log)"
		finish
	fi
	if ! make --no-print-directory BUILD="$BUILD" kvm-image >"$out/make.log" 2>&1; then
		fail "$2"; tail -20 "$out/make.log"; finish
	fi
}

# kvm_run NAME BOARD WORDS...: one KVM host boot (scripts/kvm-qemu.sh) in the background, its
# console in $out/NAME.log and QEMU's exit status in $out/NAME.rc; `wait` for it.
kvm_run() {
	local name=$1; shift
	(timeout -k 5 300 scripts/kvm-qemu.sh "$@" >"$out/$name.log" 2>&1; echo $? >"$out/$name.rc") &
}
# boots_of LOG: its boot records, one a line, without the console's CRs.
boots_of() { grep -a '^@s2b boot ' "$1" | tr -d '\r'; }
# all_checks_pass LOG: every boot record says check=pass.
all_checks_pass() { ! boots_of "$1" | grep -vq ' check=pass '; }
# kvm_test_begin NAME: logs in $out = $BUILD/test-logs/NAME, and the KVM host image built
# (need_kvm_image: SKIP NAME without a kernel).
kvm_test_begin() {
	out=$BUILD/test-logs/$1
	mkdir -p "$out"
	need_kvm_image "$1" kvm_image_builds
}

# append_wrapper FILE SED_SCRIPT: writes FILE, a --qemu wrapper that runs the real QEMU with its
# -append text passed through `sed SED_SCRIPT` (a board that boots other bootargs than asked).
append_wrapper() {
	cat >"$1" <<WRAP
#!/bin/bash
args=()
while [ \$# -gt 0 ]; do
	if [ "\$1" = -append ]; then args+=("\$1" "\$(sed -e '$2' <<<"\$2")"); shift 2; continue; fi
	args+=("\$1"); shift
done
exec qemu-system-aarch64 "\${args[@]}"
WRAP
	chmod +x "$1"
}
