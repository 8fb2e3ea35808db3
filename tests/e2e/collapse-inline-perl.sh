#!/usr/bin/env bash
# collapse-inline-perl: flame-collapse --inline --context against stackcollapse-perf.pl --inline --context
# (issue 13 item 4), on `perf script` output of a multi-threaded -O2 -g C++ program recorded now. Every
# distinct frame line of a binary becomes a one-frame sample, so each expansion is compared on its own, and
# every difference must be one that man/flame-collapse.1 (DESCRIPTION, --inline) lists:
#   past-symbol      the script names an address past the end of the nearest symbol (a stripped library's
#                    local function) by that symbol, with ??:?; we keep perf's frame ([libstdc++.so.6])
#   inlined-names    in a function without a linkage name (anonymous namespace, static), addr2line names
#                    the innermost inlined call by the enclosing symbol and the function by its short
#                    DW_AT_name; we name each by what it is, the function always by its full symbol name
#   stt-file         no line table at the address: addr2line prints the last STT_FILE symbol's name
#                    (crtstuff.c, or an empty one: "::?"); we print ??:?
#   demangle-style   our one demangler is c++filt's (std::basic_ostream<char, ...>), addr2line -C
#                    abbreviates the standard substitutions (std::ostream)
#   file-name        binutils 2.40 takes the wrong file of a DWARF 5 line table row (libc-start.c:74 for
#                    libc_start_call_main.h:74); ours must be llvm-addr2line's where that is installed
# With FlameGraph (FLAMEGRAPH_DIR, default ../FlameGraph) the reference is the Perl script itself; without it
# the script's addr2line pipeline is run here, so the check still asserts in CI.
source "$(dirname "$0")/common.sh"
command -v perf > /dev/null || skip "no perf"
command -v addr2line > /dev/null || skip "no addr2line"
command -v c++ > /dev/null || skip "no C++ compiler"
command -v python3 > /dev/null || skip "no python3"
SCRIPT=${FLAMEGRAPH_DIR:-$TOP/../FlameGraph}/stackcollapse-perf.pl
cat > "$T/mt.cc" <<'CC'
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>
namespace {
volatile double sink;
template <typename T> inline T square(T x) { return x * x; }
inline double mix(double a, int i) { return std::sqrt(square(a) + i); }
__attribute__((noinline)) double churn(int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += mix(s, i);
  return s;
}
void worker(int id, std::chrono::steady_clock::time_point until) {
  std::map<int, std::string> local;
  while (std::chrono::steady_clock::now() < until) {
    sink = churn(2000 + id);
    for (int i = 0; i < 50; ++i) local[i * id] = std::to_string(i);
    local.clear();
  }
}
}  // namespace
__attribute__((noinline)) void show(std::ostream& out) { out << sink << '\n'; }
int main(int argc, char**) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1200);
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; ++i) ts.emplace_back(worker, i + 1, until);
  for (auto& t : ts) t.join();
  if (argc > 5) show(std::cout);
}
CC
c++ -O2 -g -fno-omit-frame-pointer -pthread -o "$T/mt" "$T/mt.cc"
perf record -q -F 999 -g -o "$T/perf.data" "$T/mt" > /dev/null 2>&1 || skip "perf cannot record here"
perf script -i "$T/perf.data" > "$T/perf.txt" 2> /dev/null
bin=$T/mt

# Distinct frame lines of binaries (the script's --inline test on the module), and two fixed addresses of
# our own binary: a crtstuff.c function (no line table) and show(std::ostream&).
awk '/^\t/ && match($0, /\(([^()]*)\)$/) { m = substr($0, RSTART + 1, RLENGTH - 2)
       if (m !~ /(perf-[0-9]+.map|kernel\.|\[[^\]]+\])/) print }' "$T/perf.txt" | sort -u > "$T/frames"
for f in deregister_tm_clones _Z4showRSo; do
  a=$(nm "$bin" | awk -v f="$f" '$3 == f { print $1 }')
  [ -n "$a" ] && printf '\t%16x %s+0x0 (%s)\n' "0x$a" "$f" "$bin" >> "$T/frames"
done
awk '{ printf "f%d 1 [000] 1.0: 1 cpu-clock:\n%s\n\n", NR, $0 }' "$T/frames" > "$T/one-each.txt"
echo "$(wc -l < "$T/frames") distinct frames"

flame-collapse --inline --context "$T/one-each.txt" > "$T/ours"
flame-collapse "$T/one-each.txt" > "$T/perf-frames"  # the frames as perf printed them, tidied
if [ -f "$SCRIPT" ] && command -v perl > /dev/null; then
  reference="stackcollapse-perf.pl"
  perl "$SCRIPT" --inline --context "$T/one-each.txt" > "$T/ref" 2> /dev/null
else
  # The script's inline(): addr2line -a PC -e MODULE -i -f -s -C, pairs outermost first as func:file:line;
  # "??"/"??:??:0" (or nothing) keeps perf's frame. (Its nm fallback is not needed: perf prints ELF
  # addresses.)
  reference="addr2line (no FlameGraph checkout)"
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    read -r pc _ <<<"$line"
    mod=${line##*(}; mod=${mod%)}
    chain=$(addr2line -a "0x$pc" -e "$mod" -i -f -s -C 2> /dev/null | tail -n +2 | sed -E 's/ \(discriminator [^)]*\)//' |
            paste - - | tac | awk -F'\t' '{ printf "%s%s:%s", (NR > 1 ? ";" : ""), $1, $2 }')
    if [ -z "$chain" ] || [ "$chain" = "??:??:0" ]; then
      grep -E "^f$n;" "$T/perf-frames" || true
    else
      echo "f$n;$chain 1"
    fi
  done < "$T/frames" | LC_ALL=C sort > "$T/ref"
fi

python3 - "$T/ours" "$T/ref" "$T/perf-frames" "$T/frames" <<'PY'
import re, shutil, subprocess, sys
def load(path):
    out = {}
    for line in open(path):
        key, rest = line.rstrip('\n').split(';', 1)
        out[key] = rest.rsplit(' ', 1)[0].split(';')
    return out
ours, ref, perf = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
frames = [l.rstrip('\n') for l in open(sys.argv[4])]
def split(frame):  # "name:file:line" -> name, "file:line"
    m = re.match(r'^(.*):([^:]*):([^:]*)$', frame)
    return (m.group(1), m.group(2) + ':' + m.group(3)) if m else (frame, '')
def abbreviate(name):
    for full, short in [('std::basic_ostream<char, std::char_traits<char> >', 'std::ostream'),
                        ('std::basic_istream<char, std::char_traits<char> >', 'std::istream'),
                        ('std::basic_iostream<char, std::char_traits<char> >', 'std::iostream'),
                        ('std::basic_string<char, std::char_traits<char>, std::allocator<char> >', 'std::string')]:
        name = name.replace(full, short)
    return name
def past_symbol(key, o, r):
    if o != perf.get(key) or len(r) != 1 or not r[0].endswith(':??:?'):
        return False
    line = frames[int(key[1:]) - 1]
    pc = int(line.split()[0], 16)
    mod = line[line.rindex('(') + 1:-1]
    name = r[0][:-len(':??:?')]
    syms = subprocess.run(['nm', '-D', '-S', '-C', '--defined-only', mod], capture_output=True, text=True).stdout
    for s in syms.splitlines():
        f = s.split(None, 3)
        if len(f) == 4 and f[3].split('@')[0] == name:
            start, size = int(f[0], 16), int(f[1], 16)
            if start <= pc < start + size:
                return False  # it does hold the address: not this case
            return start < pc
    return False
def inlined_names(o, r):
    if len(o) != len(r) or len(o) < 2:
        return False
    on, rn = [split(f) for f in o], [split(f) for f in r]
    if any(a[1] != b[1] for a, b in zip(on, rn)):
        return False
    for k, (a, b) in enumerate(zip(on, rn)):
        if a[0] == b[0]:
            continue
        if k == 0 and re.search(r'(^|::)' + re.escape(b[0]) + r'(\(|$)', a[0]):
            continue  # the function: its full symbol name against addr2line's short DW_AT_name
        if k == len(o) - 1 and b[0] == on[0][0]:
            continue  # the innermost inlined call: addr2line names it by the enclosing symbol
        return False
    return True
def stt_file(o, r):
    return (len(o) == len(r) == 1 and split(o[0])[0] == split(r[0])[0] and split(o[0])[1] == '??:?'
            and split(r[0])[1].endswith(':?'))
def file_name(key, o, r):
    if len(o) != len(r):
        return False
    on, rn = [split(f) for f in o], [split(f) for f in r]
    diff = [k for k in range(len(o)) if on[k] != rn[k]]
    if any(on[k][0] != rn[k][0] or on[k][1].split(':')[-1] != rn[k][1].split(':')[-1] for k in diff):
        return False  # only the file may differ
    if not shutil.which('llvm-addr2line'):
        return True
    line = frames[int(key[1:]) - 1]
    pc, mod = line.split()[0], line[line.rindex('(') + 1:-1]
    out = subprocess.run(['llvm-addr2line', '-f', '-i', '-s', '-e', mod, '0x' + pc], capture_output=True, text=True).stdout.split('\n')
    files = [out[i].rsplit(':', 2)[0] for i in range(1, len(out) - 1, 2)][::-1]
    return len(files) == len(o) and all(on[k][1].split(':')[0] == files[k].split(':')[0] for k in diff)
def demangle_style(o, r):
    return len(o) == len(r) and o != r and [abbreviate(f) for f in o] == r
counts = {'identical': 0, 'past-symbol': 0, 'inlined-names': 0, 'stt-file': 0, 'demangle-style': 0}
other = {'file-name': 0}  # shown only where libc's debug file (libc6-dbg) is installed
bad = 0
for key in sorted(set(ours) | set(ref), key=lambda k: int(k[1:])):
    o, r = ours.get(key), ref.get(key)
    if o == r:
        counts['identical'] += 1
    elif o and r and past_symbol(key, o, r):
        counts['past-symbol'] += 1
    elif o and r and inlined_names(o, r):
        counts['inlined-names'] += 1
    elif o and r and stt_file(o, r):
        counts['stt-file'] += 1
    elif o and r and demangle_style(o, r):
        counts['demangle-style'] += 1
    elif o and r and file_name(key, o, r):
        other['file-name'] += 1
    else:
        bad += 1
        print('unexplained difference for', frames[int(key[1:]) - 1].strip(), '\n  ours', o, '\n  ref ', r, file=sys.stderr)
print(' '.join('%s=%d' % kv for kv in list(counts.items()) + list(other.items())))
# Each listed difference is shown by this capture (the fixed addresses give the last two), and nothing else.
sys.exit(1 if bad or min(counts.values()) == 0 else 0)
PY
echo "reference: $reference"

# The whole capture, for speed: both side by side, min of 3 runs for ours.
if [ "$reference" = "stackcollapse-perf.pl" ]; then
  s=$(date +%s%N); perl "$SCRIPT" --inline --context "$T/perf.txt" > "$T/ref.all" 2> /dev/null; e=$(date +%s%N)
  perl_ms=$(( (e - s) / 1000000 ))
  ours_ms=999999
  for _ in 1 2 3; do
    s=$(date +%s%N); flame-collapse --inline --context "$T/perf.txt" > "$T/ours.all"; e=$(date +%s%N)
    ms=$(( (e - s) / 1000000 )); [ "$ms" -lt "$ours_ms" ] && ours_ms=$ms
  done
  echo "whole capture: $(wc -l < "$T/perf.txt") lines; stackcollapse-perf.pl ${perl_ms} ms, flame-collapse ${ours_ms} ms;" \
       "$(comm -12 "$T/ref.all" "$T/ours.all" | wc -l) of $(wc -l < "$T/ref.all") lines identical"
  [ "$ours_ms" -lt "$perl_ms" ]
fi
