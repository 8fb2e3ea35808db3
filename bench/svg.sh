#!/usr/bin/env bash
# bench/svg.sh: flame-svg vs FlameGraph's flamegraph.pl, side by side on the same folded input:
# folded-300k.txt (about 300k unique stacks, 1.2M distinct prefixes) and folded-23k.txt. The pictures
# are compared with tests/conformance/svg_compare.py (same frames, labels, colours), not byte for byte.
# Targets (issue 3): at least 25x faster and at most a quarter of flamegraph.pl's peak RSS.
source "$(dirname "$0")/common.sh"
TOP=$(cd "$(dirname "$0")/.." && pwd)
FLAMEGRAPH=$FLAMEGRAPH_DIR/flamegraph.pl
[ -f "$FLAMEGRAPH" ] || { echo "svg: no $FLAMEGRAPH, skipped"; exit 0; }
for input in folded-300k.txt folded-23k.txt; do
  [ -s "$CORPORA/$input" ] || { echo "svg: no $CORPORA/$input, skipped"; continue; }
  measure "$BENCH_TMP/ref.svg" perl "$FLAMEGRAPH" "$CORPORA/$input"
  ref_s=$SECS ref_mb=$RSS_MB
  measure "$BENCH_TMP/ours.svg" "$FLAMEKIT_BIN/flame-svg" "$CORPORA/$input"
  SAME_CHECK=none compare "svg $input" "$BENCH_TMP/ref.svg" "$ref_s" "$ref_mb" "$BENCH_TMP/ours.svg" "$SECS" "$RSS_MB"
  frames=$(grep -c '^<title>' "$BENCH_TMP/ref.svg" || true)
  if python3 "$TOP/tests/conformance/svg_compare.py" "$BENCH_TMP/ref.svg" "$BENCH_TMP/ours.svg" > "$BENCH_TMP/diff"; then
    echo "    same frames as flamegraph.pl ($frames frames, svg_compare.py)"
  else
    echo "    DIFFERENT from flamegraph.pl:"; head -n 5 "$BENCH_TMP/diff" | sed 's/^/    /'
  fi
done
rm -f "$BENCH_TMP/ref.svg" "$BENCH_TMP/ours.svg" "$BENCH_TMP/diff"
