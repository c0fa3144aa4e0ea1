#!/bin/bash
# model-validate.sh [--suite FILE] [--boots N] [--reps N] [-j N] [--out DIR] [--doc FILE]
# The cost model (docs/model.md) against time measured under QEMU TCG without -icount:
#   1. calibrate board qemu-virt-tcg into OUT/qemu-virt-tcg.profile (emulation costs), and board
#      qemu-virt (-icount) into OUT/qemu-virt.profile: TCG without -icount counts no
#      instructions, so the path lengths of s2hv's operations come from the latter (--paths);
#   2. run every configuration of the suite on qemu-virt (-icount: the exact counts, OUT/counts)
#      and on qemu-virt-tcg (wall-clock: the measured time per reboot, OUT/measured), with the
#      suite's boots and reps replaced by N (fewer than `make bench`, to stay within minutes);
#   3. s2bench model-check prices the counts with the profile (path lengths from qemu-virt's)
#      and writes the table of predicted, measured and error per strategy × configuration to
#      OUT/model-validation.md;
#   4. the self-check: the counts priced with the qemu-virt profile (-icount, where a
#      "nanosecond" is an instruction) against themselves, deterministic, appended to it;
#   5. where the phase diagram of the counts (s2bench report --profile, OUT/report) places the
#      qemu-virt-tcg profile, in the report's words, appended too.
# --doc FILE writes that table into FILE's generated section `model-validation` (`make model-doc`).
# -j N is for the counts runs only; measured runs go one at a time: two emulators on the cores
# would time each other.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
S2BENCH=${S2BENCH:-$BUILD/s2bench}
suite=suites/default.suite boots=6 reps=2 jobs=2 out=$BUILD/model-validate doc=""
usage() { echo "usage: model-validate.sh [--suite FILE] [--boots N] [--reps N] [-j N] [--out DIR] [--doc FILE]" >&2; exit 2; }
number() { [[ $2 =~ ^[1-9][0-9]{0,3}$ ]] || { echo "model-validate.sh: $1 $2: expected a whole number from 1 to 9999" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case "$1" in
	--suite) suite=$2 ;;
	--boots) number "$1" "$2"; boots=$2 ;;
	--reps) number "$1" "$2"; reps=$2 ;;
	-j) number "$1" "$2"; jobs=$2 ;;
	--out) out=$2 ;;
	--doc) doc=$2 ;;
	*) usage ;;
	esac
	shift 2
done
[ "$boots" -ge 2 ] || { echo "model-validate.sh: --boots $boots: a warm boot needs at least 2" >&2; exit 2; }
[ -f "$suite" ] || { echo "model-validate.sh: no suite $suite" >&2; exit 2; }
[ -x "$S2BENCH" ] || { echo "model-validate.sh: no $S2BENCH (run make)" >&2; exit 2; }
[ -z "$doc" ] || [ -f "$doc" ] || { echo "model-validate.sh: no doc $doc" >&2; exit 2; }

# Only what this script writes is removed: `run` would resume old directories, not measure anew.
rm -rf "$out/counts" "$out/measured" "$out/calibrate" "$out/calibrate-icount" && mkdir -p "$out" || exit 1
# Every boots/reps line, the suite's and its sections', becomes N: the same runs on both boards.
sed -E "s/^([[:space:]]*boots[[:space:]]*=).*/\1 $boots/; s/^([[:space:]]*reps[[:space:]]*=).*/\1 $reps/" \
	"$suite" >"$out/validate.suite"
grep -qE '^[[:space:]]*boots[[:space:]]*=' "$out/validate.suite" || echo "boots = $boots" >>"$out/validate.suite"
grep -qE '^[[:space:]]*reps[[:space:]]*=' "$out/validate.suite" || echo "reps = $reps" >>"$out/validate.suite"

step() { # NAME LOG COMMAND...: run it, its output in OUT/LOG; on failure show the tail and stop
	local name=$1 log=$2; shift 2
	echo "model-validate: $name" >&2
	"$@" >"$out/$log" 2>&1 || { tail -5 "$out/$log" >&2; echo "model-validate.sh: $name failed ($out/$log)" >&2; exit 1; }
}
step "calibrating qemu-virt (-icount): path lengths, and the self-check's profile" calibrate-icount.log \
	"$S2BENCH" calibrate --board qemu-virt --out "$out/qemu-virt.profile" --dir "$out/calibrate-icount"
step "calibrating qemu-virt-tcg" calibrate.log \
	"$S2BENCH" calibrate --board qemu-virt-tcg --out "$out/qemu-virt-tcg.profile" --dir "$out/calibrate"
step "counts on qemu-virt (-icount)" counts.log \
	"$S2BENCH" run "$out/validate.suite" --board qemu-virt --out "$out/counts" -j "$jobs"
step "time on qemu-virt-tcg (one run at a time)" measured.log \
	"$S2BENCH" run "$out/validate.suite" --board qemu-virt-tcg --out "$out/measured" -j 1
step "model-check" model-check.log \
	"$S2BENCH" model-check --counts "$out/counts" --measured "$out/measured" --profile "$out/qemu-virt-tcg.profile" \
	--paths "$out/qemu-virt.profile"
step "self-check" self-check.log \
	"$S2BENCH" model-check --summary --counts "$out/counts" --measured "$out/counts" --profile "$out/qemu-virt.profile"
step "phase diagram" report.log \
	"$S2BENCH" report "$out/counts" --out "$out/report" --profile "$out/qemu-virt-tcg.profile" \
	--paths "$out/qemu-virt.profile"
# The report's sentence for the profile ("- placed: NAME at ...: cheapest ..."), else why not.
placed=$(sed -n 's/^- \(placed: qemu-virt-tcg .*\)/\1/p; s/^- \(not placed: qemu-virt-tcg .*\)/\1/p' "$out/report/report.md")
[ -n "$placed" ] || placed="qemu-virt-tcg not placed: $(grep -o 'Not drawn: .*' "$out/report/report.md" | head -1)"

qemu=$(sed -n 's/^cpu = QEMU \([^ ]*\) .*/\1/p' "$out/qemu-virt-tcg.profile")
{
	cat "$out/model-check.log"
	echo
	echo '**Self-check under `-icount`.** The same counts priced with a profile calibrated on `qemu-virt`'
	echo '(`-icount shift=0`: every constant is an instruction count, a "nanosecond" is an instruction) and'
	echo 'compared with their own `reboot_cycles`: deterministic, no host noise, so any error is the'
	echo "model's own structure (\"Where the model misses\" below)."
	echo
	tail -n +2 "$out/self-check.log"
	echo
	echo '**The phase diagram** of these counts (`s2bench report` with the `qemu-virt-tcg` profile,'
	echo '"Calibrate a board" step 3 above) places the emulator:'
	echo
	echo "> $placed"
	echo
	echo "Made by \`scripts/model-validate.sh\` (\`make model-doc\`) from \`$suite\` with boots = $boots and"
	echo "reps = $reps, QEMU ${qemu:-?}, measured runs one at a time. Measured times are emulation wall-clock"
	echo "on a shared host: they change from run to run, and so do the errors."
} >"$out/model-validation.md"
echo "model-validate: table in $out/model-validation.md" >&2
if [ -n "$doc" ]; then
	scripts/doc-regions.sh write "$doc" model-validation "$out/model-validation.md" || exit 1
	echo "model-validate: written into $doc" >&2
fi
