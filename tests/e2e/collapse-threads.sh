#!/usr/bin/env bash
# collapse-threads: --threads N gives byte-identical output to one thread, on a multi-megabyte input made
# of the FlameGraph vectors (several events, Java, kernel frames), with every option that changes frames;
# on a gzip copy too, which is inflated on a second thread while the first parses (issue 13, item 3).
source "$(dirname "$0")/common.sh"
dir=$SHARED/conformance/flamegraph-perl
[ -d "$dir" ] || skip "no conformance vectors"
for i in 1 2 3 4 5 6; do
  for f in "$dir"/perf-*.txt; do cat "$f"; echo; done
done > "$T/big.txt"
[ "$(stat -c %s "$T/big.txt")" -gt 4000000 ]
gzip -1 -c "$T/big.txt" > "$T/big.txt.gz"
for opts in "" "--tid --all" "--addrs --no-comm" "--event-filter instructions"; do
  # shellcheck disable=SC2086
  flame-collapse $opts "$T/big.txt" > "$T/one" 2> "$T/one.err" || true
  for input in big.txt big.txt.gz; do
    sed "s|$T/big.txt:|$T/$input:|" "$T/one.err" > "$T/want.err"
    for n in 2 3 8; do
      # shellcheck disable=SC2086
      flame-collapse --threads "$n" $opts "$T/$input" > "$T/many" 2> "$T/many.err" || true
      cmp "$T/one" "$T/many"
      cmp "$T/want.err" "$T/many.err"
    done
  done
done
[ -s "$T/one" ]

# The second thread exists: count the tasks of a run on a larger gzip input while it runs.
for i in $(seq 25); do cat "$T/big.txt"; done | gzip -1 > "$T/bigger.txt.gz"
max_tasks() {
  "$@" > /dev/null 2>&1 &
  local pid=$! most=0 tasks
  while [ -d "/proc/$pid/task" ]; do
    tasks=(/proc/"$pid"/task/*)
    [ "${#tasks[@]}" -gt "$most" ] && most=${#tasks[@]}
  done
  wait "$pid" || true
  echo "$most"
}
[ "$(max_tasks flame-collapse --threads 2 "$T/bigger.txt.gz")" -ge 2 ]
[ "$(max_tasks flame-collapse "$T/bigger.txt.gz")" -le 1 ]

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
