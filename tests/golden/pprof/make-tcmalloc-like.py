#!/usr/bin/env python3
# make-tcmalloc-like.py HEAP_V2_TEXT > inputs/tcmalloc-heap.pb.gz
#
# Writes a heap snapshot shaped as Google tcmalloc's profile_builder writes it (what Envoy's default
# build writes to profile_path + N and serves at /heap_dump), from the samples of a gperftools heap_v2
# text profile: sample types objects/count, space/bytes, resident_space/bytes, swapped_space/bytes,
# default_sample_type "space", period_type space/bytes, numeric labels bytes, request and alignment,
# locations holding addresses already moved back one byte into the call, mappings with build ids, and
# no functions. Google tcmalloc is not packaged in Debian, so this is how the golden test gets one.
import gzip, re, sys

def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7f
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)

def field(n, wire, payload):
    return varint(n << 3 | wire) + payload

def num(n, v):
    return field(n, 0, varint(v & 0xffffffffffffffff))

def msg(n, body):
    return field(n, 2, varint(len(body)) + body)

strings = ['']
def s(text):
    if text not in strings:
        strings.append(text)
    return strings.index(text)

text = open(sys.argv[1]).read()
head, _, maps = text.partition('MAPPED_LIBRARIES:')
mappings = []
for line in maps.splitlines():
    m = re.match(r'([0-9a-f]+)-([0-9a-f]+) (\S+) ([0-9a-f]+) \S+ \S+\s+(\S+)$', line)
    if m and 'x' in m.group(3):
        mappings.append((int(m.group(1), 16), int(m.group(2), 16), int(m.group(4), 16), m.group(5)))
out = bytearray()
for t, u in [('objects', 'count'), ('space', 'bytes'), ('resident_space', 'bytes'), ('swapped_space', 'bytes')]:
    out += msg(1, num(1, s(t)) + num(2, s(u)))
locations = {}
for line in head.splitlines()[1:]:
    m = re.match(r'\s*(\d+):\s*(\d+) \[\s*\d+:\s*\d+\] @(.*)', line)
    if not m:
        continue
    count, size = int(m.group(1)), int(m.group(2))
    ids = []
    for pc in m.group(3).split():
        address = int(pc, 16) - 1
        locations.setdefault(address, len(locations) + 1)
        ids.append(locations[address])
    packed = b''.join(varint(i) for i in ids)
    labels = b''.join(msg(3, num(1, s(k)) + num(3, v) + num(4, s('bytes')))
                      for k, v in [('bytes', size // count), ('request', size // count), ('alignment', 8)])
    values = b''.join(varint(v) for v in [count, size, size, 0])
    out += msg(2, field(1, 2, varint(len(packed)) + packed) + field(2, 2, varint(len(values)) + values) + labels)
for i, (start, limit, offset, path) in enumerate(mappings):
    build_id = '%040x' % (0x1234567 * (i + 1))
    out += msg(3, num(1, i + 1) + num(2, start) + num(3, limit) + num(4, offset) + num(5, s(path)) + num(6, s(build_id)))
for address, lid in locations.items():
    mid = next((i + 1 for i, (a, b, _, _) in enumerate(mappings) if a <= address < b), 0)
    out += msg(4, num(1, lid) + (num(2, mid) if mid else b'') + num(3, address))
drop = s('calloc|cfree|malloc|free|memalign|do_memalign|(__)?posix_memalign|pvalloc|valloc|realloc|tcmalloc::.*|operator new(\\[\\])?')
period = s('space'), s('bytes')
default = s('space')
for text in strings:
    out += msg(6, text.encode())
out += num(7, drop) + msg(11, num(1, period[0]) + num(2, period[1])) + num(14, default)
sys.stdout.buffer.write(gzip.compress(bytes(out), mtime=0))
