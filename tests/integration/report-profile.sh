#!/bin/bash
# s2bench report DIR --profile P on a small real result directory (QEMU runs of the touch guest
# over a frac sweep): the predicted-time tables and the phase diagram are in report.html and
# report.md, labelled predictions; a profile lacking the diagram's constants is listed as not
# placed; a calibrated QEMU profile prices every term, and one cell's prediction equals the cost
# model recomputed here from boots.csv and the profile; a broken profile exits 2 with FILE:LINE.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/phase.suite" <<'EOF'
name = report-profile
timeout = 60
boots = 3
reps = 1
guest = touch
mem = 16M
frac = 10 100
strategy = unmap lazy clean dirty none
EOF
if ! "$S2BENCH" run "$tmp/phase.suite" --out "$tmp/res" -j 2 >"$tmp/run.log" 2>&1; then
	fail suite_runs; cat "$tmp/run.log"; finish
fi
pass suite_runs

# A shipped profile: it has no s2_fault and no dc_civac.absent.mem.
n1=profiles/neoverse-n1.profile
"$S2BENCH" report "$tmp/res" --profile "$n1" --out "$tmp/n1" >"$tmp/n1.log" 2>&1
check report_with_shipped_profile_exits_0 [ $? -eq 0 ]
html=$tmp/n1/report.html md=$tmp/n1/report.md
check html_has_prediction_section grep -q '<h2 id="predicted">Predicted time per reboot (model, not measured)</h2>' "$html"
check html_has_the_profiles_table grep -q '<h3>neoverse-n1 (profiles/neoverse-n1.profile): predicted, not measured</h3>' "$html"
check md_has_the_profiles_table grep -q '^### neoverse-n1 (profiles/neoverse-n1.profile): predicted, not measured' "$md"
check unpriced_cells_say_so grep -q 'nothing: the profile lacks every constant this cell needs' "$md"
check phase_chart_written test -s "$tmp/n1/charts/phase.svg" -a -s "$tmp/n1/charts/phase.png"
check html_inlines_the_phase_chart bash -c "sed -n '/<figure id=\"fig-phase\">/,/<\/figure>/p' '$html' | grep -q '<svg'"
check phase_diagram_before_the_answer bash -c "grep -n -e 'id=\"fig-phase\"' -e '<h2>Answer</h2>' '$html' | head -1 | grep -q fig-phase"
check md_references_the_phase_chart grep -q '^Phase diagram: charts/phase.png' "$md"
# 4 strategies (the control left out) x 2 fractions x 2 warm boots
check phase_says_which_counts grep -q 'from the exact counts of board qemu-virt, 16M RAM, frac 10..100 %, 16 warm boots' "$md"
check n1_not_placed grep -q '^- not placed: neoverse-n1 lacks s2_fault and dc_civac.absent.mem' "$md"
# the shipped profile by its name in profiles/
"$S2BENCH" report "$tmp/res" --profile neoverse-n1 --out "$tmp/byname" >/dev/null 2>&1
check profile_by_name [ $? -eq 0 ]

# A calibrated profile of this QEMU: every constant, so every term priced and the profile placed.
"$S2BENCH" calibrate --board qemu-virt --out "$tmp/qemu.profile" --dir "$tmp/cal" >/dev/null 2>&1
check calibrate_for_the_model [ $? -eq 0 ]
"$S2BENCH" report "$tmp/res" --profile "$tmp/qemu.profile" --profile "$n1" --out "$tmp/q" >/dev/null 2>&1
check report_with_two_profiles_exits_0 [ $? -eq 0 ]
check every_term_priced [ "$(grep -c '| all terms |' "$tmp/q/report.md")" -eq 10 ]
check prediction_chart_drawn bash -c "sed -n '/<figure id=\"fig-predicted_0\">/,/<\/figure>/p' '$tmp/q/report.html' | grep -q '<svg'"
check qemu_profile_placed grep -q '^set label 10 .*"qemu"' "$tmp/q/charts/phase.gp"
check qemu_profile_placed_in_words grep -qE '^- placed: qemu at s2_fault ÷ dc_civac\.absent\.mem = [0-9.e+]+ \([0-9.e+]+ – [0-9.e+]+\): cheapest [a-z]+ (up )?to [0-9.]+ %' "$tmp/q/report.md"
check crossover_line_labelled grep -qE '^set label 100 .*"[a-z]+ = [a-z]+"' "$tmp/q/charts/phase.gp"

# clean at frac=100, recomputed outside s2bench (tests/integration/predict-recompute.py: the
# median over warm boots of each count times the profile's constants, the other instructions
# net of each priced operation's path length; the mem-class constants, as s2bench prices that cell).
expected=$(python3 tests/integration/predict-recompute.py "$tmp/res" "$tmp/qemu.profile" mem strategy=clean frac=100)
got=$(grep -E '^\| guest=touch frac=100 +\| clean ' "$tmp/q/report.md" | head -1 | cut -d'|' -f4 | xargs)
echo "clean at frac=100: report says $got, recomputed $expected"
check clean_frac100_prediction_is_the_model [ -n "$expected" -a "$got" = "$expected" ]

# Path lengths from a second profile (--paths): the calibrated profile without its `path` fields
# prices the other instructions only with --paths, then exactly as before; without, it says why.
sed -E 's/ path [0-9.]+ / /' "$tmp/qemu.profile" >"$tmp/nopath.profile"
check nopath_profile_has_no_path [ "$(grep -c ' path ' "$tmp/nopath.profile")" -eq 0 ]
"$S2BENCH" report "$tmp/res" --profile "$tmp/nopath.profile" --out "$tmp/np" >/dev/null 2>&1
check report_without_paths_exits_0 [ $? -eq 0 ]
check without_paths_other_instructions_unpriced grep -q 'lacks the path length of .*--paths' "$tmp/np/report.md"
check without_paths_no_cell_complete [ "$(grep -c '| all terms |' "$tmp/np/report.md")" -eq 0 ]
"$S2BENCH" report "$tmp/res" --profile "$tmp/nopath.profile" --paths "$tmp/qemu.profile" --out "$tmp/wp" >/dev/null 2>&1
check report_with_paths_exits_0 [ $? -eq 0 ]
got_paths=$(grep -E '^\| guest=touch frac=100 +\| clean ' "$tmp/wp/report.md" | head -1 | cut -d'|' -f4 | xargs)
check paths_from_the_second_profile [ -n "$expected" -a "$got_paths" = "$expected" ]
"$S2BENCH" report "$tmp/res" --profile "$n1" --paths no-such-cpu >/dev/null 2>"$tmp/paths.err"
check missing_paths_profile_exits_2 [ $? -eq 2 ]
check missing_paths_profile_one_line [ "$(wc -l <"$tmp/paths.err")" -eq 1 ]
check missing_paths_profile_says_which grep -q '^s2bench report: --paths: profiles/no-such-cpu.profile' "$tmp/paths.err"

# Bad profiles: the parser's FILE:LINE and exit 2, before any work.
sed 's/^hvc = 306 ns/hvc = 306 furlongs/' "$n1" >"$tmp/broken.profile"
line=$(grep -n '^hvc = ' "$tmp/broken.profile" | cut -d: -f1)
"$S2BENCH" report "$tmp/res" --profile "$tmp/broken.profile" --out "$tmp/b" >"$tmp/b.out" 2>"$tmp/b.err"
check broken_profile_exits_2 [ $? -eq 2 ]
check broken_profile_names_file_and_line grep -qE "^s2bench report: --profile: $tmp/broken.profile:$line: hvc: " "$tmp/b.err"
check broken_profile_one_line [ "$(wc -l <"$tmp/b.err")" -eq 1 ]
check broken_profile_writes_no_report test ! -e "$tmp/b/report.html"
"$S2BENCH" report "$tmp/res" --profile no-such-cpu >/dev/null 2>"$tmp/none.err"
check missing_profile_exits_2 [ $? -eq 2 ]
check missing_profile_says_which grep -q 'profiles/no-such-cpu.profile' "$tmp/none.err"
"$S2BENCH" report "$tmp/res" --profile >/dev/null 2>&1
check profile_without_argument_is_usage [ $? -eq 2 ]
"$S2BENCH" report "$tmp/res" --profile '' >/dev/null 2>"$tmp/empty.err"
check empty_profile_exits_2 [ $? -eq 2 ]
check empty_profile_says_why grep -q 'empty' "$tmp/empty.err"
finish
