#!/bin/sh
# kvm-initramfs.sh OUT.gz S2VMM GUEST.bin...
# The KVM host initramfs (newc cpio, gzip): s2vmm itself is /init (it mounts what it needs, reads
# its s2b.* words from the kernel command line and powers off), guest images under /guests/.
# No device nodes are needed: /init mounts devtmpfs and opens /dev/console itself.
set -eu

out=$1 vmm=$2
shift 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/guests" "$root/proc" "$root/sys" "$root/dev"
cp "$vmm" "$root/init"
chmod 755 "$root/init"
for g in "$@"; do
	cp "$g" "$root/guests/"
done
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0) | gzip -9 >"$out.tmp"
mv "$out.tmp" "$out"
echo "  built $out ($(ls "$root/guests" | tr '\n' ' '))"
