#!/bin/bash
# doc-regions.sh write|check DOC NAME FILE: the generated section NAME of the markdown file DOC,
# between a line starting "<!-- NAME: begin" and the line "<!-- NAME: end -->", is FILE's text
# (with one blank line either side). `write` puts it there; `check` changes nothing and exits 1,
# showing the difference, when the doc says something else. Only that section is touched.
set -u
[ $# -eq 4 ] && { [ "$1" = write ] || [ "$1" = check ]; } ||
	{ echo "usage: doc-regions.sh write|check DOC NAME FILE" >&2; exit 2; }
mode=$1 doc=$2 name=$3 file=$4
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
elif ! diff -u --label "$doc ($name, now)" --label "$doc ($name, fresh run)" "$doc" - <<<"$new"; then
	echo "doc-regions.sh: section $name of $doc is not what $file says" >&2
	exit 1
fi
