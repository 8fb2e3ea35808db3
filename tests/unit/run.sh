#!/usr/bin/env bash
# Runs the Catch2 unit tests and reports "unit: N passed, N failed" counted in test cases.
set -uo pipefail
out=$("$1" --reporter console 2>&1); rc=$?
printf '%s\n' "$out" | tail -n 40
if grep -qE '^All tests passed \(' <<<"$out"; then
  n=$(grep -oE 'in [0-9]+ test case' <<<"$out" | grep -oE '[0-9]+')
  echo "unit: $n passed, 0 failed"
elif line=$(grep -E '^test cases: ' <<<"$out" | tail -n 1); [ -n "$line" ]; then
  p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  echo "unit: ${p:-0} passed, ${f:-0} failed"
else
  echo "unit: 0 passed, 1 failed"
fi
exit "$rc"
