#!/usr/bin/env bash
# Issue 13 (items 1 and 2): flame-demangle --no-params gives perf's own names, so on a real capture
#   perf script | flame-collapse                                            (perf demangles)
#   perf script --no-demangle | flame-demangle --no-params | flame-collapse  (flame-demangle does)
# print the same folded stacks byte for byte, and the README's route for folded stacks,
#   perf script --no-demangle | flame-collapse | flame-demangle --no-params
# the same stacks with the same counts once lines for one stack are added up (a frame that differed only in
# a clone suffix or a parameter list before is one frame now; flame-svg and flame-diff add such lines up).
# The perf script text itself comes out as perf prints it, but for the "()" perf leaves after a thunk's
# function ("virtual thunk to std::basic_ostream<...>::~basic_ostream()"), which flame-collapse drops.
# The program is g++ -O2 C++ with what made the routes differ: template functions (perf prints no return
# type), clones ([clone .isra.0]), overloaded operators of many shapes, std::sort, lambdas, std::function and
# iostreams (perf prints std::ostream, not std::basic_ostream<char, std::char_traits<char> >).
# Lambdas live in main: perf keeps the parameter list of an enclosing function ("f(int)::{lambda()#1}::
# operator()"), and flame-collapse cuts such a name at that list, so on the folded route a lambda elsewhere
# would compare flame-collapse's tidying, not the demangling.
# Names demangled before by c++filt give the same stacks too: --no-params rewrites them into perf's names.
# First on the bundled examples (perf script with and without --no-demangle of one recording), then on a
# capture made now.
source "$(dirname "$0")/common.sh"
set -E  # the ERR trap names the failing line inside routes() too
command -v c++filt > /dev/null || skip "no c++filt"

frames() { tr ';' '\n' < "$1" | sed 's/ [0-9]*$//' | sort -u; }
same() {  # same FILE OURS: byte for byte, else the frame names that differ
  cmp -s "$1" "$2" && return 0
  echo "$2 differs from $1; frames only in one:" >&2; diff <(frames "$1") <(frames "$2") | head -n 20 >&2
  return 1
}
# lines for the same stack added up, in flame-collapse's order
merge() { awk '{ n = match($0, / [0-9]+$/); s[substr($0, 1, n - 1)] += substr($0, n + 1) }
               END { for (k in s) print k, s[k] }' "$1" | LC_ALL=C sort; }

# routes DIR: DIR/demangled.txt and DIR/mangled.txt are `perf script` and `perf script --no-demangle` of
# one recording; DIR/perf.folded and DIR/mangled.folded are what flame-collapse makes of them.
routes() {
  local d=$1
  # 1. perf script text: what perf prints, thunks aside
  flame-demangle --no-params "$d/mangled.txt" > "$d/ours.txt"
  not cmp -s "$d/ours.txt" "$d/mangled.txt"
  grep -v ' thunk to ' "$d/demangled.txt" > "$d/demangled.nothunks"
  grep -v ' thunk to ' "$d/ours.txt" > "$d/ours.nothunks"
  cmp "$d/demangled.nothunks" "$d/ours.nothunks"
  # 2. demangled text, then collapsed: byte for byte, from a file and from standard input
  flame-collapse "$d/ours.txt" > "$d/text-route.folded"
  same "$d/perf.folded" "$d/text-route.folded"
  flame-demangle --no-params < "$d/mangled.txt" | flame-collapse | cmp "$d/perf.folded" -
  # 3. collapsed, then demangled: the same stacks and counts
  flame-demangle --no-params "$d/mangled.folded" > "$d/folded-route.folded"
  merge "$d/folded-route.folded" > "$d/folded-route.merged"
  same "$d/perf.folded" "$d/folded-route.merged"
  # 4. demangled by c++filt before: the same again
  c++filt -n < "$d/mangled.folded" > "$d/cxxfilt.folded"
  flame-demangle --no-params "$d/cxxfilt.folded" > "$d/cxxfilt-route.folded"
  merge "$d/cxxfilt-route.folded" > "$d/cxxfilt-route.merged"
  same "$d/perf.folded" "$d/cxxfilt-route.merged"
  # 5. perf's own names go through unchanged
  flame-demangle --no-params "$d/perf.folded" | cmp "$d/perf.folded" -
}

mkdir "$T/example"
gzip -dc "$TOP/examples/mesh-O2.perf.txt.gz" > "$T/example/demangled.txt"
gzip -dc "$TOP/examples/mesh-O2-mangled.perf.txt.gz" > "$T/example/mangled.txt"
flame-collapse "$T/example/demangled.txt" > "$T/example/perf.folded"
flame-collapse "$T/example/mangled.txt" > "$T/example/mangled.folded"
grep -q ';_ZN4mesh' "$T/example/mangled.folded"
grep -q ';mesh::compress' "$T/example/perf.folded"
routes "$T/example"

command -v g++ > /dev/null || skip "no g++ (the bundled examples passed)"
command -v perf > /dev/null || skip "no perf (the bundled examples passed)"
cat > "$T/ops.cc" <<'CC'
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#define NI __attribute__((noinline))
struct Vec {
  double x, y;
  NI Vec operator+(const Vec& o) const { return {x + o.x, y * 1.0000001 + o.y}; }
  NI Vec& operator+=(const Vec& o) { x += o.x; y = y * 0.999 + o.y; return *this; }
  NI bool operator==(const Vec& o) const { return x == o.x && y == o.y; }
  NI bool operator!=(const Vec& o) const { return !(*this == o); }
  NI bool operator<(const Vec& o) const { return x < o.x || (x == o.x && y < o.y); }
  NI Vec& operator=(double v) { x = v; y = -v; return *this; }
  NI double operator()(int i) const { return x * i + y; }
  NI double operator[](int i) const { return i ? y : x; }
  NI Vec operator-() const { return {-x, -y}; }
  NI Vec& operator++() { x += 1; return *this; }
  NI explicit operator double() const { return x + y; }
  template <typename T> NI Vec operator*(T k) const { return {x * k, y * k}; }
};
template <typename T> struct Acc {
  T sum{};
  template <typename F> NI T run(const std::vector<T>& v, F f) {
    for (const T& e : v) sum = f(sum, e);
    return sum;
  }
};
NI std::vector<Vec> make(int n, int seed) {
  std::vector<Vec> v;
  for (int i = 0; i < n; i++) v.push_back({double((i * 7919 + seed) % 1000), double(i % 13)});
  return v;
}
int main() {
  double total = 0;
  std::ostringstream os;
  std::map<std::string, int> m;
  for (int round = 0; round < 150; round++) {
    std::vector<Vec> v = make(20000, round);
    int k = round % 5 + 1;
    std::sort(v.begin(), v.end(), [k](const Vec& a, const Vec& b) { return a.x * k < b.x * k; });
    std::sort(v.begin(), v.end());
    Acc<Vec> acc;
    Vec r = acc.run(v, [](const Vec& a, const Vec& b) { return a + b; });
    total += r.x + r(k) + r[1] + double(-r * 0.5);
    Vec a{1, 2};
    for (int rep = 0; rep < 20; rep++) {
      for (int i = 0; i < 20000; i++) {
        a += v[i];
        if (a == v[i] || a != v[i]) total += 1;
        a = double(i);
        ++a;
        total += a[rep & 1] + a(i) + double(-a);
      }
    }
    std::function<double(double)> f = [&](double x) { return x / (1 + v.size()); };
    total = f(total);
    for (int i = 0; i < 2000; i++) { os << i << ' ' << total; m[std::to_string(i)] += i; }
    os.str("");
  }
  std::printf("%g %zu\n", total, m.size());
}
CC
g++ -O2 -g -fno-omit-frame-pointer -o "$T/ops" "$T/ops.cc"
if ! perf record -q -e cpu-clock -F 2000 -g -o "$T/perf.data" -- "$T/ops" > "$T/record.log" 2>&1; then
  skip "perf cannot record here: $(tail -n 1 "$T/record.log") (the bundled examples passed)"
fi
perf script -i "$T/perf.data" > "$T/demangled.txt" 2> /dev/null
perf script --no-demangle -i "$T/perf.data" > "$T/mangled.txt" 2> /dev/null
[ -s "$T/demangled.txt" ] || skip "perf recorded no samples"
flame-collapse "$T/demangled.txt" > "$T/perf.folded"
flame-collapse "$T/mangled.txt" > "$T/mangled.folded"
# the capture holds what made the routes differ, mangled on one side and shortened by perf on the other
grep -q '_ZN3Vec' "$T/mangled.folded"
grep -q '\.isra\.' "$T/mangled.folded"
grep -qE ';Vec::operator(\+=|==|<)( |;)' "$T/perf.folded"
grep -q ';std::__introsort_loop<' "$T/perf.folded"
grep -q ';std::ostream::' "$T/perf.folded"
routes "$T"
