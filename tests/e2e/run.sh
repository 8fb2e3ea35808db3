#!/usr/bin/env bash
# Runs every tests/e2e/*.sh as one test: exit 0 passes, 77 skips, anything else fails.
set -uo pipefail
DIR=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 skipped=0
for t in "$DIR"/*.sh; do
  case "$(basename "$t")" in common.sh|run.sh) continue ;; esac
  out=$(bash "$t" 2>&1); rc=$?
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $(basename "$t")"
  elif [ "$rc" -eq 77 ]; then skipped=$((skipped + 1)); printf '%s\n' "$out" | grep '^SKIP' | head -n 1
  else failed=$((failed + 1)); echo "FAIL $(basename "$t") (exit $rc)"; printf '%s\n' "$out" | tail -n 15 | sed 's/^/    /'
  fi
done
echo "e2e: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
