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

# Memory of the streaming path on big inputs: 8 copies of each sorted profile (8 sorted runs per file,
# 1.4 GB together) are read with their pages handed back (above 512 MB), so peak RSS must not follow the
# input size. The counts must come out 8 times those of the single pair.
LC_ALL=C sort "$base" > "$BENCH_TMP/base.sorted"
for _ in 1 2 3 4 5 6 7 8; do cat "$BENCH_TMP/variant.folded"; done > "$BENCH_TMP/big.after"
for _ in 1 2 3 4 5 6 7 8; do cat "$BENCH_TMP/base.sorted"; done > "$BENCH_TMP/big.before"
measure "$BENCH_TMP/big" "$FLAMEKIT_BIN/flame-diff" "$BENCH_TMP/big.before" "$BENCH_TMP/big.after"
big_s=$SECS big_mb=$RSS_MB
measure "$BENCH_TMP/one" "$FLAMEKIT_BIN/flame-diff" "$BENCH_TMP/base.sorted" "$BENCH_TMP/variant.folded"
same=DIFFERENT
cmp -s <(awk '{ $(NF-1) /= 8; $NF /= 8; print }' "$BENCH_TMP/big") "$BENCH_TMP/one" && same="x8 counts"
printf '%-44s %7.1fMB (180 MB input, kept mapped) vs %7.1fMB (1.4 GB input, %.2fs) | output %s\n' \
  "diff peak RSS, x1 vs x8" "$RSS_MB" "$big_mb" "$big_s" "$same"
rm -f "$BENCH_TMP"/ref "$BENCH_TMP"/ours "$BENCH_TMP"/variant.* "$BENCH_TMP"/big* "$BENCH_TMP"/one "$BENCH_TMP"/base.sorted
