/* The cost model (reports/cost_model.c): hand-computed predictions from a small profile, the
 * spread carried into the interval, the cache class of guest RAM, partial profiles named and
 * never filled in, each priced operation's path length taken out of the other instructions
 * (from the profile or from a second one), the N_other clamp, and bad counts refused. */
#include "cost_model.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A measured profile: L1D 16K, L2 256K, LLC 1M; every time in ns (clock 2000 MHz for the one
 * constant given in cycles), path lengths in instructions (the llc constants have none: they
 * take the mem ones'). Constants not listed are `-`; OMIT names one to leave out. */
static const char *const base_lines[] = {
	"dc_civac.dirty.mem = 10 ns spread iqr 8 12 n 9 path 3 measured cal",
	"dc_civac.absent.mem = 2 ns spread iqr 1 3 n 9 path 2 measured cal",
	"dc_civac.dirty.llc = 5 ns spread minmax 4 6 n 9 measured cal",
	"dc_civac.absent.llc = 1 ns spread - measured cal",
	"s2_fault = 2000 cycles spread iqr 1800 2200 n 9 path 60 measured cal", /* 1000 ns at 2000 MHz */
	"map_4k = 100 ns spread iqr 90 110 n 9 path 20 measured cal",
	"map_2m = 300 ns spread iqr 250 350 n 9 path 40 measured cal",
	"tlbi_vmalls12e1is = 50 ns spread iqr 40 60 n 9 path 6 measured cal",
	"ic_ialluis = 20 ns spread iqr 10 30 n 9 path 7 measured cal",
	"inst = 0.5 ns spread iqr 0.4 0.6 n 9 measured cal",
};

static struct profile prof;
static int strip_paths; /* load() drops every `path N`: a profile without path lengths */

/* LINE without its ` path N` when strip_paths is set, into BUF. */
static const char *maybe_strip(const char *line, char *buf, size_t len)
{
	const char *at = strstr(line, " path ");

	if (!strip_paths || !at)
		return line;
	const char *rest = strchr(at + 6, ' ');
	snprintf(buf, len, "%.*s%s", (int)(at - line), line, rest ? rest : "");
	return buf;
}

static void load(const char *omit1, const char *omit2, const char *llc)
{
	char text[8192], err[256];
	int n = snprintf(text, sizeof(text),
			 "format = s2bench-profile 1\nname = t\ncpu = test\nmidr = 0x41/0xd08\n"
			 "made = 2026-11-28 for the tests\n"
			 "source cal = measured board \"b\" date 2026-11-28 method \"m\" s2hv \"v\"\n"
			 "clock = 2000 MHz measured cal\n"
			 "cache.l1d = line 64 sets 64 ways 4 size 16K measured cal\n"
			 "cache.l2 = line 64 sets 256 ways 16 size 256K measured cal\n"
			 "cache.llc = %s\n",
			 llc ? llc : "line 64 sets 1024 ways 16 size 1M measured cal");
	for (int c = 0; c < PROF_NCONST; c++) {
		const char *name = profile_const_name(c), *line = NULL;
		size_t len = strlen(name);
		for (size_t i = 0; i < sizeof(base_lines) / sizeof(base_lines[0]); i++)
			if (!strncmp(base_lines[i], name, len) && base_lines[i][len] == ' ')
				line = base_lines[i];
		if ((omit1 && !strcmp(name, omit1)) || (omit2 && !strcmp(name, omit2)))
			line = NULL;
		if ((!strncmp(name, "dc_civac.", 9) && strstr(name, ".llc") && llc && !strcmp(llc, "l2")))
			line = NULL; /* no llc class when the L2 is the last level */
		char stripped[256];
		n += snprintf(text + n, sizeof(text) - (size_t)n, line ? "%s\n" : "%s = -\n",
			      line ? maybe_strip(line, stripped, sizeof(stripped)) : name);
	}
	cr_assert_eq(profile_parse(text, strlen(text), "t.profile", &prof, err, sizeof(err)), 0, "%s", err);
}

/* 100 lines cleaned at reinit (10 of them the loader's), 50 at faults, 5 faults, 5 pages, 1 TLBI,
 * 2 I-cache invalidates, 1000 instructions. Their path lengths: 10·3 + 90·2 + 50·2 + 5·60 + 5·20
 * + 1·6 + 2·7 = 730, so 270 are other instructions (the old N_other, which took out only one per
 * line cleaned, was 850). */
static const struct cost_counts counts = {
	.reinit_lines = 100, .reinit_lines_loaded = 10, .fault_lines = 50, .faults = 5,
	.pages_mapped = 5, .tlbis = 1, .icache_invals = 2, .reboot_insts = 1000, .block = 4096,
};

#define MIB (1024ull * 1024)

/* The full profile's prediction of COUNTS for guest RAM of MEM bytes: complete, or the test fails. */
static void predict_complete(const struct cost_counts *c, uint64_t mem, struct cost_interval *o)
{
	char why[256];

	load(NULL, NULL, NULL);
	cr_assert_eq(cost_model_predict(&prof, c, mem, o, why, sizeof(why)), 0, "%s", why);
	cr_expect_str_eq(why, "");
}

Test(cost_model, prices_every_term_of_a_mem_sized_guest)
{
	struct cost_interval o;

	predict_complete(&counts, 64 * MIB, &o);
	cr_expect_eq(o.cls, PROF_MEM);
	/* 10·10 + 90·2 + 50·2 + 5·1000 + 5·100 + 1·50 + 2·20 + 270·0.5 */
	cr_expect_float_eq(o.mid_ns, 6105, 1e-9);
	cr_expect_float_eq(o.term_ns[CT_LOADED_LINES], 100, 1e-9);
	cr_expect_float_eq(o.term_ns[CT_FAULTS], 5000, 1e-9);
	cr_expect_float_eq(o.count[CT_INSTS], 270, 1e-9);
	cr_expect_float_eq(o.term_ns[CT_INSTS], 135, 1e-9);
	cr_expect_eq(o.nopath, 0);
	cr_expect_eq(o.missing, 0);
	cr_expect_eq(o.clamped, 0);
}

Test(cost_model, carries_each_constants_spread_into_the_interval)
{
	struct cost_interval o;

	predict_complete(&counts, 64 * MIB, &o);
	/* lo: 10·8 + 90·1 + 50·1 + 5·900 + 5·90 + 40 + 2·10 + 270·0.4 */
	cr_expect_float_eq(o.lo_ns, 5338, 1e-9);
	/* hi: 10·12 + 90·3 + 50·3 + 5·1100 + 5·110 + 60 + 2·30 + 270·0.6 */
	cr_expect_float_eq(o.hi_ns, 6872, 1e-9);
	cr_expect_eq(o.unspread, 0);
}

Test(cost_model, picks_the_class_of_guest_ram_from_the_geometry)
{
	load(NULL, NULL, NULL);
	cr_expect_eq(cost_model_class(&prof, 16 * 1024), PROF_L1);
	cr_expect_eq(cost_model_class(&prof, 16 * 1024 + 1), PROF_L2);
	cr_expect_eq(cost_model_class(&prof, 256 * 1024), PROF_L2);
	cr_expect_eq(cost_model_class(&prof, 1 * MIB), PROF_LLC);
	cr_expect_eq(cost_model_class(&prof, 1 * MIB + 1), PROF_MEM);
	load(NULL, NULL, "l2");
	cr_expect_eq(cost_model_class(&prof, 1 * MIB), PROF_MEM);
	load(NULL, NULL, "line 64 sets - ways - size - measured cal");
	cr_expect_eq(cost_model_class(&prof, 1 * MIB), -1);
	cr_expect_eq(cost_model_class(&prof, 256 * 1024), PROF_L2);
}

Test(cost_model, an_llc_sized_guest_uses_the_llc_constants_and_marks_a_value_without_spread)
{
	struct cost_interval o;

	predict_complete(&counts, 1 * MIB, &o);
	cr_expect_eq(o.cls, PROF_LLC);
	/* 10·5 + 90·1 + 50·1 + 5000 + 500 + 50 + 40 + 135: the llc constants have no path length,
	 * so their lines take the mem ones' (3 dirty, 2 absent) and N_other is 270 again */
	cr_expect_float_eq(o.count[CT_INSTS], 270, 1e-9);
	cr_expect_float_eq(o.mid_ns, 5915, 1e-9);
	/* dc_civac.absent.llc has no spread: lo = hi = 1 for its 140 lines */
	cr_expect_float_eq(o.lo_ns, 40 + 140 + 4500 + 450 + 40 + 20 + 108, 1e-9);
	cr_expect_eq(o.unspread, 1u << CT_OTHER_LINES | 1u << CT_FAULT_LINES);
}

Test(cost_model, a_missing_constant_makes_it_partial_and_is_never_filled_in)
{
	struct cost_interval o;
	char why[256];

	load("map_4k", "inst", NULL);
	static struct profile paths; /* map_4k's path length from a second profile */
	paths = prof, paths.c[PROF_MAP_4K] = (struct profile_value){.known = 1, .value = 1, .have_path = 1, .path = 20};
	cr_assert_eq(cost_model_predict_paths(&prof, &paths, &counts, 64 * MIB, &o, why, sizeof(why)), 1);
	cr_expect_eq(o.missing, 1u << CT_MAPS | 1u << CT_INSTS);
	cr_expect_float_eq(o.mid_ns, 6105 - 500 - 135, 1e-9);
	cr_expect(isnan(o.term_ns[CT_MAPS]));
	cr_expect(strstr(why, "lacks map_4k, inst") != NULL, "%s", why);
	cr_expect(strstr(why, "maintenance and faults only, 270 other instructions not priced") != NULL,
		  "%s", why);
}

Test(cost_model, a_missing_constant_whose_count_is_zero_is_not_needed)
{
	struct cost_interval o;
	struct cost_counts c = counts;
	char why[256];

	load("s2_fault", NULL, NULL);
	c.faults = 0;
	cr_expect_eq(cost_model_predict(&prof, &c, 64 * MIB, &o, why, sizeof(why)), 0, "%s", why);
	/* no fault: neither its constant nor its path length (5·60) is needed */
	cr_expect_float_eq(o.mid_ns, 6105 - 5000 + 300 * 0.5, 1e-9);
}

Test(cost_model, unknown_class_leaves_the_line_terms_unpriced)
{
	struct cost_interval o;
	char why[256];

	load(NULL, NULL, "line 64 sets - ways - size - measured cal");
	cr_assert_eq(cost_model_predict(&prof, &counts, 64 * MIB, &o, why, sizeof(why)), 1);
	cr_expect_eq(o.cls, -1);
	cr_expect_eq(o.missing, 1u << CT_LOADED_LINES | 1u << CT_OTHER_LINES | 1u << CT_FAULT_LINES);
	cr_expect(strstr(why, "cache sizes not given") != NULL, "%s", why);
	/* the lines' path lengths are the mem ones' all the same: N_other is known */
	cr_expect_float_eq(o.mid_ns, 6105 - 100 - 180 - 100, 1e-9);
}

Test(cost_model, other_instructions_never_go_negative)
{
	struct cost_interval o;
	struct cost_counts c = counts;

	c.reboot_insts = 700; /* fewer than the 730 the priced operations take */
	predict_complete(&c, 64 * MIB, &o);
	cr_expect_eq(o.clamped, 1);
	cr_expect_float_eq(o.count[CT_INSTS], 0, 1e-12);
	cr_expect_float_eq(o.mid_ns, 6105 - 135, 1e-9);
}

Test(cost_model, a_2m_block_prices_its_mappings_as_map_2m)
{
	struct cost_interval o;
	struct cost_counts c = counts;

	c.block = 2 * MIB;
	predict_complete(&c, 64 * MIB, &o);
	cr_expect_eq(o.constant[CT_MAPS], PROF_MAP_2M);
	/* and its path length: 5·40 in place of 5·20, 100 fewer other instructions */
	cr_expect_float_eq(o.mid_ns, 6105 - 500 + 1500 - 100 * 0.5, 1e-9);
}

Test(cost_model, bad_counts_are_refused_with_why)
{
	struct cost_interval o;
	struct cost_counts c;
	char why[256];

	load(NULL, NULL, NULL);
	c = counts, c.faults = -1;
	cr_expect_eq(cost_model_predict(&prof, &c, 64 * MIB, &o, why, sizeof(why)), -1);
	cr_expect(strstr(why, "faults = -1") != NULL, "%s", why);
	c = counts, c.reboot_insts = NAN;
	cr_expect_eq(cost_model_predict(&prof, &c, 64 * MIB, &o, why, sizeof(why)), -1);
	cr_expect(strstr(why, "reboot_insts") != NULL, "%s", why);
	c = counts, c.reinit_lines_loaded = 101;
	cr_expect_eq(cost_model_predict(&prof, &c, 64 * MIB, &o, why, sizeof(why)), -1);
	cr_expect(strstr(why, "exceeds reinit_lines") != NULL, "%s", why);
	c = counts, c.block = 8192;
	cr_expect_eq(cost_model_predict(&prof, &c, 64 * MIB, &o, why, sizeof(why)), -1);
	cr_expect(strstr(why, "block size 8192") != NULL, "%s", why);
}

/* A profile calibrated under -icount: every constant is its own path length and `inst` is one
 * (a "nanosecond" is an instruction). Then the model must give back the reboot's instructions
 * exactly, whatever the counts: each operation is priced once, by its constant. */
Test(cost_model, an_icount_profile_predicts_the_reboots_own_instructions)
{
	struct cost_interval o;
	char why[256];

	load(NULL, NULL, NULL);
	for (int k = 0; k < PROF_NCONST; k++)
		if (prof.c[k].have_path)
			prof.c[k].value = prof.c[k].lo = prof.c[k].hi = prof.c[k].path, prof.c[k].unit = PU_NS;
	prof.c[PROF_INST].value = prof.c[PROF_INST].lo = prof.c[PROF_INST].hi = 1;
	cr_assert_eq(cost_model_predict(&prof, &counts, 64 * MIB, &o, why, sizeof(why)), 0, "%s", why);
	cr_expect_float_eq(o.mid_ns, 1000, 1e-9);
	cr_expect_float_eq(o.lo_ns, 1000, 1e-9);
}

Test(cost_model, path_lengths_come_from_the_paths_profile_when_the_priced_one_has_none)
{
	static struct profile paths;
	struct cost_interval o;
	char why[256];

	load(NULL, NULL, NULL);
	paths = prof;
	strip_paths = 1;
	load(NULL, NULL, NULL);
	strip_paths = 0;
	cr_expect_eq(prof.c[PROF_S2_FAULT].have_path, 0);
	cr_assert_eq(cost_model_predict_paths(&prof, &paths, &counts, 64 * MIB, &o, why, sizeof(why)), 0,
		     "%s", why);
	cr_expect_float_eq(o.count[CT_INSTS], 270, 1e-9);
	cr_expect_float_eq(o.mid_ns, 6105, 1e-9);
}

Test(cost_model, without_path_lengths_the_other_instructions_are_not_priced_and_it_says_so)
{
	struct cost_interval o;
	char why[512];

	strip_paths = 1;
	load(NULL, NULL, NULL);
	strip_paths = 0;
	cr_assert_eq(cost_model_predict(&prof, &counts, 64 * MIB, &o, why, sizeof(why)), 1);
	cr_expect_eq(o.missing, 1u << CT_INSTS);
	cr_expect_eq(o.lacks_inst, 0);
	cr_expect_eq(o.nopath, (1u << CT_INSTS) - 1); /* every term before it has a count */
	cr_expect(isnan(o.count[CT_INSTS]));
	cr_expect_float_eq(o.mid_ns, 6105 - 135, 1e-9);
	cr_expect(strstr(why, "lacks the path length of dc_civac.dirty.mem, the path length of "
			      "dc_civac.absent.mem, the path length of s2_fault") == why, "%s", why);
	cr_expect(strstr(why, ", inst") == NULL, "%s", why); /* inst is there: not named */
	cr_expect(strstr(why, "--paths") != NULL, "%s", why);
}
