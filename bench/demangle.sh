#!/usr/bin/env bash
# bench/demangle.sh: flame-demangle vs `c++filt -n`, side by side on the same input, outputs compared byte
# for byte: mangled-300k.txt (about 300k folded stacks of real mangled C++ frames, ~140 MB) and the raw
# `perf script --no-demangle` text it came from (any-text mode). Each row runs both tools
# DEMANGLE_BENCH_RUNS times (default 3), alternating, keeping each one's fastest run (output to /dev/null:
# see fastest in common.sh); one more untimed run of each writes the outputs that are compared.
source "$(dirname "$0")/common.sh"
command -v c++filt > /dev/null || { echo "demangle: no c++filt, skipped"; exit 0; }
for input in mangled-300k.txt compile-mangled.perf.txt; do
  [ -s "$CORPORA/$input" ] || { echo "demangle: no $CORPORA/$input, skipped"; continue; }
  ref_s= ours_s=
  for ((i = 0; i < ${DEMANGLE_BENCH_RUNS:-3}; i++)); do
    FASTEST_IN=$CORPORA/$input fastest ref c++filt -n
    fastest ours "$FLAMEKIT_BIN/flame-demangle" "$CORPORA/$input"
  done
  c++filt -n < "$CORPORA/$input" > "$BENCH_TMP/ref"
  "$FLAMEKIT_BIN/flame-demangle" "$CORPORA/$input" > "$BENCH_TMP/ours"
  compare "demangle $input" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$ours_s" "$ours_mb"
done
rm -f "$BENCH_TMP/ref" "$BENCH_TMP/ours"
