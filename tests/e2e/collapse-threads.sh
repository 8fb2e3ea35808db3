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
