# Arm Cortex-A53 as in the Raspberry Pi 3 (Broadcom BCM2837 / BCM2837B0).
# Built only from public sources (docs/profiles.md): every value below is published, none was
# measured by s2bench. Constants no public source gives for this CPU stay `-`; a board owner fills
# them with the calibration program (issue 16, item 1).
format = s2bench-profile 1
name = cortex-a53-rpi3
cpu = Arm Cortex-A53 r0p4 (Broadcom BCM2837B0, Raspberry Pi 3 Model B+)
# A Raspberry Pi 3 Model B+ kernel prints "CPU: ARMv7 Processor [410fd034] revision 4"
# (https://github.com/raspberrypi/firmware/issues/968): implementer 0x41 (Arm), part 0xd03, which
# Linux arch/arm64/include/asm/cputype.h names ARM_CPU_PART_CORTEX_A53.
midr = 0x410fd034
made = 2026-11-28 by hand from the public sources below, for s2bench issue 16; no board was measured

source linux-bcm2837 = published doc "Linux commit bdf8762da268, ARM: dts: bcm2837: Add the missing L1/L2 cache information (arch/arm/boot/dts/bcm2837.dtsi), citing Cortex-A53 TRM DDI0500E and the CM3 datasheet" url "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=bdf8762da268d2a34abf517c36528413906e9cd5"

# No public source found states the clock the constants below would be measured at (the 3 B runs
# at 1.2 GHz, the 3 B+ at 1.4 GHz); no constant here is in cycles, so none needs it.
clock = -

# "d-cache-size = <0x8000>; d-cache-line-size = <64>;
#  d-cache-sets = <128>; // 32KiB(size)/64(line-size)=512ways/4-way set"
cache.l1d = line 64 sets 128 ways 4 size 32K published linux-bcm2837 at "cpus node, cpu@0..cpu@3 d-cache-* properties"
# "cache-size = <0x80000>; cache-line-size = <64>;
#  cache-sets = <512>; // 512KiB(size)/64(line-size)=8192ways/16-way set"
cache.l2 = line 64 sets 512 ways 16 size 512K published linux-bcm2837 at "cpus node, l2-cache0"
# The L2 is the last level: the BCM2837 has no L3.
cache.llc = l2

# No public source found for any of these on a Cortex-A53 (searched: kvm/kvmarm list micro-bench
# results, hypervisor papers, per-GiB clean costs); they stay empty, never guessed.
dc_civac.absent.l1 = -
dc_civac.absent.l2 = -
dc_civac.absent.llc = -
dc_civac.absent.mem = -
dc_civac.clean.l1 = -
dc_civac.clean.l2 = -
dc_civac.clean.llc = -
dc_civac.clean.mem = -
dc_civac.dirty.l1 = -
dc_civac.dirty.l2 = -
dc_civac.dirty.llc = -
dc_civac.dirty.mem = -
dc_cvac.absent.l1 = -
dc_cvac.absent.l2 = -
dc_cvac.absent.llc = -
dc_cvac.absent.mem = -
dc_cvac.clean.l1 = -
dc_cvac.clean.l2 = -
dc_cvac.clean.llc = -
dc_cvac.clean.mem = -
dc_cvac.dirty.l1 = -
dc_cvac.dirty.l2 = -
dc_cvac.dirty.llc = -
dc_cvac.dirty.mem = -
ic_ialluis = -
tlbi_vmalls12e1is = -
hvc = -
s2_fault = -
map_4k = -
map_2m = -
write_bw = -
# One ordinary (ALU/branch) instruction: no public source found gives it per instruction.
inst = -
