/* Seeded xorshift64* (Vigna): fast, decent quality, and the same sequence for the same seed. */
#ifndef S2B_GUEST_PRNG_H
#define S2B_GUEST_PRNG_H

#include "s2b.h"

/* A stateless 64-bit mixer (splitmix64 finaliser): a per-index decision without a stream. */
static inline u64 mix64(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct prng {
	u64 state;
};

static inline void prng_seed(struct prng *p, u64 seed)
{
	/* One splitmix64 step, so nearby seeds give unrelated streams; the state must not be 0. */
	p->state = mix64(seed + 0x9e3779b97f4a7c15ULL) | 1;
}

static inline u64 prng_next(struct prng *p)
{
	u64 x = p->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	p->state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

#endif
