#!/bin/sh
# Installs Debian's Chromium for the browser tests (test/browser), unless it is already there.
# Idempotent: a second run only checks. The tests drive it with playwright-core, which never
# downloads a browser of its own.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
/usr/bin/chromium --version
