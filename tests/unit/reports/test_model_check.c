/* model-check (reports/model_check.c, model_error.c): the relative error and a strategy's median
 * absolute error by hand, and on two small result directories: boots paired by configuration,
 * strategy, repetition and index, the predicted and measured medians, the error computed from those
 * two, an unpaired run counted, and what cannot be checked refused with one line. */
#include "model_check.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

Test(model_error, is_relative_to_the_measured_value)
{
	cr_expect_float_eq(model_error(110, 100), 0.10, 1e-12);
	cr_expect_float_eq(model_error(75, 100), -0.25, 1e-12);
	cr_expect(isnan(model_error(1, 0)), "a zero measurement has no relative error");
	cr_expect(isnan(model_error(1, -5)));
	cr_expect(isnan(model_error(NAN, 100)));
	cr_expect(isnan(model_error(100, NAN)));
}

static struct mc_cell cell(const char *strategy, double pred, double meas, double rpred, double rmeas)
{
	struct mc_cell c = { .strategy = strategy, .mid_ns = pred, .measured_ns = meas,
			     .reinit_pred_ns = rpred, .reinit_ns = rmeas, .implied_inst_ns = meas / 100 };
	c.error = model_error(pred, meas);
	return c;
}

Test(model_summary, median_absolute_error_within_and_residual_per_strategy)
{
	struct mc_cell cells[] = {
		cell("a", 110, 100, 50, 100), /* +10 %, re-init −50 % */
		cell("b", 900, 100, NAN, NAN), /* another strategy: never counted for a */
		cell("a", 75, 100, NAN, NAN),  /* −25 %: within the target, exactly */
		cell("a", 300, 200, 30, 20),   /* +50 %, re-init +50 % */
		cell("a", 1, 0, NAN, NAN),     /* no error: left out */
	};
	struct mc_summary s;

	model_summary(cells, 5, "a", &s);
	cr_expect_eq(s.cells, 3);
	cr_expect_eq(s.within, 2);
	cr_expect_float_eq(s.median_abs_error, 0.25, 1e-12); /* of 0.10, 0.25, 0.50 */
	cr_expect_float_eq(s.median_residual_ns, -10, 1e-9); /* of −10, 25, −100 */
	cr_expect_float_eq(s.median_reinit_abs_error, 0.5, 1e-12);
	cr_expect_float_eq(s.median_implied_inst_ns, 1.0, 1e-12, "of 1, 1, 2: its cells' only");
	model_summary(cells, 5, "b", &s);
	cr_expect_eq(s.cells, 1);
	cr_expect_eq(s.within, 0);
	cr_expect_float_eq(s.median_abs_error, 8.0, 1e-12);
	cr_expect(isnan(s.median_reinit_abs_error), "no re-init measured: no error");
	model_summary(cells, 5, "none", &s);
	cr_expect_eq(s.cells, 0);
	cr_expect(isnan(s.median_abs_error));
}

/* Two result directories: counts (-icount) and measured (wall-clock). */
static char dir[64], counts[96], measured[96];

static const char runs_header[] =
	"run_id,suite,board,strategy,guest,mem,block,map,icache,frac,stride,write,order,seed,boots_req,"
	"rep,status,exit_code,wall_s,boots,bad_crc,error,hv_version,qemu_version,fwb,midr\n";
static const char boots_header[] =
	"run_id,idx,reinit_cycles,reinit_insts,reinit_lines,reinit_lines_loaded,faults,fault_cycles,"
	"fault_max_cycles,fault_lines,icache_invals,tlbis,pages_mapped,ready_cycles,ready_insts,"
	"reboot_cycles,reboot_insts,check,exit,extra\n";

static void put(const char *d, const char *file, const char *text)
{
	char p[160];
	snprintf(p, sizeof(p), "%s/%s", d, file);
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f, "%s", p);
	fputs(text, f);
	fclose(f);
}

/* A runs.csv row: ID on BOARD, strategy S, guest touch 64M frac F, repetition REP. */
static void run_row(char *buf, size_t len, const char *id, const char *board, const char *s,
		    const char *frac, int rep)
{
	snprintf(buf, len, "%s,t,%s,%s,touch,67108864,4k,ondemand,exec,%s,4096,50,seq,%d,3,%d,ok,0,1,3,0,,0.1.0,7.2.22,1,0xf0510\n",
		 id, board, s, frac, rep + 1, rep);
}

/* Counts: unmap at frac 25 (reps 0 and 1) and at frac 50; every warm boot 10 faults of 64 lines,
 * and 10,000 instructions besides the faults' and lines' path lengths (100 and 1: 1,640) — but
 * 11,000 at boot 2 of rep 0 and 12,000 in rep 1, so a boot paired with the wrong index or
 * repetition shows. Measured: the same three plus a frac 75 run
 * the counts lack; reboot_cycles per boot below. */
static void make_dirs(const char *counts_boots_header)
{
	char r[4][256], text[4096];

	snprintf(dir, sizeof(dir), "/tmp/s2b-model-check-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(counts, sizeof(counts), "%s/counts", dir);
	snprintf(measured, sizeof(measured), "%s/measured", dir);
	mkdir(counts, 0755), mkdir(measured, 0755);

	run_row(r[0], 256, "c0", "qemu-virt", "unmap", "25", 0);
	run_row(r[1], 256, "c1", "qemu-virt", "unmap", "25", 1);
	run_row(r[2], 256, "c2", "qemu-virt", "unmap", "50", 0);
	snprintf(text, sizeof(text), "%s%s%s%s", runs_header, r[0], r[1], r[2]);
	put(counts, "runs.csv", text);
	snprintf(text, sizeof(text), "%s"
		 "c0,0,,,,,10,1,1,640,0,0,10,1,1,,,pass,reset,\n"
		 "c0,1,0,0,0,0,10,1,1,640,0,0,0,1,1,11640,11640,pass,reset,\n"
		 "c0,2,0,0,0,0,10,1,1,640,0,0,0,1,1,12640,12640,pass,reset,\n"
		 "c0,3,0,0,0,0,10,1,1,640,0,0,0,1,1,11640,11640,pass,reset,\n"
		 "c1,1,0,0,0,0,10,1,1,640,0,0,0,1,1,13640,13640,pass,reset,\n"
		 "c1,2,0,0,0,0,10,1,1,640,0,0,0,1,1,13640,13640,pass,reset,\n"
		 "c2,1,0,0,0,0,20,1,1,1280,0,0,0,1,1,23280,23280,pass,reset,\n",
		 counts_boots_header);
	put(counts, "boots.csv", text);

	run_row(r[0], 256, "m0", "qemu-virt-tcg", "unmap", "25", 0);
	run_row(r[1], 256, "m1", "qemu-virt-tcg", "unmap", "25", 1);
	run_row(r[2], 256, "m2", "qemu-virt-tcg", "unmap", "50", 0);
	run_row(r[3], 256, "m3", "qemu-virt-tcg", "unmap", "75", 0);
	snprintf(text, sizeof(text), "%s%s%s%s%s", runs_header, r[0], r[1], r[2], r[3]);
	put(measured, "runs.csv", text);
	snprintf(text, sizeof(text), "%s"
		 "m0,0,,,,,10,1,1,640,0,0,10,1,,,,pass,reset,\n"   /* boot 0: never compared */
		 "m0,1,,,,,10,1,1,640,0,0,0,1,,33000,,pass,reset,\n"
		 "m0,2,,,,,10,1,1,640,0,0,0,1,,30000,,pass,reset,\n"
		 "m0,3,,,,,10,1,1,640,0,0,0,1,,99000,,fail,reset,\n" /* stale data read: no measurement */
		 "m1,1,,,,,10,1,1,640,0,0,0,1,,36000,,pass,reset,\n"
		 "m1,2,,,,,10,1,1,640,0,0,0,1,,27000,,pass,reset,\n"
		 "m2,1,,,,,20,1,1,1280,0,0,0,1,,52800,,pass,reset,\n"
		 "m3,1,,,,,30,1,1,1920,0,0,0,1,,99000,,pass,reset,\n",
		 boots_header);
	put(measured, "boots.csv", text);
}

static void remove_dirs(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* Clock 1000 MHz; L1D 32K, L2 2M, last level: 64M of RAM is class mem. A DC CIVAC of an absent
 * line 10 ns (1 instruction), a stage-2 fault 1000 ns (100 instructions), an instruction 1 ns.
 * With CLOCK 0, no clock; without PATHS, no path lengths. */
static const char profile_head[] =
	"format = s2bench-profile 1\nname = t\ncpu = test\nmidr = 0x41/0xd08\nmade = 2026-11-28 for the tests\n"
	"source cal = measured board \"b\" date 2026-11-28 method \"m\" s2hv \"v\"\n"
	"cache.l1d = line 64 sets 256 ways 2 size 32K measured cal\n"
	"cache.l2 = line 64 sets 2048 ways 16 size 2M measured cal\ncache.llc = l2\n"
	"inst = 1 ns spread iqr 1 1 n 9 measured cal\n";

static void profile_paths(struct profile *p, int clock, int paths)
{
	char *text = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fputs(profile_head, f);
	fputs(clock ? "clock = 1000 MHz measured cal\n" : "clock = -\n", f);
	fprintf(f, "dc_civac.absent.mem = 10 ns spread iqr 8 12 n 9 %smeasured cal\n"
		   "s2_fault = 1000 ns spread iqr 900 1100 n 9 %smeasured cal\n",
		paths ? "path 1 " : "", paths ? "path 100 " : "");
	for (int c = 0; c < PROF_NCONST; c++)
		if (!strstr(profile_head, profile_const_name(c)) && c != PROF_S2_FAULT &&
		    c != profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM))
			fprintf(f, "%s = -\n", profile_const_name(c));
	fclose(f);
	cr_assert_eq(profile_parse(text, len, "t.profile", p, err, sizeof(err)), 0, "%s", err);
	free(text);
}

static void profile(struct profile *p, int clock)
{
	profile_paths(p, clock, 1);
}

static struct profile prof;
static struct results cr, mr;
static struct mc_table tab;
static char err[512];

static void load(void)
{
	cr_assert_eq(results_load(counts, &cr, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(results_load(measured, &mr, err, sizeof(err)), 0, "%s", err);
}

static void unload(void)
{
	results_free(&cr);
	results_free(&mr);
	remove_dirs();
}

Test(model_check, pairs_boots_and_computes_the_error_from_predicted_and_measured)
{
	make_dirs(boots_header);
	profile(&prof, 1);
	load();
	cr_assert_eq(model_check_build(&cr, NULL, &mr, &prof, NULL, &tab, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(tab.ncells, 2, "frac 25 and frac 50; frac 75 has no counts");
	cr_expect_eq(tab.unpaired, 1);
	cr_expect(tab.have_loaded);

	const struct mc_cell *a = &tab.cells[0], *b = &tab.cells[1];
	cr_assert_eq(a->config->frac, 25, "ordered by configuration");
	cr_expect_str_eq(a->strategy, "unmap");
	cr_expect_eq(a->boots, 4, "two warm boots of each repetition; boot 0 and a failed check left out");
	/* 640 lines × 10 + 10 faults × 1000 + N_other × 1: 26,400, 27,400 (rep 0), 28,400 twice (rep 1) */
	cr_expect_float_eq(a->mid_ns, (27400 + 28400) / 2.0, 1e-6);
	cr_expect_float_eq(a->lo_ns, 640 * 8 + 10 * 900 + (11000 + 12000) / 2.0, 1e-6);
	cr_expect_float_eq(a->hi_ns, 640 * 12 + 10 * 1100 + (11000 + 12000) / 2.0, 1e-6);
	cr_expect_float_eq(a->measured_ns, 31500, 1e-6, "median of 33000, 30000, 36000, 27000 cycles at 1 GHz");
	cr_expect_float_eq(a->error, (27900.0 - 31500) / 31500, 1e-12);
	cr_expect_float_eq(a->term_ns[CT_FAULTS], 10000, 1e-6);
	/* (measured − 16,400 priced otherwise) ÷ N_other per boot: 16600/10000, 13600/11000,
	 * 19600/12000, 10600/12000; the median of the middle two */
	cr_expect_float_eq(a->implied_inst_ns, (13600.0 / 11000 + 19600.0 / 12000) / 2, 1e-9);
	cr_expect_float_eq(b->implied_inst_ns, 1.0, 1e-9, "an exact cell implies the profile's inst");
	cr_expect_eq(a->constant[CT_FAULTS], PROF_S2_FAULT);
	cr_expect_eq(a->missing, 0);
	cr_expect_float_eq(b->mid_ns, 52800, 1e-6);
	cr_expect_float_eq(b->measured_ns, 52800, 1e-6);
	cr_expect_float_eq(b->error, 0, 1e-12);
	model_check_free(&tab);
	unload();
}

Test(model_check, the_markdown_has_a_row_per_strategy_and_cell)
{
	char *md = NULL;
	size_t len = 0;

	make_dirs(boots_header);
	profile(&prof, 1);
	load();
	cr_assert_eq(model_check_build(&cr, NULL, &mr, &prof, NULL, &tab, err, sizeof(err)), 0, "%s", err);
	FILE *f = open_memstream(&md, &len);
	model_check_markdown(f, &tab, &prof, NULL, "C", "M", 0);
	fclose(f);
	cr_expect(!strncmp(md, "<!-- model-check 2: T = ", 24), "%s", md);
	cr_expect(strstr(md, "| `unmap`  |              2 |") != NULL, "%s", md);
	cr_expect(strstr(md, "27.9 µs (25.6 µs – 30.2 µs)") != NULL, "%s", md);
	cr_expect(strstr(md, "31.5 µs | -11 %") != NULL, "%s", md);
	cr_expect(strstr(md, "1 measured runs had no counts run") != NULL, "%s", md);
	cr_expect(strstr(md, "| faults             | `s2_fault`            |  1 µs | 900 ns – 1.1 µs |   100 insts |") != NULL, "%s", md);
	cr_expect(strstr(md, "| other instructions | `inst`                |  1 ns |     1 ns – 1 ns |           – |") != NULL,
		  "inst has no path length\n%s", md);
	cr_expect(strstr(md, "`map_4k`") == NULL, "no page mapped: its constant is not listed\n%s", md);
	free(md);
	model_check_free(&tab);
	unload();
}

/* make bench's directory holds qemu-virt and qemu-virt-a72 runs of one configuration: the counts
 * board must be named, and then only its runs are taken. */
Test(model_check, a_configuration_on_two_counts_boards_needs_the_board_named)
{
	char row[256], path[160];

	make_dirs(boots_header);
	run_row(row, sizeof(row), "c9", "qemu-virt-a72", "unmap", "25", 0);
	snprintf(path, sizeof(path), "%s/runs.csv", counts);
	FILE *f = fopen(path, "a");
	cr_assert_not_null(f);
	fputs(row, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/boots.csv", counts);
	f = fopen(path, "a");
	cr_assert_not_null(f);
	fputs("c9,1,0,0,0,0,99,1,1,640,0,0,0,1,1,99999,99999,pass,reset,\n", f);
	fclose(f);
	profile(&prof, 1);
	load();
	cr_expect_eq(model_check_build(&cr, NULL, &mr, &prof, NULL, &tab, err, sizeof(err)), -1);
	cr_expect(strstr(err, "several boards") && strstr(err, "--counts-board"), "%s", err);
	cr_assert_eq(model_check_build(&cr, "qemu-virt", &mr, &prof, NULL, &tab, err, sizeof(err)), 0, "%s", err);
	cr_expect_float_eq(tab.cells[0].mid_ns, 27900, 1e-6, "the a72 run's counts are not taken");
	model_check_free(&tab);
	unload();
}

Test(model_check, refuses_what_it_cannot_check)
{
	make_dirs(boots_header);
	profile(&prof, 0);
	load();
	cr_expect_eq(model_check_build(&cr, NULL, &mr, &prof, NULL, &tab, err, sizeof(err)), -1);
	cr_expect(strstr(err, "has no clock") != NULL, "%s", err);
	profile(&prof, 1);
	cr_expect_eq(model_check_build(&mr, NULL, &cr, &prof, NULL, &tab, err, sizeof(err)), -1, "swapped: no pair");
	cr_expect(strstr(err, "no warm boot of") != NULL, "%s", err);
	unload();
}

/* The path lengths may come from another profile (--paths): the same predictions; without any,
 * the other instructions are not priced and every cell says partial. */
Test(model_check, takes_path_lengths_from_the_paths_profile_and_is_partial_without)
{
	static struct profile bare, paths;

	make_dirs(boots_header);
	profile_paths(&bare, 1, 0);
	profile(&paths, 1);
	load();
	cr_assert_eq(model_check_build(&cr, NULL, &mr, &bare, &paths, &tab, err, sizeof(err)), 0, "%s", err);
	cr_expect_float_eq(tab.cells[0].mid_ns, 27900, 1e-6);
	cr_expect_eq(tab.cells[0].missing, 0);
	model_check_free(&tab);
	cr_assert_eq(model_check_build(&cr, NULL, &mr, &bare, NULL, &tab, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(tab.cells[0].missing, 1u << CT_INSTS);
	cr_expect_float_eq(tab.cells[0].mid_ns, 640 * 10 + 10 * 1000, 1e-6, "maintenance and faults only");
	model_check_free(&tab);
	unload();
}
