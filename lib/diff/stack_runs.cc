// stack_runs.cc: byte comparison from a known common prefix, the LCP merge, and the run splitter.
#include "diff/stack_runs.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace flamekit::diff {

uint32_t mismatch(std::string_view a, std::string_view b, uint32_t from) {
  const uint32_t n = static_cast<uint32_t>(std::min(a.size(), b.size()));
  const char* pa = a.data();
  const char* pb = b.data();
  uint32_t i = from;
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
void RunSplitter::add(const StackRec& r) {
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
  int c = compare_from(p.stack(), r.stack(), 0, &lcp);
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

void RunMerger::add_run(std::span<const StackRec> run, int side) {
  if (run.empty()) return;
  Node leaf;
  leaf.at = run.data();
  leaf.end = run.data() + run.size();
  leaf.side = side;
  leaves_.push_back(static_cast<int>(nodes_.size()));
  nodes_.push_back(leaf);
}

// Pairs neighbouring nodes level by level, so every leaf is log2(runs) merges below the root.
void RunMerger::build() {
  std::vector<int> level = leaves_;
  while (level.size() > 1) {
    std::vector<int> up;
    for (size_t k = 0; k + 1 < level.size(); k += 2) {
      Node merge;
      merge.x = level[k];
      merge.y = level[k + 1];
      up.push_back(static_cast<int>(nodes_.size()));
      nodes_.push_back(merge);
    }
    if (level.size() % 2) up.push_back(level.back());
    level.swap(up);
  }
  root_ = level.empty() ? -2 : level[0];
}

bool RunMerger::next(MergedStack* out) {
  if (root_ == -1) build();
  if (root_ < 0) return false;
  return pull(root_, out);
}

bool RunMerger::pull(int node, MergedStack* out) {
  Node& n = nodes_[node];
  if (n.x < 0) {
    if (n.at == n.end) return false;
    const StackRec& r = *n.at++;
    *out = MergedStack{r.data, r.size, r.lcp, {0, 0}};
    out->counts[n.side] = r.count;
    return true;
  }
  return pull_merge(n, out);
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
  auto own_lcp = [&](const MergedStack& head, Last from) -> uint32_t {
    if (n.last == kNone) return 0;
    if ((n.last == kX && from == kY) || (n.last == kY && from == kX)) return n.last_h;
    return head.lcp;
  };
  if (n.x_ok && n.y_ok) {
    if (n.c < 0) {
      *out = n.xh;
      out->lcp = own_lcp(n.xh, kX);
      n.last = kX;
      n.last_h = n.h;
      n.x_ok = pull(n.x, &n.xh);
      if (n.x_ok) {
        uint32_t lx = n.xh.lcp;
        if (lx < n.h) {
          n.c = 1;
          n.h = lx;
        } else if (lx == n.h) {
          n.c = compare_from(n.xh.stack(), n.yh.stack(), n.h, &n.h);
        }
      }
    } else if (n.c > 0) {
      *out = n.yh;
      out->lcp = own_lcp(n.yh, kY);
      n.last = kY;
      n.last_h = n.h;
      n.y_ok = pull(n.y, &n.yh);
      if (n.y_ok) {
        uint32_t ly = n.yh.lcp;
        if (ly < n.h) {
          n.c = -1;
          n.h = ly;
        } else if (ly == n.h) {
          n.c = compare_from(n.xh.stack(), n.yh.stack(), n.h, &n.h);
        }
      }
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
  if (n.x_ok) {
    *out = n.xh;
    out->lcp = own_lcp(n.xh, kX);
    n.last = kX;
    n.x_ok = pull(n.x, &n.xh);
    return true;
  }
  if (n.y_ok) {
    *out = n.yh;
    out->lcp = own_lcp(n.yh, kY);
    n.last = kY;
    n.y_ok = pull(n.y, &n.yh);
    return true;
  }
  return false;
}

}  // namespace flamekit::diff
