#!/usr/bin/env bash
# Install the Debian packages kaohe's build and tests need.  Idempotent and fast
# when nothing is missing: dpkg is asked first, apt only when something lacks.
set -euo pipefail
PKGS=(cmake ninja-build pkgconf gcc libc6-dev clang libclang-rt-14-dev
      libcmocka-dev libsqlite3-dev sqlite3 libpq-dev postgresql
      libsodium-dev libjansson-dev python3
      libmicrohttpd-dev libxlsxwriter-dev libzip-dev libexpat1-dev zlib1g-dev
      libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils libqrencode-dev
      chromium python3-pandas python3-openpyxl curl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The web server's front-end packages (web/package-lock.json): Apache ECharts, embedded into the
# binary at build time, and playwright-core for the browser tests.  npm ci is skipped when
# web/node_modules already matches the lock file.
web_deps() {
  local web; web="$(cd "$(dirname "$0")/.." && pwd)/web"
  if [ ! -f "$web/node_modules/echarts/dist/echarts.min.js" ] || [ ! -f "$web/node_modules/.package-lock.json" ] ||
     [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null || missing+=(npm)
    if [ ${#missing[@]} -gt 0 ]; then install_missing; missing=(); fi
    echo "install-deps: npm ci in web/" >&2
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
install_missing() {
  echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
if [ ${#missing[@]} -gt 0 ]; then install_missing; missing=(); fi
web_deps
