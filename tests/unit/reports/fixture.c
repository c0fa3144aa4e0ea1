/* Cost model behind the fixtures. Per warm boot, with P guest pages, T touched pages, I image
 * pages and W written pages (seq order: the same pages every boot):
 *   unmap: reinit walks every PTE and cleans the T+I mapped pages; then T+I faults that clean
 *   lazy : reinit walks every PTE; T+I faults that clean
 *   clean: reinit walks every PTE and cleans the T+I mapped pages; no faults
 *   fwb  : reinit is one IC IALLUIS; no faults (needs FEAT_S2FWB: unsupported on the board)
 *   dirty: reinit write-protects (walk) and cleans W pages; W write faults without cleaning
 *   none : TLBI only; the board catches it (check=fail), QEMU cannot (no caches in TCG).
 * With random order the mapped set grows boot by boot (clean/fwb keep mappings): their cost
 * trends with the boot index. map=premap maps all P pages before the first boot. Seeded QEMU
 * reps draw other random pages, so the mapped set differs by a few pages from rep to rep. */
#include "fixture.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cost { /* per-event costs, cycles on the board, instructions on QEMU */
	double fault, wp_fault, clean_page, pte, tlbi, ic_all, touch_page, guest_init;
};
static const struct cost board_cost = { 1800, 1500, 768, 100, 600, 300, 900, 40000 };
static const struct cost qemu_cost = { 900, 700, 260, 25, 40, 10, 200, 12000 };

static const char *const strategies[] = { "unmap", "lazy", "clean", "fwb", "dirty", "none" };
#define IMAGE_PAGES 64.0
#define PAGE 4096.0

static uint64_t prng;
static double uniform(void)
{
	uint64_t z = (prng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (double)((z ^ (z >> 31)) >> 11) / 9007199254740992.0;
}
/* Board timing noise: ~2% jitter and an occasional interrupt landing in the window. */
static double noisy(const struct fixture_opts *o, double v)
{
	if (o->qemu)
		return v;
	double g = sqrt(-2 * log(uniform() + 1e-12)) * cos(6.283185307 * uniform());
	return round(v * exp(0.02 * g) * (uniform() < 0.05 ? 1.3 : 1.0));
}

struct config {
	const char *board;
	const char *guest, *order; /* touch: random order, a new page set every boot */
	const char *map;
	double mem, frac;
};

struct boot_row {
	double reinit, reinit_lines, faults, fault_cycles, fault_max, fault_lines, icache, tlbis,
		mapped, ready;
	int check_fail;
};

static struct boot_row model(const struct fixture_opts *o, const char *s, const struct config *c,
			     int idx, int rep)
{
	const struct cost *k = o->qemu ? &qemu_cost : &board_cost;
	double P = c->mem / PAGE;
	double T = strcmp(c->guest, "hello") == 0 ? 4 : round(P * c->frac / 100);
	double M = T + IMAGE_PAGES, W = round(T * 0.5) + IMAGE_PAGES; /* loader rewrites image */
	/* Strategies that keep mappings accumulate every page touched so far; with random order
	 * a boot also touches pages never mapped before, which fault even under clean/fwb. */
	double f = T / P, E = M, fresh = 0;
	if (!strcmp(c->order, "random") && idx > 0) {
		int jitter = o->qemu && o->seeded ? rep * 3 : 0; /* another seed, other pages */
		E = round(P * (1 - pow(1 - f, idx))) + IMAGE_PAGES + jitter;
		fresh = round(T * pow(1 - f, idx)) + jitter;
	}
	if (!strcmp(c->map, "premap"))
		E = P + IMAGE_PAGES, fresh = 0;
	double walk = P * k->pte, clean = k->clean_page;
	struct boot_row b = { .icache = 1, .tlbis = 1, .mapped = M };
	if (!strcmp(s, "unmap") || !strcmp(s, "lazy")) {
		int eager = !strcmp(s, "unmap");
		b.reinit = walk + k->tlbi + (eager ? M * clean : 0);
		b.reinit_lines = eager ? M * 64 : 0;
		b.faults = M;
		b.fault_cycles = M * (k->fault + clean);
		b.fault_lines = M * 64;
		b.icache = 1 + IMAGE_PAGES; /* exec faults invalidate the I-cache */
	} else if (!strcmp(s, "clean")) {
		b.reinit = walk + E * clean + k->ic_all;
		b.reinit_lines = E * 64;
		b.faults = fresh, b.fault_cycles = fresh * (k->fault + clean), b.fault_lines = fresh * 64;
		b.mapped = E;
	} else if (!strcmp(s, "fwb")) {
		b.reinit = k->ic_all, b.tlbis = 0;
		b.faults = fresh, b.fault_cycles = fresh * k->fault, b.mapped = E;
	} else if (!strcmp(s, "dirty")) {
		b.reinit = walk + E * 2 + W * clean + k->tlbi + k->ic_all;
		b.reinit_lines = W * 64;
		b.faults = W;
		b.fault_cycles = W * k->wp_fault;
	} else { /* none */
		b.reinit = k->tlbi, b.icache = 0;
		b.check_fail = !o->qemu;
	}
	b.reinit = noisy(o, b.reinit);
	b.fault_cycles = b.faults ? noisy(o, b.fault_cycles) : 0;
	b.fault_max = b.faults ? noisy(o, (k->fault + clean) * 1.8) : 0;
	b.ready = noisy(o, k->guest_init + T * k->touch_page) + b.fault_cycles;
	return b;
}

static void emit_boot(FILE *f, const struct fixture_opts *o, const char *id, int idx,
		      const struct boot_row *b)
{
	char reinit[128] = ",,";
	/* No reinit before the cold boot, and the board records no instruction counts: absent
	 * cells, not zeros. */
	if (idx > 0 && !o->qemu)
		snprintf(reinit, sizeof(reinit), "%.0f,,%.0f", b->reinit, b->reinit_lines);
	else if (idx > 0)
		snprintf(reinit, sizeof(reinit), "%.0f,%.0f,%.0f", b->reinit, b->reinit,
			 b->reinit_lines);
	char ready_insts[32] = "";
	if (o->qemu)
		snprintf(ready_insts, sizeof(ready_insts), "%.0f", b->ready);
	fprintf(f, "%s,%d,%s,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%s,%s,reset,%s\n", id, idx,
		reinit, b->faults, b->fault_cycles, b->fault_max, b->fault_lines, b->icache,
		b->tlbis, b->mapped, b->ready, ready_insts, b->check_fail ? "fail" : "pass",
		idx == 0 ? "vmid=1" : "");
}

static void emit_faults(FILE *f, const struct fixture_opts *o, const char *id, int boot,
			const char *s, const struct boot_row *b)
{
	const struct cost *k = o->qemu ? &qemu_cost : &board_cost;
	int wp = !strcmp(s, "dirty");
	double base = wp ? k->wp_fault : k->fault + k->clean_page;
	for (int i = 0; i < (int)b->faults; i++) {
		/* Most faults take the fast path; a tail allocates a page-table page first. */
		double c = base * (uniform() < 0.1 ? 1.6 : 1.0) * (o->qemu ? 1 : 1 + 0.05 * uniform());
		fprintf(f, "%s,%d,0x%llx,%s,%d,%.0f,%d\n", id, boot,
			0x40000000ULL + (unsigned long long)i * 4096, i < IMAGE_PAGES ? "inst" : "data",
			wp, round(c), wp ? 0 : 64);
	}
}

static FILE *open_csv(const char *dir, const char *name, const char *header)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f)
		fprintf(f, "%s\n", header);
	return f;
}

static size_t configs(const struct fixture_opts *o, struct config *c)
{
	static const double mib[] = { 16, 32, 64, 128, 256, 512 };
	static const double fracs[] = { 1, 2, 5, 10, 25, 50, 100 };
	const char *board = o->qemu ? "qemu-virt" : "rpi4";
	size_t n = 0;
	c[n++] = (struct config){ board, "hello", "seq", "ondemand", 64 * 1048576.0, 1 };
	for (int i = 0; i < 6; i++)
		c[n++] = (struct config){ board, "touch", "random", "ondemand", mib[i] * 1048576.0, 50 };
	for (int i = 0; i < 7; i++)
		if (fracs[i] != 50)
			c[n++] = (struct config){ board, "touch", "random", "ondemand",
						  256 * 1048576.0, fracs[i] };
	for (int i = 0; i < 6; i++)
		c[n++] = (struct config){ board, "memsweep", "seq", "ondemand", mib[i] * 1048576.0, 100 };
	for (int i = 1; i < 6; i += 2)
		c[n++] = (struct config){ board, "memsweep", "seq", "premap", mib[i] * 1048576.0, 10 };
	if (o->qemu && o->two_boards) {
		c[n++] = (struct config){ "qemu-virt-a72", "hello", "seq", "ondemand", 64 * 1048576.0, 1 };
		c[n++] = (struct config){ "qemu-virt-a72", "touch", "seq", "ondemand", 64 * 1048576.0, 25 };
	}
	return n;
}

int fixture_write(const char *dir, const struct fixture_opts *o)
{
	prng = o->seed;
	FILE *runs = open_csv(dir, "runs.csv",
		"run_id,suite,board,strategy,guest,mem,block,map,icache,frac,stride,write,order,seed,"
		"boots_req,rep,status,exit_code,wall_s,boots,bad_crc,error,hv_version,qemu_version,fwb,midr");
	FILE *boots = open_csv(dir, "boots.csv",
		"run_id,idx,reinit_cycles,reinit_insts,reinit_lines,faults,fault_cycles,"
		"fault_max_cycles,fault_lines,icache_invals,tlbis,pages_mapped,ready_cycles,"
		"ready_insts,check,exit,extra");
	FILE *faults = open_csv(dir, "faults.csv", "run_id,boot,ipa,kind,write,cycles,lines");
	FILE *metrics = open_csv(dir, "metrics.csv", "run_id,boot,key,value");
	if (!runs || !boots || !faults || !metrics)
		return -1;
	struct config cfg[32];
	size_t ncfg = configs(o, cfg);
	int serial = 0;
	for (size_t ci = 0; ci < ncfg; ci++)
		for (int si = 0; si < 6; si++)
			for (int rep = 0; rep < o->reps; rep++) {
				const char *s = strategies[si];
				const struct config *c = &cfg[ci];
				char id[32];
				snprintf(id, sizeof(id), "%08x", 0x5b000000u + (unsigned)serial++);
				const char *status = "ok";
				int nboots = o->boots, code = 0;
				int a72 = !strcmp(c->board, "qemu-virt-a72"), fwb = o->qemu && !a72;
				if (!strcmp(s, "fwb") && !fwb)
					status = "unsupported", nboots = 0, code = 3;
				else if (!strcmp(s, "none") && !o->qemu)
					status = "check_failed", code = 1;
				else if (!strcmp(c->guest, "memsweep") && c->mem >= 512 * 1048576.0 &&
					 !strcmp(s, "unmap") && rep == 1)
					status = "timeout", nboots = 2, code = 124;
				fprintf(runs, "%s,default,%s,%s,%s,%.0f,4k,%s,exec,%.0f,4096,50,%s,%d,%d,%d,"
					"%s,%d,%.2f,%d,0,%s,0.1.0,%s,%s,%s\n",
					id, c->board, s, c->guest, c->mem, c->map, c->frac, c->order,
					o->seeded ? 1 + rep : 1, o->boots, rep, status, code,
					0.5 + nboots * 0.2, nboots,
					nboots ? "" : "unsupported:FEAT_S2FWB_absent",
					o->qemu ? "8.2.2" : "", fwb ? "1" : "0",
					o->qemu && !a72 ? "0x000f0510" : "0x410fd083");
				for (int idx = 0; idx < nboots; idx++) {
					struct boot_row b = model(o, s, c, idx, rep);
					emit_boot(boots, o, id, idx, &b);
					fprintf(metrics, "%s,%d,touched_pages,%.0f\n", id, idx, b.mapped);
					if (!strcmp(c->guest, "touch") && c->mem == 16 * 1048576.0 &&
					    rep == 0 && idx >= 1 && idx <= 2)
						emit_faults(faults, o, id, idx, s, &b);
				}
			}
	int rc = 0;
	FILE *all[] = { runs, boots, faults, metrics };
	for (int i = 0; i < 4; i++)
		rc |= fclose(all[i]) != 0 ? -1 : 0;
	return rc;
}

char *read_whole_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = NULL;
	long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) &&
	    fread(s, 1, (size_t)n, f) == (size_t)n)
		s[n] = '\0';
	else
		free(s), s = NULL;
	fclose(f);
	return s;
}

char *read_dir_file(const char *dir, const char *name)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return read_whole_file(p);
}

int write_dir_file(const char *dir, const char *name, const char *text)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}
