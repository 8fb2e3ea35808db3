#!/usr/bin/env bash
# bench/diff.sh: flame-diff vs FlameGraph's difffolded.pl on two ~300k-stack profiles: folded-300k.txt and
# a variant derived from it here (every 7th count tripled, every 11th stack given an extra frame, every 13th
# stack dropped), written sorted as a collapser writes it. Outputs are compared sorted (difffolded.pl prints
# in hash order). A last row feeds an unsorted variant, which takes flame-diff's hash path.
source "$(dirname "$0")/common.sh"
base=$CORPORA/folded-300k.txt
[ -s "$base" ] || { echo "diff: no $base, skipped"; exit 0; }
awk 'NR % 13 == 0 { next }
     NR % 7 == 0 { n = $NF; sub(/[0-9]+$/, n * 3) }
     NR % 11 == 0 { sub(/;/, ";variant;") }
     { print }' "$base" > "$BENCH_TMP/variant.unsorted"
LC_ALL=C sort "$BENCH_TMP/variant.unsorted" > "$BENCH_TMP/variant.folded"
export SORTED=1
for row in "default|variant.folded|" "-n|variant.folded|-n" "unsorted after|variant.unsorted|"; do
  IFS='|' read -r name after opts <<< "$row"
  measure "$BENCH_TMP/ref" perl "$FLAMEGRAPH_DIR/difffolded.pl" $opts "$base" "$BENCH_TMP/$after"
  ref_s=$SECS ref_mb=$RSS_MB
  measure "$BENCH_TMP/ours" "$FLAMEKIT_BIN/flame-diff" $opts "$base" "$BENCH_TMP/$after"
  compare "diff 300k ($name)" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$SECS" "$RSS_MB"
done
rm -f "$BENCH_TMP"/ref "$BENCH_TMP"/ours "$BENCH_TMP"/variant.*
