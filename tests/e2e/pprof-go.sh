#!/usr/bin/env bash
# flame-pprof on Go's own profiles, against Go's own pprof. A Go program (pprof/goprog, the standard
# library only) is built now and writes CPU, heap, goroutine, mutex and block profiles with runtime/pprof;
# each is converted from its .pb.gz and compared, for every sample type, with what `go tool pprof` prints:
#   - -raw, read by pprof/raw-frames.pl (inline frames included): the same stacks, the same values;
#   - -traces, read by pprof/traces-frames.pl, for the columns -traces prints exactly (counts and CPU
#     time: byte values are printed with three digits), with and without -tagroot;
#   - -raw text piped into flame-pprof and into FlameGraph's stackcollapse-go.pl: the same bytes, for
#     the two-column profiles the script reads;
#   - -traces text piped into flame-pprof: the stacks pprof/traces-frames.pl reads from it.
# Comparison rules: pprof leaves out samples whose values are all 0 when it merges its inputs, and so
# does flame-pprof; -traces prints every sample on its own and the scripts here sum equal stacks, as the
# folded format does.
source "$(dirname "$0")/common.sh"
command -v go > /dev/null || skip "no go (golang-go) to build the Go program and run go tool pprof"
export HOME=$T/home GOCACHE=$T/gocache GOPATH=$T/gopath GOFLAGS= GO111MODULE=off GOPROXY=off GOTOOLCHAIN=local
mkdir -p "$HOME" "$T/out"
P=$TOP/tests/e2e/pprof
go build -o "$T/goprog" "$P/goprog/main.go"
"$T/goprog" "$T/out"
pprof() { go tool pprof "$@" 2> /dev/null; }
columns() { pprof -raw "$1" | sed -n '/^Samples:/{n;p;q}' | wc -w; }

for name in cpu heap goroutine mutex block; do
  profile=$T/out/$name.pb.gz
  n=$(columns "$profile")
  [ "$n" -gt 0 ] || { echo "no sample types in $name.pb.gz" >&2; exit 1; }
  for ((c = 0; c < n; c++)); do
    pprof -raw "$profile" | perl "$P/raw-frames.pl" "$c" > "$T/want"
    flame-pprof --sample-index "$c" "$profile" > "$T/got"
    cmp "$T/want" "$T/got" || { echo "$name.pb.gz column $c differs from go tool pprof -raw" >&2; diff "$T/want" "$T/got" | head >&2; exit 1; }
  done
  # -traces: counts are printed exactly, and CPU time in multiples of 10ms.
  for ((c = 0; c < n; c++)); do
    unit=$(pprof -raw "$profile" | sed -n '/^Samples:/{n;p;q}' | awk -v c=$((c + 1)) '{ print $c }')
    case $unit in */count|cpu/nanoseconds|*/count\[dflt\]) ;; *) continue ;; esac
    pprof -traces -sample_index="$c" "$profile" > "$T/traces"
    perl "$P/traces-frames.pl" "$T/traces" > "$T/want"
    flame-pprof --sample-index "$c" "$profile" | cmp "$T/want" - || { echo "$name.pb.gz column $c differs from -traces" >&2; exit 1; }
    flame-pprof "$T/traces" | cmp "$T/want" - || { echo "flame-pprof reads the -traces text of $name column $c wrongly" >&2; exit 1; }
  done
  # The -raw text itself, as stackcollapse-go.pl reads it (two columns: the first counted).
  pprof -raw "$profile" > "$T/raw.txt"
  if [ "$n" -eq 2 ] && [ -f "$TOP/../FlameGraph/stackcollapse-go.pl" ]; then
    perl "$TOP/../FlameGraph/stackcollapse-go.pl" "$T/raw.txt" > "$T/want"
    flame-pprof "$T/raw.txt" | cmp "$T/want" - || { echo "flame-pprof differs from stackcollapse-go.pl on $name -raw" >&2; exit 1; }
    flame-pprof < "$T/raw.txt" | cmp "$T/want" -
  fi
done

# Labels as root frames, as -tagroot puts them.
pprof -traces -tagroot=worker -sample_index=samples "$T/out/cpu.pb.gz" | perl "$P/traces-frames.pl" > "$T/want"
flame-pprof --tag-root worker --sample-index samples "$T/out/cpu.pb.gz" | cmp "$T/want" -
grep -q '^a;' "$T/want" && grep -q '^b;' "$T/want"

# The inlined function is a frame of its own, and --no-inline folds it into its caller.
flame-pprof "$T/out/cpu.pb.gz" | grep -q 'main.main.func1;main.inlined;main.spinA'
flame-pprof --no-inline "$T/out/cpu.pb.gz" | grep -q 'main.main.func1;main.spinA'
[ "$(flame-pprof --no-inline "$T/out/cpu.pb.gz" | grep -c 'main.inlined')" -eq 0 ]

# Standard input, a gunzipped protobuf, and -v.
flame-pprof "$T/out/heap.pb.gz" > "$T/want"
flame-pprof < "$T/out/heap.pb.gz" | cmp "$T/want" -
gunzip -c "$T/out/heap.pb.gz" > "$T/heap.pb"
flame-pprof "$T/heap.pb" | cmp "$T/want" -
flame-pprof -v "$T/out/heap.pb.gz" 2>&1 > /dev/null | grep -q 'counting inuse_space/bytes'
