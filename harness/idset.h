/* A set of run ids. A run id is exactly 16 lowercase hex digits (runconfig.h hash_id); anything
 * else read from a CSV is refused rather than mapped onto some key, so two garbage ids can never
 * collide with each other or with a real run. */
#ifndef S2B_HARNESS_IDSET_H
#define S2B_HARNESS_IDSET_H

#include <stddef.h>
#include <stdint.h>

struct id_set {
	uint64_t *slots; /* open addressing; 0 = empty slot, so id 0 lives in has_zero */
	size_t cap, count;
	int has_zero;
};

/* Parses LEN bytes as a run id. Returns 0, or -1 if they are not exactly 16 of [0-9a-f]. */
int run_id_parse(const char *s, size_t len, uint64_t *id);

void id_set_add(struct id_set *s, uint64_t id);
int id_set_has(const struct id_set *s, uint64_t id);
void id_set_free(struct id_set *s);

/* By text: adding a non-id returns -1 and adds nothing; a non-id is never in the set. */
int id_set_add_id(struct id_set *s, const char *run_id);
int id_set_has_id(const struct id_set *s, const char *run_id);

#endif
