// name_transforms.cc: the bracket- and operator-aware scanning shared by --no-params (which finds the
// parameter list that ends a name and the return type before it, and respells libiberty's verbose std::
// names) and --no-templates, and the Rust hash stripper. Positions are byte indexes into the demangled name.
#include "demangle/name_transforms.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace flamekit::demangle {
namespace {

constexpr size_t kNone = std::string_view::npos;

bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// If an operator name starts at i, returns its length, else 0. "operator" must start a word. Symbolic
// operators are matched longest first, so "operator<<=" is one name and "operator< <int>" is "operator<"
// and a template argument list (libiberty writes that space only after a '<'). "operator new[]", "operator
// delete[]", "operator co_await" and "operator\"\"" (a literal operator, "operator\"\" _x") include their
// words; for a conversion or vendor operator ("operator int", "operator char const*") only "operator" is
// counted, and the type after it is scanned as usual.
size_t operator_length(std::string_view s, size_t i) {
  static constexpr std::string_view kWord = "operator";
  if (s.compare(i, kWord.size(), kWord) != 0) return 0;
  if (i > 0 && is_ident(s[i - 1])) return 0;
  static constexpr std::array<std::string_view, 41> kSymbols = {
      "->*", "<<=", ">>=", "<=>", "->", "()", "[]", "<<", ">>", "<=", ">=", "==", "!=", "&&",
      "||",  "++",  "--",  "+=",  "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+",  "-",  "*",
      "/",   "%",   "^",   "&",   "|",  "~",  "!",  "=",  "<",  ">",  ",",  "?",  "\"\""};
  static constexpr std::array<std::string_view, 5> kWords = {" new[]", " delete[]", " new", " delete", " co_await"};
  std::string_view rest = s.substr(i + kWord.size());
  for (std::string_view sym : kSymbols) {
    if (rest.starts_with(sym)) return kWord.size() + sym.size();
  }
  if (!rest.empty() && is_ident(rest[0])) return 0;  // "operator_" is an identifier
  for (std::string_view word : kWords) {
    if (rest.starts_with(word) && (rest.size() == word.size() || !is_ident(rest[word.size()]))) {
      return kWord.size() + word.size();
    }
  }
  return kWord.size();
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

// Length of the qualifiers and clone suffixes that may follow a parameter list at i (" const", " &&",
// " [clone .cold]", ...), possibly several.
size_t qualifiers_length(std::string_view s, size_t i) {
  static constexpr std::array<std::string_view, 7> kQualifiers = {
      " const", " volatile", " restrict", " noexcept", " transaction_safe", " &&", " &"};
  static constexpr std::string_view kClone = " [clone .";
  size_t start = i;
  for (bool found = true; found;) {
    found = false;
    std::string_view rest = s.substr(i);
    if (rest.starts_with(kClone)) {
      size_t close = rest.find(']');
      if (close == kNone) break;
      i += close + 1;
      found = true;
      continue;
    }
    for (std::string_view q : kQualifiers) {
      if (!rest.starts_with(q)) continue;
      if (q[1] != '&' && q.size() < rest.size() && is_ident(rest[q.size()])) continue;
      i += q.size();
      found = true;
      break;
    }
  }
  return i - start;
}

// The names libiberty prints in front of an encoding that keeps its own parameter list and return type.
size_t special_prefix_length(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {
      "non-virtual thunk to ", "virtual thunk to ",         "covariant return thunk to ",
      "transaction clone for ", "non-transaction clone for ", "hidden alias for "};
  for (std::string_view p : kPrefixes) {
    if (s.starts_with(p)) return p.size();
  }
  return 0;
}

// Start of what a frame may carry after its name, innermost last: a "@plt" or "@@GLIBCXX_3.4" suffix, a
// "+0x1f" offset, the ":file.cc:12" of flame-collapse --srcline or --inline --context (":??:?" when unknown),
// and its "_[k]", "_[i]" or "_[j]" annotation.
size_t frame_suffix_start(std::string_view s) {
  size_t end = s.size();
  if (end >= 4 && s.compare(end - 4, 2, "_[") == 0 && s[end - 1] == ']' && std::strchr("kij", s[end - 2])) {
    end -= 4;
  }
  size_t i = end;  // ":file:line": a line number or '?' after the last ':', no "::" before the file
  while (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '?')) --i;
  if (i < end && i > 0 && s[i - 1] == ':') {
    size_t file = s.rfind(':', i - 2);
    if (file != kNone && file + 1 < i - 1 && file > 0 && s[file - 1] != ':') end = file;
  }
  i = end;
  while (i > 0 && is_hex(s[i - 1])) --i;
  if (i < end && i >= 3 && s.compare(i - 3, 3, "+0x") == 0) end = i - 3;
  return std::min(end, s.find('@'));
}

// In a function name `s` as libiberty prints it with parameters ("void ns::f<int>(int) const"), finds the
// parameter list that ends it (only qualifiers and clone suffixes after it): a '(' not inside brackets that
// directly follows a name, a template argument list, an ABI tag or an operator name, or that follows the
// type of a conversion operator. Sets *name_begin to the start of the function's own name, after the return
// type libiberty prints for a function template (whose name ends in '>'): the last space outside brackets
// before the first operator name. Returns the '(' or kNone (no such
// list, or unbalanced brackets). A conversion to a function pointer ("A::operator int (*)()()") is left
// alone: its type ends in a parameter list too, and perf's name for it is "A::operator int (*)()".
size_t final_parameter_list(std::string_view s, size_t* name_begin) {
  *name_begin = 0;
  bool seen_operator = false;  // after "operator", spaces belong to the name ("operator new", "operator int")
  bool conversion = false;     // ... and a conversion's type may end in any character ("operator char*")
  bool after_name = false;
  for (size_t i = 0; i < s.size();) {
    if (size_t op = operator_length(s, i)) {
      conversion = op == 8 && !seen_operator;
      seen_operator = after_name = true;
      i += op;
      continue;
    }
    char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '>') {  // an arrow, not a bracket
      after_name = false;
      i += 2;
      continue;
    }
    if (closer_of(c)) {
      size_t close = find_close(s, i);
      if (close == kNone) return kNone;
      bool after_space = i > 0 && s[i - 1] == ' ';
      bool after_group = i > 0 && s[i - 1] == ')';  // "operator int (*)()": is "()" its list? Keep it.
      if (c == '(' && (after_name || (conversion && !after_space && !after_group)) &&
          close + 1 + qualifiers_length(s, close + 1) == s.size()) {
        if (s[i - 1] != '>') *name_begin = 0;  // no template, no return type: the spaces are the name's
        return i;
      }
      after_name = c != '(';
      i = close + 1;
      continue;
    }
    if (is_closer(c)) return kNone;
    if (c == ' ' && !seen_operator) *name_begin = i + 1;
    after_name = is_ident(c);
    ++i;
  }
  return kNone;
}

// The full names of the four std:: types that libiberty spells short unless asked to be verbose, and the
// constructor name that keeps the full name in front of it ("std::basic_string<...>::basic_string").
struct StdAbbreviation {
  std::string_view full, brief, constructor;
};
constexpr std::array<StdAbbreviation, 4> kStdAbbreviations = {{
    {"std::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string", "basic_string"},
    {"std::basic_istream<char, std::char_traits<char> >", "std::istream", "basic_istream"},
    {"std::basic_ostream<char, std::char_traits<char> >", "std::ostream", "basic_ostream"},
    {"std::basic_iostream<char, std::char_traits<char> >", "std::iostream", "basic_iostream"},
}};

// Appends `s` with each full name of kStdAbbreviations replaced by its brief one, unless it prefixes a
// constructor or destructor of its own type.
void append_abbreviated(std::string_view s, std::string* out) {
  for (size_t i = 0;;) {
    size_t at = s.find("std::basic_", i);
    if (at == kNone) {
      out->append(s.substr(i));
      return;
    }
    out->append(s.substr(i, at - i));
    i = at;
    for (const StdAbbreviation& a : kStdAbbreviations) {
      if (s.compare(at, a.full.size(), a.full) != 0) continue;
      size_t after = at + a.full.size();
      std::string_view rest = s.substr(after);
      if (rest.starts_with("::~")) rest.remove_prefix(3);
      else if (rest.starts_with("::")) rest.remove_prefix(2);
      else rest = {};
      bool structor = rest.starts_with(a.constructor) &&
                      (rest.size() == a.constructor.size() || !is_ident(rest[a.constructor.size()]));
      out->append(structor ? a.full : a.brief);
      i = after;
      // libiberty writes "> >" for ">>" only: "std::allocator<std::string>"
      if (!structor && s.compare(i, 2, " >") == 0) ++i;
      break;
    }
    if (i == at) {
      out->append("std::basic_");
      i += 11;
    }
  }
}

// The scan of collapse_templates: copies `s` to *out, and for every bracket group for which
// want(open_index, name_before) returns true, calls replace() (which appends the replacement) instead of
// copying the group, then goes on after it. Groups inside brackets that were copied are offered too. Returns
// false if the brackets do not balance (then *out is left as it was).
template <typename Want, typename Replace>
bool rewrite_groups(std::string_view s, std::string* out, Want want, Replace replace) {
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
      if (want(i, after_name || after_operator)) {
        size_t close = find_close(s, i);
        if (close == kNone) {
          balanced = false;
          break;
        }
        replace();
        i = close + 1;
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
  size_t begin = special_prefix_length(name);
  size_t end = frame_suffix_start(name);
  if (end < begin) end = begin;
  std::string_view body = name.substr(begin, end - begin);
  size_t name_begin = 0;
  size_t params = final_parameter_list(body, &name_begin);
  if (params == kNone) {
    append_abbreviated(name, out);
    return;
  }
  append_abbreviated(name.substr(0, begin), out);
  append_abbreviated(body.substr(name_begin, params - name_begin), out);
  out->append(name.substr(end));
}

void collapse_templates(std::string_view name, std::string* out) {
  const size_t mark = out->size();
  bool ok = rewrite_groups(
      name, out, [&](size_t i, bool after_name) { return name[i] == '<' && after_name; },
      [&] { out->append("<>"); });
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
