#!/usr/bin/env bash
# Every binary has a man page that groff accepts without warnings, and the options in `--help` and in the
# page's OPTIONS section are the same set, both ways.
source "$(dirname "$0")/common.sh"
n=0
for tool in "$FLAMEKIT_BIN"/flame-*; do
  name=$(basename "$tool")
  page="$TOP/man/$name.1"
  [ -f "$page" ] || { echo "$name: no man page $page" >&2; exit 1; }
  warnings=$(groff -man -ww -Tutf8 -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "$name: groff warnings: $warnings" >&2; exit 1; }
  "$tool" --help > "$T/help" 2>&1
  grep -oE -- '--[a-zA-Z0-9][a-zA-Z0-9-]*' "$T/help" | sort -u > "$T/help.flags"
  groff -man -Tascii -P-c -P-b -P-u "$page" 2>/dev/null |
    awk '/^[A-Z][A-Z ]*$/ { in_opts = ($0 == "OPTIONS") } in_opts' |
    grep -oE -- '--[a-zA-Z0-9][a-zA-Z0-9-]*' | sort -u > "$T/man.flags"
  if ! diff -u "$T/help.flags" "$T/man.flags" > "$T/flags.diff"; then
    echo "$name: --help (-) and man page OPTIONS (+) disagree:" >&2; cat "$T/flags.diff" >&2; exit 1
  fi
  [ -s "$T/help.flags" ] || { echo "$name: --help lists no options" >&2; exit 1; }
  "$tool" --version | grep -q '^flamekit ' || { echo "$name: --version does not say flamekit" >&2; exit 1; }
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "no binaries in $FLAMEKIT_BIN" >&2; exit 1; }
