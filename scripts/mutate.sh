#!/bin/bash
# mutate.sh [LIST]   (`make mutate`; LIST defaults to tests/mutations.list)
# Mutation testing: apply each mutation of LIST alone to the source, run its test, put the file
# back. A mutation is killed when its test fails (a FAIL line, not merely a failed build). Prints one line per mutation and the kill
# ratio; exits 1 unless every mutation is killed, 2 on a bad list (a sed that changes nothing is
# a stale mutation, so an error). Rebuilds from the restored source at the end ($MUTATE_REBUILD,
# make targets; default build-all).
set -u
cd "$(dirname "$0")/.."
export BUILD=${BUILD:-build}
list=${1:-tests/mutations.list}
[ $# -le 1 ] && [ -f "$list" ] || { echo "usage: mutate.sh [LIST]" >&2; exit 2; }
logs=$BUILD/mutate
mkdir -p "$logs"
backup=""
restore() { [ -z "$backup" ] || cp "$backup" "$file"; backup=""; }
trap 'restore; exit 130' INT TERM

n=0 killed=0
while IFS= read -r line; do
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	name=${line%% :: *}; rest=${line#* :: }
	file=${rest%% :: *}; rest=${rest#* :: }
	expr=${rest%% :: *}; test=${rest#* :: }
	if [ "$name" = "$line" ] || [ "$test" = "$rest" ] || [ ! -f "$file" ]; then
		echo "mutate: bad line in $list: $line" >&2; exit 2
	fi
	backup=$logs/$name.orig
	cp "$file" "$backup"
	sed -i "$expr" "$file"
	if cmp -s "$file" "$backup"; then
		restore; echo "mutate: $name changes nothing in $file (stale mutation)" >&2; exit 2
	fi
	n=$((n + 1))
	if bash -c "$test" >"$logs/$name.log" 2>&1; then
		echo "SURVIVED $name ($file; log $logs/$name.log)"
	elif grep -q '^FAIL \|\[FAIL\]' "$logs/$name.log"; then
		killed=$((killed + 1))
		echo "killed   $name ($file)"
	else	# failed without a failing test: a build error is not a kill
		echo "BROKEN   $name ($file: no test failed; log $logs/$name.log)"
	fi
	restore
done <"$list"
# Everything a test may have built from mutated source (`make mutate` names the unit tests too:
# a binary left built from a mutant would fail or pass later runs for the wrong reason).
make -s ${MUTATE_REBUILD:-build-all} >/dev/null || { echo "mutate: rebuild after restoring failed" >&2; exit 1; }
echo "mutate: $killed of $n mutations killed"
[ "$killed" -eq "$n" ]
