#!/bin/bash
# doc-regions.sh write|check DOC NAME FILE [REL [ABS]]: the generated section NAME of the markdown file
# DOC, between a line starting "<!-- NAME: begin" and the line "<!-- NAME: end -->", is FILE's
# text (with one blank line either side). `write` puts it there; `check` changes nothing and exits
# 1, showing the difference, when the doc says something else. Only that section is touched.
# With REL (e.g. 0.001), `check` lets each number differ by that fraction of the larger of the two,
# or by ABS (default 1: a count such as one fault more or less in a guest whose runs vary), for
# runs that vary slightly, such as a Linux guest's; the words must still be the same.
set -u
usage() { echo "usage: doc-regions.sh write|check DOC NAME FILE [REL [ABS]]" >&2; exit 2; }
[ $# -ge 4 ] && [ $# -le 6 ] || usage
[ "$1" = write ] || [ "$1" = check ] || usage
mode=$1 doc=$2 name=$3 file=$4 rel=${5:-} abs=${6:-1}
[ -z "$rel" ] || [[ $rel =~ ^0?\.[0-9]+$ ]] || { echo "doc-regions.sh: REL must be a fraction like 0.001" >&2; exit 2; }
[[ $abs =~ ^[0-9]+$ ]] || { echo "doc-regions.sh: ABS must be a whole number" >&2; exit 2; }
[ -f "$file" ] || { echo "doc-regions.sh: no $file" >&2; exit 2; }
begins=$(grep -c "^<!-- $name: begin" "$doc" 2>/dev/null) ends=$(grep -cxF "<!-- $name: end -->" "$doc")
[ "$begins" = 1 ] && [ "$ends" = 1 ] ||
	{ echo "doc-regions.sh: $doc needs one '<!-- $name: begin' and one '<!-- $name: end -->' line" >&2; exit 2; }

new=$(awk -v b="<!-- $name: begin" -v e="<!-- $name: end -->" -v f="$file" '
	index($0, b) == 1 { print; print ""; while ((getline l < f) > 0) print l; print ""; skip = 1; next }
	$0 == e { skip = 0 }
	!skip' "$doc")
if [ "$mode" = write ]; then
	printf '%s\n' "$new" >"$doc.tmp" && mv "$doc.tmp" "$doc"
	exit 0
fi
# near DOC-TEXT NEW-TEXT: same lines once numbers (1,234.5) are set aside, numbers within REL
near() {
	awk -v rel="$rel" -v abs="$abs" 'NR == FNR { a[NR] = $0; na = NR; next } { b[FNR] = $0; nb = FNR }
	function nums(s, out,   n) { n = 0; while (match(s, /[0-9][0-9,]*(\.[0-9]+)?/)) {
			out[++n] = substr(s, RSTART, RLENGTH); gsub(/,/, "", out[n]); s = substr(s, RSTART + RLENGTH) }
		return n }
	END {
		if (na != nb) exit 1
		for (i = 1; i <= na; i++) {
			x = a[i]; y = b[i]; gsub(/[0-9][0-9,]*(\.[0-9]+)?/, "#", x); gsub(/[0-9][0-9,]*(\.[0-9]+)?/, "#", y)
			if (x != y) exit 1
			n = nums(a[i], p); nums(b[i], q)
			for (k = 1; k <= n; k++) { d = p[k] - q[k]; m = p[k] > q[k] ? p[k] : q[k]
				if (d < 0) d = -d; if (d > rel * m && d > abs) exit 1 } }
	}' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}
if [ -z "$rel" ]; then cmp -s "$doc" <(printf '%s\n' "$new") && exit 0
else near "$(cat "$doc")" "$new" && exit 0; fi
diff -u --label "$doc ($name, now)" --label "$doc ($name, $file)" "$doc" <(printf '%s\n' "$new")
echo "doc-regions.sh: section $name of $doc is not what $file says${rel:+ (numbers within $rel)}" >&2
exit 1
