// diff_lines.cc: chunked formatting of the three-column lines, and the sorted variant.
#include "diff/diff_lines.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "folded/count_format.h"

namespace flamekit::diff {
namespace {

constexpr size_t kChunkBytes = (size_t{1} << 20) + (64 << 10);  // >= OutputFile's buffer: written through
constexpr size_t kMaxCountBytes = 32;  // "%.15g" needs at most 23; max_diff_line_bytes() counts on 32

// append_count's text, written at p; returns the end.
char* put_count(char* p, Count c) {
  if (c == std::trunc(c) && std::fabs(c) < 1e15) {
    return std::to_chars(p, p + kMaxCountBytes, static_cast<long long>(c)).ptr;
  }
  std::string text;
  folded::append_count(&text, c);
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}

bool hidden(const DiffSet::Entry& e, const LineOptions& options, Count before) {
  return options.hide_below > 0 && std::fabs(e.counts[1] - before) < options.hide_below;
}

// Formats lines into a buffer reused from chunk to chunk.
class ChunkFormatter {
 public:
  // Formats entries [begin, end); returns the text.
  std::string_view format(std::span<const DiffSet::Entry> entries, size_t begin, size_t end,
                          const LineOptions& options) {
    size_t need = 0;
    for (size_t k = begin; k < end; ++k) need += max_diff_line_bytes(entries[k].stack.size());
    buffer_.size = 0;
    char* p = buffer_.reserve(need);
    for (size_t k = begin; k < end; ++k) {
      const DiffSet::Entry& e = entries[k];
      Count before = options.scale ? options.scale->normalized_first(e.counts[0]) : e.counts[0];
      if (hidden(e, options, before)) continue;
      p = put_diff_line(p, e.stack, before, e.counts[1]);
    }
    buffer_.size = static_cast<size_t>(p - buffer_.data.get());
    return buffer_.view();
  }

 private:
  LineBuffer buffer_;
};

// One buffer per thread for all calls: a fresh megabyte from malloc is a fresh mapping, paid in page faults.
ChunkFormatter& formatter() {
  static thread_local ChunkFormatter f;
  return f;
}

}  // namespace

void write_diff_lines(std::span<const DiffSet::Entry> entries, const LineOptions& options,
                      io::OutputFile* out) {
  ChunkFormatter& f = formatter();
  size_t begin = 0, bytes = 0;
  for (size_t k = 0; k < entries.size(); ++k) {
    bytes += entries[k].stack.size() + 5;  // at least "stack 0 0\n"
    if (bytes >= kChunkBytes) {
      out->write(f.format(entries, begin, k + 1, options));
      begin = k + 1;
      bytes = 0;
    }
  }
  if (begin < entries.size()) out->write(f.format(entries, begin, entries.size(), options));
}

char* LineBuffer::reserve(size_t bytes) {
  if (size + bytes > capacity) {
    size_t grown = std::max(size + bytes, capacity + capacity / 2);
    std::unique_ptr<char[]> bigger(new char[grown]);
    if (size > 0) std::memcpy(bigger.get(), data.get(), size);
    data = std::move(bigger);
    capacity = grown;
  }
  return data.get() + size;
}

char* put_diff_line(char* p, std::string_view stack, Count before, Count after) {
  std::memcpy(p, stack.data(), stack.size());
  p += stack.size();
  *p++ = ' ';
  p = put_count(p, before);
  *p++ = ' ';
  p = put_count(p, after);
  *p++ = '\n';
  return p;
}

std::string sorted_lines(std::string_view text) {
  std::vector<std::string_view> lines;  // without '\n'
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  std::sort(lines.begin(), lines.end());
  std::string sorted;
  sorted.reserve(text.size());
  for (std::string_view line : lines) {
    sorted.append(line);
    sorted.push_back('\n');
  }
  return sorted;
}

void write_sorted_diff_lines(std::span<const DiffSet::Entry> entries, const LineOptions& options,
                             io::OutputFile* out) {
  out->write(sorted_lines(formatter().format(entries, 0, entries.size(), options)));
}

}  // namespace flamekit::diff
