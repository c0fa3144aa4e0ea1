/* @s2b record emitter. Values never contain spaces; a too-long record is cut, never split. */
#include "proto.h"
#include "console.h"
#include "crc32.h"
#include "lib.h"

#define TRUNCATED " truncated=1"
/* Room always kept for the end of a record: TRUNCATED and " *xxxxxxxx\n". */
#define TAIL_ROOM (sizeof(TRUNCATED) - 1 + 11)

static void put_raw(struct record *r, const char *s, size_t n)
{
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

static void append(struct record *r, const char *s, size_t n)
{
	if (r->overflow || r->len + n + TAIL_ROOM > sizeof(r->buf)) {
		r->overflow = true;
		return;
	}
	put_raw(r, s, n);
}

void rec_begin(struct record *r, const char *kind)
{
	r->len = 0;
	r->overflow = false;
	append(r, "@s2b ", 5);
	append(r, kind, strlen(kind));
}

static void key(struct record *r, const char *k)
{
	append(r, " ", 1);
	append(r, k, strlen(k));
	append(r, "=", 1);
}

void rec_u64(struct record *r, const char *k, u64 v)
{
	char num[24];

	key(r, k);
	append(r, num, fmt_snprintf(num, sizeof(num), "%llu", (unsigned long long)v));
}

void rec_hex(struct record *r, const char *k, u64 v)
{
	char num[24];

	key(r, k);
	append(r, num, fmt_snprintf(num, sizeof(num), "0x%llx", (unsigned long long)v));
}

void rec_str(struct record *r, const char *k, const char *v)
{
	key(r, k);
	for (; *v; v++) {
		char c = (*v == ' ' || *v == '*' || *v == '\n' || *v == '\r') ? '_' : *v;

		append(r, &c, 1);
	}
}

void rec_end(struct record *r)
{
	char tail[16];

	if (r->overflow)
		put_raw(r, TRUNCATED, sizeof(TRUNCATED) - 1);
	put_raw(r, tail, fmt_snprintf(tail, sizeof(tail), " *%08x\n",
				      (unsigned)crc32_update(0, r->buf, r->len)));
	console_write(r->buf, r->len);
}
