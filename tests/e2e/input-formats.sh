#!/usr/bin/env bash
# input-formats (issue 13, item 6): a tool given another kind of profile says in one line what it is and
# what reads it, exits 1 and prints nothing on standard output, for a file, standard input and a gzip copy.
# The inputs are made now where the machine can: a real perf.data (file and pipe mode) from perf record, a
# real pprof profile from a Go program, real gperftools CPU and heap profiles, real bpftrace output. Small
# samples written inline stand in for each, so every message is checked on every machine. flame-pprof
# reads the pprof family and refuses the rest the same way.
source "$(dirname "$0")/common.sh"

# refused TOOL MESSAGE FILE [ARGS...]: TOOL ARGS FILE exits 1 with exactly "TOOL: FILE: MESSAGE" on stderr and
# nothing on stdout; the same from standard input ("<stdin>", FILE in the advice) and from a gzip copy.
refused() {
  local tool=$1 message=$2 file=$3; shift 3
  local rc=0
  "$tool" "$@" "$file" > "$T/out" 2> "$T/err" || rc=$?
  if [ "$rc" -ne 1 ] || [ -s "$T/out" ] || [ "$(cat "$T/err")" != "$tool: $file: $message" ]; then
    echo "$tool $* $file: exit $rc, stdout $(wc -c < "$T/out") bytes, stderr:" >&2; cat "$T/err" >&2
    echo "expected: $tool: $file: $message" >&2
    return 1
  fi
  # The advice names standard input "-" where the command reads it so (perf script, flamekit's tools).
  local stdin_message=${message//$file/-}
  case $message in *"stackcollapse-bpftrace.pl $file"*) stdin_message=${message//$file/FILE} ;; esac
  rc=0
  "$tool" "$@" - < "$file" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" -eq 1 ] && [ ! -s "$T/out" ] || { echo "$tool $* - < $file: exit $rc" >&2; return 1; }
  [ "$(cat "$T/err")" = "$tool: <stdin>: $stdin_message" ] || { cat "$T/err" >&2; echo "expected: $tool: <stdin>: $stdin_message" >&2; return 1; }
  case $file in *.gz) return 0 ;; esac
  gzip -c "$file" > "$file.gz"
  rc=0
  "$tool" "$@" "$file.gz" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" -eq 1 ] && [ ! -s "$T/out" ] || { echo "$tool $* $file.gz: exit $rc" >&2; return 1; }
  grep -q "^$tool: $file.gz: this is " "$T/err" || { cat "$T/err" >&2; return 1; }
}
# accepted TOOL FILE [ARGS...]: no format message (the tool reads the input as it always did).
accepted() {
  local tool=$1 file=$2; shift 2
  "$tool" "$@" "$file" > /dev/null 2> "$T/err" || true
  if grep -q "this is " "$T/err"; then echo "$tool refused $file:" >&2; cat "$T/err" >&2; return 1; fi
}
folded=$T/ref.folded
printf 'app;main;work 10\napp;main;idle 2\n' > "$folded"
# refused_second FILE MESSAGE: flame-diff GOOD FILE refuses FILE.
refused_second() {
  local rc=0
  flame-diff "$folded" "$1" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" -eq 1 ] && [ ! -s "$T/out" ] && [ "$(cat "$T/err")" = "flame-diff: $1: $2" ] || {
    echo "flame-diff $folded $1: exit $rc" >&2; cat "$T/err" >&2; echo "expected: flame-diff: $1: $2" >&2; return 1; }
}

# --- perf script text: flame-collapse reads it, flame-svg and flame-diff say to collapse it first.
perf_txt=$T/perf.txt
printf 'app 12 [000] 1.000001: 100 cycles:\n\t4005d0 work (/usr/bin/app)\n\t400400 main (/usr/bin/app)\n\n' > "$perf_txt"
accepted flame-collapse "$perf_txt"
accepted flame-demangle "$perf_txt"
refused flame-svg "this is perf script text, not folded stacks; fold it first: 'flame-collapse $perf_txt | flame-svg'" "$perf_txt"
refused_second "$perf_txt" "this is perf script text, not folded stacks; fold it first: 'flame-collapse $perf_txt > $perf_txt.folded'"
refused flame-pprof "this is perf script text, not a profile flame-pprof reads; read it with 'flame-collapse $perf_txt'" "$perf_txt"

# --- folded stacks (FlameGraph's and BCC's): flame-svg, flame-diff and flame-demangle read them.
bcc=$T/bcc.folded
printf ';ret_from_fork;kthread;worker_thread 1\ndd;__write;-;entry_SYSCALL_64_fastpath_[k];sys_write_[k] 3\n' > "$bcc"
for f in "$folded" "$bcc"; do
  refused flame-collapse "this is folded stacks, collapsed already, not perf script text; give it to flame-svg or flame-diff as it is" "$f"
  refused flame-pprof "this is folded stacks, collapsed already, not a profile flame-pprof reads; give it to flame-svg or flame-diff as it is" "$f"
  accepted flame-svg "$f"
  accepted flame-demangle "$f"
done

# --- perf.data, file mode and pipe mode: the header as perf writes it, then real recordings.
perf_data_checks() {
  local f=$1 what=$2
  refused flame-collapse "this is $what, not perf script text; read it with 'perf script -i $f | flame-collapse'" "$f"
  refused flame-svg "this is $what, not folded stacks; fold it first: 'perf script -i $f | flame-collapse | flame-svg'" "$f"
  refused_second "$f" "this is $what, not folded stacks; fold it first: 'perf script -i $f | flame-collapse > $f.folded'"
  refused flame-demangle "this is $what, not text; perf script demangles by itself; else 'perf script --no-demangle -i $f | flame-demangle'" "$f"
  refused flame-pprof "this is $what, not a profile flame-pprof reads; read it with 'perf script -i $f | flame-collapse'" "$f"
}
file_mode="a perf.data file (PERFILE2)"
pipe_mode="a perf.data stream in pipe mode (PERFILE2, perf record -o -)"
printf 'PERFILE2\150\0\0\0\0\0\0\0\220\0\0\0\0\0\0\0' > "$T/header.data"
perf_data_checks "$T/header.data" "$file_mode"
printf 'PERFILE2\020\0\0\0\0\0\0\0\100\0\0\0\0\0\230\0' > "$T/header-pipe.data"
perf_data_checks "$T/header-pipe.data" "$pipe_mode"
if command -v perf > /dev/null && perf record -q -e cpu-clock -o "$T/real.data" true > /dev/null 2>&1; then
  perf_data_checks "$T/real.data" "$file_mode"
  perf record -q -e cpu-clock -o - true 2> /dev/null > "$T/real-pipe.data"
  perf_data_checks "$T/real-pipe.data" "$pipe_mode"
  # The advice works: perf script reads what was refused.
  perf script -i "$T/real.data" 2> /dev/null | flame-collapse > /dev/null 2>&1 || [ $? -eq 1 ]
else
  echo "note: perf cannot record here; perf.data checked on a header only"
fi

# --- the pprof family, which flame-pprof reads: pprof_checks FILE WHAT [text].
pprof_checks() {
  local f=$1 what=$2 kind=${3:-binary}
  refused flame-collapse "this is $what, not perf script text; read it with 'flame-pprof $f'" "$f"
  refused flame-svg "this is $what, not folded stacks; fold it first: 'flame-pprof $f | flame-svg'" "$f"
  refused_second "$f" "this is $what, not folded stacks; fold it first: 'flame-pprof $f > $f.folded'"
  if [ "$kind" = text ]; then
    accepted flame-demangle "$f"
  else
    refused flame-demangle "this is $what, not text; read it with 'flame-pprof $f', which demangles by itself" "$f"
  fi
  accepted flame-pprof "$f"
}
# sample_type {type 1 unit 2}, sample_type {3 4}, sample {location_id [1] value 2 value 20000000}, string_table.
printf '\012\004\010\001\020\002\012\004\010\003\020\004\022\012\012\001\001\020\002\020\200\332\304\011\062\000\062\007samples' > "$T/min.pb"
pprof_checks "$T/min.pb" "a pprof profile (profile.proto)"
gzip -c "$T/min.pb" > "$T/min.pb.gz"
pprof_checks "$T/min.pb.gz" "a pprof profile (profile.proto)"
if command -v go > /dev/null; then
  mkdir -p "$T/go"
  cat > "$T/go/main.go" <<'GO'
package main

import (
	"os"
	"runtime/pprof"
)

//go:noinline
func leaf(n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s += float64(i) * 0.5
	}
	return s
}

func main() {
	f, _ := os.Create(os.Args[1])
	pprof.StartCPUProfile(f)
	var s float64
	for k := 0; k < 100; k++ {
		s += leaf(1000000)
	}
	pprof.StopCPUProfile()
	f.Close()
	if s < 0 {
		println(s)
	}
}
GO
  if (cd "$T/go" && GO111MODULE=off go run main.go "$T/cpu.pb.gz") > /dev/null 2>&1 && [ -s "$T/cpu.pb.gz" ]; then
    pprof_checks "$T/cpu.pb.gz" "a pprof profile (profile.proto)"
    gzip -dc "$T/cpu.pb.gz" > "$T/cpu.pb"
    pprof_checks "$T/cpu.pb" "a pprof profile (profile.proto)"
    go tool pprof -raw "$T/cpu.pb.gz" > "$T/raw.txt" 2> /dev/null
    pprof_checks "$T/raw.txt" "go tool pprof -raw output" text
    go tool pprof -traces "$T/cpu.pb.gz" > "$T/traces.txt" 2> /dev/null
    pprof_checks "$T/traces.txt" "go tool pprof -traces output" text
    # The advice works: flame-pprof folds what was refused.
    flame-pprof "$T/cpu.pb.gz" 2> /dev/null | grep -q 'main.leaf [0-9]*$'
  else
    echo "note: go could not build a profile here"
  fi
fi
printf 'PeriodType: cpu nanoseconds\nPeriod: 10000000\nDuration: 1.01s\nSamples:\nsamples/count cpu/nanoseconds\n         11  110000000: 1 \nLocations\n     1: 0x4553a0 M=1 main.leaf /tmp/main.go:10 s=9\nMappings\n1: 0x400000/0x4b3000/0x0 /tmp/goprog  [FN]\n' > "$T/min-raw.txt"
pprof_checks "$T/min-raw.txt" "go tool pprof -raw output" text
printf 'File: goprog\nType: cpu\nDuration: 1.01s, Total samples = 110ms (10.89%%)\n-----------+-------------------------------------------------------\n     110ms   main.leaf\n             main.main\n-----------+-------------------------------------------------------\n' > "$T/min-traces.txt"
pprof_checks "$T/min-traces.txt" "go tool pprof -traces output" text

# gperftools: the CPU profile's binary header and the heap profile's text, then real ones.
printf '\0\0\0\0\0\0\0\0\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\020\047\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\020\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' > "$T/min.prof"
pprof_checks "$T/min.prof" "a gperftools CPU profile"
printf 'heap profile:    100: 10000000 [   100: 10000000] @ heapprofile\n   100: 10000000 [   100: 10000000] @ 0x557cfb36e159 0x7f7157a4524a\n\nMAPPED_LIBRARIES:\n' > "$T/min.heap"
pprof_checks "$T/min.heap" "a gperftools heap profile" text
printf 'heap profile:   3213: 627704000 [  3213: 627704000] @ heap_v2/524288\n' > "$T/v2.heap"
pprof_checks "$T/v2.heap" "a gperftools heap profile" text
if command -v cc > /dev/null; then
  cat > "$T/prog.c" <<'C'
#include <stdlib.h>
#include <string.h>
static volatile double sink;
__attribute__((noinline)) void leaf(int n) { double s = 0; for (int i = 0; i < n; i++) s += i * 0.5; sink = s; }
int main(void) {
  for (int k = 0; k < 100; k++) { char *p = malloc(100000); memset(p, 1, 100000); leaf(1000000); }
  return 0;
}
C
  if cc -O1 -o "$T/cpu-prog" "$T/prog.c" -Wl,--no-as-needed -lprofiler 2> /dev/null; then
    CPUPROFILE=$T/real.prof "$T/cpu-prog" 2> /dev/null
    [ ! -s "$T/real.prof" ] || pprof_checks "$T/real.prof" "a gperftools CPU profile"
  fi
  if cc -O1 -o "$T/heap-prog" "$T/prog.c" -Wl,--no-as-needed -ltcmalloc 2> /dev/null; then
    HEAPPROFILE=$T/real "$T/heap-prog" 2> /dev/null
    [ ! -s "$T/real.0001.heap" ] || pprof_checks "$T/real.0001.heap" "a gperftools heap profile" text
  fi
fi

# --- bpftrace maps: an inline sample, and a real capture where bpftrace can run.
bpf_checks() {
  local f=$1 via="stackcollapse-bpftrace.pl $1" fg="(stackcollapse-bpftrace.pl comes with FlameGraph)"
  refused flame-collapse "this is bpftrace map output, not perf script text; flamekit does not read it; '$via' gives folded stacks $fg" "$f"
  refused flame-pprof "this is bpftrace map output, not a profile flame-pprof reads; flamekit does not read it; '$via' gives folded stacks $fg" "$f"
  refused flame-svg "this is bpftrace map output, not folded stacks; flamekit does not read it; fold it first: '$via | flame-svg' $fg" "$f"
  accepted flame-demangle "$f"
}
printf 'Attaching 1 probe...\n\n\n@[\n    leaf+20\n    main+53\n    __libc_start_call_main+122\n]: 41\n' > "$T/min.bt"
bpf_checks "$T/min.bt"
printf '@[\n    leaf+20\n]: 3\n' > "$T/bare.bt"
bpf_checks "$T/bare.bt"
if command -v bpftrace > /dev/null &&
   timeout -k 2 30 bpftrace -e 'BEGIN { @[ustack] = count(); exit(); }' > "$T/real.bt" 2> /dev/null &&
   grep -q '^@\[' "$T/real.bt"; then
  bpf_checks "$T/real.bt"
else
  echo "note: bpftrace cannot run here"
fi

# --- compressed by something else than gzip; and binary data of no known format.
printf '\050\265\057\375\044\000\001\000' > "$T/x.zst"
refused flame-collapse "this is zstd-compressed data, not perf script text; flamekit reads gzip only: 'zstd -dc $T/x.zst | flame-collapse'" "$T/x.zst"
refused flame-pprof "this is zstd-compressed data, not a profile flame-pprof reads; flamekit reads gzip only: 'zstd -dc $T/x.zst | flame-pprof'" "$T/x.zst"
refused flame-svg "this is zstd-compressed data, not folded stacks; flamekit reads gzip only: 'zstd -dc $T/x.zst | flame-svg'" "$T/x.zst"
refused_second "$T/x.zst" "this is zstd-compressed data, not folded stacks; flamekit reads gzip only: decompress it first (zstd -d)"
head -c 4096 /bin/sh > "$T/elf"
refused flame-collapse "this is binary data of a format flamekit does not know, not perf script text" "$T/elf"
refused flame-svg "this is binary data of a format flamekit does not know, not folded stacks" "$T/elf"
# flame-demangle reads unknown binary data as c++filt does (both drop the NUL bytes).
flame-demangle "$T/elf" > "$T/out"
if command -v c++filt > /dev/null; then c++filt -n < "$T/elf" | cmp - "$T/out"; fi
