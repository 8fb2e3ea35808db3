// legacy_cpu_test.cc: gperftools CPU profiles in every word size and byte order, and the bad ones.
#include "pprof/legacy_cpu.h"

#include <bit>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/format_sniff.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded_by;

namespace {

// The words of a profile in one encoding.
std::string encode(const std::vector<uint64_t>& words, int bytes, std::endian order) {
  std::string out;
  for (uint64_t w : words) {
    for (int i = 0; i < bytes; ++i) {
      int shift = order == std::endian::little ? 8 * i : 8 * (bytes - 1 - i);
      out += static_cast<char>((w >> shift) & 0xff);
    }
  }
  return out;
}

const std::vector<uint64_t> kHeader = {0, 3, 0, 10000, 0};
const char* kMaps = "00001000-00002000 r-xp 00001000 00:00 1 /bin/prog\n";

// Two records of one stack (as after an eviction) and one whose leaf the unwinder found again.
std::vector<uint64_t> records() {
  std::vector<uint64_t> w = kHeader;
  for (uint64_t v : {2, 3, 0x1100, 0x1201, 0x1301}) w.push_back(v);
  for (uint64_t v : {1, 3, 0x1100, 0x1201, 0x1301}) w.push_back(v);
  for (uint64_t v : {4, 3, 0x1401, 0x1401, 0x1301}) w.push_back(v);
  return w;
}

std::string error_of(const std::string& bytes) { return flamekit::pprof::testing::error_of(read_legacy_cpu, bytes, "cpu.prof"); }

}  // namespace

TEST_CASE("a CPU profile reads the same in every word size and byte order", "[pprof]") {
  std::vector<uint64_t> words = records();
  for (uint64_t v : {0, 1, 0}) words.push_back(v);
  for (int bytes : {4, 8}) {
    for (std::endian order : {std::endian::little, std::endian::big}) {
      std::string data = encode(words, bytes, order) + kMaps;
      REQUIRE(flamekit::io::sniff_format(data) == flamekit::io::Format::kGperftoolsCpu);
      Profile p;
      read_legacy_cpu(data, "cpu.prof", &p);
      CHECK(p.period == 10000000);
      CHECK(folded_by(p, "samples") == "prog+0x1300;prog+0x1200;prog+0x1100 3\nprog+0x1300;prog+0x1401 4\n");
      CHECK(folded_by(p, "") == "prog+0x1300;prog+0x1200;prog+0x1100 30000000\nprog+0x1300;prog+0x1401 40000000\n");
      CHECK(p.drop_frames.find("ProfileData::Add") != std::string_view::npos);
    }
  }
}

TEST_CASE("a profile copied before the profiler stopped has no trailer and no maps", "[pprof]") {
  Profile p;
  read_legacy_cpu(encode(records(), 8, std::endian::little), "cpu.prof", &p);
  CHECK(folded_by(p, "samples") == "0x1300;0x1200;0x1100 3\n0x1300;0x1401 4\n");
}

TEST_CASE("bad CPU profiles: one error at the offset of the bad record", "[pprof]") {
  std::string good = encode(records(), 8, std::endian::little);
  CHECK(error_of(good.substr(0, good.size() - 4)) ==
        "cpu.prof: offset 0x78: record of 3 frames, but only 20 bytes are left");
  CHECK(error_of(good.substr(0, 0x78 + 12)) == "cpu.prof: offset 0x80: truncated 8-byte integer (4 bytes left)");
  std::vector<uint64_t> huge = kHeader;
  for (uint64_t v : std::vector<uint64_t>{1, uint64_t{1} << 30, 0x1000}) huge.push_back(v);
  CHECK(error_of(encode(huge, 8, std::endian::little)) ==
        "cpu.prof: offset 0x28: record of 1073741824 frames, but only 8 bytes are left");
  std::vector<uint64_t> overflow = kHeader;
  for (uint64_t v : std::vector<uint64_t>{uint64_t{1} << 62, 1, 0x1000}) overflow.push_back(v);
  CHECK(error_of(encode(overflow, 8, std::endian::little)) ==
        "cpu.prof: offset 0x28: sample count 4611686018427387904 overflows 64 bits of nanoseconds");
  CHECK(error_of(encode({0, 3, 1, 100, 0}, 8, std::endian::little)) ==
        "cpu.prof: offset 0x0: a Java CPU profile (header version 1): not supported");
  CHECK(error_of(encode({0, 4, 0, 100, 0}, 8, std::endian::little)) ==
        "cpu.prof: offset 0x0: not a gperftools CPU profile: no header 0, 3, 0, period, 0");
  CHECK(flamekit::io::sniff_format(encode({0, 3, 0, 0, 0}, 4, std::endian::little)) != flamekit::io::Format::kGperftoolsCpu);
}
