#!/bin/sh
# fetch-arm64-deb.sh PACKAGE DESTDIR
# Download Debian's arm64 build of PACKAGE with a private apt configuration (its own state and
# cache under build/, the system's apt untouched) and unpack it into DESTDIR. Cached: does nothing
# when DESTDIR/.done names the same package. A clear error when the registry cannot be reached.
set -eu

pkg=$1
dest=$2
[ -f "$dest/.done" ] && [ "$(cat "$dest/.done")" = "$pkg" ] && exit 0

work=$(dirname "$dest")/apt-arm64
mkdir -p "$work" "$dest"
work=$(cd "$work" && pwd)
. "$(dirname "$0")/private-apt.sh"
private_apt_init "$work" fetch-arm64-deb -o APT::Architecture=arm64 -o APT::Architectures::=arm64
rm -f "$work"/*.deb
if ! (cd "$work" && $APT download "$pkg" >"$work/download.log" 2>&1); then
	echo "fetch-arm64-deb: cannot download arm64 package $pkg (see $work/download.log)" >&2
	exit 1
fi
dpkg-deb -x "$work"/"${pkg}"_*_arm64.deb "$dest"
echo "$pkg" >"$dest/.done"
echo "deps: fetched arm64 $pkg into $dest"
