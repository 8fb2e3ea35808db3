// stack_runs.cc: byte comparison from a known common prefix, the LCP merge, and the run splitter.
#include "diff/stack_runs.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace flamekit::diff {

namespace {

uint32_t mismatch_tail(const char* pa, const char* pb, uint32_t i, uint32_t n) {
#if defined(__SSE2__)
  for (; i + 16 <= n; i += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pa + i));
    __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pb + i));
    unsigned same = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    if (same != 0xffff) return i + static_cast<uint32_t>(__builtin_ctz(~same));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, pa + i, 8);
    std::memcpy(&y, pb + i, 8);
    if (x != y) return i + static_cast<uint32_t>(__builtin_ctzll(x ^ y) / 8);  // little-endian
  }
  while (i < n && pa[i] == pb[i]) ++i;
  return i;
}

#if defined(__x86_64__)
// Shared prefixes are most of a stack (hundreds of bytes), so 32 bytes a step pays where the CPU has it.
__attribute__((target("avx2"))) uint32_t mismatch_avx2(const char* pa, const char* pb, uint32_t i,
                                                         uint32_t n) {
  for (; i + 32 <= n; i += 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pa + i));
    __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pb + i));
    unsigned same = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, y)));
    if (same != 0xffffffffu) return i + static_cast<uint32_t>(__builtin_ctz(~same));
  }
  return mismatch_tail(pa, pb, i, n);
}
const bool kHaveAvx2 = __builtin_cpu_supports("avx2");

__attribute__((target("avx2"))) size_t scan_line_avx2(const char* p, size_t avail, const char* prev,
                                                       size_t prev_size, size_t* shared) {
  const __m256i newline = _mm256_set1_epi8('\n');
  const size_t limit = std::min(avail, prev_size);
  size_t i = 0;
  for (; i + 32 <= limit; i += 32) {
    __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prev + i));
    unsigned same = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, y)));
    unsigned nl = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, newline)));
    if (same != 0xffffffffu) {
      *shared = i + static_cast<size_t>(__builtin_ctz(~same));
      if (nl) return i + static_cast<size_t>(__builtin_ctz(nl));
      i += 32;
      const void* end = std::memchr(p + i, '\n', avail - i);
      return end ? static_cast<size_t>(static_cast<const char*>(end) - p) : avail;
    }
    if (nl) {
      *shared = i + static_cast<size_t>(__builtin_ctz(nl));  // equal up to this line's end
      return *shared;
    }
  }
  size_t j = i;
  while (j < limit && p[j] == prev[j]) ++j;
  *shared = j;
  const void* end = std::memchr(p + i, '\n', avail - i);
  return end ? static_cast<size_t>(static_cast<const char*>(end) - p) : avail;
}
#endif

}  // namespace

size_t scan_line(const char* p, size_t avail, std::string_view prev, size_t* shared) {
#if defined(__x86_64__)
  if (kHaveAvx2) return scan_line_avx2(p, avail, prev.data(), prev.size(), shared);
#endif
  const void* nl = std::memchr(p, '\n', avail);
  size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) : avail;
  *shared = diff::mismatch(std::string_view(p, end), prev, 0);
  return end;
}

uint32_t mismatch(std::string_view a, std::string_view b, uint32_t from) {
  const uint32_t n = static_cast<uint32_t>(std::min(a.size(), b.size()));
#if defined(__x86_64__)
  if (kHaveAvx2) return mismatch_avx2(a.data(), b.data(), from, n);
#endif
  return mismatch_tail(a.data(), b.data(), from, n);
}

int compare_from(std::string_view a, std::string_view b, uint32_t from, uint32_t* lcp) {
  uint32_t m = mismatch(a, b, from);
  *lcp = m;
  if (m == a.size() || m == b.size()) return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
  return static_cast<unsigned char>(a[m]) < static_cast<unsigned char>(b[m]) ? -1 : 1;
}

void RunSplitter::append(Sequence* s, StackRec r) {
  if (s->recs.empty()) {
    r.lcp = 0;
    s->starts.push_back(0);
    s->recs.push_back(r);
    return;
  }
  StackRec& last = s->recs.back();
  uint32_t lcp;
  int c = compare_from(last.stack(), r.stack(), 0, &lcp);
  if (c == 0) {
    last.count += r.count;
    return;
  }
  if (c < 0) {
    r.lcp = lcp;
  } else {
    r.lcp = 0;
    s->starts.push_back(s->recs.size());
  }
  s->recs.push_back(r);
}

void RunSplitter::set_aside(const StackRec& r) {
  ++exceptions_;
  append(&exceptions_seq_, r);
}

void RunSplitter::start_run(StackRec r) {
  r.lcp = 0;
  main_.starts.push_back(main_.recs.size());
  main_.recs.push_back(r);
}

// p = the last main record, q = the one before it in the same run. r > p: r extends the run. r < p and
// q < r: p is a spike, set aside, and r follows q. r below both: wait for the next record; if that one is
// above p, r was a dip (set aside), else r starts a new run (the next sorted file, or shuffled input).
void RunSplitter::add(const StackRec& r, LcpHint hint) {
  uint32_t lcp;
  if (has_pending_) {
    has_pending_ = false;
    StackRec& p = main_.recs.back();
    int c = compare_from(p.stack(), r.stack(), 0, &lcp);
    if (c <= 0) {
      set_aside(pending_);
      if (c == 0) {
        p.count += r.count;
      } else {
        main_.recs.push_back(StackRec{r.data, r.size, lcp, r.count});
      }
      return;
    }
    start_run(pending_);
  }
  if (main_.recs.empty()) {
    start_run(r);
    return;
  }
  StackRec& p = main_.recs.back();
  int c;
  if (hint.prev == p.data) {  // the comparison is known up to one byte
    lcp = hint.lcp;
    if (lcp == p.size || lcp == r.size) {
      c = p.size < r.size ? -1 : (p.size > r.size ? 1 : 0);
    } else {
      c = static_cast<unsigned char>(p.data[lcp]) < static_cast<unsigned char>(r.data[lcp]) ? -1 : 1;
    }
  } else {
    c = compare_from(p.stack(), r.stack(), 0, &lcp);
  }
  if (c < 0) {
    main_.recs.push_back(StackRec{r.data, r.size, lcp, r.count});
    return;
  }
  if (c == 0) {
    p.count += r.count;
    return;
  }
  if (main_.last_run_size() >= 2) {
    StackRec& q = main_.recs[main_.recs.size() - 2];
    c = compare_from(q.stack(), r.stack(), 0, &lcp);
    if (c <= 0) {
      set_aside(p);
      main_.recs.pop_back();
      if (c == 0) {
        q.count += r.count;
      } else {
        main_.recs.push_back(StackRec{r.data, r.size, lcp, r.count});
      }
      return;
    }
  }
  has_pending_ = true;
  pending_ = r;
}

std::vector<std::span<const StackRec>> RunSplitter::finish() {
  if (has_pending_) {
    has_pending_ = false;
    start_run(pending_);
  }
  std::vector<std::span<const StackRec>> runs;
  for (const Sequence* s : {&main_, &exceptions_seq_}) {
    std::span<const StackRec> all(s->recs);
    for (size_t k = 0; k < s->starts.size(); ++k) {
      size_t end = k + 1 < s->starts.size() ? s->starts[k + 1] : all.size();
      runs.push_back(all.subspan(s->starts[k], end - s->starts[k]));
    }
  }
  return runs;
}

namespace {
constexpr ptrdiff_t kPrefetchAhead = 16;
}  // namespace

void RunMerger::add_run(std::span<const StackRec> run, int side) {
  if (!run.empty()) runs_[side].push_back(run);
}

namespace {
constexpr size_t kChainTries = 8;  // chains tried for each run before it starts its own
}  // namespace

void RunMerger::build() {
  std::vector<std::pair<size_t, int>> sized;  // (records, node)
  for (int side : {0, 1}) {
    std::vector<std::span<const StackRec>>& runs = runs_[side];
    std::sort(runs.begin(), runs.end(),
              [](const auto& a, const auto& b) { return a[0].stack() < b[0].stack(); });
    size_t first_leaf = nodes_.size();
    for (std::span<const StackRec> run : runs) {
      // Chain it after a recent leaf of this side whose last record is below its first.
      Node* into = nullptr;
      uint32_t lcp = 0;
      for (size_t k = nodes_.size(); k > first_leaf && nodes_.size() - k < kChainTries; --k) {
        const StackRec& last = nodes_[k - 1].chain.back().end[-1];
        if (compare_from(last.stack(), run[0].stack(), 0, &lcp) < 0) {
          into = &nodes_[k - 1];
          break;
        }
      }
      if (!into) {
        nodes_.emplace_back();
        into = &nodes_.back();
        into->side = side;
        lcp = 0;
      }
      into->chain.push_back(Segment{run.data(), run.data() + run.size(), lcp});
    }
  }
  for (size_t k = 0; k < nodes_.size(); ++k) {
    Node& leaf = nodes_[k];
    leaf.at = leaf.chain[0].begin;
    leaf.end = leaf.chain[0].end;
    size_t records = 0;
    for (const Segment& seg : leaf.chain) records += static_cast<size_t>(seg.end - seg.begin);
    sized.emplace_back(records, static_cast<int>(k));
  }
  // Huffman: merge the two smallest until one is left.
  auto bigger = [](const auto& a, const auto& b) { return a.first > b.first; };
  std::make_heap(sized.begin(), sized.end(), bigger);
  while (sized.size() > 1) {
    std::pop_heap(sized.begin(), sized.end(), bigger);
    auto a = sized.back();
    sized.pop_back();
    std::pop_heap(sized.begin(), sized.end(), bigger);
    auto b = sized.back();
    sized.pop_back();
    Node merge;
    merge.x = a.second;
    merge.y = b.second;
    nodes_.push_back(std::move(merge));
    sized.emplace_back(a.first + b.first, static_cast<int>(nodes_.size() - 1));
    std::push_heap(sized.begin(), sized.end(), bigger);
  }
  root_ = sized.empty() ? -2 : sized[0].second;
}

bool RunMerger::next(MergedStack* out) {
  if (root_ == -1) build();
  if (root_ < 0) return false;
  return pull(root_, out);
}

bool RunMerger::pull(int node, MergedStack* out) {
  Node& n = nodes_[node];
  return n.x < 0 ? pull_leaf(n, out) : pull_merge(n, out);
}

bool RunMerger::pull_leaf(Node& n, MergedStack* out) {
  uint32_t lcp;
  if (n.at == n.end) {
    if (++n.link >= n.chain.size()) return false;
    n.at = n.chain[n.link].begin;
    n.end = n.chain[n.link].end;
    lcp = n.chain[n.link].first_lcp;
  } else {
    lcp = n.at->lcp;
  }
  // The merge reads a stack from its lcp on, long after the file was parsed: fetch those bytes of a
  // record some steps ahead so the comparison does not wait for memory.
  if (n.end - n.at > kPrefetchAhead) {
    const StackRec& ahead = n.at[kPrefetchAhead];
    const char* from = ahead.data + ahead.lcp;
    const char* to = ahead.data + ahead.size;
    for (int k = 0; k < 4 && from < to; ++k, from += 64) __builtin_prefetch(from);
  }
  const StackRec& r = *n.at++;
  *out = MergedStack{r.data, r.size, lcp, {0, 0}};
  out->counts[n.side] = r.count;
  return true;
}

// The node keeps h = lcp(xh, yh) and c = their order. After xh < yh is yielded, the next x head shares
// lx bytes with it: if lx > h it is still below yh with the same h; if lx < h it is above yh and shares lx
// bytes with it; only lx == h needs bytes compared, from h on. After equal heads are yielded (both
// advance), the same argument on their lcps to that one stack decides, or bytes past the tie. The lcp of
// a yielded stack to the one yielded before it is its own when that one came from the same child (or was
// the pair), else the h saved when that one was yielded.
bool RunMerger::pull_merge(Node& n, MergedStack* out) {
  if (!n.started) {
    n.started = true;
    n.x_ok = pull(n.x, &n.xh);
    n.y_ok = pull(n.y, &n.yh);
    if (n.x_ok && n.y_ok) n.c = compare_from(n.xh.stack(), n.yh.stack(), 0, &n.h);
  }
  if (n.x_ok && n.y_ok) {
    if (n.c != 0) {
      yield_lower(n, n.c < 0 ? kX : kY, out);
    } else {
      *out = n.xh;
      out->lcp = n.last == kNone ? 0 : (n.last == kY ? n.yh.lcp : n.xh.lcp);
      out->counts[0] += n.yh.counts[0];
      out->counts[1] += n.yh.counts[1];
      n.last = kBoth;
      n.x_ok = pull(n.x, &n.xh);
      n.y_ok = pull(n.y, &n.yh);
      if (n.x_ok && n.y_ok) {
        uint32_t lx = n.xh.lcp, ly = n.yh.lcp;
        if (lx > ly) {
          n.c = -1;
          n.h = ly;
        } else if (lx < ly) {
          n.c = 1;
          n.h = lx;
        } else {
          n.c = compare_from(n.xh.stack(), n.yh.stack(), lx, &n.h);
        }
      }
    }
    return true;
  }
  if (n.x_ok || n.y_ok) {  // one child is done: the other's heads follow, with nothing to compare
    Last from = n.x_ok ? kX : kY;
    *out = from == kX ? n.xh : n.yh;
    out->lcp = own_lcp(n, *out, from);
    n.last = from;
    (from == kX ? n.x_ok : n.y_ok) = pull(from == kX ? n.x : n.y, from == kX ? &n.xh : &n.yh);
    return true;
  }
  return false;
}

// The lcp of `head` (from child `from`) to the stack the node yielded before it: its own lcp when that one
// came from the same child or was the pair, else the h saved when that one was yielded.
uint32_t RunMerger::own_lcp(const Node& n, const MergedStack& head, Last from) {
  if (n.last == kNone) return 0;
  if ((n.last == kX && from == kY) || (n.last == kY && from == kX)) return n.last_h;
  return head.lcp;
}

// Yields the head of child `from` (kX or kY), which is below the other child's head, and finds the order of
// its successor and the other head: a successor sharing fewer than h bytes with the yielded stack is above
// the other head and shares that many bytes with it; one sharing more is still below; only one sharing
// exactly h needs bytes compared, from h on.
void RunMerger::yield_lower(Node& n, Last from, MergedStack* out) {
  const bool x = from == kX;
  MergedStack& head = x ? n.xh : n.yh;
  *out = head;
  out->lcp = own_lcp(n, head, from);
  n.last = from;
  n.last_h = n.h;
  bool& ok = x ? n.x_ok : n.y_ok;
  ok = pull(x ? n.x : n.y, &head);
  if (!ok) return;
  if (head.lcp < n.h) {
    n.c = x ? 1 : -1;
    n.h = head.lcp;
  } else if (head.lcp == n.h) {
    n.c = compare_from(n.xh.stack(), n.yh.stack(), n.h, &n.h);
  }
}

}  // namespace flamekit::diff
