/* The saved state of the guest vCPU and of the host across __guest_enter (entry.S). */
#ifndef S2_AARCH64_VCPU_CTX_H
#define S2_AARCH64_VCPU_CTX_H

#define CTX_X0 0
#define CTX_SP_EL1 248
#define CTX_PC 256
#define CTX_PSTATE 264
#define CTX_HOST 272 /* x19..x30, sp: 13 words */
#define CTX_SIZE (CTX_HOST + 13 * 8)

/* Each secondary CPU's EL2 stack (smp.c, head.S secondary_entry). */
#define SECONDARY_STACK_SIZE 0x4000

#define EXIT_SYNC 0
#define EXIT_IRQ 1
#define EXIT_FIQ 2
#define EXIT_SERROR 3

#endif
