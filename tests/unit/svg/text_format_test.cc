// text_format_test.cc: names become valid, escaped XML; numbers print as flamegraph.pl prints them.
#include "svg/text_format.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>

using namespace flamekit::svg;

namespace {
std::string xml(std::string_view s) {
  std::string out;
  append_xml(&out, s);
  return out;
}
}  // namespace

TEST_CASE("names are escaped for XML", "[svg]") {
  CHECK(xml("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  CHECK(xml("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(xml("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC") == "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC");
  CHECK(xml("tab\there") == "tab\there");
}

TEST_CASE("control characters and invalid UTF-8 become U+FFFD", "[svg]") {
  const std::string r = "\xEF\xBF\xBD";
  CHECK(xml(std::string("a\0b", 3)) == "a" + r + "b");
  CHECK(xml("a\x01\x1b\x7f" "b") == "a" + r + r + r + "b");
  CHECK(xml("\xC2\x85") == r);                        // C1 control (NEL)
  CHECK(xml("a\xFF" "b") == "a" + r + "b");             // invalid byte
  CHECK(xml("a\xE6\x97" "b") == "a" + r + "b");         // truncated sequence: one maximal subpart
  CHECK(xml("\xED\xA0\x80") == r + r + r);             // an encoded surrogate: three subparts
  CHECK(xml("\xC0\xAF") == r + r);                     // overlong
  CHECK(xml("\xEF\xBF\xBE") == r);                     // U+FFFE
  CHECK(xml("end\xF0\x9F\x98") == "end" + r);
}

TEST_CASE("labels are cut at code points, ending in ..", "[svg]") {
  CHECK(fit_label("main", 2) == "");
  CHECK(fit_label("main", 4) == "main");
  CHECK(fit_label("main", 3) == "m..");
  CHECK(fit_label("very_long_name", 6) == "very..");
  CHECK(fit_label("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xA0", 3) == "\xE6\x97\xA5..");
  CHECK(fit_label("ab\x01" "cdef", 5) == "ab\xEF\xBF\xBD..");
}

TEST_CASE("numbers print as Perl prints them", "[svg]") {
  CHECK(perl_number(437) == "437");
  CHECK(perl_number(143.5) == "143.5");
  CHECK(perl_number(0.1 + 0.2) == "0.3");
  CHECK(perl_roundtrip(0.1 + 0.2) == 0.3);
  CHECK(fixed(1.5, 0) == "2");
  CHECK(fixed(2.5, 0) == "2");  // round half to even, as C and Perl do
  CHECK(fixed(167.25, 1) == "167.2");
  CHECK(commify("1") == "1");
  CHECK(commify("1234") == "1,234");
  CHECK(commify("1001001") == "1,001,001");
  CHECK(commify("100000000000000000000") == "100,000,000,000,000,000,000");
}

TEST_CASE("annotations are stripped from labels", "[svg]") {
  CHECK(strip_annotation("do_syscall_64_[k]") == "do_syscall_64");
  CHECK(strip_annotation("f_[j]") == "f");
  CHECK(strip_annotation("f_[x]") == "f_[x]");
  CHECK(strip_annotation("_[k]x") == "_[k]x");
  CHECK(strip_annotation("_[w]") == "");
}

TEST_CASE("fixed prints as printf(\"%.*f\") prints, ties included", "[svg]") {
  // fixed() uses std::to_chars; flamegraph.pl uses sprintf. Coordinates, widths and percentages of every
  // size, and values on decimal ties (x.x5 is rarely exact in binary, x.25 and x.125 are).
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 200000; ++i) {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    double v = static_cast<double>(seed % 2000000) / 1000.0;
    if (i % 3 == 0) v = static_cast<double>(seed % 100000) / 8.0;
    if (i % 5 == 0) v = static_cast<double>(seed) / 1e6;
    int digits = static_cast<int>(seed % 4);
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    INFO("value " << v << " digits " << digits);
    REQUIRE(fixed(v, digits) == buf);
  }
}
