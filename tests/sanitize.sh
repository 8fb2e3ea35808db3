#!/usr/bin/env bash
# sanitize.sh: rebuilds everything with ASan + UBSan (make SANITIZE=1, objects in build/sanitize/) and runs the
# unit, golden and conformance suites against those binaries. Reports "asan: N passed, N failed, N skipped".
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
if ! make --no-print-directory -j2 SANITIZE=1 all build/sanitize/unit-tests > build/sanitize.log 2>&1; then
  tail -n 30 build/sanitize.log; echo "asan: 0 passed, 1 failed"; exit 1
fi
BIN=$TOP/build/sanitize/bin
export FLAMEKIT_BIN=$BIN PATH="$BIN:$PATH"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0 failed=0 skipped=0
add() {  # add SUITE-OUTPUT: adds the counts of its summary line
  local line; line=$(grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' <<<"$1" | tail -n 1)
  [ -n "$line" ] || { failed=$((failed + 1)); return; }
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
  skipped=$((skipped + $(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)))
}
for suite in "tests/unit/run.sh build/sanitize/unit-tests" "tests/golden/run.sh $BIN" tests/conformance/*.sh; do
  [ -e "${suite%% *}" ] || continue
  out=$(bash $suite 2>&1)
  grep -E '^(FAIL|ERROR|SUMMARY)|runtime error|AddressSanitizer' <<<"$out" | head -n 20
  add "$out"
done
echo "asan: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
