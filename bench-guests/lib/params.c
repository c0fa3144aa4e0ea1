/* See params.h. Defaults match s2hv's own (core/config.c) so a host without a key behaves alike. */
#include "params.h"

void guest_params_read(struct guest_params *p)
{
	p->boot = s2b_param("boot", 0);
	p->ram_base = s2b_param("ram_base", 0x40000000);
	p->ram_size = s2b_param("ram_size", 64UL << 20);
	p->frac_tenths = s2b_param("frac10", 500);
	p->stride = s2b_param("stride", 4096);
	p->write = s2b_param("write", 50);
	p->order = s2b_param("order", 0);
	p->seed = s2b_param("seed", 1);
}
