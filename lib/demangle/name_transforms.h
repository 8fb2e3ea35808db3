// name_transforms.h: shortening of demangled names for big C++ and Rust code bases, bracket-aware:
//
//   strip_params       "void ns::f<int>(std::vector<int> const&) const [clone .cold]" -> "ns::f<int>",
//                      the name `perf script` prints for the same symbol
//   collapse_templates "std::vector<int, std::allocator<int> >::push_back(int const&)"
//                          -> "std::vector<>::push_back(int const&)"
//   strip_rust_hash    "core::fmt::write::h0123456789abcdef" -> "core::fmt::write",
//                      "mycrate[3c1c0]::foo" -> "mycrate::foo"
//
// The scanner knows every operator name of the Itanium C++ ABI (operator<<, operator>>=, operator<=>,
// operator->, operator(), operator=, operator new[], operator"" _x, conversions, ...) and the Rust arrow
// "->", so an operator's characters are never taken for brackets or for the end of a name. A name whose
// brackets do not balance is returned unchanged: a transform never makes a frame worse.
#pragma once

#include <string>
#include <string_view>

namespace flamekit::demangle {

// Rewrites a name as libiberty prints it with parameters (what c++filt prints) into the name perf prints
// for the same symbol (libiberty without DMGL_PARAMS and DMGL_VERBOSE, see symbol_demangler.h):
//   - the parameter list that ends the name goes, with the qualifiers (" const", " &&", " noexcept", ...)
//     and clone suffixes (" [clone .cold]") after it: "Foo::operator=(int) const" -> "Foo::operator=";
//   - so does the return type that libiberty prints before a function template's name:
//     "void std::sort<int*>(int*, int*)" -> "std::sort<int*>";
//   - parameter lists elsewhere stay, as perf keeps them: "f(int)::{lambda()#1}::operator()() const"
//     -> "f(int)::{lambda()#1}::operator()", "(anonymous namespace)::g()" -> "(anonymous namespace)::g";
//   - after "non-virtual thunk to " and the other special names that hold a function, the function is
//     shortened the same way; a frame's "@plt" or "+0x1f" after the name is kept;
//   - std::basic_string<char, ...>, basic_istream, basic_ostream and basic_iostream of char are spelled
//     std::string, std::istream, std::ostream and std::iostream, except in front of their own constructor
//     or destructor.
// A name with no final parameter list is only respelled (perf's names come through unchanged). Appends to
// *out.
void strip_params(std::string_view name, std::string* out);

// Replaces the contents of every outermost template argument list with nothing: a '<' that directly follows
// a name character, "::" (Rust turbofish) or an operator name ("operator<< <T>") opens one. A '<' elsewhere
// (Rust "<T as Trait>::f") is kept as is, and the lists inside it are collapsed. Appends to *out.
void collapse_templates(std::string_view name, std::string* out);

// Removes Rust hashes: a legacy "::h" + 16 hex digits at the end of a path, and a v0 crate disambiguator
// "[hex]" directly after a name character. Appends to *out.
void strip_rust_hash(std::string_view name, std::string* out);

}  // namespace flamekit::demangle
