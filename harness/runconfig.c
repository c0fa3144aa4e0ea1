/* run_config helpers shared by the matrix (run, lava, --dry-run) and by parse. */
#include "runconfig.h"
#include "strput.h"

#include "../core/bootargs.h"
#include "../core/lib.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int set_tenths(uint64_t *dst, const char *v)
{
	u64 t;

	if (!bootarg_parse_tenths(v, strlen(v), &t))
		return -1;
	*dst = t;
	return 0;
}

/* The run_config fields a `cfg` record sets, in the order records list them. */
enum cfg_field_type { CF_WORD, CF_SIZE, CF_TENTHS };
#define CF(key, type, field) { #key, type, offsetof(struct run_config, field), \
			       sizeof(((struct run_config *)0)->field) }
static const struct cfg_field {
	const char *key;
	enum cfg_field_type type;
	size_t offset, size;
} cfg_fields[] = {
	CF(strategy, CF_WORD, strategy), CF(guest, CF_WORD, guest), CF(mem, CF_SIZE, mem),
	CF(boots, CF_SIZE, boots), CF(block, CF_WORD, block), CF(map, CF_WORD, map),
	CF(icache, CF_WORD, icache), CF(frac, CF_TENTHS, frac_tenths),
	CF(stride, CF_SIZE, stride), CF(write, CF_SIZE, write), CF(order, CF_WORD, order),
	CF(seed, CF_SIZE, seed), CF(trace, CF_WORD, trace),
	CF(vcpus, CF_SIZE, vcpus), /* absent: one vCPU */
};
#define NCFG_FIELDS (sizeof(cfg_fields) / sizeof(cfg_fields[0]))

/* The field of KEY, or NULL: tried from GUESS (the one after the last match) round. */
static const struct cfg_field *cfg_field(size_t guess, const char *key)
{
	for (size_t tried = 0, i = guess % NCFG_FIELDS; tried < NCFG_FIELDS; tried++) {
		if (cfg_fields[i].key[0] == key[0] && str_eq(cfg_fields[i].key, key))
			return &cfg_fields[i];
		i = i + 1 < NCFG_FIELDS ? i + 1 : 0;
	}
	return NULL;
}

/* One pass over the record's keys (a record_get per field was 5% of parse's time); keys are
 * unique in a record (protocol.h). */
int run_config_from_record(struct run_config *cfg, const struct record *rec)
{
	size_t guess = 0;
	int bad = 0;

	for (int i = 0; i < rec->nkv; i++) {
		const struct cfg_field *f = cfg_field(guess, rec->kv[i].key);
		if (!f)
			continue;
		guess = (size_t)(f - cfg_fields) + 1;
		char *field = (char *)cfg + f->offset;
		const char *v = rec->kv[i].val;
		switch (f->type) {
		case CF_WORD: str_copy(field, f->size, v); break;
		case CF_SIZE: bad |= parse_size(v, (uint64_t *)(void *)field); break;
		case CF_TENTHS: bad |= set_tenths((uint64_t *)(void *)field, v); break;
		}
	}
	return bad ? -1 : 0;
}
