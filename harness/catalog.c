/* The names the hypervisor accepts (core/config.c, strategies/, bench-guests/), seen from the host. */
#include "catalog.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const struct catalog_entry catalog_boards[] = {
	{ "qemu-virt", "QEMU virt at EL2, -cpu max: FEAT_S2FWB, -icount shift=0 (counts are instructions)" },
	{ "qemu-virt-a72", "QEMU virt at EL2, -cpu cortex-a72: no FEAT_S2FWB, so fwb runs end unsupported" },
	{ "qemu-raspi3b", "QEMU raspi3b (Cortex-A53, RAM at 0, no PSCI): the Raspberry Pi 3 path, no FEAT_S2FWB" },
	{ "kvm-qemu-n1", "s2vmm on real KVM arm64 in QEMU, -cpu neoverse-n1 (VHE, no FWB: stage2_unmap_vm); strategy kvm" },
	{ "kvm-qemu-a72", "s2vmm on real KVM arm64 in QEMU, -cpu cortex-a72 (nVHE, no FWB); strategy kvm" },
	{ "kvm-qemu-max", "s2vmm on real KVM arm64 in QEMU, -cpu max (FWB: I-cache invalidate only); strategy kvm" },
	{ "serial", "a real board on --console TTY, power-cycled by --reset-cmd (bootargs in $S2B_BOOTARGS)" },
	{ NULL, NULL },
};

const struct catalog_entry catalog_strategies[] = {
	{ "unmap", "KVM without FWB: unmap all of stage 2, cleaning each page; clean again at fault" },
	{ "lazy", "unmap all of stage 2 without cleaning; clean to PoC at fault time" },
	{ "clean", "keep mappings; clean+invalidate every mapped page and the I-cache at reinit" },
	{ "fwb", "FEAT_S2FWB: only invalidate the I-cache (refused without FWB)" },
	{ "none", "negative control: no cache maintenance, must be caught by coherence checks" },
	{ "dirty", "clean only the pages written since the last reinit (stage 2 write-protected, write faults)" },
	{ "dirty-dbm", "as dirty, but the CPU marks written pages itself (stage-2 DBM, FEAT_HAFDBS)" },
	{ "kvm", "KVM's own re-init (kvm-qemu-* boards only): stage2_unmap_vm without FWB, I-cache only with" },
	{ NULL, NULL },
};

const struct catalog_entry catalog_guests[] = {
	{ "hello", "prints, checks its image, resets: the smallest reboot" },
	{ "touch", "touches frac% of RAM with stride/write/order, checks what it reads back" },
	{ "boot-reloc", "relocates itself like a kernel decompressor, then runs the copy" },
	{ "icode", "executes code the host rewrote: catches a missing I-cache invalidate" },
	{ "memsweep", "sweeps all of RAM, reading and writing, to measure fault cost per page" },
	{ NULL, NULL },
};

#define STR_FIELD(f) offsetof(struct run_config, f), sizeof(((struct run_config *)0)->f)
#define U64_FIELD(f) offsetof(struct run_config, f), sizeof(uint64_t)

const struct run_key run_keys[] = {
	{ "board", KEY_NAME, catalog_boards, { 0 }, STR_FIELD(board), 0, "where the run happens" },
	{ "strategy", KEY_NAME, catalog_strategies, { 0 }, STR_FIELD(strategy), 0, "reinit strategy" },
	{ "guest", KEY_NAME, catalog_guests, { 0 }, STR_FIELD(guest), 0, "guest image" },
	{ "mem", KEY_SIZE, NULL, { 0 }, U64_FIELD(mem), 4ull << 20, "guest RAM (K/M/G suffix, 2M multiple)" },
	{ "boots", KEY_COUNT, NULL, { 0 }, U64_FIELD(boots), 1, "boots per run (boot 0 is cold)" },
	{ "block", KEY_ENUM, NULL, { "4k", "2m" }, STR_FIELD(block), 0, "stage-2 mapping size" },
	{ "map", KEY_ENUM, NULL, { "ondemand", "premap" }, STR_FIELD(map), 0, "map at fault or before boot" },
	{ "icache", KEY_ENUM, NULL, { "exec", "all" }, STR_FIELD(icache), 0, "I-cache invalidate on exec faults only, or on all" },
	{ "frac", KEY_PCT, NULL, { 0 }, U64_FIELD(frac), 0, "% of RAM the guest touches" },
	{ "stride", KEY_SIZE, NULL, { 0 }, U64_FIELD(stride), 8, "bytes between touches" },
	{ "write", KEY_PCT, NULL, { 0 }, U64_FIELD(write), 0, "% of touches that write" },
	{ "order", KEY_ENUM, NULL, { "seq", "random", "scatter" }, STR_FIELD(order), 0, "touch order (scatter: another random subset every boot)" },
	{ "seed", KEY_COUNT, NULL, { 0 }, U64_FIELD(seed), 0, "seed of random order and eviction" },
	{ "trace", KEY_ENUM, NULL, { "none", "faults" }, STR_FIELD(trace), 0, "one fault record per stage-2 fault" },
};
const size_t run_key_count = sizeof(run_keys) / sizeof(run_keys[0]);

const struct run_key *run_key_find(const char *name)
{
	for (size_t i = 0; i < run_key_count; i++)
		if (strcmp(run_keys[i].name, name) == 0)
			return &run_keys[i];
	return NULL;
}

static int in_list(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n && list[i]; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

static int known_name(const struct catalog_entry *e, const char *v)
{
	for (; e->name; e++)
		if (strcmp(e->name, v) == 0)
			return 1;
	return 0;
}

int run_key_apply(const struct run_key *k, const char *v, struct run_config *cfg, const char **why)
{
	char *field = (char *)cfg + k->offset;
	uint64_t n;

	switch (k->kind) {
	case KEY_NAME:
	case KEY_ENUM:
		if (k->kind == KEY_NAME ? !known_name(k->names, v) : !in_list(k->choices, 3, v)) {
			*why = k->kind == KEY_NAME ? "unknown name (see `s2bench list`)" : "not one of the choices";
			return -1;
		}
		if (strlen(v) >= k->size) {
			*why = "too long";
			return -1;
		}
		strcpy(field, v);
		return 0;
	case KEY_SIZE:
	case KEY_COUNT:
	case KEY_PCT:
		if (parse_size(v, &n) || (k->kind != KEY_SIZE && v[strspn(v, "0123456789")])) {
			*why = k->kind == KEY_SIZE ? "not a size (e.g. 64M)" : "not a number";
			return -1;
		}
		if ((k->kind == KEY_PCT && n > 100) || n < k->min) {
			*why = "out of range";
			return -1;
		}
		if (k->offset == offsetof(struct run_config, mem) && n % (2u << 20)) {
			*why = "not a multiple of 2M";
			return -1;
		}
		memcpy(field, &n, sizeof(n));
		return 0;
	}
	return -1;
}
