#!/bin/bash
# The coherence oracle on the Linux guest (the Debian kernel, no markers of its own): the oracle
# build traps the guest's SCTLR_EL1 writes (HCR_EL2.TVM, core/arch/aarch64/oracle_tvm.c) and marks
# its MMU on/off for the plugin, which is told the guest's own cache maintenance is invisible
# (guest_cmo=hidden: stale fetches of code the kernel wrote itself this boot are counted, not
# judged). A correct strategy over a reboot has no violation; the negative control is caught.
# Needs the bundle (`make linux-guest`); SKIPs when it cannot be had, as linux-qemu.sh does.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
fresh_out oracle-linux
need_oracle_plugin
need_linux_bundle

# linux_oracle STRATEGY BOOTS: the oracle image, the Linux guest, the plugin (in the background).
linux_oracle() {
	S2HV_IMG=$BUILD/s2hv-oracle.img QEMU_TIMEOUT=400 qemu_virt "$out/$1.log" max,pauth-impdef=on \
		"s2b.strategy=$1 s2b.guest=linux s2b.mem=256M s2b.boots=$2" \
		-initrd "$BUILD/linux-guest/bundle.img" \
		-plugin "$BUILD/oracle/libs2oracle.so,line=64,guest_cmo=hidden" -d plugin
}
# unmap across one reboot (its reinit and faults); none is caught on its cold boot already.
linux_oracle unmap 2 &
linux_oracle none 1 &
wait

v=$(grep -a '^@oracle violations=' "$out/unmap.log")
check "linux_unmap_runs" grep -aq '^@s2b done status=ok boots=2 ' "$out/unmap.log"
# the trapped SCTLR_EL1 writes told the plugin the kernel's MMU went on, at least once a boot
check "linux_mmu_on_marked_every_boot" [ "$(field "$v" guest_mmu_on)" -ge 2 ]
check "linux_unmap_no_violation (${v:-no verdict})" [ "$(field "$v" violations)" = 0 ]
# the kernel's own code writes were seen (and left to it), so guest_cmo=hidden mattered
check "linux_unmap_own_code_counted" [ "$(field "$v" ifetch_guest_own)" -gt 0 ]
v=$(grep -a '^@oracle violations=' "$out/none.log")
check "linux_none_runs" grep -aq '^@s2b done status=ok boots=1 ' "$out/none.log"
check "linux_none_caught (${v:-no verdict})" [ "$(field "$v" violations)" -gt 0 ]
finish
