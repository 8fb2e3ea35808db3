#!/usr/bin/env bash
# collapse-unparsable (issue 13, item 6): input that is mostly not perf script text gives an error and no
# stacks. The rule: when more than half of the non-blank lines are unrecognized, flame-collapse writes
# nothing and exits 1 (a 20 KB random file once gave a 258-byte junk stack, with exit 1 but output that
# looked like a profile; stackcollapse-perf.pl printed nothing there). Random inputs are made now, from
# several seeds: text-like bytes (words, numbers, blank lines: some lines parse as sample headers by
# chance), and raw bytes (refused as binary before any line is read).
source "$(dirname "$0")/common.sh"

# 20 KB of words, numbers, colons and brackets, with short lines and blank lines.
texty() {
  awk -v seed="$1" 'BEGIN {
    srand(seed); n = split("a b cc java x1 12 345 6789 1.5 2.000001: [000] ( ) :", tok, " ")
    while (bytes < 20480) {
      r = rand()
      if (r < 0.15) s = "\n"; else if (r < 0.45) s = " "; else s = tok[int(rand() * n) + 1]
      printf "%s", s; bytes += length(s)
    }
  }'
}
# 20 KB of raw bytes.
raw() { awk -v seed="$1" 'BEGIN { srand(seed); for (i = 0; i < 20480; i++) printf "%c", int(rand() * 256) }'; }

junk_before=0
for seed in 1 2 3 4 5 6 7 8; do
  texty "$seed" > "$T/text-$seed"
  lines=$(grep -cv '^[[:space:]]*$' "$T/text-$seed" || true)
  expect_fail 1 "^flame-collapse: $T/text-$seed: [0-9]+ of the [0-9]+ non-blank lines \([0-9]+%\) are not perf script output; nothing written$" \
    flame-collapse "$T/text-$seed"
  [ ! -s "$T/expect_fail.out" ]
  # The first bad line is still named, before the verdict.
  grep -q "^flame-collapse: warning: $T/text-$seed:[0-9]*: unrecognized line" "$T/expect_fail.err"
  bad=$(grep -oE '[0-9]+ of the' "$T/expect_fail.err" | grep -oE '^[0-9]+')
  [ "$((bad * 2))" -gt "$lines" ]
  expect_fail 1 "nothing written" flame-collapse --threads 2 - < "$T/text-$seed"
  [ ! -s "$T/expect_fail.out" ]
  # -o: no file appears.
  expect_fail 1 "nothing written" flame-collapse -o "$T/out.folded" "$T/text-$seed"
  [ ! -e "$T/out.folded" ]

  raw "$seed" > "$T/raw-$seed"
  expect_fail 1 "^flame-collapse: $T/raw-$seed: this is binary data of a format flamekit does not know, not perf script text$" \
    flame-collapse "$T/raw-$seed"
  [ ! -s "$T/expect_fail.out" ]
done

# The boundary: half the lines bad is still a profile with warnings (exit 1, stacks written); more is not.
printf 'app 1 [000] 1.0: 5 cycles:\nnot perf output\n\n' > "$T/half.txt"
expect_fail 1 "unrecognized line: not perf output" flame-collapse "$T/half.txt"
[ "$(cat "$T/expect_fail.out")" = "app 5" ]
printf 'app 1 [000] 1.0: 5 cycles:\nnot perf output\nnor this\n\n' > "$T/most.txt"
expect_fail 1 "most.txt: 2 of the 3 non-blank lines \(67%\) are not perf script output; nothing written$" flame-collapse "$T/most.txt"
[ ! -s "$T/expect_fail.out" ]
# Blank lines do not count: a few samples between many blank lines are fine.
printf '\n\n\n\napp 1 [000] 1.0: 5 cycles:\n\t1 f (/m)\n\n\n\n\n' > "$T/blanks.txt"
[ "$(flame-collapse "$T/blanks.txt")" = "app;f 5" ]
