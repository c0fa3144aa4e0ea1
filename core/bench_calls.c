/* See bench_calls.h. */
#include "bench_calls.h"
#include "hypercall.h"
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
		{"order", p->order}, {"seed", p->seed}, {"inject", p->inject}, {"vcpus", p->vcpus},
	};
	char name[9];

	bench_unpack_name(x[1], name);
	for (unsigned i = 0; i < ARRAY_SIZE(params); i++)
		if (!strcmp(name, params[i].name))
			return params[i].value;
	return ~0ULL;
}

/* A packed name whose first byte is 0 unpacks to "": a metric key nobody can tell apart. */
static bool name_empty(u64 packed)
{
	return (packed & 0xff) == 0;
}

static u64 mark(struct bench_session *s, const struct bench_backend *be, u64 kind, u64 tag)
{
	if (kind == S2B_MARK_READY) {
		be->ready(be->ctx);
		return 0;
	}
	if ((kind == S2B_MARK_BEGIN || kind == S2B_MARK_END) && be->refuse && name_empty(tag))
		return be->refuse(be->ctx, S2B_MARK, "mark_tag_empty");
	if (kind == S2B_MARK_BEGIN) {
		s->mark_start = be->clock(be->ctx);
		s->mark_tag = tag;
		s->mark_open = true;
	} else if (kind == S2B_MARK_END && s->mark_open && tag == s->mark_tag) {
		u64 region = be->clock(be->ctx) - s->mark_start;

		bench_region_metric(s->params.boot, tag, be->unit_suffix,
				    region - MIN(be->mark_overhead, region));
		s->mark_open = false;
	}
	return 0;
}

bool bench_call(struct bench_session *s, const struct bench_backend *be, const u64 x[6], u64 *ret)
{
	*ret = 0;
	switch ((u32)x[0]) {
	case S2B_VERSION:
		*ret = 1;
		return true;
	case S2B_WRITE:
		guest_console_write_packed(&s->console, x);
		return true;
	case S2B_MARK:
		*ret = mark(s, be, x[1], x[2]);
		return true;
	case S2B_REPORT:
		if (be->refuse && name_empty(x[1]))
			*ret = be->refuse(be->ctx, S2B_REPORT, "report_key_empty");
		else
			bench_report(s->params.boot, x);
		return true;
	case S2B_CHECK:
		s->check = bench_check(s->params.boot, s->check, x);
		return true;
	case S2B_PARAM:
		*ret = bench_param(&s->params, x);
		return true;
	default:
		return false;
	}
}
