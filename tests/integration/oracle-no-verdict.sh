#!/bin/bash
# An `oracle = on` run whose plugin leaves no verdict (no `@oracle` summary in QEMU's log): real
# QEMU and the real oracle image, under a plugin that loads and prints nothing
# (silent-plugin.c, put where the harness looks for the oracle plugin: beside --image). The run
# must not pass for a checked one: status `error`, error `no_oracle_verdict`, no oracle rows,
# and the report counts it as a run without results and names why (HTML's Failures table).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/oracle-no-verdict
rm -rf "$out"
mkdir -p "$out/img/oracle"
hdr=$BUILD/deps/qemu-plugin
if [ ! -f "$hdr/qemu-plugin.h" ]; then
	fail "oracle_plugin_header (make deps could not fetch qemu-plugin.h)"
	finish
fi
${HOSTCC:-cc} -shared -fPIC -I"$hdr" $(pkg-config --cflags glib-2.0 2>/dev/null) \
	-o "$out/img/oracle/libs2oracle.so" tests/integration/silent-plugin.c >"$out/cc.txt" 2>&1
check "silent_plugin_built" [ -f "$out/img/oracle/libs2oracle.so" ]
cp "$S2HV_IMG" "$out/img/s2hv.img" && cp "$BUILD/s2hv-oracle.img" "$out/img/s2hv-oracle.img"

printf 'name = no-verdict\ntimeout = 60\nguest = hello\nboots = 2\nstrategy = unmap\noracle = on\n' \
	>"$out/nv.suite"
"$S2BENCH" run "$out/nv.suite" --image "$out/img/s2hv.img" --out "$out/res" >"$out/run.txt" 2>&1
check "run_says_one_failed" grep -q 'runs done, 1 failed' "$out/run.txt"
row=$(sed -n 2p "$out/res/runs.csv")
check "status_error" grep -q ',error,' <<<"$row"
check "error_no_oracle_verdict" grep -q ',no_oracle_verdict,' <<<"$row"
check "qemu_ran_the_guest" grep -aq '^@s2b done status=ok boots=2 ' "$out"/res/logs/*.log
check "no_oracle_rows" bash -c "! grep -q ',oracle_' '$out/res/metrics.csv'"

"$S2BENCH" report "$out/res" --out "$out/report" >"$out/report.txt" 2>&1
check "report_exit_0" [ $? -eq 0 ]
check "report_counts_it_without_results" grep -q 'Runs without results (1 error)' "$out/report/report.md"
check "report_names_no_oracle_verdict" grep -q 'no_oracle_verdict' "$out/report/report.html"
check "report_claims_no_verdict" bash -c "! grep -q 'no violation in' '$out/report/report.md'"
finish
