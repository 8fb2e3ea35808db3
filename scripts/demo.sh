#!/bin/sh
# demo.sh [BINDIR]: renders the bundled examples/ into flame/flameoutput/ and prints what it wrote.
# Each step is one of the documented pipelines, so this is also a smoke test of the tools together.
set -eu
BIN=${1:-bin}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
OUT=flame/flameoutput
EX=examples
mkdir -p "$OUT"
export PATH="$BIN:$PATH"

# CPU profile: perf script text -> folded -> SVG (kernel frames annotated, one root per process).
flame-collapse --all "$EX/mesh-O2.perf.txt.gz" > "$OUT/mesh-O2.folded"
flame-svg --title "mesh-work -O2 (cpu-clock)" -o "$OUT/mesh-O2.svg" "$OUT/mesh-O2.folded"

# The same samples without perf's demangling, demangled by flame-demangle instead (parameter lists dropped,
# as the collapser drops them from perf's demangled names).
flame-collapse "$EX/mesh-O2-mangled.perf.txt.gz" | flame-demangle --no-params > "$OUT/mesh-O2-demangled.folded"
flame-svg --title "mesh-work -O2, demangled by flame-demangle" -o "$OUT/mesh-O2-demangled.svg" \
  "$OUT/mesh-O2-demangled.folded"

# Differential: -O0 (before) vs -O2 (after), normalized; red = grew, blue = shrank. --no-comm: the two
# binaries have different process names, which would otherwise make every stack differ at the root.
flame-collapse --no-comm "$EX/mesh-O0.perf.txt.gz" > "$OUT/mesh-O0.folded"
flame-collapse --no-comm "$EX/mesh-O2.perf.txt.gz" > "$OUT/mesh-O2-plain.folded"
flame-diff -n --top 10 --report "$OUT/mesh-diff-top.txt" "$OUT/mesh-O0.folded" "$OUT/mesh-O2-plain.folded" \
  > "$OUT/mesh-diff.folded"
flame-svg --title "mesh-work: -O0 -> -O2" -o "$OUT/mesh-diff.svg" "$OUT/mesh-diff.folded"

# Icicle graph, merged on leaf functions, as JSON for d3-flame-graph-style viewers too.
flame-svg --reverse --inverted --title "mesh-work -O2, bottom-up" -o "$OUT/mesh-O2-bottom-up.svg" "$OUT/mesh-O2.folded"
flame-svg --format json -o "$OUT/mesh-O2.json" "$OUT/mesh-O2.folded"

echo "demo: wrote"
for f in "$OUT"/mesh-*; do echo "  $f"; done

# A live capture on this machine with flame-capture: the sidecar recipe if a sidecar runs here, else the
# bundled workload run under perf record (runner.py's names; the paths written are printed).
if ! command -v perf > /dev/null; then
  echo "demo: no perf here, no live capture"
elif flame-capture --dry-run --preset perf-oncputime-sidecar > /dev/null 2>&1; then
  flame-capture --preset perf-oncputime-sidecar --duration 10 --render --output-dir "$OUT"
elif command -v g++ > /dev/null; then
  mkdir -p build/demo
  g++ -O2 -g -fno-omit-frame-pointer -o build/demo/mesh-work "$EX/mesh-work.cc"
  flame-capture --name mesh-work-live --render --output-dir "$OUT" --title "mesh-work, live on $(hostname)" \
    'd=$(mktemp -d) || exit 1; trap '"'"'rm -rf "$d"'"'"' EXIT; perf record -F 999 -g -o "$d/perf.data" -- build/demo/mesh-work 1 > /dev/null && perf script -i "$d/perf.data"' ||
    echo "demo: the live capture failed (is perf record permitted here?)"
fi
