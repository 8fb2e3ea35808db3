// error.h: the one error type of flamekit. Deep code throws an Error that names the input position
// (file, line or byte offset); the tool boundary (cli/tool_main) catches it once and prints
//   flame-collapse: perf.txt:1234: unrecognized frame line
// then exits with the code the error carries. Exit codes live here and nowhere else.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace flamekit {

enum ExitCode : int {
  kExitOk = 0,
  kExitBadInput = 1,  // bad input, I/O failure
  kExitUsage = 2,     // bad command line
};

class Error : public std::runtime_error {
 public:
  // Where in the input the problem is; all optional. file "-" means standard input.
  struct Position {
    std::string file;
    int64_t line = 0;     // 1-based; 0 = unknown
    int64_t offset = -1;  // byte offset; -1 = unknown
  };

  explicit Error(std::string message, ExitCode code = kExitBadInput)
      : std::runtime_error(std::move(message)), code_(code) {}
  Error(Position where, std::string message, ExitCode code = kExitBadInput)
      : std::runtime_error(std::move(message)), where_(std::move(where)), code_(code) {}

  static Error at_line(std::string file, int64_t line, std::string message) {
    return Error(Position{std::move(file), line, -1}, std::move(message));
  }
  static Error at_offset(std::string file, int64_t offset, std::string message) {
    return Error(Position{std::move(file), 0, offset}, std::move(message));
  }
  static Error usage(std::string message) { return Error(std::move(message), kExitUsage); }

  const Position& where() const { return where_; }
  ExitCode code() const { return code_; }

  // "file:line: message", "file: offset 0x1f4: message" or "message".
  std::string describe() const;

 private:
  Position where_;
  ExitCode code_;
};

// strerror(errno) wrapped as an Error about `file`.
Error system_error(const std::string& file, const std::string& what);

}  // namespace flamekit
