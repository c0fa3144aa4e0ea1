/* Beside KVM's measured times, the s2hv strategies' predicted times on the same CPU
 * (reports/kvm_predict.c): which --profile is the KVM board's CPU (MIDR implementer and part),
 * which s2hv cell has the KVM cell's configuration, and the cells of the table, hand-computed
 * from the counts and constants below. */
#include "fixture.h"
#include "kvm_predict.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS_HDR "run_id,suite,board,strategy,guest,mem,block,map,icache,frac,stride,write,order," \
	"seed,boots_req,rep,status,exit_code,wall_s,boots,bad_crc,error,hv_version,qemu_version,fwb,midr\n"
#define CFG(frac) "touch,67108864,4k,ondemand,exec," frac ",4096,50,seq,1,2,0,ok,0,1.0,2,0,,"
#define BOOTS_HDR "run_id,idx,reinit_cycles,reinit_insts,reinit_lines,reinit_lines_loaded,faults," \
	"fault_cycles,fault_max_cycles,fault_lines,icache_invals,tlbis,pages_mapped,ready_cycles," \
	"ready_insts,reboot_cycles,reboot_insts,check,exit,extra\n"
/* A warm s2hv boot: reinit_lines, reinit_lines_loaded, faults, fault_lines, icache_invals, tlbis,
 * pages_mapped, reboot_insts. */
#define WARM(id, rl, ld, f, fl, ic, tl, pm, ri) \
	id ",1," #rl "," #rl "," #rl "," #ld "," #f ",1,1," #fl "," #ic "," #tl "," #pm ",1,1," #ri "," #ri ",pass,reset,\n"
#define COLD(id) id ",0,,,,,0,,,,,,,,,,,pass,reset,\n"

static char dir[] = "/tmp/s2b-kvm-predict-XXXXXX";
static struct analysis a;
static struct predictions *pred;
static struct table t;        /* the beside table a test built (beside_n1), freed at teardown */
static struct strbuf note;
static int built;

/* kvm-qemu-n1's beside table under profile K into t and note. */
static void beside_n1(size_t k)
{
	kvm_beside_table(&a, "kvm-qemu-n1", &pred->p[k], &t, &note);
	built = 1;
}

/* A profile of CPU MIDR named NAME: N1-like geometry (64M guest RAM is class mem), and, when
 * WITH_INST, an `inst` constant (without it the other instructions are not priced). */
static void write_profile(const char *name, const char *midr, int with_inst)
{
	struct strbuf p = { 0 };
	sb_printf(&p, "format = s2bench-profile 1\nname = %s\ncpu = test CPU %s\nmidr = %s\n"
		      "made = 2026-11-28 by tests/unit/reports/test_kvm_predict.c\nclock = -\n"
		      "source fix = measured board \"none\" date 2026-11-28 method \"test values\" s2hv \"t\"\n"
		      "cache.l1d = line 64 sets 256 ways 4 size 64K measured fix\n"
		      "cache.l2 = line 64 sets 2048 ways 8 size 1M measured fix\n"
		      "cache.llc = line 64 sets 32768 ways 16 size 32M measured fix\n",
		  name, name, midr);
	for (int c = 0; c < PROF_NCONST; c++) {
		const char *k = profile_const_name(c);
		static const struct { const char *name, *value; } set[] = {
			{ "dc_civac.absent.mem", "40 ns spread - path 2" },
			{ "dc_civac.dirty.mem", "100 ns spread - path 2" },
			{ "s2_fault", "1000 ns spread - path 300" },
			{ "map_4k", "100 ns spread - path 100" },
			{ "tlbi_vmalls12e1is", "500 ns spread - path 5" },
			{ "ic_ialluis", "300 ns spread - path 5" },
			{ "inst", "0.5 ns spread -" },
		};
		const char *v = NULL;
		for (size_t i = 0; i < sizeof(set) / sizeof(set[0]); i++)
			if (!strcmp(set[i].name, k) && (with_inst || strcmp(k, "inst")))
				v = set[i].value;
		if (v)
			sb_printf(&p, "%s = %s measured fix\n", k, v);
		else
			sb_printf(&p, "%s = -\n", k);
	}
	char file[64];
	snprintf(file, sizeof(file), "%s.profile", name);
	cr_assert_eq(write_dir_file(dir, file, sb_str(&p)), 0);
	sb_free(&p);
}

static void setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(write_dir_file(dir, "runs.csv", RUNS_HDR
	    "0000000000000001,t,kvm-qemu-n1,kvm," CFG("25") "s2vmm-0.1.0,8.2.2,0,0x414fd0c1\n"
	    "0000000000000002,t,kvm-qemu-max,kvm," CFG("25") "s2vmm-0.1.0,8.2.2,1,0xf0510\n"
	    "0000000000000003,t,qemu-virt,unmap," CFG("25") "0.1.0,8.2.2,1,0xf0510\n"
	    "0000000000000004,t,qemu-virt,clean," CFG("25") "0.1.0,8.2.2,1,0xf0510\n"
	    "0000000000000005,t,qemu-virt,fwb," CFG("25") "0.1.0,8.2.2,1,0xf0510\n"
	    "0000000000000006,t,qemu-virt,none," CFG("25") "0.1.0,8.2.2,1,0xf0510\n"
	    /* another configuration (frac 10, sorted first): never beside the frac 25 KVM cells */
	    "0000000000000007,t,qemu-virt,unmap," CFG("10") "0.1.0,8.2.2,1,0xf0510\n"), 0);
	cr_assert_eq(write_dir_file(dir, "boots.csv", BOOTS_HDR
	    "0000000000000001,0,,,,,5,,,,,,,,,,,pass,reset,init_ns=900\n"
	    "0000000000000001,1,,,,,5,,,,,,,,,,,pass,reset,init_ns=4100000;unmaps=1;unmap_us=4000;"
	    "reboot_ns=90000000\n"
	    "0000000000000002,0,,,,,0,,,,,,,,,,,pass,reset,init_ns=900\n"
	    "0000000000000002,1,,,,,0,,,,,,,,,,,pass,reset,init_ns=250000;unmaps=0;unmap_us=0;"
	    "reboot_ns=52000000\n"
	    COLD("0000000000000003") WARM("0000000000000003", 1000, 100, 50, 2000, 2, 1, 50, 100000)
	    COLD("0000000000000004") WARM("0000000000000004", 3000, 100, 0, 0, 1, 0, 0, 50000)
	    COLD("0000000000000005") WARM("0000000000000005", 100, 100, 0, 0, 1, 0, 0, 20000)
	    COLD("0000000000000006") WARM("0000000000000006", 0, 0, 0, 0, 0, 0, 0, 10000)
	    COLD("0000000000000007") WARM("0000000000000007", 9000, 100, 50, 2000, 2, 1, 50, 100000)),
		     0);
	write_profile("t-n1", "0x41/0xd0c", 1);
	write_profile("t-a72", "0x410fd083", 1);
	write_profile("t-max", "0x000f0510", 1);
	write_profile("t-n1-noinst", "0x413fd0c1", 0);
	char err[512];
	cr_assert_eq(analysis_run(dir, &a, err, sizeof(err)), 0, "%s", err);
	pred = calloc(1, sizeof(*pred));
	static const char *const names[] = { "t-n1", "t-a72", "t-max", "t-n1-noinst" };
	for (size_t i = 0; i < 4; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s.profile", dir, names[i]);
		cr_assert_eq(predictions_add_profile(pred, path, err, sizeof(err)), 0, "%s", err);
	}
	predictions_compute(pred, &a);
	a.pred = pred;
}

static void teardown(void)
{
	if (built)
		table_free(&t), sb_free(&note);
	analysis_free(&a);
	predictions_free(pred);
	free(pred);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(kvm_predict, .init = setup, .fini = teardown);

Test(kvm_predict, profiles_match_the_kvm_hosts_core_only)
{
	size_t idx[MAX_PROFILES];
	/* N1 by implementer/part, also a profile with a whole MIDR of another revision (r3p1) */
	cr_assert_eq(kvm_matching_profiles(&a, "kvm-qemu-n1", idx), 2);
	cr_expect_eq(idx[0], 0);
	cr_expect_eq(idx[1], 3);
	cr_assert_eq(kvm_matching_profiles(&a, "kvm-qemu-max", idx), 1);
	cr_expect_eq(idx[0], 2);
	cr_expect_eq(kvm_matching_profiles(&a, "qemu-virt", idx), 0, "no KVM cell: nothing to match");
	struct strbuf line = { 0 };
	kvm_no_profile_line(&a, "kvm-qemu-n1", &line);
	cr_expect_str_eq(sb_str(&line), "No profile for CPU Arm Neoverse N1 r4p1 (MIDR 0x414fd0c1): "
			 "s2hv predictions not shown (--profile gave t-n1, t-a72, t-max, t-n1-noinst)");
	sb_free(&line);
}

Test(kvm_predict, beside_cells_are_the_models_values)
{
	beside_n1(0);
	/* no fwb (the N1 host's runs say fwb=0) and no negative control */
	cr_assert_eq(t.ncols, 5);
	cr_expect_str_eq(table_at(&t, 0, 1), "KVM re-init: measured, wall-clock");
	cr_expect_str_eq(table_at(&t, 0, 2), "KVM reboot: measured, wall-clock");
	cr_expect_str_eq(table_at(&t, 0, 3), "unmap: s2hv predicted on t-n1 (model)");
	cr_expect_str_eq(table_at(&t, 0, 4), "clean: s2hv predicted on t-n1 (model)");
	cr_assert_eq(table_rows(&t), 1);
	cr_expect_str_eq(table_at(&t, 1, 1), "4.1 ms");
	cr_expect_str_eq(table_at(&t, 1, 2), "90 ms");
	/* unmap: 100·100 (loaded, dirty) + (1000 − 100 + 2000)·40 + 50·1000 + 50·100 + 500 + 2·300
	 * = 182100 ns, plus the other instructions 100000 − (100·2 + 2900·2 + 50·300 + 50·100 + 5
	 * + 2·5) = 73985 at 0.5 ns: 219092.5 ns */
	cr_expect_str_eq(table_at(&t, 1, 3), "219 µs");
	/* clean: 100·100 + 2900·40 + 300 + (50000 − (200 + 5800 + 5))·0.5 = 148297.5 ns */
	cr_expect_str_eq(table_at(&t, 1, 4), "148 µs");
	cr_expect(strstr(sb_str(&note), "fwb (kvm-qemu-n1 has no FEAT_S2FWB)"), "%s", sb_str(&note));
	cr_expect(strstr(sb_str(&note), "counts of its runs of the same configuration on qemu-virt"));
}

Test(kvm_predict, partial_says_what_it_lacks)
{
	beside_n1(3);
	cr_assert_eq(t.ncols, 5);
	cr_expect_str_eq(table_at(&t, 1, 3), "≥ 182 µs", "the priced terms only, never filled in");
	cr_expect(strstr(sb_str(&note), "unmap lacks inst"), "%s", sb_str(&note));
}

Test(kvm_predict, fwb_beside_a_host_with_fwb)
{
	const char *s[8];
	size_t n = kvm_beside_strategies(&a, "kvm-qemu-max", &pred->p[2], s);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(s[0], "unmap");
	cr_expect_str_eq(s[1], "clean");
	cr_expect_str_eq(s[2], "fwb");
}
