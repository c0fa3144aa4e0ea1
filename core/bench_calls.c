/* See bench_calls.h. */
#include "bench_calls.h"
#include "lib.h"
#include "proto.h"

const char *const check_state_names[3] = {"none", "pass", "fail"};

void bench_unpack_name(u64 v, char out[9])
{
	unsigned n = 0;

	for (; n < 8 && (v & 0xff); n++, v >>= 8) {
		char c = (char)(v & 0xff);

		out[n] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') ? c : '?';
	}
	out[n] = 0;
}

static void metric(u64 boot, const char *key, u64 value)
{
	struct record r;

	rec_begin(&r, "metric");
	rec_u64(&r, "boot", boot);
	rec_str(&r, "key", key);
	rec_u64(&r, "value", value);
	rec_end(&r);
}

void bench_report(u64 boot, const u64 x[6])
{
	char name[9];

	bench_unpack_name(x[1], name);
	metric(boot, name, x[2]);
}

void bench_region_metric(u64 boot, u64 tag, const char *unit_suffix, u64 value)
{
	char name[9 + 16];

	bench_unpack_name(tag, name);
	fmt_snprintf(name + strlen(name), sizeof(name) - strlen(name), "%s", unit_suffix);
	metric(boot, name, value);
}

enum check_state bench_check(u64 boot, enum check_state prev, const u64 x[6])
{
	struct record r;

	if (x[1] == 0)
		return prev == CHECK_FAIL ? CHECK_FAIL : CHECK_PASS;
	rec_begin(&r, "error");
	rec_str(&r, "code", "guest_check");
	rec_str(&r, "msg", "guest_verification_failed");
	rec_u64(&r, "boot", boot);
	rec_hex(&r, "observed", x[2]);
	rec_hex(&r, "expected", x[3]);
	rec_end(&r);
	return CHECK_FAIL;
}

u64 bench_param(const struct bench_params *p, const u64 x[6])
{
	const struct { const char *name; u64 value; } params[] = {
		{"ram_base", p->ram_base}, {"ram_size", p->ram_size}, {"boot", p->boot},
		/* frac: whole percent, as kvmtest reads it; frac10: tenths, as touch reads it */
		{"frac", p->frac_tenths / 10}, {"frac10", p->frac_tenths}, {"stride", p->stride},
		{"write", p->write},
		{"order", p->order}, {"seed", p->seed}, {"inject", p->inject},
	};
	char name[9];

	bench_unpack_name(x[1], name);
	for (unsigned i = 0; i < ARRAY_SIZE(params); i++)
		if (!strcmp(name, params[i].name))
			return params[i].value;
	return ~0ULL;
}
