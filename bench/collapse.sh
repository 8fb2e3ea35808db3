#!/usr/bin/env bash
# bench/collapse.sh: flame-collapse vs FlameGraph's stackcollapse-perf.pl, side by side on the same
# `perf script` corpus (compile.perf.txt, g++ compiling C++: ~46 MB), single-threaded, then with --threads 2;
# and flame-collapse's peak RSS on compile.perf.txt vs compile-x10.perf.txt (the same samples ten times):
# memory must follow the unique stacks, not the input size.
#
# Outputs: byte for byte. The one expected difference is our deliberate C++ fix (symbol_tidy.h): a name
# with '(' inside template arguments keeps them where the script cuts at the first '('. So a DIFFERENT
# row is followed by a check that the outputs agree once our frames are cut the script's way.
source "$(dirname "$0")/common.sh"
input=$CORPORA/compile.perf.txt
big=$CORPORA/compile-x10.perf.txt

# Our folded output with every frame cut at its first '(' (not "(anonymous namespace)", not a Go method)
# and equal stacks merged, sorted: what the script prints.
script_cut() {
  perl -ne 'chomp; my ($stack, $n) = /^(.*) (\S+)$/ or next;
    my @f = map { my $x = $_; $x =~ s/\((?!anonymous namespace\)).*// unless $x =~ /\.\(.*\)\./; $x } split /;/, $stack, -1;
    $sum{join ";", @f} += $n; END { print "$_ $sum{$_}\n" for sort keys %sum }' "$1"
}

measure "$BENCH_TMP/ref" perl "$FLAMEGRAPH_DIR/stackcollapse-perf.pl" "$input"
ref_s=$SECS ref_mb=$RSS_MB
measure "$BENCH_TMP/ours" "$FLAMEKIT_BIN/flame-collapse" "$input"
compare "collapse compile.perf.txt" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours" "$SECS" "$RSS_MB"
one_mb=$RSS_MB
measure "$BENCH_TMP/ours2" "$FLAMEKIT_BIN/flame-collapse" --threads 2 "$input"
compare "collapse compile.perf.txt --threads 2" "$BENCH_TMP/ref" "$ref_s" "$ref_mb" "$BENCH_TMP/ours2" "$SECS" "$RSS_MB"
cmp -s "$BENCH_TMP/ours" "$BENCH_TMP/ours2" && echo "    --threads 2 output identical to one thread" ||
  echo "    --threads 2 output DIFFERS from one thread"
if ! cmp -s "$BENCH_TMP/ref" "$BENCH_TMP/ours"; then
  n=$(diff "$BENCH_TMP/ref" "$BENCH_TMP/ours" | grep -c '^>' || true)
  if cmp -s "$BENCH_TMP/ref" <(script_cut "$BENCH_TMP/ours"); then
    echo "    $n stacks differ, all by the C++ template fix: identical once cut at the first '(' as the script does"
  else
    echo "    outputs differ beyond the C++ template fix:"; diff "$BENCH_TMP/ref" <(script_cut "$BENCH_TMP/ours") | head -n 4
  fi
fi

measure "$BENCH_TMP/big" "$FLAMEKIT_BIN/flame-collapse" "$big"
big_s=$SECS big_mb=$RSS_MB
same=DIFFERENT
cmp -s <(awk '{ $NF = $NF / 10; print }' "$BENCH_TMP/big") <(awk '{ print }' "$BENCH_TMP/ours") && same="x10 counts"
printf '%-44s %7.1fMB (46 MB input) vs %7.1fMB (458 MB input, %.2fs): rss ratio %s | output %s\n' \
  "collapse peak RSS, x1 vs x10" "$one_mb" "$big_mb" "$big_s" "$(ratio "$big_mb" "$one_mb")" "$same"
