/* See bootargs.h. */
#include "bootargs.h"
#include "lib.h"

int bootarg_fail(struct bootarg_error *err, const char *key, size_t klen, const char *msg)
{
	size_t n = MIN(klen, sizeof(err->key) - 1);

	memcpy(err->key, key, n);
	err->key[n] = 0;
	fmt_snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return -1;
}

static bool word_is(const char *w, const char *v, size_t n)
{
	return w && strlen(w) == n && !memcmp(w, v, n);
}

bool bootarg_parse_tenths(const char *v, size_t n, u64 *out)
{
	const char *dot = memchr(v, '.', n);
	u64 whole;

	if (!dot)
		return parse_u64(v, n, false, &whole) && whole <= ~0ULL / 10 && (*out = whole * 10, true);
	if (dot == v || (size_t)(v + n - dot) != 2 || dot[1] < '0' || dot[1] > '9')
		return false;
	for (const char *p = v; p < dot; p++)
		if (*p < '0' || *p > '9')
			return false; /* "0x1.5" is no number */
	if (!parse_u64(v, dot - v, false, &whole) || whole > (~0ULL - 9) / 10)
		return false;
	*out = whole * 10 + (u64)(dot[1] - '0');
	return true;
}

void bootarg_format_tenths(u64 t, char *buf, size_t len)
{
	if (t % 10)
		fmt_snprintf(buf, len, "%llu.%llu", (unsigned long long)(t / 10),
			     (unsigned long long)(t % 10));
	else
		fmt_snprintf(buf, len, "%llu", (unsigned long long)(t / 10));
}

const char *bootarg_set(const struct bootarg_key *k, void *target, const char *v, size_t n)
{
	u64 *field = (u64 *)((char *)target + k->offset);
	u64 x;

	switch (k->kind) {
	case BA_CUSTOM:
		return k->set(target, v, n) ? NULL : k->bad_msg;
	case BA_FIXED:
		return word_is(k->choices[0], v, n) ? NULL : k->bad_msg ? k->bad_msg : "bad_choice";
	case BA_ENUM:
		for (unsigned i = 0; i < ARRAY_SIZE(k->choices); i++)
			if (word_is(k->choices[i], v, n)) {
				*field = k->values[i];
				return NULL;
			}
		return "bad_choice";
	case BA_SIZE:
	case BA_UINT:
	case BA_TENTHS:
		if (k->kind == BA_TENTHS ? !bootarg_parse_tenths(v, n, &x) : !parse_u64(v, n, k->kind == BA_SIZE, &x))
			return "bad_number";
		if (x < k->min || x > k->max)
			return "out_of_range";
		if (k->align && !IS_ALIGNED(x, k->align))
			return k->align == SZ_2M ? "not_2M_aligned" : "misaligned";
		*field = x;
		return NULL;
	}
	return "bad_key_table";
}

const struct bootarg_key *bootarg_find(const struct bootarg_key *keys, size_t nkeys,
				       const char *name, size_t n)
{
	for (size_t i = 0; i < nkeys; i++)
		if (word_is(keys[i].name, name, n))
			return &keys[i];
	return NULL;
}

/* "S2B.", "s2B." ...: meant for us, but would be skipped as someone else's word. */
static bool prefix_in_other_case(const char *w, size_t n)
{
	static const char prefix[] = BOOTARG_PREFIX;

	if (n < sizeof(prefix) - 1)
		return false;
	for (size_t i = 0; i < sizeof(prefix) - 1; i++)
		if ((w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]) != prefix[i])
			return false;
	return true;
}

int bootargs_parse(const struct bootarg_key *keys, size_t nkeys, void *target, const char *p,
		   struct bootarg_error *err)
{
	const size_t plen = strlen(BOOTARG_PREFIX);
	u64 seen = 0; /* bit i: keys[i] was given, so a second one is refused */

	if (nkeys > 64)
		return bootarg_fail(err, BOOTARG_PREFIX, plen, "bad_key_table");
	while (p && *p) {
		const char *tok, *eq, *msg;
		const struct bootarg_key *k;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		tok = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if ((size_t)(p - tok) < plen || memcmp(tok, BOOTARG_PREFIX, plen)) {
			if (prefix_in_other_case(tok, p - tok)) {
				eq = memchr(tok, '=', p - tok);
				return bootarg_fail(err, tok, eq ? eq - tok : p - tok,
						    "prefix_not_lowercase");
			}
			continue; /* not ours: other words are allowed */
		}
		eq = memchr(tok, '=', p - tok);
		if (!eq)
			return bootarg_fail(err, tok, p - tok, "missing_value");
		k = bootarg_find(keys, nkeys, tok + plen, eq - tok - plen);
		if (k && (seen >> (k - keys) & 1))
			return bootarg_fail(err, tok, eq - tok, "duplicate_key");
		msg = k ? bootarg_set(k, target, eq + 1, p - eq - 1) : "unknown_key";
		if (msg)
			return bootarg_fail(err, tok, eq - tok, msg);
		seen |= 1ULL << (k - keys);
	}
	return 0;
}
