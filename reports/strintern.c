/* String interning (see strintern.h): an open-addressing hash set, kept at most half full. */
#include "strintern.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct strintern {
	char **slot;
	size_t cap, n; /* cap: a power of two */
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static char **find(char **slot, size_t cap, const char *s)
{
	size_t i = hash(s) & (cap - 1);
	while (slot[i] && strcmp(slot[i], s))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

struct strintern *strintern_new(void)
{
	struct strintern *in = calloc(1, sizeof(*in));
	if (in && !(in->slot = calloc(in->cap = 16, sizeof(*in->slot)))) {
		free(in);
		in = NULL;
	}
	return in;
}

static int rehash(struct strintern *in)
{
	size_t cap = in->cap * 2;
	char **slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	for (size_t i = 0; i < in->cap; i++)
		if (in->slot[i])
			*find(slot, cap, in->slot[i]) = in->slot[i];
	free(in->slot);
	in->slot = slot, in->cap = cap;
	return 0;
}

const char *strintern(struct strintern *in, const char *s)
{
	char **p = find(in->slot, in->cap, s);
	if (*p)
		return *p;
	if (2 * (in->n + 1) > in->cap) {
		if (rehash(in))
			return NULL;
		p = find(in->slot, in->cap, s);
	}
	if (!(*p = strdup(s)))
		return NULL;
	in->n++;
	return *p;
}

void strintern_free(struct strintern *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->cap; i++)
		free(in->slot[i]);
	free(in->slot);
	free(in);
}
