#!/bin/bash
# perf-runs.sh OUTDIR [GROUP...]: the QEMU runs every measured number in the docs comes from, one
# log per run in OUTDIR/<name>.log. Deterministic (-icount shift=0, fixed seeds), so a run gives
# the same records every time and one set serves every table (scripts/perf-tables.sh).
# Groups (default: all but linux): targets (perf-check.sh's hot paths), hello (a full reboot per
# strategy, on demand and premapped), premap (memsweep over premapped RAM), scatter (touch,
# order=scatter), sim (the simulator's cost table, $BUILD/tests/unit-core; not QEMU); and, only
# when named, linux (the Debian kernel as the guest: needs `make linux-guest`; not deterministic
# to the instruction).
# Runs ${PERF_JOBS:-2} QEMUs at a time. Exits 1 if a run fails or does not end `done status=ok`.
set -u
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || { echo "usage: perf-runs.sh OUTDIR [targets|hello|premap|scatter|sim|linux]..." >&2; exit 2; }
out=$1; shift
BUILD=${BUILD:-build}
IMG=${S2HV_IMG:-$BUILD/s2hv.img}
[ -f "$IMG" ] || { echo "perf-runs.sh: no $IMG (run make)" >&2; exit 2; }
groups=${*:-targets hello premap scatter sim}
mkdir -p "$out"

# Each job: NAME CPU INITRD BOOTARGS ("-": no initrd). The strategy lists and sizes are the ones
# the docs' tables show.
jobs_targets() {
	echo "none-64M-trace max - s2b.guest=hello s2b.strategy=none s2b.boots=2 s2b.mem=64M s2b.trace=faults"
	for b in 2m 4k; do for m in 64M 128M; do
		echo "clean-$b-$m max - s2b.guest=hello s2b.strategy=clean s2b.boots=2 s2b.mem=$m s2b.map=premap s2b.block=$b"
	done; done
	for m in 64M 512M; do echo "fwb-$m max - s2b.guest=hello s2b.strategy=fwb s2b.boots=2 s2b.mem=$m"; done
}
jobs_hello() {
	for map in ondemand premap; do for s in unmap lazy clean fwb none dirty dirty-dbm; do
		echo "hello-$map-$s max - s2b.guest=hello s2b.strategy=$s s2b.boots=3 s2b.map=$map"
	done; done
	# the same unmap run with a record per fault: what kind of faults the table's count is made of
	echo "hello-ondemand-unmap-trace max - s2b.guest=hello s2b.strategy=unmap s2b.boots=3 s2b.trace=faults"
}
jobs_premap() {
	for m in 64M 256M 512M; do for s in unmap lazy clean dirty fwb; do
		echo "memsweep-$m-$s max - s2b.guest=memsweep s2b.strategy=$s s2b.boots=4 s2b.map=premap s2b.mem=$m"
	done; done
}
jobs_scatter() {
	for f in 5 10 25 50 100; do for s in unmap lazy clean dirty fwb; do
		echo "scatter-$f-$s max - s2b.guest=touch s2b.strategy=$s s2b.boots=20 s2b.order=scatter s2b.frac=$f s2b.mem=64M"
	done; done
}

jobs_sim() { echo "sim-costs - - SIM"; }
# pauth-impdef: QEMU's architected pointer auth is ~2.5x slower; tests/integration/linux-qemu.sh
# runs the same configurations.
jobs_linux() {
	for s in unmap clean fwb dirty; do
		echo "linux-$s max,pauth-impdef=on $BUILD/linux-guest/bundle.img s2b.strategy=$s s2b.guest=linux s2b.mem=256M s2b.boots=3"
	done
}

run_one() { # NAME CPU INITRD BOOTARGS...: one QEMU run; prints the name if it did not end well
	local name=$1 cpu=$2 initrd=() ; [ "$3" = - ] || initrd=(-initrd "$3"); shift 3
	if [ "$1" = SIM ]; then # the simulator's scenario guest, boot 2 of 4 (tests/unit/core)
		S2B_PRINT_COSTS=1 "$BUILD/tests/unit-core" --filter 'scenario_costs/print_table_for_docs' \
			--verbose >"$out/$name.log" 2>&1 || echo "perf-runs.sh: $name failed: $out/$name.log" >&2
		return
	fi
	timeout -k 5 "${QEMU_TIMEOUT:-300}" qemu-system-aarch64 -M virt,virtualization=on -cpu "$cpu" -m 2G \
		-nographic -monitor none -serial stdio -icount shift=0 -no-reboot -kernel "$IMG" \
		"${initrd[@]}" -append "$*" </dev/null >"$out/$name.log" 2>&1
	grep -aq '^@s2b done status=ok ' "$out/$name.log" || echo "perf-runs.sh: $name failed: $out/$name.log" >&2
}
export -f run_one
export out IMG BUILD QEMU_TIMEOUT

for g in $groups; do
	declare -F "jobs_$g" >/dev/null || { echo "perf-runs.sh: unknown group $g" >&2; exit 2; }
done
for g in $groups; do "jobs_$g"; done | xargs -P "${PERF_JOBS:-2}" -L 1 bash -c 'run_one "$@"' run_one 2>"$out/failures"
cat "$out/failures" >&2
[ ! -s "$out/failures" ]
