/* Growing strings and the number formats every output shares. */
#ifndef S2B_REPORTS_FMT_H
#define S2B_REPORTS_FMT_H

#include <stddef.h>

struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_puts(struct strbuf *b, const char *s);
void sb_free(struct strbuf *b);
/* Never NULL, even for an empty buffer. */
const char *sb_str(const struct strbuf *b);

/* 3 significant digits with an SI suffix: 987, 12.3k, 4.56M ("-" for absent). */
const char *fmt_count(double v, char *buf, size_t len);
/* A time in ns in the unit that keeps three significant digits readable: 987 ns, 12.3 µs,
 * 4.56 ms, 1.2 s ("-" for absent). */
const char *fmt_ns(double ns, char *buf, size_t len);
/* Memory size in binary units: 16M, 512M, 1G. */
const char *fmt_mem(double bytes, char *buf, size_t len);
/* p-value as benchstat does: p=0.032, p<0.001 ("-" for absent). */
const char *fmt_p(double p, char *buf, size_t len);
/* Ratio: 2.31x, 0.87x. */
const char *fmt_ratio(double r, char *buf, size_t len);

#endif
