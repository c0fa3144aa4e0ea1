/* Record grammar: "@s2b <kind> k=v k=v ... *<crc32 of everything before ' *'>". */
#include "protocol.h"

#include "strput.h"

#include "../core/config_frame.h"
#include "../core/crc32.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "@s2b "
#define PREFIX_LEN 5
#define TRAILER_LEN 10 /* " *" + 8 hex digits */

enum { KEY_CHAR = 1, VALUE_CHAR = 2 };
static unsigned char char_class[256]; /* a load a byte in split_body's loops, parse's hot spot */

static void build_char_class(void)
{
	for (int c = 0; c < 256; c++) {
		int key = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
		/* Values are printable words: no control bytes (a NUL would cut the cell), no space
		 * or '*' (the record's own separators), no ';' (the separator of the `extra` cell). */
		int value = c > ' ' && c != 0x7f && c != '*' && c != ';';
		char_class[c] = (unsigned char)((key ? KEY_CHAR : 0) | (value ? VALUE_CHAR : 0));
	}
}

static int is_key_char(char c)
{
	return char_class[(unsigned char)c] & KEY_CHAR;
}

static int is_value_char(char c)
{
	return char_class[(unsigned char)c] & VALUE_CHAR;
}

/* Splits the body (after "@s2b ") into kind and key=value tokens, in place. *END is the space
 * before the CRC trailer: it stops every scan, so the loops test one class bit a byte and no
 * bound. */
static enum line_class split_body(char *p, char *end, struct record *rec)
{
	if (!char_class['a']) /* single-threaded users: built on first use, like the CRC tables */
		build_char_class();
	rec->nkv = 0;
	rec->kind = p;
	while (is_key_char(*p))
		p++;
	if (p == rec->kind || *p != ' ')
		return LINE_MALFORMED;
	uint32_t hash[PROTO_MAX_KEYS]; /* of each key: a duplicate check without a strcmp per pair */
	uint64_t seen[4] = { 0 };      /* a bit per key's hash: the pairs are compared only on a hit */
	while (p < end) {
		*p++ = '\0'; /* the space before this token */
		char *key = p;
		while (is_key_char(*p))
			p++;
		if (p == key || *p != '=' || rec->nkv == PROTO_MAX_KEYS)
			return LINE_MALFORMED;
		/* the key's length and end bytes: nothing to compute a byte, and the keys of one
		 * record seldom share all three */
		uint32_t h = (uint32_t)(p - key) | (uint32_t)(unsigned char)key[0] << 12 |
			     (uint32_t)(unsigned char)p[-1] << 20;
		*p++ = '\0';
		char *val = p;
		while (is_value_char(*p))
			p++;
		if (*p != ' ')
			return LINE_MALFORMED;
		uint32_t mixed = h * 0x9e3779b1u; /* spread over the 256 bits */
		uint64_t bit = 1ull << (mixed >> 26 & 63);
		if (seen[mixed >> 30] & bit) /* one value per key: never pick one silently */
			for (int i = 0; i < rec->nkv; i++)
				if (hash[i] == h && strcmp(rec->kv[i].key, key) == 0)
					return LINE_MALFORMED;
		seen[mixed >> 30] |= bit;
		hash[rec->nkv] = h;
		rec->kv[rec->nkv].key = key;
		rec->kv[rec->nkv].val = val;
		rec->nkv++;
	}
	*end = '\0';
	return proto_check_record(rec) ? LINE_MALFORMED : LINE_RECORD;
}

enum line_class proto_parse_line(char *line, size_t len, struct record *rec)
{
	uint32_t want;

	/* A UART emits NULs around a reset or break: they are noise before the record, not part
	 * of it. (A NUL anywhere else in a record breaks its CRC or its grammar.) */
	while (len && line[0] == '\0')
		line++, len--;
	while (len && line[len - 1] == '\r') /* "\r\n", and "\r\r\n" from a tty's ONLCR */
		len--;
	if (len < PREFIX_LEN || memcmp(line, PREFIX, PREFIX_LEN) != 0)
		return LINE_NOISE;
	if (len > PROTO_MAX_LINE)
		return LINE_OVERLONG;
	if (len < PREFIX_LEN + 1 + TRAILER_LEN || line[len - TRAILER_LEN] != ' ' ||
	    line[len - TRAILER_LEN + 1] != '*' || crc32_parse_hex(line + len - 8, &want))
		return LINE_TRUNCATED;
	size_t body_len = len - TRAILER_LEN;
	if (crc32_update(0, line, body_len) != want)
		return LINE_BAD_CRC;
	return split_body(line + PREFIX_LEN, line + body_len, rec);
}

const char *record_get(const struct record *rec, const char *key)
{
	for (int i = 0; i < rec->nkv; i++) /* the first byte first: most keys differ there */
		if (rec->kv[i].key[0] == key[0] && str_eq(rec->kv[i].key, key))
			return rec->kv[i].val;
	return NULL;
}

int proto_major(const char *version)
{
	char *end;
	if (!version || *version < '0' || *version > '9')
		return -1;
	long major = strtol(version, &end, 10);
	if ((*end != '.' && *end != '\0') || major > 1000)
		return -1;
	return (int)major;
}

int proto_is_session_kind(const char *kind)
{
	switch (kind[0]) { /* asked of every record parse reads: the first byte first */
	case 'r': return str_eq(kind, "ready");
	case 'a': return str_eq(kind, "ack");
	case 'n': return str_eq(kind, "nak");
	}
	return 0;
}

int proto_config_frame(char *buf, size_t cap, const char *words)
{
	int n = snprintf(buf, cap, "%s%s", CONFIG_FRAME_PREFIX, words);

	if (n < 0 || (size_t)n + TRAILER_LEN + 1 >= cap || n + TRAILER_LEN > CONFIG_FRAME_MAX)
		return -1;
	return n + snprintf(buf + n, cap - (size_t)n, " *%08x\n",
			    (unsigned)crc32_update(0, buf, (size_t)n));
}
