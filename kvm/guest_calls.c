/* See guest_calls.h. Values arrive in registers only (docs/protocol.md §2): reading guest memory
 * here would read cacheable what an MMU-off guest wrote Non-cacheable. */
#include "guest_calls.h"
#include "config.h"
#include "../core/console.h"
#include "../core/hypercall.h"
#include "../core/lib.h"
#include "../core/proto.h"

#define GUEST_PREFIX "guest| "

/* A packed name: up to 8 ASCII bytes, first in the low byte; anything else becomes '?'. */
static void unpack_name(u64 v, char out[9])
{
	unsigned n = 0;

	for (; n < 8 && (v & 0xff); n++, v >>= 8) {
		char c = (char)(v & 0xff);

		out[n] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') ? c : '?';
	}
	out[n] = 0;
}

static void flush_line(struct boot_session *s)
{
	console_write(GUEST_PREFIX, sizeof(GUEST_PREFIX) - 1);
	console_write(s->line, s->line_len);
	console_write("\n", 1);
	s->line_len = 0;
}

void guest_calls_flush(struct boot_session *s)
{
	if (s->line_len)
		flush_line(s);
}

/* Guest bytes leave only as whole lines behind GUEST_PREFIX: a guest cannot forge a record. */
static void guest_write(struct boot_session *s, const struct guest_call *c)
{
	u64 n = MIN(c->x[1], 32);

	for (u64 i = 0; i < n; i++) {
		char ch = (char)(c->x[2 + i / 8] >> (8 * (i % 8)));

		if (ch == '\n') {
			flush_line(s);
			continue;
		}
		if (ch == '\r')
			continue;
		s->line[s->line_len++] = (ch >= ' ' && ch <= '~') ? ch : '?';
		if (s->line_len == sizeof(s->line))
			flush_line(s);
	}
}

static void metric(const struct boot_session *s, const char *key, u64 value)
{
	struct record r;

	rec_begin(&r, "metric");
	rec_u64(&r, "boot", s->idx);
	rec_str(&r, "key", key);
	rec_u64(&r, "value", value);
	rec_end(&r);
}

/* No PMU here: a BEGIN/END region is reported in ns (metric <tag>_ns), doorbell trips included. */
static void guest_mark(struct boot_session *s, u64 kind, u64 tag)
{
	struct stamp now = stamp_now();
	char name[9 + 3];

	if (kind == S2B_MARK_READY && !s->ready_seen) {
		s->ready = now;
		s->ready_seen = true;
	} else if (kind == S2B_MARK_BEGIN) {
		s->mark = now;
		s->mark_tag = tag;
	} else if (kind == S2B_MARK_END && tag == s->mark_tag) {
		unpack_name(tag, name);
		memcpy(name + strlen(name), "_ns", 4);
		metric(s, name, now.ns - s->mark.ns);
	}
}

static void guest_check(struct boot_session *s, const struct guest_call *c)
{
	bool ok = c->x[1] == 0;
	struct record r;

	s->check = ok && s->check != CHECK_FAIL ? CHECK_PASS : CHECK_FAIL;
	if (ok)
		return;
	rec_begin(&r, "error");
	rec_str(&r, "code", "guest_check");
	rec_str(&r, "msg", "guest_verification_failed");
	rec_u64(&r, "boot", s->idx);
	rec_hex(&r, "observed", c->x[2]);
	rec_hex(&r, "expected", c->x[3]);
	rec_end(&r);
}

static u64 guest_param(const struct boot_session *s, u64 packed)
{
	const struct vmm_config *c = s->cfg;
	const struct { const char *name; u64 value; } params[] = {
		{"ram_base", s->ram_ipa}, {"ram_size", s->ram_size}, {"boot", s->idx},
		{"frac", c->frac}, {"stride", c->stride}, {"write", c->write_pct},
		{"order", c->order}, {"seed", c->seed},
	};
	char name[9];

	unpack_name(packed, name);
	for (unsigned i = 0; i < ARRAY_SIZE(params); i++)
		if (!strcmp(name, params[i].name))
			return params[i].value;
	return ~0ULL;
}

u64 guest_call(struct boot_session *s, const struct guest_call *c)
{
	char name[9];

	switch ((u32)c->x[0]) {
	case S2B_VERSION:
		return 1;
	case S2B_WRITE:
		guest_write(s, c);
		return 0;
	case S2B_MARK:
		guest_mark(s, c->x[1], c->x[2]);
		return 0;
	case S2B_REPORT:
		unpack_name(c->x[1], name);
		metric(s, name, c->x[2]);
		return 0;
	case S2B_CHECK:
		guest_check(s, c);
		return 0;
	case S2B_PARAM:
		return guest_param(s, c->x[1]);
	default: /* PSCI goes through HVC to KVM, never through the doorbell */
		return ~0ULL; /* SMCCC NOT_SUPPORTED (-1) */
	}
}
