/* Sample memo: a chained hash table keyed by the samples' bytes, kept for the process. */
#include "samplememo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct memo_entry {
	struct memo_entry *next;
	uint64_t hash;
	int kind;
	size_t na, nb;
	double out[MEMO_VALUES];
	double x[]; /* a then b */
};

#define MEMO_BUCKETS 4096
static struct memo_entry *buckets[MEMO_BUCKETS];

static uint64_t fnv(uint64_t h, const void *p, size_t len)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < len; i++)
		h = (h ^ c[i]) * 0x100000001b3ULL;
	return h;
}

static uint64_t key_hash(int kind, const double *a, size_t na, const double *b, size_t nb)
{
	uint64_t h = fnv(0xcbf29ce484222325ULL, &kind, sizeof(kind));
	h = fnv(h, &na, sizeof(na));
	h = fnv(h, a, na * sizeof(*a));
	h = fnv(h, &nb, sizeof(nb));
	return nb ? fnv(h, b, nb * sizeof(*b)) : h;
}

static struct memo_entry *find(uint64_t h, int kind, const double *a, size_t na, const double *b,
			       size_t nb)
{
	for (struct memo_entry *e = buckets[h % MEMO_BUCKETS]; e; e = e->next)
		if (e->hash == h && e->kind == kind && e->na == na && e->nb == nb &&
		    !memcmp(e->x, a, na * sizeof(*a)) && (!nb || !memcmp(e->x + na, b, nb * sizeof(*b))))
			return e;
	return NULL;
}

int memo_get(int kind, const double *a, size_t na, const double *b, size_t nb,
	     double out[MEMO_VALUES])
{
	struct memo_entry *e = find(key_hash(kind, a, na, b, nb), kind, a, na, b, nb);
	if (e)
		memcpy(out, e->out, sizeof(e->out));
	return e != NULL;
}

void memo_put(int kind, const double *a, size_t na, const double *b, size_t nb,
	      const double out[MEMO_VALUES])
{
	uint64_t h = key_hash(kind, a, na, b, nb);
	struct memo_entry *e = malloc(sizeof(*e) + (na + nb) * sizeof(double));
	if (!e)
		return;
	*e = (struct memo_entry){ .hash = h, .kind = kind, .na = na, .nb = nb };
	memcpy(e->out, out, sizeof(e->out));
	memcpy(e->x, a, na * sizeof(*a));
	if (nb)
		memcpy(e->x + na, b, nb * sizeof(*b));
	e->next = buckets[h % MEMO_BUCKETS];
	buckets[h % MEMO_BUCKETS] = e;
}
