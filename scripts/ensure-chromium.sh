#!/bin/sh
# Makes sure Debian's chromium is installed for the browser test of the demo pages (interop module,
# BrowserDemoPagesTest), which drives it headless with playwright-core: Playwright's own browser
# downloads are not used. Idempotent: does nothing when chromium is already there. Installs it with
# apt-get when run as root on Debian/Ubuntu; otherwise fails with one sentence saying what to do.
set -e
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium for the browser test (apt-get install chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null 2>&1 && exit 0
  echo "ensure-chromium: apt-get install chromium finished but no chromium is on the PATH." >&2
  exit 1
fi
echo "ensure-chromium: the browser test needs Chromium on the PATH: install the Debian package chromium" \
  "(as root: apt-get install chromium), or skip the tests with -DskipTests." >&2
exit 1
