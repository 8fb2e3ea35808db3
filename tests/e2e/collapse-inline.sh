#!/usr/bin/env bash
# collapse-inline: --inline/--context on a real -O2 -g C++ binary with inlined functions, sampled with perf
# now. For every address perf saw in the binary, flame-collapse's inline chain must have the frames and
# file:line positions that `addr2line -i -f -s -C` prints for it (outermost function name included), and
# at least one address must expand to two or more frames. GNU addr2line 2.40 prints the caller's name for
# some inlined callees, so inlined names are compared with llvm-addr2line where it is installed.
source "$(dirname "$0")/common.sh"
command -v perf > /dev/null || skip "no perf"
command -v addr2line > /dev/null || skip "no addr2line"
command -v c++ > /dev/null || skip "no C++ compiler"
cat > "$T/inl.cc" <<'CC'
#include <vector>
static volatile double sink;
namespace calc {
template <typename T> inline T square(T x) { return x * x; }
static inline double accumulate(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += square(x) * 0.5;
  return s;
}
}  // namespace calc
__attribute__((noinline)) double work(int n) {
  std::vector<double> v(1000);
  for (int i = 0; i < 1000; i++) v[i] = i + n;
  double t = 0;
  for (int r = 0; r < 3000; r++) t += calc::accumulate(v);
  return t;
}
int main() { for (int k = 0; k < 60; k++) sink = work(k); return 0; }
CC
c++ -O2 -g -fno-omit-frame-pointer -o "$T/inl" "$T/inl.cc"
perf record -q -e cpu-clock -g -o "$T/perf.data" "$T/inl" > /dev/null 2>&1 || skip "perf cannot record here"
perf script -i "$T/perf.data" > "$T/perf.txt" 2> /dev/null
bin=$T/inl
awk -v bin="($bin)" '$NF == bin { print $1 }' "$T/perf.txt" | sort -u > "$T/pcs"
[ -s "$T/pcs" ] || skip "no samples in the binary"

expanded=0 checked=0
while read -r pc; do
  # One sample with this one frame: flame-collapse prints "x;CHAIN 1".
  printf 'x 1 [000] 1.0: 1 cpu-clock:\n\t%s work+0x0 (%s)\n\n' "$pc" "$bin" > "$T/one.txt"
  ours=$(flame-collapse --inline --context "$T/one.txt" | sed -E 's/^x;//; s/ 1$//')
  # addr2line: pairs of lines, innermost first; the script joins them outermost first as func:file:line.
  ref=$(addr2line -a "0x$pc" -e "$bin" -i -f -s -C | tail -n +2 | sed -E 's/ \(discriminator [0-9]+\)//' |
        paste - - | tac | awk -F'\t' '{ printf "%s%s:%s", (NR > 1 ? ";" : ""), $1, $2 }')
  n_ours=$(tr ';' '\n' <<<"$ours" | wc -l); n_ref=$(tr ';' '\n' <<<"$ref" | wc -l)
  if [ "$n_ours" -ne "$n_ref" ]; then echo "pc $pc: ours [$ours] addr2line [$ref]" >&2; exit 1; fi
  # file:line of every frame, and the outermost function.
  diff <(tr ';' '\n' <<<"$ours" | grep -oE '[^:]+:[0-9?]+$') <(tr ';' '\n' <<<"$ref" | grep -oE '[^:]+:[0-9?]+$') ||
    { echo "pc $pc: positions differ: ours [$ours] addr2line [$ref]" >&2; exit 1; }
  [ "${ours%%:*}" = "${ref%%:*}" ] || { echo "pc $pc: outer function [$ours] vs [$ref]" >&2; exit 1; }
  if command -v llvm-addr2line > /dev/null; then  # names; llvm-addr2line leaves some names mangled: skip those
    llvm-addr2line -a "0x$pc" -e "$bin" -i -f -s -C | tail -n +2 | paste - - | tac | cut -f1 > "$T/llvm"
    flame-collapse --inline "$T/one.txt" | sed -E 's/^x;//; s/ 1$//' | tr ';' '\n' > "$T/names"
    paste -d '\t' "$T/names" "$T/llvm" | awk -F'\t' -v pc="$pc" \
      '$2 !~ /^_Z/ && $1 != $2 { print "pc " pc ": name [" $1 "] llvm-addr2line [" $2 "]"; bad = 1 } END { exit bad }' >&2
  fi
  [ "$n_ours" -ge 2 ] && expanded=$((expanded + 1))
  checked=$((checked + 1))
done < "$T/pcs"
echo "checked $checked addresses, $expanded with inlined frames"
[ "$expanded" -ge 1 ]

# The whole capture: the hot chain goes through work(int) into calc::accumulate.
flame-collapse --inline "$T/perf.txt" > "$T/out"
grep -qE '^inl;.*main;work\(int\);[^ ]*accumulate' "$T/out"
# Without --inline the same capture has no expanded frames.
flame-collapse "$T/perf.txt" | not grep -q accumulate
