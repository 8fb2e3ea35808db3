#!/usr/bin/env bash
# Every binary has a man page that groff accepts without warnings, and the options in `--help` and in the
# page's OPTIONS section are the same set, both ways. And each option's `--help` text says its default at most
# once, never as an empty '(default: "")' (issue 13 item 8: "(default: the first event seen) (default: "")").
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
  # one line per option: its first line and the wrapped lines of its description joined
  awk '/^ +(-[A-Za-z0-9], )?--[A-Za-z0-9]/ { if (e != "") print e; e = $0; next }
       /^        +[^ ]/ { sub(/^ +/, " "); e = e $0; next }  # (mawk has no /x{8,}/)
       { if (e != "") print e; e = "" }
       END { if (e != "") print e }' "$T/help" > "$T/help.options"
  grep -q -- '--version' "$T/help.options" || { echo "$name: cannot read the options of --help" >&2; exit 1; }
  if grep -E '\(default.*\(default|\(default: ""\)' "$T/help.options" > "$T/help.bad"; then
    echo "$name: --help says a default twice or as \"\":" >&2; cat "$T/help.bad" >&2; exit 1
  fi
  "$tool" --version | grep -q '^flamekit ' || { echo "$name: --version does not say flamekit" >&2; exit 1; }
  n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "no binaries in $FLAMEKIT_BIN" >&2; exit 1; }
