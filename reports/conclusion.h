/* The plain-language answer, computed from the data: one finding per line, `code` in
 * backticks (html.c turns them into <code>, Markdown keeps them). */
#ifndef S2B_REPORTS_CONCLUSION_H
#define S2B_REPORTS_CONCLUSION_H

#include "analysis.h"

void conclusion_write(const struct analysis *a, struct strbuf *out);
/* The caveat every QEMU report carries (empty for hardware-only data). */
const char *qemu_caveat(const struct analysis *a);

#endif
