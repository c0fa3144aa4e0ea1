/* The @s2b record emitter (docs/protocol.md): build a line key by key, then end it with a CRC. */
#ifndef S2_PROTO_H
#define S2_PROTO_H

#include "types.h"

#define PROTO_VERSION "1.1"

struct record {
	char buf[512];
	size_t len;
	bool overflow;
};

void rec_begin(struct record *r, const char *kind);
void rec_u64(struct record *r, const char *key, u64 v);
void rec_hex(struct record *r, const char *key, u64 v);
/* A string value: spaces and '*' are replaced by '_' so a value can never break the line. */
void rec_str(struct record *r, const char *key, const char *v);
/* Append " *crc\n" and write the line to the console. */
void rec_end(struct record *r);

#endif
