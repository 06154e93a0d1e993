#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The README's two commands, on a fresh Debian bookworm machine (as root, or with sudo):
#   bash packaging/dev.sh run    install what is missing, build, start the workbench on the demo workspace
#   bash packaging/dev.sh test   install what is missing, build with and without the UI, run every test
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_deps() {
    mapfile -t wanted < <(grep -v '^\s*#' packaging/deps.txt | sed '/^\s*$/d')
    missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing ${#missing[@]} Debian package(s): ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

configure_build() { # dir, extra cmake args...
    local dir=$1; shift
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
run)
    install_deps
    configure_build build
    # --demo opens the bundled demo workspace (a realistic month the project generates, written
    # to the app-data folder on first use).
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "== no display: rendering the workbench offscreen to build/workbench.png"
        QT_QPA_PLATFORM=offscreen ./build/bin/tokenledger --demo --screenshot build/workbench.png
        echo "== open build/workbench.png, or run this on a desktop to get the window"
    else
        exec ./build/bin/tokenledger --demo
    fi
    ;;
test)
    install_deps
    echo "== build with the UI"
    configure_build build
    echo "== build without the UI (core + CLI + their tests only)"
    configure_build build-noui -DTOKENLEDGER_UI=OFF
    echo "== tests without the UI"
    (cd build-noui && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs" --timeout 900)
    echo "== tests with the UI"
    (cd build && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs" --timeout 900)
    ;;
*)
    echo "usage: bash packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac
