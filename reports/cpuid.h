/* Human names for MIDR_EL1 values seen in runs.csv. */
#ifndef S2B_REPORTS_CPUID_H
#define S2B_REPORTS_CPUID_H

#include <stddef.h>

/* "Arm Cortex-A72 r0p3" for "0x410fd083"; the raw value when unknown. */
const char *describe_midr(const char *midr, char *buf, size_t len);

#endif
