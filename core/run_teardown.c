/* See run_teardown.h. */
#include "run_teardown.h"
#include "cache_ops.h"
#include "lib.h"
#include "mmio.h"
#include "vuart.h"

void run_teardown(const struct run_memory *m, u16 vmid)
{
	/* The run's guest RAM and tables may hold dirty lines (the loader's writes under strategy
	 * `none`, a guest's cacheable stores): evicted later, they would overwrite what the next
	 * run's guest writes there Non-cacheable. Written back and dropped now (DC CIVAC; complete
	 * after the DSB that ends the range, ARM ARM D7.5.9.4), as if the board had just started. */
	if (m->ram_size)
		cache_clean_inval_poc(m->ram_pa, m->ram_size);
	if (m->pool_size)
		cache_clean_inval_poc(m->pool_pa, m->pool_size);
	/* The finished guest's instructions must never be fetched as the next one's: IC IALLUIS,
	 * then DSB ISH + ISB (ARM ARM D7.5.9.4). */
	icache_inval_all();
	/* Nothing cached of the VMID's old tables may survive into the new ones (D8.16: TLBI
	 * VMALLS12E1IS, DSB ISH). arch_s2_enable invalidates again at the next boot 0. */
	tlb_flush_vmid(vmid);
	mmio_unregister_all();
	vuart_reset();
	/* `done lines= tlbis=` count one run, set-up included, as after a power-on. */
	memset(&maint_counts, 0, sizeof(maint_counts));
	cache_watch_range(0, 0);
}
