#!/bin/sh
# Install every Debian package s2bench needs; quiet and quick when all are present.
# Idempotent. Needs root (or sudo) only when something is missing.
#   deps.sh --list   print the packages this machine needs, one a line, and stop
# On an arm64 Debian (dpkg --print-architecture) the native gcc builds the AArch64 parts (the
# Makefile drops CROSS_COMPILE's prefix there), so no cross-compiler package is asked for.
# S2B_DEPS_ARCH=arm64|amd64|... forces the architecture (tests/integration/build-native.sh).
set -eu

arch=${S2B_DEPS_ARCH:-$(dpkg --print-architecture 2>/dev/null || uname -m)}
case "$arch" in
arm64 | aarch64) CROSS="" ;;
*) CROSS="gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross" ;;
esac

PKGS="make gcc xz-utils libc6-dev pkg-config qemu-system-arm $CROSS
libcsv-dev gnuplot-nox libcriterion-dev device-tree-compiler libfdt-dev ca-certificates
chromium clang libclang-rt-14-dev ipxe-qemu cpio
u-boot-qemu u-boot-tools mtools dosfstools qemu-efi-aarch64 lava-dispatcher strace
libcurl4-openssl-dev"

if [ "${1:-}" = --list ]; then
	printf '%s\n' $PKGS
	exit 0
fi

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -n "$missing" ]; then
	echo "deps: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# qemu-plugin.h for the coherence oracle (oracle/): Debian's QEMU ships none; taken from its source
# package of the installed version (docs/oracle.md). Not fatal: without it everything else still
# builds and runs, the plugin is not built, and tests/integration/oracle-qemu.sh fails saying so.
"$(dirname "$0")/fetch-qemu-plugin-header.sh" "${BUILD:-build}/deps/qemu-plugin" ||
	echo "deps: WARNING: no qemu-plugin.h (see above): the coherence oracle cannot be built" >&2

# busybox for arm64: the shell of the stand-in host tests/integration/kvm-host.sh boots in QEMU.
# Not fatal: that test fetches it again and fails saying so.
"$(dirname "$0")/fetch-arm64-deb.sh" busybox-static "${BUILD:-build}/deps/busybox-arm64" ||
	echo "deps: WARNING: no arm64 busybox: tests/integration/kvm-host.sh cannot run" >&2

# libfdt for the freestanding hypervisor: Debian's arm64 libfdt-dev, fetched with a private apt
# configuration (no change to the system's apt). See docs/design-notes.md, "libfdt".
exec "$(dirname "$0")/fetch-arm64-deb.sh" libfdt-dev "${BUILD:-build}/deps/libfdt"
