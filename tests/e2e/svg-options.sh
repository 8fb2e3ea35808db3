#!/usr/bin/env bash
# flame-svg as a filter: files, standard input, gzip and several inputs give the same picture; -o writes
# atomically (gzip for .svgz); empty input gives flamegraph.pl's error picture and status 2; ignored lines
# are counted on stderr; --cp reads and rewrites a palette map in flamegraph.pl's format; --format json is
# the same tree; bad options are usage errors (exit 2).
source "$(dirname "$0")/common.sh"
IN=$SHARED/conformance/svg/inputs/example-perf.folded
[ -f "$IN" ] || skip "no $IN"
LIST="python3 $TOP/tests/conformance/svg_compare.py --list"

flame-svg "$IN" > "$T/file.svg"
flame-svg < "$IN" > "$T/stdin.svg"
cmp "$T/file.svg" "$T/stdin.svg"
gzip -c "$IN" > "$T/in.folded.gz"
flame-svg "$T/in.folded.gz" > "$T/gz.svg"
cmp "$T/file.svg" "$T/gz.svg"
gzip -c "$IN" | flame-svg > "$T/gzpipe.svg"
cmp "$T/file.svg" "$T/gzpipe.svg"

# Several inputs are summed: two halves give the picture of the whole.
head -n 300 "$IN" > "$T/a.folded"; tail -n +301 "$IN" > "$T/b.folded"
flame-svg "$T/b.folded" "$T/a.folded" > "$T/two.svg"
cmp "$T/file.svg" "$T/two.svg"
cat "$IN" "$IN" > "$T/twice.folded"
flame-svg "$T/twice.folded" > "$T/twice.svg"
grep -q 'data-fk-total="'"$(( $(awk '{ s += $NF } END { print s }' "$IN") * 2 ))"'"' "$T/twice.svg"

# -o: atomic, .svgz is gzip, nothing is left behind on failure.
flame-svg -o "$T/out.svg" "$IN"
cmp "$T/file.svg" "$T/out.svg"
flame-svg -o "$T/out.svgz" "$IN"
gzip -dc "$T/out.svgz" | cmp - "$T/file.svg"
expect_fail 1 'flame-svg: .*missing.folded' flame-svg -o "$T/never.svg" "$T/missing.folded"
[ ! -e "$T/never.svg" ]
[ -z "$(ls "$T" | grep -E '^never|\.tmp')" ]

# Empty input: flamegraph.pl's error picture, exit 2; ignored lines are counted.
: > "$T/empty.folded"
expect_fail 2 'ERROR: No stack counts found' flame-svg -o "$T/empty.svg" "$T/empty.folded"
grep -q 'ERROR: No valid input provided to flamegraph.pl.' "$T/empty.svg"
printf 'a;b 3\nnot a stack\nx 1\r\na 2\n' > "$T/some-bad.folded"
flame-svg "$T/some-bad.folded" > /dev/null 2> "$T/err"
grep -q 'ignored 2 lines with invalid format (first at .*some-bad.folded:2)' "$T/err"
grep -q 'stack count is low (5)' "$T/err"
flame-svg --countname bytes "$T/some-bad.folded" > /dev/null 2> "$T/err"
not grep -q 'stack count is low' "$T/err"

# --cp: the map is written sorted as name->rgb(...), and a colour in it wins on the next run.
mkdir "$T/cp"
(cd "$T/cp" && flame-svg --cp "$IN" > first.svg)
[ -s "$T/cp/palette.map" ]
grep -qvE '^.*->rgb\([0-9]+,[0-9]+,[0-9]+\)$' "$T/cp/palette.map" && exit 1
LC_ALL=C sort -c "$T/cp/palette.map"
cmp <($LIST "$T/file.svg") <($LIST "$T/cp/first.svg")   # same colours as without --cp
printf 'java->rgb(1,2,3)\n' >> "$T/cp/palette.map"
(cd "$T/cp" && flame-svg --cp "$IN" > second.svg)
grep -q '<title>java (.*fill="rgb(1,2,3)"' "$T/cp/second.svg"
grep -qx 'java->rgb(1,2,3)' "$T/cp/palette.map"
flame-svg --cp --palfile "$T/other.map" "$IN" > /dev/null
cmp <(grep -v '^java->' "$T/cp/palette.map") <(grep -v '^java->' "$T/other.map")

# --format json: the same frames as the SVG, values summing up.
flame-svg --format json --minwidth 0 "$IN" > "$T/tree.json"
flame-svg --minwidth 0 "$IN" > "$T/all.svg"
python3 - "$T/tree.json" "$T/all.svg" <<'PY'
import json, re, sys
tree = json.load(open(sys.argv[1]))
assert tree["name"] == "all", tree["name"]
count = 0
def walk(n):
    global count
    count += 1
    kids = n["children"]
    assert sum(k["value"] for k in kids) <= n["value"] + 1e-9, n["name"]
    for k in kids: walk(k)
walk(tree)
import xml.etree.ElementTree as ET
frames = sum(1 for g in ET.parse(sys.argv[2]).iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "fk-frame")
assert count == frames, (count, frames)
PY

# Usage errors.
expect_fail 2 'minwidth' flame-svg --minwidth 1px "$IN"
expect_fail 2 'palette' flame-svg --colors pink "$IN"
expect_fail 2 'bgcolors' flame-svg --bgcolors pink "$IN"
expect_fail 2 'format' flame-svg --format png "$IN"
expect_fail 2 'see --help' flame-svg --no-such-option "$IN"
flame-svg --version | grep -q '^flamekit 0.1'
flame-svg --help | grep -q -- '--flamechart'
# --color is --colors (flamegraph.pl accepts the abbreviation).
flame-svg --color java "$IN" | cmp - <(flame-svg --colors java "$IN")
