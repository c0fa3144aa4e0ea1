/* See calib_stats.h. Insertion sort: at most CALIB_MAX_SAMPLES values, freestanding. */
#include "calib_stats.h"
#include "lib.h"

static void sort(u64 *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

void calib_quartiles(u64 *v, unsigned n, u64 out[3])
{
	sort(v, n);
	out[0] = v[(n - 1) / 2];
	out[1] = v[(n - 1) / 4];
	out[2] = v[3 * (n - 1) / 4];
}

bool calib_sample_more(const u64 *v, unsigned n, unsigned min)
{
	u64 copy[CALIB_MAX_SAMPLES], q[3];

	if (n < min)
		return true;
	if (n >= CALIB_MAX_SAMPLES)
		return false;
	memcpy(copy, v, n * sizeof(u64));
	calib_quartiles(copy, n, q);
	return (q[2] - q[1]) * 16 > q[0];
}
