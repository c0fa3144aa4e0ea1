#!/bin/bash
# perf-doc.sh [--check] [--logs DIR]: `make perf-doc`. Runs the deterministic QEMU set once
# (scripts/perf-runs.sh, logs in $BUILD/perf-doc/logs), makes every generated section from it
# (scripts/perf-tables.sh) and writes each into the doc that marks it (README.md, docs/*.md).
# The Linux guest's runs (docs/guests.md) are added when its bundle is built (make linux-guest).
# --check writes nothing and exits 1 if any doc differs from the fresh deterministic run
# (tests/integration/docs-fresh.sh); it leaves the Linux sections, which vary run to run, to
# tests/integration/linux-qemu.sh. --logs DIR uses existing logs instead of running QEMU.
set -u
cd "$(dirname "$0")/.."
mode=write logs=""
while [ $# -gt 0 ]; do
	case "$1" in
	--check) mode=check; shift ;;
	--logs) [ $# -ge 2 ] || { echo "perf-doc.sh: --logs needs a directory" >&2; exit 2; }
		logs=$2; shift 2 ;;
	*) echo "usage: perf-doc.sh [--check] [--logs DIR]" >&2; exit 2 ;;
	esac
done
BUILD=${BUILD:-build}
out=$BUILD/perf-doc
groups="targets hello premap scatter sim"
if [ $mode = write ]; then
	if [ -f "$BUILD/linux-guest/bundle.img" ] && { [ -z "$logs" ] || [ -f "$logs/linux-unmap.log" ]; }; then
		groups+=" linux"
	else echo "perf-doc: no $BUILD/linux-guest/bundle.img (make linux-guest): docs/guests.md's Linux numbers left as they are" >&2; fi
fi
if [ -z "$logs" ]; then
	logs=$out/logs
	rm -rf "$logs"
	scripts/perf-runs.sh "$logs" $groups || exit 1
fi
rm -rf "$out/regions"
scripts/perf-tables.sh "$logs" "$out/regions" $groups || exit 1

docs=(README.md docs/*.md)
status=0
for f in "$out"/regions/*.md; do
	name=$(basename "$f" .md)
	doc=$(grep -l "^<!-- $name: begin" "${docs[@]}")
	[ "$(wc -l <<<"$doc")" = 1 ] && [ -n "$doc" ] ||
		{ echo "perf-doc.sh: section $name must be marked in exactly one doc (found: ${doc:-none})" >&2; exit 2; }
	# The Linux numbers vary run to run: a section still within linux-qemu.sh's tolerance is kept,
	# so each make perf-doc does not rewrite it with noise.
	if [[ $name == linux-* ]] && scripts/doc-regions.sh check "$doc" "$name" "$f" 0.001 64 >/dev/null 2>&1; then
		continue
	fi
	scripts/doc-regions.sh "$mode" "$doc" "$name" "$f" || status=1
done
# a marked section nothing generates any more would silently go stale
for m in $(grep -ho '^<!-- \(perf\|strategies\|linux\)-[a-z0-9-]*: begin' "${docs[@]}" | sed 's/^<!-- \(.*\): begin/\1/'); do
	[[ $m == linux-* && $groups != *linux* ]] && continue
	[ -f "$out/regions/$m.md" ] || { echo "perf-doc.sh: nothing generates section $m" >&2; status=1; }
done
if [ $status -ne 0 ] && [ $mode = check ]; then echo "perf-doc.sh: docs are stale: run make perf-doc" >&2; fi
[ $mode = write ] && [ $status -eq 0 ] && echo "perf-doc: sections written from $logs"
exit $status
