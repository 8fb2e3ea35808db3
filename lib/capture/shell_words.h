// shell_words.h: POSIX shell quoting, both ways, for the commands flame-capture builds. Quoting is what
// --dry-run prints (a line pasted into sh runs exactly what flame-capture would run); splitting reads an
// --exec-prefix such as `kubectl exec -n NS POD -c perf --` into argv without a shell in between, so the
// prefix cannot run anything by accident.
//
//   shell_quote("it's")               -> 'it'\''s'
//   split_shell_words("ssh 'my host'") -> {"ssh", "my host"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flamekit::capture {

// `word` as one shell word: unchanged if it holds only safe characters, else in single quotes.
std::string shell_quote(std::string_view word);

// The words joined by spaces, each quoted.
std::string shell_join(const std::vector<std::string>& words);

// Splits `text` into words as sh would, with '...', "..." (\ escapes $ ` " \ and newline) and \. Throws a
// usage Error naming `what` on an unterminated quote, and on an unquoted | & ; < > ( ) $ ` (which would need
// a shell: write the prefix as a script instead).
std::vector<std::string> split_shell_words(std::string_view text, std::string_view what);

}  // namespace flamekit::capture
