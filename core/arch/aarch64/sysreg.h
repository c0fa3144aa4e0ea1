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
#define HCR_TSC (1ULL << 19)
#define HCR_RW (1ULL << 31)
#define HCR_FWB (1ULL << 46)

/* ESR_ELx exception classes */
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define ESR_IL (1ULL << 25)
#define ESR_ABT_FSC(esr) ((esr) & 0x3f)
#define ESR_ABT_WNR (1ULL << 6)
#define ESR_ABT_S1PTW (1ULL << 7)
#define FSC_TYPE(fsc) ((fsc) & 0x3c)
#define FSC_TRANS 0x04
#define FSC_ACCESS 0x08
#define FSC_PERM 0x0c

/* SPSR for a guest entered at EL1h with D, A, I, F masked. */
#define SPSR_EL1H_DAIF 0x3c5ULL
/* SCTLR_EL1 at reset: RES1 bits only; M, C, I = 0 (MMU and caches off). */
#define SCTLR_EL1_RESET 0x30d00800ULL

#endif
