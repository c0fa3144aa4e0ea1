#!/bin/bash
# board-suite-duration.sh [--baud N] [--boot-seconds S] [--suite FILE] [--doc FILE | --check FILE]
# How long a suite takes on a real board on the serial console, from what it says there: runs
# the suite on QEMU's raspi3b (-icount shift=0, so every byte and count is the same each time)
# and prices each run as
#   console bytes × 10 bits / baud          (8N1: start + 8 data + stop bits a byte)
# + its configuration sent to the board     (taken as long as its `cfg` record, framing aside)
# + counted work at 1 ns an instruction     (each boot's reboot_insts, ready_insts at boot 0,
#                                            plus the guest's own *_cycles marks)
# plus one power-on of --boot-seconds (default 20: reset command, firmware, SD card; an
# assumption, measure yours). Prints a Markdown table; --doc FILE writes it into FILE's
# "board-suite-duration" section (scripts/doc-regions.sh), --check FILE exits 1 when that
# section says something else (tests/integration/board-suite.sh). Defaults: 115200 baud,
# suites/board.suite. Results and logs in $BUILD/board-suite/.
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
baud=115200 boot_s=20 suite=suites/board.suite doc="" mode=print
usage() { echo "usage: board-suite-duration.sh [--baud N] [--boot-seconds S] [--suite FILE] [--doc FILE | --check FILE]" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--baud) [ $# -ge 2 ] && [[ $2 =~ ^[1-9][0-9]*$ ]] || usage; baud=$2; shift 2 ;;
	--boot-seconds) [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage; boot_s=$2; shift 2 ;;
	--suite) [ $# -ge 2 ] && [ -f "$2" ] || usage; suite=$2; shift 2 ;;
	--doc | --check) [ $# -ge 2 ] && [ -f "$2" ] && [ -z "$doc" ] || usage
		mode=${1#--} doc=$2; shift 2 ;;
	*) usage ;;
	esac
done
out=$BUILD/board-suite
rm -rf "$out" && mkdir -p "$out"
"${S2BENCH:-$BUILD/s2bench}" run "$suite" --board qemu-raspi3b --out "$out/res" -j 2 >"$out/run.log" 2>&1 ||
	{ echo "board-suite-duration: the suite did not run (see $out/run.log)" >&2; exit 1; }
bad=$(awk -F, 'NR > 1 && $17 != "ok" && $17 != "check_failed"' "$out/res/runs.csv")
[ -z "$bad" ] || { echo "board-suite-duration: runs that did not finish:" >&2; echo "$bad" >&2; exit 1; }

# One line a run: console bytes, cfg record bytes, counted instructions, boots.
for id in $(awk -F, 'NR > 1 { print $1 }' "$out/res/runs.csv"); do
	log=$out/res/logs/$id.log
	awk -v bytes="$(wc -c <"$log")" '
		/^@s2b cfg / { cfg = length($0) + 1 }
		/^@s2b boot / { boots++
			w = match($0, / reboot_insts=[0-9]+/) ? substr($0, RSTART + 14, RLENGTH - 14) :
			    match($0, / ready_insts=[0-9]+/) ? substr($0, RSTART + 13, RLENGTH - 13) : 0
			work += w }
		/^@s2b metric / && / key=[a-z_]*_cycles / { match($0, / value=[0-9]+/)
			work += substr($0, RSTART + 7, RLENGTH - 7) }
		END { print bytes, cfg, work, boots }' "$log"
done >"$out/per-run.txt"

awk -v baud="$baud" -v boot_s="$boot_s" -v suite="$(basename "$suite")" '
	{ n++; bytes += $1; cfg += $2; work += $3; boots += $4; if ($1 > most) most = $1 }
	function secs(s) { return s < 120 ? sprintf("%.1f s", s) : sprintf("%.1f min", s / 60) }
	function num(x,   s, r) { s = sprintf("%d", x); r = ""
		while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
		return s r }
	END {
		line = bytes * 10 / baud; frames = cfg * 10 / baud; cpu = work / 1e9
		once = line + frames + cpu + boot_s
		printf "| `%s` at %d baud | |\n|---|---|\n", suite, baud
		printf "| runs, boots | %d runs, %s boots |\n", n, num(boots)
		printf "| console output | %s bytes (%s a run on average, %s at most) |\n", num(bytes), num(bytes / n), num(most)
		printf "| its time on the line (10 bits a byte) | %s |\n", secs(line)
		printf "| configurations sent to the board (a `cfg` record each) | %s |\n", secs(frames)
		printf "| counted work, 1 ns an instruction | %s |\n", secs(cpu)
		printf "| one power-on (assumed: reset command, firmware, SD card) | %s |\n", secs(boot_s)
		printf "| **whole suite, one power-on** (`--config-over-console`) | **%s** |\n", secs(once)
		printf "| every run after a power cycle of its own | %s |\n", secs(once + (n - 1) * boot_s)
	}' "$out/per-run.txt" >"$out/duration.md"
case $mode in
print) cat "$out/duration.md" ;;
doc) scripts/doc-regions.sh write "$doc" board-suite-duration "$out/duration.md" ;;
check) scripts/doc-regions.sh check "$doc" board-suite-duration "$out/duration.md" ;;
esac
