/* Reassembles console lines from arbitrary chunks (pipe reads, serial reads, file blocks). */
#ifndef S2B_HARNESS_LINEBUF_H
#define S2B_HARNESS_LINEBUF_H

#include <stddef.h>

#define LINEBUF_MAX 65536 /* longer lines are cut here: no record is anywhere near this long */

typedef void (*line_fn)(void *ctx, char *line, size_t len);

struct linebuf {
	char buf[LINEBUF_MAX];
	size_t len;
	int overflow; /* dropping the rest of an over-long line */
};

/* Calls FN for every complete line in DATA (without '\n'; the line is writable). */
void linebuf_feed(struct linebuf *lb, const char *data, size_t len, line_fn fn, void *ctx);
/* End of input: a last line without '\n' is still delivered (it is usually a cut record). */
void linebuf_finish(struct linebuf *lb, line_fn fn, void *ctx);

#endif
