#!/usr/bin/env bash
# flame-pprof on gperftools' CPU and heap profiles of a C++ program built now: a PIE main (and a non-PIE
# one) with several call paths and a shared library of its own, linked with -lprofiler (CPUPROFILE) and
# -ltcmalloc (HEAPPROFILE). Compared with
#   - go tool pprof -raw -symbolize=none, read by pprof/raw-frames.pl: Go's pprof reads the same
#     records, adjusts the same return addresses and maps them to the same modules and offsets, for every
#     sample type, so each frame must match byte for byte;
#   - the protobuf go tool pprof -proto exports of the same profile: the same stacks and counts;
#   - google-pprof --collapsed (perl pprof), names from the binaries: the same stacks with the same
#     counts, by the rules of pprof/own-frames.pl (its <address> tags and [inline] marks undone, equal
#     lines summed, the program's own frames compared: see there why).
# Comparison rules: Go's pprof removes the second frame of every CPU stack when nearly all stacks share it
# (a signal-frame guess that flame-pprof does not make), and perl's does while all stacks share it unless
# --no-auto-signal-frm; this program's stacks share none. google-pprof counts CPU samples, not time:
# --sample-index samples.
source "$(dirname "$0")/common.sh"
command -v g++ > /dev/null || skip "no g++"
P=$TOP/tests/e2e/pprof
echo 'int main() {}' > "$T/probe.cc"
g++ "$T/probe.cc" -o "$T/probe" -Wl,--no-as-needed -lprofiler -ltcmalloc 2> /dev/null ||
  skip "no libprofiler / libtcmalloc (libgoogle-perftools-dev)"
# -fno-omit-frame-pointer: gperftools' unwinder follows frame pointers. --no-as-needed: the program calls
# nothing in libprofiler, which the linker would otherwise drop, and no profile would be written.
flags=(-O1 -g -fno-omit-frame-pointer)
g++ "${flags[@]}" -fPIC -shared "$P/work.cc" -o "$T/libwork.so"
g++ "${flags[@]}" -fPIE -pie "$P/prog.cc" -o "$T/prog" -L"$T" -lwork -Wl,-rpath,"$T" -Wl,--no-as-needed -lprofiler -ltcmalloc
g++ "${flags[@]}" -no-pie "$P/prog.cc" -o "$T/prog-nopie" -L"$T" -lwork -Wl,-rpath,"$T" -Wl,--no-as-needed -lprofiler -ltcmalloc
for prog in prog prog-nopie; do
  rm -f "$T/$prog.prof" "$T/$prog".*.heap
  (cd "$T" && CPUPROFILE=$T/$prog.prof CPUPROFILE_FREQUENCY=1000 HEAPPROFILE=$T/$prog "./$prog" 8 > /dev/null 2>&1)
  [ -s "$T/$prog.prof" ] && [ -s "$T/$prog.0001.heap" ] || { echo "$prog wrote no profiles" >&2; exit 1; }
done

# What -v says: the format, and the binaries found for the program's own mappings.
flame-pprof -v "$T/prog.prof" 2>&1 > /dev/null | grep -q 'gperftools CPU profile (64-bit little-endian)'
flame-pprof -v "$T/prog.prof" 2>&1 > /dev/null | grep -qE "mapping 1 .* $T/prog: binary $T/prog\$"
flame-pprof -v "$T/prog.prof" 2>&1 > /dev/null | grep -qE "libwork.so: binary $T/libwork.so\$"

# Names, from the binaries, against google-pprof (perl pprof).
if command -v google-pprof > /dev/null && command -v nm > /dev/null; then
  nm -C --defined-only "$T/prog" "$T/libwork.so" | awk 'NF >= 3 { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' > "$T/own-names"
  # (google-pprof takes seconds a run: one column of each kind is compared for the non-PIE program.)
  for case in prog:samples: prog:inuse_space:--inuse_space prog:alloc_objects:--alloc_objects \
      prog-nopie:samples: prog-nopie:alloc_space:--alloc_space; do
    IFS=: read -r prog index flag <<< "$case"
    profile=$T/$prog.prof
    [ "$index" = samples ] || profile=$T/$prog.0001.heap
    google-pprof --collapsed --no-auto-signal-frm $flag "$T/$prog" "$profile" 2> /dev/null |
      perl "$P/own-frames.pl" "$T/own-names" > "$T/want"
    flame-pprof --binary "$T/$prog" --sample-index "$index" "$profile" | perl "$P/own-frames.pl" "$T/own-names" > "$T/got"
    [ -s "$T/want" ] || { echo "google-pprof printed nothing for $profile" >&2; exit 1; }
    cmp "$T/want" "$T/got" || { echo "$profile ($index) differs from google-pprof --collapsed" >&2; diff "$T/want" "$T/got" | head >&2; exit 1; }
  done
  # The call paths are named: main -> Parser::parse -> func_a / func_b -> leaf_work, into libwork.so.
  flame-pprof --sample-index samples "$T/prog.prof" > "$T/named"
  grep -q ';main;Parser::parse(int);func_a(unsigned long);leaf_work(unsigned long) ' "$T/named"
  grep -q ';func_b(unsigned long);work::hash_block(unsigned long);lib_spin ' "$T/named"
  # The heap's allocator frames are gone (drop_frames), the allocating function is the leaf.
  flame-pprof "$T/prog.0001.heap" | grep -q ';main;leaky(std::vector<void\*, std::allocator<void\*> >\*);grab(unsigned long) 10000000$'
else
  echo "note: no google-pprof (google-perftools) or nm: names not compared with perl pprof"
fi

command -v go > /dev/null || skip "no go (golang-go) for go tool pprof"
export HOME=$T/home
mkdir -p "$HOME"
for profile in prog.prof prog.0001.heap prog-nopie.prof prog-nopie.0001.heap; do
  go tool pprof -raw -symbolize=none "$T/$profile" 2> /dev/null > "$T/raw.txt"
  n=$(sed -n '/^Samples:/{n;p;q}' "$T/raw.txt" | wc -w)
  for ((c = 0; c < n; c++)); do
    perl "$P/raw-frames.pl" "$c" "$T/raw.txt" > "$T/want"
    flame-pprof --no-symbolize --sample-index "$c" "$T/$profile" > "$T/got"
    cmp "$T/want" "$T/got" || { echo "$profile column $c differs from go tool pprof" >&2; diff "$T/want" "$T/got" | head >&2; exit 1; }
  done
  go tool pprof -proto -symbolize=none "$T/$profile" 2> /dev/null > "$T/exported.pb.gz"
  flame-pprof --no-symbolize "$T/exported.pb.gz" | cmp <(flame-pprof --no-symbolize "$T/$profile") -
  flame-pprof "$T/exported.pb.gz" | cmp <(flame-pprof "$T/$profile") -
done
