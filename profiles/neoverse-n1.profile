# Arm Neoverse N1 as in the Ampere Altra (and the AWS Graviton2: same core, L2 and 32 MB SLC).
# Built only from public sources (docs/profiles.md): every value below is published, none was
# measured by s2bench. Constants no public source gives for this CPU stay `-`; a board owner fills
# them with the calibration program (issue 16, item 1).
format = s2bench-profile 1
name = neoverse-n1
cpu = Arm Neoverse N1 (Ampere Altra; AWS Graviton2)
# Implementer 0x41 (Arm), part 0xd0c: ARM_CPU_PART_NEOVERSE_N1 in Linux
# arch/arm64/include/asm/cputype.h. pytorch/cpuinfo src/arm/midr.h gives the Altra's whole MIDR as
# 0x413fd0c1 (r3p1); the variant and revision are left out here as the profile stands for both chips.
midr = 0x41/0xd0c
made = 2026-11-28 by hand from the public sources below, for s2bench issue 16; no board was measured

source cpuinfo = published doc "pytorch/cpuinfo src/arm/cache.c, Neoverse N1 geometry from the Arm Neoverse N1 Core TRM 100616/0401" at "cpuinfo_arm_decode_cache(), case cpuinfo_uarch_neoverse_n1" url "https://github.com/pytorch/cpuinfo/blob/d6108819d1d41c749b076e250be454c4559cb771/src/arm/cache.c"
source anandtech-altra = published doc "Andrei Frumusanu, The Ampere Altra Review, AnandTech, 2020" at "page 2, 1st Generation Neoverse-N1 80-Core Server SoC" url "https://www.anandtech.com/show/16315/the-ampere-altra-review/2"
source altra-microbench = published doc "Raghavendra Rao Ananta, Re: [PATCH v2] KVM: arm64: Get rid of userspace_irqchip_in_use, kvmarm list, 2024-10-29 (Message-ID CAJHc60xQNeTwSBuPhrKO_JBuikqZ7R=BM5rkWht3YwieVXwkHg@mail.gmail.com)" at "kvm-unit-tests micro-bench tables, Baseline and Patch" url "https://lore.kernel.org/all/CAJHc60xQNeTwSBuPhrKO_JBuikqZ7R=BM5rkWht3YwieVXwkHg@mail.gmail.com/"

# Up to 3.0 GHz (Altra) or 2.5 GHz (Graviton2) by SKU; no constant here is in cycles.
clock = -

# cpuinfo: ".size = 64 * 1024, .associativity = 4, .line_size = 64" (L1D); sets = 64K / (64 x 4).
cache.l1d = line 64 sets 256 ways 4 size 64K published cpuinfo
# cpuinfo: L2 ".associativity = 8, .line_size = 64", size 1024 KB when midr_is_ampere_altra();
# AnandTech: "1MB of private L2 per core". sets = 1M / (64 x 8).
cache.l2 = line 64 sets 2048 ways 8 size 1M published cpuinfo published anandtech-altra
# AnandTech: "an Arm CMN-600 mesh interconnect that features 32MB of distributed system level
# cache ... the same size as the 64-core Graviton2 design". Its line size, sets and ways: no source.
cache.llc = line - sets - ways - size 32M published anandtech-altra

# No public source found for the others on a Neoverse N1; they stay empty, never guessed.
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
# Ampere Altra, Linux v6.12-rc1, kvm-unit-tests micro-bench (65536 iterations each):
#   Baseline: "hvc  20095360.0  306.0"  Patch: "hvc  20067680.0  306.0"  (total ns, avg ns)
# A full KVM exit and re-entry for a guest HVC: an upper bound for s2hv's null HVC, whose handler
# does less than KVM's. n = the two published runs.
hvc = 306 ns spread minmax 306 306 n 2 published altra-microbench
s2_fault = -
map_4k = -
map_2m = -
write_bw = -
# One ordinary (ALU/branch) instruction: no public source found gives it per instruction.
inst = -
