/* See config_match.h. */
#include "config_match.h"

#include "csvout.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define BOOTARGS_MAX 512

/* The bootargs C is run with, vcpus always written (run_config_bootargs leaves out vcpus=1), so
 * both sides have the same keys in the same order. */
static void bootargs_of(const struct run_config *c, char buf[BOOTARGS_MAX])
{
	int n = run_config_bootargs(c, buf, BOOTARGS_MAX);

	if (c->vcpus <= 1 && n > 0 && n < BOOTARGS_MAX)
		snprintf(buf + n, BOOTARGS_MAX - (size_t)n, " s2b.vcpus=%" PRIu64, c->vcpus);
}

/* The next space-separated word of *P ("" at the end); advances *P past it. */
static size_t next_word(const char **p, const char **word)
{
	while (**p == ' ')
		++*p;
	*word = *p;
	while (**p && **p != ' ')
		++*p;
	return (size_t)(*p - *word);
}

int config_mismatch(const struct run_config *asked, const struct run_config *got, unsigned absent,
		    char *why, size_t len)
{
	struct run_config g = *got;
	char a[BOOTARGS_MAX], b[BOOTARGS_MAX];
	const char *pa = a, *pb = b, *wa, *wb;
	size_t na, nb;

	/* what the board leaves out of its cfg (s2vmm has no map) cannot say it differs */
	if (absent & (1u << table_col(TAB_RUNS, "map")))
		memcpy(g.map, asked->map, sizeof(g.map));
	if (absent & (1u << table_col(TAB_RUNS, "icache")))
		memcpy(g.icache, asked->icache, sizeof(g.icache));
	bootargs_of(asked, a);
	bootargs_of(&g, b);
	do {
		na = next_word(&pa, &wa);
		nb = next_word(&pb, &wb);
		if (na != nb || memcmp(wa, wb, na) != 0) {
			const char *eq = memchr(wa, '=', na);
			size_t key = eq ? (size_t)(eq - wa) : na, skip = strlen("s2b.");
			snprintf(why, len, "config_mismatch:%.*s:%.*s_vs_%.*s", (int)(key - skip),
				 wa + skip, (int)(na - key - 1), wa + key + 1,
				 (int)(nb > key ? nb - key - 1 : 0), nb > key ? wb + key + 1 : wb);
			return 1;
		}
	} while (na);
	return 0;
}
