#!/usr/bin/env bash
# bench/diff.sh: flame-diff vs FlameGraph's difffolded.pl on two ~300k-stack profiles: folded-300k.txt and
# a variant derived from it here (every 7th count tripled, every 11th stack given an extra frame, every 13th
# stack dropped), written sorted as a collapser writes it. Outputs are compared sorted (difffolded.pl prints
# in hash order). A last row feeds an unsorted variant (every 11th line out of place), which takes
# flame-diff's exception runs.
# The machine may be shared: each row runs both tools DIFF_BENCH_RUNS times (default 3), alternating, and
# keeps each tool's fastest run. Timed runs write to /dev/null, as a pipe into flame-svg would take it:
# writing the 100 MB output to this VM's disk costs 40 to 280 ms depending on the writeback backlog the
# previous runs left, which would time the disk rather than either tool. One more untimed run of each
# writes the outputs that are compared.
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
# fastest PREFIX CMD...: one more run of CMD > /dev/null; keeps the smallest wall time in PREFIX_s (with
# that run's peak RSS in PREFIX_mb). The wall time is bash's $EPOCHREALTIME around GNU time (whose %e has
# 10 ms steps, a sixth of a flame-diff run), with no other process started inside the interval.
fastest() {
  local prefix=$1; shift
  local t0 t1 kb secs
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$BENCH_TMP/time" "$@" > /dev/null
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
    fastest ref perl "$FLAMEGRAPH_DIR/difffolded.pl" $opts "$base" "$BENCH_TMP/$after"
    fastest ours "$FLAMEKIT_BIN/flame-diff" $opts "$base" "$BENCH_TMP/$after"
  done
  perl "$FLAMEGRAPH_DIR/difffolded.pl" $opts "$base" "$BENCH_TMP/$after" > "$BENCH_TMP/ref"
  "$FLAMEKIT_BIN/flame-diff" $opts "$base" "$BENCH_TMP/$after" > "$BENCH_TMP/ours"
  compare "diff 300k ($name)" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$ours_s" "$ours_mb"
done
rm -f "$BENCH_TMP"/ref "$BENCH_TMP"/ours "$BENCH_TMP"/variant.*
