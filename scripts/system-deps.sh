#!/usr/bin/env bash
# Check the Debian packages a step needs; install the missing ones when we can (root + apt),
# otherwise say exactly what to install. Usage: scripts/system-deps.sh run|test
set -euo pipefail
profile=${1:-run}

missing=()
need() {  # need PACKAGE TEST-COMMAND...
  local package=$1; shift
  "$@" >/dev/null 2>&1 || missing+=("$package")
}
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

need gettext command -v msgfmt
need fonts-dejavu-core have_pkg fonts-dejavu-core
need libpango-1.0-0 have_pkg libpango-1.0-0
need libpangoft2-1.0-0 have_pkg libpangoft2-1.0-0
need libharfbuzz-subset0 sh -c "ldconfig -p | grep -q libharfbuzz-subset"
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ "$profile" = test ]; then
  need postgresql sh -c 'ls /usr/lib/postgresql/*/bin/initdb'
  need chromium command -v chromium
  need npm command -v npm
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "reSTART needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
