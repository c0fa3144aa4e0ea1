/* kvmtest's hostile behaviours (s2b.inject=N, test only): each makes the guest do something
 * s2vmm must survive and report. 1..4 belong to the bench guests (bench-guests/lib/inject.h and
 * the semihosting case); these start at 5 so the two lists never collide. Shared by
 * testguest.S and kvm/config.c, which refuses any value above INJECT_LAST. */
#ifndef S2VMM_TESTGUEST_INJECT_H
#define S2VMM_TESTGUEST_INJECT_H

#define INJECT_DOORBELL_LDP 5     /* LDP from the doorbell: no syndrome, KVM cannot decode it */
#define INJECT_DOORBELL_POSTIDX 6 /* post-index LDR from the doorbell: the same */
#define INJECT_EMPTY_METRICS 7    /* MARK END tag 0 without BEGIN, REPORT key 0; then carry on */
#define INJECT_CPU_OFF 8          /* PSCI CPU_OFF of the only vCPU: a power-off */
#define INJECT_WFI_MASKED 9       /* WFI forever with interrupts masked: never exits */
#define INJECT_LOAD_HIGH_IPA 10   /* load from IPA 2^44: KVM injects an abort, no vectors: loops */
#define INJECT_UART_LOAD64 11     /* 8-byte load from the PL011's FR: no PL011 register is that wide */
#define INJECT_UART_LDP 12        /* LDP from the PL011: no syndrome, KVM cannot decode it */

#define INJECT_LAST 12

#endif
