#!/usr/bin/env bash
# flame-pprof on bad profiles: each gives exactly one line on stderr, "flame-pprof: FILE: offset 0x...:
# message" for the binary formats ("FILE:LINE: message" for text), exit 1, and no output file; none may
# allocate what the input merely claims (run under a 256 MB address-space limit, far below a "1 GB" count).
source "$(dirname "$0")/common.sh"
G=$TOP/tests/golden/pprof/inputs
gunzip -c "$G/go-cpu.pb.gz" > "$T/good.pb"
cp "$G/cpu.prof" "$T/good.prof"
# One bad input: FILE, expected message (an extended regex after "flame-pprof: ").
bad() {
  local file=$1 pattern=$2
  local rc=0
  (ulimit -v 262144; flame-pprof -o "$T/out.folded" "$file" > /dev/null 2> "$T/err") || rc=$?
  [ "$rc" -eq 1 ] || { echo "$file: exit $rc, not 1" >&2; cat "$T/err" >&2; return 1; }
  [ "$(wc -l < "$T/err")" -eq 1 ] || { echo "$file: not one line of error:" >&2; cat "$T/err" >&2; return 1; }
  grep -qE "^flame-pprof: $pattern\$" "$T/err" || { echo "$file: error does not match /$pattern/:" >&2; cat "$T/err" >&2; return 1; }
  [ ! -e "$T/out.folded" ] || { echo "$file: left an output file" >&2; return 1; }
}
bin() { printf "$2" > "$T/$1"; }

# protobuf
head -c 700 "$T/good.pb" > "$T/truncated.pb"
bad "$T/truncated.pb" "$T/truncated.pb: offset 0x[0-9a-f]+: (length [0-9]+ runs past the end|truncated varint).*"
bin bad-varint.pb '\x0a\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'
bad "$T/bad-varint.pb" "$T/bad-varint.pb: offset 0x1: varint overflows 64 bits"
bin absurd-length.pb '\x12\xff\xff\xff\xff\x03'
bad "$T/absurd-length.pb" "$T/absurd-length.pb: offset 0x6: length 1073741823 runs past the end \(0 bytes left\)"
bin packed-gigabyte.pb '\x12\x06\x0a\x84\x80\x80\x80\x04\x32\x00'
bad "$T/packed-gigabyte.pb" "$T/packed-gigabyte.pb: offset 0x8: length 1073741828 runs past the end .*"
bin string-index.pb '\x32\x00\x70\x5a'
bad "$T/string-index.pb" "$T/string-index.pb: offset 0x2: string index 90 out of range \(the table has 1\)"
bin duplicate-id.pb '\x22\x02\x08\x01\x22\x02\x08\x01\x32\x00'
bad "$T/duplicate-id.pb" "$T/duplicate-id.pb: offset 0x6: location id 1 defined twice"
bin unknown-location.pb '\x0a\x00\x12\x04\x08\x07\x10\x01\x32\x00'
bad "$T/unknown-location.pb" "$T/unknown-location.pb: offset 0x4: location id 7 not found"
gzip -c "$T/truncated.pb" | head -c 300 > "$T/cut.pb.gz"
bad "$T/cut.pb.gz" "$T/cut.pb.gz: .*"
# gperftools CPU
head -c 300 "$T/good.prof" > "$T/truncated.prof"
bad "$T/truncated.prof" "$T/truncated.prof: offset 0x[0-9a-f]+: (record of [0-9]+ frames, but only [0-9]+ bytes are left|truncated .*)"
bin gigabyte-record.prof '\0\0\0\0\0\0\0\0\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x10\x27\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0\0\0\0\0\0\0\0\x40\0\0\0\0'
bad "$T/gigabyte-record.prof" "$T/gigabyte-record.prof: offset 0x28: record of 1073741824 frames, but only 0 bytes are left"
bin header-only.prof '\0\0\0\0\0\0\0\0\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x10\x27\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0'
bad "$T/header-only.prof" "$T/header-only.prof: offset 0x28: truncated 8-byte integer \(3 bytes left\)"
# wrong magic, text of no known kind, empty input
head -c 4096 /dev/urandom | tr '\000-\010' 'x' > "$T/random.bin"
printf '\xff' | cat - "$T/random.bin" > "$T/noise.bin"
bad "$T/noise.bin" "$T/noise.bin: offset 0x0: not a profile flame-pprof reads \(see --input-format\)"
printf 'hello, world\n' > "$T/hello.txt"
bad "$T/hello.txt" "$T/hello.txt: offset 0x0: not a profile flame-pprof reads \(see --input-format\)"
: > "$T/empty"
bad "$T/empty" "$T/empty: empty input"
# heap text
printf 'heap profile: 1: 2 [1: 2] @ heapprofile\n1: 2 [1: 2] @ 0x1\nnot a sample\n' > "$T/bad.heap"
bad "$T/bad.heap" "$T/bad.heap:3: not a heap profile sample line .*"
printf 'heap profile: 1: 2 [1: 2] @ heapprofile\n0: 2 [0: 2] @ 0x1\n' > "$T/zero.heap"
bad "$T/zero.heap" "$T/zero.heap:2: allocation count was 0 but allocation bytes was 2|$T/zero.heap:2: inuse count was 0 but inuse bytes was 2"
# the wrong forced format
expect_fail 1 "^flame-pprof: $T/good.prof:1: not a heap profile header" flame-pprof --input-format heap "$T/good.prof"
expect_fail 1 "^flame-pprof: <stdin>: offset 0x0: protobuf field number 0" flame-pprof --input-format proto < "$T/good.prof"
# usage errors: exit 2
expect_fail 2 "^flame-pprof: --input-format xml: not one of" flame-pprof --input-format xml "$T/good.pb"
expect_fail 2 "^flame-pprof: --sample-index alloc_space must be one of: samples cpu" flame-pprof --sample-index alloc_space "$T/good.pb"
expect_fail 2 "^flame-pprof: --sample-index 7 is outside the range \[0..1\]" flame-pprof --sample-index 7 "$T/good.pb"
expect_fail 1 "^flame-pprof: .*/missing.pb: " flame-pprof "$T/missing.pb"
# profiles that count different things do not add up
expect_fail 1 "counts inuse_space/bytes but .* counts cpu/nanoseconds" flame-pprof "$T/good.pb" "$G/go-heap.pb.gz"
