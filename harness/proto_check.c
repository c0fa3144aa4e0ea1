/* Values of the keys docs/protocol.md defines: a CRC-valid record that breaks them is malformed,
 * so no row ever holds a number that is not one or a word the readers do not know. */
#include "protocol.h"
#include "strput.h"

#include "../core/boot_exit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum val_type { V_NUM, V_BIT, V_WORD, V_ENUM, V_TENTHS /* "12" or "12.5" */ };

struct key_spec {
	const char *kind, *key;
	enum val_type type;
	const char *words; /* V_ENUM: the allowed values, each followed by ' ' */
	int required;
	size_t maxlen; /* 0 = no limit beyond the line's; else the runs.csv cell's size - 1 */
};

/* What a `calib` record measures (core/calib_program.c). */
#define CALIB_OPS                                                                                  \
	"cache clock dc_civac dc_cvac ic_ialluis tlbi_vmalls12e1is hvc s2_fault map_4k map_2m "    \
	"write_bw "

/* Keys not listed here are kept as they are (CSV `extra`); only their grammar is checked. A kind's
 * keys are listed together (index_kinds). */
static const struct key_spec specs[] = {
	{ "hello", "proto", V_WORD, 0, 1, 15 },
	{ "hello", "hv", V_WORD, 0, 0, 31 },
	{ "hello", "board", V_WORD, 0, 0, 31 },
	{ "hello", "midr", V_NUM, 0, 0, 0 },
	{ "hello", "pa_bits", V_NUM, 0, 0, 0 },
	{ "hello", "fwb", V_BIT, 0, 0, 0 },
	{ "hello", "dic", V_BIT, 0, 0, 0 },
	{ "hello", "idc", V_BIT, 0, 0, 0 },
	{ "hello", "ctr", V_NUM, 0, 0, 0 },
	{ "hello", "hafdbs", V_NUM, 0, 0, 0 },
	{ "hello", "pmu_ver", V_NUM, 0, 0, 0 },
	{ "hello", "cal_hvc_insts", V_NUM, 0, 0, 0 },
	{ "hello", "cal_hvc_cycles", V_NUM, 0, 0, 0 },
	{ "cfg", "strategy", V_WORD, 0, 1, 31 },
	{ "cfg", "guest", V_WORD, 0, 1, 31 },
	{ "cfg", "mem", V_NUM, 0, 1, 0 },
	{ "cfg", "boots", V_NUM, 0, 1, 0 },
	{ "cfg", "block", V_ENUM, "4k 2m ", 1, 0 },
	{ "cfg", "map", V_ENUM, "ondemand premap ", 0, 0 }, /* s2vmm has no map/icache/trace */
	{ "cfg", "icache", V_ENUM, "exec all ", 0, 0 },
	{ "cfg", "frac", V_TENTHS, 0, 1, 0 },
	{ "cfg", "stride", V_NUM, 0, 1, 0 },
	{ "cfg", "write", V_NUM, 0, 1, 0 },
	{ "cfg", "order", V_ENUM, "seq random scatter ", 1, 0 },
	{ "cfg", "seed", V_NUM, 0, 1, 0 },
	{ "cfg", "trace", V_ENUM, "none faults ", 0, 0 },
	{ "cfg", "vcpus", V_NUM, 0, 0, 0 }, /* s2hv, when more than one */
	{ "boot", "idx", V_NUM, 0, 1, 0 },
	{ "boot", "reinit_cycles", V_NUM, 0, 0, 0 },
	{ "boot", "reinit_insts", V_NUM, 0, 0, 0 },
	{ "boot", "reinit_lines", V_NUM, 0, 0, 0 },
	{ "boot", "reinit_lines_loaded", V_NUM, 0, 0, 0 },
	{ "boot", "faults", V_NUM, 0, 0, 0 },
	{ "boot", "fault_cycles", V_NUM, 0, 0, 0 },
	{ "boot", "fault_max_cycles", V_NUM, 0, 0, 0 },
	{ "boot", "fault_lines", V_NUM, 0, 0, 0 },
	{ "boot", "icache_invals", V_NUM, 0, 0, 0 },
	{ "boot", "tlbis", V_NUM, 0, 0, 0 },
	{ "boot", "pages_mapped", V_NUM, 0, 0, 0 },
	{ "boot", "aborts_injected", V_NUM, 0, 0, 0 },
	{ "boot", "vcpus", V_NUM, 0, 0, 0 },
	{ "boot", "ready", V_BIT, 0, 0, 0 },
	{ "boot", "ready_cycles", V_NUM, 0, 0, 0 },
	{ "boot", "ready_insts", V_NUM, 0, 0, 0 },
	{ "boot", "ready_ns", V_NUM, 0, 0, 0 },
	{ "boot", "ready_ticks", V_NUM, 0, 0, 0 },
	{ "boot", "reboot_cycles", V_NUM, 0, 0, 0 },
	{ "boot", "reboot_insts", V_NUM, 0, 0, 0 },
	{ "boot", "check", V_ENUM, "pass fail none ", 1, 0 },
	{ "boot", "exit", V_ENUM, BOOT_EXIT_WORD_LIST, 1, 0 },
	{ "fault", "boot", V_NUM, 0, 1, 0 },
	{ "fault", "ipa", V_NUM, 0, 0, 0 },
	{ "fault", "kind", V_ENUM, "data inst ", 0, 0 },
	{ "fault", "write", V_BIT, 0, 0, 0 },
	{ "fault", "cycles", V_NUM, 0, 0, 0 },
	{ "fault", "lines", V_NUM, 0, 0, 0 },
	{ "metric", "boot", V_NUM, 0, 1, 0 },
	{ "metric", "key", V_WORD, 0, 1, 0 },
	{ "metric", "value", V_NUM, 0, 1, 0 },
	{ "error", "code", V_WORD, 0, 1, 0 },
	{ "error", "boot", V_NUM, 0, 0, 0 },
	{ "error", "esr", V_NUM, 0, 0, 0 },
	{ "error", "far", V_NUM, 0, 0, 0 },
	{ "error", "hpfar", V_NUM, 0, 0, 0 },
	{ "error", "elr", V_NUM, 0, 0, 0 },
	{ "done", "status", V_ENUM, "ok error unsupported powered_off_early ", 1, 0 },
	{ "done", "boots", V_NUM, 0, 0, 0 },
	{ "done", "faults", V_NUM, 0, 0, 0 },
	{ "done", "lines", V_NUM, 0, 0, 0 },
	{ "oracle", "violations", V_NUM, 0, 1, 0 }, /* the harness seals it (docs/oracle.md) */
	{ "oracle", "nc_read_dirty", V_NUM, 0, 0, 0 },
	{ "oracle", "read_discarded", V_NUM, 0, 0, 0 },
	{ "oracle", "read_stale_cached", V_NUM, 0, 0, 0 },
	{ "oracle", "ifetch_stale", V_NUM, 0, 0, 0 },
	{ "oracle", "dc_step", V_NUM, 0, 0, 0 },
	{ "oracle", "dc_absent", V_NUM, 0, 1, 0 },
	{ "oracle", "dc_clean", V_NUM, 0, 1, 0 },
	{ "oracle", "dc_dirty", V_NUM, 0, 1, 0 },
	{ "oracle", "ifetch_guest_own", V_NUM, 0, 0, 0 },
	{ "oracle", "guest_mmu_on", V_NUM, 0, 0, 0 },
	{ "calib", "op", V_ENUM, CALIB_OPS, 1, 0 },
	{ "calib", "state", V_ENUM, "absent clean dirty ", 0, 0 },
	{ "calib", "level", V_NUM, 0, 0, 0 },
	{ "calib", "line", V_NUM, 0, 0, 0 },
	{ "calib", "sets", V_NUM, 0, 0, 0 },
	{ "calib", "ways", V_NUM, 0, 0, 0 },
	{ "calib", "size", V_NUM, 0, 0, 0 },
	{ "calib", "cntfrq", V_NUM, 0, 0, 0 },
	{ "calib", "insts", V_NUM, 0, 0, 0 },
	{ "calib", "bytes", V_NUM, 0, 0, 0 },
	{ "calib", "ops", V_NUM, 0, 0, 0 },
	{ "calib", "n", V_NUM, 0, 0, 0 },
	{ "calib", "cycles_med", V_NUM, 0, 0, 0 },
	{ "calib", "cycles_q1", V_NUM, 0, 0, 0 },
	{ "calib", "cycles_q3", V_NUM, 0, 0, 0 },
	{ "calib", "ticks_med", V_NUM, 0, 0, 0 },
	{ "calib", "ticks_q1", V_NUM, 0, 0, 0 },
	{ "calib", "ticks_q3", V_NUM, 0, 0, 0 },
	{ "calib", "insts_med", V_NUM, 0, 0, 0 },
	/* configuration over the console (docs/protocol.md): the exchange, not a run's records */
	{ "ready", "proto", V_WORD, 0, 1, 15 },
	{ "ready", "served", V_NUM, 0, 1, 0 },
	{ "ack", "served", V_NUM, 0, 1, 0 },
	{ "nak", "reason", V_ENUM, "crc too_long grammar ", 1, 0 },
};

int proto_is_number(const char *s)
{
	const char *p;

	if (s[0] == '0' && s[1] == 'x') { /* at most 16 digits: it fits, and a cell holds it */
		for (p = s + 2; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
			;
		return !*p && p - (s + 2) >= 1 && p - (s + 2) <= 16;
	}
	if (!*s || (s[0] == '0' && s[1])) /* "010" would be octal to strtoull(.., 0) */
		return 0;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		;
	/* no leading zero: up to 19 digits always fit in 64 bits, 20 digits up to UINT64_MAX's
	 * (one compare, not an overflow test per digit: every record's numbers pass here) */
	return !*p && (p - s < 20 || (p - s == 20 && strcmp(s, "18446744073709551615") <= 0));
}

/* A number, or decimal digits, '.', one digit: what bootarg_format_tenths writes. */
static int proto_is_tenths(const char *v)
{
	const char *dot = strchr(v, '.');
	char whole[24];

	if (!dot)
		return proto_is_number(v);
	if ((size_t)(dot - v) >= sizeof(whole) || dot[1] < '0' || dot[1] > '9' || dot[2] || dot == v ||
	    strspn(v, "0123456789") != (size_t)(dot - v))
		return 0;
	memcpy(whole, v, dot - v);
	whole[dot - v] = 0;
	return proto_is_number(whole) && strlen(whole) < 19; /* its tenths fit 64 bits */
}

/* V (not empty, no space) is one of WORDS, each followed by ' ': one walk, no call a word
 * (every boot and fault record has an enum value). */
static int in_list(const char *words, const char *v)
{
	for (const char *w = words; *w;) {
		const char *p = v;
		while (*p && *p == *w)
			p++, w++;
		if (!*p && *w == ' ')
			return 1;
		while (*w++ != ' ') /* on to the next word */
			;
	}
	return 0;
}

static int value_ok(const struct key_spec *k, const char *v)
{
	switch (k->type) {
	case V_NUM: return proto_is_number(v);
	case V_TENTHS: return proto_is_tenths(v);
	case V_BIT: return (v[0] == '0' || v[0] == '1') && !v[1];
	case V_WORD: return *v != '\0';
	case V_ENUM: return *v != '\0' && in_list(k->words, v);
	}
	return 0;
}

#define NSPECS (sizeof(specs) / sizeof(specs[0]))

/* Where each kind's specs start: they are listed together, in at most MAX_KINDS groups. */
#define MAX_KINDS 16
static size_t kind_start[MAX_KINDS + 1];
static size_t nkinds;

static void index_kinds(void)
{
	for (size_t i = 0; i < NSPECS; i++) {
		if (i && strcmp(specs[i].kind, specs[i - 1].kind) == 0)
			continue;
		for (size_t g = 0; g < nkinds; g++) /* a kind in two places would lose its second */
			if (strcmp(specs[kind_start[g]].kind, specs[i].kind) == 0)
				abort();
		if (nkinds == MAX_KINDS)
			abort();
		kind_start[nkinds++] = i;
	}
	kind_start[nkinds] = NSPECS;
}

/* The specs of KIND, [*LO, *HI); an empty range for a kind the protocol does not define. */
static void kind_specs(const char *kind, size_t *lo, size_t *hi)
{
	if (!nkinds)
		index_kinds();
	*lo = *hi = NSPECS;
	for (size_t g = 0; g < nkinds; g++) {
		const char *k = specs[kind_start[g]].kind;
		if (k[0] == kind[0] && str_eq(k, kind)) {
			*lo = kind_start[g];
			*hi = kind_start[g + 1];
			return;
		}
	}
}

/* The spec of KEY in [LO, HI), trying GUESS first and going round; HI if KEY is not one. */
static size_t find_spec(size_t lo, size_t hi, size_t guess, const char *key)
{
	size_t j = guess;
	for (size_t tried = 0; tried < hi - lo; tried++, j = j + 1 < hi ? j + 1 : lo)
		if (specs[j].key[0] == key[0] && str_eq(specs[j].key, key))
			return j;
	return hi;
}

const char *proto_check_record(const struct record *rec)
{
	/* hot (every record): each of the record's keys is matched to its spec once, trying the
	 * spec after the last match first (records list keys in this order), instead of a
	 * record_get per spec */
	const char *val[NSPECS];
	size_t lo, hi, guess;

	kind_specs(rec->kind, &lo, &hi);
	memset(val + lo, 0, (hi - lo) * sizeof(val[0])); /* only the kind's: the rest is not read */
	guess = lo;
	for (int i = 0; i < rec->nkv && lo < hi; i++) {
		size_t j = find_spec(lo, hi, guess, rec->kv[i].key);
		if (j == hi)
			continue; /* not a key of the protocol: kept in `extra` */
		val[j] = rec->kv[i].val; /* keys are unique in a record (split_body) */
		guess = j + 1 < hi ? j + 1 : lo;
	}
	for (size_t j = lo; j < hi; j++) { /* in spec order: the first bad key is the one said */
		const struct key_spec *k = &specs[j];
		const char *v = val[j];
		if (!v && k->required)
			return k->key; /* e.g. a partial cfg: its run would be named from defaults */
		if (v && (!value_ok(k, v) || (k->maxlen && strlen(v) > k->maxlen)))
			return k->key;
	}
	return NULL;
}
