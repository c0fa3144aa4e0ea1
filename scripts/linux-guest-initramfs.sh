#!/bin/sh
# linux-guest-initramfs.sh INIT OUT.cpio.gz
# Pack INIT as /init (plus an empty /dev for devtmpfs) into a gzipped newc cpio, the format
# the kernel unpacks as its initramfs. Owner root, fixed times: the same input, the same bytes.
set -eu
init=$1
out=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/dev"
cp "$init" "$stage/init"
chmod 755 "$stage/init" "$stage/dev"
touch -d @0 "$stage/init" "$stage/dev"
(cd "$stage" && printf 'dev\ninit\n' | cpio -o -H newc --quiet --owner=0:0 --reproducible) | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
