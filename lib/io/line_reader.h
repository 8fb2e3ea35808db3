// line_reader.h: the one way flamekit reads text input. A LineReader opens a file or "-" (standard input)
// and hands out one line at a time as a std::string_view, with no per-line allocation:
//   - an uncompressed regular file (or standard input redirected from one) is mapped whole (MappedFile) and
//     lines are views into the mapping, whose pages are handed back behind the reader;
//   - pipes, standard input and gzip input (detected by its magic bytes, whatever the file name) are read
//     through a 1 MiB buffer that carries the partial last line over to the next read.
// The reader tracks line numbers and byte offsets so errors can name the position.
//
//   LineReader in("perf.txt.gz");
//   std::string_view line;
//   while (in.next(&line)) { ... }   // line has no '\n'; a '\r' before it is kept (callers decide)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace flamekit::io {

class ByteSource;
class MappedFile;

class LineReader {
 public:
  struct Options {
    bool read_ahead = false;  // inflate gzip input on a helper thread (ByteSource::Options::read_ahead)
  };

  // Opens `path` ("-" = standard input). Throws Error if it cannot be opened.
  LineReader(const std::string& path, Options options);
  explicit LineReader(const std::string& path) : LineReader(path, Options()) {}
  // Reads lines from bytes already in memory (tests, fuzzers); `name` is used in errors. The bytes must
  // outlive the reader. They are not gunzipped.
  LineReader(std::string name, std::string_view bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Next line without its terminating '\n'. A last line without '\n' is still returned. The view stays valid
  // until the next call. Returns false at end of input. Throws Error on read failure, on corrupt gzip data,
  // or on a line longer than max_line_bytes().
  bool next(std::string_view* line);
  // The next (up to) n unread bytes, without consuming them: reads ahead until n bytes are buffered or the
  // input ends (n must not exceed 1 MiB). For sniffing the format before reading lines. The view stays valid
  // until the next call.
  std::string_view peek(size_t n);

  const std::string& name() const { return name_; }
  int64_t line_number() const { return line_number_; }  // of the line last returned, 1-based
  int64_t line_offset() const { return line_offset_; }  // byte offset of its start (decompressed)
  bool last_line_had_newline() const { return last_had_newline_; }
  // True if the input is mapped (or given) whole: then every line view stays valid as long as the reader.
  bool views_persist() const { return map_ != nullptr; }
  static constexpr size_t max_line_bytes() { return size_t{1} << 30; }

  // An Error positioned at the line last returned.
  Error error_here(std::string message) const;

 private:
  bool refill();

  std::string name_;
  std::unique_ptr<ByteSource> source_;  // null when mapped
  std::unique_ptr<MappedFile> mapped_;  // the file, when it is mapped
  const char* map_ = nullptr;           // whole input when mapped, or the caller's bytes
  size_t released_ = 0;  // mapped bytes before this offset were handed back to the kernel
  size_t map_size_ = 0;
  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0;  // unread bytes: [begin_, end_) of the buffer or of the mapping
  bool eof_ = false;
  int64_t consumed_ = 0;  // bytes before the buffer start (streaming) or 0 (mapped)
  int64_t line_number_ = 0;
  int64_t line_offset_ = 0;
  bool last_had_newline_ = true;
};

// Reads a whole (small) input into a string: "-" for standard input, gzip decompressed.
std::string read_whole(const std::string& path);

}  // namespace flamekit::io
