// symbol_demangler.cc: the libiberty call, c++filt's prefix handling, and the arena-backed cache.
#include "demangle/symbol_demangler.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include <libiberty/demangle.h>

namespace flamekit::demangle {
namespace {

// c++filt's flags without -p (no-params) and -t (types): DMGL_PARAMS | DMGL_ANSI | DMGL_VERBOSE.
constexpr int kCxxfiltFlags = DMGL_PARAMS | DMGL_ANSI | DMGL_VERBOSE;
// perf's without -v.
constexpr int kPerfFlags = DMGL_NO_OPTS;

// Appends c++filt -n's (or perf's) output for `token` to *out.
void demangle_into(std::string_view token, DemangleStyle style, std::string* out) {
  // c++filt copies the token into a NUL-terminated buffer: a NUL byte ends the string it sees.
  std::string symbol(token.substr(0, token.find('\0')));
  bool cxxfilt = style == DemangleStyle::kCxxfilt;
  size_t skip = cxxfilt && !symbol.empty() && (symbol[0] == '.' || symbol[0] == '$');
  char* result = cplus_demangle(symbol.c_str() + skip, cxxfilt ? kCxxfiltFlags : kPerfFlags);
  if (result == nullptr) {
    out->append(symbol);
    return;
  }
  if (skip && symbol[0] == '.') out->push_back('.');
  size_t start = out->size();
  out->append(result);
  std::free(result);
  for (size_t i = start; i < out->size(); ++i) {
    if ((*out)[i] == ';') (*out)[i] = ':';  // keep folded frame separators unambiguous
  }
}

}  // namespace

std::string demangle_token(std::string_view token, DemangleStyle style) {
  std::string out;
  demangle_into(token, style, &out);
  return out;
}

std::string_view SymbolDemangler::keep(std::string_view bytes) {
  char* copy = static_cast<char*>(arena_.allocate(bytes.size() ? bytes.size() : 1, 1));
  std::memcpy(copy, bytes.data(), bytes.size());
  return {copy, bytes.size()};
}

std::string_view SymbolDemangler::add(std::string_view token) {
  std::string text;
  demangle_into(token, style_, &text);
  std::string_view key = keep(token);
  std::string_view value = text == token ? key : keep(text);
  cache_.emplace(key, value);
  return value;
}

}  // namespace flamekit::demangle
