/*
 * One error convention for s2pt and the strategies: negative enum s2_err values, each with a
 * word that `error code=strategy_failed msg=<word>` carries (docs/protocol.md, error codes).
 */
#ifndef S2_S2ERR_H
#define S2_S2ERR_H

enum s2_err {
	S2_EINVAL = -1,       /* bad_range: misaligned, empty or outside the IPA space */
	S2_ENOMEM = -2,       /* out_of_table_memory: the page-table pool is exhausted */
	S2_EEXIST = -3,       /* already_mapped */
	S2_ENOENT = -4,       /* not_mapped: nothing mapped where a mapping was required */
	S2_EUNSUPPORTED = -5, /* unsupported: the CPU lacks what the strategy needs */
};

/* The record word for an error (any other value: "unknown_error"). */
const char *s2_err_word(int err);

#endif
