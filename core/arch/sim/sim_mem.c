/* Simulated physical memory (the contents at the PoC): one zeroed host allocation; PA = offset. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../arch.h"
#include "sim.h"

static u8 *mem;
static u64 mem_size;

void sim_mem_init(u64 size)
{
	struct sim_cache_config c;

	sim_mem_free();
	mem = aligned_alloc(PAGE_SIZE, size);
	if (!mem) {
		fprintf(stderr, "sim: cannot allocate %llu bytes of simulated memory\n", (unsigned long long)size);
		abort();
	}
	memset(mem, 0, size);
	mem_size = size;
	sim_guest_attach(NULL, 0, 0, false);
	sim_mutation = SIM_MUT_NONE;
	sim_cache_defaults(&c);
	c.spec_size = size;
	sim_cache_init(&c);
}

void sim_mem_free(void)
{
	free(mem);
	mem = NULL;
	mem_size = 0;
}

u64 sim_mem_size(void)
{
	return mem_size;
}

void *arch_pa_to_va(pa_t pa)
{
	if (!mem || pa >= mem_size) {
		fprintf(stderr, "sim: PA 0x%llx outside simulated memory\n", (unsigned long long)pa);
		abort();
	}
	return mem + pa;
}

pa_t arch_va_to_pa(const void *va)
{
	return (pa_t)((const u8 *)va - mem);
}
