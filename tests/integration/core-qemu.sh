#!/bin/bash
# The foundation, end to end under QEMU: s2hv boots at EL2 on virt (virtualization=on), reboots
# the hello guest through a strategy, and stops cleanly on bad input.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/core-qemu
mkdir -p "$out"

# 1. unmap × hello × 5 boots.
qemu_virt "$out/unmap.log" max "s2b.strategy=unmap s2b.guest=hello s2b.boots=5"
check "unmap_run_exits_0" [ "$QEMU_RC" -eq 0 ]
mapfile -t boots < <(grep -a '^@s2b boot ' "$out/unmap.log")
check "unmap_five_boot_records" [ "${#boots[@]}" -eq 5 ]
ok=1
for i in "${!boots[@]}"; do
	[ "$(field "${boots[$i]}" idx)" = "$i" ] || ok=0
	[ "$(field "${boots[$i]}" faults)" -gt 0 ] 2>/dev/null || ok=0
	[ "$(field "${boots[$i]}" check)" = pass ] || ok=0
	[ "$i" -eq 0 ] || [ "$(field "${boots[$i]}" reinit_lines)" -gt 0 ] 2>/dev/null || ok=0
done
check "unmap_boot_index_grows_faults_every_boot_check_pass" [ "$ok" -eq 1 ]
check "unmap_done_ok" grep -aq '^@s2b done status=ok boots=5 ' "$out/unmap.log"
check "unmap_records_have_valid_crcs" crc_ok "$out/unmap.log"
check "hello_and_cfg_first" bash -c "grep -a '^@s2b' '$out/unmap.log' | head -2 | grep -q '^@s2b cfg strategy=unmap guest=hello'"
check "null_hvc_calibrated" grep -aq 'cal_hvc_insts=[0-9]' "$out/unmap.log"

# 2. Bad bootargs: an error naming the key, then a clean stop.
qemu_virt "$out/badstrat.log" max "s2b.strategy=bogus s2b.boots=2"
check "unknown_strategy_exits_0" [ "$QEMU_RC" -eq 0 ]
check "unknown_strategy_error_names_key" grep -aq '^@s2b error code=bad_arg key=s2b.strategy msg=unknown_strategy ' "$out/badstrat.log"
check "unknown_strategy_done_error" grep -aq '^@s2b done status=error boots=0 ' "$out/badstrat.log"
qemu_virt "$out/badnum.log" max "s2b.boots=12x"
check "bad_number_error_names_key" grep -aq '^@s2b error code=bad_arg key=s2b.boots msg=bad_number ' "$out/badnum.log"
check "bad_number_exits_0" [ "$QEMU_RC" -eq 0 ]

# 3. A guest that loads from outside its RAM: as under KVM it takes a synchronous external abort
# at its EL1 (hello's vectors report it as a failed check and reset), and every boot goes on.
qemu_virt "$out/abort.log" max "s2b.strategy=unmap s2b.guest=hello s2b.boots=3 s2b.inject=2"
check "outside_ram_abort_delivered_to_guest" grep -aq '^guest| unexpected exception: vector=4 esr=0x96000010 elr=0x4[0-9a-f]* far=0x44200000' "$out/abort.log"
check "outside_ram_abort_counted_every_boot" [ "$(grep -ac '^@s2b boot .* aborts_injected=1 .*check=fail exit=reset ' "$out/abort.log")" -eq 3 ]
check "outside_ram_abort_not_a_stage2_fault" bash -c "! grep -aq '^@s2b error code=guest_abort' '$out/abort.log'"
check "outside_ram_abort_done_ok" grep -aq '^@s2b done status=ok boots=3 ' "$out/abort.log"
check "outside_ram_abort_exits_0" [ "$QEMU_RC" -eq 0 ]

# 4. fwb on a CPU without FEAT_S2FWB refuses, it does not run wrong.
qemu_virt "$out/fwb-a72.log" cortex-a72 "s2b.strategy=fwb s2b.guest=hello s2b.boots=2"
check "fwb_unsupported_on_a72" grep -aq '^@s2b error code=unsupported msg=needs_FEAT_S2FWB ' "$out/fwb-a72.log"
check "fwb_unsupported_done" grep -aq '^@s2b done status=unsupported ' "$out/fwb-a72.log"
check "fwb_a72_exits_0" [ "$QEMU_RC" -eq 0 ]

finish
