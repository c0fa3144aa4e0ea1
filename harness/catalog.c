/* The names the hypervisor accepts (core/config.c, strategies/, bench-guests/), seen from the host. */
#include "catalog.h"

#include "boards.h"
#include "hvkeys.h"
#include "../core/bootargs.h"
#include "../strategies/table.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BOARD_ENTRY(ops, name, host, lava_cpu, summary) { name, summary, host },
const struct catalog_entry catalog_boards[] = {
	S2B_BOARDS(BOARD_ENTRY)
	{ NULL, NULL, HOST_ANY },
};

/* strategies/table.h: the hypervisor's own list, and s2vmm's. */
#define S2HV_ENTRY(id, name, colour, control, needs, summary, ...) { name, summary, HOST_S2HV },
#define S2VMM_ENTRY(id, name, colour, control, needs, summary) { name, summary, HOST_S2VMM },
const struct catalog_entry catalog_strategies[] = {
	S2HV_STRATEGIES(S2HV_ENTRY) S2VMM_STRATEGIES(S2VMM_ENTRY)
	{ NULL, NULL, HOST_ANY },
};

const struct catalog_entry catalog_guests[] = {
	{ "hello", "prints, checks its image, resets: the smallest reboot", HOST_ANY },
	{ "touch", "touches frac% of RAM with stride/write/order, checks what it reads back", HOST_ANY },
	{ "boot-reloc", "relocates itself like a kernel decompressor, then runs the copy", HOST_ANY },
	{ "icode", "executes code the host rewrote: catches a missing I-cache invalidate", HOST_ANY },
	{ "memsweep", "sweeps all of RAM, reading and writing, to measure fault cost per page", HOST_ANY },
	{ "psci", "checks PSCI for its vcpus (CPU_ON, AFFINITY_INFO), resets with them busy", HOST_S2HV },
	{ NULL, NULL, HOST_ANY },
};

/* `oracle`: the harness's own switch (QEMU boards only, hvkeys.c's hv_board_accepts). */
const struct catalog_entry catalog_onoff[] = {
	{ "off", "normal image: the run's counts are measurements", HOST_ANY },
	{ "on", "oracle image under the coherence plugin: a verdict, never counts", HOST_ANY },
	{ NULL, NULL, HOST_ANY },
};

#define STR_FIELD(f) offsetof(struct run_config, f), sizeof(((struct run_config *)0)->f)
#define U64_FIELD(f) offsetof(struct run_config, f), sizeof(uint64_t)

/* Limits, units and choices of the KEY_BOOTARG keys are the hypervisor's (`s2bench list`). */
const struct run_key run_keys[] = {
	{ "board", KEY_NAME, catalog_boards, STR_FIELD(board), "where the run happens" },
	{ "strategy", KEY_NAME, catalog_strategies, STR_FIELD(strategy), "reinit strategy" },
	{ "guest", KEY_NAME, catalog_guests, STR_FIELD(guest), "guest image" },
	{ "mem", KEY_BOOTARG, NULL, U64_FIELD(mem), "guest RAM (K/M/G suffix)" },
	{ "boots", KEY_BOOTARG, NULL, U64_FIELD(boots), "boots per run (boot 0 is cold)" },
	{ "block", KEY_BOOTARG, NULL, STR_FIELD(block), "stage-2 mapping size" },
	{ "map", KEY_BOOTARG, NULL, STR_FIELD(map), "map at fault or before boot" },
	{ "icache", KEY_BOOTARG, NULL, STR_FIELD(icache), "I-cache invalidate on exec faults only, or on all" },
	{ "frac", KEY_BOOTARG, NULL, U64_FIELD(frac_tenths), "% of RAM the guest touches (tenths: 12.5)" },
	{ "stride", KEY_BOOTARG, NULL, U64_FIELD(stride), "bytes between touches" },
	{ "write", KEY_BOOTARG, NULL, U64_FIELD(write), "% of touches that write" },
	{ "order", KEY_BOOTARG, NULL, STR_FIELD(order), "touch order (scatter: another random subset every boot)" },
	{ "seed", KEY_BOOTARG, NULL, U64_FIELD(seed), "seed of random order and eviction" },
	{ "trace", KEY_BOOTARG, NULL, STR_FIELD(trace), "one fault record per stage-2 fault" },
	{ "vcpus", KEY_BOOTARG, NULL, U64_FIELD(vcpus), "vCPUs of the guest, one per CPU (qemu-virt: -smp N)" },
	{ "oracle", KEY_NAME, catalog_onoff, STR_FIELD(oracle), "coherence oracle (QEMU boards)" },
};
const size_t run_key_count = sizeof(run_keys) / sizeof(run_keys[0]);

const struct catalog_entry *catalog_find(const struct catalog_entry *e, const char *name)
{
	for (; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

const struct run_key *run_key_find(const char *name)
{
	for (size_t i = 0; i < run_key_count; i++)
		if (strcmp(run_keys[i].name, name) == 0)
			return &run_keys[i];
	return NULL;
}

static int is_string(const struct run_key *k)
{
	struct hv_key_info info;

	return k->kind == KEY_NAME || (hv_key_info(k->name, &info) == 0 && info.is_enum);
}

/* Strings are copied whole or refused: a field never holds a truncated name. */
static int set_string(const struct run_key *k, const char *v, struct run_config *cfg, char *why,
		      size_t whylen)
{
	if (strlen(v) >= k->size) {
		snprintf(why, whylen, "too long");
		return -1;
	}
	memcpy((char *)cfg + k->offset, v, strlen(v) + 1);
	return 0;
}

int run_key_apply(const struct run_key *k, const char *v, struct run_config *cfg, char *why,
		  size_t whylen)
{
	uint64_t n;

	if (k->kind == KEY_NAME) {
		if (!catalog_find(k->names, v)) {
			snprintf(why, whylen, "unknown name (see `s2bench list`)");
			return -1;
		}
		return set_string(k, v, cfg, why, whylen);
	}
	if (hv_key_check(k->name, v, &n, why, whylen))
		return -1;
	if (is_string(k))
		return set_string(k, v, cfg, why, whylen);
	memcpy((char *)cfg + k->offset, &n, sizeof(n));
	return 0;
}

void run_key_format(const struct run_key *k, const struct run_config *cfg, char *buf, size_t len)
{
	struct hv_key_info info;
	uint64_t n;

	if (is_string(k)) {
		snprintf(buf, len, "%s", (const char *)cfg + k->offset);
		return;
	}
	memcpy(&n, (const char *)cfg + k->offset, sizeof(n));
	if (hv_key_info(k->name, &info) == 0 && info.is_size)
		format_size(n, buf, len);
	else if (info.is_tenths)
		bootarg_format_tenths(n, buf, len);
	else
		snprintf(buf, len, "%" PRIu64, n);
}

/* Every key at the hypervisor's default (the first board for `board`). */
void run_config_defaults(struct run_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->board, sizeof(cfg->board), "%s", catalog_boards[0].name);
	for (size_t i = 0; i < run_key_count; i++) {
		const struct run_key *k = &run_keys[i];
		char word[32], why[16];
		uint64_t n;

		if (k->offset == offsetof(struct run_config, board))
			continue;
		hv_key_default(k->name, word, sizeof(word), &n);
		if (is_string(k))
			set_string(k, word, cfg, why, sizeof(why));
		else
			memcpy((char *)cfg + k->offset, &n, sizeof(n));
	}
}
