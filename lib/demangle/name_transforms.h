// name_transforms.h: shortening of demangled names for big C++ and Rust code bases, bracket-aware:
//
//   strip_params       "ns::f<int>(std::vector<int> const&) const [clone .cold]" -> "ns::f<int> [clone .cold]"
//   collapse_templates "std::vector<int, std::allocator<int> >::push_back(int const&)"
//                          -> "std::vector<>::push_back(int const&)"
//   strip_rust_hash    "core::fmt::write::h0123456789abcdef" -> "core::fmt::write",
//                      "mycrate[3c1c0]::foo" -> "mycrate::foo"
//
// The scanner knows the operator names whose spelling contains brackets (operator<<, operator>>=,
// operator<=>, operator->, operator(), ...) and the Rust arrow "->", so those are never taken for brackets.
// A name whose brackets do not balance is returned unchanged: a transform never makes a frame worse.
#pragma once

#include <string>
#include <string_view>

namespace flamekit::demangle {

// Removes every parameter list: a '(' ... ')' group that is not inside another bracket and directly follows
// a name (a letter, digit, '_', '>', ']' or an operator name), e.g. the "(int)" of "f(int)" and of
// "ns::g(int)::{lambda()#1}"; "(anonymous namespace)" is kept. After the last removed list, the qualifiers
// " const", " volatile", " &", " &&" and " noexcept" that follow it are removed too. Appends to *out.
void strip_params(std::string_view name, std::string* out);

// Replaces the contents of every outermost template argument list with nothing: a '<' that directly follows
// a name character, "::" (Rust turbofish) or an operator name ("operator<< <T>") opens one. A '<' elsewhere
// (Rust "<T as Trait>::f") is kept as is, and the lists inside it are collapsed. Appends to *out.
void collapse_templates(std::string_view name, std::string* out);

// Removes Rust hashes: a legacy "::h" + 16 hex digits at the end of a path, and a v0 crate disambiguator
// "[hex]" directly after a name character. Appends to *out.
void strip_rust_hash(std::string_view name, std::string* out);

}  // namespace flamekit::demangle
