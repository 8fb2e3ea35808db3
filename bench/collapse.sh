#!/usr/bin/env bash
# bench/collapse.sh: flame-collapse vs FlameGraph's stackcollapse-perf.pl, side by side on the same
# `perf script` corpora: compile.perf.txt (g++ compiling C++, DWARF stacks: ~46 MB) and fp.perf.txt (an
# interpreter-like recursive workload, frame-pointer stacks: ~67 MB); one thread, then --threads 2. Then
# flame-collapse's peak RSS on compile.perf.txt vs compile-x10.perf.txt (the same samples ten times): memory
# must follow the unique stacks, not the input size.
#
# Outputs are compared byte for byte. The one expected difference is our deliberate C++ fix (symbol_tidy.h):
# a name with '(' inside template arguments or lambdas keeps them where the script cuts at the first '('.
# When the outputs differ, the row says how many stacks differ and checks that they agree once our frames
# are cut the script's way; anything else is reported as a real difference.
source "$(dirname "$0")/common.sh"
big=$CORPORA/compile-x10.perf.txt

# Our folded output with every frame cut at its first '(' (not "(anonymous namespace)", not a Go method)
# and equal stacks merged, sorted: what the script prints.
script_cut() {
  perl -ne 'chomp; my ($stack, $n) = /^(.*) (\S+)$/ or next;
    my @f = map { my $x = $_; $x =~ s/\((?!anonymous namespace\)).*// unless $x =~ /\.\(.*\)\./; $x } split /;/, $stack, -1;
    $sum{join ";", @f} += $n; END { print "$_ $sum{$_}\n" for sort keys %sum }' "$1"
}

# verdict REF OURS: "identical", or how the outputs differ.
verdict() {
  if cmp -s "$1" "$2"; then echo identical; return; fi
  local n total
  n=$(diff "$1" "$2" | grep -c '^>' || true)
  total=$(wc -l < "$2")
  if cmp -s "$1" <(script_cut "$2"); then
    echo "identical except $n of $total stacks changed by the documented C++ name fix"
  else
    echo "DIFFERENT beyond the C++ name fix"
  fi
}

# best OUT RUNS CMD...: runs CMD > /dev/null RUNS times (as a pipe into flame-svg would take the output; see
# fastest in common.sh), then once more > OUT for the comparison; sets SECS and CPU to the lowest wall and
# user+sys times (milliseconds resolution: runs of ~50 ms need more than GNU time's 10 ms) and RSS_MB to the
# peak RSS.
best() {
  local out=$1 runs=$2 i real cpu kb
  shift 2
  SECS=999 CPU=999 RSS_MB=0
  "$@" > "$out"
  for ((i = 0; i < runs; i++)); do
    { TIMEFORMAT='%3R %3U %3S'; time /usr/bin/time -f '%M' -o "$BENCH_TMP/rss" "$@" > /dev/null; } 2> "$BENCH_TMP/times"
    read -r real user sys < <(tail -n 1 "$BENCH_TMP/times")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
    kb=$(tail -n 1 "$BENCH_TMP/rss")
    SECS=$(awk -v a="$SECS" -v b="$real" 'BEGIN { print (b < a ? b : a) }')
    CPU=$(awk -v a="$CPU" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
    RSS_MB=$(awk -v a="$RSS_MB" -v k="$kb" 'BEGIN { m = k / 1024; printf "%.1f", (m > a ? m : a) }')
  done
}

row() {  # row NAME REF_SECS REF_CPU REF_MB OUR_SECS OUR_CPU OUR_MB VERDICT
  printf '%-40s ref %6.3fs (cpu %6.3fs) %5.1fMB | ours %6.3fs (cpu %6.3fs) %5.1fMB | speed x%-5s (cpu x%-5s) rss x%-4s | output %s\n' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$(ratio "$2" "$5")" "$(ratio "$3" "$6")" "$(ratio "$4" "$7")" "$8"
}

echo "(best of ${RUNS:-7} runs for flame-collapse, ${REF_RUNS:-3} for the script; speed = ref time / our time)"
for corpus in compile fp; do
  input=$CORPORA/$corpus.perf.txt
  best "$BENCH_TMP/ref" "${REF_RUNS:-3}" perl "$FLAMEGRAPH_DIR/stackcollapse-perf.pl" "$input"
  ref_s=$SECS ref_cpu=$CPU ref_mb=$RSS_MB
  best "$BENCH_TMP/ours" "${RUNS:-7}" "$FLAMEKIT_BIN/flame-collapse" "$input"
  outcome=$(verdict "$BENCH_TMP/ref" "$BENCH_TMP/ours")
  row "collapse $corpus.perf.txt" "$ref_s" "$ref_cpu" "$ref_mb" "$SECS" "$CPU" "$RSS_MB" "$outcome"
  case $outcome in DIFFERENT*) diff "$BENCH_TMP/ref" <(script_cut "$BENCH_TMP/ours") | head -n 4 ;; esac
  if [ "$corpus" = compile ]; then
    one_mb=$RSS_MB
    cp "$BENCH_TMP/ours" "$BENCH_TMP/ours_compile"
  fi
  best "$BENCH_TMP/ours2" "${RUNS:-7}" "$FLAMEKIT_BIN/flame-collapse" --threads 2 "$input"
  same="identical to one thread"
  cmp -s "$BENCH_TMP/ours" "$BENCH_TMP/ours2" || same="DIFFERENT from one thread"
  row "collapse $corpus.perf.txt --threads 2" "$ref_s" "$ref_cpu" "$ref_mb" "$SECS" "$CPU" "$RSS_MB" "$same"
done

best "$BENCH_TMP/big" 1 "$FLAMEKIT_BIN/flame-collapse" "$big"
big_s=$SECS big_mb=$RSS_MB
same=DIFFERENT
cmp -s <(awk '{ $NF = $NF / 10; print }' "$BENCH_TMP/big") <(awk '{ print }' "$BENCH_TMP/ours_compile") && same="x10 counts"
printf '%-40s %7.1fMB (46 MB input) vs %7.1fMB (458 MB input, %.2fs): rss ratio %s | output %s\n' \
  "collapse peak RSS, x1 vs x10" "$one_mb" "$big_mb" "$big_s" "$(ratio "$big_mb" "$one_mb")" "$same"
