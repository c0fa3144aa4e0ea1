/* harness/grow.h: the one growth step of the harness's lists (log index, LAVA ledger, a parse
 * batch's ids). A list grown one element at a time must always have room for what it holds,
 * doubling from its first size, and keep its contents. */
#include <criterion/criterion.h>

#include "grow.h"

#include <stdint.h>

Test(grow, first_size_then_doubling_and_room_for_every_element)
{
	uint64_t *a = NULL;
	size_t n = 0, cap = 0;

	for (uint64_t v = 0; v < 1000; v++) {
		size_t before = cap;
		uint64_t *p = grow_for_one(a, n, &cap, sizeof(*p), 16);

		cr_assert_not_null(p);
		cr_assert_gt(cap, n, "room for element %zu (cap %zu)", n, cap);
		if (n < before)
			cr_assert_eq(p, a, "no reallocation while there is room");
		else
			cr_assert_eq(cap, before ? 2 * before : 16);
		a = p;
		a[n++] = v;
	}
	cr_assert_eq(cap, 1024);
	for (uint64_t v = 0; v < 1000; v++)
		cr_assert_eq(a[v], v, "element %llu kept", (unsigned long long)v);
	free(a);
}

/* A byte count that would wrap is refused, never reallocated to a wrapped (small) size. */
Test(grow, a_size_that_would_wrap_changes_nothing)
{
	volatile size_t huge = SIZE_MAX / 4 + 1; /* twice 4 of them wraps a size_t */
	size_t cap = 4;
	char *a = malloc(16);

	cr_assert_null(grow_for_one(a, 4, &cap, huge, 1));
	cr_assert_eq(cap, 4);
	a[15] = 1; /* still ours */
	free(a);
}
