#!/bin/bash
# native-arm64-build.sh (`make native-arm64-check`): the native build of an arm64 Debian host,
# shown on any machine. Boots Debian's arm64 kernel in QEMU (the machine of
# tests/integration/kvm-host-ssh.sh) on a disk holding Debian 12's arm64 gcc, make and libc6-dev
# (the package closure, fetched with the private apt of scripts/private-apt.sh) and this source
# tree; there `make` runs as on an arm64 server: `uname -m` is aarch64, so the AArch64 parts are
# built by the native gcc with no CROSS_COMPILE prefix. Then compares what it built with this
# machine's cross build, and runs the native s2vmm on the kvm-host board (through the same
# stand-in). Minutes of TCG (about 9 on a busy 2-core machine): not part of `make test`.
# Output: $BUILD/native-arm64/ (debs, root, machine/, out/, build.log).
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
export BUILD=$build
work=$build/native-arm64
targets="build/s2vmm build/kvm/guests/kvmtest.bin build/s2hv.img"

make --no-print-directory -s $targets "$build/kvm/Image"
[ -x "$build/deps/busybox-arm64/bin/busybox" ] ||
	scripts/fetch-arm64-deb.sh busybox-static "$build/deps/busybox-arm64"
rm -rf "$work/root" "$work/machine" "$work/out"
mkdir -p "$work/debs" "$work/root/src/build/deps" "$work/machine" "$work/out"

. scripts/private-apt.sh
private_apt_init "$(cd "$build/deps" && pwd)/apt-arm64" native-arm64-build \
	-o APT::Architecture=arm64 -o APT::Architectures::=arm64
$APT install -d -y --no-install-recommends -o Dir::Cache::archives="$(cd "$work/debs" && pwd)" \
	make gcc libc6-dev dash coreutils sed grep >"$work/apt.log" 2>&1 ||
	{ echo "native-arm64-build: cannot fetch the arm64 toolchain (see $work/apt.log)" >&2; exit 1; }
for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$work/root"; done
git ls-files | tar -cf - -T - | tar -xf - -C "$work/root/src"
cp -a "$build/deps/libfdt" "$work/root/src/build/deps/"
mkdir -p "$work/root/proc" "$work/root/dev" "$work/root/tmp"
size=$(( $(du -sm "$work/root" | cut -f1) + 400 ))
truncate -s "${size}M" "$work/machine/home.img"
mkfs.ext4 -q -F -d "$work/root" "$work/machine/home.img"

echo "native-arm64-build: make in an emulated arm64 Debian (minutes)"
FAKE_SSH_STATE=$work/machine tests/integration/kvm-host-ssh.sh arm64 \
	"mount -t proc proc proc; mount -t devtmpfs dev dev; mount -t tmpfs tmp tmp;
	 chroot . /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c 'cd /src && uname -m &&
	 gcc --version | head -1 && make -j2 $targets'; rc=\$?; umount proc dev tmp; exit \$rc" \
	</dev/null >"$work/build.log" 2>&1 ||
	{ echo "native-arm64-build: the native make failed (see $work/build.log)" >&2; exit 1; }
cat "$work/build.log"
for t in $targets; do
	debugfs -R "dump /src/$t $work/out/$(basename "$t")" "$work/machine/home.img" 2>/dev/null
	if cmp -s "$work/out/$(basename "$t")" "$build/${t#build/}"; then
		echo "native-arm64-build: $t: byte-identical to the cross build"
	else
		echo "native-arm64-build: $t: differs from the cross build ($(file -b "$work/out/$(basename "$t")" | cut -d, -f1-2))"
	fi
done

# The native s2vmm on the kvm-host board: a touch run with 2 vCPUs on the stand-in host.
printf 'name = native\ntimeout = 300\nboots = 3\nstrategy = kvm\nboard = kvm-host\nguest = touch\nvcpus = 2\n' \
	>"$work/native.suite"
FAKE_SSH_STATE=$work/machine-run "$build/s2bench" run "$work/native.suite" --out "$work/runs" \
	--host tester@stand-in --ssh "tests/integration/kvm-host-ssh.sh -o BatchMode=yes" \
	--s2vmm "$work/out/s2vmm" >"$work/run.log" 2>&1
status=$(awk -F, 'NR == 2 { print $17 }' "$work/runs/runs.csv")
echo "native-arm64-build: the native s2vmm on kvm-host: status $status"
[ "$status" = ok ]
