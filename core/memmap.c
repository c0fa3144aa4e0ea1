/* A handful of ranges: linear scans are fine (see memmap.h). */
#include "memmap.h"

#define MAX_RESERVED 16

static const struct platform *plat;
static pa_t res_base[MAX_RESERVED];
static u64 res_size[MAX_RESERVED];
static unsigned res_count;

void memmap_init(const struct platform *p)
{
	plat = p;
	res_count = 0;
}

void memmap_reserve(pa_t base, u64 size)
{
	if (res_count < MAX_RESERVED && size) {
		res_base[res_count] = base;
		res_size[res_count++] = size;
	}
}

/* The highest reserved range overlapping [base, base+size), or -1. */
static int overlap(pa_t base, u64 size)
{
	int hit = -1;

	for (unsigned i = 0; i < res_count; i++)
		if (base < res_base[i] + res_size[i] && res_base[i] < base + size &&
		    (hit < 0 || res_base[i] > res_base[hit]))
			hit = (int)i;
	return hit;
}

pa_t memmap_alloc_top(u64 size, u64 align)
{
	for (unsigned b = 0; b < plat->ram_count; b++) {
		pa_t lo = plat->ram_base[b], hi = lo + plat->ram_size[b];
		pa_t cand;
		int hit;

		if (size > hi - lo)
			continue;
		cand = ALIGN_DOWN(hi - size, align);
		while (cand >= lo && (hit = overlap(cand, size)) >= 0) {
			if (res_base[hit] < lo + size)
				break;
			cand = ALIGN_DOWN(res_base[hit] - size, align);
		}
		if (cand >= lo && cand + size <= hi && overlap(cand, size) < 0) {
			memmap_reserve(cand, size);
			return cand;
		}
	}
	return 0;
}
