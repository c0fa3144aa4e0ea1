#!/bin/sh
# doc-section.sh DOC NAME CONTENT
# Replace what stands between the lines "<!-- NAME: begin ..." and "<!-- NAME: end -->" of DOC
# with the file CONTENT (a blank line either side), so figures in docs come from the script that
# measured them (scripts/fuzz.sh, scripts/oracle-slowdown.sh). Exit 2 when DOC lacks the markers.
set -eu
[ $# -eq 3 ] || { echo "usage: doc-section.sh DOC NAME CONTENT" >&2; exit 2; }
doc=$1 begin="<!-- $2: begin" end="<!-- $2: end -->"
if ! grep -q "^$begin" "$doc" || ! grep -qxF "$end" "$doc"; then
	echo "doc-section: $doc has no $2 markers" >&2
	exit 2
fi
awk -v b="$begin" -v e="$end" -v f="$3" '
	index($0, b) == 1 { print; print ""; while ((getline l < f) > 0) print l; print ""; skip = 1; next }
	$0 == e { skip = 0 }
	!skip' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
