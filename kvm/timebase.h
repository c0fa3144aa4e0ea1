/* The two clocks s2vmm reports: the Arm generic timer's virtual count (CNTVCT_EL0, readable at
 * EL0 under Linux, the same time base a guest sees) and CLOCK_MONOTONIC nanoseconds. */
#ifndef S2VMM_TIMEBASE_H
#define S2VMM_TIMEBASE_H

#include <time.h>
#include "../core/types.h"

static inline u64 cntvct(void)
{
	u64 v;

	/* ISB: without it the counter read may be hoisted above the ioctl it brackets. */
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static inline u64 cntfrq(void)
{
	u64 v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static inline u64 mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

/* A point in time on both clocks. */
struct stamp {
	u64 ns, ticks;
};

static inline struct stamp stamp_now(void)
{
	struct stamp s = {mono_ns(), cntvct()};

	return s;
}

#endif
