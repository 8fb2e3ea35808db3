// line_reader.cc: mapped fast path and buffered streaming path for LineReader.
#include "io/line_reader.h"

#include <algorithm>
#include <cstring>

#include "io/byte_source.h"
#include "io/mapped_file.h"

namespace flamekit::io {
namespace {
constexpr size_t kBufferBytes = 1 << 20;
// Pages of a mapped file already read are dropped every this many bytes, so the resident set of a long
// read stays flat instead of growing with the file (a private read-only file mapping re-reads a dropped
// page from the file if it is touched again, so views of earlier lines stay valid).
constexpr size_t kReleaseBytes = 16 << 20;
}

LineReader::LineReader(const std::string& path, Options options)
    : name_(path), source_(ByteSource::open(path, {.read_ahead = options.read_ahead})) {
  mapped_ = std::make_unique<MappedFile>(*source_);
  if (mapped_->ok()) {
    source_.reset();  // the mapping outlives the descriptor
    map_ = mapped_->bytes().data();
    map_size_ = mapped_->bytes().size();
    end_ = map_size_;
    eof_ = true;
    return;
  }
  mapped_.reset();
  buffer_.resize(kBufferBytes);
}

LineReader::LineReader(std::string name, std::string_view bytes) : name_(std::move(name)) {
  map_ = bytes.data();
  map_size_ = bytes.size();
  end_ = map_size_;
  eof_ = true;
}

LineReader::~LineReader() = default;

// Moves the unread tail to the front of the buffer and reads more after it. Returns false at end of input.
bool LineReader::refill() {
  if (eof_) return false;
  size_t tail = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, tail);
    consumed_ += static_cast<int64_t>(begin_);
    begin_ = 0;
    end_ = tail;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= max_line_bytes()) {
      throw Error::at_line(name_, line_number_ + 1, "line longer than 1 GiB");
    }
    buffer_.resize(buffer_.size() * 2);
  }
  size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(std::string_view* line) {
  if (begin_ == end_ && eof_) return false;
  const char* base = map_ ? map_ : buffer_.data();
  size_t scan_from = begin_;
  for (;;) {
    const void* nl = std::memchr(base + scan_from, '\n', end_ - scan_from);
    if (nl) {
      size_t at = static_cast<const char*>(nl) - base;
      *line = std::string_view(base + begin_, at - begin_);
      line_offset_ = consumed_ + static_cast<int64_t>(begin_);
      begin_ = at + 1;
      ++line_number_;
      last_had_newline_ = true;
      if (mapped_ && begin_ - released_ >= kReleaseBytes) released_ = mapped_->release(released_, begin_);
      return true;
    }
    size_t scanned = end_ - begin_;
    if (!refill()) break;
    base = buffer_.data();
    scan_from = begin_ + scanned;
  }
  if (begin_ == end_) return false;
  *line = std::string_view(base + begin_, end_ - begin_);  // last line without '\n'
  line_offset_ = consumed_ + static_cast<int64_t>(begin_);
  begin_ = end_;
  ++line_number_;
  last_had_newline_ = false;
  return true;
}

std::string_view LineReader::peek(size_t n) {
  if (!map_) {
    while (end_ - begin_ < n && refill()) {
    }
  }
  const char* base = map_ ? map_ : buffer_.data();
  return {base + begin_, std::min(n, end_ - begin_)};
}

Error LineReader::error_here(std::string message) const {
  return Error::at_line(name_, line_number_, std::move(message));
}

std::string read_whole(const std::string& path) {
  auto source = ByteSource::open(path);
  std::string out;
  size_t used = 0;
  for (;;) {
    if (out.size() - used < kBufferBytes) out.resize(used + kBufferBytes);
    size_t got = source->read(out.data() + used, out.size() - used);
    if (got == 0) break;
    used += got;
  }
  out.resize(used);
  return out;
}

}  // namespace flamekit::io
