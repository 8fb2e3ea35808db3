// name_transforms_test.cc: --no-params, --no-templates and --no-rust-hash on demangled names.
#include "demangle/name_transforms.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "demangle/symbol_demangler.h"

using namespace flamekit::demangle;

namespace {
template <typename F>
std::string run(F f, std::string_view in) {
  std::string out = "prefix:";  // transforms append
  f(in, &out);
  return out.substr(7);
}
}  // namespace

TEST_CASE("strip_params gives perf's name for what c++filt printed", "[demangle]") {
  std::vector<std::pair<std::string, std::string>> cases = {
      {"foo::bar()", "foo::bar"},
      {"foo::bar(int, char const*) const", "foo::bar"},
      {"foo::bar() const &&", "foo::bar"},
      {"foo::bar() volatile noexcept", "foo::bar"},
      {"foo::bar() [clone .cold]", "foo::bar"},
      {"foo::bar() [clone .constprop.0] [clone .isra.0]", "foo::bar"},
      {"foo::bar[abi:cxx11]() const", "foo::bar[abi:cxx11]"},
      // return types of function templates
      {"void std::sort<long*>(long*, long*)", "std::sort<long*>"},
      {"std::ctype<char> const& std::use_facet<std::ctype<char> >(std::locale const&)",
       "std::use_facet<std::ctype<char> >"},
      {"unsigned long foo<int>(int) [clone .isra.0]", "foo<int>"},
      {"decltype ({parm#1}+{parm#2}) add<int, int>(int, int)", "add<int, int>"},
      {"auto Foo::operator()<int>()", "Foo::operator()<int>"},
      {"bool operator< <int>(Foo<int> const&, Foo<int> const&)", "operator< <int>"},
      {"std::basic_ostream<char, std::char_traits<char> >& std::operator<< <std::char_traits<char> >"
       "(std::basic_ostream<char, std::char_traits<char> >&, char const*)",
       "std::operator<< <std::char_traits<char> >"},
      // parameter lists that do not end the name stay, as perf keeps them
      {"main::{lambda(int)#1}::operator()(int) const", "main::{lambda(int)#1}::operator()"},
      {"foo::baz(int)::{lambda()#1}::operator()() const", "foo::baz(int)::{lambda()#1}::operator()"},
      {"void f<int>()::Loc::run<int>()", "f<int>()::Loc::run<int>"},
      {"(anonymous namespace)::foo()", "(anonymous namespace)::foo"},
      {"std::function<long (int)>::operator()(int) const", "std::function<long (int)>::operator()"},
      {"std::_Function_handler<long (int), main::{lambda(int)#2}>::_M_invoke(std::_Any_data const&, int&&)",
       "std::_Function_handler<long (int), main::{lambda(int)#2}>::_M_invoke"},
      {"foo(void (*)(int))", "foo"},
      {"std::vector<int, std::allocator<int> >::push_back(int const&)",
       "std::vector<int, std::allocator<int> >::push_back"},
      // special names that hold a function
      {"non-virtual thunk to Foo::bar()", "non-virtual thunk to Foo::bar"},
      {"virtual thunk to std::basic_ostream<char, std::char_traits<char> >::~basic_ostream()",
       "virtual thunk to std::basic_ostream<char, std::char_traits<char> >::~basic_ostream"},
      {"covariant return thunk to Foo::clone() const", "covariant return thunk to Foo::clone"},
      {"transaction clone for Foo::f()", "transaction clone for Foo::f"},
      {"vtable for Foo", "vtable for Foo"},
      {"guard variable for main::x", "guard variable for main::x"},
      // libiberty's short spellings without DMGL_VERBOSE, but in front of the type's own constructor
      {"std::basic_ostream<char, std::char_traits<char> >::operator<<(int)", "std::ostream::operator<<"},
      {"std::basic_istream<char, std::char_traits<char> >::gcount() const", "std::istream::gcount"},
      {"std::basic_iostream<char, std::char_traits<char> >::~basic_iostream()",
       "std::basic_iostream<char, std::char_traits<char> >::~basic_iostream"},
      {"std::basic_string<char, std::char_traits<char>, std::allocator<char> >::basic_string(char const*)",
       "std::basic_string<char, std::char_traits<char>, std::allocator<char> >::basic_string"},
      {"std::vector<std::basic_string<char, std::char_traits<char>, std::allocator<char> >, "
       "std::allocator<std::basic_string<char, std::char_traits<char>, std::allocator<char> > > >::push_back("
       "std::basic_string<char, std::char_traits<char>, std::allocator<char> > const&)",
       "std::vector<std::string, std::allocator<std::string> >::push_back"},
      {"vtable for std::basic_ostream<char, std::char_traits<char> >", "vtable for std::ostream"},
      {"std::basic_ostringstream<char>::str()", "std::basic_ostringstream<char>::str"},
      {"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_append(char const*, "
       "unsigned long)",
       "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >::_M_append"},
      // what a frame carries after the name
      {"foo::bar()+0x2a", "foo::bar+0x2a"},
      {"foo::bar()@plt", "foo::bar@plt"},
      {"operator new(unsigned long)@plt", "operator new@plt"},
      {"Foo::operator+(int)+0x10", "Foo::operator++0x10"},
      {"std::basic_ostream<char, std::char_traits<char> >::flush()@@GLIBCXX_3.4", "std::ostream::flush@@GLIBCXX_3.4"},
      {"(anonymous namespace)::worker(int, long):mt.cc:48", "(anonymous namespace)::worker:mt.cc:48"},
      {"std::error_code::default_error_condition() const:??:?", "std::error_code::default_error_condition:??:?"},
      {"void std::sort<int*>(int*, int*):stl_algo.h:4853_[i]", "std::sort<int*>:stl_algo.h:4853_[i]"},
      {"foo::bar()_[k]", "foo::bar_[k]"},
      {"foo::bar()_[x]", "foo::bar()_[x]"},
      {"ns::f(int)::g:12", "ns::f(int)::g:12"},
      // perf's names, and names that are no C++ function, come through
      {"std::ostream::_M_insert<double>", "std::ostream::_M_insert<double>"},
      {"f(int)::{lambda()#1}::operator()", "f(int)::{lambda()#1}::operator()"},
      {"A::operator int (*)()", "A::operator int (*)()"},
      {"A::operator int (*)()()", "A::operator int (*)()()"},  // which list is the type's is not told
      {"net/http.(*Client).Do", "net/http.(*Client).Do"},
      {"Lorg/Foo:.bar", "Lorg/Foo:.bar"},
      {"<module> (foo.py:3)", "<module> (foo.py:3)"},
      {"[unknown]", "[unknown]"},
      {"main", "main"},
      {"", ""},
      {"void (*f<int>(int))()", "void (*f<int>(int))()"},  // a returned function pointer wraps the name
      {"broken(int", "broken(int"},                        // unbalanced: unchanged
      {"broken)(", "broken)("},
      {"f(int) trailing", "f(int) trailing"},
      {"some text foo::bar()", "some text foo::bar"},  // no template: no return type to drop
  };
  for (const auto& [in, want] : cases) {
    INFO(in);
    CHECK(run(strip_params, in) == want);
  }
}

namespace {

// Every <operator-name> of the Itanium C++ ABI (5.1.5: the operators, conversions "cv <type>", literal
// operators "li <source-name>" and vendor operators "v <digit> <source-name>"), mangled and as libiberty
// spells it after "operator".
struct OperatorName {
  std::string code, spelling;
};
const std::vector<OperatorName> kOperators = {
    {"nw", " new"}, {"na", " new[]"}, {"dl", " delete"}, {"da", " delete[]"}, {"aw", " co_await"},
    {"ps", "+"},    {"ng", "-"},      {"ad", "&"},       {"de", "*"},         {"co", "~"},
    {"pl", "+"},    {"mi", "-"},      {"ml", "*"},       {"dv", "/"},         {"rm", "%"},
    {"an", "&"},    {"or", "|"},      {"eo", "^"},       {"aS", "="},         {"pL", "+="},
    {"mI", "-="},   {"mL", "*="},     {"dV", "/="},      {"rM", "%="},        {"aN", "&="},
    {"oR", "|="},   {"eO", "^="},     {"ls", "<<"},      {"rs", ">>"},        {"lS", "<<="},
    {"rS", ">>="},  {"eq", "=="},     {"ne", "!="},      {"lt", "<"},         {"gt", ">"},
    {"le", "<="},   {"ge", ">="},     {"ss", "<=>"},     {"nt", "!"},         {"aa", "&&"},
    {"oo", "||"},   {"pp", "++"},     {"mm", "--"},      {"cm", ","},         {"pm", "->*"},
    {"pt", "->"},   {"cl", "()"},     {"ix", "[]"},      {"qu", "?"},
    {"cvi", " int"}, {"cvPKc", " char const*"}, {"cvRKSt6vectorIiSaIiEE", " std::vector<int, std::allocator<int> > const&"},
    {"li2_x", "\"\" _x"}, {"v13foo", " foo"},
};

bool is_conversion(const OperatorName& op) { return op.code.starts_with("cv"); }

// Mangled names of functions named by `op`, in every shape, each with the name perf prints for it.
std::vector<std::pair<std::string, std::string>> operator_symbols(const OperatorName& op) {
  std::string name = "operator" + op.spelling;
  // libiberty separates a template argument list from an operator name that ends in '<'
  std::string targs = (op.spelling.back() == '<' ? " " : "") + std::string("<int>");
  std::vector<std::pair<std::string, std::string>> out = {
      {"_ZN3Foo" + op.code + "Ei", "Foo::" + name},                         // Foo::operator=(int)
      {"_ZNK3Foo" + op.code + "Ev", "Foo::" + name},                        // ... () const
      {"_ZNKR3Foo" + op.code + "Ev", "Foo::" + name},                       // ... () const &
      {"_ZNO3Foo" + op.code + "ERKS_", "Foo::" + name},                     // ... (Foo const&) &&
      {"_ZNVK2ns3BarIiE" + op.code + "Ev", "ns::Bar<int>::" + name},        // ... () const volatile
      {"_ZN3Foo" + op.code + "Ei.isra.0", "Foo::" + name},                  // ... (int) [clone .isra.0]
      {"_Z" + op.code + "ii", name},                                        // operator=(int, int)
      {"_Z" + op.code + "RK3FooS1_.cold", name},                            // ... (Foo const&, ...) [clone .cold]
      {"_ZN12_GLOBAL__N_13Foo" + op.code + "Ev", "(anonymous namespace)::Foo::" + name},
      {"_ZThn8_N3Foo" + op.code + "Ev", "non-virtual thunk to Foo::" + name},  // perf keeps "()" here
  };
  if (!is_conversion(op)) {  // a conversion template has no return type and takes the converted-to type
    out.push_back({"_ZN3Foo" + op.code + "IiEEvi", "Foo::" + name + targs});   // void Foo::operator=<int>(int)
    out.push_back({"_ZNK3Foo" + op.code + "IiEEbT_", "Foo::" + name + targs}); // bool ...<int>(int) const
    out.push_back({"_Z" + op.code + "IiEvT_", name + targs});                  // void operator=<int>(int)
  }
  return out;
}

}  // namespace

// Issue 13 item 1: "Foo::operator=(int) const" kept its parameters, as did every operator whose name ends
// in a character that cannot end a name (= == != + - * / % ! ~ & && | || ^ += , ++ ...).
TEST_CASE("strip_params cuts the parameter list after every operator name", "[demangle]") {
  size_t checked = 0;
  for (const OperatorName& op : kOperators) {
    for (const auto& [mangled, want] : operator_symbols(op)) {
      std::string cxxfilt = demangle_token(mangled);
      INFO(mangled << " = " << cxxfilt);
      REQUIRE(cxxfilt != mangled);  // a valid symbol
      std::string perf_name = want;
      if (mangled.starts_with("_ZTh")) perf_name += "()";  // perf keeps a thunk's function whole
      CHECK(run(strip_params, cxxfilt) == want);
      CHECK(demangle_token(mangled, DemangleStyle::kPerf) == perf_name);
      CHECK(run(strip_params, perf_name) == want);  // perf's names come through
      ++checked;
    }
  }
  CHECK(checked > 600);
  // A conversion template names its type in the template arguments.
  CHECK(run(strip_params, demangle_token("_ZN3FoocvT_IiEEv")) == "Foo::operator int<int>");
  CHECK(demangle_token("_ZN3FoocvT_IiEEv", DemangleStyle::kPerf) == "Foo::operator int<int>");
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
