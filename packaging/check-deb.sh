#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes the Debian package in BUILD_DIR (`cpack -G DEB`) and checks that it holds what a desktop
# needs and that what it installs runs: the files are unpacked with dpkg-deb -x into a temporary
# root (nothing is installed on the machine), the CLI reconciles the public example there and the
# workbench opens the demo workspace offscreen and saves a picture.
# Usage: packaging/check-deb.sh BUILD_DIR SHARED_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
shared=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/pkg/tokenledger_*.deb)
echo "package: $(basename "$deb")"

dpkg-deb -f "$deb" Package Version Depends
for f in ./usr/bin/tokenledger ./usr/bin/tokenledger-cli \
         ./usr/share/applications/io.github.tokenledger.TokenLedger.desktop \
         ./usr/share/metainfo/io.github.tokenledger.TokenLedger.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/io.github.tokenledger.TokenLedger.svg; do
    dpkg-deb -c "$deb" | awk '{print $6}' | grep -qx "$f" || { echo "FAIL: $f is not in the package"; exit 1; }
done
for dep in libqt6sql6-sqlite qt6-qpa-plugins libqt6charts6 libsodium23 libzip4; do
    dpkg-deb -f "$deb" Depends | grep -q "$dep" || { echo "FAIL: the package does not depend on $dep"; exit 1; }
done

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
grep -q '^Exec=tokenledger' "$root/usr/share/applications/io.github.tokenledger.TokenLedger.desktop" \
    || { echo "FAIL: the desktop entry does not run tokenledger"; exit 1; }
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.tokenledger.TokenLedger.metainfo.xml"
fi

set +e
"$root/usr/bin/tokenledger-cli" reconcile "$shared/examples/clean-month/job.json" --out "$tmp/out" >"$tmp/cli.log" 2>&1
rc=$?
set -e
[ "$rc" = 1 ] || { cat "$tmp/cli.log"; echo "FAIL: the packaged CLI exited $rc on the example (expected 1: warn)"; exit 1; }
python3 "$shared/tools/check-example" "$root/usr/bin/tokenledger-cli"

HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data" QT_QPA_PLATFORM=offscreen \
    "$root/usr/bin/tokenledger" --demo --screenshot "$tmp/demo.png" >"$tmp/gui.log" 2>&1 \
    || { cat "$tmp/gui.log"; echo "FAIL: the packaged workbench did not open the demo"; exit 1; }
[ -s "$tmp/demo.png" ] || { echo "FAIL: no screenshot"; exit 1; }
echo "ok: the package installs tokenledger and tokenledger-cli, the CLI reconciles the example, the workbench opens the demo"
