/* See errors.h. */
#include "errors.h"
#include "../core/proto.h"

int error_errno(const char *code, const char *what, int err)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", what);
	rec_u64(&r, "errno", (u64)err);
	rec_end(&r);
	return -1;
}

int error_no_memory(const char *what, int err)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", "no_memory");
	rec_str(&r, "msg", what);
	rec_str(&r, "key", "s2b.mem");
	rec_u64(&r, "errno", (u64)err);
	rec_end(&r);
	return -1;
}

int error_bad_arg(const char *key, const char *msg)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", "bad_arg");
	rec_str(&r, "key", key);
	rec_str(&r, "msg", msg);
	rec_end(&r);
	return -1;
}

int error_in_boot(const char *code, const char *msg, u64 boot, u64 ipa)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", msg);
	rec_u64(&r, "boot", boot);
	if (ipa != ~0ULL)
		rec_hex(&r, "ipa", ipa);
	rec_end(&r);
	return -1;
}
