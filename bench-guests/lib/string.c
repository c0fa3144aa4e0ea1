/* The memory functions GCC may call even in freestanding code (-ffreestanding still emits
 * memcpy/memset for struct copies and zeroing). Byte and word loops only: with the MMU off every
 * data access is Device memory, where an unaligned access faults (ARM ARM, alignment of Device
 * memory accesses), and DC ZVA would fault too. Built with -fno-tree-loop-distribute-patterns so
 * GCC does not turn these loops back into calls to themselves. */
#include "s2b.h"

void *memset(void *d, int c, size_t n)
{
	u8 *p = d;

	while (n--)
		*p++ = (u8)c;
	return d;
}

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	if ((((uintptr_t)dp | (uintptr_t)sp | n) & 7) == 0) {
		for (size_t i = 0; i < n / 8; i++)
			((u64 *)d)[i] = ((const u64 *)s)[i];
		return d;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}
