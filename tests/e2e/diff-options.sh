#!/usr/bin/env bash
# flame-diff beyond the golden cases: unsorted and concatenated inputs give difffolded.pl's lines too (the
# hash and run-merge paths), standard input and gzip work, --top/--report/--min-delta do what the man page
# says, and bad input fails with file:line and exit 1.
source "$(dirname "$0")/common.sh"
G=$TOP/tests/golden/diff/inputs

# Unsorted, repeated and concatenated stacks, compared with difffolded.pl (sorted) when it is here.
if have_difffolded; then
  awk 'NR % 2' "$G/prog-O0.folded" > "$T/odd"; awk '!(NR % 2)' "$G/prog-O0.folded" > "$T/even"
  cat "$T/even" "$T/odd" > "$T/runs.folded"               # two sorted runs, overlapping ranges
  sort -r "$G/prog-O2.folded" > "$T/reversed.folded"      # unsorted
  cat "$G/prog-O2.folded" "$G/prog-O2.folded" > "$T/twice.folded"   # every stack twice
  sed 's/^prog-O2;/worker-1;/' "$G/prog-O2.folded" > "$T/w1"; sed 's/^prog-O2;/worker-2;/' "$G/prog-O2.folded" > "$T/w2"
  cat "$T/w2" "$T/w1" > "$T/concat.folded"                # sorted runs with disjoint ranges
  for pair in "runs reversed" "reversed runs" "twice runs" "concat w1" "w1 concat"; do
    set -- $pair
    a=$T/$1; [ -f "$a" ] || a=$T/$1.folded
    b=$T/$2; [ -f "$b" ] || b=$T/$2.folded
    same_as_difffolded "$a" "$b"
    same_as_difffolded -n "$a" "$b"
  done
fi

# Standard input for either side, and gzip.
flame-diff "$G/prog-O0.folded" "$G/prog-O2.folded" > "$T/files"
flame-diff - "$G/prog-O2.folded" < "$G/prog-O0.folded" > "$T/stdin1"
cmp "$T/files" "$T/stdin1"
gzip -c "$G/prog-O2.folded" | flame-diff "$G/prog-O0.folded" - > "$T/stdin2"
cmp "$T/files" "$T/stdin2"
flame-diff -o "$T/out.folded" "$G/prog-O0.folded" "$G/prog-O2.folded"
cmp "$T/files" "$T/out.folded"

# --top: a table on stderr, stdout unchanged; --report puts the same table in a file.
printf 'main;a 10\nmain;b 5\nmain;c;d 20\nmain;c 1\n' > "$T/before"
printf 'main;a 10\nmain;b 50\nmain;c;d 2\nmain;e 3\n' > "$T/after"
flame-diff --top 3 "$T/before" "$T/after" > "$T/top.out" 2> "$T/top.err"
flame-diff "$T/before" "$T/after" | cmp - "$T/top.out"
cat > "$T/top.expected" <<'TXT'
flame-diff: top 3 of 6 functions by change (before: BEFORE, total 36; after: AFTER, total 65)
 incl-before  incl-after  incl-delta   incl-%  self-before  self-after  self-delta   self-%  function
           5          50         +45  +900.0%            5          50         +45  +900.0%  b
          36          65         +29   +80.6%            0           0           0     0.0%  main
          21           2         -19   -90.5%            1           0          -1  -100.0%  c
TXT
sed "s|BEFORE|$T/before|; s|AFTER|$T/after|" "$T/top.expected" | cmp - "$T/top.err"
flame-diff --top 3 --report "$T/report.txt" "$T/before" "$T/after" > /dev/null 2> "$T/report.err"
cmp "$T/top.err" "$T/report.txt"
[ ! -s "$T/report.err" ]
# ranked by the larger of the inclusive and self changes: d (18) before e (3) and a (0)
flame-diff --top 6 "$T/before" "$T/after" 2>&1 > /dev/null | awk 'NR > 2 { print $NF }' | tr '\n' ' ' | grep -qx 'b main c d e a '
flame-diff --top 6 "$T/before" "$T/after" 2>&1 > /dev/null | grep -E ' new +e$' | grep -q ' +3 '

# --min-delta 10: hide stacks with |after - before| < 10% of max(36, 65) = 6.5
flame-diff --min-delta 10 "$T/before" "$T/after" > "$T/min"
printf 'main;b 5 50\nmain;c;d 20 2\n' | cmp - "$T/min"
flame-diff --min-delta 0 "$T/before" "$T/after" | cmp - "$T/top.out"
# with -n the first column (and its total) is scaled first: 36 -> 65
flame-diff -n --min-delta 10 "$T/before" "$T/after" > "$T/min-n"
printf 'main;a 18 10\nmain;b 9 50\nmain;c;d 36 2\n' | cmp - "$T/min-n"

# Bad input: file:line, exit 1, nothing on stdout; missing files; usage errors exit 2.
printf 'main;a 10\nmain;b five\n' > "$T/bad"
expect_fail 1 "^flame-diff: $T/bad:2: " flame-diff "$T/before" "$T/bad"
[ ! -s "$T/expect_fail.out" ]
expect_fail 1 "^flame-diff: <stdin>:2: " flame-diff - "$T/before" < "$T/bad"
printf 'main;a 10\n\nmain;b 2\n' > "$T/blank"
flame-diff "$T/blank" "$T/blank" | cmp - <(printf 'main;a 10 10\nmain;b 2 2\n')
expect_fail 1 "flame-diff: .*missing\.folded" flame-diff "$T/before" "$T/missing.folded"
expect_fail 1 "flame-diff: .*missing\.folded" flame-diff -o "$T/never" "$T/missing.folded" "$T/before"
[ ! -e "$T/never" ]
expect_fail 2 'two folded profiles' flame-diff "$T/before"
expect_fail 2 'standard input' flame-diff - -
expect_fail 2 '--report needs --top' flame-diff --report "$T/r" "$T/before" "$T/after"
expect_fail 2 '--min-delta' flame-diff --min-delta 120 "$T/before" "$T/after"
flame-diff --version | grep -qx 'flamekit 0.1'
