#!/usr/bin/env bash
# Starts pcscd (with vsmartcard's virtual reader) when it is not running, and puts the specimen
# passport into the virtual reader unless a real reader is connected.
#   scripts/card-service.sh start
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi

vpcd_listening() { (exec 3<>/dev/tcp/127.0.0.1/35963) 2>/dev/null; }

if ! pgrep -x pcscd >/dev/null; then
  $sudo pcscd || true
fi
for _ in $(seq 1 50); do vpcd_listening && break; sleep 0.1; done
if ! pgrep -f minwon-virtual-card >/dev/null; then
  nohup target/debug/minwon-virtual-card --unless-reader > .minwon/virtual-card.log 2>&1 &
  sleep 0.5
  head -n 1 .minwon/virtual-card.log || true
fi
