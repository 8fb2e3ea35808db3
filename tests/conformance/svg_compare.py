#!/usr/bin/env python3
"""svg_compare.py REFERENCE.svg[.gz] OURS.svg[.gz]: do two flame graphs show the same thing?

Prints a normalized listing of what a person sees in each SVG and compares them:
  - the image size, the background gradient, the font family and sizes;
  - the title, subtitle, details, Reset Zoom, Search, ic and Matched texts with their positions;
  - every frame as (tooltip, x, y, width, height, fill, label, label position), as a multiset.
Whitespace, attribute order, element order and the wiring (ids vs classes, scripts) do not matter.

REFERENCE is flamegraph.pl output. It is read with tolerant regular expressions, since flamegraph.pl can
write invalid XML (unescaped titles, notes, nameattr values). OURS must be valid XML: it is read with
xml.etree, so a parse error fails the comparison.

Text is compared after the differences flame-svg makes on purpose (documented in flame-svg(1)):
entities are decoded on both sides; invalid UTF-8 (one U+FFFD per maximal invalid subpart) and control
characters (C0 but TAB, DEL, C1, U+FFFE, U+FFFF) become U+FFFD on both sides.

Exit status 0 if the listings agree; 1 and the first differences otherwise; 2 on a usage or parse error.
With --list FILE, prints the listing of one file (reference rules if --reference is also given).
"""
import gzip
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

SVG_NS = "{http://www.w3.org/2000/svg}"
CONTROLS = ["title", "subtitle", "details", "unzoom", "search", "ignorecase", "matched"]


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def clean(text):
    """The text a person sees: control and non-characters as U+FFFD, as flame-svg writes them."""
    out = []
    for ch in text:
        c = ord(ch)
        if (c < 0x20 and ch != "\t") or 0x7F <= c <= 0x9F or c in (0xFFFE, 0xFFFF) or 0xD800 <= c <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def num(value):
    """A coordinate as a number, so "10" and "10.0" agree."""
    v = float(value)
    return repr(v)


def rect_key(attrs):
    return "x=%s y=%s w=%s h=%s fill=%s" % (num(attrs["x"]), num(attrs["y"]), num(attrs["width"]),
                                            num(attrs["height"]), attrs["fill"])


def text_key(attrs):
    return "at=%s,%s" % (num(attrs["x"]), num(attrs["y"]))


ATTR_RE = re.compile(r'([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"')


def attrs_of(text):
    return {k: html.unescape(v) for k, v in ATTR_RE.findall(text)}


def listing_reference(data):
    doc = data.decode("utf-8", errors="replace")
    lines = []
    m = re.search(r"<svg\b([^>]*)>", doc)
    svg = attrs_of(m.group(1))
    lines.append("svg width=%s height=%s" % (num(svg["width"]), num(svg["height"])))
    stops = re.findall(r'<stop stop-color="([^"]*)"', doc)
    if stops:
        lines.append("background %s" % " ".join(stops))
    m = re.search(r"text \{ font-family:([^;]*); font-size:([0-9.]+)px;", doc)
    if m:
        lines.append("font family=%s size=%s" % (m.group(1), num(m.group(2))))
    m = re.search(r"#title \{[^}]*font-size:([0-9.]+)px", doc)
    if m:
        lines.append("font title-size=%s" % num(m.group(1)))
    for m in re.finditer(r'<text id="([a-z]+)"([^>]*)>(.*?)</text>', doc, re.S):
        name, attrs, text = m.group(1), attrs_of(m.group(2)), m.group(3)
        lines.append("control %s %s %r" % (name, text_key(attrs), clean(html.unescape(text))))
    frames_at = doc.find('<g id="frames">')
    head = doc if frames_at < 0 else doc[:frames_at]
    for m in re.finditer(r'<text  ([^>]*)>(.*?)</text>', head, re.S):  # the "no valid input" message
        lines.append("message %s %r" % (text_key(attrs_of(m.group(1))), clean(html.unescape(m.group(2)))))
    if frames_at >= 0:
        frame_re = re.compile(r"<title>(.*?)</title>\s*<rect ([^>]*?)/?>\s*<text ([^>]*)>(.*?)</text>", re.S)
        for m in frame_re.finditer(doc, frames_at):
            title, rect, text_attrs, label = m.groups()
            lines.append("frame %r %s label=%r %s" % (clean(html.unescape(title)), rect_key(attrs_of(rect)),
                                                       clean(html.unescape(label)), text_key(attrs_of(text_attrs))))
    return lines


def classes(el):
    return (el.get("class") or "").split()


def text_of(el):
    return "".join(el.itertext()) if el is not None else ""


def listing_ours(data):
    root = ET.fromstring(data)
    if root.tag != SVG_NS + "svg":
        raise ValueError("root element is %s, not svg" % root.tag)
    lines = ["svg width=%s height=%s" % (num(root.get("width")), num(root.get("height")))]
    stops = [s.get("stop-color") for s in root.iter(SVG_NS + "stop")]
    if stops:
        lines.append("background %s" % " ".join(stops))
    frames_group = None
    for el in root.iter():
        cls = classes(el)
        if "fk-frames" in cls:
            frames_group = el
        if el.tag != SVG_NS + "text":
            continue
        controls = [c[3:] for c in cls if c.startswith("fk-") and c[3:] in CONTROLS]
        if controls:
            lines.append("control %s %s %r" % (controls[0], text_key(el.attrib), clean(text_of(el))))
            if controls[0] == "title" and el.get("font-size"):
                lines.append("font title-size=%s" % num(el.get("font-size")))
    if root.get("font-family") is not None:
        lines.append("font family=%s size=%s" % (root.get("font-family"), num(root.get("font-size"))))
    if frames_group is None:
        for el in root.findall(SVG_NS + "text"):
            lines.append("message %s %r" % (text_key(el.attrib), clean(text_of(el))))
        return lines
    for g in frames_group.iter(SVG_NS + "g"):
        if "fk-frame" not in classes(g):
            continue
        title = g.find(SVG_NS + "title")
        rect = g.find(SVG_NS + "rect")
        text = g.find(SVG_NS + "text")
        lines.append("frame %r %s label=%r %s" % (clean(text_of(title)), rect_key(rect.attrib), clean(text_of(text)),
                                                   text_key(text.attrib)))
    return lines


def main(argv):
    if len(argv) == 3 and argv[0] == "--list":
        data = read_bytes(argv[2])
        for line in sorted(listing_reference(data) if argv[1] == "--reference" else listing_ours(data)):
            print(line)
        return 0
    if len(argv) == 2 and argv[0] == "--list":
        for line in sorted(listing_ours(read_bytes(argv[1]))):
            print(line)
        return 0
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    ref = listing_reference(read_bytes(argv[0]))
    try:
        ours = listing_ours(read_bytes(argv[1]))
    except (ET.ParseError, ValueError) as e:
        print("%s: not valid SVG/XML: %s" % (argv[1], e))
        return 1
    only_ref = Counter(ref) - Counter(ours)
    only_ours = Counter(ours) - Counter(ref)
    if not only_ref and not only_ours:
        return 0
    frames = sum(1 for line in ref if line.startswith("frame "))
    print("%d line(s) only in the reference, %d only in ours (reference has %d frames); first of each:" %
          (sum(only_ref.values()), sum(only_ours.values()), frames))
    for label, diff in (("reference", only_ref), ("ours     ", only_ours)):
        for line in sorted(diff)[:3]:
            print("  %s: %s" % (label, line))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
