/* Record grammar: "@s2b <kind> k=v k=v ... *<crc32 of everything before ' *'>". */
#include "protocol.h"

#include "../core/config_frame.h"
#include "../core/crc32.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "@s2b "
#define PREFIX_LEN 5
#define TRAILER_LEN 10 /* " *" + 8 hex digits */

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Values are printable words: no control bytes (a NUL would cut the cell), no space or '*'
 * (the record's own separators), no ';' (the separator of the `extra` cell). */
static int is_value_char(char c)
{
	unsigned char u = (unsigned char)c;
	return u > ' ' && u != 0x7f && c != '*' && c != ';';
}

/* Splits the body (after "@s2b ") into kind and key=value tokens, in place. */
static enum line_class split_body(char *p, char *end, struct record *rec)
{
	rec->nkv = 0;
	rec->kind = p;
	while (p < end && *p != ' ')
		if (!is_key_char(*p++))
			return LINE_MALFORMED;
	if (p == rec->kind)
		return LINE_MALFORMED;
	while (p < end) {
		*p++ = '\0'; /* the space before this token */
		char *key = p;
		while (p < end && is_key_char(*p))
			p++;
		if (p == key || p == end || *p != '=' || rec->nkv == PROTO_MAX_KEYS)
			return LINE_MALFORMED;
		*p++ = '\0';
		char *val = p;
		while (p < end && *p != ' ')
			if (!is_value_char(*p++))
				return LINE_MALFORMED;
		for (int i = 0; i < rec->nkv; i++) /* one value per key: never pick one silently */
			if (strcmp(rec->kv[i].key, key) == 0)
				return LINE_MALFORMED;
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
	for (int i = 0; i < rec->nkv; i++)
		if (strcmp(rec->kv[i].key, key) == 0)
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
	return strcmp(kind, "ready") == 0 || strcmp(kind, "ack") == 0 || strcmp(kind, "nak") == 0;
}

int proto_config_frame(char *buf, size_t cap, const char *words)
{
	int n = snprintf(buf, cap, "%s%s", CONFIG_FRAME_PREFIX, words);

	if (n < 0 || (size_t)n + TRAILER_LEN + 1 >= cap || n + TRAILER_LEN > CONFIG_FRAME_MAX)
		return -1;
	return n + snprintf(buf + n, cap - (size_t)n, " *%08x\n",
			    (unsigned)crc32_update(0, buf, (size_t)n));
}
