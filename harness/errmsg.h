/* The one-line reason a harness call fails with: formats it into the caller's ERR buffer. */
#ifndef S2B_HARNESS_ERRMSG_H
#define S2B_HARNESS_ERRMSG_H

#include <stddef.h>

/* Writes FMT... into ERR (ERRLEN bytes) and returns -1, so a failure is one statement. */
int errmsg(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
