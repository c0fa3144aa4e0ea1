/* YAML double-quoted scalars for the job files `s2bench lava` writes: any ASCII text, with '#',
 * ':', quotes, backslashes and line breaks, reads back exactly as given. */
#ifndef S2B_HARNESS_YAMLSTR_H
#define S2B_HARNESS_YAMLSTR_H

#include <stdbool.h>
#include <stdio.h>

/* A double-quoted scalar can say any ASCII string; other bytes are refused (a URL is ASCII,
 * RFC 3986: percent-encode the rest), so no encoding question reaches the YAML reader. */
bool yaml_quotable(const char *s);
/* Writes S as a double-quoted scalar, escaping '"', '\\' and every control character
 * (YAML 1.2 section 5.7). S must be yaml_quotable(). */
void yaml_put_quoted(FILE *f, const char *s);

#endif
