/* s2bench crossover: where two strategies cost the same along a swept parameter, found by
 * experiment. Bisects the parameter with real runs (those of `run`, into a result directory
 * `report` reads), seed replicates paired at every probe, to a requested resolution; then fits
 * the cost model (reports/model.c) to the same runs and solves its crossover beside it. */
#include "board_options.h"
#include "catalog.h"
#include "cli.h"
#include "crossover_data.h"
#include "crossover_model.h"
#include "hvkeys.h"
#include "matrix.h"
#include "run_session.h"
#include "suite.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_REPS 100
#define MAX_PROBES 64

struct xo_args {
	const char *a, *b, *param, *out;
	double lo, hi, resolution, grain; /* grain: the finest step the parameter takes */
	unsigned reps, jobs, timeout_s;
	struct boot_window window;
	int have_window;
	char keys[1024]; /* "key = value\n" lines from --KEY VALUE */
	char between[64];
	struct run_options opt;
};

struct probe {
	double x;
	double d[MAX_REPS];          /* cost(A) - cost(B), rep by rep (same seed) */
	double mean;
	char signs[MAX_REPS + 1];    /* '+', '-' or '0' per rep */
	int consistent;              /* every rep has the sign of the mean */
	struct planned_run *runs;    /* this probe's runs: A and B, every rep */
	size_t nruns;
};

struct xo {
	struct xo_args a;
	struct run_session rs;
	struct probe p[MAX_PROBES];
	int np;
	size_t runs_total;
};

static int usage(void)
{
	fputs("usage: s2bench crossover --between A,B --param frac|write --lo X --hi Y\n"
	      "                 [--resolution R] [--reps N] [--window FROM:TO] [--out DIR]\n"
	      "                 [-j N] [--timeout S] [--qemu BIN] [--image IMG] [--KEY VALUE]...\n"
	      "  --between A,B   the two strategies\n"
	      "  --param P       the swept key: frac (tenths of a percent) or write (whole percent)\n"
	      "  --lo/--hi       the range bisected; the cost difference must change sign in it\n"
	      "  --resolution R  stop when the bracket is at most R wide (default 0.5)\n"
	      "  --reps N        seed replicates at every probe, paired across A and B (default 3)\n"
	      "  --window F:T    boots whose mean cost is compared (default: every warm boot, 1:boots-1)\n"
	      "  --out DIR       result directory (default results/crossover); probes already in it are\n"
	      "                  not run again\n"
	      "  --KEY VALUE     any other run key of `s2bench list` (--guest touch --order scatter\n"
	      "                  --mem 64M --boots 10); the rest keep the hypervisor's defaults\n",
	      stderr);
	return EXIT_USAGE;
}

static int parse_number(const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	return !*s || *end || !isfinite(*out) ? -1 : 0;
}

static int parse_count(const char *s, unsigned *out, unsigned max)
{
	double v;

	if (parse_number(s, &v) || v < 1 || v > max || v != floor(v))
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* A run key given as --KEY VALUE: one suite line. */
static int add_key(struct xo_args *a, const char *key, const char *value)
{
	size_t len = strlen(a->keys);

	if (!strcmp(key, "strategy"))
		return cli_usage_error("--strategy: the strategies are --between A,B");
	if (!strcmp(key, "oracle")) /* the bisection compares counts; an oracle run gives none */
		return cli_usage_error("--oracle: a crossover compares counts; oracle runs are verdicts");
	if (strchr(value, '\n') || snprintf(a->keys + len, sizeof(a->keys) - len, "%s = %s\n", key, value) >=
					   (int)(sizeof(a->keys) - len))
		return cli_usage_error("--%s %s: bad or too long", key, value);
	return 0;
}

static int check_args(struct xo_args *a)
{
	char *comma;

	if (!a->between[0] || !a->param || isnan(a->lo) || isnan(a->hi))
		return -EXIT_USAGE;
	comma = strchr(a->between, ',');
	if (!comma || strchr(comma + 1, ','))
		return cli_usage_error("--between %s: expected two strategies, A,B", a->between);
	*comma = 0;
	a->a = a->between;
	a->b = comma + 1;
	if (!strcmp(a->a, a->b) || !catalog_find(catalog_strategies, a->a) ||
	    !catalog_find(catalog_strategies, a->b))
		return cli_usage_error("--between %s,%s: expected two different strategies of `s2bench list`",
				       a->a, a->b);
	if (!strcmp(a->param, "frac"))
		a->grain = 0.1;
	else if (!strcmp(a->param, "write"))
		a->grain = 1;
	else
		return cli_usage_error("--param %s: expected frac or write", a->param);
	char line[16];
	snprintf(line, sizeof(line), "%s = ", a->param);
	for (const char *k = a->keys; *k; k = strchr(k, '\n') + 1)
		if (!strncmp(k, line, strlen(line)))
			return cli_usage_error("--%s: the swept parameter is set by the bisection", a->param);
	a->lo = round(a->lo / a->grain) * a->grain; /* what the runs can take */
	a->hi = round(a->hi / a->grain) * a->grain;
	if (!(a->lo < a->hi) || !(a->resolution >= a->grain))
		return cli_usage_error("--lo %g --hi %g --resolution %g: expected lo < hi and a resolution of at least %g",
				       a->lo, a->hi, a->resolution, a->grain);
	return 0;
}

static int parse_args(int argc, char **argv, struct xo_args *a)
{
	enum { O_BETWEEN = 256, O_PARAM, O_LO, O_HI, O_RES, O_REPS, O_WINDOW, O_OUT, O_TIMEOUT,
	       O_QEMU, O_IMAGE, O_KEY };
	struct option opts[16 + SUITE_MAX_KEYS] = {
		{ "between", required_argument, 0, O_BETWEEN }, { "param", required_argument, 0, O_PARAM },
		{ "lo", required_argument, 0, O_LO },		 { "hi", required_argument, 0, O_HI },
		{ "resolution", required_argument, 0, O_RES },	 { "reps", required_argument, 0, O_REPS },
		{ "window", required_argument, 0, O_WINDOW },	 { "out", required_argument, 0, O_OUT },
		{ "timeout", required_argument, 0, O_TIMEOUT }, { "qemu", required_argument, 0, O_QEMU },
		{ "image", required_argument, 0, O_IMAGE },	 { "jobs", required_argument, 0, 'j' },
		{ "help", no_argument, 0, 'h' },
	};
	size_t nfixed = 13;
	int c, idx, end;

	for (size_t k = 0; k < run_key_count; k++)
		opts[nfixed + k] = (struct option){ run_keys[k].name, required_argument, 0, O_KEY };
	a->lo = a->hi = NAN;
	a->resolution = 0.5;
	a->reps = 3;
	a->jobs = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	a->out = "results/crossover";
	board_options_defaults(&a->opt);
	while ((c = getopt_long(argc, argv, "j:h", opts, &idx)) != -1) {
		int bad = 0;
		switch (c) {
		case O_BETWEEN: bad = snprintf(a->between, sizeof(a->between), "%s", optarg) >= (int)sizeof(a->between); break;
		case O_PARAM: a->param = optarg; break;
		case O_LO: bad = parse_number(optarg, &a->lo); break;
		case O_HI: bad = parse_number(optarg, &a->hi); break;
		case O_RES: bad = parse_number(optarg, &a->resolution) || a->resolution <= 0; break;
		case O_REPS: bad = parse_count(optarg, &a->reps, MAX_REPS); break;
		case O_WINDOW:
			bad = sscanf(optarg, "%u:%u%n", &a->window.from, &a->window.to, &end) != 2 ||
			      optarg[end] || a->window.from < 1 || a->window.from > a->window.to;
			a->have_window = 1;
			break;
		case O_OUT: a->out = optarg; break;
		case O_TIMEOUT: bad = parse_count(optarg, &a->timeout_s, 1000000); break;
		case O_QEMU: a->opt.qemu = optarg; break;
		case O_IMAGE: a->opt.image = optarg; break;
		case 'j': bad = parse_count(optarg, &a->jobs, 1024); break;
		case O_KEY:
			if (add_key(a, opts[idx].name, optarg))
				return EXIT_USAGE;
			break;
		default: return -EXIT_USAGE;
		}
		if (bad)
			return cli_usage_error("--%s %s: bad value", c == 'j' ? "jobs" : opts[idx].name, optarg);
	}
	if (optind != argc)
		return -EXIT_USAGE;
	return check_args(a);
}

/* The parameter as the suite and the hypervisor read it: a whole value has no decimals. */
static void format_x(const struct xo_args *a, double x, char *buf, size_t len)
{
	if (x == floor(x) || a->grain >= 1)
		snprintf(buf, len, "%.0f", x);
	else
		snprintf(buf, len, "%.1f", x);
}

/* The probe's runs, from a suite text so every value is checked as `run` checks it. */
static int plan_probe(struct xo *s, struct probe *p)
{
	struct suite suite;
	char text[1536], x[32], err[512];

	format_x(&s->a, p->x, x, sizeof(x));
	snprintf(text, sizeof(text), "name = crossover\nreps = %u\nstrategy = %s %s\n%s%s = %s\n",
		 s->a.reps, s->a.a, s->a.b, s->a.keys, s->a.param, x);
	if (suite_parse("crossover", text, &suite, err, sizeof(err)))
		return cli_usage_error("%s", err);
	p->nruns = matrix_expand(&suite, &p->runs);
	suite_free(&suite);
	return 0;
}

static const char *id_of(const struct probe *p, const char *strategy, unsigned rep)
{
	for (size_t i = 0; i < p->nruns; i++)
		if (p->runs[i].cfg.rep == rep && !strcmp(p->runs[i].cfg.strategy, strategy))
			return p->runs[i].run_id;
	return NULL;
}

/* Runs probe X (what the directory lacks) and takes the paired differences. */
static int run_probe(struct xo *s, double x)
{
	struct probe *p = &s->p[s->np];
	struct results r;
	char err[1024];
	int rc;

	memset(p, 0, sizeof(*p));
	p->x = x;
	if ((rc = plan_probe(s, p)))
		return rc;
	const struct plan plan = { .runs = p->runs, .n = p->nruns };
	if (s->np == 0) {
		unsigned boots = (unsigned)p->runs[0].cfg.boots;
		if (!s->a.have_window)
			s->a.window = (struct boot_window){ 1, boots - 1 };
		if (boots < 2 || s->a.window.to >= boots)
			return cli_usage_error("--window %u:%u: runs have boots 0..%u (boot 0 is cold)",
					       s->a.window.from, s->a.window.to, boots - 1);
		if ((rc = run_session_check(&s->a.opt, &plan)) || (rc = run_session_open(&s->rs)))
			return rc;
	}
	s->np++;
	s->runs_total += p->nruns;
	rc = run_session_execute(&s->rs, &plan);
	if (rc)
		return rc;
	if (results_load(s->a.out, &r, err, sizeof(err)))
		return cli_error("%s", err);
	p->consistent = 1;
	for (unsigned k = 0; k < s->a.reps && !rc; k++) {
		double ca, cb;
		if (window_cost(&r, id_of(p, s->a.a, k), s->a.window, &ca, err, sizeof(err)) ||
		    window_cost(&r, id_of(p, s->a.b, k), s->a.window, &cb, err, sizeof(err))) {
			rc = cli_error("%s (at %s = %g)", err, s->a.param, x);
			break;
		}
		p->d[k] = ca - cb;
		p->mean += p->d[k] / s->a.reps;
	}
	results_free(&r);
	for (unsigned k = 0; k < s->a.reps; k++) {
		p->signs[k] = p->d[k] > 0 ? '+' : p->d[k] < 0 ? '-' : '0';
		if (p->signs[k] != (p->mean > 0 ? '+' : p->mean < 0 ? '-' : '0'))
			p->consistent = 0;
	}
	if (!rc)
		printf("probe %2d  %s = %-6g  %s - %s = %+.0f (mean of %u reps; signs %s%s)\n", s->np,
		       s->a.param, x, s->a.a, s->a.b, p->mean, s->a.reps, p->signs,
		       p->consistent ? "" : ": replicates disagree");
	fflush(stdout);
	return rc;
}

/* The midpoint on the parameter's grain, strictly inside (LO, HI), or NAN when there is none. */
static double midpoint(const struct xo_args *a, double lo, double hi)
{
	double m = round((lo + hi) / 2 / a->grain) * a->grain;

	if (m <= lo + a->grain / 2)
		m = lo + a->grain;
	return m < hi - a->grain / 2 ? m : NAN;
}

static int sign_of(double v)
{
	return (v > 0) - (v < 0);
}

/* Every probe's runs, for the model. */
static int report_model(const struct xo *s, double lo, double hi)
{
	struct probed_run *runs = malloc(s->runs_total * sizeof(*runs));
	size_t n = 0;
	int rc;

	if (!runs)
		return cli_error("out of memory");
	for (int i = 0; i < s->np; i++)
		for (size_t k = 0; k < s->p[i].nruns; k++)
			runs[n++] = (struct probed_run){ s->p[i].x, s->p[i].runs[k].run_id,
							 s->p[i].runs[k].cfg.strategy };
	struct crossover_span span = { s->a.out, s->a.a, s->a.b, s->a.param, s->a.window,
				       s->a.lo, s->a.hi, lo, hi };
	rc = crossover_model_report(&span, runs, n);
	free(runs);
	return rc;
}

/* Bisection: the bracket keeps one end where A - B has the sign of LO and one where it has the
 * sign of HI. */
static int bisect(struct xo *s)
{
	double lo = s->a.lo, hi = s->a.hi;
	int rc, slo, shi;

	if ((rc = run_probe(s, lo)) || (rc = run_probe(s, hi)))
		return rc;
	slo = sign_of(s->p[0].mean);
	shi = sign_of(s->p[1].mean);
	if (slo == shi || !slo || !shi) {
		printf("no crossover in [%g, %g]: %s - %s is %+.0f at %g and %+.0f at %g\n", lo, hi,
		       s->a.a, s->a.b, s->p[0].mean, lo, s->p[1].mean, hi);
		return 1;
	}
	while (hi - lo > s->a.resolution && s->np < MAX_PROBES) {
		double m = midpoint(&s->a, lo, hi);
		if (isnan(m))
			break;
		if ((rc = run_probe(s, m)))
			return rc;
		int sm = sign_of(s->p[s->np - 1].mean);
		if (sm == slo)
			lo = m;
		else if (sm == shi)
			hi = m;
		else {
			lo = hi = m; /* an exact tie: the crossover itself */
			break;
		}
	}
	printf("bracket: %s in [%g, %g] (width %g; resolution %g) after %d probes, %zu runs; cost = "
	       "the report's reinit + fault cost, mean over boots %u..%u of each run, %s - %s paired "
	       "by seed over %u reps\n",
	       s->a.param, lo, hi, hi - lo, s->a.resolution, s->np, s->runs_total, s->a.window.from,
	       s->a.window.to, s->a.a, s->a.b, s->a.reps);
	/* Resolved only if no probe's replicates disagreed: else the crossing is only known to lie
	 * between the nearest probes on either side whose replicates all agree. */
	double clo = s->a.lo, chi = s->a.hi;
	int unresolved = 0;
	for (int i = 0; i < s->np; i++) {
		const struct probe *p = &s->p[i];
		if (!p->consistent) {
			printf("not resolved at %s = %g: replicates disagree (signs %s)\n", s->a.param, p->x,
			       p->signs);
			unresolved = 1;
		} else if (sign_of(p->mean) == slo && p->x > clo)
			clo = p->x;
		else if (sign_of(p->mean) == shi && p->x < chi)
			chi = p->x;
	}
	if (unresolved)
		printf("crossover NOT resolved to %g: replicate signs agree only outside [%g, %g]\n",
		       s->a.resolution, clo, chi);
	else
		printf("crossover resolved: every probe's %u replicates agree in sign\n", s->a.reps);
	return report_model(s, lo, hi);
}

int cmd_crossover(int argc, char **argv)
{
	static struct xo s; /* probes hold large arrays */
	int rc = parse_args(argc, argv, &s.a);

	if (rc)
		return rc < 0 ? usage() : rc;
	s.rs = (struct run_session){ .out = s.a.out, .suite = "crossover", .jobs = s.a.jobs,
				     .timeout_s = s.a.timeout_s ? s.a.timeout_s : 120, .opt = &s.a.opt };
	printf("crossover: %s vs %s along %s in [%g, %g], resolution %g, %u reps per probe, into %s\n",
	       s.a.a, s.a.b, s.a.param, s.a.lo, s.a.hi, s.a.resolution, s.a.reps, s.a.out);
	rc = bisect(&s);
	run_session_close(&s.rs);
	for (int i = 0; i < s.np; i++)
		free(s.p[i].runs);
	return rc;
}
