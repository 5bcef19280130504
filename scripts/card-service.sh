#!/usr/bin/env bash
# Starts pcscd (with vsmartcard's virtual reader) when it is not running, and puts the specimen
# passport into the virtual reader unless a real reader is connected.
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
if ! pgrep -f "target/debug/minwon-virtual-card" >/dev/null; then
  nohup target/debug/minwon-virtual-card --unless-reader > .minwon/virtual-card.log 2>&1 &
  sleep 0.5
  head -n 1 .minwon/virtual-card.log || true
fi
