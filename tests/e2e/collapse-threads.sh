#!/usr/bin/env bash
# collapse-threads: --threads N gives byte-identical output to one thread, on a multi-megabyte input made
# of the FlameGraph vectors (several events, Java, kernel frames), with every option that changes frames.
source "$(dirname "$0")/common.sh"
dir=$SHARED/conformance/flamegraph-perl
[ -d "$dir" ] || skip "no conformance vectors"
for i in 1 2 3 4 5 6; do
  for f in "$dir"/perf-*.txt; do cat "$f"; echo; done
done > "$T/big.txt"
[ "$(stat -c %s "$T/big.txt")" -gt 4000000 ]
for opts in "" "--tid --all" "--addrs --no-comm" "--event-filter instructions"; do
  # shellcheck disable=SC2086
  flame-collapse $opts "$T/big.txt" > "$T/one" 2> "$T/one.err" || true
  for n in 2 3 8; do
    # shellcheck disable=SC2086
    flame-collapse --threads "$n" $opts "$T/big.txt" > "$T/many" 2> "$T/many.err" || true
    cmp "$T/one" "$T/many"
    cmp "$T/one.err" "$T/many.err"
  done
done
[ -s "$T/one" ]

# Many distinct stacks (more than 4096), so that with threads the sort and the formatting of the output are
# split between two threads too: still the same bytes, every stack once.
awk 'BEGIN {
  for (i = 0; i < 30000; i++) {
    printf "app %d/%d [000] %d.%06d: %d cycles:\n", 100 + i % 3, 100 + i % 7, i, i, 1 + i % 5
    n = 2 + i % 4
    for (d = 0; d < n; d++) printf "\t%x f%d_%d (/usr/bin/app)\n", 4096 + (i * 7 + d) % 9973, d, int(i / (d + 1)) % 4000
    printf "\n"
  }
}' > "$T/many-stacks.txt"
flame-collapse --tid "$T/many-stacks.txt" > "$T/one"
[ "$(wc -l < "$T/one")" -gt 8192 ]
flame-collapse --threads 2 --tid "$T/many-stacks.txt" > "$T/many"
cmp "$T/one" "$T/many"
LC_ALL=C sort -c "$T/one"
