/* The record words of enum s2_err (docs/protocol.md lists them under strategy_failed). */
#include "s2err.h"

const char *s2_err_word(int err)
{
	switch (err) {
	case S2_EINVAL:
		return "bad_range";
	case S2_ENOMEM:
		return "out_of_table_memory";
	case S2_EEXIST:
		return "already_mapped";
	case S2_ENOENT:
		return "not_mapped";
	case S2_EUNSUPPORTED:
		return "unsupported";
	}
	return "unknown_error";
}
