// shell_words.cc: quoting and splitting with sh's rules, no expansions.
#include "capture/shell_words.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"

namespace flamekit::capture {
namespace {

bool is_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || std::strchr("@%_+=:,./-", c);
}

}  // namespace

std::string shell_quote(std::string_view word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c != '\0' && is_safe(c); })) {
    return std::string(word);
  }
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shell_join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + shell_quote(w);
  return out;
}

std::vector<std::string> split_shell_words(std::string_view text, std::string_view what) {
  auto fail = [&](const std::string& message) { throw Error::usage(std::string(what) + ": " + message); };
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      size_t end = text.find('\'', i + 1);
      if (end == std::string_view::npos) fail("unterminated ' quote");
      word.append(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) fail("unterminated \" quote");
        if (text[i] == '"') break;
        if (text[i] == '\\' && i + 1 < text.size() && std::strchr("$`\"\\\n", text[i + 1])) ++i;
        else if (text[i] == '$' || text[i] == '`') fail("$ and ` need a shell; write the values out");
        word += text[i];
      }
    } else if (c == '\\') {
      if (i + 1 == text.size()) fail("trailing \\");
      word += text[++i];
    } else if (std::strchr("|&;<>()$`", c)) {
      fail(std::string("unquoted '") + c + "' needs a shell; quote it, or put the commands in a script");
    } else {
      word += c;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace flamekit::capture
