/* Just enough of a flattened device tree reader for a raw image with no library (DTSpec v0.3
 * chapter 5): nodes by path or phandle, a node's own properties. Reads byte by byte: with the MMU
 * off every load is a Device access and must be aligned. Offsets are into the structure block;
 * negative = not found or a malformed tree. */
#ifndef IMAGE_GUESTS_FDT_READ_H
#define IMAGE_GUESTS_FDT_READ_H

#include <stdbool.h>
#include <stdint.h>

struct fdt {
	const uint8_t *base, *structs, *strings;
	uint32_t struct_size;
};

/* 0 if blob starts with a valid header (magic, version 16/17 layout), else -1. */
int fdt_open(struct fdt *t, const void *blob);
/* The node at an absolute path ("/", "/cpus/cpu@0"); only the first `len` bytes of path count. */
int fdt_node(const struct fdt *t, const char *path, unsigned len);
/* The node whose "phandle" is ph. */
int fdt_node_by_phandle(const struct fdt *t, uint32_t ph);
/* A property of the node itself (not of its children): its value, *len bytes; 0 if absent. */
const uint8_t *fdt_prop(const struct fdt *t, int node, const char *name, uint32_t *len);
/* The node's name (NUL-terminated, in the tree). */
const char *fdt_name(const struct fdt *t, int node);
uint32_t fdt_be32(const uint8_t *p);

#endif
