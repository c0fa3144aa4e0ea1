/* Run id set: open addressing over the 64-bit value of the id. */
#include "idset.h"

#include <stdlib.h>
#include <string.h>

int run_id_parse(const char *s, size_t len, uint64_t *id)
{
	uint64_t v = 0;

	if (len != 16)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return -1; /* upper case too: "ABC…" and "abc…" are different cells */
	}
	*id = v;
	return 0;
}

/* Fibonacci hashing: ids written by hand or by a fuzzer are not uniformly spread. */
static size_t slot_of(const struct id_set *s, uint64_t id)
{
	return (size_t)((id * 0x9e3779b97f4a7c15ull) >> 32) & (s->cap - 1);
}

static void insert(struct id_set *s, uint64_t id)
{
	size_t i = slot_of(s, id);
	while (s->slots[i] && s->slots[i] != id)
		i = (i + 1) & (s->cap - 1);
	if (!s->slots[i]) {
		s->slots[i] = id;
		s->count++;
	}
}

void id_set_add(struct id_set *s, uint64_t id)
{
	if (!id) {
		s->has_zero = 1;
		return;
	}
	if ((s->count + 1) * 2 > s->cap) { /* cap stays a power of two */
		struct id_set n = { 0 };
		n.cap = s->cap ? s->cap * 2 : 64;
		n.slots = calloc(n.cap, sizeof(uint64_t));
		if (!n.slots)
			abort();
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				insert(&n, s->slots[i]);
		free(s->slots);
		s->slots = n.slots;
		s->cap = n.cap;
		s->count = n.count;
	}
	insert(s, id);
}

int id_set_has(const struct id_set *s, uint64_t id)
{
	if (!id)
		return s->has_zero;
	if (!s->cap)
		return 0;
	for (size_t i = slot_of(s, id); s->slots[i]; i = (i + 1) & (s->cap - 1))
		if (s->slots[i] == id)
			return 1;
	return 0;
}

void id_set_free(struct id_set *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

int id_set_add_id(struct id_set *s, const char *run_id)
{
	uint64_t id;
	if (run_id_parse(run_id, strlen(run_id), &id))
		return -1;
	id_set_add(s, id);
	return 0;
}

int id_set_has_id(const struct id_set *s, const char *run_id)
{
	uint64_t id;
	return !run_id_parse(run_id, strlen(run_id), &id) && id_set_has(s, id);
}
