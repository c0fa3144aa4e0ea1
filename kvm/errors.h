/* `@s2b error` records (docs/protocol.md): every failure s2vmm can report, one line each. */
#ifndef S2VMM_ERRORS_H
#define S2VMM_ERRORS_H

#include "../core/types.h"

/* code=<code> msg=<what> errno=<err>; returns -1 so callers can `return error_errno(...)`. */
int error_errno(const char *code, const char *what, int err);
/* code=no_memory msg=<what> key=s2b.mem errno=<err>: guest RAM could not be had; returns -1. */
int error_no_memory(const char *what, int err);
/* code=bad_arg key=<key> msg=<msg>; returns -1. */
int error_bad_arg(const char *key, const char *msg);
/* code=<code> msg=<msg> boot=<idx> and, when ipa != ~0, ipa=<ipa>; returns -1. */
int error_in_boot(const char *code, const char *msg, u64 boot, u64 ipa);

#endif
