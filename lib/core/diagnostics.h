// diagnostics.h: warnings about recoverable input problems. Each kind of problem is reported once, with the
// position of its first occurrence, and counted; a summary of the repeats can be printed at the end. With
// `strict`, the first problem is thrown as an Error instead (the --strict flag of the filters).
//
//   Diagnostics diag("flame-collapse", options.strict);
//   diag.warn("unrecognized-line", reader.error_here("unrecognized line: ..."));
//   ...
//   diag.print_summary();   // "flame-collapse: warning: 12 more lines like that skipped (unrecognized-line)"
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/error.h"

namespace flamekit {

class Diagnostics {
 public:
  Diagnostics(std::string tool, bool strict) : tool_(std::move(tool)), strict_(strict) {}

  // Reports `problem` (prints it the first time its kind is seen). Throws it if strict.
  void warn(const std::string& kind, const Error& problem);
  // Prints a note on stderr, unconditionally ("flame-x: note").
  void note(const std::string& text) const;
  // One line per kind that occurred more than once.
  void print_summary() const;

  int64_t count(const std::string& kind) const;
  int64_t total() const { return total_; }

 private:
  std::string tool_;
  bool strict_;
  std::map<std::string, int64_t> counts_;
  int64_t total_ = 0;
};

}  // namespace flamekit
