#!/usr/bin/env bash
# bench/pprof.sh: flame-pprof vs google-pprof --collapsed and vs go tool pprof -raw | stackcollapse-go.pl,
# side by side on one gperftools CPU profile of a program whose time goes into a large Debian C++ library:
# llvm-work (bench/pprof-llvm-work.c) calling LLVM's C API, libLLVM-14.so.1 with ~45k dynamic symbols.
# Every run includes loading the symbols of every mapped binary. The program and its profile are made once
# into $CORPORA/pprof/ (needs llvm-14-dev and libgoogle-perftools-dev). Each tool runs PPROF_BENCH_RUNS
# times (default 3), alternating, fastest kept (output to /dev/null, see fastest in common.sh). The outputs
# are not compared here (the three name system-library frames differently: see man/flame-pprof.1); the
# tests compare them by their rules.
source "$(dirname "$0")/common.sh"
dir=$CORPORA/pprof
src=$(cd "$(dirname "$0")" && pwd)/pprof-llvm-work.c
if [ ! -s "$dir/cpu.prof" ]; then
  command -v llvm-config-14 > /dev/null || { echo "pprof: no llvm-config-14 (llvm-14-dev), skipped"; exit 0; }
  mkdir -p "$dir"
  gcc -O1 -g -fno-omit-frame-pointer "$src" -o "$dir/llvm-work" $(llvm-config-14 --cflags) \
      -L"$(llvm-config-14 --libdir)" -lLLVM-14 -Wl,--no-as-needed -lprofiler 2> "$dir/build.log" ||
    { echo "pprof: cannot build llvm-work (libgoogle-perftools-dev?), skipped"; exit 0; }
  CPUPROFILE=$dir/cpu.prof CPUPROFILE_FREQUENCY=500 "$dir/llvm-work" 300 2> /dev/null
fi
prof=$dir/cpu.prof bin=$dir/llvm-work
export HOME=$BENCH_TMP/home
mkdir -p "$HOME"
collapse_go() { go tool pprof -raw "$bin" "$prof" 2> /dev/null | perl "$FLAMEGRAPH_DIR/stackcollapse-go.pl"; }
export -f collapse_go
export prof bin FLAMEGRAPH_DIR
if command -v google-pprof > /dev/null; then
  ref_s= ours_s=
  for ((i = 0; i < ${PPROF_BENCH_RUNS:-3}; i++)); do
    fastest ref bash -c 'google-pprof --collapsed "$bin" "$prof" 2> /dev/null'
    fastest ours "$FLAMEKIT_BIN/flame-pprof" --binary "$bin" --sample-index samples "$prof"
  done
  SAME_CHECK=none compare "pprof cpu.prof vs google-pprof --collapsed" /dev/null "$ref_s" "$ref_mb" /dev/null "$ours_s" "$ours_mb"
else
  echo "pprof: no google-pprof, row skipped"
fi
if command -v go > /dev/null; then
  ref_s= ours_s=
  for ((i = 0; i < ${PPROF_BENCH_RUNS:-3}; i++)); do
    fastest ref bash -c collapse_go
    fastest ours "$FLAMEKIT_BIN/flame-pprof" --binary "$bin" --sample-index samples "$prof"
  done
  SAME_CHECK=none compare "pprof cpu.prof vs go pprof -raw|stackcollapse-go" /dev/null "$ref_s" "$ref_mb" /dev/null "$ours_s" "$ours_mb"
else
  echo "pprof: no go, row skipped"
fi
