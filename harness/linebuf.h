/* Reassembles console lines from arbitrary chunks (pipe reads, serial reads, file blocks). */
#ifndef S2B_HARNESS_LINEBUF_H
#define S2B_HARNESS_LINEBUF_H

#include <stddef.h>

/* Longer lines are cut here: far beyond any record (PROTO_MAX_LINE), so a cut line can never be
 * taken for one. */
#define LINEBUF_MAX 65536
/* The last byte of a cut line: not '\r' (stripped before parsing) and not a CRC digit, so the
 * cut line keeps its full length and fails as an over-long record rather than passing for a
 * shorter one. */
#define LINEBUF_CUT_MARK '\x1f'

typedef void (*line_fn)(void *ctx, char *line, size_t len);

struct linebuf {
	char buf[LINEBUF_MAX];
	size_t len;
	int overflow; /* dropping the rest of an over-long line */
	int started;  /* a byte other than NUL has been seen on this line */
};

/* Calls FN for every complete line in DATA (without '\n'; the line is writable). NUL bytes at
 * the start of a line are dropped: a UART emits them around a reset or break, and a record
 * after them is still a record. An over-long line is delivered cut, ending in LINEBUF_CUT_MARK. */
void linebuf_feed(struct linebuf *lb, const char *data, size_t len, line_fn fn, void *ctx);
/* End of input: a last line without '\n' is still delivered (it is usually a cut record). */
void linebuf_finish(struct linebuf *lb, line_fn fn, void *ctx);

#endif
