// layout.cc: the ordered walk over the trie (see layout.h), with an explicit stack so that deep stacks
// cannot overflow the call stack.
#include "svg/layout.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <numeric>
#include <string_view>

#include "svg/text_format.h"

namespace flamekit::svg {
namespace {

constexpr uint32_t kNone = FlameTree::kNone;

enum class AtomKind : uint8_t {
  kOwnLines,  // lines ending at the node that owns the level (the root's, or a flame-chart gap)
  kEnding,    // lines ending at child `node`
  kDeeper,    // lines going deeper than child `node`
};

struct Atom {
  uint32_t node;
  AtomKind kind;
  double weight;  // sum of the counts of its lines
};

// Orders atoms as Perl's sort orders the lines they stand for.
class AtomOrder {
 public:
  explicit AtomOrder(const FlameTree& tree) : tree_(tree) {
    const model::FrameTable& frames = tree.frames();
    std::vector<uint32_t> ids(frames.size());
    std::iota(ids.begin(), ids.end(), 0u);
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return frames.name(a) < frames.name(b); });
    rank_.resize(ids.size());
    prefix_.assign(ids.size(), false);
    for (size_t i = 0; i < ids.size(); ++i) {
      rank_[ids[i]] = static_cast<uint32_t>(i);
      // A name that is a proper prefix of another is a prefix of its successor in sorted order.
      if (i + 1 < ids.size() && frames.name(ids[i + 1]).starts_with(frames.name(ids[i]))) prefix_[ids[i]] = true;
    }
  }

  bool operator()(const Atom& a, const Atom& b) const {
    uint32_t fa = frame(a), fb = frame(b);
    if (fa != fb && fa != kNone && fb != kNone && !prefix_[fa] && !prefix_[fb]) return rank_[fa] < rank_[fb];
    return compare(name(a), suffix(a), name(b), suffix(b)) < 0;
  }

 private:
  uint32_t frame(const Atom& a) const { return a.kind == AtomKind::kOwnLines ? kNone : tree_.node(a.node).frame; }
  std::string_view name(const Atom& a) const {
    uint32_t f = frame(a);
    return f == kNone ? std::string_view() : tree_.frames().name(f);
  }
  std::string_view suffix(const Atom& a) const {
    if (a.kind == AtomKind::kDeeper) return ";";
    return tree_.tails().name(tree_.self(tree_.node(a.node).self).tail);
  }
  // Compares the byte strings a1+a2 and b1+b2.
  static int compare(std::string_view a1, std::string_view a2, std::string_view b1, std::string_view b2) {
    std::string_view pa[2] = {a1, a2}, pb[2] = {b1, b2};
    int ia = 0, ib = 0;
    while (true) {
      while (ia < 2 && pa[ia].empty()) ++ia;
      while (ib < 2 && pb[ib].empty()) ++ib;
      if (ia == 2 || ib == 2) return (ia == 2 ? 0 : 1) - (ib == 2 ? 0 : 1);
      size_t n = std::min(pa[ia].size(), pb[ib].size());
      int c = std::memcmp(pa[ia].data(), pb[ib].data(), n);
      if (c != 0) return c;
      pa[ia].remove_prefix(n);
      pb[ib].remove_prefix(n);
    }
  }

  const FlameTree& tree_;
  std::vector<uint32_t> rank_;
  std::vector<bool> prefix_;
};

class Walker {
 public:
  Walker(const FlameTree& tree, const LayoutParams& params) : tree_(tree), params_(params), order_(tree) {}

  Layout run() {
    open_.push_back(Open{kNone, 0, 0, false});
    unresolved_ = 0;
    push_level(tree_.root());
    while (!levels_.empty()) step();
    close_top();
    for (const auto& same_end : pending_) {
      for (const LaidFrame& p : same_end) keep(p);
    }
    layout_.time = time_;
    return std::move(layout_);
  }

 private:
  struct Level {
    size_t begin, end, pos;
    uint32_t run_child = kNone;  // the child whose frame is open, if any
  };
  struct Open {
    uint32_t frame;
    double stime;
    double delta;
    bool has_delta;
  };

  void push_level(uint32_t node) {
    size_t begin = atoms_.size();
    const FlameTree::Node& n = tree_.node(node);
    if (!tree_.flamechart() && node == tree_.root() && n.self != kNone) {
      atoms_.push_back(Atom{node, AtomKind::kOwnLines, tree_.self(n.self).count});
    }
    for (uint32_t c = n.first_child; c != kNone; c = tree_.node(c).next_sibling) {
      const FlameTree::Node& cn = tree_.node(c);
      if (tree_.flamechart()) {
        atoms_.push_back(Atom{c, cn.frame == FlameTree::kGap ? AtomKind::kOwnLines : AtomKind::kDeeper, cn.total});
        continue;
      }
      double own = cn.self == kNone ? 0 : tree_.self(cn.self).count;
      if (cn.self != kNone) atoms_.push_back(Atom{c, AtomKind::kEnding, own});
      if (cn.first_child != kNone) atoms_.push_back(Atom{c, AtomKind::kDeeper, cn.total - own});
    }
    if (!tree_.flamechart()) std::sort(atoms_.begin() + static_cast<std::ptrdiff_t>(begin), atoms_.end(), std::cref(order_));
    levels_.push_back(Level{begin, atoms_.size(), begin});
  }

  void step() {
    Level& level = levels_.back();
    if (level.pos == level.end) {
      if (level.run_child != kNone) close_top();
      atoms_.resize(level.begin);
      levels_.pop_back();
      return;
    }
    Atom atom = atoms_[level.pos];
    if (level.run_child != kNone && (atom.kind == AtomKind::kOwnLines || atom.node != level.run_child)) {
      close_top();
      level.run_child = kNone;
    }
    if (atom.kind == AtomKind::kOwnLines) {
      ++level.pos;
      line(tree_.self(tree_.node(atom.node).self));
      return;
    }
    if (level.run_child == kNone) {
      if (params_.can_skip && skip_narrow_run(level)) return;
      open_.push_back(Open{tree_.node(atom.node).frame, time_, 0, false});
      if (unresolved_ == kNoneIndex) unresolved_ = open_.size() - 1;
      level.run_child = atom.node;
    }
    ++level.pos;
    if (atom.kind == AtomKind::kEnding) {
      line(tree_.self(tree_.node(atom.node).self));
    } else {
      push_level(atom.node);  // invalidates `level`
    }
  }

  // With integral counts, a run narrower than minwidth_time is dropped with all it contains, exactly as
  // Perl would drop each of its frames; only time and the frames waiting for their first line change.
  bool skip_narrow_run(Level& level) {
    uint32_t node = atoms_[level.pos].node;
    size_t end = level.pos;
    double width = 0;
    while (end < level.end && atoms_[end].node == node && atoms_[end].kind != AtomKind::kOwnLines) {
      width += atoms_[end++].weight;
    }
    if (!(width < params_.minwidth_time)) return false;
    resolve(params_.all_differential, 0, kNoneIndex);
    time_ += width;
    level.pos = end;
    return true;
  }

  // A line is reached: the frames opened since the previous line learn whether they belong to a
  // differential line, and the line's own frame (the innermost) gets its delta, as in Perl's flow().
  void resolve(bool differential, double delta, size_t leaf) {
    if (unresolved_ == kNoneIndex) return;
    for (size_t d = unresolved_; d < open_.size(); ++d) {
      open_[d].has_delta = differential;
      open_[d].delta = differential && d == leaf ? delta : 0;
    }
    unresolved_ = kNoneIndex;
  }

  void line(const FlameTree::Self& self) {
    resolve(self.differential, self.delta, open_.size() - 1);
    time_ += self.count;
  }

  void close_top() {
    Open o = open_.back();
    open_.pop_back();
    if (unresolved_ != kNoneIndex && unresolved_ >= open_.size()) unresolved_ = kNoneIndex;
    uint32_t depth = static_cast<uint32_t>(open_.size());
    LaidFrame f{o.frame, depth, o.stime, perl_roundtrip(time_), o.delta, o.has_delta, seq_++};
    if (pending_.size() <= depth) pending_.resize(depth + 1);
    // Perl's %Node key "name;depth;end": the same key again overwrites the start (and a defined delta).
    // Frames at one depth close in time order, so only those ending where this one ends can share a key.
    std::vector<LaidFrame>& same_end = pending_[depth];
    if (!same_end.empty() && same_end.front().etime != f.etime) {
      for (const LaidFrame& p : same_end) keep(p);
      same_end.clear();
    }
    for (LaidFrame& p : same_end) {
      if (p.frame == f.frame) {
        p.stime = f.stime;
        if (f.has_delta) {
          p.delta = f.delta;
          p.has_delta = true;
        }
        return;
      }
    }
    same_end.push_back(f);
  }

  void keep(const LaidFrame& f) {
    if (f.etime - f.stime < params_.minwidth_time) return;
    layout_.frames.push_back(f);
    layout_.depth_max = std::max(layout_.depth_max, f.depth);
  }

  static constexpr size_t kNoneIndex = SIZE_MAX;
  const FlameTree& tree_;
  const LayoutParams& params_;
  AtomOrder order_;
  std::vector<Atom> atoms_;
  std::vector<Level> levels_;
  std::vector<Open> open_;
  size_t unresolved_ = kNoneIndex;  // first open frame that no line has reached yet
  std::vector<std::vector<LaidFrame>> pending_;  // per depth: the last closed frames, not yet final
  double time_ = 0;
  uint32_t seq_ = 0;
  Layout layout_;
};

}  // namespace

Layout lay_out(const FlameTree& tree, const LayoutParams& params) { return Walker(tree, params).run(); }

}  // namespace flamekit::svg
