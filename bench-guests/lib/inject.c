/* See inject.h. */
#include "inject.h"

static u64 inject_kind(void)
{
	static bool asked; /* .bss: zeroed by crt0 on every boot */
	static u64 kind;

	if (!asked) {
		kind = s2b_param("inject", 0);
		if (kind == INJECT_NONE && s2b_param("seed", 0) == S2B_SEED_INJECT)
			kind = INJECT_CORRUPT;
		asked = true;
	}
	return kind;
}

bool inject_requested(void)
{
	return inject_kind() == INJECT_CORRUPT;
}

void inject_misbehave(void)
{
	u64 kind = inject_kind();

	if (kind == INJECT_ABORT_OUTSIDE_RAM) {
		/* 2 MiB past the end of RAM: no memory and no device there (the doorbell is below RAM). */
		volatile u64 *outside = (volatile u64 *)(uintptr_t)(s2b_param("ram_base", 0) +
								    s2b_param("ram_size", 0) + 0x200000);

		s2b_printf("inject: loading from %p, outside RAM\n", (void *)outside);
		(void)*outside;
	} else if (kind == INJECT_RUN_AWAY) {
		s2b_printf("inject: running away\n");
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
}

void inject_corrupt(void *p)
{
	volatile u8 *b = p;

	if (!inject_requested())
		return;
	s2b_printf("inject: corrupting byte at %p\n", p);
	*b ^= 1;
}
