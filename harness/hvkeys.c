/* See hvkeys.h. s2hv's table is instantiated here from the same bootargs.h macros core/config.c
 * uses (its strategy and guest keys are names of the catalog); s2vmm's is kvm/config.c itself. */
#include "hvkeys.h"

#include "../core/bootargs.h"
#include "../kvm/config.h"
#include "runconfig.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The u64 fields s2hv's table stores into (core/config.h has the same names). */
struct hv_words {
	u64 mem, boots, frac_tenths, stride, write_pct, order, seed, inject, block;
	u64 premap, icache_all, trace_faults, vcpus;
};

static int name_is(const char *name, const char *v, size_t n)
{
	return strlen(name) == n && memcmp(name, v, n) == 0;
}

static int in_catalog(const struct catalog_entry *e, enum catalog_host host, const char *v, size_t n)
{
	for (; e->name; e++)
		if (name_is(e->name, v, n) && (e->host == HOST_ANY || e->host == host))
			return 1;
	return 0;
}

static bool set_strategy(void *target, const char *v, size_t n)
{
	(void)target;
	return in_catalog(catalog_strategies, HOST_S2HV, v, n);
}

static bool set_guest(void *target, const char *v, size_t n)
{
	(void)target;
	return in_catalog(catalog_guests, HOST_S2HV, v, n);
}

static const struct bootarg_key hv_keys[] = {
	{.name = "strategy", .kind = BA_CUSTOM, .set = set_strategy, .bad_msg = "not_an_s2hv_strategy"},
	{.name = "guest", .kind = BA_CUSTOM, .set = set_guest, .bad_msg = "unknown_guest"},
	BOOTARG_COMMON_KEYS(struct hv_words),
	BOOTARG_HV_KEYS(struct hv_words),
};

static const struct bootarg_key *find(const char *key)
{
	return bootarg_find(hv_keys, ARRAY_SIZE(hv_keys), key, strlen(key));
}

int hv_key_info(const char *key, struct hv_key_info *info)
{
	const struct bootarg_key *k = find(key);

	memset(info, 0, sizeof(*info));
	if (!k || k->kind == BA_CUSTOM)
		return -1;
	info->is_enum = k->kind == BA_ENUM;
	info->is_size = k->kind == BA_SIZE;
	info->is_tenths = k->kind == BA_TENTHS;
	info->min = k->min;
	info->max = k->max;
	info->align = k->align;
	memcpy(info->choices, k->choices, sizeof(info->choices));
	return 0;
}

static void format_number(const struct bootarg_key *k, uint64_t v, char *buf, size_t len)
{
	if (k->kind == BA_SIZE)
		format_size(v, buf, len);
	else if (k->kind == BA_TENTHS)
		bootarg_format_tenths(v, buf, len);
	else
		snprintf(buf, len, "%" PRIu64, v);
}

/* The error word of bootarg_set() as a suite author reads it. */
static void describe(const struct bootarg_key *k, const char *msg, char *why, size_t len)
{
	char lo[32], hi[32];

	if (!strcmp(msg, "bad_number"))
		snprintf(why, len, "%s", k->kind == BA_SIZE ? "not a size (decimal or 0x hex, optional K/M/G: 64M)"
					 : k->kind == BA_TENTHS ? "not a number with at most one decimal (12, 12.5)"
								: "not a number (decimal or 0x hex)");
	else if (!strcmp(msg, "out_of_range")) {
		format_number(k, k->min, lo, sizeof(lo));
		format_number(k, k->max, hi, sizeof(hi));
		snprintf(why, len, "out of range (%s..%s)", lo, hi);
	} else if (!strcmp(msg, "not_2M_aligned") || !strcmp(msg, "misaligned")) {
		format_size(k->align, lo, sizeof(lo));
		snprintf(why, len, "not a multiple of %s", lo);
	} else if (!strcmp(msg, "bad_choice")) {
		snprintf(why, len, "not one of %s%s%s%s%s", k->choices[0], k->choices[1] ? "|" : "",
			 k->choices[1] ? k->choices[1] : "", k->choices[2] ? "|" : "",
			 k->choices[2] ? k->choices[2] : "");
	} else
		snprintf(why, len, "%s", msg);
}

int hv_key_check(const char *key, const char *value, uint64_t *num, char *why, size_t whylen)
{
	const struct bootarg_key *k = find(key);
	struct hv_words w = {0};
	const char *msg;

	if (!k || k->kind == BA_CUSTOM) {
		snprintf(why, whylen, "not a number or choice of the hypervisor");
		return -1;
	}
	msg = bootarg_set(k, &w, value, strlen(value));
	if (msg) {
		describe(k, msg, why, whylen);
		return -1;
	}
	memcpy(num, (const char *)&w + k->offset, sizeof(*num));
	return 0;
}

void hv_key_default(const char *key, char *buf, size_t len, uint64_t *num)
{
	const struct bootarg_key *k = find(key);
	struct hv_words w = {0};
	u64 v;

	BOOTARG_COMMON_DEFAULTS(&w);
	w.vcpus = 1; /* core/config.c's default */
	*num = 0;
	buf[0] = 0;
	if (!strcmp(key, "oracle")) { /* the harness's key, not the hypervisor's */
		snprintf(buf, len, "off");
		return;
	}
	if (!strcmp(key, "strategy") || !strcmp(key, "guest")) {
		snprintf(buf, len, "%s", !strcmp(key, "strategy") ? BOOTARG_DEFAULT_STRATEGY : BOOTARG_DEFAULT_GUEST);
		return;
	}
	if (!k)
		return;
	memcpy(&v, (const char *)&w + k->offset, sizeof(v));
	*num = v;
	if (k->kind != BA_ENUM) {
		format_number(k, v, buf, len);
		return;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(k->choices); i++)
		if (k->choices[i] && k->values[i] == v)
			snprintf(buf, len, "%s", k->choices[i]);
}

int hv_board_parse(const struct catalog_entry *board, const char *words, char *why, size_t whylen)
{
	struct bootarg_error err = {0};
	int rc;

	if (board->host == HOST_S2VMM) {
		struct vmm_config c;

		vmm_config_defaults(&c);
		rc = vmm_config_parse(&c, words, &err);
	} else {
		struct hv_words w = {0};

		rc = bootargs_parse(hv_keys, ARRAY_SIZE(hv_keys), &w, words, &err);
	}
	if (rc)
		snprintf(why, whylen, "%s: %s", err.key, err.msg);
	return rc;
}

int hv_board_accepts(const struct catalog_entry *board, const char *key, const char *value,
		     char *why, size_t whylen)
{
	char words[160], reason[128];
	const char *msg;

	if (!strcmp(key, "board"))
		return 0;
	/* the plugin needs QEMU's TCG and RAM at 0x40000000: the qemu-virt* boards (boards.h);
	 * serial and kvm boards have no plugin, raspi3b (RAM at 0) was never checked under it */
	if (!strcmp(key, "oracle")) {
		if (strcmp(value, "on"))
			return 0;
		/* the firmware boards (board_firmware.c) boot the image from media the firmware
		 * reads, not by -kernel, and the plugin would watch the firmware too: never checked */
		if (strstr(board->name, "-uboot") || strstr(board->name, "-uefi")) {
			snprintf(why, whylen, "the oracle runs on -kernel boards only, not through firmware");
			return -1;
		}
		if (!strncmp(board->name, "qemu-virt", 9))
			return 0;
		snprintf(why, whylen, "the oracle runs on qemu-virt boards only");
		return -1;
	}
	if ((size_t)snprintf(words, sizeof(words), BOOTARG_PREFIX "%s=%s", key, value) >= sizeof(words)) {
		snprintf(why, whylen, "too long");
		return -1;
	}
	if (!hv_board_parse(board, words, reason, sizeof(reason))) {
		/* other CPUs start by the firmware's PSCI CPU_ON (core/smp.c): QEMU's raspi3b has
		 * spin tables instead; the other QEMU boards get -smp N (board_qemu.c) */
		if (!strcmp(key, "vcpus") && strtoull(value, NULL, 0) > 1 &&
		    !strncmp(board->name, "qemu-", 5) && strncmp(board->name, "qemu-virt", 9)) {
			snprintf(why, whylen, "more than one vCPU needs PSCI, which %s has not", board->name);
			return -1;
		}
		return 0;
	}
	msg = strstr(reason, ": "); /* the key is the caller's */
	snprintf(why, whylen, "%s", msg ? msg + 2 : reason);
	return -1;
}
