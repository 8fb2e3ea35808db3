// output_file.h: the one way flamekit writes output. Writes go through a large buffer. A named file is
// written to a temporary file beside it and renamed over the target only by commit(), so a failed or
// interrupted run never leaves a partial file that looks complete (the temporary is unlinked on error,
// on destruction without commit, and on SIGINT/SIGTERM/SIGHUP). "-" writes to standard output; a closed
// pipe there (EPIPE) raises BrokenPipe, which tools treat as a quiet success, like ripgrep.
//
// Signals and child processes: the unlinking on SIGINT/SIGTERM/SIGHUP is a process-wide handler, and the
// EPIPE above relies on SIGPIPE being ignored process-wide (process_signals.h holds both). A tool that runs
// other programs must not hand them on: call io::reset_signals_for_exec() in the child between fork and
// exec (or io::set_spawn_signal_defaults() on posix_spawn's attributes), since an ignored SIGPIPE stays
// ignored across exec. To pass Ctrl-C on to a child's process group instead of dying with the temporaries
// unlinked, block the three signals and take them with sigwait, or call io::forward_signals_to(pgid)
// while the child runs; then commit or drop the outputs. A temporary is unlinked only by the process that
// registered it, never by a forked child. Example in process_signals.h.
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
