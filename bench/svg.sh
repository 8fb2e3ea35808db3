#!/usr/bin/env bash
# bench/svg.sh: flame-svg vs FlameGraph's flamegraph.pl, side by side on the same folded input:
# folded-300k.txt (about 300k unique stacks, 1.2M distinct prefixes) and folded-23k.txt. The pictures
# are compared with tests/conformance/svg_compare.py (same frames, labels, colours), not byte for byte.
# Targets (issue 3): at least 25x faster and at most a quarter of flamegraph.pl's peak RSS. flamegraph.pl
# runs once (9-20 s), flame-svg SVG_BENCH_RUNS times (default 5, the fastest kept: a run of 30 ms is below
# GNU time's resolution); timed runs write to /dev/null (fastest in common.sh), one more run of each writes
# the SVGs that are compared.
source "$(dirname "$0")/common.sh"
TOP=$(cd "$(dirname "$0")/.." && pwd)
FLAMEGRAPH=$FLAMEGRAPH_DIR/flamegraph.pl
[ -f "$FLAMEGRAPH" ] || { echo "svg: no $FLAMEGRAPH, skipped"; exit 0; }
for input in folded-300k.txt folded-23k.txt; do
  [ -s "$CORPORA/$input" ] || { echo "svg: no $CORPORA/$input, skipped"; continue; }
  ref_s= ours_s=
  fastest ref perl "$FLAMEGRAPH" "$CORPORA/$input"
  for ((i = 0; i < ${SVG_BENCH_RUNS:-5}; i++)); do fastest ours "$FLAMEKIT_BIN/flame-svg" "$CORPORA/$input"; done
  perl "$FLAMEGRAPH" "$CORPORA/$input" > "$BENCH_TMP/ref.svg"
  "$FLAMEKIT_BIN/flame-svg" "$CORPORA/$input" > "$BENCH_TMP/ours.svg"
  SAME_CHECK=none compare "svg $input" "$BENCH_TMP/ref.svg" "$ref_s" "$ref_mb" "$BENCH_TMP/ours.svg" "$ours_s" "$ours_mb"
  frames=$(grep -c '^<title>' "$BENCH_TMP/ref.svg" || true)
  if python3 "$TOP/tests/conformance/svg_compare.py" "$BENCH_TMP/ref.svg" "$BENCH_TMP/ours.svg" > "$BENCH_TMP/diff"; then
    echo "    same frames as flamegraph.pl ($frames frames, svg_compare.py)"
  else
    echo "    DIFFERENT from flamegraph.pl:"; head -n 5 "$BENCH_TMP/diff" | sed 's/^/    /'
  fi
done
rm -f "$BENCH_TMP/ref.svg" "$BENCH_TMP/ours.svg" "$BENCH_TMP/diff"
