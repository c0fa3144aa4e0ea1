/*
 * Fletcher-64 over little-endian 32-bit words (sums modulo 2^32 - 1, end-around carry).
 * Shared by the guests and by the host tool that embeds the expected image checksum
 * (bench-guests/tools/embed-sum.c), so both compute the very same function.
 */
#ifndef S2B_FLETCHER64_H
#define S2B_FLETCHER64_H

#include <stddef.h>
#include <stdint.h>

struct fletcher64 {
	uint64_t a, b;
};

#define FLETCHER64_INIT {0, 0}

static inline uint64_t fletcher64_fold(uint64_t v)
{
	return (v & 0xffffffffu) + (v >> 32);
}

static inline void fletcher64_word(struct fletcher64 *f, uint32_t w)
{
	f->a = fletcher64_fold(f->a + w);
	f->b = fletcher64_fold(f->b + f->a);
}

static inline void fletcher64_words(struct fletcher64 *f, const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fletcher64_word(f, w[i]);
}

static inline uint64_t fletcher64_final(const struct fletcher64 *f)
{
	uint64_t a = fletcher64_fold(f->a), b = fletcher64_fold(f->b);

	a = a == 0xffffffffu ? 0 : a;
	b = b == 0xffffffffu ? 0 : b;
	return b << 32 | a;
}

#endif
