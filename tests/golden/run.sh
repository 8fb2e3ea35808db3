#!/usr/bin/env bash
# Golden tests: for every tests/golden/<tool>/cases.tsv (columns: input, case, args), runs
#   flame-<tool> ARGS INPUT
# and compares standard output byte for byte with expected/<input stem>--<case>.<ext>.
# INPUT is inputs/<input>, or $FLAMEKIT_SHARED/<path> when written shared:<path>.
# With BLESS=1 the expected files are rewritten from the current output (ours only, never ../shared);
# GOLDEN_TOOL=<tool> limits a run (and a bless) to tests/golden/<tool>/.
# A failure names the first differing line.
set -uo pipefail
BINDIR=$1
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${FLAMEKIT_SHARED:-$(cd "$TOP/.." && pwd)/shared}
passed=0 failed=0 skipped=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for cases in "$TOP"/tests/golden/*/cases.tsv; do
  [ -e "$cases" ] || continue
  dir=$(dirname "$cases"); tool=flame-$(basename "$dir")
  [ -n "${GOLDEN_TOOL:-}" ] && [ "$(basename "$dir")" != "$GOLDEN_TOOL" ] && continue
  while IFS=$'\t' read -r input case args || [ -n "$input" ]; do
    [ "$input" = input ] && continue
    [ -z "$input" ] && continue
    case "$input" in
      shared:*) path="$SHARED/${input#shared:}" ;;
      *) path="$dir/inputs/$input" ;;
    esac
    stem=$(basename "$input"); stem=${stem%.gz}; stem=${stem%.*}
    expected=$(ls "$dir/expected/$stem--$case".* 2>/dev/null | head -n 1)
    if [ ! -e "$path" ]; then
      echo "SKIP $tool $input $case: no input $path"; skipped=$((skipped + 1)); continue
    fi
    eval "argv=($args)"
    "$BINDIR/$tool" "${argv[@]}" "$path" > "$tmp/out" 2> "$tmp/err" < /dev/null
    rc=$?
    if [ -n "${BLESS:-}" ]; then
      [ -n "$expected" ] || expected="$dir/expected/$stem--$case.${GOLDEN_EXT:-out}"
      mkdir -p "$dir/expected"; cp "$tmp/out" "$expected"; echo "BLESS $expected"; continue
    fi
    if [ -z "$expected" ]; then
      echo "FAIL $tool $input $case: no expected file (make bless)"; failed=$((failed + 1)); continue
    fi
    if cmp -s "$tmp/out" "$expected"; then
      passed=$((passed + 1))
    else
      first=$(cmp "$tmp/out" "$expected" 2>&1 | head -n 1)
      line=$(diff "$tmp/out" "$expected" | head -n 4)
      echo "FAIL $tool $args $input ($case, exit $rc): $first"; printf '%s\n' "$line" | sed 's/^/    /'
      head -n 3 "$tmp/err" | sed 's/^/    stderr: /'
      failed=$((failed + 1))
    fi
  done < "$cases"
done
echo "golden: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
