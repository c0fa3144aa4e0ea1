#!/bin/bash
# docs/model.md's generated section (make model-doc) is in the form the current s2bench writes:
# its first line names the current model-check format and the model's terms (`s2bench model-check
# --describe`), its tables have the current columns, its per-strategy table lists exactly the
# strategies of suites/default.suite, each with an error, its constants are current profile keys,
# it places the qemu-virt-tcg profile on the phase diagram in words, and it says it was made from
# the default suite. Its numbers are emulation wall-clock and change
# from run to run: they are never compared. Copies of the doc made stale in each way must fail.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc=docs/model.md

"$S2BENCH" model-check --describe >"$tmp/describe" || { fail describe_runs; finish; }
"$S2BENCH" run suites/default.suite --board qemu-virt-tcg --dry-run | awk 'NR > 1 && NF > 3 { print $3 }' |
	sort -u >"$tmp/strategies"
squeeze() { sed -E 's/[[:space:]]+/ /g; s/ *\| */|/g' "$@"; }

# fresh DOC: 0 when its section has the form described above; the first reason on stdout if not.
fresh() {
	local d=$1 r=$tmp/region
	[ "$(grep -c '^<!-- model-validation: begin' "$d")" = 1 ] && [ "$(grep -cx '<!-- model-validation: end -->' "$d")" = 1 ] ||
		{ echo "no single model-validation section"; return 1; }
	awk '/^<!-- model-validation: begin/ { on = 1; next } /^<!-- model-validation: end/ { on = 0 } on && NF' "$d" >"$r"
	[ "$(head -1 "$r")" = "$(head -1 "$tmp/describe")" ] || { echo "first line is not model-check --describe's"; return 1; }
	tail -n +2 "$tmp/describe" | squeeze >"$tmp/headers"
	squeeze "$r" >"$tmp/region-squeezed"
	while IFS= read -r h; do
		grep -qxF "$h" "$tmp/region-squeezed" || { echo "no table with the header $h"; return 1; }
	done <"$tmp/headers"
	# the per-strategy table: from its header to the first line that is not a row
	awk -v h="$(sed -n 1p "$tmp/headers")" '{ s = $0; gsub(/[[:space:]]+/, " ", s); gsub(/ *\| */, "|", s) }
		s == h { on = 1; getline; next } on && !/^\|/ { exit } on' "$r" >"$tmp/summary"
	sed -E 's/^\| `([^`]*)`.*/\1/' "$tmp/summary" | sort >"$tmp/listed"
	cmp -s "$tmp/listed" "$tmp/strategies" || { echo "strategies listed: $(tr '\n' ' ' <"$tmp/listed")"; return 1; }
	grep -vqE '^\| `[a-z-]+` +\| +[0-9]+ \| +[0-9]+ % \|' "$tmp/summary" && { echo "a strategy without an error"; return 1; }
	for c in $(grep -oE '^\| [a-zA-Z -]+ +\| `[a-z0-9_.]+`' "$r" | sed -E 's/.*`(.*)`/\1/'); do
		grep -q "^${c//./\\.} = " profiles/neoverse-n1.profile || { echo "constant $c is not a profile key"; return 1; }
	done
	grep -q '^\*\*Self-check under `-icount`\.\*\*' "$r" || { echo "no -icount self-check"; return 1; }
	grep -qE '^> (placed: qemu-virt-tcg at |not placed: qemu-virt-tcg |qemu-virt-tcg not placed: )' "$r" ||
		{ echo "no sentence placing qemu-virt-tcg on the phase diagram"; return 1; }
	grep -q '^Made by `scripts/model-validate.sh` (`make model-doc`) from `suites/default.suite`' "$r" ||
		{ echo "not made from suites/default.suite by make model-doc"; return 1; }
}

if why=$(fresh "$doc"); then pass model_doc_has_the_current_form
else echo "$doc: $why (run make model-doc)"; fail model_doc_has_the_current_form; fi

# Each kind of staleness is caught.
stale() { # NAME SED-SCRIPT: the doc changed by SED-SCRIPT must not pass
	sed -E "$2" "$doc" >"$tmp/stale.md"
	if ! cmp -s "$doc" "$tmp/stale.md" && ! fresh "$tmp/stale.md" >/dev/null; then pass "stale_${1}_is_caught"
	else fail "stale_${1}_is_caught"; fi
}
stale format 's/^<!-- model-check [0-9]+:/<!-- model-check 0:/'
stale terms 's/^(<!-- model-check [0-9]+: T = .*) \+ other instructions -->/\1 -->/'
stale strategy_missing '/^\| `lazy` +\| +[0-9]+ \|/d'
stale column 's/^\| strategy \| configurations \| median abs\. error/| strategy | configurations | mean abs. error/'
stale error_missing 's/^(\| `clean` +\| +[0-9]+ \|) +[0-9]+ % \|/\1 – |/'
stale constant 's/`s2_fault`/`s2_trap`/'
stale phase_sentence '/^> (not )?placed: qemu-virt-tcg/d'
finish
