/* Guest console: text goes to the host 32 bytes per S2B_WRITE, packed into x2..x5. */
#include <stdarg.h>

#include "s2b.h"

void s2b_write(const char *s, size_t n)
{
	while (n) {
		size_t chunk = n < S2B_WRITE_MAX ? n : S2B_WRITE_MAX;
		u64 r[4] = {0, 0, 0, 0};

		for (size_t i = 0; i < chunk; i++)
			r[i / 8] |= (u64)(u8)s[i] << (8 * (i % 8));
		s2b_call(S2B_WRITE, chunk, r[0], r[1], r[2], r[3]);
		s += chunk;
		n -= chunk;
	}
}

void s2b_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	s2b_write(s, n);
}

/* printf output is gathered here and sent in full 32-byte calls, not one call per piece. */
struct out {
	char buf[S2B_WRITE_MAX];
	size_t len;
};

static void out_char(struct out *o, char c)
{
	o->buf[o->len++] = c;
	if (o->len == sizeof(o->buf)) {
		s2b_write(o->buf, o->len);
		o->len = 0;
	}
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

static void out_num(struct out *o, u64 v, unsigned base, bool neg, unsigned width, char pad)
{
	char digits[24];
	unsigned n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		digits[n++] = '-';
	while (width > n && width--)
		out_char(o, pad);
	while (n)
		out_char(o, digits[--n]);
}

void s2b_printf(const char *fmt, ...)
{
	struct out o = {.len = 0};
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		unsigned width = 0, longs = 0;
		char pad = ' ';

		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		if (*++fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			longs++, fmt++;
		switch (*fmt) {
		case 'd': {
			long long v = longs ? va_arg(ap, long long) : va_arg(ap, int);

			out_num(&o, v < 0 ? 0 - (u64)v : (u64)v, 10, v < 0, width, pad);
			break;
		}
		case 'u':
		case 'x':
			out_num(&o, longs ? va_arg(ap, u64) : va_arg(ap, unsigned), *fmt == 'u' ? 10 : 16,
				false, width, pad);
			break;
		case 'p':
			out_str(&o, "0x");
			out_num(&o, (u64)(uintptr_t)va_arg(ap, void *), 16, false, 0, ' ');
			break;
		case 's':
			out_str(&o, va_arg(ap, const char *));
			break;
		case 'c':
			out_char(&o, (char)va_arg(ap, int));
			break;
		case '%':
			out_char(&o, '%');
			break;
		default: /* unknown conversion: show it rather than guess */
			out_char(&o, '%');
			if (!*fmt)
				fmt--;
			else
				out_char(&o, *fmt);
		}
	}
	va_end(ap);
	s2b_write(o.buf, o.len);
}
