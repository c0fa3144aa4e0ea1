/* See inject.h. */
#include "inject.h"

bool inject_requested(void)
{
	static bool asked, requested; /* .bss: zeroed by crt0 on every boot */

	if (!asked) {
		requested = s2b_param("inject", 0) != 0 || s2b_param("seed", 0) == S2B_SEED_INJECT;
		asked = true;
	}
	return requested;
}

void inject_corrupt(void *p)
{
	volatile u8 *b = p;

	if (!inject_requested())
		return;
	s2b_printf("inject: corrupting byte at %p\n", p);
	*b ^= 1;
}
