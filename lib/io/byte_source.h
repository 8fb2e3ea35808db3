// byte_source.h: a readable stream of bytes from a file or standard input, transparently gunzipped.
// gzip is recognised by its magic bytes (1f 8b), so `perf.txt.gz`, `profile.pb.gz` and a gzip stream on a
// pipe all work; concatenated gzip members are read as one stream, as gunzip does. With read_ahead, a
// compressed regular file is inflated on a helper thread, a few MiB ahead of the reader, so that a reader
// with its own work per byte (flame-collapse --threads 2) overlaps the two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace flamekit::io {

class ByteSource {
 public:
  struct Options {
    // Inflate gzip input on a helper thread ahead of read(). Only for a regular file (or standard input
    // redirected from one), whose reads never block, so that closing the source early never waits on them.
    bool read_ahead = false;
  };

  // Opens `path` ("-" = standard input). Throws Error naming the file if it cannot be opened.
  static std::unique_ptr<ByteSource> open(const std::string& path, Options options);
  static std::unique_ptr<ByteSource> open(const std::string& path) { return open(path, Options()); }
  virtual ~ByteSource() = default;

  // Reads up to n bytes; returns 0 only at end of input. Throws Error on I/O or gzip failure.
  virtual size_t read(char* dst, size_t n) = 0;

  // The underlying file descriptor if the input is an uncompressed regular file (so it can be mapped),
  // else -1. Its size in *size.
  virtual int mappable_fd(int64_t* size) const = 0;
};

}  // namespace flamekit::io
