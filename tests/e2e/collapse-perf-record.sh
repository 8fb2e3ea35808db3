#!/usr/bin/env bash
# collapse-perf-record: a real `perf record -e cpu-clock -g` capture of a small C program built with frame
# pointers, made now; flame-collapse must find its known call chain main -> middle -> leaf with most of the
# samples, give the same output for a file, standard input and a .gz copy, and (where FlameGraph is checked
# out) the same output as stackcollapse-perf.pl.
source "$(dirname "$0")/common.sh"
command -v perf > /dev/null || skip "no perf"
command -v cc > /dev/null || skip "no C compiler"
cat > "$T/work.c" <<'C'
static volatile double sink;
__attribute__((noinline)) void leaf(int n) { double s = 0; for (int i = 0; i < n; i++) s += i * 0.5; sink = s; }
__attribute__((noinline)) void middle(int n) { leaf(n); sink += 1; }
int main(void) { for (int k = 0; k < 150; k++) middle(1000000); return 0; }
C
# -O0: every function sets up its frame (at -O1 GCC leaves it out of leaf(), and the unwinder skips middle).
cc -O0 -g -fno-omit-frame-pointer -o "$T/work" "$T/work.c"
perf record -q -e cpu-clock -F 2000 -g -o "$T/perf.data" "$T/work" > /dev/null 2>&1 || skip "perf cannot record here"
perf script -i "$T/perf.data" > "$T/perf.txt" 2> /dev/null
[ -s "$T/perf.txt" ] || skip "perf script printed nothing"

flame-collapse "$T/perf.txt" > "$T/out"
samples=$(grep -c ' cpu-clock:' "$T/perf.txt")
total=$(awk '{ s += $NF } END { print s + 0 }' "$T/out")
chain=$(awk '/^work;.*main;middle;leaf /{ s += $NF } END { print s + 0 }' "$T/out")
echo "$samples samples, weight $total, of which main;middle;leaf: $chain"
[ "$samples" -ge 50 ]
[ "$((chain * 100 / total))" -ge 50 ]   # the program spends nearly all its time in leaf
# Counts are samples (cpu-clock events carry a period: the Perl script weights by it, so do we).
grep -q '^work;' "$T/out"

flame-collapse < "$T/perf.txt" > "$T/out.stdin"
cmp "$T/out" "$T/out.stdin"
gzip -c "$T/perf.txt" > "$T/perf.txt.gz"
flame-collapse "$T/perf.txt.gz" > "$T/out.gz"
cmp "$T/out" "$T/out.gz"
flame-collapse -o "$T/written.folded" "$T/perf.txt"
cmp "$T/out" "$T/written.folded"

perl_script=${FLAMEGRAPH_DIR:-$TOP/../FlameGraph}/stackcollapse-perf.pl
if [ -f "$perl_script" ] && command -v perl > /dev/null; then
  perl "$perl_script" "$T/perf.txt" > "$T/out.pl" 2> /dev/null
  cmp "$T/out" "$T/out.pl"
  perl "$perl_script" --tid --all "$T/perf.txt" > "$T/out.pl" 2> /dev/null
  flame-collapse --tid --all "$T/perf.txt" | cmp - "$T/out.pl"
fi
