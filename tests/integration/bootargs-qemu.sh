#!/bin/bash
# s2hv's bootargs under QEMU: a key given twice, an S2B. word and guest RAM that cannot fit each
# end the run with an `error` record naming the bootarg (docs/protocol.md, error codes).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/bootargs-qemu
mkdir -p "$out"

qemu_virt "$out/dup.log" max "s2b.boots=2 s2b.guest=hello s2b.boots=3"
check "duplicate_key_error_names_it" grep -aq '^@s2b error code=bad_arg key=s2b.boots msg=duplicate_key ' "$out/dup.log"
check "duplicate_key_done_error" grep -aq '^@s2b done status=error boots=0 ' "$out/dup.log"

qemu_virt "$out/upper.log" max "s2b.guest=hello S2B.boots=3"
check "uppercase_prefix_error_names_it" grep -aq '^@s2b error code=bad_arg key=S2B.boots msg=prefix_not_lowercase ' "$out/upper.log"
check "uppercase_prefix_no_boot_runs" bash -c "! grep -aq '^@s2b boot ' '$out/upper.log'"

qemu_virt "$out/nomem.log" max "s2b.guest=hello s2b.mem=8G s2b.boots=2"
check "no_memory_names_s2b_mem" grep -aq '^@s2b error code=no_memory msg=guest_ram_does_not_fit key=s2b.mem ' "$out/nomem.log"
check "no_memory_done_error" grep -aq '^@s2b done status=error boots=0 ' "$out/nomem.log"
for f in dup upper nomem; do check "${f}_records_have_valid_crcs" crc_ok "$out/$f.log"; done
finish
