/* Shared between the s2pt operation files (s2pt.c, s2pt_attrs.c); not for strategies. */
#ifndef S2_S2PT_PRIV_H
#define S2_S2PT_PRIV_H

#include "walk.h"

/* Turn the leaf at c (invalid or a block) into a table that maps the same range. */
int s2pt_split_to_table(struct walk_ctx *c);
/* S2AP/XN bits for an enum s2_prot mask. */
u64 s2pt_prot_bits(unsigned prot);

#endif
