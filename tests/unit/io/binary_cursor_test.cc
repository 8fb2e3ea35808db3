// binary_cursor_test.cc: every read of BinaryCursor on good bytes, on truncated bytes and on overflowing
// varints; errors carry the absolute offset where the failed read started, and a failed read moves nothing.
#include "io/binary_cursor.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

using flamekit::Error;
using flamekit::io::BinaryCursor;

namespace {

std::string bytes_of(std::initializer_list<int> v) {
  std::string s;
  for (int b : v) s.push_back(static_cast<char>(b));
  return s;
}

// What `read` throws, as the tool boundary prints it.
template <class F>
std::string failure(F&& read) {
  try {
    read();
  } catch (const Error& e) {
    return e.describe();
  }
  return "no error";
}

}  // namespace

TEST_CASE("fixed-width integers in both byte orders", "[io]") {
  std::string b = bytes_of({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f});
  BinaryCursor in("x.bin", b);
  CHECK(in.u8() == 0x01);
  CHECK(in.u16le() == 0x0302);
  CHECK(in.u32be() == 0x04050607u);
  CHECK(in.offset() == 7);
  BinaryCursor again("x.bin", b);
  CHECK(again.u64le() == 0x0807060504030201ull);
  CHECK(again.u32le() == 0x0c0b0a09u);
  CHECK(again.u16be() == 0x0d0e);
  CHECK(again.offset() == 14);
  std::string eight = bytes_of({0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08});
  BinaryCursor be("x.bin", eight);
  CHECK(be.u64be() == 0x0102030405060708ull);
  CHECK(be.empty());
}

TEST_CASE("fixed-width reads are checked against the window", "[io]") {
  std::string b = bytes_of({0xaa, 0xbb, 0xcc});
  BinaryCursor in("x.bin", b);
  CHECK(in.u16be() == 0xaabb);
  CHECK(failure([&] { in.u32le(); }) == "x.bin: offset 0x2: truncated 4-byte integer (1 bytes left)");
  CHECK(in.offset() == 2);  // nothing consumed
  CHECK(in.u8() == 0xcc);
  CHECK(failure([&] { in.u8(); }) == "x.bin: offset 0x3: truncated 1-byte integer (0 bytes left)");
  CHECK(in.empty());
  BinaryCursor big("x.bin", b);
  CHECK(failure([&] { big.u64be(); }) == "x.bin: offset 0x0: truncated 8-byte integer (3 bytes left)");
  CHECK(big.fixed<uint16_t>(std::endian::little) == 0xbbaa);
}

TEST_CASE("varints: protobuf and LEB128 examples", "[io]") {
  struct Row {
    std::string bytes;
    uint64_t value;
  };
  for (const Row& r : std::vector<Row>{
           {bytes_of({0x00}), 0},
           {bytes_of({0x01}), 1},
           {bytes_of({0x7f}), 127},
           {bytes_of({0x80, 0x01}), 128},
           {bytes_of({0x96, 0x01}), 150},  // the protobuf documentation's example
           {bytes_of({0xe5, 0x8e, 0x26}), 624485},  // the LEB128 article's example
           {bytes_of({0x80, 0x80, 0x00}), 0},  // padded encodings are allowed, as protobuf parsers allow them
           {bytes_of({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}), UINT64_MAX},
           {bytes_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}), uint64_t{1} << 63},
       }) {
    BinaryCursor in("v", r.bytes);
    INFO(r.value);
    CHECK(in.varint() == r.value);
    CHECK(in.empty());
  }
}

TEST_CASE("varints that are truncated or overflow 64 bits", "[io]") {
  std::string b = bytes_of({0x05, 0x80, 0x80});
  BinaryCursor in("p.pb", b);
  CHECK(in.varint() == 5);
  CHECK(failure([&] { in.varint(); }) == "p.pb: offset 0x1: truncated varint");
  CHECK(in.offset() == 1);
  BinaryCursor none("p.pb", "");
  CHECK(failure([&] { none.varint(); }) == "p.pb: offset 0x0: truncated varint");
  // A 10th byte above 1 sets bits beyond 63; an 11th byte cannot fit at all.
  std::string ten = bytes_of({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02});
  BinaryCursor t("p.pb", ten);
  CHECK(failure([&] { t.varint(); }) == "p.pb: offset 0x0: varint overflows 64 bits");
  CHECK(t.offset() == 0);
  std::string eleven = "x" + bytes_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  BinaryCursor e("p.pb", eleven);
  e.skip(1);
  CHECK(failure([&] { e.varint(); }) == "p.pb: offset 0x1: varint overflows 64 bits");
}

TEST_CASE("signed LEB128 and zigzag", "[io]") {
  struct Row {
    std::string bytes;
    int64_t value;
  };
  for (const Row& r : std::vector<Row>{
           {bytes_of({0x02}), 2},
           {bytes_of({0x7e}), -2},
           {bytes_of({0xff, 0x00}), 127},
           {bytes_of({0x81, 0x7f}), -127},
           {bytes_of({0xc0, 0xbb, 0x78}), -123456},  // the LEB128 article's example
           {bytes_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f}), INT64_MIN},
           {bytes_of({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}), INT64_MAX},
       }) {
    BinaryCursor in("s", r.bytes);
    INFO(r.value);
    CHECK(in.sleb128() == r.value);
    CHECK(in.empty());
  }
  std::string over = bytes_of({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});  // +2^63
  BinaryCursor o("s", over);
  CHECK(failure([&] { o.sleb128(); }) == "s: offset 0x0: varint overflows 64 bits");
  std::string short_bytes = bytes_of({0xc0, 0xbb});
  BinaryCursor t("s", short_bytes);
  CHECK(failure([&] { t.sleb128(); }) == "s: offset 0x0: truncated varint");
  CHECK(BinaryCursor::zigzag(0) == 0);
  CHECK(BinaryCursor::zigzag(1) == -1);
  CHECK(BinaryCursor::zigzag(2) == 1);
  CHECK(BinaryCursor::zigzag(3) == -2);
  CHECK(BinaryCursor::zigzag(UINT64_MAX) == INT64_MIN);
  CHECK(BinaryCursor::zigzag(UINT64_MAX - 1) == INT64_MAX);
}

TEST_CASE("sub-cursors keep absolute offsets and their own end", "[io]") {
  // A protobuf message: field 1 (len 4) holding a submessage { field 2 varint 150 } + 1 byte, then field 3.
  std::string b = bytes_of({0x0a, 0x04, 0x10, 0x96, 0x01, 0x18, 0x18, 0x07});
  BinaryCursor in("m.pb", b);
  CHECK(in.varint() == 0x0a);
  BinaryCursor sub = in.sub(in.varint());
  CHECK(in.offset() == 6);
  CHECK(sub.offset() == 2);
  CHECK(sub.remaining() == 4);
  CHECK(sub.varint() == 0x10);
  CHECK(sub.varint() == 150);
  CHECK(sub.offset() == 5);
  CHECK(sub.u8() == 0x18);
  // The submessage ends at its length, though the input goes on: its errors name offsets in the file.
  CHECK(failure([&] { sub.u8(); }) == "m.pb: offset 0x6: truncated 1-byte integer (0 bytes left)");
  CHECK(failure([&] { sub.varint(); }) == "m.pb: offset 0x6: truncated varint");
  CHECK(in.varint() == 0x18);
  CHECK(in.varint() == 7);
  CHECK(in.empty());
  // A length beyond the window (a corrupt length varint).
  std::string corrupt = bytes_of({0x0a, 0x09, 0x10});
  BinaryCursor bad("m.pb", corrupt);
  bad.skip(1);
  uint64_t n = bad.varint();
  CHECK(failure([&] { bad.sub(n); }) == "m.pb: offset 0x2: length 9 runs past the end (1 bytes left)");
  CHECK(failure([&] { bad.sub(UINT64_MAX); }) ==
        "m.pb: offset 0x2: length 18446744073709551615 runs past the end (1 bytes left)");
  CHECK(bad.remaining() == 1);
}

TEST_CASE("strings: counted, NUL-terminated, and the rest", "[io]") {
  std::string b = std::string("PERFILE2") + std::string("comm\0pad", 8) + "tail";
  BinaryCursor in("perf.data", b);
  CHECK(in.bytes(8) == "PERFILE2");
  CHECK(in.cstring() == "comm");
  CHECK(in.offset() == 13);
  CHECK(in.bytes(3) == "pad");
  CHECK(failure([&] { in.cstring(); }) == "perf.data: offset 0x10: unterminated string");
  CHECK(failure([&] { in.bytes(5); }) == "perf.data: offset 0x10: length 5 runs past the end (4 bytes left)");
  CHECK(in.rest() == "tail");
  CHECK(in.empty());
  CHECK(in.rest().empty());
  CHECK(in.bytes(0).empty());
}

TEST_CASE("windows at absolute offsets stay inside the cursor's own window", "[io]") {
  std::string b = "0123456789";
  BinaryCursor file("f", b);
  file.skip(9);
  BinaryCursor sec = file.at(2, 3);  // from the window's start, wherever the cursor is
  CHECK(sec.offset() == 2);
  CHECK(sec.rest() == "234");
  CHECK(file.at(10, 0).empty());
  CHECK(failure([&] { file.at(8, 3); }) ==
        "f: offset 0x9: window of 3 bytes at offset 8 lies outside the input's bytes 0 to 10");
  CHECK(failure([&] { file.at(UINT64_MAX, 2); }) ==
        "f: offset 0x9: window of 2 bytes at offset 18446744073709551615 lies outside the input's bytes 0 to 10");
  CHECK(failure([&] { file.at(4, UINT64_MAX); }).find("lies outside") != std::string::npos);
  // A sub-cursor's windows are limited to its own bytes, not the file's.
  BinaryCursor whole("f", b);
  whole.skip(2);
  BinaryCursor part = whole.sub(4);  // bytes 2..5
  CHECK(part.at(3, 2).rest() == "34");
  CHECK(failure([&] { part.at(1, 2); }).find("bytes 2 to 6") != std::string::npos);
  CHECK(failure([&] { part.at(5, 2); }).find("bytes 2 to 6") != std::string::npos);
  CHECK(part.error_at(5, "bad").describe() == "f: offset 0x5: bad");
  CHECK(part.error("bad").describe() == "f: offset 0x2: bad");
}
