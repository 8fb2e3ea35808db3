#!/usr/bin/env bash
# collapse-errors: bad input and bad usage give one-line messages and the documented exit codes.
source "$(dirname "$0")/common.sh"
printf 'app 1 [000] 1.0: 5 cycles:\n\t1 f (/m)\nthis is not perf output\n\n' > "$T/bad.txt"

# A bad line is a warning with its position; the rest is still collapsed; the exit status says so (1).
expect_fail 1 "^flame-collapse: warning: .*bad.txt:3: unrecognized line: this is not perf output$" \
  flame-collapse "$T/bad.txt"
[ "$(cat "$T/expect_fail.out")" = "app;f 5" ]
# --strict: the first bad line is fatal, nothing is printed.
expect_fail 1 "^flame-collapse: .*bad.txt:3: unrecognized line" flame-collapse --strict "$T/bad.txt"
[ ! -s "$T/expect_fail.out" ]
# Repeats are summarised, not printed per line.
{ cat "$T/bad.txt"; cat "$T/bad.txt"; cat "$T/bad.txt"; } > "$T/bad3.txt"
expect_fail 1 "2 more like that \(unrecognized-line\)" flame-collapse "$T/bad3.txt"
[ "$(grep -c 'unrecognized line' "$T/expect_fail.err")" -eq 1 ]

expect_fail 1 "^flame-collapse: .*no-such-file" flame-collapse "$T/no-such-file"
expect_fail 2 "context needs --inline" flame-collapse --context "$T/bad.txt"
expect_fail 2 "threads" flame-collapse --threads 0 "$T/bad.txt"
expect_fail 2 "see --help" flame-collapse --no-such-flag "$T/bad.txt"
printf '\037\213garbage' > "$T/broken.gz"
expect_fail 1 "^flame-collapse: .*broken.gz" flame-collapse "$T/broken.gz"
# -o is written atomically: a failed run leaves no output file behind.
expect_fail 1 "unrecognized" flame-collapse --strict -o "$T/out.folded" "$T/bad.txt"
[ ! -e "$T/out.folded" ]

# Multiple events: the first is counted and a note says what was skipped; -v lists them.
printf 'a 1 [000] 1.0: 3 cycles:\n\t1 f (/m)\n\na 1 [000] 1.1: 4 instructions:\n\t1 g (/m)\n\n' > "$T/two.txt"
flame-collapse -v "$T/two.txt" > "$T/out" 2> "$T/err"
[ "$(cat "$T/out")" = "a;f 3" ]
grep -q "counted only the first event, cycles; skipped 1 samples of instructions" "$T/err"
grep -q "event instructions: 1 samples$" "$T/err"
grep -q "event cycles: 1 samples (counted)" "$T/err"
[ "$(flame-collapse --event-filter instructions "$T/two.txt")" = "a;g 4" ]

# Mostly [unknown] frames: a warning about missing symbols.
printf 'a 1 [000] 1.0: cycles:\n\t1 [unknown] ([unknown])\n\t2 [unknown] ([unknown])\n\t3 main (/m)\n\n' > "$T/unk.txt"
flame-collapse "$T/unk.txt" 2> "$T/err" > /dev/null
grep -q "67% of the frames (2 of 3) have no symbol" "$T/err"
# A last sample without its blank line is dropped (as the script does) with a warning.
printf 'a 1 [000] 1.0: cycles:\n\t1 f (/m)\n' > "$T/open.txt"
[ -z "$(flame-collapse "$T/open.txt" 2> "$T/err")" ]
grep -q "ends inside a sample" "$T/err"
# ... but a capture cut in the middle of a line still counts its last sample.
printf 'a 1 [000] 1.0: cycles:\n\t1 f (/m)\n\t2 main (/m' > "$T/cut.txt"
[ "$(flame-collapse "$T/cut.txt" 2> /dev/null)" = "a;f 1" ]
