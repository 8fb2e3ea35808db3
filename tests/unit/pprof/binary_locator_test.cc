// binary_locator_test.cc: where a mapping's binary is looked for, in pprof's order (locateBinaries).
#include "pprof/binary_locator.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace flamekit::pprof;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path root;
  TempDir() {
    char name[] = "/tmp/flamekit-locator-XXXXXX";
    root = ::mkdtemp(name);
  }
  ~TempDir() { fs::remove_all(root); }
  std::string touch(const std::string& relative) {
    fs::path p = root / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x";
    return p.string();
  }
};

void add_mapping(Profile* p, const char* file, const char* build_id) {
  Mapping m;
  m.id = 1, m.start = 0x1000, m.limit = 0x2000;
  m.file = file;
  m.build_id = build_id;
  p->mappings.push_back(m);
}

}  // namespace

TEST_CASE("binaries are found in pprof's order: build id, perf's layout, base name, full path", "[pprof]") {
  TempDir d;
  std::string dir = d.root.string();
  BinarySearch search;
  search.env_path = dir + "/none:" + dir;
  Profile p;
  add_mapping(&p, "/usr/local/bin/envoy", "abc123");
  CHECK(locate_binaries(&p, search, is_regular_file)[0].empty());
  std::string full = d.touch("usr/local/bin/envoy");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == full);
  std::string base = d.touch("envoy");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == base);
  fs::remove(full);
  std::string perf = d.touch("usr/local/bin/envoy/abc123");  // DIR/FILE/BUILD_ID, perf's layout
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == perf);
  std::string any = d.touch("abc123/renamed");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == any);
  std::string by_id = d.touch("abc123/envoy");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == by_id);
  // --search-path comes before $PPROF_BINARY_PATH.
  TempDir first;
  search.search_path = first.root.string();
  std::string preferred = first.touch("envoy");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == preferred);
}

TEST_CASE("without PPROF_BINARY_PATH, $HOME/pprof/binaries; --binary replaces the first mapping", "[pprof]") {
  TempDir home;
  std::string binary = home.touch("pprof/binaries/app");
  BinarySearch search;
  search.home = home.root.string();
  Profile p;
  add_mapping(&p, "/opt/app", "");
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == binary);
  std::string given = home.touch("build/app");
  search.binary = given;
  CHECK(locate_binaries(&p, search, is_regular_file)[0] == given);
  CHECK(p.mappings[0].file == given);
  // A profile without mappings (Go's legacy ones) gets one for --binary, holding every location.
  Profile none;
  none.add_location(0x401000, kNone);
  CHECK(locate_binaries(&none, search, is_regular_file)[0] == given);
  CHECK(none.locations[0].mapping == 0);
  // Anonymous memory and [pseudo] files are not looked for.
  Profile pseudo;
  add_mapping(&pseudo, "[vdso]", "");
  CHECK(locate_binaries(&pseudo, BinarySearch{}, is_regular_file)[0].empty());
}
