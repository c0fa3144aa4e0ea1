/* One console line → one @s2b record (docs/protocol.md section 1). Pure: no I/O, no allocation. */
#ifndef S2B_HARNESS_PROTOCOL_H
#define S2B_HARNESS_PROTOCOL_H

#include <stddef.h>

#define PROTO_MAJOR 1    /* the only major version this harness reads */
#define PROTO_MAX_KEYS 48 /* more key=value pairs than this make a line malformed */

enum line_class {
	LINE_NOISE,     /* not a record: console chatter, `guest| ` relays, blank lines */
	LINE_RECORD,    /* a record whose CRC matched */
	LINE_BAD_CRC,   /* a complete record whose CRC did not match */
	LINE_TRUNCATED, /* starts like a record but has no ` *xxxxxxxx` trailer (cut short) */
	LINE_MALFORMED, /* CRC matched but the body breaks the grammar (no kind, bad key, ...) */
};

struct kv {
	const char *key;
	const char *val;
};

struct record {
	const char *kind;
	int nkv;
	struct kv kv[PROTO_MAX_KEYS];
};

/* Classifies LINE (LEN bytes, no '\n'; a trailing '\r' is ignored) and, for LINE_RECORD, fills
 * REC with pointers into LINE, which is modified in place (separators become NULs). */
enum line_class proto_parse_line(char *line, size_t len, struct record *rec);

/* The value of KEY in REC, or NULL when the record omits it (= absent, never 0). */
const char *record_get(const struct record *rec, const char *key);

/* Major version of a `proto=` value ("1.0" → 1), or -1 if it is not a version number. */
int proto_major(const char *version);

#endif
