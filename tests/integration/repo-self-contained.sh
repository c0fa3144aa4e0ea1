#!/bin/bash
# A clone is the whole project: no tracked file may point outside the repository (the design brief
# and platform notes live in docs/design.md and docs/platform-notes.md), and the docs those two
# files name must exist.
. "$(dirname "$0")/lib.sh"
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)" || exit 1

# Tracked files only; this script names the patterns, so it is left out.
outside=$(git ls-files -z | grep -zv '^tests/integration/repo-self-contained.sh$' |
	xargs -0 grep -Il -e '\.\./shared' -e 'DESIGN\.md' -e 'PLATFORM-NOTES' 2>/dev/null)
if [ -z "$outside" ]; then pass no_reference_outside_repo; else
	echo "files referring outside the repository:"; echo "$outside"; fail no_reference_outside_repo; fi

check design_of_record_exists test -s docs/design.md
check platform_notes_exist test -s docs/platform-notes.md
# Every relative link in README.md and docs/*.md names a file that is there.
broken=""
for f in README.md docs/*.md; do
	while IFS= read -r link; do
		target=$(dirname "$f")/${link%%#*}
		[ -e "$target" ] || broken="$broken $f->$link"
	done < <(grep -o '](\([^)#:]*\)' "$f" | sed 's/^](//' | grep -v '^$')
done
if [ -z "$broken" ]; then pass doc_links_resolve; else echo "broken:$broken"; fail doc_links_resolve; fi
finish
