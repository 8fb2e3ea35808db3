#!/usr/bin/env bash
# collapse-perf-record: a real `perf record -e cpu-clock -g` capture of a small C program built with frame
# pointers, made now; flame-collapse must find its known call chain main -> middle -> leaf with most of the
# samples, give the same output for a file, standard input and a .gz copy, and (where FlameGraph is checked
# out) the same output as stackcollapse-perf.pl. Then a recording without -g (issue 13, item 5).
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
have_perl() { [ -f "$perl_script" ] && command -v perl > /dev/null; }
if have_perl; then
  perl "$perl_script" "$T/perf.txt" > "$T/out.pl" 2> /dev/null
  cmp "$T/out" "$T/out.pl"
  perl "$perl_script" --tid --all "$T/perf.txt" > "$T/out.pl" 2> /dev/null
  flame-collapse --tid --all "$T/perf.txt" | cmp - "$T/out.pl"
fi

# Without -g, perf script prints each sample on one line (comm padded, the frame after the event name) and no
# blank lines. stackcollapse-perf.pl prints nothing for such a recording, so neither do we, but we say why,
# with the count, and exit 1: an empty profile with status 0 looked like a success.
perf record -q -e cpu-clock -F 2000 -o "$T/nog.data" "$T/work" > /dev/null 2>&1
perf script -i "$T/nog.data" > "$T/nog.txt" 2> /dev/null
n=$(grep -c ' cpu-clock:' "$T/nog.txt")
echo "without -g: $n samples"
[ "$n" -ge 50 ]
[ "$n" -eq "$(wc -l < "$T/nog.txt")" ]
nochain="samples without a call chain \\(recorded without -g\\?\\), not counted, as stackcollapse-perf.pl does not count them: record with 'perf record -g'"  # a regex
for threads in 1 2; do
  expect_fail 1 "^flame-collapse: warning: $T/nog.txt:1: $n $nochain\$" flame-collapse -v --threads "$threads" "$T/nog.txt"
  [ ! -s "$T/expect_fail.out" ]
  grep -q "^flame-collapse: 0 samples counted, 0 frames; $n samples without a call chain, not counted$" "$T/expect_fail.err"
  [ "$(wc -l < "$T/expect_fail.err")" -eq 2 ]
done
expect_fail 1 "^flame-collapse: warning: <stdin>:1: $n $nochain\$" flame-collapse - < "$T/nog.txt"
gzip -c "$T/nog.txt" > "$T/nog.txt.gz"
expect_fail 1 "^flame-collapse: warning: $T/nog.txt.gz:1: $n $nochain\$" flame-collapse --threads 2 "$T/nog.txt.gz"
expect_fail 1 "^flame-collapse: $T/nog.txt:1: sample without a call chain \(recorded without -g\?\): record with 'perf record -g'$" \
  flame-collapse --strict "$T/nog.txt"
# The same samples with perf script -F and no ip: one header per sample, nothing else.
perf script -i "$T/nog.data" -F comm,tid,time,period,event > "$T/nog-f.txt" 2> /dev/null
expect_fail 1 "^flame-collapse: warning: $T/nog-f.txt:1: $n $nochain\$" flame-collapse "$T/nog-f.txt"
[ ! -s "$T/expect_fail.out" ]
not grep -q "ends inside a sample" "$T/expect_fail.err"
if have_perl; then
  not flame-collapse "$T/nog.txt" > "$T/out" 2> /dev/null
  perl "$perl_script" "$T/nog.txt" 2> /dev/null | cmp - "$T/out"
fi
