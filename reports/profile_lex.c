/* The profile lexer: `#` starts a comment at the start of a line or after a blank (so URLs keep
 * their fragments), "..." is one token with blanks inside, and the key ends at the first `=`. */
#include "profile_lex.h"

#include <string.h>

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *trim(char *s)
{
	char *e = s + strlen(s);
	while (blank(*s))
		s++;
	while (e > s && blank(e[-1]))
		*--e = 0;
	return s;
}

int profile_lex_line(char *line, char **key, struct profile_token *t, const char **why)
{
	char *eq = NULL, *p;
	int quoted = 0, n = 0;

	for (p = line; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '#' && (p == line || blank(p[-1]))) {
			*p = 0;
			break;
		} else if (!quoted && *p == '=' && !eq)
			eq = p;
	}
	if (quoted) {
		*why = "unterminated \"";
		return -1;
	}
	if (!*trim(line))
		return PROFILE_LEX_EMPTY;
	if (!eq) {
		*why = "expected `KEY = VALUE`";
		return -1;
	}
	*eq = 0;
	*key = trim(line);
	if (!**key) {
		*why = "no key before `=`";
		return -1;
	}
	for (p = eq + 1;;) {
		while (blank(*p))
			p++;
		if (!*p)
			break;
		if (n == PROFILE_LEX_MAX_TOKENS) {
			*why = "too many words on one line";
			return -1;
		}
		t[n].quoted = *p == '"';
		if (t[n].quoted) {
			t[n].s = ++p;
			p = strchr(p, '"');
			*p++ = 0;
			if (*p && !blank(*p)) {
				*why = "a closing \" must be followed by a blank";
				return -1;
			}
		} else {
			t[n].s = p;
			while (*p && !blank(*p) && *p != '"')
				p++;
			if (*p == '"') {
				*why = "a \" must start a word";
				return -1;
			}
		}
		if (*p)
			*p++ = 0;
		n++;
	}
	return n;
}
