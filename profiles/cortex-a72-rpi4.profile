# Arm Cortex-A72 as in the Raspberry Pi 4 (Broadcom BCM2711).
# Built only from public sources (docs/profiles.md): every value below is published, none was
# measured by s2bench. Constants no public source gives for this CPU stay `-`; a board owner fills
# them with the calibration program (issue 16, item 1).
format = s2bench-profile 1
name = cortex-a72-rpi4
cpu = Arm Cortex-A72 r0p3 (Broadcom BCM2711, Raspberry Pi 4 Model B)
# A Raspberry Pi 4 Model B kernel prints "CPU: ARMv7 Processor [410fd083] revision 3"
# (https://github.com/raspberrypi/firmware/issues/1417): implementer 0x41 (Arm), part 0xd08, which
# Linux arch/arm64/include/asm/cputype.h names ARM_CPU_PART_CORTEX_A72.
midr = 0x410fd083
made = 2026-11-28 by hand from the public sources below, for s2bench issue 16; no board was measured

source linux-bcm2711 = published doc "Linux arch/arm/boot/dts/broadcom/bcm2711.dtsi, citing Cortex-A72 TRM 100095/0003 (About the L1/L2 memory system) and the Raspberry Pi BCM2711 processor page" url "https://github.com/torvalds/linux/blob/0de09025f161f67c07978c4742e221243d070d41/arch/arm/boot/dts/broadcom/bcm2711.dtsi"

# The Raspberry Pi 4 runs its cores at 1.5 GHz (1.8 GHz on later boards); no constant here is in
# cycles, so the profile states none.
clock = -

# "d-cache-size = <0x8000>; d-cache-line-size = <64>;
#  d-cache-sets = <256>; // 32KiB(size)/64(line-size)=512ways/2-way set"
cache.l1d = line 64 sets 256 ways 2 size 32K published linux-bcm2711 at "cpus node, cpu@0..cpu@3 d-cache-* properties"
# "cache-size = <0x100000>; cache-line-size = <64>;
#  cache-sets = <1024>; // 1MiB(size)/64(line-size)=16384ways/16-way set"
cache.l2 = line 64 sets 1024 ways 16 size 1M published linux-bcm2711 at "cpus node, l2-cache0"
# The L2 is the last level: the BCM2711 has no L3.
cache.llc = l2

# No public source found for any of these on a Cortex-A72 (searched: kvm/kvmarm list micro-bench
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
