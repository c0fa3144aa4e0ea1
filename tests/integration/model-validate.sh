#!/bin/bash
# scripts/model-validate.sh end to end with real QEMU on a tiny suite (two strategies, one touch
# configuration, 3 boots): it calibrates qemu-virt-tcg, takes counts on qemu-virt with -icount and
# time on qemu-virt-tcg without, and writes the table. Checked: which runs had -icount; that the
# wall-clock board has no instruction counts; that every strategy has a predicted interval, a
# measured value and an error computed from those two (never the values themselves: they are
# wall-clock); and that bad input is refused with one line.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

# A QEMU that records its arguments, so the test sees which runs had -icount.
printf '#!/bin/bash\necho "$*" >>"%s/argv"\nexec qemu-system-aarch64 "$@"\n' "$tmp" >"$tmp/qemu"
chmod +x "$tmp/qemu"
printf 'name = tiny\nstrategy = unmap clean\nguest = touch\nfrac = 10\nboots = 20\n' >"$tmp/tiny.suite"
S2B_QEMU=$tmp/qemu S2BENCH=$S2BENCH scripts/model-validate.sh --suite "$tmp/tiny.suite" --boots 3 \
	--reps 1 --out "$tmp/v" >"$tmp/out" 2>"$tmp/err"
check validate_exits_0 [ $? -eq 0 ]
md=$tmp/v/model-validation.md
[ -f "$md" ] || { cat "$tmp/err"; fail table_written; finish; }

# qemu-virt-tcg (calibration and 2 measured runs) without -icount, qemu-virt (2 counts runs and
# the self-check's calibration) with.
kernel_runs() { grep -- '-kernel' "$tmp/argv" | grep -c "$@"; }
check counts_runs_have_icount [ "$(kernel_runs -- '-icount shift=0')" -eq 3 ]
check tcg_runs_have_no_icount [ "$(kernel_runs -v -- '-icount')" -eq 3 ]
check suite_boots_replaced grep -qx 'boots = 3' "$tmp/v/validate.suite"
# Without -icount QEMU counts no instructions: the measured boots have reboot_cycles only.
col() { awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } $2 != 0 { print $k }' "$1"; }
check tcg_has_no_reboot_insts [ -z "$(col "$tmp/v/measured/boots.csv" reboot_insts | tr -d '\n')" ]
check tcg_has_reboot_cycles [ "$(col "$tmp/v/measured/boots.csv" reboot_cycles | grep -c '^[0-9][0-9]*$')" -eq 4 ]
check counts_have_reboot_insts [ "$(col "$tmp/v/counts/boots.csv" reboot_insts | grep -c '^[0-9][0-9]*$')" -eq 4 ]
check profile_says_wall_clock grep -q 'method ".*without -icount.*wall-clock' "$tmp/v/qemu-virt-tcg.profile"

check first_line_is_the_format [ "$(head -1 "$md")" = "$("$S2BENCH" model-check --describe | head -1)" ]
# Per strategy: one row each, with a count of configurations and a median absolute error, in the
# TCG table and in the -icount self-check.
for s in unmap clean; do
	check "summary_rows_$s" [ "$(grep -cE "^\| \`$s\` +\| +1 \| +[0-9]+ % \| +[01] \|" "$md")" -eq 2 ]
done
check self_check_section grep -q '^\*\*Self-check under `-icount`\.\*\*' "$md"
# The phase diagram's word on the profile: a one-frac suite draws none, and says why.
check phase_sentence grep -qE '^> qemu-virt-tcg not placed: Not drawn: this data set has no frac sweep' "$md"
check self_check_profile_is_icount grep -q '^source calib = measured board "qemu-virt" .*-icount shift=0' "$tmp/v/qemu-virt.profile"
# Per strategy and configuration: lo <= predicted <= hi, a measured time, and the error is
# (predicted − measured) / measured of the two printed values (3 significant digits: within 2 points).
rows() { # strategy predicted lo hi measured error, in ns and %, one line per cell row
	awk -F'|' 'function ns(s,  v, u) { v = s; u = s; sub(/ .*/, "", v); sub(/^[^ ]* /, "", u)
			return v * (u ~ /^ms/ ? 1e6 : u ~ /^µs/ ? 1e3 : 1) }
		/^\| `[a-z-]+` +\| guest=/ { p = $4; gsub(/^ +| +$/, "", p); m = $5; gsub(/^ +| +$/, "", m)
			e = $6; gsub(/[ %+]/, "", e); mid = p; sub(/ \(.*/, "", mid)
			lo = p; sub(/.*\(/, "", lo); sub(/ –.*/, "", lo); hi = p; sub(/.*– /, "", hi); sub(/\).*/, "", hi)
			s = $2; gsub(/[ `]/, "", s)
			print s, ns(mid), ns(lo), ns(hi), ns(m), e }' "$1"
}
rows "$md" >"$tmp/rows"
check one_row_per_strategy [ "$(cut -d' ' -f1 "$tmp/rows" | sort | tr '\n' ' ')" = "clean unmap " ]
consistent() { awk '{ d = 100 * ($2 - $5) / $5 - $6; if (!($3 <= $2 && $2 <= $4 && $5 > 0) || d < -2 || d > 2) bad = 1 }
	END { exit bad || NR == 0 }' "$1"; }
check error_is_predicted_against_measured consistent "$tmp/rows"
# The check can fail: an error that is not (predicted − measured) / measured is caught.
awk '{ $6 += 10; print }' "$tmp/rows" >"$tmp/rows-bad"
inconsistent() { ! consistent "$1"; }
check wrong_error_is_caught inconsistent "$tmp/rows-bad"

# Bad input: one line, no crash.
"$S2BENCH" model-check --counts "$tmp/v/counts" --measured "$tmp/v/measured" --profile "$tmp/nope" 2>"$tmp/e1"
check missing_profile_exit_2 [ $? -eq 2 ]
check missing_profile_one_line [ "$(wc -l <"$tmp/e1")" -eq 1 ]
printf 'format = s2bench-profile 1\nname = x\nbogus = 1\n' >"$tmp/bad.profile"
"$S2BENCH" model-check --counts "$tmp/v/counts" --measured "$tmp/v/measured" --profile "$tmp/bad.profile" 2>"$tmp/e2"
check bad_profile_says_file_line grep -q "bad.profile:3:" "$tmp/e2"
"$S2BENCH" model-check --counts "$tmp/nothing" --measured "$tmp/v/measured" --profile "$tmp/v/qemu-virt-tcg.profile" 2>"$tmp/e3"
check missing_dir_exit_1 [ $? -eq 1 ]
check missing_dir_one_line [ "$(wc -l <"$tmp/e3")" -eq 1 ]
"$S2BENCH" model-check --counts "$tmp/v/measured" --measured "$tmp/v/counts" --profile "$tmp/v/qemu-virt-tcg.profile" 2>"$tmp/e4"
check swapped_dirs_exit_1 [ $? -eq 1 ]
check swapped_dirs_say_why grep -q "no warm boot" "$tmp/e4"
scripts/model-validate.sh --boots 1 2>"$tmp/e5"
check one_boot_is_usage_error [ $? -eq 2 ]
finish
