#!/usr/bin/env bash
# flame-svg writes valid XML whatever the input: control characters, invalid UTF-8, markup and quotes in
# frame names, titles and options; long UTF-8 names are cut at a character boundary; a frame name can
# never add an element (the only <script> is ours). Checked with xmllint and Python's XML parser.
source "$(dirname "$0")/common.sh"
command -v xmllint > /dev/null || skip "xmllint (libxml2-utils) is not installed"

# Nasty names, one per line; a long UTF-8 name is wide enough to be cut.
long=$(printf '\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e%.0s' $(seq 1 80))
{
  printf 'main;<script>alert(1)</script>;x 40\n'
  printf 'main;]]></script><script>alert(2)</script> 30\n'
  printf 'main;"quoted" & '"'"'single'"'"' <b>&amp;</b> 20\n'
  printf 'main;ctl\x01\x02\x1b[31m\x7f;bell\x07 10\n'
  printf 'main;nul\x00byte 10\n'
  printf 'main;bad\xff\xfe utf8 \xc3;trunc\xe6\x97 10\n'
  printf 'main;surrogate\xed\xa0\x80;nonchar\xef\xbf\xbe 10\n'
  printf 'main;c1\xc2\x85\xc2\x9f 10\n'
  printf 'main;%s 200\n' "$long"
  printf 'main;<!-- comment -->;--> 10\n'
  printf 'main;tab\there 10\n'
} > "$T/nasty.folded"

check_xml() {  # check_xml FILE: well-formed XML, one <script>, parsable by Python
  xmllint --noout "$1"
  [ "$(grep -c '<script' "$1")" -eq 1 ]
  python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$1"
}

for opts in "" "--hash" "--inverted" "--reverse" "--flamechart" "--colors java" "--minwidth 0" "--cp"; do
  (cd "$T" && flame-svg $opts nasty.folded > "$T/out.svg" 2> /dev/null)
  check_xml "$T/out.svg"
done

# The long name: cut labels end in ".." and stay valid UTF-8 (xmllint would reject a split character).
flame-svg "$T/nasty.folded" > "$T/out.svg" 2> /dev/null
grep -q $'\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\\.\\.</text>\|\xe8\xaa\x9e\xe6\x97\xa5\\.\\.</text>\|\xe6\x9c\xac\\.\\.</text>' "$T/out.svg"
iconv -f UTF-8 -t UTF-8 "$T/out.svg" > /dev/null
# No control character or raw markup from the input reached the file.
not grep -q $'\x01\|\x1b\|\x07' "$T/out.svg"
not grep -q '<b>' "$T/out.svg"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/out.svg"

# Options with markup, quotes, comment terminators and control characters.
flame-svg --title '</text><script>x</script>' --subtitle '"&'"'"'<>' --notes 'a --> b <c> -' \
  --countname 'b"y<t>es' --nametype '<Func>:' --fonttype 'Verdana" onload="x' --encoding UTF-8 \
  "$T/nasty.folded" > "$T/opts.svg" 2> /dev/null
check_xml "$T/opts.svg"
grep -q 'encoding="UTF-8"' "$T/opts.svg"

# --nameattr values with markup (href, title, class) are escaped too.
printf 'main\thref=https://x/?a=1&b="2"\ttitle=<t> & "u"\tclass=c"d\n' > "$T/attrs"
flame-svg --nameattr "$T/attrs" "$T/nasty.folded" > "$T/attrs.svg" 2> /dev/null
check_xml "$T/attrs.svg"
grep -q '<a xlink:href="https://x/?a=1&amp;b=&quot;2&quot;" target="_top">' "$T/attrs.svg"

# The "no valid input" picture, and JSON output, are valid too.
printf 'no counts here\n' > "$T/empty.folded"
rc=0; flame-svg --title '<&>' "$T/empty.folded" > "$T/empty.svg" 2> /dev/null || rc=$?
[ "$rc" -eq 2 ]
xmllint --noout "$T/empty.svg"
flame-svg --format json "$T/nasty.folded" 2> /dev/null | python3 -c 'import json, sys; json.load(sys.stdin)'
