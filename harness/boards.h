/* Every board, declared once: `s2bench list` and suite validation (catalog.c), the back-end that
 * runs it (board.c) and its LAVA job (lava.c) all expand this list, so a board named in one is
 * in all. Adding a board is one line here, plus a back-end if none fits (docs/extending.md). */
#ifndef S2B_HARNESS_BOARDS_H
#define S2B_HARNESS_BOARDS_H

/* Columns: back-end (const struct board_ops board_<id>, board.h), suite name, the hypervisor it
 * boots (enum catalog_host), the -cpu of a LAVA job on a qemu device type, summary. The first
 * board is the default. */
#define S2B_BOARDS(X)                                                                              \
	X(qemu_virt, "qemu-virt", HOST_S2HV, "max",                                                \
	  "QEMU virt at EL2, -cpu max: FEAT_S2FWB, -icount shift=0 (counts are instructions)")      \
	X(qemu_virt_a72, "qemu-virt-a72", HOST_S2HV, "cortex-a72",                                 \
	  "QEMU virt at EL2, -cpu cortex-a72: no FEAT_S2FWB, so fwb runs end unsupported")          \
	X(qemu_virt_a64fx, "qemu-virt-a64fx", HOST_S2HV, "max",                                    \
	  "QEMU virt at EL2, -cpu a64fx: 256-byte cache lines, GICv3, no FEAT_S2FWB nor DBM")        \
	X(qemu_virt_tcg, "qemu-virt-tcg", HOST_S2HV, "max",                                        \
	  "QEMU virt at EL2, -cpu max, no -icount: counts are not instructions, times are emulation wall-clock") \
	X(qemu_virt_uboot, "qemu-virt-uboot", HOST_S2HV, "max",                                    \
	  "QEMU virt at EL2, -cpu max, through Debian's U-Boot: booti from a FAT disk (boot.scr)")  \
	X(qemu_virt_uefi, "qemu-virt-uefi", HOST_S2HV, "max",                                      \
	  "QEMU virt at EL2, -cpu max, through UEFI (edk2): s2hv.img started as an EFI application") \
	X(qemu_raspi3b, "qemu-raspi3b", HOST_S2HV, "max",                                          \
	  "QEMU raspi3b (Cortex-A53, RAM at 0, no PSCI): the Raspberry Pi 3 path, no FEAT_S2FWB")   \
	X(kvm, "kvm-qemu-n1", HOST_S2VMM, "max",                                                   \
	  "s2vmm on real KVM arm64 in QEMU, -cpu neoverse-n1 (VHE, no FWB: stage2_unmap_vm); strategy kvm") \
	X(kvm, "kvm-qemu-a72", HOST_S2VMM, "max",                                                  \
	  "s2vmm on real KVM arm64 in QEMU, -cpu cortex-a72 (nVHE, no FWB); strategy kvm")          \
	X(kvm, "kvm-qemu-max", HOST_S2VMM, "max",                                                  \
	  "s2vmm on real KVM arm64 in QEMU, -cpu max (FWB: I-cache invalidate only); strategy kvm") \
	X(kvm_host, "kvm-host", HOST_S2VMM, "max",                                                 \
	  "s2vmm on an arm64 Linux host's KVM: this machine, or --host user@machine over ssh; strategy kvm") \
	X(serial, "serial", HOST_S2HV, "max",                                                      \
	  "a real board on --console TTY, power-cycled by --reset-cmd (bootargs in $S2B_BOOTARGS)") \
	/* one descriptor per board above this one (docs/extending.md) */

#endif
