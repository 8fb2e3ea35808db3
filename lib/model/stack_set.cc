// stack_set.cc: insertion, merging and sorted export of stacks.
#include "model/stack_set.h"

#include <algorithm>
#include <cstring>
#include <thread>

namespace flamekit::model {

StackSet::Map::iterator StackSet::insert(const Key& key) {
  // Keys are arrays of uint32_t: keep them 4-byte aligned in the arena.
  size_t size = key.bytes.size();
  char* bytes = static_cast<char*>(arena_.allocate(size ? size : 4, alignof(uint32_t)));
  std::memcpy(bytes, key.bytes.data(), size);
  return counts_.emplace(Key{std::string_view(bytes, size), key.hash}, 0).first;
}

void StackSet::merge(const StackSet& other) {
  std::vector<uint32_t> mapped;
  other.for_each([&](std::span<const uint32_t> ids, Count count) {
    mapped.clear();
    for (uint32_t id : ids) mapped.push_back(frames_.intern(other.frames().name(id)));
    add(mapped, count);
  });
}

namespace {

constexpr size_t kMinStacksPerThread = 2048;  // below this a thread costs more than it saves

// The bytes of a stack's folded text from frame `frame` on, one at a time: names joined with ';'.
class TextCursor {
 public:
  TextCursor(const FrameTable& frames, std::span<const uint32_t> ids, size_t frame)
      : frames_(frames), ids_(ids), frame_(frame), name_(frames.name(ids[frame])) {}
  // The next byte (0-255), or -1 at the end of the text.
  int next() {
    if (pos_ < name_.size()) return static_cast<unsigned char>(name_[pos_++]);
    if (frame_ + 1 >= ids_.size()) return -1;
    name_ = frames_.name(ids_[++frame_]);
    pos_ = 0;
    return ';';
  }

 private:
  const FrameTable& frames_;
  std::span<const uint32_t> ids_;
  size_t frame_;
  std::string_view name_;
  size_t pos_ = 0;
};

// True if the folded text of `a` sorts before that of `b` (bytes compared unsigned, like Perl's sort),
// found without joining them: the common leading frames are skipped by id, and the first two names that
// differ decide, unless one is a prefix of the other (then the bytes after it, ';' or the end, do).
bool text_less(const FrameTable& frames, std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t n = std::min(a.size(), b.size()), i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size();  // a's text is a prefix of b's, or they are equal
  std::string_view x = frames.name(a[i]), y = frames.name(b[i]);
  int c = std::memcmp(x.data(), y.data(), std::min(x.size(), y.size()));
  if (c != 0) return c < 0;
  TextCursor ca(frames, a, i), cb(frames, b, i);
  for (;;) {
    int p = ca.next(), q = cb.next();
    if (p != q || p < 0) return p < q;
  }
}

// A folded text is a sequence of tokens, "name;" for each frame but the last and "name" for the last. When
// no name holds ';' or '\0', no token is a prefix of another, so two texts compare as their first differing
// tokens do, and sorting stacks is sorting sequences of token ranks, which multikey quicksort does without
// rescanning the long prefixes that stacks share.
class TokenOrder {
 public:
  // Ranks every token; false if a name holds ';' or '\0' (then token order is not text order).
  bool rank(const FrameTable& frames) {
    size_t n = frames.size();
    std::vector<uint32_t> tokens(2 * n);  // id << 1 | 1 for "name;", id << 1 for the last frame's "name"
    for (uint32_t id = 0; id < n; ++id) {
      std::string_view name = frames.name(id);
      if (std::memchr(name.data(), ';', name.size()) || std::memchr(name.data(), '\0', name.size())) return false;
      tokens[2 * id] = id << 1;
      tokens[2 * id + 1] = id << 1 | 1;
    }
    // As bytes, the last frame's token ends in '\0', the lowest byte: the end of a text sorts first.
    auto byte_after = [](std::string_view name, uint32_t token, size_t at) -> unsigned char {
      return at < name.size() ? static_cast<unsigned char>(name[at]) : (token & 1) ? ';' : '\0';
    };
    std::sort(tokens.begin(), tokens.end(), [&](uint32_t t, uint32_t u) {
      std::string_view x = frames.name(t >> 1), y = frames.name(u >> 1);
      size_t m = std::min(x.size(), y.size());
      int c = std::memcmp(x.data(), y.data(), m);
      if (c != 0) return c < 0;
      return byte_after(x, t, m) < byte_after(y, u, m);
    });
    ranks_.resize(2 * n);
    for (uint32_t r = 0; r < tokens.size(); ++r) ranks_[tokens[r]] = static_cast<int64_t>(r);
    return true;
  }

  // The rank of the token at `depth` of `ids`, or -1 past its end.
  int64_t key(std::span<const uint32_t> ids, size_t depth) const {
    if (depth >= ids.size()) return -1;
    return ranks_[ids[depth] << 1 | (depth + 1 < ids.size() ? 1u : 0u)];
  }

  using Item = std::pair<std::span<const uint32_t>, Count>;

  // Sorts a[0, n) with two threads: a[0, n) is partitioned around the median of a sample, then each side
  // is sorted by its own thread.
  void sort_two_threads(Item* a, size_t n) const {
    std::vector<Item> sample;
    for (size_t i = 0; i < kSample; ++i) sample.push_back(a[i * (n / kSample)]);
    std::sort(sample.begin(), sample.end(), [this](const Item& x, const Item& y) { return less_from(x, y, 0); });
    const Item pivot = sample[kSample / 2];
    Item* mid = std::partition(a, a + n, [&](const Item& x) { return less_from(x, pivot, 0); });
    std::thread right([=, this] { sort(mid, static_cast<size_t>(a + n - mid), 0); });
    sort(a, static_cast<size_t>(mid - a), 0);
    right.join();
  }
  static constexpr size_t kSample = 63;

  // Sorts a[0, n) whose first `depth` tokens are equal.
  void sort(Item* a, size_t n, size_t depth) const {
    while (n > 1) {
      if (n < 16) {
        insertion_sort(a, n, depth);
        return;
      }
      int64_t pivot = median(key(a[0].first, depth), key(a[n / 2].first, depth), key(a[n - 1].first, depth));
      size_t lt = 0, i = 0, gt = n;  // [0, lt) < pivot, [lt, i) == pivot, [gt, n) > pivot
      while (i < gt) {
        int64_t k = key(a[i].first, depth);
        if (k < pivot) {
          std::swap(a[lt++], a[i++]);
        } else if (k > pivot) {
          std::swap(a[i], a[--gt]);
        } else {
          ++i;
        }
      }
      sort(a, lt, depth);
      sort(a + gt, n - gt, depth);
      if (pivot < 0) return;  // stacks are unique: at most one ends here
      a += lt;
      n = gt - lt;
      ++depth;
    }
  }

 private:
  static int64_t median(int64_t a, int64_t b, int64_t c) { return std::max(std::min(a, b), std::min(std::max(a, b), c)); }

  bool less_from(const Item& a, const Item& b, size_t depth) const {
    for (;; ++depth) {
      int64_t p = key(a.first, depth), q = key(b.first, depth);
      if (p != q || p < 0) return p < q;
    }
  }

  void insertion_sort(Item* a, size_t n, size_t depth) const {
    for (size_t i = 1; i < n; ++i) {
      for (size_t j = i; j > 0 && less_from(a[j], a[j - 1], depth); --j) std::swap(a[j], a[j - 1]);
    }
  }

  std::vector<int64_t> ranks_;  // by token (id << 1 | not-last)
};

}  // namespace

std::vector<std::pair<std::span<const uint32_t>, Count>> StackSet::sorted_stacks(int threads) const {
  std::vector<std::pair<std::span<const uint32_t>, Count>> stacks;
  stacks.reserve(counts_.size());
  for (const auto& [key, count] : counts_) stacks.emplace_back(ids_of(key.bytes), count);
  TokenOrder order;
  if (order.rank(frames_)) {
    if (threads > 1 && stacks.size() >= kMinStacksPerThread * 2) {
      order.sort_two_threads(stacks.data(), stacks.size());
    } else {
      order.sort(stacks.data(), stacks.size(), 0);
    }
  } else {
    std::sort(stacks.begin(), stacks.end(),
              [this](const auto& a, const auto& b) { return text_less(frames_, a.first, b.first); });
  }
  return stacks;
}

std::vector<std::pair<std::string, Count>> StackSet::sorted_lines() const {
  std::vector<std::pair<std::string, Count>> lines;
  lines.reserve(counts_.size());
  for (const auto& [ids, count] : sorted_stacks()) {
    std::string text;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) text += ';';
      text += frames_.name(ids[i]);
    }
    lines.emplace_back(std::move(text), count);
  }
  return lines;
}

}  // namespace flamekit::model
