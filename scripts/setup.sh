#!/usr/bin/env bash
# Installs what Minwon Kiosk needs on Debian 12, skipping what is already there.
#   scripts/setup.sh          what running the kiosk needs
#   scripts/setup.sh --tests  and what the tests need (Chromium, Xvfb, playwright-core, cargo-deb)
#   scripts/setup.sh --packages  what scripts/package.sh needs (cargo-deb)
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PACKAGES=(
  build-essential pkg-config curl
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  fonts-noto-cjk fonts-dejavu-core libfontconfig1-dev libxkbcommon-x11-0 libx11-xcb1 libxcursor1 libxi6
  pcscd libpcsclite-dev vsmartcard-vpcd openssl
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng libspeechd-dev libclang-dev libasound2-dev
)
TEST_PACKAGES=(chromium xvfb xauth imagemagick python3 python3-venv nodejs npm
  vsmartcard-vpicc python3-virtualsmartcard python3-pycryptodome python3-pil
  swig libeac-dev libssl-dev python3-dev sox systemd cage xwayland grim)

# The pyxform the XLSForm oracle test runs (tests/pyxform/oracle.py).
PYXFORM_VERSION=4.5.0
# The cargo-deb that scripts/package.sh builds the Debian packages with (crates.io).
CARGO_DEB_VERSION=3.8.0

packages=("${RUN_PACKAGES[@]}")
if [[ "${1:-}" == "--tests" ]]; then
  packages+=("${TEST_PACKAGES[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # node and npm may come from elsewhere than Debian; a working command is enough.
    if [[ "$p" == nodejs ]] && command -v node >/dev/null; then continue; fi
    if [[ "$p" == npm ]] && command -v npm >/dev/null; then continue; fi
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install it with rustup (https://rustup.rs), then run this again" >&2
  exit 1
fi

if [[ "${1:-}" == "--tests" ]]; then
  if [[ ! -d tests/browser/node_modules/playwright-core || ! -d tests/browser/node_modules/axe-core ]]; then
    echo "setup: installing the browser-test packages (npm)"
    (cd tests/browser && npm install --no-audit --no-fund --silent)
  fi
  # pyxform (PyPI, BSD-2), the oracle of the XLSForm import test, in a virtual environment of its own.
  pyxform_venv="${XDG_CACHE_HOME:-$HOME/.cache}/minwon-kiosk/pyxform-$PYXFORM_VERSION"
  if [[ ! -x "$pyxform_venv/bin/python" ]] || ! "$pyxform_venv/bin/python" -c 'import pyxform' 2>/dev/null; then
    echo "setup: installing pyxform $PYXFORM_VERSION (PyPI) into $pyxform_venv"
    rm -rf "$pyxform_venv"
    python3 -m venv "$pyxform_venv" && "$pyxform_venv/bin/pip" install -q "pyxform==$PYXFORM_VERSION" || exit 1
  fi
fi

if [[ "${1:-}" == "--tests" || "${1:-}" == "--packages" ]]; then
  # The package tests build packages from the test build (scripts/package.sh --from-debug).
  if ! cargo deb --version 2>/dev/null | grep -qF "$CARGO_DEB_VERSION"; then
    echo "setup: installing cargo-deb $CARGO_DEB_VERSION (crates.io)"
    cargo install cargo-deb --locked --quiet --version "$CARGO_DEB_VERSION" || exit 1
  fi
fi
