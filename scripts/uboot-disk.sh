#!/bin/sh
# uboot-disk.sh IMAGE "BOOTARGS" OUT.img
# A FAT disk with a partition table holding IMAGE as s2hv.img and a boot.scr that boots it the way
# any U-Boot board would boot it from an SD card: `load` + `booti` with U-Boot's own DTB.
set -eu
img=$1 args=$2 out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/boot.cmd" <<CMD
setenv bootargs "$args"
load virtio 0:1 \${kernel_addr_r} s2hv.img
booti \${kernel_addr_r} - \${fdtcontroladdr}
CMD
mkimage -A arm64 -T script -C none -d "$work/boot.cmd" "$work/boot.scr" >/dev/null
rm -f "$out"
truncate -s 32M "$out"
mkfs.vfat --mbr=y -n S2BOOT "$out" >/dev/null
mcopy -i "$out" "$img" ::s2hv.img
mcopy -i "$out" "$work/boot.scr" ::boot.scr
