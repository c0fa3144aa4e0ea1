/* PSCI function ids the guests call and s2hv emulates (psci.c). Macros only, for guests too. */
#ifndef S2_PSCI_IDS_H
#define S2_PSCI_IDS_H

/* PSCI 1.0 (Arm DEN 0022): the calls s2hv emulates in psci.c. */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0x84000003u
#define PSCI_AFFINITY_INFO 0x84000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_64BIT 0x40000000u /* SMC64 variant of a call: 0xC4... */
#define PSCI_VERSION_1_0 0x00010000u

#endif
