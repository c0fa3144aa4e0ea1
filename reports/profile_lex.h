/* Splitting one profile line into `KEY = tokens...` (docs/profiles.md, "Syntax"). */
#ifndef S2B_REPORTS_PROFILE_LEX_H
#define S2B_REPORTS_PROFILE_LEX_H

#define PROFILE_LEX_MAX_LINE 1024
#define PROFILE_LEX_MAX_TOKENS 40
#define PROFILE_LEX_EMPTY (-2) /* a blank or comment-only line */

struct profile_token {
	const char *s; /* NUL-terminated, inside the line buffer */
	int quoted;    /* was "..." (so `-` or a keyword in quotes is text, not syntax) */
};

/* Splits line in place. Returns the number of value tokens, PROFILE_LEX_EMPTY, or -1 with *why set. */
int profile_lex_line(char *line, char **key, struct profile_token *t, const char **why);

#endif
