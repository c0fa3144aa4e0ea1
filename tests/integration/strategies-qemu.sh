#!/bin/bash
# Every strategy of strategies/table.h runs the reboot loop end to end under QEMU -cpu max
# (FEAT_S2FWB, FEAT_HAFDBS); those needing FWB refuse cleanly under -cpu cortex-a72 (no FWB).
# QEMU has no caches: this checks the paths (faults, permission changes, VTCR_EL2.HD) and the
# counts, not coherence (tests/unit/core does).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/strategies-qemu
mkdir -p "$out"
GUEST=${S2B_GUEST:-hello}
BOOTS=3

# Every s2hv strategy of strategies/table.h: a line added there is run here without an edit.
mapfile -t table < <(table_strategies)
check table_names_strategies [ "${#table[@]}" -gt 0 ]
for line in "${table[@]}"; do
	read -r st control needs_fwb <<<"$line"
	for map in ondemand premap; do
		log=$out/$st-$map.log
		qemu_virt "$log" max "s2b.strategy=$st s2b.guest=$GUEST s2b.boots=$BOOTS s2b.map=$map"
		check "${st}_${map}_exits_0" [ "$QEMU_RC" -eq 0 ]
		check "${st}_${map}_done_ok" grep -aq "^@s2b done status=ok boots=$BOOTS " "$log"
		mapfile -t boots < <(grep -a '^@s2b boot ' "$log")
		ok=$([ "${#boots[@]}" -eq "$BOOTS" ] && echo 1 || echo 0)
		for b in "${boots[@]}"; do
			[ "$(field "$b" exit)" = reset ] || [ "$(field "$b" exit)" = off ] || ok=0
			[ "$(field "$b" check)" != fail ] || ok=0
		done
		check "${st}_${map}_${BOOTS}_boots_no_failed_check" [ "$ok" -eq 1 ]
		# No reinit cost for a negative control nor under FWB (stage 2 forces cacheable, so
		# the loader's writes are visible); the others clean something at reinit or at fault.
		last=${boots[$((BOOTS - 1))]:-}
		lines=$(( $(field "$last" reinit_lines) + $(field "$last" fault_lines) ))
		if [ "$control" = 1 ] || [ "$needs_fwb" = 1 ]; then
			check "${st}_${map}_cleans_no_line" [ "$lines" -eq 0 ]
		else
			check "${st}_${map}_cleans_lines" [ "$lines" -gt 0 ]
		fi
	done
	[ "$needs_fwb" = 1 ] || continue
	# A CPU without FEAT_S2FWB: refused cleanly, before any boot.
	log=$out/$st-a72.log
	qemu_virt "$log" cortex-a72 "s2b.strategy=$st s2b.guest=$GUEST s2b.boots=2"
	check "${st}_a72_exits_cleanly" [ "$QEMU_RC" -eq 0 ]
	check "${st}_a72_error_unsupported" grep -aq '^@s2b error code=unsupported' "$log"
	check "${st}_a72_done_unsupported" grep -aq '^@s2b done status=unsupported' "$log"
	check "${st}_a72_no_boot" bash -c "! grep -aq '^@s2b boot ' '$log'"
done
finish
