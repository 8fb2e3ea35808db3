#!/bin/sh
# install-deps.sh: install the Debian 12 packages that flamekit's build, tests, demo and benchmarks need.
# As root it runs apt-get itself; otherwise it prints the exact command and fails if something is missing.
set -eu
PACKAGES="g++ make pkg-config zlib1g-dev libre2-dev libelf-dev libdw-dev libbz2-dev libcxxopts-dev libiberty-dev
libabsl-dev libboost-program-options-dev catch2 binutils linux-perf perl libxml2-utils groff-base time
chromium python3 clang libclang-rt-14-dev google-perftools libgoogle-perftools-dev golang-go llvm-14-dev"
# Node.js may come from another packaging with npm bundled: ask for Debian's only when the commands are absent.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
  echo "install-deps: installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing >/dev/null
else
  echo "install-deps: missing Debian packages; run as root:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi
