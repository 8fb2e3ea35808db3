// diff_set_test.cc: difffolded.pl's line rule, -s stripping, Perl-exact -n, and both pairing paths.
#include "diff/diff_set.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/error.h"
#include "diff/folded_diff.h"
#include "diff/sorted_merge.h"
#include "folded/folded_line.h"
#include "io/mapped_file.h"
#include "io/output_file.h"

using namespace flamekit::diff;

namespace {
std::string temp_file(const std::string& name, const std::string& text) {
  std::string path = "/tmp/flamekit-diff-test-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
// flame-diff's: a line it cannot read is an error.
flamekit::Diagnostics* strict() {
  static flamekit::Diagnostics diag("flame-diff", true);
  return &diag;
}
std::map<std::string, std::pair<double, double>> as_map(const DiffSet& set) {
  std::map<std::string, std::pair<double, double>> m;
  for (const auto& e : set.entries()) m[std::string(e.stack)] = {e.counts[0], e.counts[1]};
  return m;
}
}  // namespace

TEST_CASE("strip_hex_addresses is s/0x[0-9a-fA-F]+/0x.../g", "[diff]") {
  std::string out;
  strip_hex_addresses("a;0x7fAB12;f+0x1f;0x;0xg;x0x1", &out);
  CHECK(out == "a;0x...;f+0x...;0x;0xg;x0x...");
}

TEST_CASE("sorted and unsorted inputs pair the same stacks", "[diff]") {
  std::string a = temp_file("a", "m;a 3\nm;b 4\nm;c 5\n");
  std::string b_sorted = temp_file("bs", "m;a 1\nm;c 7\nm;d 2\n");
  std::string b_unsorted = temp_file("bu", "m;d 2\nm;a 1\nm;c 6\nm;c 1\n");
  DiffSet sorted, unsorted;
  sorted.read(a, b_sorted, false, strict());
  unsorted.read(a, b_unsorted, false, strict());
  CHECK(sorted.in_order());
  CHECK(unsorted.in_order());  // both come out in byte order
  CHECK(as_map(sorted) == as_map(unsorted));
  std::vector<std::string> order;
  for (const auto& e : unsorted.entries()) order.emplace_back(e.stack);
  CHECK(order == std::vector<std::string>{"m;a", "m;b", "m;c", "m;d"});
  CHECK(as_map(sorted)["m;b"] == std::pair<double, double>{4, 0});
  CHECK(as_map(sorted)["m;d"] == std::pair<double, double>{0, 2});
  // A stack that is a prefix of another followed by a byte <= ' ' may sort differently as a line: the
  // writer sorts the lines then.
  std::string tricky = temp_file("t", "m;a 1\nm;a b 2\n");
  DiffSet set;
  set.read(tricky, a, false, strict());
  CHECK_FALSE(set.in_order());
  for (const std::string& p : {a, b_sorted, b_unsorted, tricky}) std::remove(p.c_str());
}

TEST_CASE("normalize_first truncates as Perl's int(c1 * t2 / t1)", "[diff]") {
  std::string a = temp_file("na", "x 1\ny 2\nz 4\n");   // total 7
  std::string b = temp_file("nb", "x 5\ny 5\n");        // total 10
  DiffSet set;
  set.read(a, b, false, strict());
  set.normalize_first();
  auto m = as_map(set);
  CHECK(m["x"].first == 1);  // int(10/7)
  CHECK(m["y"].first == 2);  // int(20/7)
  CHECK(m["z"].first == 5);  // int(40/7)
  CHECK(set.total(0) == 8);
  CHECK(set.total(1) == 10);
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST_CASE("a line without a count names its file and line", "[diff]") {
  std::string a = temp_file("ea", "x 1\ny\n");
  DiffSet set;
  try {
    set.read(a, a, false, strict());
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe().find(a + ":2: ") == 0);
  }
  std::remove(a.c_str());
}

TEST_CASE("a lenient Diagnostics skips the lines it is told of, on every path", "[diff]") {
  std::string a = temp_file("la", "x 1\ny\nz 2\n\nw x\n");
  std::string b = temp_file("lb", "x 3\n");
  flamekit::Diagnostics diag("flame-diff", false);
  DiffSet set;
  set.read(a, b, false, &diag);  // mapped
  CHECK(as_map(set) == std::map<std::string, std::pair<double, double>>{{"x", {1, 3}}, {"z", {2, 0}}});
  CHECK(diag.count("not-folded") == 2);
  CHECK(diag.first("not-folded").line == 2);
  flamekit::io::MappedFile before(a), after(b);
  CHECK_FALSE(diff_sorted_files(before, a, after, b, false, &diag, [](std::string_view) { FAIL("wrote"); }));
  CHECK(diag.count("not-folded") == 2);  // declined without reporting: DiffSet reports
  std::string gz = a + ".gz";  // read through LineReader, not mapped
  {
    flamekit::io::OutputFile out(gz, {.gzip = true});
    out.write("y\nx 5\n");
    out.commit();
  }
  DiffSet zipped;
  zipped.read(gz, b, false, &diag);
  CHECK(as_map(zipped) == std::map<std::string, std::pair<double, double>>{{"x", {5, 3}}});
  CHECK(diag.count("not-folded") == 3);
  try {
    DiffSet().read(b, gz, false, strict());
    FAIL("no error");
  } catch (const flamekit::Error& e) {
    CHECK(e.describe() == gz + ":1: " + flamekit::folded::kNotFoldedLine);
  }
  for (const std::string& p : {a, b, gz}) std::remove(p.c_str());
}

TEST_CASE("big inputs written in parts give the sorted lines, prefix blocks included", "[diff]") {
  // Enough stacks for several parts; many are prefixes of others that go on with ' ', '\t' or ';', so
  // stack order and line order differ in places, and unsorted input takes the exceptions path.
  std::string a_text, b_text;
  std::map<std::string, std::pair<long, long>> want;
  for (int k = 0; k < 30000; ++k) {
    std::string s = "w" + std::to_string(k % 7) + ";f" + std::to_string(k / 7 % 500);
    const char* tails[] = {"", " x", "\tx", ";g", " 1", "; "};
    s += tails[k % 6];
    long c = k % 13 + 1;
    a_text += s + " " + std::to_string(c) + "\n";
    want[s].first += c;
    if (k % 5 != 0) {
      b_text += s + " " + std::to_string(2 * c) + "\n";
      want[s].second += 2 * c;
    }
  }
  std::vector<std::string> lines;
  for (const auto& [s, c] : want) {
    lines.push_back(s + " " + std::to_string(c.first) + " " + std::to_string(c.second));
  }
  std::sort(lines.begin(), lines.end());
  std::string expected;
  for (const auto& l : lines) expected += l + "\n";

  std::string a = temp_file("big-a", a_text), b = temp_file("big-b", b_text), out = temp_file("big-out", "");
  DiffOptions options;
  options.before = a;
  options.after = b;
  options.output = out;
  run_diff(options);
  std::ifstream in(out, std::ios::binary);
  std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(got == expected);
  DiffSet set;
  set.read(a, b, false, strict());
  CHECK(set.parts() > 1);
  CHECK_FALSE(set.in_order());
  CHECK(set.size() == want.size());
  for (const std::string& p : {a, b, out}) std::remove(p.c_str());
}
