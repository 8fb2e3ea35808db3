// symbolize_test.cc: a profile's unnamed locations named through lib/elf's symbolizer, from a program's
// own /proc/self/maps (so PIE and shared-library load addresses are real), against addr2line.
#include "pprof/symbolize.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../elf/elf_fixture.h"
#include "pprof/binary_locator.h"
#include "pprof/proc_maps.h"
#include "pprof_test_util.h"

using namespace flamekit::pprof;
using flamekit::pprof::testing::folded;
namespace t = flamekit::elf::testing;

namespace {

flamekit::elf::SymbolizerOptions test_options() {
  flamekit::elf::SymbolizerOptions o;
  o.files.debug_dir = t::work_dir() + "/debug";
  o.files.build_id_cache = t::work_dir() + "/no-cache";
  return o;
}

// The probe's maps and the runtime address of lib_entry in libdemo.so it prints.
struct Probe {
  std::string maps;
  uint64_t lib_entry = 0;
  Probe() {
    std::string out = t::run("'" + t::binary("probe") + "'");
    for (size_t at = 0; at < out.size();) {
      size_t end = out.find('\n', at);
      std::string line = out.substr(at, end - at);
      at = end == std::string::npos ? out.size() : end + 1;
      if (line.rfind("lib_entry ", 0) == 0) {
        lib_entry = std::stoull(line.substr(10), nullptr, 16);
      } else {
        maps += line + "\n";
      }
    }
  }
};

}  // namespace

TEST_CASE("a shared library's runtime address, through the maps of the process, is named", "[pprof]") {
  Probe probe;
  REQUIRE(probe.lib_entry != 0);
  Profile p;
  p.sample_types = {{"samples", "count"}};
  uint32_t loc = p.add_location(probe.lib_entry, kNone);
  int64_t one = 1;
  p.add_sample(std::vector<uint32_t>{loc}, std::span<const int64_t>(&one, 1));
  read_proc_maps(probe.maps, &p);
  attach_legacy_mappings(&p);
  std::vector<std::string> files = locate_binaries(&p, {}, binary_matches);
  CHECK(folded(p) == "libdemo.so+0x" + [&] {
          const Mapping& m = p.mappings[p.locations[loc].mapping];
          char buf[32];
          std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(probe.lib_entry - m.start + m.offset));
          return std::string(buf);
        }() + " 1\n");
  flamekit::elf::Symbolizer symbols(test_options());
  CHECK(symbolize_profile(&p, files, &symbols) == 1);
  CHECK(folded(p) == "lib_entry 1\n");
  REQUIRE(p.lines_of(p.locations[loc]).size() == 1);
  CHECK(!p.functions[p.lines_of(p.locations[loc])[0].function].filename.empty());
}

TEST_CASE("inline chains become a location's lines, innermost first, as addr2line -i gives them", "[pprof]") {
  std::string pie = t::binary("pie");
  // A PIE loaded at 0x555500000000, its text mapped from file offset 0x1000 as the kernel maps it.
  Profile p;
  p.sample_types = {{"samples", "count"}};
  Mapping m;
  m.id = 1, m.start = 0x555500001000, m.limit = 0x555500100000, m.offset = 0x1000;
  m.file = pie;
  p.mappings.push_back(m);
  std::vector<uint64_t> vaddrs;
  for (const t::NmSymbol& s : t::nm(pie)) {
    if (s.name.find("demo") != std::string::npos && s.size > 8) vaddrs.push_back(s.address + s.size / 2);
  }
  REQUIRE(!vaddrs.empty());
  for (uint64_t v : vaddrs) {
    // The text segment of a PIE built by ld has p_vaddr == p_offset, so the file offset is the address.
    uint32_t loc = p.add_location(m.start - m.offset + v, 0);
    int64_t one = 1;
    p.add_sample(std::vector<uint32_t>{loc}, std::span<const int64_t>(&one, 1));
  }
  flamekit::elf::Symbolizer symbols(test_options());
  symbolize_profile(&p, {pie}, &symbols);
  std::vector<std::vector<t::RefFrame>> ref = t::addr2line(pie, vaddrs);
  bool some_inlined = false;
  for (size_t i = 0; i < vaddrs.size(); ++i) {
    std::span<const Line> lines = p.lines_of(p.locations[i]);
    REQUIRE(lines.size() == ref[i].size());
    some_inlined = some_inlined || lines.size() > 1;
    for (size_t j = 0; j < lines.size(); ++j) {
      CHECK(p.functions[lines[j].function].name == ref[i][j].function);
      CHECK(lines[j].line == ref[i][j].line);
    }
  }
  CHECK(some_inlined);
}

TEST_CASE("mappings the profile marks as symbolized, and files that are missing, are left alone", "[pprof]") {
  Profile p;
  p.sample_types = {{"samples", "count"}};
  std::string pie = t::binary("pie");  // Mapping::file views it
  Mapping done, missing;
  done.id = 1, done.start = 0x1000, done.limit = 0x2000, done.file = pie, done.has_functions = true;
  missing.id = 2, missing.start = 0x3000, missing.limit = 0x4000, missing.file = "/nonexistent/lib.so";
  p.mappings = {done, missing};
  p.add_location(0x1100, 0);
  p.add_location(0x3100, 1);
  std::vector<std::string> files = locate_binaries(&p, {}, binary_matches);
  CHECK(files[1].empty());
  flamekit::elf::Symbolizer symbols(test_options());
  CHECK(symbolize_profile(&p, files, &symbols) == 0);
  CHECK(!binary_matches(t::binary("pie"), [] {
    Mapping m;
    m.build_id = "00";
    return m;
  }()));
}
