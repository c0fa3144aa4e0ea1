/* What the profile parser's files share (reports/profile.c reads lines and headers,
 * reports/profile_value.c the values); not for other users, who have profile.h. */
#ifndef S2B_REPORTS_PROFILE_PARSE_H
#define S2B_REPORTS_PROFILE_PARSE_H

#include "profile.h"
#include "profile_lex.h"

#include <stddef.h>

struct prof_ctx {
	const char *file;
	int line;
	char *err;
	size_t errlen;
	struct profile *p;
	int seen_header[6]; /* format name cpu midr clock made */
};

/* Formats "FILE:LINE: why" into the caller's buffer; returns -1. */
int prof_fail(struct prof_ctx *x, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int prof_copy_text(struct prof_ctx *x, char *dst, size_t cap, const char *src, const char *what);
int prof_find_source(const struct profile *p, const char *id);

/* The value lines: each takes the tokens after `=`. */
int prof_parse_constant(struct prof_ctx *x, int c, const struct profile_token *t, int n);
int prof_parse_clock(struct prof_ctx *x, const struct profile_token *t, int n);
int prof_parse_cache(struct prof_ctx *x, int level, const struct profile_token *t, int n);

#endif
