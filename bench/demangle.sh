#!/usr/bin/env bash
# bench/demangle.sh: flame-demangle vs `c++filt -n`, side by side on the same input, outputs compared byte
# for byte: mangled-300k.txt (about 300k folded stacks of real mangled C++ frames, ~140 MB) and the raw
# `perf script --no-demangle` text it came from (any-text mode).
source "$(dirname "$0")/common.sh"
command -v c++filt > /dev/null || { echo "demangle: no c++filt, skipped"; exit 0; }
for input in mangled-300k.txt compile-mangled.perf.txt; do
  [ -s "$CORPORA/$input" ] || { echo "demangle: no $CORPORA/$input, skipped"; continue; }
  measure "$BENCH_TMP/ref" c++filt -n < "$CORPORA/$input"
  ref_s=$SECS ref_mb=$RSS_MB
  measure "$BENCH_TMP/ours" "$FLAMEKIT_BIN/flame-demangle" "$CORPORA/$input"
  compare "demangle $input" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$SECS" "$RSS_MB"
done
rm -f "$BENCH_TMP/ref" "$BENCH_TMP/ours"
