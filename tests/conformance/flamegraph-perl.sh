#!/usr/bin/env bash
# flamegraph-perl: flame-collapse against the reference vectors of FlameGraph's stackcollapse-perf.pl in
# $FLAMEKIT_SHARED/conformance/flamegraph-perl/: every perf-*.txt input with --pid, --tid, --kernel, --jit,
# --all, --addrs and no option (13 inputs x 7 = 91 cases), compared byte for byte with
# results/NAME-collapsed-OPT.txt. A failure names the first differing line.
set -uo pipefail
TOP=${FLAMEKIT_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
SHARED=${FLAMEKIT_SHARED:-$(cd "$TOP/.." && pwd)/shared}
BIN=${FLAMEKIT_BIN:-$TOP/bin}
DIR=$SHARED/conformance/flamegraph-perl
passed=0 failed=0 skipped=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$DIR/results" ]; then
  echo "SKIP flamegraph-perl: no vectors in $DIR"
  echo "flamegraph-perl: 0 passed, 0 failed, 91 skipped"
  exit 0
fi
for input in "$DIR"/perf-*.txt; do
  name=$(basename "$input" .txt)
  for opt in pid tid kernel jit all addrs default; do
    expected=$DIR/results/$name-collapsed-$opt.txt
    if [ ! -e "$expected" ]; then
      echo "SKIP $name --$opt: no $expected"; skipped=$((skipped + 1)); continue
    fi
    args=(); [ "$opt" = default ] || args=("--$opt")
    "$BIN/flame-collapse" "${args[@]}" "$input" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$expected"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL $name ${args[*]:-(default)} (exit $rc): $(cmp "$tmp/out" "$expected" 2>&1 | head -n 1)"
      diff "$tmp/out" "$expected" | head -n 6 | sed 's/^/    /'
      head -n 3 "$tmp/err" | sed 's/^/    stderr: /'
    fi
  done
done
total=$((passed + failed + skipped))
if [ "$total" -ne 91 ]; then
  echo "flamegraph-perl: expected 91 cases, found $total"; failed=$((failed + 1))
fi
echo "flamegraph-perl: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
