// symbol_tidy.h: turning a perf symbol into a frame name, as stackcollapse-perf.pl's "tidy" steps do:
//   - strip a trailing "+0x1b" offset;
//   - ';' becomes ':' (';' separates frames in folded output);
//   - drop the parameter list: "foo(int) const" -> "foo", "Lorg/Foo;.bar(I)V" -> "Lorg/Foo:.bar",
//     except in Go method names ("net/http.(*Client).Do" stays as is);
//   - delete '"' and '\'' (V8 prints "RegExp:[&<>\"\']");
//   - Java (comm starting "java"): "Lorg/mozilla/Foo:.call" -> "org/mozilla/Foo:.call".
//
// Deliberate fix: the script cuts at the first '(' (other than "(anonymous namespace)"), which mangles C++:
//   std::function<void (int)>::operator()(int) const      script: "std::function<void "
//   main::{lambda(int)#1}::operator()(int) const          script: "main::{lambda"
//   foo(int)::Local::run()                                script: "foo"
// We track <> () [] {} nesting (knowing "operator()", "operator<", "operator->" and friends) and cut at the
// last top-level parameter list instead: "std::function<void (int)>::operator()", "main::{lambda(int)#1}::
// operator()", "foo(int)::Local::run". A name whose brackets do not balance (a truncated Java signature)
// falls back to the script's rule, which is also what both give for the ordinary "name(args)".
#pragma once

#include <string>
#include <string_view>

namespace flamekit::perf {

// `symbol` without a trailing /\+0x[0-9a-f]+$/.
std::string_view strip_offset(std::string_view symbol);

// Where the parameter list to drop starts, or npos to keep everything (see the header for the rule).
size_t parameter_cut(std::string_view name);

// The script's rule alone: the first '(' not starting "(anonymous namespace)", npos if none. Exposed for
// tests that show where we differ.
size_t perl_parameter_cut(std::string_view name);

// Appends the tidied form of `name` to *out: cut, ';' -> ':', quotes deleted, Java's leading 'L' dropped
// when `java` and the result contains a '/'.
void append_tidy(std::string_view name, bool java, std::string* out);

// Splits a symbol on the "->" that joins inlined functions in some perf versions ("outer->inner"), as the
// script's `split /->/` does (trailing empty pieces dropped), except that "operator->" is not a separator.
// Calls f(piece) for each piece in order.
template <typename F>
void for_each_arrow_piece(std::string_view symbol, F&& f);

}  // namespace flamekit::perf

// ---- implementation of the template
namespace flamekit::perf {

bool is_operator_arrow(std::string_view symbol, size_t arrow);

template <typename F>
void for_each_arrow_piece(std::string_view symbol, F&& f) {
  size_t start = 0, from = 0, pending_empty = 0;
  auto emit = [&](std::string_view piece) {
    if (piece.empty()) {  // split drops trailing empty fields: hold empties until something follows
      ++pending_empty;
      return;
    }
    for (; pending_empty > 0; --pending_empty) f(std::string_view());
    f(piece);
  };
  for (;;) {
    size_t arrow = symbol.find("->", from);
    if (arrow == std::string_view::npos) break;
    if (is_operator_arrow(symbol, arrow)) {
      from = arrow + 2;
      continue;
    }
    emit(symbol.substr(start, arrow - start));
    start = from = arrow + 2;
  }
  emit(symbol.substr(start));
}

}  // namespace flamekit::perf
