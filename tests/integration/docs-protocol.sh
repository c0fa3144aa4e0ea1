#!/bin/bash
# docs/protocol.md against the code, so neither goes stale alone: the error codes table lists
# exactly the codes core/, kvm/ and strategies/ emit, and the `done` row exactly the keys the
# one `done` emitter both hosts use (core/records.c emit_done) can write; the `calib` row the
# keys emit_calib writes and harness/proto_check.c types, and its `op` table the words both know.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
doc=docs/protocol.md
srcs=$(find core kvm strategies -name '*.c')

# Every way a code is written: report_error("x", report_error_key("x", report_guest_error(vm, "x",
# error_errno("x", efi_refuse("x", error_in_boot("x", and rec_str(&r, "code", "x"); error_bad_arg()
# writes code=bad_arg itself.
code_codes=$(grep -ohE '(report_error|report_error_key|error_errno|error_in_boot|efi_refuse)\("[a-z0-9_]+"|report_guest_error\(vm, "[a-z0-9_]+"|rec_str\(&r, "code", "[a-z0-9_]+"' $srcs |
	sed -E 's/.*"([a-z0-9_]+)"$/\1/' | sort -u)
doc_codes=$(sed -n '/^### Error codes/,/^##/p' "$doc" | sed -nE 's/^\| `([a-z0-9_]+)` \|.*/\1/p' | sort -u)
check "error_codes_found_in_code" [ "$(wc -w <<<"$code_codes")" -ge 10 ]
check "error_codes_doc_matches_code" diff <(echo "$code_codes") <(echo "$doc_codes")

# The keys between rec_begin(&r, "done") and rec_end in the emitter (rec_* always, opt_* if set).
done_keys() { awk '/rec_begin\(&r, "done"\)/ { on = 1 } on { print } /rec_end/ { on = 0 }' "$@" |
	grep -oE '(rec|opt)_[a-z0-9]+\(&r, "[a-z0-9_]+"' | grep -v '^rec_begin' | sed -E 's/.*"([a-z0-9_]+)"$/\1/'; }
code_done=$(done_keys core/records.c | sort -u)
doc_done=$(grep -E '^\| `done` \|' "$doc" | grep -oE '`[a-z0-9_]+=' | tr -d '`=' | sort -u)
check "done_keys_found_in_code" [ "$(wc -w <<<"$code_done")" -ge 3 ]
check "done_keys_doc_matches_code" diff <(echo "$code_done") <(echo "$doc_done")
# The `calib` keys: the emitter's, the grammar's (proto_check.c) and the docs' row are one set.
calib_keys() { awk '/rec_begin\(&r, "calib"\)/ { on = 1 } on { print } /rec_end/ { on = 0 }' "$@" |
	grep -oE '(rec|opt)_[a-z0-9]+\(&r, "[a-z0-9_]+"' | grep -v '^rec_begin' | sed -E 's/.*"([a-z0-9_]+)"$/\1/'; }
code_calib=$(calib_keys core/records.c | sort -u)
grammar_calib=$(grep -oE '\{ "calib", "[a-z0-9_]+"' harness/proto_check.c | sed -E 's/.*"([a-z0-9_]+)"$/\1/' | sort -u)
doc_calib=$(grep -E '^\| `calib` \|' "$doc" | grep -oE '`[a-z0-9_]+=' | tr -d '`=' | sort -u)
check "calib_keys_found_in_code" [ "$(wc -w <<<"$code_calib")" -ge 10 ]
check "calib_keys_doc_matches_code" diff <(echo "$code_calib") <(echo "$doc_calib")
check "calib_keys_grammar_matches_code" diff <(echo "$code_calib") <(echo "$grammar_calib")
# The `op` words: the grammar's list, the docs' table, and each one written by the program.
grammar_ops=$(sed -n '/^#define CALIB_OPS/,/^$/p' harness/proto_check.c | grep -oE '"[a-z0-9_ ]+"' | tr -d '"' | tr ' ' '\n' | sed '/^$/d' | sort -u)
doc_ops=$(sed -n '/^### Calibration records/,/^## /p' "$doc" | grep -E '^\| `[a-z]' | grep -v '| keys |' | cut -d'|' -f2 | grep -oE '`[a-z0-9_]+`' | tr -d '`' | sort -u)
check "calib_ops_doc_matches_grammar" diff <(echo "$grammar_ops") <(echo "$doc_ops")
missing=$(for op in $grammar_ops; do grep -q "\"$op\"" core/calib_program.c || echo "$op"; done)
check "calib_ops_all_emitted" [ -z "$missing" ]
# The `oracle` keys: the grammar's (proto_check.c), the docs' row, and each printed by the plugin
# (oracle/plugin.c prints `violations` and `dc_*`; the kinds are coherence_model.c's names).
grammar_oracle=$(grep -oE '\{ "oracle", "[a-z0-9_]+"' harness/proto_check.c | sed -E 's/.*"([a-z0-9_]+)"$/\1/' | sort -u)
doc_oracle=$(grep -E '^\| `oracle` \|' "$doc" | grep -oE '`[a-z0-9_]+=' | tr -d '`=' | sort -u)
check "oracle_keys_found_in_grammar" [ "$(wc -w <<<"$grammar_oracle")" -ge 8 ]
unprinted=$(for k in $grammar_oracle; do grep -qE "\"$k\"| $k=" oracle/plugin.c oracle/coherence_model.c || echo "$k"; done)
check "oracle_keys_printed_by_plugin" [ -z "$unprinted" ]
check "oracle_keys_doc_covers_grammar" [ -z "$(comm -23 <(echo "$grammar_oracle") <(echo "$doc_oracle"))" ]
finish
