/* Writing a profile in its canonical form: the form `s2bench calibrate` will write, and the
 * round-trip check that the parser reads back everything it accepts. */
#include "profile.h"

#include <stdlib.h>
#include <string.h>

/* The shortest plain decimal that reads back as the same double: %g without its exponent form
 * (1000 is "1000", never "1e+03"), else as many %f decimals as it takes (1e-05 is "0.00001"). */
static void fmt_number(char *buf, size_t len, double v)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (!strchr(buf, 'e') && strtod(buf, NULL) == v)
			return;
	}
	for (int dec = 0; dec <= 40; dec++) {
		snprintf(buf, len, "%.*f", dec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

static void fmt_count(char *buf, size_t len, long v)
{
	if (v < 0)
		snprintf(buf, len, "-");
	else if (v >= (1L << 30) && v % (1L << 30) == 0)
		snprintf(buf, len, "%ldG", v >> 30);
	else if (v >= (1L << 20) && v % (1L << 20) == 0)
		snprintf(buf, len, "%ldM", v >> 20);
	else if (v >= (1L << 10) && v % (1L << 10) == 0)
		snprintf(buf, len, "%ldK", v >> 10);
	else
		snprintf(buf, len, "%ld", v);
}

static const char *unit_name(enum profile_unit u)
{
	static const char *const names[] = {"", "ns", "cycles", "GB/s", "B/cycle", "MHz"};
	return names[u];
}

static void put_provenance(FILE *f, const struct profile *p, const struct profile_cite *cite, int ncite)
{
	for (int i = 0; i < ncite; i++) {
		const struct profile_source *s = &p->src[cite[i].source];
		fprintf(f, " %s %s", s->kind == PROV_PUBLISHED ? "published" : "measured", s->id);
		if (cite[i].at[0])
			fprintf(f, " at \"%s\"", cite[i].at);
	}
}

static void put_value(FILE *f, const struct profile *p, const char *key, const struct profile_value *v)
{
	char a[32], b[32], c[32];

	if (!v->known) {
		fprintf(f, "%s = -\n", key);
		return;
	}
	fmt_number(a, sizeof(a), v->value);
	fprintf(f, "%s = %s %s", key, a, unit_name(v->unit));
	if (v->unit != PU_MHZ) {
		if (v->spread == SPREAD_NONE) {
			fprintf(f, " spread -");
		} else {
			fmt_number(b, sizeof(b), v->lo);
			fmt_number(c, sizeof(c), v->hi);
			fprintf(f, " spread %s %s %s n %ld", v->spread == SPREAD_IQR ? "iqr" : "minmax", b, c,
				v->n);
		}
	}
	if (v->have_path) {
		fmt_number(a, sizeof(a), v->path);
		fprintf(f, " path %s", a);
	}
	put_provenance(f, p, v->cite, v->ncite);
	fputc('\n', f);
}

static void put_source(FILE *f, const struct profile_source *s)
{
	fprintf(f, "source %s = %s", s->id, s->kind == PROV_PUBLISHED ? "published" : "measured");
	if (s->kind == PROV_PUBLISHED) {
		fprintf(f, " doc \"%s\"", s->doc);
		if (s->at[0])
			fprintf(f, " at \"%s\"", s->at);
		fprintf(f, " url \"%s\"\n", s->url);
	} else {
		fprintf(f, " board \"%s\" date %s method \"%s\" s2hv \"%s\"\n", s->board, s->date, s->method,
			s->s2hv);
	}
}

int profile_write(FILE *f, const struct profile *p)
{
	fprintf(f, "format = s2bench-profile 1\nname = %s\ncpu = %s\n", p->name, p->cpu);
	if (p->midr_full_known)
		fprintf(f, "midr = 0x%08lx\n", p->midr_full);
	else
		fprintf(f, "midr = 0x%02x/0x%03x\n", p->midr_impl, p->midr_part);
	fprintf(f, "made = %s\n", p->made);
	for (int i = 0; i < p->nsrc; i++)
		put_source(f, &p->src[i]);
	put_value(f, p, "clock", &p->clock);
	for (int i = 0; i < PROF_NCACHES; i++) {
		const struct profile_cache *c = &p->cache[i];
		char v[4][32];
		if (c->state != CACHE_GEOMETRY) {
			fprintf(f, "%s = %s\n", profile_cache_key(i), c->state == CACHE_IS_L2 ? "l2" : "-");
			continue;
		}
		fmt_count(v[0], sizeof(v[0]), c->line);
		fmt_count(v[1], sizeof(v[1]), c->sets);
		fmt_count(v[2], sizeof(v[2]), c->ways);
		fmt_count(v[3], sizeof(v[3]), c->size);
		fprintf(f, "%s = line %s sets %s ways %s size %s", profile_cache_key(i), v[0], v[1], v[2],
			v[3]);
		put_provenance(f, p, c->cite, c->ncite);
		fputc('\n', f);
	}
	for (int c = 0; c < PROF_NCONST; c++)
		put_value(f, p, profile_const_name(c), &p->c[c]);
	return ferror(f) ? -1 : 0;
}
