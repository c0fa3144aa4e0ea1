#!/bin/bash
# The coherence oracle end to end: the oracle image (build/s2hv-oracle.img) under QEMU -cpu max
# with the oracle plugin, every bench guest under every strategy of strategies/table.h, and
# -cpu a64fx (256-byte lines) with the guest that rewrites its code. The
# negative control must be caught (violations > 0); no correct strategy may be flagged (fwb
# included: FWB's forced write-back and LoUU = 0 are modelled). Also: the normal image carries no
# oracle marker, the oracle image does, and the plugin refuses a bad argument.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/oracle-qemu
mkdir -p "$out"
ORACLE_IMG=${ORACLE_IMG:-$BUILD/s2hv-oracle.img}
PLUGIN=${ORACLE_PLUGIN:-$BUILD/oracle/libs2oracle.so}
GUESTS=$(sed -n 's/^GUEST_NAMES := //p' bench-guests/guests.mk)
BOOTS=3

# oracle_markers FILE: how many 32-bit words of FILE are HINT #0x70..#0x7f (oracle/markers.h).
oracle_markers() {
	od -An -v -tx4 -w4 "$1" | awk '{ w = strtonum("0x" $1); if (and(w, 0xfffff01f) == 0xd503201f &&
		and(rshift(w, 5), 0x7f) >= 0x70) n++ } END { print n + 0 }'
}
# No plugin (make deps could not fetch qemu-plugin.h): fail by name, never pass without running.
if [ ! -f "$PLUGIN" ]; then
	fail "oracle_plugin_built ($PLUGIN missing: make deps could not fetch qemu-plugin.h)"
	finish
fi
check "normal_image_has_no_oracle_marker" [ "$(oracle_markers "$S2HV_IMG")" -eq 0 ]
check "oracle_image_has_markers" [ "$(oracle_markers "$ORACLE_IMG")" -gt 0 ]

# oracle_run LOG CPU LINE BOOTARGS: the oracle image under the plugin (LINE: the CPU's data-cache
# line size); the plugin's line goes to the log. GICv3, which -cpu a64fx needs for s2hv.
oracle_run() {
	S2HV_IMG=$ORACLE_IMG qemu_virt "$1" "$2" "$4" -machine gic-version=3 -plugin "$PLUGIN,line=$3" -d plugin
}
# violations LOG: the plugin's total ("" when it printed nothing).
violations() { field "$(grep -a '^@oracle violations=' "$1")" violations; }
# ran_ok LOG: every boot checked and the run ended (the plugin must not change the run).
ran_ok() { grep -aq "^@s2b done status=ok boots=$BOOTS " "$1" && [ "$QEMU_RC" -eq 0 ]; }

# verdicts CPU LINE GUESTS...: every strategy of the table on each guest; the negative control
# caught, the others clean. -cpu max runs them all; another CPU may refuse a strategy whose
# feature it lacks (status=unsupported: skipped, named).
verdicts() {
	local cpu=$1 line=$2 st control g log v
	shift 2
	while read -r st control _; do
		for g in "$@"; do
			log=$out/$cpu-$st-$g.log
			oracle_run "$log" "$cpu" "$line" "s2b.strategy=$st s2b.guest=$g s2b.boots=$BOOTS"
			v=$(violations "$log")
			if [ "$cpu" != max ] && grep -aq '^@s2b done status=unsupported ' "$log"; then
				skip "oracle_${cpu}_${st}_${g} ($cpu lacks a feature $st needs)"
			elif ! ran_ok "$log" || [ -z "$v" ]; then
				fail "oracle_${cpu}_${st}_${g}_runs ($log)"
			elif [ "$control" = 1 ]; then
				check "oracle_catches_${cpu}_${st}_${g} (violations=$v)" [ "$v" -gt 0 ]
			else
				check "oracle_passes_${cpu}_${st}_${g}" [ "$v" -eq 0 ]
				[ "$v" -eq 0 ] || grep -a '^@oracle' "$log"
			fi
		done
	done < <(table_strategies)
}
# -cpu max: 64-byte lines, FEAT_S2FWB (fwb's forced write-back and LoUU = 0 are modelled).
verdicts max 64 $GUESTS
# -cpu a64fx: 256-byte lines (CTR_EL0.DminLine = 6), no FWB nor DBM; the guest that rewrites code.
verdicts a64fx 256 icode

# A bad plugin argument stops QEMU with a message naming it.
timeout -k 5 30 qemu-system-aarch64 -M virt,virtualization=on -cpu max -nographic -monitor none \
	-kernel "$ORACLE_IMG" -plugin "$PLUGIN,line=48" </dev/null >"$out/badarg.log" 2>&1
check "plugin_refuses_bad_line_size" grep -q 'line=48 must be a power of two' "$out/badarg.log"
finish
