// proto_reader_test.cc: profile.proto decoding, packed and unpacked, and every malformed input kind.
#include "pprof/proto_reader.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded;
using flamekit::pprof::testing::folded_by;

namespace {

// A protobuf writer just big enough for the tests.
std::string varint(uint64_t v) {
  std::string out;
  do {
    out += static_cast<char>((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v >>= 7;
  } while (v != 0);
  return out;
}
std::string key(int field, int wire) { return varint(static_cast<uint64_t>(field) << 3 | static_cast<uint64_t>(wire)); }
std::string num(int field, uint64_t v) { return key(field, 0) + varint(v); }
std::string bytes(int field, const std::string& b) { return key(field, 2) + varint(b.size()) + b; }
std::string packed(int field, const std::vector<uint64_t>& vs) {
  std::string b;
  for (uint64_t v : vs) b += varint(v);
  return bytes(field, b);
}

// strings: 0 "", 1 samples, 2 count, 3 cpu, 4 nanoseconds, 5 main, 6 leaf, 7 inlined, 8 /bin/prog, 9 worker, 10 a
std::string string_table() {
  std::string out;
  for (const char* s : {"", "samples", "count", "cpu", "nanoseconds", "main", "leaf", "inlined", "/bin/prog", "worker", "a"}) {
    out += bytes(6, s);
  }
  return out;
}

std::string good_profile() {
  std::string p;
  p += bytes(1, num(1, 1) + num(2, 2));  // samples/count
  p += bytes(1, num(1, 3) + num(2, 4));  // cpu/nanoseconds
  // Sample 1: packed ids and values, with a label. Sample 2: unpacked, as Go writes lists of two.
  p += bytes(2, packed(1, {2, 1}) + packed(2, {3, 30}) + bytes(3, num(1, 9) + num(2, 10)));
  p += bytes(2, num(1, 1) + num(2, 1) + num(2, 10));
  p += bytes(3, num(1, 7) + num(2, 0x1000) + num(3, 0x2000) + num(4, 0) + num(5, 8));
  p += bytes(4, num(1, 1) + num(2, 7) + num(3, 0x1100) + bytes(4, num(1, 1)));
  p += bytes(4, num(1, 2) + num(2, 7) + num(3, 0x1200) + bytes(4, num(1, 3)) + bytes(4, num(1, 2)));
  p += bytes(5, num(1, 1) + num(2, 5));
  p += bytes(5, num(1, 2) + num(2, 6));
  p += bytes(5, num(1, 3) + num(2, 7));
  p += string_table();
  p += num(12, 10000000) + num(14, 3);
  return p;
}

std::string error_of(const std::string& data) { return flamekit::pprof::testing::error_of(read_proto, data, "cpu.pb"); }

}  // namespace

TEST_CASE("a protobuf profile: ids resolved, inline lines, labels, default_sample_type", "[pprof]") {
  std::string data = good_profile();
  REQUIRE(looks_like_proto(data));
  Profile p;
  read_proto(data, "cpu.pb", &p);
  CHECK(p.period == 10000000);
  CHECK(p.default_sample_type == "cpu");
  CHECK(folded_by(p, "") == "main 10\nmain;leaf;inlined 30\n");
  CHECK(folded_by(p, "samples") == "main 1\nmain;leaf;inlined 3\n");
  FoldOptions o;
  o.value_index = 0;
  o.tag_root = {"worker"};
  o.inline_frames = false;
  CHECK(folded(p, o) == "<unknown>;main 1\na;main;leaf 3\n");
}

TEST_CASE("unsymbolized protobuf locations print module+offset", "[pprof]") {
  std::string p = bytes(1, num(1, 1) + num(2, 2)) + bytes(2, num(1, 5) + num(2, 7)) +
                  bytes(3, num(1, 1) + num(2, 0x7f0000000000) + num(3, 0x7f0000100000) + num(4, 0x26000) + num(5, 8) +
                           num(6, 5)) +
                  bytes(4, num(1, 5) + num(2, 1) + num(3, 0x7f0000000123)) + string_table();
  Profile prof;
  read_proto(p, "heap", &prof);
  CHECK(folded(prof) == "prog+0x26123 7\n");
  CHECK(prof.mappings[0].build_id == "main");
}

TEST_CASE("bad protobufs: one error at the offset of the bad field", "[pprof]") {
  std::string tail = string_table();
  CHECK(error_of(num(14, 99) + tail) == "cpu.pb: offset 0x0: string index 99 out of range (the table has 11)");
  CHECK(error_of(bytes(1, num(1, 1) + num(2, 2)) + bytes(2, num(1, 42) + num(2, 1)) + tail) ==
        "cpu.pb: offset 0x8: location id 42 not found");
  CHECK(error_of(bytes(1, num(1, 1)) + bytes(2, num(2, 1) + num(2, 2)) + tail) ==
        "cpu.pb: offset 0x6: sample has 2 values for 1 sample types");
  CHECK(error_of(bytes(4, num(1, 1)) + bytes(4, num(1, 1)) + tail) == "cpu.pb: offset 0x6: location id 1 defined twice");
  CHECK(error_of(bytes(4, num(2, 1)) + tail) == "cpu.pb: offset 0x2: location with id 0");
  CHECK(error_of(bytes(4, num(1, 1) + bytes(4, num(1, 9))) + tail) == "cpu.pb: offset 0x6: function id 9 not found");
  CHECK(error_of(num(9, 1) + num(9, 2) + tail) == "cpu.pb: offset 0x2: a second time_nanos: two profiles concatenated");
  CHECK(error_of(bytes(6, "x") + tail) == "cpu.pb: offset 0x0: string_table[0] is not \"\"");
  CHECK(error_of(key(2, 2) + varint(uint64_t{1} << 30)) ==
        "cpu.pb: offset 0x6: length 1073741824 runs past the end (0 bytes left)");
  CHECK(error_of(key(2, 2) + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01") == "cpu.pb: offset 0x1: varint overflows 64 bits");
  CHECK(error_of(key(12, 0) + "\xff\xff") == "cpu.pb: offset 0x1: truncated varint");
  CHECK(error_of(key(1, 0) + varint(1)) == "cpu.pb: offset 0x0: field 1 has wire type 0, not 2");
  CHECK(error_of(key(20, 3)) == "cpu.pb: offset 0x0: protobuf wire type 3 (groups) not supported");
  CHECK(error_of(std::string("\x00", 1)) == "cpu.pb: offset 0x0: protobuf field number 0");
}

TEST_CASE("unknown fields are skipped in every wire type", "[pprof]") {
  std::string extra = num(30, 5) + key(31, 1) + std::string(8, 'x') + key(32, 5) + std::string(4, 'y') + bytes(33, "zz");
  std::string data = extra + good_profile() + num(15, 0);  // the Profile's strings point into it
  Profile p;
  read_proto(data, "cpu.pb", &p);
  CHECK(folded_by(p, "samples") == "main 1\nmain;leaf;inlined 3\n");
}
