#!/usr/bin/env bash
# run.sh FUZZDIR SECONDS: runs every fuzzer in FUZZDIR for SECONDS each, starting from the seeds in
# tests/fuzz/corpus/<name>/ and the crashers kept in tests/regress/<name>/ (which must all pass first).
# Prints "fuzz: N passed, N failed". A crash leaves its input in build/fuzz/crashes/<name>/.
set -uo pipefail
DIR=$1 SECONDS_EACH=${2:-60}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
for f in "$DIR"/*_fuzz; do
  [ -x "$f" ] || continue
  name=$(basename "$f" _fuzz)
  seeds="$TOP/tests/fuzz/corpus/$name"; work="$TOP/build/fuzz/corpus/$name"; crashes="$TOP/build/fuzz/crashes/$name"
  mkdir -p "$work" "$crashes"
  regress=()
  [ -d "$TOP/tests/regress/$name" ] && regress=("$TOP/tests/regress/$name"/*)
  if [ ${#regress[@]} -gt 0 ] && ! "$f" "${regress[@]}" > "$work.log" 2>&1; then
    echo "FAIL $name: a kept crasher fails again"; tail -n 20 "$work.log"; failed=$((failed + 1)); continue
  fi
  if "$f" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$crashes/" \
      "$work" $( [ -d "$seeds" ] && echo "$seeds" ) > "$work.log" 2>&1; then
    echo "ok   $name ($(grep -oE 'Done [0-9]+ runs' "$work.log" | grep -oE '[0-9]+') runs)"; passed=$((passed + 1))
  else
    echo "FAIL $name:"; grep -E 'ERROR|SUMMARY|Test unit written' "$work.log" | head -n 5; failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
