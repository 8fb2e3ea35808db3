// mapped_file.h: a whole regular file mapped read-only, for readers that want all of it as one
// std::string_view (to cut it into chunks for threads) and still keep their memory flat. It is flamekit's
// only mmap: LineReader maps through it too. Pages of a file
// mapping count in the resident set once touched, so a reader that streams through a 600 MB file would
// otherwise end with 600 MB resident; release() hands back the pages it has finished with, and populate()
// maps the next block's pages in one call rather than one page fault per 16 pages.
//
//   MappedFile file("perf.txt");
//   if (file.ok()) {
//     for (size_t at = 0; at < file.bytes().size(); at = next) {
//       next = ...;  // the end of a block of about kReleaseStep bytes
//       file.populate(at, next);
//       ... read file.bytes().substr(at, next - at) ...
//       file.release(at, next);
//     }
//   }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flamekit::io {

class ByteSource;

class MappedFile {
 public:
  // Maps `path` if it is an uncompressed regular file of non-zero size; else ok() is false (standard
  // input, pipes, gzip, a missing file), and nothing has been read from it, so a reader opened on the same
  // path afterwards sees all of it (and reports a missing file). Throws Error if a regular file cannot be
  // opened.
  explicit MappedFile(const std::string& path);
  // Maps what `source` reads if it is an uncompressed regular file of non-zero size that nothing has been
  // read from (standard input redirected from a file, too); else ok() is false and `source` is untouched.
  explicit MappedFile(const ByteSource& source);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {data_, size_}; }

  // Drops the resident pages wholly inside [from, to) of bytes() (the data stays readable: it is read
  // again from the page cache if touched). Returns the offset where the pages dropped end (a page
  // boundary, at most `to`), or `from` if none were: the place to release from next time.
  size_t release(size_t from, size_t to) const;
  // Maps the pages of [from, to) of bytes() in one call (MADV_POPULATE_READ) instead of one page fault per
  // 16 pages as they are first read. A no-op where the kernel lacks it (before Linux 5.14).
  void populate(size_t from, size_t to) const;
  // The block size readers release and populate by: small enough to keep memory flat, large enough that
  // the madvise calls cost nothing.
  static constexpr size_t kReleaseStep = size_t{4} << 20;

 private:
  void map(const ByteSource& source);

  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace flamekit::io
