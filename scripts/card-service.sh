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
pidfile=.minwon/virtual-card.pid
# Ours only if this checkout started it and its PKI is here: a checkout cloned again at the same
# path must not take the card a deleted one left running (signed by a PKI that is gone).
running() {
  [[ -f "$pidfile" && -f .minwon/pki/csca.der ]] || return 1
  local pid
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null && [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$PWD" ]]
}
if ! running; then
  # vpcd's reader takes one card: another checkout's virtual passport must make room.
  pkill -f "target/debug/minwon-virtual-card" || true
  scripts/test-pki.sh .minwon/pki
  nohup "$card" --unless-reader --pki .minwon/pki > .minwon/virtual-card.log 2>&1 &
  echo $! > "$pidfile"
  sleep 0.5
  head -n 1 .minwon/virtual-card.log || true
fi
