#!/bin/bash
# The native arm64 build, as far as an x86 machine can show it (docs/build.md, "On an arm64
# host"): with the architecture forced to arm64, `make deps` asks for no cross-compiler package
# and `make` compiles the AArch64 parts with the native gcc (no prefix); elsewhere both keep the
# cross toolchain; CROSS_COMPILE still wins over the detection. Seconds, no QEMU.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
fresh_out build-native

cross_pkgs='gcc-aarch64-linux-gnu|binutils-aarch64-linux-gnu|libc6-dev-arm64-cross'
S2B_DEPS_ARCH=arm64 scripts/deps.sh --list >"$out/deps-arm64.txt"
check deps_arm64_lists_packages grep -qx gcc "$out/deps-arm64.txt"
check deps_arm64_no_cross_package bash -c "! grep -Eq '$cross_pkgs' '$out/deps-arm64.txt'"
S2B_DEPS_ARCH=aarch64 scripts/deps.sh --list >"$out/deps-aarch64.txt"
check deps_aarch64_same_as_arm64 cmp -s "$out/deps-arm64.txt" "$out/deps-aarch64.txt"
S2B_DEPS_ARCH=amd64 scripts/deps.sh --list >"$out/deps-amd64.txt"
check deps_amd64_has_all_cross [ "$(grep -Ecx "$cross_pkgs" "$out/deps-amd64.txt")" = 3 ]
# the rest of the list is the same on both
check deps_differ_only_by_cross bash -c "diff <(grep -Evx '$cross_pkgs' '$out/deps-amd64.txt') '$out/deps-arm64.txt'"

# compilers_of ARGS...: the tool (first word) of every AArch64 command `make -n` prints for s2vmm,
# the hypervisor image and the KVM test guest (freestanding or s2vmm flags, the guest's link at
# the RAM base, objcopy), in a build directory of its own; host tools (HOSTCC) are not these.
compilers_of() {
	make -n --no-print-directory BUILD="$out/b" "$@" "$out/b/s2vmm" "$out/b/s2hv.img" \
		"$out/b/kvm/guests/kvmtest.bin" 2>/dev/null |
		grep -E -- '-ffreestanding|S2VMM_VERSION_STR|-static -pthread|-Ttext=0x40000000|objcopy ' |
		awk '{ print $1 }' | sort -u
}
compilers_of S2B_HOST_ARCH=aarch64 >"$out/cc-arm64.txt"
check make_arm64_native_gcc grep -qx gcc "$out/cc-arm64.txt"
check make_arm64_native_ld grep -qx ld "$out/cc-arm64.txt"
check make_arm64_no_prefix bash -c "! grep -q 'aarch64-linux-gnu-' '$out/cc-arm64.txt'"
compilers_of S2B_HOST_ARCH=arm64 >"$out/cc-arm64-name.txt"
check make_arm64_spelling_too cmp -s "$out/cc-arm64.txt" "$out/cc-arm64-name.txt"
compilers_of S2B_HOST_ARCH=x86_64 >"$out/cc-x86.txt"
check make_x86_cross_gcc bash -c "grep -qx aarch64-linux-gnu-gcc '$out/cc-x86.txt' && ! grep -qx gcc '$out/cc-x86.txt'"
compilers_of S2B_HOST_ARCH=aarch64 CROSS_COMPILE=my-aarch64- >"$out/cc-override.txt"
check make_cross_compile_overrides bash -c "grep -qx my-aarch64-gcc '$out/cc-override.txt' && ! grep -qx gcc '$out/cc-override.txt'"
# this machine without a forced architecture: what uname -m says it is
case "$(uname -m)" in
aarch64 | arm64) want=gcc ;;
*) want=aarch64-linux-gnu-gcc ;;
esac
check make_detects_this_machine bash -c "make -n --no-print-directory BUILD='$out/b' '$out/b/s2vmm' 2>/dev/null |
	grep -q '^$want .*S2VMM_VERSION_STR'"
finish
