// name_transforms_test.cc: --no-params, --no-templates and --no-rust-hash on demangled names.
#include "demangle/name_transforms.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

using namespace flamekit::demangle;

namespace {
template <typename F>
std::string run(F f, std::string_view in) {
  std::string out = "prefix:";  // transforms append
  f(in, &out);
  return out.substr(7);
}
}  // namespace

TEST_CASE("strip_params drops parameter lists and trailing qualifiers", "[demangle]") {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"foo::bar()", "foo::bar"},
      {"foo::bar(int, char const*) const", "foo::bar"},
      {"foo::bar() const &&", "foo::bar"},
      {"foo::bar() [clone .cold]", "foo::bar [clone .cold]"},
      {"foo::bar() [clone .constprop.0] [clone .isra.0]", "foo::bar [clone .constprop.0] [clone .isra.0]"},
      {"main::{lambda(int)#1}::operator()(int) const", "main::{lambda(int)#1}::operator()"},
      {"foo::baz(int)::{lambda()#1}::operator()() const", "foo::baz::{lambda()#1}::operator()"},
      {"(anonymous namespace)::foo()", "(anonymous namespace)::foo"},
      {"foo(void (*)(int))", "foo"},
      {"std::vector<int, std::allocator<int> >::push_back(int const&)",
       "std::vector<int, std::allocator<int> >::push_back"},
      {"Foo::operator<(Foo const&)", "Foo::operator<"},
      {"Foo::operator<<(int)", "Foo::operator<<"},
      {"Foo::operator<=>(Foo const&)", "Foo::operator<=>"},
      {"Foo::operator->() const", "Foo::operator->"},
      {"Foo::operator()()", "Foo::operator()"},
      {"Foo::operator[](int)", "Foo::operator[]"},
      {"std::operator<< <std::char_traits<char> >(std::ostream&, char const*)",
       "std::operator<< <std::char_traits<char> >"},
      {"foo::bar()+0x2a", "foo::bar+0x2a"},
      {"foo::bar()@plt", "foo::bar@plt"},
      {"[unknown]", "[unknown]"},
      {"main", "main"},
      {"", ""},
      {"broken(int", "broken(int"},  // unbalanced: unchanged
      {"broken)(", "broken)("},
  };
  for (const auto& [in, want] : cases) {
    INFO(in);
    CHECK(run(strip_params, in) == want);
  }
}

TEST_CASE("collapse_templates empties outermost template argument lists", "[demangle]") {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"std::vector<int, std::allocator<int> >::push_back(int const&)", "std::vector<>::push_back(int const&)"},
      {"void std::sort<__gnu_cxx::__normal_iterator<long*, std::vector<long> > >(long*)", "void std::sort<>(long*)"},
      {"f(std::map<int, int>&, std::vector<int>)", "f(std::map<>&, std::vector<>)"},
      {"std::operator<< <std::char_traits<char> >(std::ostream&)", "std::operator<< <>(std::ostream&)"},
      {"Foo::operator<(Foo<int> const&)", "Foo::operator<(Foo<> const&)"},
      {"Foo::operator>>=(int)", "Foo::operator>>=(int)"},
      {"Foo::operator->() const", "Foo::operator->() const"},
      {"mycrate::foo::<alloc::vec::Vec<u8>>", "mycrate::foo::<>"},
      {"<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop", "<alloc::vec::Vec<> as core::ops::drop::Drop>::drop"},
      {"call<fn() -> u8>", "call<>"},
      {"std::_Function_handler<long (int), main::{lambda(int)#2}>::_M_invoke", "std::_Function_handler<>::_M_invoke"},
      {"a<b", "a<b"},  // unbalanced: unchanged
      {"plain", "plain"},
  };
  for (const auto& [in, want] : cases) {
    INFO(in);
    CHECK(run(collapse_templates, in) == want);
  }
}

TEST_CASE("strip_rust_hash drops legacy hashes and v0 disambiguators only", "[demangle]") {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"core::fmt::write::h0123456789abcdef", "core::fmt::write"},
      {"std::rt::lang_start::{{closure}}::h5b6c8d2c3e1f0a9b", "std::rt::lang_start::{{closure}}"},
      {"mycrate[3c1c0]::foo::<alloc[128aac]::vec::Vec<u8>>", "mycrate::foo::<alloc::vec::Vec<u8>>"},
      {"foo::h0123", "foo::h0123"},                                // too short for a hash
      {"foo::h0123456789abcdefg", "foo::h0123456789abcdefg"},      // longer identifier
      {"foo(int [4])", "foo(int [4])"},                            // C++ array bound after a space
      {"foo::bar[abi:cxx11]()", "foo::bar[abi:cxx11]()"},
      {"foo() [clone .cold]", "foo() [clone .cold]"},
  };
  for (const auto& [in, want] : cases) {
    INFO(in);
    CHECK(run(strip_rust_hash, in) == want);
  }
}
