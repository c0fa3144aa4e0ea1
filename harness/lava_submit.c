/* `s2bench lava submit` (lava_submit.h): check the server, the token and the device type before
 * anything is written; submit what is missing, recording each job id durably before the next
 * submission (lava_ledger.h); then poll every job in flight each --poll seconds, one progress
 * line per change of state, and store each finished job's rows at once, so a kill loses at most
 * the polling: `--resume` finds the jobs again.
 *
 * The suite is walked, never held (issue 20): each poll round walks it again, in the same order,
 * beside the list of jobs in flight (a subsequence of that walk), so a job that finishes has its
 * planned run at hand. Per run, memory holds its id, job id and phase, nothing else. */
#include "lava_submit.h"

#include "cli.h"
#include "idset.h"
#include "lava_api.h"
#include "lava_ingest.h"
#include "lava_ledger.h"
#include "lava_state.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A run still to do and its job, in walk order. */
struct tracked {
	uint64_t run; /* its run id's value (idset.h) */
	unsigned long long job;
	enum lava_phase shown; /* the phase last printed */
	int done;
};

struct submit_session {
	struct lava_submit_opts *o;
	char default_out[128];  /* results/SUITE_NAME, as `run` */
	const char *suite_name; /* runs.csv `suite`, as `run` writes it */
	struct lava_api api;
	struct store store;
	struct lava_ledger ledger;
	const struct suite *suite;
	struct tracked *t;
	size_t nt, finished, total, ok;
	char err[1024];
};

static int submit_one(struct submit_session *s, struct tracked *t, const struct planned_run *r)
{
	char *yaml = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&yaml, &len);

	if (!f)
		return cli_error("out of memory");
	lava_job_write(f, &s->o->job, r);
	if (fclose(f)) {
		free(yaml);
		return cli_error("out of memory");
	}
	int rc = lava_api_submit(&s->api, yaml, &t->job);
	free(yaml);
	if (rc)
		return cli_error("%s", s->api.err);
	if (lava_ledger_add(&s->ledger, r->run_id, t->job, s->err, sizeof(s->err)))
		return cli_error("%s", s->err);
	printf("lava: submitted job %llu: run %s (%s %s rep %u)\n", t->job, r->run_id,
	       r->cfg.strategy, r->cfg.guest, r->cfg.rep);
	return 0;
}

static int finish_job(struct submit_session *s, struct tracked *t, const struct planned_run *r,
		      const struct lava_verdict *v, const struct lava_job_info *info)
{
	struct lava_job_end end = { t->job, v->status, info->failure };
	const char *status;
	char *log;
	size_t len;

	if (lava_api_log(&s->api, t->job, s->o->log_max, &log, &len))
		return cli_error("%s", s->api.err);
	int rc = lava_ingest(&s->store, s->suite_name, r, &end, log, len, &status, s->err,
			     sizeof(s->err));
	free(log);
	if (rc)
		return cli_error("run %s (job %llu): %s", r->run_id, t->job, s->err);
	t->done = 1;
	s->finished++;
	s->ok += strcmp(status, "ok") == 0;
	printf("lava: [%zu/%zu] job %llu run %s: %s\n", s->finished, s->total, t->job, r->run_id,
	       status);
	fflush(stdout);
	return 0;
}

/* Polls T's job: finishes it when LAVA has, else prints its phase when that changed. */
static int poll_job(struct submit_session *s, struct tracked *t, const struct planned_run *r)
{
	struct lava_job_info info;

	if (lava_api_job(&s->api, t->job, &info))
		return cli_error("%s", s->api.err);
	struct lava_verdict v = lava_job_verdict(info.state, info.health);
	if (v.phase == LAVA_PHASE_BAD)
		return cli_error("job %llu: state '%s', health '%s': not a state this s2bench knows",
				 t->job, info.state, info.health);
	if (v.phase == LAVA_PHASE_DONE)
		return finish_job(s, t, r, &v, &info);
	if (v.phase != t->shown) {
		t->shown = v.phase;
		printf("lava: [%zu/%zu] job %llu run %s: %s\n", s->finished, s->total, t->job,
		       r->run_id, lava_phase_name(v.phase));
		fflush(stdout);
	}
	return 0;
}

/* The tracked entry R is, if any: s->t is a subsequence of the walk, so *NEXT moves forward. */
static struct tracked *tracked_at(struct submit_session *s, size_t *next, const struct planned_run *r)
{
	uint64_t id;

	if (*next == s->nt || run_id_parse(r->run_id, RUN_ID_LEN, &id) || s->t[*next].run != id)
		return NULL;
	return &s->t[(*next)++];
}

/* One poll of every job in flight, in walk order; *LEFT = jobs still unfinished. */
static int poll_round(struct submit_session *s, size_t *left)
{
	struct matrix_iter it;
	struct planned_run r;
	size_t next = 0;
	int rc = 0;

	*left = 0;
	matrix_iter_start(&it, s->suite, NULL);
	while (!rc && next < s->nt && matrix_iter_next(&it, &r)) {
		struct tracked *t = tracked_at(s, &next, &r);
		if (!t || t->done)
			continue;
		rc = poll_job(s, t, &r);
		*left += !rc && !t->done;
	}
	matrix_iter_end(&it);
	if (!rc && next < s->nt) /* the walk is deterministic: never, unless a bug */
		rc = cli_error("internal error: %zu submitted runs not met walking the suite", s->nt - next);
	return rc;
}

/* Server, token and device type, checked before --out is touched. */
static int connect_server(struct submit_session *s)
{
	char token[256];

	if (lava_api_read_token(s->o->token_file, token, sizeof(token), s->err, sizeof(s->err)))
		return cli_error("%s", s->err);
	int rc = lava_api_open(&s->api, s->o->server, token) ||
		 lava_api_check_device_type(&s->api, s->o->job.device_type);
	memset(token, 0, sizeof(token));
	return rc ? cli_error("%s", s->api.err) : 0;
}

/* Submits, in walk order, every run the result directory does not have and the ledger has no
 * job for; S->t gets each run still to do (N at most). */
static int track_runs(struct submit_session *s, size_t n)
{
	struct matrix_iter it;
	struct planned_run r;
	int rc = 0;

	if (!s->o->resume && s->ledger.jobs)
		return cli_error("%s holds %zu submitted LAVA jobs (lava-jobs.csv): add --resume to pick them up, or use a new --out",
				 s->o->out, s->ledger.jobs);
	s->t = calloc(n ? n : 1, sizeof(*s->t));
	if (!s->t)
		return cli_error("out of memory");
	matrix_iter_start(&it, s->suite, NULL);
	while (!rc && s->nt < n && matrix_iter_next(&it, &r)) {
		if (store_is_finished(&s->store, r.run_id))
			continue;
		struct tracked *t = &s->t[s->nt++];
		run_id_parse(r.run_id, RUN_ID_LEN, &t->run); /* matrix.c made it: always an id */
		t->shown = LAVA_PHASE_BAD;
		t->job = lava_ledger_job(&s->ledger, r.run_id);
		if (t->job)
			printf("lava: resuming job %llu: run %s\n", t->job, r.run_id);
		else
			rc = submit_one(s, t, &r);
	}
	matrix_iter_end(&it);
	return rc;
}

int lava_submit(struct lava_submit_opts *o)
{
	struct submit_session s = { .o = o };
	struct suite suite;
	size_t n, left = 0;
	int rc;

	if (lava_job_opts_check(&o->job) ||
	    lava_suite_load(o->suite, &suite, &n, &o->job.timeout_min))
		return 1;
	s.suite = &suite;
	s.suite_name = suite.name;
	if (!o->out) {
		snprintf(s.default_out, sizeof(s.default_out), "results/%s", suite.name);
		o->out = s.default_out;
	}
	if ((rc = connect_server(&s)))
		goto out;
	if (store_open(&s.store, o->out, s.err, sizeof(s.err))) {
		rc = cli_error("%s", s.err);
		goto out;
	}
	if (lava_ledger_open(&s.ledger, o->out, s.err, sizeof(s.err))) {
		rc = cli_error("%s", s.err);
		store_close(&s.store);
		goto out;
	}
	rc = track_runs(&s, n);
	s.total = s.nt;
	if (!rc && s.nt < n)
		printf("lava: %zu of %zu runs already have rows in %s\n", n - s.nt, n, o->out);
	fflush(stdout);
	while (!rc && (rc = poll_round(&s, &left)) == 0 && left)
		sleep(o->poll_s);
	if (!rc)
		printf("lava: %zu runs: %zu ok, %zu not ok; results in %s\n", s.nt, s.ok,
		       s.nt - s.ok, o->out);
	else if (s.nt && s.t[0].job) /* jobs were in flight */
		cli_error("the jobs are in %s/lava-jobs.csv: run the same command with --resume to pick them up",
			  o->out);
	free(s.t);
	lava_ledger_close(&s.ledger);
	store_close(&s.store);
out:
	lava_api_close(&s.api);
	suite_free(&suite);
	return rc ? 1 : 0;
}
