#!/usr/bin/env bash
# Builds the Debian packages minwon-kiosk, minwon-mirror and minwon-hub with cargo-deb, from
# release builds, into target/debian/. What each installs is in the README ("Installing in an
# office"); the units are packaging/systemd/, the maintainer scripts packaging/debian/<package>/.
# No package carries vsmartcard, the virtual passport's keys or the test PKI.
#   scripts/package.sh               release builds (about 27 minutes on 2 cores from a clean target/)
#   scripts/package.sh --from-debug  the test build's binaries, already built by ./run-tests, into
#                                    target/debian-test/ (for the package tests; never to ship)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --packages
packages=(minwon-kiosk minwon-mirror minwon-hub)
if [[ "${1:-}" == --from-debug ]]; then
  # The same packages as ./run-tests builds: one feature set, nothing rebuilt.
  cargo build -p minwon-kiosk -p minwon-hardware -p minwon-hub -p minwon-mirror --quiet
  # cargo-deb, making a package, deletes that package's other .deb files in target/debian/,
  # whatever its output: the release packages are kept aside meanwhile.
  kept=$(mktemp -d)
  trap 'mv "$kept"/*.deb target/debian/ 2>/dev/null || true; rmdir "$kept"' EXIT
  mv target/debian/*.deb "$kept"/ 2>/dev/null || true
  # cargo-deb warns that a dev profile is for testing only: that is what these are for.
  for p in "${packages[@]}"; do
    cargo deb -p "$p" --no-build --profile dev --fast --quiet -o target/debian-test/ 2>/dev/null
  done
else
  for p in "${packages[@]}"; do
    cargo deb -p "$p" --quiet -o target/debian/
  done
  ls -l target/debian/*.deb
fi
