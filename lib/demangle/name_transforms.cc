// name_transforms.cc: one bracket-aware scanner shared by --no-params and --no-templates, and the Rust hash
// stripper. Positions are byte indexes into the demangled name.
#include "demangle/name_transforms.h"

#include <array>
#include <vector>

namespace flamekit::demangle {
namespace {

constexpr size_t kNone = std::string_view::npos;

bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// If an operator name whose spelling holds bracket characters starts at i ("operator<<", "operator()", ...),
// returns its length, else 0. "operator" must start a word.
size_t operator_length(std::string_view s, size_t i) {
  static constexpr std::string_view kWord = "operator";
  if (s.compare(i, kWord.size(), kWord) != 0) return 0;
  if (i > 0 && is_ident(s[i - 1])) return 0;
  static constexpr std::array<std::string_view, 13> kSymbols = {
      "<<=", ">>=", "<=>", "->*", "<<", ">>", "<=", ">=", "->", "()", "[]", "<", ">"};
  std::string_view rest = s.substr(i + kWord.size());
  for (std::string_view sym : kSymbols) {
    if (rest.starts_with(sym)) return kWord.size() + sym.size();
  }
  return 0;
}

char closer_of(char open) {
  switch (open) {
    case '(': return ')';
    case '<': return '>';
    case '[': return ']';
    case '{': return '}';
    default: return 0;
  }
}
bool is_closer(char c) { return c == ')' || c == '>' || c == ']' || c == '}'; }

// Index of the bracket that closes the one at `open`, or kNone if the brackets do not balance.
size_t find_close(std::string_view s, size_t open) {
  std::vector<char> expected{closer_of(s[open])};
  for (size_t i = open + 1; i < s.size(); ++i) {
    if (size_t op = operator_length(s, i)) {
      i += op - 1;
      continue;
    }
    char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '>') {
      ++i;  // an arrow, not a bracket
    } else if (closer_of(c)) {
      expected.push_back(closer_of(c));
    } else if (is_closer(c)) {
      if (c != expected.back()) return kNone;
      expected.pop_back();
      if (expected.empty()) return i;
    }
  }
  return kNone;
}

// Length of the qualifiers that may follow a parameter list at i (" const", " &&", ...), possibly several.
size_t qualifiers_length(std::string_view s, size_t i) {
  static constexpr std::array<std::string_view, 7> kQualifiers = {
      " const", " volatile", " restrict", " noexcept", " transaction_safe", " &&", " &"};
  size_t start = i;
  for (bool found = true; found;) {
    found = false;
    for (std::string_view q : kQualifiers) {
      std::string_view rest = s.substr(i);
      if (!rest.starts_with(q)) continue;
      if (q[1] != '&' && q.size() < rest.size() && is_ident(rest[q.size()])) continue;
      i += q.size();
      found = true;
      break;
    }
  }
  return i - start;
}

// The shared scan: copies `s` to *out, and for every bracket group for which want(open_index, name_before)
// returns true, calls replace(open, close) instead of copying the group (which appends its replacement and
// returns how many bytes after the group to skip as well). Only groups not inside another bracket are offered
// when `outermost_only`; otherwise groups inside brackets that were copied are offered too. Returns false if
// the brackets do not balance (then *out is left as it was).
template <typename Want, typename Replace>
bool rewrite_groups(std::string_view s, std::string* out, bool outermost_only, Want want, Replace replace) {
  const size_t mark = out->size();
  int depth = 0;
  bool balanced = true;
  bool after_name = false;      // the last byte copied ends a name
  bool after_operator = false;  // ... or an operator name, possibly followed by one space
  for (size_t i = 0; i < s.size();) {
    if (size_t op = operator_length(s, i)) {
      out->append(s.substr(i, op));
      i += op;
      after_name = after_operator = true;
      continue;
    }
    char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '>') {
      out->append("->");
      i += 2;
      after_name = after_operator = false;
      continue;
    }
    if (closer_of(c)) {
      if ((depth == 0 || !outermost_only) && want(i, after_name || after_operator)) {
        size_t close = find_close(s, i);
        if (close == kNone) {
          balanced = false;
          break;
        }
        i = close + 1;
        i += replace(i);
        after_name = true;
        after_operator = false;
        continue;
      }
      ++depth;
    } else if (is_closer(c)) {
      if (--depth < 0) {
        balanced = false;
        break;
      }
    }
    out->push_back(c);
    ++i;
    after_name = is_ident(c) || c == ']' || c == '>' || c == ':';
    if (c != ' ') after_operator = false;
  }
  if (!balanced || depth != 0) {
    out->resize(mark);
    return false;
  }
  return true;
}

}  // namespace

void strip_params(std::string_view name, std::string* out) {
  const size_t mark = out->size();
  bool ok = rewrite_groups(
      name, out, /*outermost_only=*/true,
      [&](size_t i, bool after_name) {
        return name[i] == '(' && after_name && i > 0 && name[i - 1] != ':' && name[i - 1] != ' ';
      },
      [&](size_t after) { return qualifiers_length(name, after); });
  if (!ok) {
    out->resize(mark);
    out->append(name);
  }
}

void collapse_templates(std::string_view name, std::string* out) {
  const size_t mark = out->size();
  bool ok = rewrite_groups(
      name, out, /*outermost_only=*/false,
      [&](size_t i, bool after_name) { return name[i] == '<' && after_name; },
      [&](size_t) {
        out->append("<>");
        return size_t{0};
      });
  if (!ok) {
    out->resize(mark);
    out->append(name);
  }
}

void strip_rust_hash(std::string_view name, std::string* out) {
  for (size_t i = 0; i < name.size();) {
    // v0 crate disambiguator: "crate[3c1c0]".
    if (name[i] == '[' && i > 0 && is_ident(name[i - 1])) {
      size_t j = i + 1;
      while (j < name.size() && is_hex(name[j])) ++j;
      if (j > i + 1 && j < name.size() && name[j] == ']') {
        i = j + 1;
        continue;
      }
    }
    // legacy hash: "::h" and 16 hex digits, ending the path.
    if (name.compare(i, 3, "::h") == 0 && i + 19 <= name.size()) {
      size_t j = i + 3;
      while (j < i + 19 && is_hex(name[j])) ++j;
      if (j == i + 19 && (j == name.size() || !is_ident(name[j]))) {
        i = j;
        continue;
      }
    }
    out->push_back(name[i++]);
  }
}

}  // namespace flamekit::demangle
