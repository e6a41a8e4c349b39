#!/usr/bin/env bash
# The browser journeys drive Debian's Chromium (browser downloads are not possible here).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
echo "Installing Debian's chromium for the browser journeys…"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! $sudo apt-get install -y --no-install-recommends chromium >/dev/null 2>&1; then
  $sudo apt-get update >/dev/null
  $sudo apt-get install -y --no-install-recommends chromium >/dev/null
fi
[ -x "$browser" ] || { echo "chromium is still missing at $browser" >&2; exit 1; }
