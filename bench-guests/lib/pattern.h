/*
 * A page of known 64-bit words, built into an image as initialised data. Word i is
 * PATTERN_WORD(i): distinct in every word and every 64-byte line, so a single stale line is
 * caught and its place is known.
 */
#ifndef S2B_GUEST_PATTERN_H
#define S2B_GUEST_PATTERN_H

#include "s2b.h"

#define PATTERN_WORDS 512 /* one 4 KiB page */
#define PATTERN_WORD(i) ((u64)(((u64)(i) + 1) * 0x9e3779b97f4a7c15ULL ^ 0x5a17ed0fc0ffee00ULL))

#define PATTERN_W1(i) PATTERN_WORD(i)
#define PATTERN_W2(i) PATTERN_W1(i), PATTERN_W1((i) + 1)
#define PATTERN_W4(i) PATTERN_W2(i), PATTERN_W2((i) + 2)
#define PATTERN_W8(i) PATTERN_W4(i), PATTERN_W4((i) + 4)
#define PATTERN_W16(i) PATTERN_W8(i), PATTERN_W8((i) + 8)
#define PATTERN_W32(i) PATTERN_W16(i), PATTERN_W16((i) + 16)
#define PATTERN_W64(i) PATTERN_W32(i), PATTERN_W32((i) + 32)
#define PATTERN_W128(i) PATTERN_W64(i), PATTERN_W64((i) + 64)
#define PATTERN_W256(i) PATTERN_W128(i), PATTERN_W128((i) + 128)
/* Initialiser for a u64[PATTERN_WORDS] array. */
#define PATTERN_PAGE_INIT {PATTERN_W256(0), PATTERN_W256(256)}

/* Index of the first word of `page` that differs from the pattern, or PATTERN_WORDS. */
static inline unsigned pattern_first_mismatch(const volatile u64 *page)
{
	for (unsigned i = 0; i < PATTERN_WORDS; i++)
		if (page[i] != PATTERN_WORD(i))
			return i;
	return PATTERN_WORDS;
}

#endif
