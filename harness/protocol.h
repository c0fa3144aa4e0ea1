/* One console line → one @s2b record (docs/protocol.md section 1). Pure: no I/O, no allocation. */
#ifndef S2B_HARNESS_PROTOCOL_H
#define S2B_HARNESS_PROTOCOL_H

#include <stddef.h>

#define PROTO_MAJOR 1    /* the only major version this harness reads */
#define PROTO_MAX_KEYS 48 /* more key=value pairs than this make a line malformed */
/* A record line longer than this is rejected whole (s2hv's records are at most 512 bytes), so
 * a cell built from one record (boots.csv `extra`) always fits in PROTO_MAX_LINE bytes. */
#define PROTO_MAX_LINE 4096

enum line_class {
	LINE_NOISE,     /* not a record: console chatter, `guest| ` relays, blank lines */
	LINE_RECORD,    /* a record whose CRC matched */
	LINE_BAD_CRC,   /* a complete record whose CRC did not match */
	LINE_TRUNCATED, /* starts like a record but has no ` *xxxxxxxx` trailer (cut short) */
	LINE_MALFORMED, /* CRC matched but the body breaks the grammar (no kind, bad key,
			 * duplicate key, bad value for a known key, ...) */
	LINE_OVERLONG,  /* starts like a record but is longer than PROTO_MAX_LINE */
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

/* Classifies LINE (LEN bytes, no '\n'; trailing '\r's and leading NULs are ignored) and, for
 * LINE_RECORD, fills REC with pointers into LINE, which is modified in place (separators become
 * NULs). A LINE_RECORD has passed proto_check_record(). */
enum line_class proto_parse_line(char *line, size_t len, struct record *rec);

/* Checks the values of the keys docs/protocol.md defines for REC's kind: numbers are decimal or
 * 0x-hex and fit in 64 bits, words come from their list, `cfg` and `boot` carry their required
 * keys. Unknown kinds and keys pass. Returns NULL or why the record is malformed. */
const char *proto_check_record(const struct record *rec);

/* The value of KEY in REC, or NULL when the record omits it (= absent, never 0). */
const char *record_get(const struct record *rec, const char *key);

/* Major version of a `proto=` value ("1.0" → 1), or -1 if it is not a version number. */
int proto_major(const char *version);

/* 1 if S is a protocol number: decimal digits or 0x + lowercase hex digits, fitting in 64 bits. */
int proto_is_number(const char *s);

/* 1 for the kinds of the console configuration exchange (`ready`, `ack`, `nak`): records between
 * runs, never part of one (docs/protocol.md, "Configuration over the console"). */
int proto_is_session_kind(const char *kind);

/* The `@s2b-cfg WORDS *crc\n` line that configures one run over the console, into BUF: its length,
 * or -1 when it does not fit in CAP or is longer than s2hv reads (core/config_frame.h). */
int proto_config_frame(char *buf, size_t cap, const char *words);

#endif
