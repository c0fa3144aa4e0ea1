#!/bin/sh
# fetch-qemu-plugin-header.sh DESTDIR
# Debian 12's QEMU loads TCG plugins (-plugin) but ships no qemu-plugin.h. Take the header from
# Debian's QEMU source package of exactly the installed qemu-system-arm version, with a private
# apt configuration (deb-src lines derived from the system's sources; the system's apt untouched),
# and keep only include/qemu/qemu-plugin.h as DESTDIR/qemu-plugin.h. Cached: does nothing when
# DESTDIR/.done names the installed version. Refuses clearly when the versions differ.
set -eu

dest=$1
want=$(dpkg-query -W -f='${source:Version}' qemu-system-arm 2>/dev/null || true)
if [ -z "$want" ]; then
	echo "fetch-qemu-plugin-header: qemu-system-arm is not installed (run make deps)" >&2
	exit 1
fi
[ -f "$dest/.done" ] && [ "$(cat "$dest/.done")" = "$want" ] && exit 0

work=$(dirname "$dest")/apt-src
mkdir -p "$work/etc" "$dest"
work=$(cd "$work" && pwd)
# deb-src twins of the system's deb sources (one-line and deb822 forms).
: >"$work/etc/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] && sed -n 's/^deb \(.*\)/deb-src \1/p' "$f" >>"$work/etc/sources.list"
done
mkdir -p "$work/etc/sources.list.d"
rm -f "$work/etc/sources.list.d/"*
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" >"$work/etc/sources.list.d/$(basename "$f")"
done
. "$(dirname "$0")/private-apt.sh"
private_apt_init "$work" fetch-qemu-plugin-header -o Dir::Etc::sourcelist="$work/etc/sources.list" \
	-o Dir::Etc::sourceparts="$work/etc/sources.list.d"
# File names carry the version without its epoch.
ver=${want#*:}
if ! (cd "$work" && $APT source --download-only "qemu=$want" >"$work/download.log" 2>&1); then
	echo "fetch-qemu-plugin-header: Debian's source of qemu $want (the installed version) cannot be downloaded (see $work/download.log)" >&2
	exit 1
fi
dsc="$work/qemu_$ver.dsc"
got=$(sed -n 's/^Version: //p' "$dsc")
if [ "$got" != "$want" ]; then
	echo "fetch-qemu-plugin-header: source package is qemu $got but qemu-system-arm $want is installed; refusing" >&2
	exit 1
fi
orig=$(ls "$work"/qemu_"${ver%-*}".orig.tar.* | head -n 1)
rm -rf "$work/x" && mkdir -p "$work/x"
tar -xf "$orig" -C "$work/x" --wildcards '*/include/qemu/qemu-plugin.h'
hdr=$(find "$work/x" -path '*/include/qemu/qemu-plugin.h' | head -n 1)
[ -n "$hdr" ] || { echo "fetch-qemu-plugin-header: no include/qemu/qemu-plugin.h in $orig" >&2; exit 1; }
# The header must be the one QEMU was built with: refuse if a Debian patch changes it.
deb=$(ls "$work"/qemu_"$ver".debian.tar.* | head -n 1)
if tar -xOf "$deb" --wildcards 'debian/patches/*' 2>/dev/null | grep -q '^+++ .*include/qemu/qemu-plugin.h'; then
	echo "fetch-qemu-plugin-header: a Debian patch of qemu $want changes qemu-plugin.h; refusing the upstream header" >&2
	exit 1
fi
cp "$hdr" "$dest/qemu-plugin.h"
rm -rf "$work/x" "$work"/qemu_*
echo "$want" >"$dest/.done"
echo "deps: fetched qemu-plugin.h of qemu $want into $dest"
