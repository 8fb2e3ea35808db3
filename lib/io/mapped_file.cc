// mapped_file.cc: mmap of a whole file, with page release behind a sequential reader.
#include "io/mapped_file.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>

#include "io/byte_source.h"

namespace flamekit::io {

MappedFile::MappedFile(const std::string& path) {
  // Only a regular file is opened: opening a pipe (a /dev/fd/N path from `<(...)`) would consume the bytes
  // gzip detection reads, and the reader the caller falls back to would miss them.
  struct stat st;
  if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  map(*ByteSource::open(path));  // the mapping outlives the descriptor, closed here
}

MappedFile::MappedFile(const ByteSource& source) { map(source); }

void MappedFile::map(const ByteSource& source) {
  int64_t size = 0;
  int fd = source.mappable_fd(&size);
  if (fd < 0 || size <= 0) return;
  void* p = ::mmap(nullptr, static_cast<size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return;
  ::madvise(p, static_cast<size_t>(size), MADV_SEQUENTIAL);
  data_ = static_cast<const char*>(p);
  size_ = static_cast<size_t>(size);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

size_t MappedFile::release(size_t from, size_t to) const {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  uintptr_t base = reinterpret_cast<uintptr_t>(data_);
  uintptr_t first = (base + from + page - 1) / page * page;
  uintptr_t last = (base + to) / page * page;
  if (last <= first) return from;
  ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  return static_cast<size_t>(last - base);
}

void MappedFile::populate(size_t from, size_t to) const {
#ifdef MADV_POPULATE_READ
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  uintptr_t base = reinterpret_cast<uintptr_t>(data_);
  uintptr_t first = (base + from) / page * page;
  uintptr_t last = base + to;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_READ);
#else
  (void)from;
  (void)to;
#endif
}

}  // namespace flamekit::io

