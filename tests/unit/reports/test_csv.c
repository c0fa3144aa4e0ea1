/* Loading result directories: fixture shape, absent cells, and one-line errors. */
#include "fixture.h"
#include "results.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void make_fixture(void)
{
	strcpy(dir, "/tmp/s2b-csv-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	struct fixture_opts o = { .reps = 2, .boots = 4, .seed = 1 };
	cr_assert_eq(fixture_write(dir, &o), 0);
}

static void write_file(const char *name, const char *text)
{
	cr_assert_eq(write_dir_file(dir, name, text), 0, "%s/%s", dir, name);
}

static const char runs_header[] =
	"run_id,suite,board,strategy,guest,mem,block,map,icache,frac,stride,write,order,seed,"
	"boots_req,rep,status,exit_code,wall_s,boots,bad_crc,error,hv_version,qemu_version,fwb,midr\n";
static const char boots_header[] =
	"run_id,idx,reinit_cycles,reinit_insts,reinit_lines,faults,fault_cycles,fault_max_cycles,"
	"fault_lines,icache_invals,tlbis,pages_mapped,ready_cycles,ready_insts,check,exit,extra\n";

Test(csv, loads_fixture_with_absent_cells, .init = make_fixture)
{
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(r.nruns, 22 * 6 * 2); /* fixture.c configs(): 22 configs, 6 strategies */
	cr_assert(r.have_faults && r.nfaults > 0);
	size_t cold = 0;
	for (size_t i = 0; i < r.nboots; i++) {
		const struct boot *b = &r.boots[i];
		cr_assert(is_absent(b->v[BF_REINIT_INSTS]), "board fixture has no instruction counts");
		if (b->idx == 0) {
			cold++;
			cr_assert(is_absent(b->v[BF_REINIT_CYCLES]), "boot 0 has no reinit");
		} else {
			cr_assert(!is_absent(b->v[BF_REINIT_CYCLES]));
		}
	}
	cr_assert_gt(cold, 0);
	/* Boots are grouped under their run, in index order. */
	const struct run *u = &r.runs[0];
	cr_assert_eq(u->nboots, 4);
	cr_assert_eq(r.boots[u->first_boot + 3].idx, 3.0);
	results_free(&r);
}

Test(csv, quoted_cells_and_short_rows, .init = make_fixture)
{
	char text[2048];
	snprintf(text, sizeof(text),
		 "%sr1,s,rpi4,unmap,touch,16777216,4k,ondemand,exec,50,4096,50,seq,1,3,0,error,1,0.5,0,0,"
		 "\"bad, really\",0.1.0,,0,0x410fd083\n", runs_header);
	write_file("runs.csv", text);
	snprintf(text, sizeof(text), "%sr1,0,,,,3,9000\n", boots_header);
	write_file("boots.csv", text);
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), 0, "%s", err);
	cr_assert_str_eq(r.runs[0].error, "bad, really");
	cr_assert_eq(r.nboots, 1);
	cr_assert_float_eq(r.boots[0].v[BF_FAULT_CYCLES], 9000, 0);
	cr_assert(is_absent(r.boots[0].v[BF_READY_CYCLES]), "a missing trailing cell is absent");
	results_free(&r);
}

Test(csv, missing_directory_is_one_line_error)
{
	struct results r;
	char err[256];
	cr_assert_eq(results_load("/nonexistent/s2b", &r, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "/nonexistent/s2b"));
	cr_assert_null(strchr(err, '\n'));
}

Test(csv, missing_column_is_named, .init = make_fixture)
{
	write_file("runs.csv", "run_id,board\nx,rpi4\n");
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "missing column"), "%s", err);
	cr_assert_not_null(strstr(err, "runs.csv"), "%s", err);
}

Test(csv, bad_number_names_line_and_column, .init = make_fixture)
{
	char text[2048];
	snprintf(text, sizeof(text), "%sr1,s,rpi4,unmap,touch,lots,4k,ondemand,exec,50,4096,50,seq,1,3,"
		 "0,ok,0,0.5,0,0,,0.1.0,,0,0x410fd083\n", runs_header);
	write_file("runs.csv", text);
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "runs.csv:2"), "%s", err);
	cr_assert_not_null(strstr(err, "'mem'"), "%s", err);
}

Test(csv, missing_boots_csv, .init = make_fixture)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/boots.csv", dir);
	unlink(p);
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "boots.csv"), "%s", err);
}

Test(csv, boots_and_faults_grouped_by_run_whatever_the_file_order, .init = make_fixture)
{
	char text[4096];
	static const char run_row[] = ",s,rpi4,unmap,touch,16777216,4k,ondemand,exec,50,4096,50,seq,1,"
				      "3,0,ok,0,0.5,3,0,,0.1.0,,0,0x410fd083\n";
	snprintf(text, sizeof(text), "%sr1%sr2%sr3%s", runs_header, run_row, run_row, run_row);
	write_file("runs.csv", text);
	/* r3 has no boots; r2's and r1's are interleaved, each in descending index order */
	snprintf(text, sizeof(text), "%sr2,2,,,,,22\nr1,2,,,,,12\nr2,1,,,,,21\nrX,1,,,,,99\n"
		 "r1,1,,,,,11\nr2,0,,,,,20\nr1,0,,,,,10\n", boots_header);
	write_file("boots.csv", text);
	write_file("faults.csv", "run_id,boot,kind,cycles,lines\nr2,1,data,5,0\nr1,1,data,6,0\n"
				 "r2,2,inst,7,0\n");
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(r.nruns, 3);
	cr_assert_eq(r.nboots, 6);
	cr_assert_eq(r.orphan_rows, 1, "rX is not in runs.csv");
	for (size_t u = 0; u < 2; u++) {
		const struct run *run = &r.runs[u];
		cr_assert_eq(run->nboots, 3);
		for (size_t k = 0; k < 3; k++) {
			const struct boot *b = &r.boots[run->first_boot + k];
			cr_assert_eq(b->run, u);
			cr_assert_float_eq(b->idx, (double)k, 0);
			cr_assert_float_eq(b->v[BF_FAULT_CYCLES], 10.0 * (double)(u + 1) + (double)k, 0);
		}
	}
	cr_assert_eq(r.runs[2].nboots, 0);
	cr_assert_eq(r.runs[0].nfaults, 1);
	cr_assert_float_eq(r.faults[r.runs[0].first_fault].cycles, 6, 0);
	cr_assert_eq(r.runs[1].nfaults, 2);
	cr_assert_float_eq(r.faults[r.runs[1].first_fault].cycles, 5, 0, "file order within a run");
	cr_assert_str_eq(r.faults[r.runs[1].first_fault + 1].kind, "inst");
	cr_assert_eq(r.faults[0].kind, r.faults[1].kind, "equal strings kept once");
	results_free(&r);
}
