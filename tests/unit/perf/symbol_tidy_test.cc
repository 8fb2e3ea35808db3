// symbol_tidy_test.cc: frame name tidying, the script's rules and the bracket-aware parameter cut.
#include "perf/symbol_tidy.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace flamekit::perf;

namespace {
std::string tidy(std::string_view name, bool java = false) {
  std::string out;
  append_tidy(name, java, &out);
  return out;
}
}  // namespace

TEST_CASE("offsets are stripped only at the end and only in lower-case hex", "[perf]") {
  CHECK(strip_offset("cpu_startup_entry+0x800047c022ec") == "cpu_startup_entry");
  CHECK(strip_offset("foo+0x1f") == "foo");
  CHECK(strip_offset("foo+0x1F") == "foo+0x1F");
  CHECK(strip_offset("foo+0x") == "foo+0x");
  CHECK(strip_offset("foo") == "foo");
  CHECK(strip_offset("+0x12") == "");
}

TEST_CASE("tidying as the script does it", "[perf]") {
  const std::pair<const char*, const char*> cases[] = {
      {"foo(int) const", "foo"},
      {"(anonymous namespace)::bar(int)", "(anonymous namespace)::bar"},
      {"net/http.(*Client).Do", "net/http.(*Client).Do"},  // Go method: kept
      {"Lorg/mozilla/javascript/ContextFactory;.call(Lorg/mozilla/javascript/ContextAction;)Ljava/lang/Object;",
       "Lorg/mozilla/javascript/ContextFactory:.call"},
      {"Lorg/mozilla/javascript/ContextFactory;.call(Lorg/mozilla/javascript/C", "Lorg/mozilla/javascript/ContextFactory:.call"},
      {"RegExp:[&<>\"\\']", "RegExp:[&<>\\]"},
      {"a;b", "a:b"},
      {"foo (deleted)", "foo "},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(tidy(in) == out);
  }
  CHECK(tidy("Lorg/mozilla/javascript/MemberBox;.<init>(Ljava/lang/reflect/Method;)V", true) ==
        "org/mozilla/javascript/MemberBox:.<init>");
  CHECK(tidy("Lfoo;.bar()V", true) == "Lfoo:.bar");  // no '/': the 'L' stays
}

TEST_CASE("C++ names are cut at the last top-level parameter list, not the first '('", "[perf]") {
  const std::pair<const char*, const char*> cases[] = {
      {"std::function<void (int)>::operator()(int) const", "std::function<void (int)>::operator()"},
      {"main::{lambda(int)#1}::operator()(int) const", "main::{lambda(int)#1}::operator()"},
      {"foo(int)::Local::run()", "foo(int)::Local::run"},
      {"std::__insertion_sort<rtl_ssa::phi_info**, __gnu_cxx::__ops::_Iter_comp_iter<bool (*)(A const*, B const*)> >",
       "std::__insertion_sort<rtl_ssa::phi_info**, __gnu_cxx::__ops::_Iter_comp_iter<bool (*)(A const*, B const*)> >"},
      {"bool operator<<int>(X const&, X const&)", "bool operator<<int>"},
      {"X::operator<(X const&) const", "X::operator<"},
      {"X::operator->() const", "X::operator->"},
      {"X::operator()(int)", "X::operator()"},
      {"operator new[](unsigned long)", "operator new[]"},
      {"void foo<int>(int) [clone .isra.0]", "void foo<int>"},
      {"<alloc::vec::Vec<(u8, u16)> as core::Drop>::drop", "<alloc::vec::Vec<(u8, u16)> as core::Drop>::drop"},
      {"decltype (a->b) f(int)", "decltype (a->b) f"},
  };
  for (const auto& [in, out] : cases) {
    INFO(in);
    CHECK(tidy(in) == out);
  }
  // Where the script's first-'(' rule differs.
  CHECK(perl_parameter_cut("std::function<void (int)>::operator()(int) const") == 19);
  CHECK(perl_parameter_cut("(anonymous namespace)::f(int)") == 24);
}

TEST_CASE("'->' splits inlined pieces, except in operator->", "[perf]") {
  auto pieces = [](std::string_view s) {
    std::vector<std::string> out;
    for_each_arrow_piece(s, [&](std::string_view p) { out.emplace_back(p); });
    return out;
  };
  CHECK(pieces("a->b") == std::vector<std::string>{"a", "b"});
  CHECK(pieces("->a") == std::vector<std::string>{"", "a"});
  CHECK(pieces("a->") == std::vector<std::string>{"a"});  // Perl's split drops trailing empty fields
  CHECK(pieces("->").empty());
  CHECK(pieces("X::operator->") == std::vector<std::string>{"X::operator->"});
  CHECK(pieces("outer->X::operator->") == std::vector<std::string>{"outer", "X::operator->"});
}
