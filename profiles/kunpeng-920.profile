# HiSilicon Kunpeng 920 (TaiShan v110 cores).
# Built only from public sources (docs/profiles.md): every value below is published, none was
# measured by s2bench. Constants no public source gives for this CPU stay `-`; a board owner fills
# them with the calibration program (issue 16, item 1).
format = s2bench-profile 1
name = kunpeng-920
cpu = HiSilicon Kunpeng 920 (TaiShan v110)
# Implementer 0x48 (HiSilicon), part 0xd01: ARM_CPU_IMP_HISI and HISI_CPU_PART_TSV110 in Linux
# arch/arm64/include/asm/cputype.h ("arm64: cputype: Add MIDR encodings for HiSilicon Taishan v110
# CPUs ... used in Kunpeng ARM64 server SoCs", Hanjun Guo).
midr = 0x48/0xd01
made = 2026-11-28 by hand from the public sources below, for s2bench issue 16; no board was measured

source cpuinfo = published doc "pytorch/cpuinfo src/arm/cache.c, TaiShan v110 sizes after WikiChip (its ways and line sizes are marked assumption and not used here)" at "cpuinfo_arm_decode_cache(), case cpuinfo_uarch_taishan_v110" url "https://github.com/pytorch/cpuinfo/blob/d6108819d1d41c749b076e250be454c4559cb771/src/arm/cache.c"
source hisi-lines = published doc "Shaokun Zhang (HiSilicon), [PATCH v3 2/2] arm64: cacheinfo: Update cache_line_size detected from DT or PPTT, linux-arm-kernel, 2019-05-27" at "commit message" url "https://lore.kernel.org/all/1558922768-29155-2-git-send-email-zhangshaokun@hisilicon.com/"
source s2-series = published doc "Yanan Wang, [RFC PATCH 0/4] KVM: arm64: Improve efficiency of stage2 page table, kvmarm/linux-arm-kernel/kvm lists, 2021-02-08 (HiSilicon Kunpeng920, FWB not supported, Linux v5.11-rc6)" at "Details of test results, (1) performance change of patch 1" url "https://lore.kernel.org/lkml/20210208112250.163568-1-wangyanan55@huawei.com/"
source kunpeng-microbench = published doc "heqiong, [kvm-unit-tests 1/1] arm64: microbench: Move the read of the count register and the ISB operation out of the while loop, kvm list, 2023-11-01, as quoted in Alexandru Elisei's reply" at "Test in kunpeng920, hvc rows before and after the patch" url "https://lore.kernel.org/kvm/ZUIwt6jWBN037XVf@monolith/"

# 2.6 GHz on the common SKUs; no constant here is in cycles.
clock = -

# cpuinfo table: "Kunpeng 920-xx26 ... L1D cache 64K ... L2 cache 512K" for every SKU; HiSilicon:
# "cache line sizes are different between L1/2 cache and L3 cache while L1 cache line size is
# 64-byte and L3 is 128-byte". Ways (and so sets) are given by no source read.
cache.l1d = line 64 sets - ways - size 64K published cpuinfo published hisi-lines
cache.l2 = line 64 sets - ways - size 512K published cpuinfo published hisi-lines
# L3: 32M, 48M or 64M by SKU (920-3226, 920-4826, 920-6426 in the cpuinfo table), 128-byte lines.
cache.llc = line 128 sets - ways - size - published hisi-lines

# No public source found for the others on a Kunpeng 920; they stay empty, never guessed.
dc_civac.absent.l1 = -
dc_civac.absent.l2 = -
dc_civac.absent.llc = -
# The stage-2 series (Kunpeng920, no FWB) times KVM creating 1 GiB block mappings while every vCPU
# touches the same 20 GiB, five runs each:
#   "-v 20: Before patch: KVM_CREATE_MAPPINGS: 52.8338s 52.8327s 52.8336s 52.8255s 52.8303s
#           After  patch: KVM_CREATE_MAPPINGS:  3.7022s  3.7031s  3.7028s  3.7012s  3.7024s"
#   "-v 40: Before patch: KVM_CREATE_MAPPINGS: 104.560s 104.556s 104.554s 104.556s 104.550s
#           After  patch: KVM_CREATE_MAPPINGS:  3.7011s  3.7103s  3.7005s  3.7024s  3.7106s"
# Before the patch each vCPU's translation fault DC CIVACs the whole 1 GiB block (v5.11
# user_mem_abort() cleans under kvm->mmu_lock, so one after another; the before-times doubling from
# 20 to 40 vCPUs agrees); after it only the vCPU that installs the mapping does. So the patch saves
# (vCPUs - 1) x 20 cleans of 1 GiB: 780 with 40 vCPUs, 380 with 20.
#   40 vCPUs, medians: (104.556 - 3.7024) s / 780 = 129.30 ms per GiB
#   20 vCPUs, medians: (52.8327 - 3.7024) s / 380 = 129.29 ms per GiB
# A GiB is 16,777,216 lines of 64 bytes (DC CIVAC works on the 64-byte L1/L2 line, hisi-lines), so
#   129.30 ms / 16,777,216 = 7.707 ns per line.
# The lines are absent: the previous vCPU's DC CIVAC just invalidated them, nothing touched them
# since, and 1 GiB is many times the L3 (size class mem). The spread is over the ten runs' extremes
# (min before - max after, and back): 7.705..7.708 ns; it is the spread of the derivation, not of
# DC CIVAC itself, and it assumes the cleans run strictly one after another.
dc_civac.absent.mem = 7.707 ns spread minmax 7.705 7.708 n 10 published s2-series published hisi-lines
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
# kvm-unit-tests micro-bench on Kunpeng 920 (QEMU/KVM, 65536 iterations each), avg ns:
#   before the patch "hvc  26774980.0  408.0", after it "hvc  26721040.0  407.0".
# The patch takes the timer reads out of the loop, so 407 is the cleaner figure. A full KVM exit
# and re-entry for a guest HVC: an upper bound for s2hv's null HVC. n = the two published runs.
hvc = 407 ns spread minmax 407 408 n 2 published kunpeng-microbench
s2_fault = -
map_4k = -
map_2m = -
write_bw = -
# One ordinary (ALU/branch) instruction: no public source found gives it per instruction.
inst = -
