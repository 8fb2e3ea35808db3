// output_file_test.cc: atomic replacement and cleanup of temporaries.
#include "io/output_file.h"

#include <dirent.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
int count_entries(const std::string& dir) {
  int n = 0;
  DIR* d = opendir(dir.c_str());
  while (auto* e = readdir(d)) n += e->d_name[0] != '.' || std::string(e->d_name).find(".tmp.") != std::string::npos;
  closedir(d);
  return n;
}
}  // namespace

TEST_CASE("uncommitted output leaves the old file and no temporary", "[io]") {
  char tmpl[] = "/tmp/flamekit-out-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string path = dir + "/graph.svg";
  std::ofstream(path) << "old";
  {
    flamekit::io::OutputFile out(path);
    out.write("new, but the run fails");
  }
  CHECK(slurp(path) == "old");
  CHECK(count_entries(dir) == 1);
  {
    flamekit::io::OutputFile out(path);
    out.write("new");
    out.commit();
  }
  CHECK(slurp(path) == "new");
  CHECK(count_entries(dir) == 1);
  unlink(path.c_str());
  rmdir(dir.c_str());
}

TEST_CASE("wants_gzip looks at the suffix", "[io]") {
  CHECK(flamekit::io::OutputFile::wants_gzip("a.svgz"));
  CHECK(flamekit::io::OutputFile::wants_gzip("a.folded.gz"));
  CHECK_FALSE(flamekit::io::OutputFile::wants_gzip("a.svg"));
}
