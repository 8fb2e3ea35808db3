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
# fastest PREFIX OUTFILE CMD...: one more run of CMD (measure's RSS, but the wall time to the millisecond:
# GNU time's %e has 10 ms steps, a tenth of flame-diff's run); keeps the smallest in PREFIX_s, PREFIX_mb.
fastest() {
  local prefix=$1 out=$2; shift 2
  local t0 t1
  t0=$(date +%s%N)
  measure "$out" "$@"
  t1=$(date +%s%N)
  SECS=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  local best_var=${prefix}_s
  if [ -z "${!best_var:-}" ] || awk -v a="$SECS" -v b="${!best_var}" 'BEGIN { exit !(a < b) }'; then
    printf -v "${prefix}_s" '%s' "$SECS"
    printf -v "${prefix}_mb" '%s' "$RSS_MB"
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
