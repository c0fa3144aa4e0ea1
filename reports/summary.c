/* summary.csv: the numbers behind every table, for scripts and for the tests. */
#include "render.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* libcsv quotes every field it writes; quote only where a field needs it. */
static void put_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(f, s, strlen(s));
	else
		fputs(s, f);
}

/* What ci_lo..ci_hi are (stats.h enum spread). */
static const char *const spread_name[] = { [SPREAD_CI] = "ci", [SPREAD_EXACT] = "exact",
					   [SPREAD_RANGE] = "range", [SPREAD_ONE] = "one_run" };

int write_summary_csv(const struct analysis *a, const char *outdir, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/summary.csv", outdir);
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* vcpus last: the columns before it stay where older readers look for them */
	for (int k = 0; k < NDIMS_RUNS_CSV; k++)
		fprintf(f, "%s,", cfg_dim_name[k]);
	fprintf(f, "strategy,measure,n,median,ci_lo,ci_hi,runs,failed_checks,spread,at_reboot,%s\n",
		cfg_dim_name[DIM_VCPUS]);
	for (size_t i = 0; i < a->d.ng; i++) {
		struct group *g = &a->d.g[i];
		for (int m = 0; m < NMEASURES; m++) {
			if (!g->n[m])
				continue;
			const struct estimate *e = group_estimate(g, (enum measure)m);
			for (int k = 0; k < NDIMS_RUNS_CSV; k++) {
				put_field(f, g->config->dim[k]);
				fputc(',', f);
			}
			put_field(f, g->strategy);
			fprintf(f, ",%s,%zu,%.17g,%.17g,%.17g,%zu,%zu,%s,%d,", measure_defs[m].key,
				e->n, e->median, e->lo, e->hi, g->nruns, g->failed_checks,
				spread_name[e->spread], e->at);
			put_field(f, g->config->dim[DIM_VCPUS]);
			fputc('\n', f);
		}
	}
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
