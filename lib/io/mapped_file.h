// mapped_file.h: a whole regular file mapped read-only, for readers that want all of it as one
// std::string_view (to cut it into chunks for threads) and still keep their memory flat. Pages of a file
// mapping count in the resident set once touched, so a reader that streams through a 600 MB file would
// otherwise end with 600 MB resident; release_before() hands back the pages it has finished with.
//
//   MappedFile file("perf.txt");
//   if (file.ok()) {
//     LineReader lines("perf.txt", file.bytes());
//     while (lines.next(&line)) { ...; file.release_before(lines.line_offset()); }
//   }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flamekit::io {

class MappedFile {
 public:
  // Maps `path` if it is an uncompressed regular file of non-zero size; else ok() is false (standard
  // input, pipes, gzip). Throws Error if the file cannot be opened at all.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {data_, size_}; }

  // Drops the resident pages wholly inside [from, to) of bytes() (the data stays readable: it is read
  // again from the page cache if touched). Cheap to call often: it acts once `kReleaseStep` bytes have
  // accumulated since `from`.
  void release(size_t from, size_t to) const;
  static constexpr size_t kReleaseStep = size_t{4} << 20;

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Walks a sequential reader through one range of a MappedFile, releasing the pages it has passed.
class ReleaseCursor {
 public:
  ReleaseCursor(const MappedFile& file, size_t begin) : file_(file), released_(begin) {}
  void advance_to(size_t offset) {
    if (offset - released_ >= MappedFile::kReleaseStep) {
      file_.release(released_, offset);
      released_ = offset;
    }
  }

 private:
  const MappedFile& file_;
  size_t released_;
};

}  // namespace flamekit::io
