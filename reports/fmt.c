/* strbuf and number formatting. */
#include "fmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s)
			abort();
		b->s = s, b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sb_puts(struct strbuf *b, const char *s)
{
	sb_printf(b, "%s", s);
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL, b->len = b->cap = 0;
}

const char *sb_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}

const char *fmt_count(double v, char *buf, size_t len)
{
	static const char *const suffix[] = { "", "k", "M", "G", "T" };
	if (isnan(v)) {
		snprintf(buf, len, "-");
		return buf;
	}
	int k = 0;
	double a = fabs(v);
	while (a >= 999.5 && k < 4)
		a /= 1000, v /= 1000, k++;
	if (k == 0 && a == floor(a))
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.*f%s", a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2, v, suffix[k]);
	return buf;
}

const char *fmt_ns(double ns, char *buf, size_t len)
{
	if (isnan(ns))
		snprintf(buf, len, "-");
	else if (ns >= 1e9)
		snprintf(buf, len, "%.3g s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, len, "%.3g µs", ns / 1e3);
	else
		snprintf(buf, len, "%.3g ns", ns);
	return buf;
}

const char *fmt_mem(double bytes, char *buf, size_t len)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T" };
	int k = 0;
	while (bytes >= 1024 && fmod(bytes, 1024) == 0 && k < 4)
		bytes /= 1024, k++;
	snprintf(buf, len, "%.0f%s", bytes, suffix[k]);
	return buf;
}

const char *fmt_p(double p, char *buf, size_t len)
{
	if (isnan(p))
		snprintf(buf, len, "-");
	else if (p < 0.001)
		snprintf(buf, len, "p<0.001");
	else
		snprintf(buf, len, "p=%.3f", p);
	return buf;
}

const char *fmt_ratio(double r, char *buf, size_t len)
{
	if (isnan(r) || isinf(r))
		snprintf(buf, len, "-");
	else if (r > 0 && r < 0.01)
		snprintf(buf, len, "<0.01x");
	else if (r >= 1000) { /* FWB against a full clean: thousands of times, not decimals */
		char c[32];
		snprintf(buf, len, "%sx", fmt_count(r, c, sizeof(c)));
	} else
		snprintf(buf, len, "%.*fx", r >= 100 ? 0 : r >= 10 ? 1 : 2, r);
	return buf;
}
