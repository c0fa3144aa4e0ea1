#!/bin/bash
# s2vmm's words under real KVM in QEMU (scripts/kvm-qemu.sh): a key given twice and an S2B. word
# each end the run with an `error` record naming the word, as in s2hv (bootargs-qemu.sh).
# Needs the KVM host image: SKIP when its kernel cannot be had.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/bootargs-kvm
mkdir -p "$out"

need_kvm_image bootargs-kvm kvm_image_builds

(scripts/kvm-qemu.sh kvm-qemu-max s2b.guest=kvmtest s2b.boots=2 s2b.boots=3 >"$out/dup.log" 2>&1; echo $? >"$out/dup.rc") &
(scripts/kvm-qemu.sh kvm-qemu-max s2b.guest=kvmtest S2B.boots=3 >"$out/upper.log" 2>&1; echo $? >"$out/upper.rc") &
wait
check "kvm_duplicate_key_error_names_it" grep -aq '^@s2b error code=bad_arg key=s2b.boots msg=duplicate_key ' "$out/dup.log"
check "kvm_duplicate_key_done_error" grep -aq '^@s2b done status=error boots=0 ' "$out/dup.log"
check "kvm_uppercase_prefix_error_names_it" grep -aq '^@s2b error code=bad_arg key=S2B.boots msg=prefix_not_lowercase ' "$out/upper.log"
check "kvm_uppercase_prefix_no_boot_runs" bash -c "! grep -aq '^@s2b boot ' '$out/upper.log'"
check "kvm_bad_words_exit_0" [ "$(cat "$out/dup.rc")$(cat "$out/upper.rc")" = 00 ]
finish
