/* See fdt_read.h. Token layout: DTSpec v0.3 section 5.4. */
#include "fdt_read.h"

#define FDT_MAGIC 0xd00dfeedu
#define TOK_BEGIN 1
#define TOK_END_NODE 2
#define TOK_PROP 3
#define TOK_NOP 4
#define TOK_END 9

uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned str_len(const char *s)
{
	unsigned n = 0;

	while (s[n])
		n++;
	return n;
}

static bool same(const char *a, const char *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

int fdt_open(struct fdt *t, const void *blob)
{
	const uint8_t *h = blob;

	if (fdt_be32(h) != FDT_MAGIC || fdt_be32(h + 20) < 16)
		return -1;
	t->base = h;
	t->structs = h + fdt_be32(h + 8);
	t->strings = h + fdt_be32(h + 12);
	t->struct_size = fdt_be32(h + 36);
	return 0;
}

static uint32_t align4(uint32_t v)
{
	return (v + 3) & ~3u;
}

/* The offset of the token after the one at off, or -1 at END or out of bounds. */
static int next_token(const struct fdt *t, int off)
{
	uint32_t tok;

	if (off < 0 || (uint32_t)off + 4 > t->struct_size)
		return -1;
	tok = fdt_be32(t->structs + off);
	if (tok == TOK_BEGIN)
		return (int)align4((uint32_t)off + 4 + str_len((const char *)t->structs + off + 4) + 1);
	if (tok == TOK_PROP)
		return (int)align4((uint32_t)off + 12 + fdt_be32(t->structs + off + 4));
	if (tok == TOK_END_NODE || tok == TOK_NOP)
		return off + 4;
	return -1;
}

const char *fdt_name(const struct fdt *t, int node)
{
	return (const char *)t->structs + node + 4;
}

/* The next node at any depth after the token at off; *depth follows BEGIN/END pairs. */
static int next_node(const struct fdt *t, int off, int *depth)
{
	for (off = next_token(t, off); off >= 0; off = next_token(t, off)) {
		uint32_t tok = fdt_be32(t->structs + off);

		if (tok == TOK_BEGIN) {
			++*depth;
			return off;
		}
		if (tok == TOK_END_NODE)
			--*depth;
	}
	return -1;
}

int fdt_node(const struct fdt *t, const char *path, unsigned len)
{
	int off = 0, depth = 1, level = 1; /* off 0: the root's BEGIN; level: depth matched so far */
	unsigned at = 1;

	if (len == 0 || path[0] != '/')
		return -1;
	while (at < len) {
		unsigned n = 0;

		while (at + n < len && path[at + n] != '/')
			n++;
		for (;;) { /* a child of the node matched so far, named path[at..at+n) */
			off = next_node(t, off, &depth);
			if (off < 0 || depth <= level)
				return -1; /* left that node: no such child */
			if (depth == level + 1 && same(fdt_name(t, off), path + at, n) &&
			    fdt_name(t, off)[n] == 0)
				break;
		}
		level++;
		at += n + 1;
	}
	return off;
}

int fdt_node_by_phandle(const struct fdt *t, uint32_t ph)
{
	int off = 0, depth = 0;

	for (; off >= 0; off = next_node(t, off, &depth)) {
		uint32_t len;
		const uint8_t *v = fdt_prop(t, off, "phandle", &len);

		if (v && len == 4 && fdt_be32(v) == ph)
			return off;
	}
	return -1;
}

const uint8_t *fdt_prop(const struct fdt *t, int node, const char *name, uint32_t *len)
{
	unsigned n = str_len(name) + 1;
	int off;

	for (off = next_token(t, node); off >= 0; off = next_token(t, off)) {
		uint32_t tok = fdt_be32(t->structs + off);

		if (tok == TOK_BEGIN || tok == TOK_END_NODE)
			return 0; /* the node's own properties come before its children */
		if (tok == TOK_PROP &&
		    same((const char *)t->strings + fdt_be32(t->structs + off + 8), name, n)) {
			*len = fdt_be32(t->structs + off + 4);
			return t->structs + off + 12;
		}
	}
	return 0;
}
