#!/usr/bin/env bash
# Browser tests drive Debian's chromium through chromedriver. Install both when
# missing and we may (root on Debian); otherwise say so: those tests then skip.
set -u
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null \
    || echo "warning: could not install chromium; browser tests will be skipped" >&2
else
  echo "warning: chromium/chromedriver missing and not root; browser tests will be skipped" >&2
fi
exit 0
