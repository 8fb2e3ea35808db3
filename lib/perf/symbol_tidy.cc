// symbol_tidy.cc: frame name tidying (see symbol_tidy.h).
#include "perf/symbol_tidy.h"

#include <cstring>

namespace flamekit::perf {
namespace {

constexpr size_t kNo = std::string_view::npos;
constexpr std::string_view kAnonymousNamespace = "(anonymous namespace)";

bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The script's /\.\(.*\)\./: a Go method such as "net/http.(*Client).Do" keeps its parentheses.
bool looks_like_go_method(std::string_view name) {
  size_t open = name.find(".(");
  if (open == kNo) return false;
  return name.find(").", open + 2) != kNo;
}

// If an operator name starts at `i` ("operator()", "operator<<", "operator->", "operator new[]"), returns
// the index just after it, so its symbols are not taken for brackets; else returns i.
size_t skip_operator(std::string_view name, size_t i) {
  constexpr std::string_view kOperator = "operator";
  if (name.compare(i, kOperator.size(), kOperator) != 0) return i;
  if (i > 0 && is_ident(name[i - 1])) return i;
  size_t j = i + kOperator.size();
  if (j >= name.size()) return i;
  if (name.compare(j, 2, "()") == 0 || name.compare(j, 2, "[]") == 0) return j + 2;
  if (std::strchr("<>=!+-*/%^&|~,", name[j]) != nullptr) {
    while (j < name.size() && std::strchr("<>=!+-*/%^&|~,", name[j]) != nullptr) ++j;
    return j;
  }
  if (name[j] == ' ') {  // "operator new[]", "operator delete[]"; conversions ("operator int") parse as usual
    size_t k = j + 1;
    while (k < name.size() && is_ident(name[k])) ++k;
    std::string_view word = name.substr(j + 1, k - j - 1);
    if ((word == "new" || word == "delete") && name.compare(k, 2, "[]") == 0) return k + 2;
    return k;
  }
  return i;
}

char opener_of(char close) {
  switch (close) {
    case ')': return '(';
    case '>': return '<';
    case ']': return '[';
    default: return '{';
  }
}

}  // namespace

std::string_view strip_offset(std::string_view symbol) {
  size_t n = symbol.size(), i = n;
  while (i > 0 && is_hex_lower(symbol[i - 1])) --i;
  if (i == n || i < 3 || symbol.compare(i - 3, 3, "+0x") != 0) return symbol;
  return symbol.substr(0, i - 3);
}

size_t perl_parameter_cut(std::string_view name) {
  for (size_t i = name.find('('); i != kNo; i = name.find('(', i + 1)) {
    if (name.compare(i, kAnonymousNamespace.size(), kAnonymousNamespace) != 0) return i;
  }
  return kNo;
}

size_t parameter_cut(std::string_view name) {
  if (looks_like_go_method(name)) return kNo;
  if (name.find('(') == kNo) return kNo;
  char stack[64];
  size_t depth = 0, last_group = kNo;
  for (size_t i = 0; i < name.size();) {
    size_t after = skip_operator(name, i);
    if (after != i) {
      i = after;
      continue;
    }
    char c = name[i];
    if (c == '(' || c == '<' || c == '[' || c == '{') {
      if (c == '(' && depth == 0 && name.compare(i, kAnonymousNamespace.size(), kAnonymousNamespace) != 0) {
        last_group = i;
      }
      if (depth == sizeof stack) return perl_parameter_cut(name);
      stack[depth++] = c;
    } else if (c == ')' || c == ']' || c == '}' || (c == '>' && !(i > 0 && name[i - 1] == '-'))) {
      if (depth == 0 || stack[depth - 1] != opener_of(c)) return perl_parameter_cut(name);
      --depth;
    }
    ++i;
  }
  if (depth != 0) return perl_parameter_cut(name);
  return last_group;
}

void append_tidy(std::string_view name, bool java, std::string* out) {
  size_t cut = parameter_cut(name);
  if (cut != kNo) name = name.substr(0, cut);
  size_t begin = out->size();
  // Copied in runs between the bytes that change: quotes are dropped, ';' becomes ':'.
  size_t run = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c != '"' && c != '\'' && c != ';') continue;
    out->append(name.data() + run, i - run);
    if (c == ';') out->push_back(':');
    run = i + 1;
  }
  out->append(name.data() + run, name.size() - run);
  // Perl: `$func =~ s/^L// if $func =~ m:/:` for processes named java*.
  if (java && out->size() > begin && (*out)[begin] == 'L' &&
      std::string_view(*out).substr(begin).find('/') != kNo) {
    out->erase(begin, 1);
  }
}

bool is_operator_arrow(std::string_view symbol, size_t arrow) {
  constexpr std::string_view kOperator = "operator";
  if (arrow < kOperator.size()) return false;
  size_t start = arrow - kOperator.size();
  return symbol.compare(start, kOperator.size(), kOperator) == 0 && (start == 0 || !is_ident(symbol[start - 1]));
}

}  // namespace flamekit::perf
