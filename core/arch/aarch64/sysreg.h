/* System-register access and the EL2 register values s2hv uses (ARM ARM D13/D19). */
#ifndef S2_AARCH64_SYSREG_H
#define S2_AARCH64_SYSREG_H

#include "../../types.h"

#define read_sysreg(r) ({ u64 __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define write_sysreg(v, r) __asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)))
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")

/* HCR_EL2 */
#define HCR_VM (1ULL << 0)
#define HCR_SWIO (1ULL << 1)
#define HCR_FMO (1ULL << 3)
#define HCR_IMO (1ULL << 4)
#define HCR_AMO (1ULL << 5)
#define HCR_TWI (1ULL << 13)
#define HCR_TID3 (1ULL << 18) /* EL1 reads of the ID registers trap (idregs.c) */
#define HCR_TSC (1ULL << 19)
#define HCR_RW (1ULL << 31)
#define HCR_APK (1ULL << 40) /* EL1 pointer-auth key registers not trapped */
#define HCR_API (1ULL << 41) /* EL1 pointer-auth instructions not trapped */
#define HCR_FWB (1ULL << 46)

/* Registers the assembler may not know by name (s<op0>_<op1>_c<CRn>_c<CRm>_<op2>), used through
 * the _s accessors, which expand the macro name first. */
#define read_sysreg_s(r) read_sysreg(r)
#define write_sysreg_s(v, r) write_sysreg(v, r)
#define SYS_ID_AA64ISAR2_EL1 s3_0_c0_c6_2
#define SYS_ZCR_EL2 s3_4_c1_c2_0
#define SYS_SMCR_EL2 s3_4_c1_c2_6
#define SYS_SVCR s3_3_c4_c2_2
#define SYS_ICC_SRE_EL2 s3_4_c12_c9_5

/* CPTR_EL2 (HCR_EL2.E2H = 0): RES1 bits 13, 9, 7:0; TZ (8) and TSM (12) are RES1 too when SVE
 * or SME is not implemented; TFP (10) = 0. */
#define CPTR_EL2_RES1 0x22ffULL
#define CPTR_TZ (1ULL << 8)
#define CPTR_TSM (1ULL << 12)

/* ESR_ELx exception classes */
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
/* ISS of a trapped MSR/MRS (EC 0x18): Op0, Op2, Op1, CRn, Rt, CRm, Direction (1 = read). */
#define SYSREG_OP0(iss) (((iss) >> 20) & 3)
#define SYSREG_OP2(iss) (((iss) >> 17) & 7)
#define SYSREG_OP1(iss) (((iss) >> 14) & 7)
#define SYSREG_CRN(iss) (((iss) >> 10) & 15)
#define SYSREG_CRM(iss) (((iss) >> 1) & 15)
#define SYSREG_RT(iss) (((iss) >> 5) & 31)
#define SYSREG_READ(iss) ((iss) & 1)
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define ESR_IL (1ULL << 25)
#define ESR_ABT_FSC(esr) ((esr) & 0x3f)
#define ESR_ABT_WNR (1ULL << 6)
#define ESR_ABT_S1PTW (1ULL << 7)
#define FSC_TYPE(fsc) ((fsc) & 0x3c)
#define FSC_TRANS 0x04
#define FSC_ACCESS 0x08
#define FSC_PERM 0x0c
#define FSC_SYNC_EXTERNAL 0x10 /* synchronous external abort, not on a table walk */

/* SPSR for a guest entered at EL1h with D, A, I, F masked. */
#define SPSR_EL1H_DAIF 0x3c5ULL
/* SCTLR_EL1 at reset: RES1 bits only; M, C, I = 0 (MMU and caches off). */
#define SCTLR_EL1_RESET 0x30d00800ULL

#endif
