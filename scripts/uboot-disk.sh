#!/bin/sh
# uboot-disk.sh IMAGE "BOOTARGS" OUT.img [FLASH.img]
# A FAT disk with a partition table holding IMAGE as s2hv.img and a boot.scr that boots it the way
# any U-Boot board would boot it from an SD card: `load` + `booti` with U-Boot's own DTB.
# FLASH: also QEMU virt's second pflash (64M) holding a U-Boot environment that runs boot.scr from
# virtio 0:1 at once: Debian's qemu_arm64 U-Boot reads its environment there, and its default one
# waits 2 s (2e9 instructions under -icount shift=0, more than a whole run) and scans USB, SCSI, ...
set -eu
PATH=$PATH:/usr/sbin:/sbin # mkfs.vfat
img=$1 args=$2 out=$3 flash=${4:-}
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
[ -n "$flash" ] || exit 0
# kernel_addr_r and scriptaddr: the values of U-Boot's default environment for qemu_arm64
cat >"$work/env.txt" <<'ENV'
bootdelay=0
scriptaddr=0x40200000
kernel_addr_r=0x40400000
bootcmd=virtio scan && load virtio 0:1 ${scriptaddr} boot.scr && source ${scriptaddr}
ENV
# 0x40000 bytes at the start of flash bank 1: where Debian's qemu_arm64 build reads it (it says
# "Loading Environment from Flash... OK" instead of "bad CRC, using default environment")
mkenvimage -s 0x40000 -o "$work/env.bin" "$work/env.txt"
rm -f "$flash"
truncate -s 64M "$flash"
dd if="$work/env.bin" of="$flash" conv=notrunc status=none
