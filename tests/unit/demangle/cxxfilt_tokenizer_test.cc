// cxxfilt_tokenizer_test.cc: lines are cut where binutils c++filt cuts them.
#include "demangle/cxxfilt_tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using flamekit::demangle::for_each_token;
using flamekit::demangle::kMaxTokenBytes;

namespace {
// "T:" before tokens, "x:" before copied text.
std::vector<std::string> cut(std::string_view text) {
  std::vector<std::string> parts;
  for_each_token(
      text, [&](std::string_view t) { parts.push_back("x:" + std::string(t)); },
      [&](std::string_view t) { parts.push_back("T:" + std::string(t)); });
  return parts;
}
}  // namespace

TEST_CASE("tokens are runs of letters, digits, _ $ .", "[demangle]") {
  using V = std::vector<std::string>;
  CHECK(cut("") == V{});
  CHECK(cut("main") == V{"T:main"});
  CHECK(cut("a;_ZN3foo3barEv.cold 12") == V{"T:a", "x:;", "T:_ZN3foo3barEv.cold", "x: ", "T:12"});
  CHECK(cut("malloc@plt") == V{"T:malloc", "x:@", "T:plt"});
  CHECK(cut("memcpy@@GLIBC_2.2.5") == V{"T:memcpy", "x:@@", "T:GLIBC_2.2.5"});
  CHECK(cut("main+0x1f") == V{"T:main", "x:+", "T:0x1f"});
  CHECK(cut("$_Z3foov.$x") == V{"T:$_Z3foov.$x"});
  CHECK(cut("[unknown] (/lib/x.so)") == V{"x:[", "T:unknown", "x:] (/", "T:lib", "x:/", "T:x.so", "x:)"});
  CHECK(cut("\xc3\xa9_Z3foov") == V{"x:\xc3\xa9", "T:_Z3foov"});
}

TEST_CASE("a NUL byte is a symbol byte, as strchr(\"_$.\", 0) finds it", "[demangle]") {
  std::string text("a\0b c", 5);
  auto parts = cut(text);
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == std::string("T:a\0b", 5));
}

TEST_CASE("runs longer than c++filt's buffer are cut after 32766 bytes, the next byte echoed", "[demangle]") {
  std::string run(kMaxTokenBytes, 'a');
  CHECK(cut(run) == std::vector<std::string>{"T:" + run});
  auto parts = cut(run + "$_Z3foov;x");
  REQUIRE(parts.size() == 5);
  CHECK(parts[0] == "T:" + run);
  CHECK(parts[1] == "x:$");
  CHECK(parts[2] == "T:_Z3foov");
  CHECK(parts[3] == "x:;");
  CHECK(parts[4] == "T:x");
  std::string twice(2 * kMaxTokenBytes + 2, 'b');  // two full buffers, each followed by an echoed byte
  auto chunks = cut(twice);
  REQUIRE(chunks.size() == 4);
  CHECK(chunks[1] == "x:b");
  CHECK(chunks[3] == "x:b");
}
