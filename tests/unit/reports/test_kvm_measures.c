/* s2vmm's boot keys (init_ns, unmap_us, reboot_ns) live in boots.csv's `extra` cell; the report
 * reads them as measures of their own, in their own units, and s2hv rows (no such keys) have none. */
#include "extra_keys.h"
#include "fixture.h"
#include "measure.h"
#include "results.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(extra_value, reads_whole_keys_only)
{
	const char *e = "init_ns=12345;unmap_us_max=9;unmap_us=37;vcpus=2";
	cr_expect_eq(extra_value(e, "init_ns"), 12345);
	cr_expect_eq(extra_value(e, "unmap_us"), 37, "must not take unmap_us_max's value");
	cr_expect_eq(extra_value(e, "vcpus"), 2);
	cr_expect(is_absent(extra_value(e, "reboot_ns")));
	cr_expect(is_absent(extra_value(e, "ns")), "a key's tail is not the key");
	cr_expect(is_absent(extra_value("", "init_ns")));
	cr_expect(is_absent(extra_value("init_ns=;x=1", "init_ns")), "empty value");
	cr_expect(is_absent(extra_value("init_ns=12ab", "init_ns")), "garbage value");
}

#define RUNS_HDR "run_id,suite,board,strategy,guest,mem,block,map,icache,frac,stride,write,order," \
	"seed,boots_req,rep,status,exit_code,wall_s,boots,bad_crc,error,hv_version,qemu_version,fwb,midr\n"
#define BOOTS_HDR "run_id,idx,reinit_cycles,reinit_insts,reinit_lines,faults,fault_cycles," \
	"fault_max_cycles,fault_lines,icache_invals,tlbis,pages_mapped,ready_cycles,ready_insts," \
	"check,exit,extra\n"

Test(kvm_measures, come_from_extra_with_units)
{
	char dir[] = "/tmp/s2b-kvm-measures-XXXXXX";
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(write_dir_file(dir, "runs.csv", RUNS_HDR
	    "k1,kvm,kvm-qemu,kvm,touch,64,4k,eager,exec,1,4096,50,seq,1,3,0,ok,0,1.0,2,0,,"
	    "s2vmm-0.1.0,8.2.2,0,0x410fd083\n"
	    "h1,s2hv,qemu-virt,unmap,touch,64,4k,eager,exec,1,4096,50,seq,1,3,0,ok,0,1.0,2,0,,"
	    "0.1.0,8.2.2,1,0x000f0510\n"), 0);
	cr_assert_eq(write_dir_file(dir, "boots.csv", BOOTS_HDR
	    "k1,0,,,,5,,,,,,,,,pass,reset,init_ns=900;unmaps=0;vcpus=2\n"
	    "k1,1,,,,7,,,,,,,,,pass,reset,init_ns=4100;unmaps=2;unmap_us=38;reboot_ns=2500000;"
	    "vcpus=2\n"
	    "h1,0,,,,3,900,400,64,1,1,3,5000,5000,pass,reset,\n"
	    "h1,1,10,20,30,3,900,400,64,1,1,3,5000,5000,pass,reset,\n"), 0);
	struct results r;
	char err[256];
	cr_assert_eq(results_load(dir, &r, err, sizeof(err)), 0, "%s", err);
	const struct boot *kvm = NULL, *hv = NULL;
	for (size_t i = 0; i < r.nboots; i++)
		if (r.boots[i].idx == 1)
			*(strcmp(r.runs[r.boots[i].run].run_id, "k1") == 0 ? &kvm : &hv) = &r.boots[i];
	cr_assert(kvm && hv);
	cr_expect_eq(measure_of(kvm, M_KVM_INIT), 4100);
	cr_expect_eq(measure_of(kvm, M_KVM_UNMAP), 38);
	cr_expect_eq(measure_of(kvm, M_KVM_REBOOT), 2500000);
	cr_expect_eq(measure_of(kvm, M_FAULTS), 7);
	cr_expect_str_eq(r.runs[kvm->run].dim[DIM_VCPUS], "2");
	for (int m = M_KVM_INIT; m <= M_KVM_REBOOT; m++) {
		cr_expect(is_absent(measure_of(hv, (enum measure)m)), "s2hv has no %s",
			  measure_defs[m].key);
		cr_expect(measure_defs[m].unit && strcmp(measure_defs[m].unit, "cycles") != 0,
			  "%s needs a wall-clock unit", measure_defs[m].key);
	}
	cr_expect_eq(measure_by_key("unmap_us"), M_KVM_UNMAP);
	cr_expect_null(measure_defs[M_REINIT].unit, "s2hv's measures stay in cycles");
	results_free(&r);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}
