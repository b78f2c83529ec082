#!/usr/bin/env bash
# Set up CPR Desk on a fresh Debian 12 machine (Python 3.11) and run it:
#   bash packaging/bootstrap.sh run   [cprdesk arguments…]   – install what is missing, open the app
#   bash packaging/bootstrap.sh test  [pytest arguments…]    – install what is missing, run every test headless
# It installs Debian's libraries for Qt 6 (and poppler-utils, which the tests use) when they
# are missing, makes .venv with the Python packages, compiles the message catalogs.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  python3-venv
  # Qt 6 needs these to start at all (offscreen too): EGL/GL, fonts, D-Bus, GLib, keyboard maps
  libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxkbcommon0
  # …and these to open a window on a real X11 screen (xcb platform plugin)
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libxrender1 libxi6 libsm6 libice6
  # the tests read the PDFs with pdftotext/pdffonts; screenshots use Xvfb
  poppler-utils xvfb xauth
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.cprdesk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
.venv/bin/pybabel -q compile -d i18n/cprdesk_i18n -D cprdesk
# Byte-compile the sources once (start-up reads .pyc even where writing it is switched off).
.venv/bin/python -m compileall -q core db desktop resources i18n >/dev/null

what=${1:-run}
shift || true
case "$what" in
  run)
    exec .venv/bin/cprdesk "$@" ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/lint-imports
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: bash packaging/bootstrap.sh run|test [arguments]" >&2
    exit 2 ;;
esac
