/* Record splitting with libcsv (see csvsplit.h). */
#include "csvsplit.h"

#include <csv.h>

struct ctx {
	const struct csv_split_cb *cb;
	void *user;
	int ended;
};

static void on_field(void *s, size_t len, void *data)
{
	struct ctx *c = data;
	c->cb->field(s, len, c->user);
}

static void on_end(int ch, void *data)
{
	(void)ch;
	((struct ctx *)data)->ended = 1;
}

static int is_term(char c)
{
	return c == '\n' || c == '\r'; /* what ends a row for libcsv */
}

int csv_split(const char *buf, size_t len, unsigned char options, const struct csv_split_cb *cb,
	      void *user, int *csv_err, unsigned *err_line)
{
	struct ctx c = { cb, user, 0 };
	struct csv_parser csv;
	size_t pos = 0, start = 0;
	unsigned lines = 0, start_line = 1; /* newlines before pos; line of start */
	int rc = 0;

	if (csv_init(&csv, options)) {
		*csv_err = CSV_ENOMEM, *err_line = 1;
		return -1;
	}
	while (pos < len && !rc) {
		/* Feed libcsv up to the next CR/LF: only those end a row, so when it reports a row
		 * end, the row ends exactly at the end of this piece. */
		size_t end = pos;
		while (end < len && !is_term(buf[end]))
			end++;
		end += end < len;
		if (csv_parse(&csv, buf + pos, end - pos, on_field, on_end, &c) != end - pos) {
			*csv_err = csv_error(&csv), *err_line = lines + 1;
			rc = -1;
			break;
		}
		lines += buf[end - 1] == '\n';
		pos = end;
		if (!c.ended)
			continue;
		while (pos < len && is_term(buf[pos])) /* CRLF, blank lines: libcsv skips them */
			lines += buf[pos++] == '\n';
		rc = !!cb->record(&(struct csv_record){ start, pos - start, start_line, 1, 1 }, user);
		start = pos;
		start_line = lines + 1;
		c.ended = 0;
	}
	if (!rc && start < len) {
		if (csv_fini(&csv, on_field, on_end, &c)) {
			*csv_err = csv_error(&csv), *err_line = start_line;
			rc = -1;
		} else {
			rc = !!cb->record(&(struct csv_record){ start, len - start, start_line, 0,
								 c.ended },
					  user);
		}
	}
	csv_free(&csv);
	return rc;
}
