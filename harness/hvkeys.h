/* The hypervisors' bootarg tables seen from the host: suite values are checked, and defaults
 * taken, by the very parser and key table s2hv and s2vmm run (core/bootargs.c, kvm/config.c), so
 * keys, limits, defaults and number syntax have one source. */
#ifndef S2B_HARNESS_HVKEYS_H
#define S2B_HARNESS_HVKEYS_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

/* How KEY's value is written: 0 if s2hv has no such key. */
struct hv_key_info {
	int is_enum, is_size, is_tenths; /* is_tenths: min/max in tenths (frac) */
	uint64_t min, max, align;
	const char *choices[3]; /* is_enum: the words, NULL-padded */
};
int hv_key_info(const char *key, struct hv_key_info *info);

/* Checks VALUE of KEY as s2hv would; on success stores the number into *NUM (enums: the value
 * word is the result, *NUM is its index). Else -1 and a reason in WHY. */
int hv_key_check(const char *key, const char *value, uint64_t *num, char *why, size_t whylen);

/* The value KEY gets when a suite leaves it out: s2hv's own default. */
void hv_key_default(const char *key, char *buf, size_t len, uint64_t *num);

/* Parses WORDS ("s2b.key=value ...") with the parser and table of the hypervisor BOARD boots:
 * 0, or -1 with "s2b.key: error_word" in WHY. */
int hv_board_parse(const struct catalog_entry *board, const char *words, char *why, size_t whylen);

/* Would the hypervisor BOARD boots take `s2b.KEY=VALUE`? 0, or -1 with its error word in WHY
 * (e.g. kvm_strategy_is_fixed, not_supported_by_kvm, not_an_s2hv_strategy). */
int hv_board_accepts(const struct catalog_entry *board, const char *key, const char *value,
		     char *why, size_t whylen);

#endif
