#!/usr/bin/env bash
# flame-demangle against live `c++filt -n` on the golden hard cases and capture: byte-identical output, on a
# file, on standard input and on gzip input; -o writes atomically; the only deliberate difference (a ';'
# that demangling produces becomes ':') shows exactly where c++filt prints ';'; errors name the file.
source "$(dirname "$0")/common.sh"
command -v c++filt > /dev/null || skip "no c++filt"
G=$TOP/tests/golden/demangle/inputs
for input in "$G/hard-cases.txt" "$G/prog-O2-mangled.folded"; do
  c++filt -n < "$input" > "$T/ref"
  flame-demangle "$input" > "$T/file"
  cmp "$T/ref" "$T/file"
  flame-demangle < "$input" > "$T/stdin"
  cmp "$T/ref" "$T/stdin"
  gzip -c "$input" > "$T/in.gz"
  flame-demangle "$T/in.gz" > "$T/gz"
  cmp "$T/ref" "$T/gz"
done

# Several files are read in order, like cat.
cat "$G/prog-O2-mangled.folded" "$G/hard-cases.txt" | c++filt -n > "$T/ref2"
flame-demangle "$G/prog-O2-mangled.folded" "$G/hard-cases.txt" > "$T/two"
cmp "$T/ref2" "$T/two"

# -o: the complete output appears under the name, nothing else is left beside it.
mkdir "$T/out"
flame-demangle -o "$T/out/result.folded" "$G/prog-O2-mangled.folded"
c++filt -n < "$G/prog-O2-mangled.folded" | cmp - "$T/out/result.folded"
[ "$(ls "$T/out")" = result.folded ]
flame-demangle -o "$T/out/result.folded.gz" "$G/prog-O2-mangled.folded"
gzip -dc "$T/out/result.folded.gz" | cmp - "$T/out/result.folded"

# A Rust v0 array type demangles with a ';': c++filt prints it, flame-demangle writes ':' there and only there.
printf 'main;_RINvCs1234_7mycrate3fooAhj4_EB2_;_ZN3foo3barEv 5\n' > "$T/rust"
c++filt -n < "$T/rust" > "$T/rust.ref"
grep -q 'u8; 4' "$T/rust.ref"
flame-demangle "$T/rust" > "$T/rust.ours"
[ "$(tr ';' ':' < "$T/rust.ref")" = "$(tr ';' ':' < "$T/rust.ours")" ]
[ "$(tr -cd ';' < "$T/rust.ours")" = ";;" ]

# Errors: a missing input is named, exit 1, and -o leaves nothing behind.
expect_fail 1 '^flame-demangle: .*missing\.txt' flame-demangle -o "$T/out/x" "$T/missing.txt"
[ ! -e "$T/out/x" ]
expect_fail 2 'flame-demangle: .*bogus' flame-demangle --bogus
flame-demangle --version | grep -qx 'flamekit 0.1'
