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
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
