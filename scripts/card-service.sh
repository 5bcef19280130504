#!/usr/bin/env bash
# Starts pcscd (with vsmartcard's virtual reader) when it is not running, and puts the specimen
# passport into the virtual reader unless a real reader is connected. Its EF.SOD is signed by the
# test PKI in .minwon/pki (scripts/test-pki.sh); the kiosk trusts .minwon/pki/csca.der.
#   scripts/card-service.sh start
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi

# vpcd takes one connection at a time, so no probing its port: the virtual card retries by itself.
if ! pgrep -x pcscd >/dev/null; then
  $sudo pcscd || true
  sleep 1
fi
mkdir -p .minwon
card="$PWD/target/debug/minwon-virtual-card"
if ! pgrep -f "$card" >/dev/null; then
  # vpcd's reader takes one card: another checkout's virtual passport must make room.
  pkill -f "target/debug/minwon-virtual-card" || true
  scripts/test-pki.sh .minwon/pki
  nohup "$card" --unless-reader --pki .minwon/pki > .minwon/virtual-card.log 2>&1 &
  sleep 0.5
  head -n 1 .minwon/virtual-card.log || true
fi
