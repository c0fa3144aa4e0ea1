#!/bin/sh
# fetch-debian-kernel.sh OUTDIR
# Debian 12's arm64 cloud kernel (CONFIG_KVM=y, kprobes, tracefs), used both as the Linux guest
# under s2hv (linux-guest/) and as the KVM host inside QEMU (kvm/). Resolves the linux-image-cloud-arm64 meta
# package to its versioned package and unpacks both with scripts/fetch-arm64-deb.sh (private apt
# state under OUTDIR; the system's apt is untouched). Leaves OUTDIR/Image, an uncompressed arm64
# Image, and OUTDIR/kernel.pkg. Cached: nothing is fetched once OUTDIR/Image exists.
set -eu
out=$1
mkdir -p "$out"
[ -s "$out/Image" ] && exit 0

fetch="$(dirname "$0")/fetch-arm64-deb.sh"
"$fetch" linux-image-cloud-arm64 "$out/meta" # also fills the private apt lists under $out/apt-arm64
state=$(cd "$out/apt-arm64" && pwd)
pkg=$(apt-cache -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
	-o Dir::State="$state/state" -o Dir::State::status=/dev/null -o Dir::Cache="$state/cache" \
	depends linux-image-cloud-arm64 | sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-arm64\).*/\1/p' | head -1)
if [ -z "$pkg" ]; then
	echo "fetch-debian-kernel: cannot resolve linux-image-cloud-arm64 to a kernel package" >&2
	exit 1
fi
"$fetch" "$pkg" "$out/kernel"
img=$(ls "$out"/kernel/boot/vmlinuz-* | head -1)
# booting.rst: the arm64 Image header has "ARM\x64" at offset 56 (Debian ships it uncompressed).
if [ "$(dd if="$img" bs=1 skip=56 count=4 2>/dev/null)" != "$(printf 'ARM\144')" ]; then
	echo "fetch-debian-kernel: $img is not an uncompressed arm64 Image" >&2
	exit 1
fi
cp "$img" "$out/Image.tmp" && mv "$out/Image.tmp" "$out/Image"
echo "$pkg" >"$out/kernel.pkg"
echo "debian kernel: $pkg -> $out/Image"
