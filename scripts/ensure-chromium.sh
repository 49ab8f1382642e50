#!/usr/bin/env bash
# Makes sure Debian's Chromium and its ChromeDriver are installed, for the live page's browser test
# (jobs/cli LivePageIT, which runs them from /usr/bin). Does nothing when both are there; otherwise
# installs them with apt-get when run as root, and fails with what to install when not.
set -euo pipefail

chromium=/usr/bin/chromium
chromedriver=/usr/bin/chromedriver

if [[ -x "$chromium" && -x "$chromedriver" ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "ensure-chromium: $chromium and $chromedriver are needed by the browser test;" \
    "install them as root: apt-get install chromium chromium-driver" \
    "(or skip the integration tests with -DskipITs)" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium and chromium-driver..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends chromium chromium-driver >&2

if [[ ! -x "$chromium" || ! -x "$chromedriver" ]]; then
  echo "ensure-chromium: apt-get installed chromium and chromium-driver, but $chromium or" \
    "$chromedriver is still missing" >&2
  exit 1
fi
