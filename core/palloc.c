/* Page pool for page tables (see palloc.h). The free list is threaded through the free pages. */
#include "palloc.h"
#include "arch.h"

static pa_t pool_next, pool_end;
static pa_t free_list;
static u64 in_use;

void palloc_init(pa_t base, u64 size)
{
	pool_next = ALIGN_UP(base, PAGE_SIZE);
	pool_end = ALIGN_DOWN(base + size, PAGE_SIZE);
	free_list = 0;
	in_use = 0;
}

pa_t palloc_page(void)
{
	pa_t pa;

	if (free_list) {
		pa = free_list;
		free_list = *(pa_t *)arch_pa_to_va(pa);
	} else if (pool_next < pool_end) {
		pa = pool_next;
		pool_next += PAGE_SIZE;
	} else {
		return 0;
	}
	arch_zero_page(arch_pa_to_va(pa));
	in_use++;
	return pa;
}

void palloc_free(pa_t pa)
{
	*(pa_t *)arch_pa_to_va(pa) = free_list;
	free_list = pa;
	in_use--;
}

u64 palloc_pages_in_use(void)
{
	return in_use;
}
