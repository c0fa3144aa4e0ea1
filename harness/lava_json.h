/* The few members s2bench reads from LAVA's REST answers (api/v0.2, Django REST framework JSON):
 * a top-level object's string and integer members, the first integer of an array member
 * ("job_ids": [12]), and the one string s2bench sends ({"definition": "..."}). A bounded reader:
 * the whole text must be valid JSON (RFC 8259) nested at most LAVA_JSON_DEPTH deep, nothing is
 * allocated, nothing outside [json, json + len) is read. tests/fuzz/fuzz_lava_json.c fuzzes it. */
#ifndef S2B_HARNESS_LAVA_JSON_H
#define S2B_HARNESS_LAVA_JSON_H

#include <stddef.h>
#include <stdio.h>

#define LAVA_JSON_DEPTH 32

/* 1 when JSON is one valid JSON value (whitespace around it allowed), else 0. */
int lava_json_valid(const char *json, size_t len);

/* The string member KEY of the top-level object, decoded (\uXXXX as UTF-8, a lone surrogate as
 * '?'), into OUT (NUL-terminated, cut to OUTLEN - 1 bytes). Returns 0 when found, -1 when the text
 * is not valid JSON, not an object, has no member KEY or KEY's value is no string. null counts
 * as absent. The first member KEY wins. */
int lava_json_string(const char *json, size_t len, const char *key, char *out, size_t outlen);

/* The integer member KEY (or, when KEY's value is an array, its first element) as a whole
 * number in 0..2^53; -1 as above, or when the number has a fraction, an exponent or a sign. */
int lava_json_uint(const char *json, size_t len, const char *key, unsigned long long *out);

/* Writes S as a JSON string (quotes, backslash and control characters escaped). */
void lava_json_put_string(FILE *f, const char *s);

#endif
