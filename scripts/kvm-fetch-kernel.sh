#!/bin/sh
# kvm-fetch-kernel.sh OUTDIR
# The host kernel for running s2vmm inside QEMU: Debian 12's cloud-arm64 Linux (CONFIG_KVM=y,
# kprobes, tracefs). Resolves the linux-image-cloud-arm64 meta package to the current ABI package
# and unpacks it with scripts/fetch-arm64-deb.sh (private apt state under OUTDIR, system apt
# untouched). Leaves OUTDIR/Image (uncompressed arm64 Image). Cached: offline once fetched.
set -eu

out=${1:-build/kvm}
mkdir -p "$out"
[ -s "$out/Image" ] && exit 0

fetch="$(dirname "$0")/fetch-arm64-deb.sh"
# The meta package only depends on the real one; fetching it also refreshes the private apt lists.
"$fetch" linux-image-cloud-arm64 "$out/meta"

# Same private state as fetch-arm64-deb.sh keeps next to its destination ($out/apt-arm64).
state=$(cd "$out/apt-arm64" && pwd)
pkg=$(apt-cache -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
	-o Dir::State="$state/state" -o Dir::State::status=/dev/null -o Dir::Cache="$state/cache" \
	depends linux-image-cloud-arm64 | sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-arm64\).*/\1/p' | head -1)
if [ -z "$pkg" ]; then
	echo "kvm-fetch-kernel: cannot resolve linux-image-cloud-arm64 to a kernel package" >&2
	exit 1
fi
"$fetch" "$pkg" "$out/kernel"
img=$(ls "$out"/kernel/boot/vmlinuz-* | head -1)
cp "$img" "$out/Image.tmp" && mv "$out/Image.tmp" "$out/Image"
echo "$pkg" >"$out/kernel.pkg"
echo "kvm: host kernel $pkg -> $out/Image"
