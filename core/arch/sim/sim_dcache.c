/*
 * The data-cache model: PIPT, write-back, write-allocate, lines of sim_line() bytes (the CPU's CTR_EL0), Invalid/Clean/Dirty,
 * seeded random or LRU replacement (evicting a Dirty line writes it back), and speculative
 * fills of any line the hypervisor's cacheable linear map covers (ARM ARM B2.12: a Normal
 * cacheable location may be allocated at any time). Memory = the simulated PA space.
 */
#include <stdlib.h>
#include <string.h>
#include "../../arch.h"
#include "sim.h"

struct sim_dline {
	pa_t pa;
	u8 state;
	u64 used; /* LRU stamp */
	u8 data[SIM_LINE_MAX];
};

struct sim_cache_config sim_cache_cfg;
static struct sim_dline *lines;
static u32 sets, ways;
static u64 clock_, rng;

void sim_cache_defaults(struct sim_cache_config *c)
{
	*c = (struct sim_cache_config){
		.dcache_bytes = 32 << 10, .dcache_ways = 4, .icache_bytes = 32 << 10, .icache_ways = 4,
		.evict = SIM_EVICT_RANDOM, .seed = 1, .spec_per_mille = 0,
	};
}

u64 sim_rand(void)
{
	/* xorshift64*: deterministic per seed, so a failing seed can be replayed. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

void sim_cache_init(const struct sim_cache_config *c)
{
	sim_cache_cfg = *c;
	if (sim_line() < 16 || sim_line() > SIM_LINE_MAX)
		abort(); /* a test gave sim_cpu a CTR_EL0 the model cannot hold */
	ways = c->dcache_ways;
	sets = c->dcache_bytes / sim_line() / ways;
	free(lines);
	lines = calloc((size_t)sets * ways, sizeof(*lines));
	if (!lines)
		abort();
	clock_ = 0;
	rng = c->seed * 0x9e3779b97f4a7c15ULL + 1;
	sim_ic_reset(c->icache_bytes, c->icache_ways);
	sim_tlb_reset();
}

static struct sim_dline *set_of(pa_t line)
{
	return &lines[((line / sim_line()) % sets) * ways];
}

static struct sim_dline *find(pa_t line)
{
	struct sim_dline *s = set_of(line);

	for (u32 w = 0; w < ways; w++)
		if (s[w].state != SIM_INVALID && s[w].pa == line)
			return &s[w];
	return NULL;
}

static void write_back(struct sim_dline *l)
{
	if (l->state == SIM_DIRTY)
		memcpy(arch_pa_to_va(l->pa), l->data, sim_line());
	l->state = SIM_CLEAN;
}

static struct sim_dline *victim(pa_t line)
{
	struct sim_dline *s = set_of(line), *v = &s[0];

	for (u32 w = 0; w < ways; w++)
		if (s[w].state == SIM_INVALID)
			return &s[w];
	if (sim_cache_cfg.evict == SIM_EVICT_RANDOM)
		return &s[sim_rand() % ways];
	for (u32 w = 1; w < ways; w++)
		if (s[w].used < v->used)
			v = &s[w];
	return v;
}

/* Allocate `line` filled from memory (evicting, with write-back, whatever was there). */
static struct sim_dline *allocate(pa_t line)
{
	struct sim_dline *l = victim(line);

	write_back(l);
	l->pa = line;
	l->state = SIM_CLEAN;
	memcpy(l->data, arch_pa_to_va(line), sim_line());
	return l;
}

static struct sim_dline *lookup_or_fill(pa_t line)
{
	struct sim_dline *l = find(line);

	if (!l)
		l = allocate(line);
	l->used = ++clock_;
	return l;
}

void sim_dc_read(pa_t line, u8 *dst)
{
	memcpy(dst, lookup_or_fill(line)->data, sim_line());
}

void sim_dc_write(pa_t line, const u8 *src, unsigned off, unsigned len)
{
	struct sim_dline *l = lookup_or_fill(line);

	memcpy(l->data + off, src, len);
	l->state = SIM_DIRTY;
}

bool sim_dc_peek(pa_t line, u8 *dst, enum sim_line_state *st)
{
	struct sim_dline *l = find(line);

	*st = l ? l->state : SIM_INVALID;
	if (l && dst)
		memcpy(dst, l->data, sim_line());
	return l != NULL;
}

/* DC CVAC: clean (write back, keep). DC CIVAC: clean + invalidate. DC IVAC: invalidate only,
 * so Dirty data is lost (ARM ARM D7.5, data cache maintenance: invalidate without clean). */
void sim_dc_maint(pa_t line, bool clean, bool inval)
{
	struct sim_dline *l = find(line);

	if (!l)
		return;
	if (clean)
		write_back(l);
	if (inval)
		l->state = SIM_INVALID;
}

void sim_dc_reset_all(void)
{
	for (u64 i = 0; i < (u64)sets * ways; i++)
		lines[i].state = SIM_INVALID;
}

void sim_cache_flush_all(void)
{
	for (u64 i = 0; i < (u64)sets * ways; i++) {
		write_back(&lines[i]);
		lines[i].state = SIM_INVALID;
	}
	sim_ic_inval_all();
}

bool sim_cache_evict_random(void)
{
	u64 n = (u64)sets * ways, start = sim_rand() % n;

	for (u64 i = 0; i < n; i++) {
		struct sim_dline *l = &lines[(start + i) % n];

		if (l->state != SIM_INVALID) {
			write_back(l);
			l->state = SIM_INVALID;
			return true;
		}
	}
	return false;
}

void sim_speculate(void)
{
	const struct sim_cache_config *c = &sim_cache_cfg;
	u64 nlines = c->spec_size / sim_line();

	if (!c->spec_per_mille || !nlines || sim_rand() % 1000 >= c->spec_per_mille)
		return;
	lookup_or_fill(c->spec_base + (sim_rand() % nlines) * sim_line());
	if (c->spec_ifetch_anywhere)
		sim_ic_fill_speculative(c->spec_base + (sim_rand() % nlines) * sim_line());
	else
		sim_guest_speculative_fetch();
}

/* Byte ranges, split into lines. */
static void for_lines(pa_t pa, u64 size, void (*fn)(pa_t line, unsigned off, unsigned len, u8 *buf), u8 *buf)
{
	while (size) {
		pa_t line = ALIGN_DOWN(pa, sim_line());
		unsigned off = pa - line, len = MIN(size, (u64)sim_line() - off);

		fn(line, off, len, buf);
		pa += len;
		buf += len;
		size -= len;
	}
}

static void host_write_line(pa_t line, unsigned off, unsigned len, u8 *buf)
{
	sim_speculate();
	sim_dc_write(line, buf, off, len);
}

static void host_read_line(pa_t line, unsigned off, unsigned len, u8 *buf)
{
	u8 tmp[SIM_LINE_MAX];

	sim_speculate();
	sim_dc_read(line, tmp);
	memcpy(buf, tmp + off, len);
}

static void writeback_view_line(pa_t line, unsigned off, unsigned len, u8 *buf)
{
	u8 tmp[SIM_LINE_MAX];
	enum sim_line_state st;

	if (!sim_dc_peek(line, tmp, &st) || st != SIM_DIRTY)
		memcpy(tmp, arch_pa_to_va(line), sim_line());
	memcpy(buf, tmp + off, len);
}

void sim_host_write(pa_t pa, const void *src, u64 size)
{
	for_lines(pa, size, host_write_line, (u8 *)src);
}

void sim_host_read(pa_t pa, void *dst, u64 size)
{
	for_lines(pa, size, host_read_line, dst);
}

void sim_memory_after_writeback(pa_t pa, void *dst, u64 size)
{
	for_lines(pa, size, writeback_view_line, dst);
}

/* The bytes of [pa, pa + size) before the stores being replayed (sim_host_stores_begin). */
static u8 *stores_before;
static pa_t stores_pa;
static u64 stores_size;

void sim_host_stores_begin(pa_t pa, u64 size)
{
	free(stores_before);
	if (!(stores_before = malloc(size)))
		abort();
	memcpy(stores_before, arch_pa_to_va(pa), size);
	stores_pa = pa;
	stores_size = size;
}

void sim_host_stores_end(void)
{
	u8 *after;

	if (!stores_before)
		return;
	if (!(after = malloc(stores_size)))
		abort();
	memcpy(after, arch_pa_to_va(stores_pa), stores_size);
	memcpy(arch_pa_to_va(stores_pa), stores_before, stores_size); /* the stores never reached memory... */
	sim_host_write(stores_pa, after, stores_size);                 /* ...they went into the cache */
	free(after);
	free(stores_before);
	stores_before = NULL;
}

void sim_host_cacheable_stores(pa_t pa, u64 size, void (*writer)(void *arg), void *arg)
{
	sim_host_stores_begin(pa, size);
	writer(arg);
	sim_host_stores_end();
}
