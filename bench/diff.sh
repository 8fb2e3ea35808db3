#!/usr/bin/env bash
# bench/diff.sh: flame-diff vs FlameGraph's difffolded.pl on two ~300k-stack profiles: folded-300k.txt and
# a variant derived from it here (every 7th count tripled, every 11th stack given an extra frame, every 13th
# stack dropped), written sorted as a collapser writes it. Outputs are compared sorted (difffolded.pl prints
# in hash order). A last row feeds an unsorted variant (every 11th line out of place), which takes
# flame-diff's exception runs.
# The machine may be shared: each row runs both tools DIFF_BENCH_RUNS times (default 3), alternating, and
# keeps each tool's fastest run (output to /dev/null: see fastest in common.sh). One more untimed run of
# each writes the outputs that are compared.
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
