#!/usr/bin/env bash
# flame-demangle --threads 2 on a multi-block input (the golden inputs repeated to ~10 MB, so several 4 MiB
# blocks and an odd tail): byte-identical to --threads 1 and to live `c++filt -n`; on standard input and gzip
# input it falls back to one thread with the same output; a bad count is a usage error.
source "$(dirname "$0")/common.sh"
command -v c++filt > /dev/null || skip "no c++filt"
G=$TOP/tests/golden/demangle/inputs
for i in $(seq 70); do cat "$G/hard-cases.txt" "$G/prog-O2-mangled.folded"; done > "$T/big"
printf '_ZN3foo3barEv;main 1' >> "$T/big"  # a last line without '\n'
[ "$(stat -c %s "$T/big")" -gt $((9 << 20)) ]  # three 4 MiB blocks, the last one short
flame-demangle --threads 1 "$T/big" > "$T/one"
flame-demangle --threads 2 "$T/big" > "$T/two"
cmp "$T/one" "$T/two"
c++filt -n < "$T/big" > "$T/ref"
cmp "$T/ref" "$T/two"
flame-demangle --threads 3 "$G/prog-O2-mangled.folded" "$T/big" > "$T/three"
cat "$G/prog-O2-mangled.folded" "$T/big" | c++filt -n | cmp - "$T/three"
flame-demangle --threads 2 < "$T/big" | cmp "$T/ref" -
gzip -c "$T/big" > "$T/big.gz"
flame-demangle --threads 2 "$T/big.gz" | cmp "$T/ref" -
flame-demangle --threads 2 --no-params --no-templates "$T/big" > "$T/short2"
flame-demangle --no-params --no-templates "$T/big" > "$T/short1"
cmp "$T/short1" "$T/short2"
flame-demangle --threads 2 -o "$T/out.folded" "$T/big"
cmp "$T/ref" "$T/out.folded"
expect_fail 2 'flame-demangle: .*--threads' flame-demangle --threads 0 "$T/big"
