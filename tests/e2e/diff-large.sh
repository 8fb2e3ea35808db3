#!/usr/bin/env bash
# flame-diff on inputs large enough to be paired in several parts (DiffSet splits above 16k stacks), sorted,
# shuffled, with stacks that are prefixes of others followed by ' ' or '\t' (so stack order and line order
# differ), compared with difffolded.pl (sorted) for the default and -n, and the same for standard input.
source "$(dirname "$0")/common.sh"
have_difffolded || skip "needs difffolded.pl from a FlameGraph checkout (FLAMEGRAPH_DIR, default ../FlameGraph)"
awk 'BEGIN {
  split(" x|\tx|;g|;g;h| 1|", tails, "|")
  for (k = 0; k < 40000; k++) {
    s = "w" (k % 7) ";f" int(k / 7) % 900 tails[k % 6 + 1]
    print s " " (k % 13 + 1) > "'"$T"'/a.folded"
    if (k % 5) print s " " (k % 17 + 2) > "'"$T"'/b.folded"
  }
}'
LC_ALL=C sort "$T/a.folded" > "$T/a.sorted"
awk '{ print (NR * 7919) % 40009, $0 }' "$T/b.folded" | sort -n | cut -d' ' -f2- > "$T/b.shuffled"
for pair in "a.sorted b.shuffled" "b.shuffled a.folded" "a.folded a.sorted"; do
  set -- $pair
  same_as_difffolded "$T/$1" "$T/$2"
  same_as_difffolded -n "$T/$1" "$T/$2"
done
flame-diff - "$T/b.shuffled" < "$T/a.sorted" | cmp - <(flame-diff "$T/a.sorted" "$T/b.shuffled")
cat "$T/a.folded" | flame-diff -n "$T/b.shuffled" - | cmp - <(flame-diff -n "$T/b.shuffled" "$T/a.folded")
