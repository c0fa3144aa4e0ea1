#!/bin/bash
# docs/extending.md's worked example is what it says: a copy of the tree plus its strategy file
# and its one table line (both taken from the page) builds, lists and runs the new strategy, and
# nothing else in the copy changed. Builds in a scratch copy; the real build/ is only read.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
src=$PWD
scratch=$(mktemp -d "${TMPDIR:-/tmp}/s2b-extend.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
tree=$scratch/tree
log=$src/$BUILD/test-logs/strategies-extend
mkdir -p "$tree" "$log"

# The block after a `<!-- extending: PATH -->` marker in docs/extending.md.
example() { awk -v m="<!-- extending: $1 -->" '$0 == m { on = 1; next }
	on && /^```/ { if (in_block) exit; in_block = 1; next } in_block' docs/extending.md; }

git ls-files -z | grep -zv '^build/' | xargs -0 cp --parents -t "$tree"
mkdir -p "$tree/build"
ln -s "$(cd "$BUILD" && pwd)/deps" "$tree/build/deps"

example strategies/wipe.c >"$tree/strategies/wipe.c"
line=$(example strategies/table.h)
check example_has_one_table_line [ "$(printf '%s\n' "$line" | grep -c .)" -eq 1 ]
awk -v l="$line" '/one line per strategy above this one/ { print l } { print }' \
	strategies/table.h >"$tree/strategies/table.h"

# One new file, one added line; every other file as tracked.
changed=$(cd "$tree" && git -C "$src" ls-files -z | grep -zv '^build/' |
	xargs -0 -I{} sh -c 'cmp -s "$0/{}" "{}" || echo "{}"' "$src")
check only_the_table_changed [ "$changed" = strategies/table.h ]
check one_line_added [ "$(diff "$src/strategies/table.h" "$tree/strategies/table.h" | grep -c '^[<>]')" -eq 1 ]
added=$(comm -13 <(git ls-files | grep -v '^build/' | sort) <(cd "$tree" && find . -path ./build -prune -o -type f -print | sed 's|^\./||' | sort))
check one_file_added [ "$added" = strategies/wipe.c ]

if make -C "$tree" -j2 build/s2hv.img build/s2bench >"$log/make.log" 2>&1; then pass builds; else
	tail -20 "$log/make.log"; fail builds; finish; fi
check listed_by_s2bench bash -c "'$tree/build/s2bench' list | grep -q '^  wipe '"
check existing_strategies_still_listed bash -c "'$tree/build/s2bench' list | grep -q '^  dirty-dbm '"

S2HV_IMG=$tree/build/s2hv.img
for map in ondemand premap; do
	out=$log/wipe-$map.log
	qemu_virt "$out" max "s2b.strategy=wipe s2b.guest=hello s2b.boots=3 s2b.map=$map"
	check "wipe_${map}_done_ok" grep -aq '^@s2b done status=ok boots=3 ' "$out"
	check "wipe_${map}_cfg_names_it" grep -aq '^@s2b cfg .*strategy=wipe' "$out"
	check "wipe_${map}_no_failed_check" bash -c "! grep -a '^@s2b boot ' '$out' | grep -q 'check=fail'"
	last=$(grep -a '^@s2b boot idx=2 ' "$out")
	check "wipe_${map}_cleans_all_ram_at_reinit" [ "$(field "$last" reinit_lines)" -eq $((64 * 1024 * 1024 / 64)) ]
done

# The tests read the table too. strategies-qemu.sh, unedited, runs wipe; the coherence scenarios
# take it in; the cost-model and mutant tests fail naming it, the one strategy without either.
(cd "$tree" && BUILD=build bash tests/integration/strategies-qemu.sh) >"$log/strategies-qemu.log" 2>&1
check strategies_qemu_runs_it grep -q '^PASS wipe_premap_cleans_lines' "$log/strategies-qemu.log"
check strategies_qemu_all_pass bash -c "! grep -q '^FAIL' '$log/strategies-qemu.log'"
if make -C "$tree" -j2 build/tests/unit-core >"$log/make-unit.log" 2>&1; then pass builds_unit_core; else
	tail -20 "$log/make-unit.log"; fail builds_unit_core; finish; fi
correct=$(cd "$tree" && table_strategies | awk '$2 == 0' | wc -l)
"$tree/build/tests/unit-core" --filter 'scenario/correct_strategy_guest_sees_loader_image' --verbose \
	>"$log/coherence.log" 2>&1
check coherence_passes_with_it [ $? -eq 0 ]
# Per correct strategy: 4 layouts (4K/2M x ondemand/premap) x the line sizes the scenarios run over.
nlines=$(sed -n 's/^static const u32 line_sizes\[\] = {\(.*\)};/\1/p' "$tree/tests/unit/core/test_scenario_coherence.c" |
	tr ',' '\n' | grep -c '[0-9]')
cells=$(grep -c '^\[PASS\]' "$log/coherence.log")
check coherence_has_its_cells_for_every_line_size [ "$nlines" -ge 1 -a "$cells" -eq $((4 * nlines * correct)) ]
"$tree/build/tests/unit-core" --filter 'scenario_costs/every_strategy_in_the_table_has_a_cost_model' \
	>"$log/costs.log" 2>&1
check cost_model_test_fails [ $? -ne 0 ]
check cost_model_test_names_it grep -q 'strategy wipe (strategies/table.h) has no cost model' "$log/costs.log"
"$tree/build/tests/unit-core" --filter 'scenario_mutation/every_correct_strategy_in_the_table_has_a_mutant' \
	>"$log/mutants.log" 2>&1
check mutant_test_fails [ $? -ne 0 ]
check mutant_test_names_it grep -q 'strategy wipe (strategies/table.h) has no mutant' "$log/mutants.log"
finish
