#!/usr/bin/env bash
# A real capture made now: a small C++ program with templates, lambdas and std containers, built with frame
# pointers, recorded with `perf record -e cpu-clock -g`, printed with `perf script --no-demangle`, folded
# here with awk. flame-demangle must print what `c++filt -n` prints, byte for byte, on the folded stacks
# and on the raw perf script text; and the frames must really have been mangled C++.
source "$(dirname "$0")/common.sh"
command -v c++filt > /dev/null || skip "no c++filt"
command -v g++ > /dev/null || skip "no g++"
command -v perf > /dev/null || skip "no perf"
cat > "$T/work.cc" <<'CC'
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>
template <typename K, typename V> struct Table {
  std::map<K, std::vector<V>> rows;
  __attribute__((noinline)) void add(const K& k, V v) { rows[k].push_back(v); }
  template <typename F> __attribute__((noinline)) V fold(F f) const {
    V acc{};
    for (const auto& [k, vs] : rows) for (const V& v : vs) acc = f(acc, v);
    return acc;
  }
};
namespace {
__attribute__((noinline)) std::string key_of(int i) { return "key-" + std::to_string(i % 977); }
}
int main() {
  Table<std::string, double> t;
  std::unordered_map<std::string, int> seen;
  double total = 0;
  for (int round = 0; round < 40; round++) {
    for (int i = 0; i < 20000; i++) { std::string k = key_of(i * 31 + round); seen[k]++; t.add(k, i * 0.5); }
    total += t.fold([](double a, double b) { return a + b * 1e-9; });
    std::vector<std::string> keys;
    for (auto& [k, n] : seen) keys.push_back(k);
    std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return a > b; });
    std::function<double(double)> scale = [&](double x) { return x / (1 + keys.size()); };
    total = scale(total);
  }
  return total > 1e300;
}
CC
g++ -O1 -g -fno-omit-frame-pointer -o "$T/work" "$T/work.cc"
if ! perf record -q -e cpu-clock -F 2000 -g -o "$T/perf.data" -- "$T/work" > "$T/record.log" 2>&1; then
  skip "perf cannot record here: $(tail -n 1 "$T/record.log")"
fi
perf script --no-demangle -i "$T/perf.data" > "$T/perf.txt" 2> /dev/null
[ -s "$T/perf.txt" ] || skip "perf recorded no samples"
# fold: comm;root;...;leaf count, offsets and module names dropped, as the collapsers do
awk '
  /^#/ { next }
  /^[^ \t]/ { if (n) emit(); comm = $1; n = 0; next }
  /^[ \t]*$/ { if (n) emit(); n = 0; next }
  { line = $0; sub(/^[ \t]*[0-9a-f]+ /, "", line); sub(/ \([^()]*\)$/, "", line); sub(/\+0x[0-9a-f]+$/, "", line)
    f[n++] = line }
  function emit(   s, i) { s = comm; for (i = n - 1; i >= 0; i--) s = s ";" f[i]; c[s]++ }
  END { if (n) emit(); for (s in c) print s, c[s] }' "$T/perf.txt" | LC_ALL=C sort > "$T/stacks.folded"
# the capture holds mangled names of our templates and lambdas
grep -q ';_ZN5TableI' "$T/stacks.folded"
grep -q 'Z4mainEUl' "$T/stacks.folded"
c++filt -n < "$T/stacks.folded" > "$T/ref.folded"
flame-demangle "$T/stacks.folded" > "$T/ours.folded"
cmp "$T/ref.folded" "$T/ours.folded"
grep -q 'Table<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >, double>::add' "$T/ours.folded"
not cmp -s "$T/stacks.folded" "$T/ours.folded"   # something was demangled
c++filt -n < "$T/perf.txt" > "$T/ref.txt"
flame-demangle < "$T/perf.txt" > "$T/ours.txt"
cmp "$T/ref.txt" "$T/ours.txt"
