#!/usr/bin/env bash
# run-all.sh BINDIR UNIT_BIN: runs every test suite and ends with one line that sums them all:
#   N passed, N failed, N skipped
# Each suite prints its own "<suite>: N passed, N failed, N skipped" line; this script adds those up and
# exits non-zero if any test failed or any suite did not report.
set -uo pipefail
BINDIR=$(cd "$1" && pwd)
UNIT_BIN=$2
TOP=$(cd "$(dirname "$0")/.." && pwd)
export FLAMEKIT_BIN="$BINDIR"
export FLAMEKIT_TOP="$TOP"
export FLAMEKIT_SHARED=${FLAMEKIT_SHARED:-$(cd "$TOP/.." && pwd)/shared}
export PATH="$BINDIR:$PATH"

passed=0 failed=0 skipped=0 broken=0
run_suite() {  # run_suite NAME COMMAND...: runs it, echoes its output, adds up its summary line
  local name=$1; shift
  echo "=== $name"
  local out rc
  out=$("$@" 2>&1); rc=$?
  printf '%s\n' "$out"
  local line
  line=$(printf '%s\n' "$out" | grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' | tail -n 1)
  if [ -z "$line" ]; then
    echo "$name: suite did not report a summary (exit $rc)"; broken=$((broken + 1)); return
  fi
  local p f s
  p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  s=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$name: exited $rc with no failed test"; broken=$((broken + 1))
  fi
}

run_suite unit bash "$TOP/tests/unit/run.sh" "$UNIT_BIN"
run_suite golden bash "$TOP/tests/golden/run.sh" "$BINDIR"
for suite in "$TOP"/tests/conformance/*.sh; do
  [ -e "$suite" ] || continue
  run_suite "conformance-$(basename "$suite" .sh)" bash "$suite"
done
run_suite e2e bash "$TOP/tests/e2e/run.sh"
# The same code under ASan + UBSan, and every parser's fuzzer for a short bounded run (make fuzz runs longer).
if [ "${FLAMEKIT_NO_SANITIZE:-0}" != 1 ]; then
  run_suite asan bash "$TOP/tests/sanitize.sh"
fi
if [ "${FLAMEKIT_NO_FUZZ:-0}" != 1 ] && command -v clang++ >/dev/null; then
  run_suite fuzz bash -c "cd '$TOP' && make --no-print-directory -j2 FUZZ=1 CXX=clang++ BUILDDIR=build/fuzz fuzzers > build/fuzz.log 2>&1 || { tail -n 20 build/fuzz.log; echo 'fuzz: 0 passed, 1 failed'; exit 1; }; bash tests/fuzz/run.sh build/fuzz/fuzz \${FLAMEKIT_FUZZ_SECONDS:-10}"
fi

failed=$((failed + broken))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
