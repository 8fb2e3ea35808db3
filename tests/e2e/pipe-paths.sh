#!/usr/bin/env bash
# A path that names a pipe (`<(...)` gives /dev/fd/N) must read like the file itself. The tools first try
# to map an input; a pipe cannot be mapped, and the probe must not eat the bytes the reader they fall back
# to then reads (it once lost the first two, read to look for gzip's magic bytes).
source "$(dirname "$0")/common.sh"
perf=$TOP/tests/golden/collapse/inputs/modules.txt
mangled=$TOP/tests/golden/collapse/inputs/cxx-names.txt
flame-collapse "$perf" > "$T/a.folded"
for threads in 1 2; do
  flame-collapse --threads "$threads" <(cat "$perf") | cmp - "$T/a.folded"
  flame-demangle --threads "$threads" <(cat "$mangled") | cmp - <(flame-demangle "$mangled")
done
sed 's/ [0-9]*$/ 7/' "$T/a.folded" > "$T/b.folded"
flame-diff <(cat "$T/a.folded") <(cat "$T/b.folded") | cmp - <(flame-diff "$T/a.folded" "$T/b.folded")
flame-svg <(cat "$T/a.folded") 2> /dev/null | cmp - <(flame-svg "$T/a.folded" 2> /dev/null)
