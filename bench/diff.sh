#!/usr/bin/env bash
# bench/diff.sh: flame-diff vs FlameGraph's difffolded.pl on two ~300k-stack profiles: folded-300k.txt and
# a variant derived from it here (every 7th count tripled, every 11th stack given an extra frame, every 13th
# stack dropped), written sorted as a collapser writes it. Outputs are compared sorted (difffolded.pl prints
# in hash order). A last row feeds an unsorted variant (every 11th line out of place), which takes
# flame-diff's exception runs.
# The machine may be shared: each row runs both tools DIFF_BENCH_RUNS times (default 3), alternating, and
# keeps each tool's fastest run.
source "$(dirname "$0")/common.sh"
base=$CORPORA/folded-300k.txt
[ -s "$base" ] || { echo "diff: no $base, skipped"; exit 0; }
runs=${DIFF_BENCH_RUNS:-3}
awk 'NR % 13 == 0 { next }
     NR % 7 == 0 { n = $NF; sub(/[0-9]+$/, n * 3) }
     NR % 11 == 0 { sub(/;/, ";variant;") }
     { print }' "$base" > "$BENCH_TMP/variant.unsorted"
LC_ALL=C sort "$BENCH_TMP/variant.unsorted" > "$BENCH_TMP/variant.folded"
export SORTED=1
# fastest PREFIX OUTFILE CMD...: one more run of CMD > OUTFILE; keeps the smallest wall time in PREFIX_s
# (with that run's peak RSS in PREFIX_mb). The wall time is bash's $EPOCHREALTIME around GNU time (whose
# %e has 10 ms steps, a tenth of a flame-diff run), with no other process started inside the interval.
fastest() {
  local prefix=$1 out=$2; shift 2
  local t0 t1 kb secs
  rm -f "$out"  # truncating the last run's 100 MB would be timed too
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$BENCH_TMP/time" "$@" > "$out"
  t1=$EPOCHREALTIME
  read -r kb < "$BENCH_TMP/time"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  local best_var=${prefix}_s
  if [ -z "${!best_var:-}" ] || awk -v a="$secs" -v b="${!best_var}" 'BEGIN { exit !(a < b) }'; then
    printf -v "${prefix}_s" '%s' "$secs"
    printf -v "${prefix}_mb" '%s' "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
  fi
}
for row in "default|variant.folded|" "-n|variant.folded|-n" "unsorted after|variant.unsorted|"; do
  IFS='|' read -r name after opts <<< "$row"
  ref_s= ours_s=
  for ((i = 0; i < runs; i++)); do
    fastest ref "$BENCH_TMP/ref" perl "$FLAMEGRAPH_DIR/difffolded.pl" $opts "$base" "$BENCH_TMP/$after"
    fastest ours "$BENCH_TMP/ours" "$FLAMEKIT_BIN/flame-diff" $opts "$base" "$BENCH_TMP/$after"
  done
  compare "diff 300k ($name)" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$ours_s" "$ours_mb"
done
rm -f "$BENCH_TMP"/ref "$BENCH_TMP"/ours "$BENCH_TMP"/variant.*
