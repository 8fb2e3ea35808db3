// output_file.h: the one way flamekit writes output. Writes go through a large buffer. A named file is
// written to a temporary file beside it and renamed over the target only by commit(), so a failed or
// interrupted run never leaves a partial file that looks complete (the temporary is unlinked on error,
// on destruction without commit, and on SIGINT/SIGTERM/SIGHUP). "-" writes to standard output; a closed
// pipe there (EPIPE) raises BrokenPipe, which tools treat as a quiet success, like ripgrep.
//
//   OutputFile out("graph.svgz", {.gzip = true});
//   out.write("<svg ...");
//   out.commit();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flamekit::io {

// Thrown when standard output is a closed pipe (`flame-collapse big.txt | head`).
struct BrokenPipe {};

class OutputFile {
 public:
  struct Options {
    bool gzip = false;  // deflate with gzip framing (for .svgz / .gz)
  };

  // Opens `path` ("-" = standard output) for writing. Throws Error if the temporary cannot be created.
  explicit OutputFile(const std::string& path, Options options);
  explicit OutputFile(const std::string& path) : OutputFile(path, Options()) {}
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes) {
    if (bytes.size() > buffer_.capacity() - buffer_.size()) flush_buffer();
    if (bytes.size() >= buffer_.capacity()) {
      write_through(bytes);
    } else {
      buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    }
  }
  void put(char c) {
    if (buffer_.size() == buffer_.capacity()) flush_buffer();
    buffer_.push_back(c);
  }

  // Flushes, closes and (for a named file) renames the temporary over the target. Throws Error on failure.
  void commit();

  const std::string& name() const { return path_; }
  // True if `path` ends in ".gz" or ".svgz": callers use it to pick Options::gzip.
  static bool wants_gzip(const std::string& path);

 private:
  void flush_buffer();
  void write_through(std::string_view bytes);
  void write_fd(const char* data, size_t n);

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  std::vector<char> buffer_;
  struct Deflater;
  std::unique_ptr<Deflater> deflater_;
};

}  // namespace flamekit::io
