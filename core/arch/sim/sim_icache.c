/*
 * The instruction-cache model: PIPT lines filled from the Point of Unification. Without
 * FEAT_S2FWB the model puts the PoU below the data cache, so Dirty D-lines are invisible to
 * fetch until cleaned; with it CLIDR_EL1.{LoUU,LoUIS} = 0 and fetch sees the D-cache (ARM ARM,
 * CLIDR_EL1; D8.6.5). A valid I-line is hit even by a Non-cacheable fetch (SCTLR_EL1.I = 0 does
 * not stop hits on stale lines): only IC IALLU(IS) / IC IVAU remove it (ARM ARM D7.5).
 */
#include <stdlib.h>
#include <string.h>
#include "../../arch.h"
#include "sim.h"

struct sim_iline {
	pa_t pa;
	bool valid;
	u8 data[SIM_LINE_MAX];
};

static struct sim_iline *ilines;
static u32 isets, iways;

void sim_ic_reset(u32 bytes, u32 ways)
{
	iways = ways;
	isets = bytes / sim_line() / ways;
	free(ilines);
	ilines = calloc((size_t)isets * iways, sizeof(*ilines));
	if (!ilines)
		abort();
}

static struct sim_iline *iset_of(pa_t line)
{
	return &ilines[((line / sim_line()) % isets) * iways];
}

static struct sim_iline *ifind(pa_t line)
{
	struct sim_iline *s = iset_of(line);

	for (u32 w = 0; w < iways; w++)
		if (s[w].valid && s[w].pa == line)
			return &s[w];
	return NULL;
}

/* What an instruction fill from the PoU reads. */
static void read_pou(pa_t line, bool cacheable, u8 *dst)
{
	enum sim_line_state st;

	if (cacheable && sim_cpu.fwb && sim_dc_peek(line, dst, &st))
		return; /* PoU at the D-cache: fetch sees (even Dirty) D-lines */
	memcpy(dst, arch_pa_to_va(line), sim_line());
}

static void ifill(pa_t line, bool cacheable)
{
	struct sim_iline *s = iset_of(line), *l = NULL;

	for (u32 w = 0; w < iways && !l; w++)
		if (!s[w].valid)
			l = &s[w];
	if (!l)
		l = &s[sim_rand() % iways];
	l->pa = line;
	l->valid = true;
	read_pou(line, cacheable, l->data);
}

void sim_ic_fetch(pa_t line, bool cacheable, u8 *dst)
{
	struct sim_iline *l = ifind(line);

	if (!l) {
		ifill(line, cacheable);
		l = ifind(line);
	}
	memcpy(dst, l->data, sim_line());
}

void sim_ic_fill_speculative(pa_t line)
{
	if (!ifind(line))
		ifill(line, true);
}

void sim_ic_inval_line(pa_t line)
{
	struct sim_iline *l = ifind(line);

	if (l)
		l->valid = false;
}

void sim_ic_inval_all(void)
{
	for (u64 i = 0; i < (u64)isets * iways; i++)
		ilines[i].valid = false;
}
