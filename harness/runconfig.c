/* run_config helpers shared by the matrix (run, lava, --dry-run) and by parse. */
#include "runconfig.h"
#include "strput.h"

#include "../core/bootargs.h"
#include "../core/lib.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src))

/* What bootarg_format_tenths writes ("12", "12.5"), put at P: parse names every run with it. */
static char *put_tenths(char *p, uint64_t t)
{
	p = str_put_u64(p, t / 10);
	if (t % 10) {
		*p++ = '.';
		*p++ = (char)('0' + t % 10);
	}
	return p;
}

void run_config_frac(const struct run_config *cfg, char buf[24])
{
	*put_tenths(buf, cfg->frac_tenths) = '\0';
}

/* " vcpus=N" for more than one vCPU, else "": one vCPU is written as before SMP existed, so
 * every older run id and command line stands. */
static void vcpus_word(const struct run_config *c, const char *prefix, char buf[32])
{
	buf[0] = 0;
	if (c->vcpus > 1)
		snprintf(buf, 32, " %svcpus=%" PRIu64, prefix, c->vcpus);
}

/* "board=B strategy=S ... rep=N[ oracle=on][ vcpus=N]", put together by hand (a snprintf of it
 * was 7% of parse's time). A whole frac is written as it was before tenths, so old ids stand;
 * likewise `oracle` is only written when on: an oracle run is another measurement than the same
 * config without it. The fields are bounded arrays and numbers: the text fits in TEXT_MAX. */
#define TEXT_MAX 512
static size_t canonical_text(const struct run_config *c, char text[TEXT_MAX])
{
	char *p = text;

	p = str_put(str_put(p, "board="), c->board);
	p = str_put(str_put(p, " strategy="), c->strategy);
	p = str_put(str_put(p, " guest="), c->guest);
	p = str_put_u64(str_put(p, " mem="), c->mem);
	p = str_put_u64(str_put(p, " boots="), c->boots);
	p = str_put(str_put(p, " block="), c->block);
	p = str_put(str_put(p, " map="), c->map);
	p = str_put(str_put(p, " icache="), c->icache);
	p = put_tenths(str_put(p, " frac="), c->frac_tenths);
	p = str_put_u64(str_put(p, " stride="), c->stride);
	p = str_put_u64(str_put(p, " write="), c->write);
	p = str_put(str_put(p, " order="), c->order);
	p = str_put_u64(str_put(p, " seed="), c->seed);
	p = str_put(str_put(p, " trace="), c->trace);
	p = str_put_u64(str_put(p, " rep="), c->copy);
	if (run_config_oracle(c))
		p = str_put(p, " oracle=on");
	if (c->vcpus > 1)
		p = str_put_u64(str_put(p, " vcpus="), c->vcpus);
	return (size_t)(p - text);
}

int run_config_oracle(const struct run_config *c)
{
	return strcmp(c->oracle, "on") == 0;
}

void hash_id(const char *text, size_t len, char id[RUN_ID_LEN + 1])
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 0x100000001b3ull;
	str_hex16(id, h);
}

void run_config_id(const struct run_config *cfg, char id[RUN_ID_LEN + 1])
{
	char text[TEXT_MAX];

	hash_id(text, canonical_text(cfg, text), id);
}

uint64_t run_rep_seed(uint64_t seed, unsigned rep)
{
	uint64_t z = seed + (uint64_t)rep * 0x9e3779b97f4a7c15ull;

	if (rep == 0)
		return seed;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void run_config_set_rep(struct run_config *c, uint64_t suite_seed, unsigned rep)
{
	c->rep = rep;
	c->seed = run_rep_seed(suite_seed, rep);
	c->copy = 0;
}

void run_config_legacy_id(const struct run_config *c, uint64_t suite_seed, char id[RUN_ID_LEN + 1])
{
	struct run_config old = *c;

	old.seed = suite_seed;
	old.copy = c->rep;
	run_config_id(&old, id);
}

int run_config_bootargs(const struct run_config *c, char *buf, size_t len)
{
	char frac[24], vcpus[32];

	run_config_frac(c, frac);
	vcpus_word(c, BOOTARG_PREFIX, vcpus);
	return snprintf(buf, len,
			"s2b.strategy=%s s2b.guest=%s s2b.mem=%" PRIu64 " s2b.boots=%" PRIu64
			" s2b.block=%s s2b.map=%s s2b.icache=%s s2b.frac=%s"
			" s2b.stride=%" PRIu64 " s2b.write=%" PRIu64 " s2b.order=%s s2b.seed=%" PRIu64
			" s2b.trace=%s%s",
			c->strategy, c->guest, c->mem, c->boots, c->block, c->map, c->icache, frac,
			c->stride, c->write, c->order, c->seed, c->trace, vcpus);
}

/* The hypervisor's own number syntax (core/lib/parse.c): decimal or 0x hex, never octal. */
int parse_size(const char *s, uint64_t *out)
{
	u64 v;

	if (!s || !parse_u64(s, strlen(s), true, &v))
		return -1;
	*out = v;
	return 0;
}

void format_size(uint64_t b, char *buf, size_t len)
{
	if (b && b % (1ull << 30) == 0)
		snprintf(buf, len, "%" PRIu64 "G", b >> 30);
	else if (b && b % (1ull << 20) == 0)
		snprintf(buf, len, "%" PRIu64 "M", b >> 20);
	else if (b && b % (1ull << 10) == 0)
		snprintf(buf, len, "%" PRIu64 "K", b >> 10);
	else
		snprintf(buf, len, "%" PRIu64, b);
}

static int set_u64(uint64_t *dst, const char *v)
{
	return v ? parse_size(v, dst) : 0;
}

static int set_tenths(uint64_t *dst, const char *v)
{
	u64 t;

	if (!v)
		return 0;
	if (!bootarg_parse_tenths(v, strlen(v), &t))
		return -1;
	*dst = t;
	return 0;
}

#define SET_STR(field, key)                                \
	do {                                               \
		const char *v_ = record_get(rec, key);     \
		if (v_)                                    \
			COPY(cfg->field, v_);              \
	} while (0)

int run_config_from_record(struct run_config *cfg, const struct record *rec)
{
	SET_STR(strategy, "strategy");
	SET_STR(guest, "guest");
	SET_STR(block, "block");
	SET_STR(map, "map");
	SET_STR(icache, "icache");
	SET_STR(order, "order");
	SET_STR(trace, "trace");
	if (set_u64(&cfg->mem, record_get(rec, "mem")) || set_u64(&cfg->boots, record_get(rec, "boots")) ||
	    set_tenths(&cfg->frac_tenths, record_get(rec, "frac")) ||
	    set_u64(&cfg->stride, record_get(rec, "stride")) ||
	    set_u64(&cfg->write, record_get(rec, "write")) ||
	    set_u64(&cfg->seed, record_get(rec, "seed")) ||
	    set_u64(&cfg->vcpus, record_get(rec, "vcpus"))) /* absent: one vCPU */
		return -1;
	return 0;
}
