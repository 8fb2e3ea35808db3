// diagnostics.h: the one way flamekit reports problems found in its input. A reader says where a problem is
// (a Where: a line, or a byte offset) and of which kind; Diagnostics decides what becomes of it:
//   - warn(): printed the first time its kind is seen ("flame-x: warning: file:12: message"), counted after,
//     with one summary line per kind at the end;
//   - tally(): counted quietly, keeping where the first one was, for a tool whose reference words one
//     warning at the end (flamegraph.pl's "Ignored 3 lines with invalid format");
//   - with `strict`, the first problem of either sort is thrown as an Error instead (--strict, and flame-diff,
//     which always stops at a line it cannot read).
// Readers that run on several threads may share one Diagnostics.
//
//   Diagnostics diag("flame-collapse", options.strict);
//   diag.warn("unrecognized-line", Where::line(reader.name(), reader.line_number()), "unrecognized line");
//   diag.tally("invalid-format", Where::text_offset(name, bytes, at), "invalid line");  // line counted later
//   ...
//   diag.print_summary();   // "flame-collapse: warning: 12 more like that (unrecognized-line)"
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.h"

namespace flamekit {

// Where in an input a problem is. Made for every line a reader looks at, so it holds views only; the file
// name and text must outlive it. A byte offset into text held whole (a mapped file) is turned into a line
// number only when the problem is reported: readers of mapped text count no lines as they go.
class Where {
 public:
  // Line `line` (1-based) of `file` ("-" = standard input).
  static Where line(std::string_view file, int64_t line) { return Where(file, line, -1, {}); }
  // The line of `text` (all of `file`) that holds byte `offset`.
  static Where text_offset(std::string_view file, std::string_view text, size_t offset) {
    return Where(file, 0, static_cast<int64_t>(offset), text);
  }
  // Byte `offset` of binary input: reported as "file: offset 0x1f4: ...".
  static Where offset(std::string_view file, int64_t offset) { return Where(file, 0, offset, {}); }

  // The position for an Error (lines of text_offset counted now).
  Error::Position position() const;
  Error error(std::string message) const { return Error(position(), std::move(message)); }

 private:
  Where(std::string_view file, int64_t line, int64_t offset, std::string_view text)
      : file_(file), line_(line), offset_(offset), text_(text) {}
  std::string_view file_;
  int64_t line_;
  int64_t offset_;
  std::string_view text_;  // set for text_offset
};

class Diagnostics {
 public:
  Diagnostics(std::string tool, bool strict) : tool_(std::move(tool)), strict_(strict) {}
  Diagnostics(const Diagnostics&) = delete;
  Diagnostics& operator=(const Diagnostics&) = delete;

  bool strict() const { return strict_; }

  // Reports `problem` (prints it the first time its kind is seen). Throws it if strict.
  void warn(const std::string& kind, const Error& problem);
  void warn(const std::string& kind, const Where& where, std::string message) {
    warn(kind, where.error(std::move(message)));
  }
  // Counts a problem of `kind` at `where` without printing it; the first one's position is kept (first()).
  // Throws Error(where, message) if strict.
  void tally(const std::string& kind, const Where& where, std::string_view message);

  // Prints "tool: warning: text" on stderr, unconditionally.
  void warning(const std::string& text) const;
  // Prints a note on stderr, unconditionally ("flame-x: note").
  void note(const std::string& text) const;
  // One line per kind warned more than once (tallied kinds are the caller's to word).
  void print_summary() const;

  int64_t count(const std::string& kind) const;
  // Where the first problem of `kind` was (an empty file name if there was none).
  Error::Position first(const std::string& kind) const;
  int64_t total() const;

 private:
  struct Kind {
    int64_t count = 0;
    Error::Position first;
    bool tallied = false;
  };
  std::string tool_;
  bool strict_;
  mutable std::mutex mutex_;  // guards what follows
  std::map<std::string, Kind> kinds_;
  int64_t total_ = 0;
};

}  // namespace flamekit
