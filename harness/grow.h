/* Room for one more element in a growable array: the one doubling step the harness's lists
 * (log index, ledger, batch ids) all take. Header only, like strput.h: its users need no link. */
#ifndef S2B_HARNESS_GROW_H
#define S2B_HARNESS_GROW_H

#include <stdint.h>
#include <stdlib.h>

/* ITEMS holds N of *CAP elements of SIZE bytes. Returns ITEMS when one more fits, else ITEMS
 * reallocated to twice *CAP (FIRST when empty) with *CAP updated; NULL when memory is out or the
 * size would not fit in a size_t, with ITEMS and *CAP unchanged. */
static inline void *grow_for_one(void *items, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return items;
	size_t want = *cap ? *cap * 2 : first;
	if (want < *cap || want > SIZE_MAX / size) /* the byte count would wrap */
		return NULL;
	void *p = realloc(items, want * size);
	if (p)
		*cap = want;
	return p;
}

#endif
