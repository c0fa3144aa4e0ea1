#!/bin/sh
# linux-guest-bundle.sh -k KERNEL [-i INITRAMFS] [-d DTB] [-a BOOTARGS] -o OUT
# Write the guest bundle s2hv reads from its initrd (format: core/bundle.h, docs/guests.md):
# a 4 KiB header page, then each part at a 4 KiB-aligned offset. KERNEL is an arm64 Image or
# any raw binary; DTB replaces the one s2hv generates; BOOTARGS are the guest's command line.
set -eu
kernel= initramfs= dtb= bootargs= out=
while getopts k:i:d:a:o: opt; do
	case $opt in
	k) kernel=$OPTARG ;; i) initramfs=$OPTARG ;; d) dtb=$OPTARG ;; a) bootargs=$OPTARG ;;
	o) out=$OPTARG ;; *) exit 2 ;;
	esac
done
[ -n "$kernel" ] && [ -n "$out" ] || { echo "usage: $0 -k KERNEL [-i INITRAMFS] [-d DTB] [-a ARGS] -o OUT" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$bootargs" ] && printf '%s' "$bootargs" >"$tmp/bootargs"

# le VALUE BYTES: VALUE as BYTES little-endian bytes.
le() {
	v=$1 n=$2
	while [ "$n" -gt 0 ]; do
		printf "\\$(printf %03o $((v & 255)))"
		v=$((v >> 8)) n=$((n - 1))
	done
}

# The parts present, as "kind file" lines (kinds: 1 kernel, 2 initramfs, 3 dtb, 4 bootargs).
{
	echo "1 $kernel"
	[ -z "$initramfs" ] || echo "2 $initramfs"
	[ -z "$dtb" ] || echo "3 $dtb"
	[ -z "$bootargs" ] || echo "4 $tmp/bootargs"
} >"$tmp/parts"

count=$(wc -l <"$tmp/parts")
off=4096
{
	printf 'S2BUNDLE'
	le 1 4
	le "$count" 4
	while read -r kind file; do
		size=$(stat -c %s "$file")
		le "$kind" 4; le 0 4; le "$off" 8; le "$size" 8; le 0 8
		off=$(( (off + size + 4095) / 4096 * 4096 ))
	done <"$tmp/parts"
} >"$tmp/header"
{
	cat "$tmp/header"
	head -c $((4096 - $(stat -c %s "$tmp/header"))) /dev/zero
	while read -r kind file; do
		size=$(stat -c %s "$file")
		cat "$file"
		head -c $(( (size + 4095) / 4096 * 4096 - size )) /dev/zero
	done <"$tmp/parts"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "  built $out ($(stat -c %s "$out") bytes, $count parts)"
