// demangle_filter_test.cc: counts stay, ';' from demangling becomes ':', options act per frame on folded
// lines and per demangled name elsewhere, caches do not change results.
#include "demangle/demangle_filter.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <string>

#include "demangle/cxxfilt_tokenizer.h"
#include "demangle/symbol_demangler.h"

using namespace flamekit::demangle;

namespace {
std::string line(LineDemangler& d, std::string_view in) {
  std::string out;
  d.demangle_line(in, &out);
  return out;
}
}  // namespace

TEST_CASE("lines demangle like c++filt -n and keep their counts", "[demangle]") {
  DemangleOptions options;
  LineDemangler d(options);
  CHECK(line(d, "main;_ZN3foo3barEv.cold 12") == "main;foo::bar() [clone .cold] 12");
  CHECK(line(d, "main;_ZN3foo3barEv.cold 12") == "main;foo::bar() [clone .cold] 12");  // cached
  CHECK(line(d, "main;_ZN3foo3barEv;x 3") == "main;foo::bar();x 3");                  // shares a prefix
  CHECK(line(d, "_Z3foov@plt+0x1f") == "foo()@plt+0x1f");
  CHECK(line(d, "._Z3foov $_Z3foov") == ".foo() foo()");
  CHECK(line(d, "St9bad_alloc _Z") == "St9bad_alloc _Z");
  CHECK(line(d, "a;_RINvCs1234_7mycrate3fooAhj4_EB2_ 1") == "a;mycrate[3c1c0]::foo::<[u8: 4: usize]> 1");
  CHECK(d.symbols().distinct() > 0);
}

TEST_CASE("shortening acts per frame on folded lines, per demangled name elsewhere", "[demangle]") {
  DemangleOptions options;
  options.no_params = true;
  options.no_templates = true;
  LineDemangler d(options);
  // Already demangled frames are shortened on a folded line...
  CHECK(line(d, "main;std::vector<int>::push_back(int const&);_ZN3foo3barEi 4") ==
        "main;std::vector<>::push_back;foo::bar 4");
  // ... but other text is only touched where a name was demangled.
  CHECK(line(d, "f(x) _ZN3foo3barEi g<y>") == "f(x) foo::bar g<y>");
  // Counts are never touched, even two of them.
  CHECK(line(d, "a;_ZN3foo3barEi 1 2") == "a;foo::bar 1 2");
}

TEST_CASE("--no-params demangles as perf does and shortens earlier names to the same", "[demangle]") {
  DemangleOptions options;
  options.no_params = true;
  LineDemangler d(options);
  // perf's flags: no return type, no clone suffix, std::ostream, no Rust hash
  CHECK(line(d, "a;_ZNSo9_M_insertIdEERSoT_.isra.0 1") == "a;std::ostream::_M_insert<double> 1");
  CHECK(line(d, "a;std::basic_ostream<char, std::char_traits<char> >& std::basic_ostream<char, "
                "std::char_traits<char> >::_M_insert<double>(double) [clone .isra.0] 1") ==
        "a;std::ostream::_M_insert<double> 1");
  CHECK(line(d, "a;_ZN4core3fmt5write17h0123456789abcdefE 1") == "a;core::fmt::write 1");
  // perf script text: the name perf prints, offset and module kept
  CHECK(line(d, "\t  401136 _ZNK3VecplERKS_.isra.0+0x10 (/tmp/ops)") == "\t  401136 Vec::operator++0x10 (/tmp/ops)");
  // perf hands a symbol over whole: a leading '.' is not skipped
  CHECK(line(d, "._Z3foov _Z3foov") == "._Z3foov foo");
  CHECK(d.symbols().distinct() > 0);
}

TEST_CASE("demangle_token is the uncached c++filt result", "[demangle]") {
  CHECK(demangle_token("_ZNK3foo3barB5cxx11Ev") == "foo::bar[abi:cxx11]() const");
  CHECK(demangle_token("_ZN4core3fmt5write17h0123456789abcdefE") == "core::fmt::write::h0123456789abcdef");
  CHECK(demangle_token("_RNvCs1234_7mycrate3foo") == "mycrate[3c1c0]::foo");
  CHECK(demangle_token(std::string_view("_Z3foov\0x", 9)) == "foo()");
  CHECK(demangle_token("nothing") == "nothing");
  CHECK(demangle_token("_ZNK3foo3barB5cxx11Ev", DemangleStyle::kPerf) == "foo::bar[abi:cxx11]");
  CHECK(demangle_token("_ZN4core3fmt5write17h0123456789abcdefE", DemangleStyle::kPerf) == "core::fmt::write");
  CHECK(demangle_token("_RNvCs1234_7mycrate3foo", DemangleStyle::kPerf) == "mycrate::foo");
  CHECK(demangle_token("_ZN3foo3barEvXYZ", DemangleStyle::kPerf) == "foo::bar");  // trailing bytes ignored
  CHECK(demangle_token("_ZN3foo3barEvXYZ") == "_ZN3foo3barEvXYZ");
}

TEST_CASE("text is cut into tokens as c++filt cuts it, '_' or not", "[demangle]") {
  // demangle_text jumps from '_' to '_' unless a NUL byte or an over-long run needs the full tokenizer;
  // both must give what for_each_token + demangle_token give, token by token.
  const std::string pieces[] = {"_Z3foov", "._Z3barv", "$_ZN1a1bEv", "_", "__", "x_", "_x", "0x1f", " ", ";", "@",
                                "+", "(", "ab", ".", "$", std::string(1, '\0'), "_ZN3foo3barEv.cold", "\xc3\xa9"};
  uint32_t seed = 12345;
  DemangleOptions options;
  LineDemangler d(options);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int k = 0; k < 12; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % std::size(pieces)];
    }
    text += " ~";  // not a folded line: ends in no count
    std::string expected;
    for_each_token(
        text, [&](std::string_view bytes) { expected.append(bytes); },
        [&](std::string_view token) { expected += demangle_token(token); });
    INFO("text: " << text);
    CHECK(line(d, text) == expected);
  }
}
