// byte_source.h: a readable stream of bytes from a file or standard input, transparently gunzipped.
// gzip is recognised by its magic bytes (1f 8b), so `perf.txt.gz`, `profile.pb.gz` and a gzip stream on a
// pipe all work; concatenated gzip members are read as one stream, as gunzip does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace flamekit::io {

class ByteSource {
 public:
  // Opens `path` ("-" = standard input). Throws Error naming the file if it cannot be opened.
  static std::unique_ptr<ByteSource> open(const std::string& path);
  virtual ~ByteSource() = default;

  // Reads up to n bytes; returns 0 only at end of input. Throws Error on I/O or gzip failure.
  virtual size_t read(char* dst, size_t n) = 0;

  // The underlying file descriptor if the input is an uncompressed regular file (so it can be mapped),
  // else -1. Its size in *size.
  virtual int mappable_fd(int64_t* size) const = 0;
};

}  // namespace flamekit::io
