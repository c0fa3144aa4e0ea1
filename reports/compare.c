/* s2bench compare A B | compare DIR --strategy X --vs Y: a benchstat-like table. */
#include "report.h"

#include "contrast.h"
#include "dataset.h"
#include "sweep.h"
#include "table.h"
#include "tables.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* s2vmm's times only where both sides are KVM runs; their keys (init_ns, unmap_us) name the unit */
static const enum measure shown[] = { M_COST, M_REINIT, M_FAULTS, M_LINES, M_READY,
				      M_KVM_INIT, M_KVM_UNMAP, M_KVM_REBOOT };

/* Appends the rows comparing group X (old) with group Y (new) for every measure both have. */
static size_t compare_groups(const struct dataset *d, struct group *x, struct group *y,
			     const char *label, struct table *t)
{
	size_t rows = 0;
	(void)d;
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		enum measure m = shown[i];
		if (!x->n[m] || !y->n[m])
			continue;
		char a[64], b[64], p[16];
		struct contrast c = contrast_cells(y, x, m);
		table_cell(t, "%s", label);
		table_cell(t, "%s", measure_defs[m].key);
		table_cell(t, "%s", fmt_estimate(group_estimate(x, m), a, sizeof(a)));
		table_cell(t, "%s", fmt_estimate(group_estimate(y, m), b, sizeof(b)));
		if (!contrast_differs(&c))
			table_cell(t, "~"); /* benchstat's "no significant difference" */
		else if (isnan(c.ratio))
			table_cell(t, "?");
		else
			table_cell(t, "%+.1f%%", 100 * (c.ratio - 1));
		table_cell(t, "%s n=%zu+%zu runs%s%s", c.exact ? "exact" : fmt_p(c.mw.p, p, sizeof(p)),
			   c.nb, c.na,
			   c.q ? " " : "", quality_text(c.q));
		rows++;
	}
	return rows;
}

static void config_label(const struct dataset *d, const struct group *g, int with_strategy,
			 struct strbuf *out)
{
	if (with_strategy)
		sb_printf(out, "%s ", g->strategy);
	describe_context(d, g->config, NDIMS, out);
}

static void header(struct table *t, const char *a, const char *b)
{
	table_init(t, "llrrrl");
	table_cell(t, "config"), table_cell(t, "measure"), table_cell(t, "%s", a);
	table_cell(t, "%s", b), table_cell(t, "delta"), table_cell(t, "p");
}

static int usage(void)
{
	fprintf(stderr, "usage: s2bench compare OLD_DIR NEW_DIR\n"
			"       s2bench compare DIR --strategy X --vs Y\n");
	return 2;
}

static int finish(struct table *t, size_t rows, const char *what)
{
	int rc = 0;
	if (!rows) {
		fprintf(stderr, "s2bench compare: %s\n", what);
		rc = 1;
	} else {
		table_text(t, stdout);
		printf("\nmedian ± half-width of the 95%% bootstrap CI; delta = new/old - 1 when the "
		       "two-sided Mann-Whitney test gives p < 0.05, else ~\n");
	}
	table_free(t);
	return rc;
}

static int load(const char *dir, struct results *r, struct dataset *d)
{
	char err[1024];
	if (results_load(dir, r, err, sizeof(err))) {
		fprintf(stderr, "s2bench compare: %s\n", err);
		return -1;
	}
	results_warn_unusable(r, "s2bench compare");
	dataset_build(r, d);
	return 0;
}

static int has_strategy(const struct dataset *d, const char *s)
{
	for (size_t i = 0; i < d->ns; i++)
		if (!strcmp(d->strategies[i], s))
			return 1;
	return 0;
}

static int compare_strategies(const char *dir, const char *x, const char *y)
{
	struct results r;
	struct dataset d;
	if (load(dir, &r, &d))
		return 1;
	int rc = 1;
	if (!has_strategy(&d, x) || !has_strategy(&d, y)) {
		fprintf(stderr, "s2bench compare: %s: no measured runs of strategy '%s'\n", dir,
			has_strategy(&d, x) ? y : x);
	} else {
		struct table t;
		header(&t, x, y);
		size_t rows = 0;
		for (size_t i = 0; i < d.ng; i++) {
			struct group *g = &d.g[i], *h;
			if (strcmp(g->strategy, x) || !(h = dataset_find(&d, g->config, y)))
				continue;
			struct strbuf label = { 0 };
			config_label(&d, g, 0, &label);
			rows += compare_groups(&d, g, h, sb_str(&label), &t);
			sb_free(&label);
		}
		rc = finish(&t, rows, "the two strategies share no configuration");
	}
	dataset_free(&d);
	results_free(&r);
	return rc;
}

static int compare_dirs(const char *old, const char *new)
{
	struct results ra, rb;
	struct dataset da, db;
	if (load(old, &ra, &da))
		return 1;
	if (load(new, &rb, &db)) {
		dataset_free(&da), results_free(&ra);
		return 1;
	}
	struct table t;
	header(&t, "old", "new");
	size_t rows = 0;
	for (size_t i = 0; i < da.ng; i++) {
		struct group *g = &da.g[i], *h = dataset_find(&db, g->config, g->strategy);
		if (!h)
			continue;
		struct strbuf label = { 0 };
		config_label(&da, g, 1, &label);
		rows += compare_groups(&da, g, h, sb_str(&label), &t);
		sb_free(&label);
	}
	int rc = finish(&t, rows, "the two result directories share no measured configuration");
	dataset_free(&da), results_free(&ra);
	dataset_free(&db), results_free(&rb);
	return rc;
}

int s2b_cmd_compare(int argc, char **argv)
{
	const char *pos[2] = { NULL, NULL }, *x = NULL, *y = NULL;
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--strategy") && i + 1 < argc)
			x = argv[++i];
		else if (!strcmp(argv[i], "--vs") && i + 1 < argc)
			y = argv[++i];
		else if (argv[i][0] != '-' && npos < 2)
			pos[npos++] = argv[i];
		else
			return usage();
	}
	if (npos == 1 && x && y)
		return compare_strategies(pos[0], x, y);
	if (npos == 2 && !x && !y)
		return compare_dirs(pos[0], pos[1]);
	return usage();
}
