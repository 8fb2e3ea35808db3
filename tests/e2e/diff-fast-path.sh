#!/usr/bin/env bash
# flame-diff's two paths must print the same bytes. Two regular files made of at most 16 sorted runs take
# the streaming path (lib/diff/sorted_merge.h); a pipe or standard input takes the general one (DiffSet),
# which the golden tests check against difffolded.pl. The inputs here are built to hit what the streaming
# path has to get right: several runs per file, the same stack in several runs and twice in a row, stacks
# followed by ' ' or '\t' (line order differs from stack order), fractional counts, an empty stack, CRLF,
# no newline at the end, lines changed in place (set aside and merged back), enough stacks to be cut into
# parts, -n, and the cases it must hand back (too many runs, shuffled lines, a blank line). With a FlameGraph checkout, difffolded.pl is compared too (but on CRLF and blank
# lines, which it misreads).
source "$(dirname "$0")/common.sh"

awk -v dir="$T" 'BEGIN {
  split(";g|;g;h|", tails, "|")
  for (k = 0; k < 30000; k++) {
    s = "w" (k % 5) ";f" int(k / 5) % 1500 tails[int(k / 7) % 3 + 1]
    count = (k % 9 == 0) ? (k % 4) ".5" : (k % 13 + 1)
    print s " " count > (dir "/a.all")
    if (k % 4) print s " " (k % 17 + 2) > (dir "/b.all")
    if (k % 7 == 0) print s " " 1 > (dir "/b.all")   # the same stack again, sorted next to the first
  }
  # A few stacks that continue another with a byte <= " ": as lines they sort before it, so a file sorted
  # as lines has them out of stack order (a new run each), and the output must put them back in line order.
  split("w1;f7|w3;f700|w4;f1499", bases, "|")
  for (i = 1; i <= 3; i++) {
    print bases[i] " x 5" > (dir "/a.all"); print bases[i] "\tx 6" > (dir "/a.all")
    print bases[i] "\tx 2" > (dir "/b.all"); print bases[i] " 1 3" > (dir "/b.all")
  }
  print " 4" > (dir "/a.all")                        # an empty stack
}'
LC_ALL=C sort "$T/a.all" > "$T/a.sorted"
LC_ALL=C sort "$T/b.all" > "$T/b.sorted"
# Three sorted runs, the same stacks in more than one of them.
{ LC_ALL=C sort "$T/a.all" | awk 'NR % 3 == 0'; LC_ALL=C sort "$T/a.all" | awk 'NR % 2 == 0'
  LC_ALL=C sort "$T/a.all" | awk 'NR % 5 == 1'; } > "$T/a.runs3"
# 20 sorted runs: more than the streaming path takes.
for r in $(seq 1 20); do awk -v r="$r" 'NR % 20 == r - 1' "$T/a.sorted"; done > "$T/a.runs20"
# Sorted files with lines changed in place: raised ones (spikes) and lowered ones (dips) are set aside and
# merged back; shuffled lines are too many to set aside.
awk 'NR % 11 == 0 { sub(/;/, ";zz;") } NR % 17 == 0 { sub(/;/, ";a;") } { print }' "$T/b.sorted" > "$T/b.changed"
awk '{ print (NR * 7919) % 30011, $0 }' "$T/b.sorted" | sort -n | cut -d' ' -f2- > "$T/b.shuffled"
sed 's/$/\r/' "$T/b.sorted" > "$T/b.crlf"
head -c -1 "$T/a.sorted" > "$T/a.nonl"   # no '\n' after the last line
awk 'NR == 500 { print "" } { print }' "$T/b.sorted" > "$T/b.blank"

n=0
for pair in "a.sorted b.sorted" "b.sorted a.sorted" "a.runs3 b.sorted" "b.sorted a.runs3" "a.runs20 b.sorted" \
            "a.sorted b.changed" "b.changed a.runs3" "a.sorted b.shuffled" \
            "a.sorted b.crlf" "a.nonl b.sorted" "a.sorted b.blank" "a.runs3 a.runs3"; do
  set -- $pair
  for opt in "" -n; do
    flame-diff $opt "$T/$1" "$T/$2" > "$T/fast"
    flame-diff $opt "$T/$1" <(cat "$T/$2") > "$T/general"
    cmp "$T/fast" "$T/general" || { echo "paths differ: flame-diff $opt $1 $2" >&2; exit 1; }
    LC_ALL=C sort -c "$T/fast"
    case "$1 $2" in *crlf*|*blank*) ;;  # difffolded.pl misreads both (flame-diff(1), DIFFERENCES)
      *) if have_difffolded; then same_as_difffolded $opt "$T/$1" "$T/$2"; fi ;;
    esac
    n=$((n + 1))
  done
done
[ "$n" -eq 24 ]

# -o, and gzip output, from the streaming path.
flame-diff -o "$T/out.folded" "$T/a.runs3" "$T/b.sorted"
cmp "$T/out.folded" <(flame-diff "$T/a.runs3" "$T/b.sorted")
flame-diff -o "$T/out.folded.gz" "$T/a.runs3" "$T/b.sorted"
gzip -dc "$T/out.folded.gz" | cmp - "$T/out.folded"

# A bad line is reported with its file and line number, and nothing is written.
awk 'NR == 1234 { print "no count here"; next } { print }' "$T/a.sorted" > "$T/a.bad"
expect_fail 1 "^flame-diff: $T/a.bad:1234: expected a folded stack line" flame-diff "$T/a.bad" "$T/b.sorted"
[ ! -s "$T/expect_fail.out" ]
expect_fail 1 "^flame-diff: $T/a.bad:1234: " flame-diff -o "$T/never" "$T/a.bad" "$T/b.sorted"
[ ! -e "$T/never" ]
