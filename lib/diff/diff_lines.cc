// diff_lines.cc: chunked, two-thread formatting of the three-column lines, written in order.
#include "diff/diff_lines.h"

#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "folded/count_format.h"

namespace flamekit::diff {
namespace {

constexpr size_t kChunkBytes = (size_t{1} << 20) + (64 << 10);  // >= OutputFile's buffer: written through
constexpr size_t kMaxCountBytes = 32;                               // "%.15g" needs at most 23

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

class ChunkFormatter {
 public:
  // Formats entries [begin, end) into the buffer; returns the text.
  std::string_view format(const std::vector<DiffSet::Entry>& entries, size_t begin, size_t end,
                          Count hide_below) {
    size_t need = 0;
    for (size_t k = begin; k < end; ++k) need += entries[k].stack.size() + 3 + 2 * kMaxCountBytes;
    if (need > capacity_) {
      capacity_ = need;
      buffer_.reset(new char[capacity_]);
    }
    char* p = buffer_.get();
    for (size_t k = begin; k < end; ++k) {
      const DiffSet::Entry& e = entries[k];
      if (hide_below > 0 && std::fabs(e.counts[1] - e.counts[0]) < hide_below) continue;
      std::memcpy(p, e.stack.data(), e.stack.size());
      p += e.stack.size();
      *p++ = ' ';
      p = put_count(p, e.counts[0]);
      *p++ = ' ';
      p = put_count(p, e.counts[1]);
      *p++ = '\n';
    }
    return {buffer_.get(), static_cast<size_t>(p - buffer_.get())};
  }

 private:
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
};

}  // namespace

void write_diff_lines(const std::vector<DiffSet::Entry>& entries, Count hide_below, io::OutputFile* out) {
  // Chunk boundaries from a lower bound of each line's length (stack + "   " + two digits).
  std::vector<size_t> bounds{0};
  size_t bytes = 0;
  for (size_t k = 0; k < entries.size(); ++k) {
    bytes += entries[k].stack.size() + 5;
    if (bytes >= kChunkBytes) {
      bounds.push_back(k + 1);
      bytes = 0;
    }
  }
  if (bounds.back() != entries.size()) bounds.push_back(entries.size());
  const size_t chunks = bounds.size() - 1;
  if (chunks <= 1) {
    ChunkFormatter f;
    if (chunks == 1) out->write(f.format(entries, 0, entries.size(), hide_below));
    return;
  }

  std::mutex mutex;
  std::condition_variable turn_changed;
  size_t turn = 0;  // the chunk to be written next
  bool stop = false;
  std::exception_ptr failure;
  auto work = [&](size_t first) {
    ChunkFormatter f;
    for (size_t c = first; c < chunks; c += 2) {
      std::string_view text = f.format(entries, bounds[c], bounds[c + 1], hide_below);
      {
        std::unique_lock<std::mutex> lock(mutex);
        turn_changed.wait(lock, [&] { return turn == c || stop; });
        if (stop) return;
      }
      try {
        out->write(text);  // only the thread whose turn it is writes
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        stop = true;
        failure = std::current_exception();
        turn_changed.notify_all();
        return;
      }
      {
        std::lock_guard<std::mutex> lock(mutex);
        turn = c + 1;
      }
      turn_changed.notify_all();
    }
  };
  std::thread second(work, 1);
  work(0);
  second.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace flamekit::diff
