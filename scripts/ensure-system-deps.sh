#!/usr/bin/env bash
# Installs the system libraries Qt, the tests and the screenshots need on Debian/Ubuntu (as root),
# or names what is missing. Other systems (Windows, macOS) get Qt's libraries from the wheels.
set -euo pipefail
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg >/dev/null 2>&1 || { echo "ensure-system-deps: not a Debian-like system; make sure Qt's libraries (EGL, GL, xkbcommon, fontconfig, dbus, xcb-cursor) and a CJK font are installed" >&2; exit 0; }

# Qt (offscreen and xcb), a Chinese font for rendering, Xvfb for screenshots, poppler for PDF checks.
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
          libxcb-image0 libxcb-xinerama0 libxcb-xkb1 fonts-wqy-microhei xvfb poppler-utils sqlite3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "ensure-system-deps: missing system packages: ${missing[*]}" >&2
  echo "install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
