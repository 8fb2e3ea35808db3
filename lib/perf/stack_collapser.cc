// stack_collapser.cc: the line-by-line state machine (see stack_collapser.h).
#include "perf/stack_collapser.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/error.h"
#include "elf/symbolizer.h"
#include "perf/event_line.h"
#include "perf/inline_frames.h"
#include "perf/perl_chars.h"
#include "perf/symbol_tidy.h"

namespace flamekit::perf {
namespace {

constexpr size_t kNo = std::string_view::npos;
constexpr size_t kExcerptBytes = 80;

// A line quoted in a message: at most kExcerptBytes, control bytes as \xNN so a warning stays one line.
std::string excerpt(std::string_view line) {
  std::string out;
  for (size_t i = 0; i < line.size() && i < kExcerptBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (line.size() > kExcerptBytes) out += "...";
  return out;
}

// Perl numifies the period string; digits only here. "" and "0" are false, which the script turns into 1.
model::Count period_value(std::string_view digits) {
  if (digits.empty() || digits == "0") return 1;
  if (digits.size() <= 18) {
    int64_t v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return static_cast<model::Count>(v);
  }
  return std::strtod(std::string(digits).c_str(), nullptr);
}

// The script's kernel test: /(^\[|vmlinux$)/ and not /unknown/.
bool is_kernel_module(std::string_view module) {
  bool kernelish = (!module.empty() && module[0] == '[') ||
                   (module.size() >= 7 && module.substr(module.size() - 7) == "vmlinux");
  return kernelish && module.find("unknown") == kNo;
}

// The script's JIT test: m:/tmp/perf-\d+\.map:.
bool is_jit_module(std::string_view module) {
  for (size_t at = module.find("/tmp/perf-"); at != kNo; at = module.find("/tmp/perf-", at + 1)) {
    size_t i = at + 10, d = i;
    while (i < module.size() && is_perl_digit(module[i])) ++i;
    if (i > d && module.compare(i, 4, ".map") == 0) return true;
  }
  return false;
}

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

// A `perf script -F+srcline` line, trimmed: "file.c:123", "libc.so.6[27b25]", "[kernel.kallsyms][ffff..]".
bool looks_like_srcline(std::string_view t) {
  if (t.empty()) return false;
  char last = t.back();
  return (last == ']' && t.find('[') != kNo) || (is_perl_digit(last) && t.find(':') != kNo);
}

// perf script without call chains prints each sample on one line, its frame after the event name and the
// comm padded to 16 columns:
//               work  7160   412.275973:     500000 cpu-clock:  55d0c3a1e15c leaf+0x33 (/tmp/work)
// The script's frame regex takes such a line for a frame (of no sample, so it counts nothing); so does
// parse_frame_line. Requires: `line` starts with a blank.
bool one_line_sample(std::string_view line) {
  EventLine event;
  return parse_event_line(trim_perl_space_left(line), &event) && !event.event.empty();
}

}  // namespace

void CollapseStats::merge_later(const CollapseStats& later, int64_t line_offset) {
  for (const std::string& name : later.event_order) {
    auto [it, added] = events.try_emplace(name, 0);
    if (added) event_order.push_back(name);
    it->second += later.events.at(name);
  }
  samples += later.samples;
  filtered_samples += later.filtered_samples;
  frames += later.frames;
  unknown_frames += later.unknown_frames;
  srclines_skipped += later.srclines_skipped;
  blank_lines += later.blank_lines;
  for (const LineProblem& p : later.problems) {
    auto it = std::find_if(problems.begin(), problems.end(), [&](const LineProblem& q) { return q.kind == p.kind; });
    if (it != problems.end()) {
      it->count += p.count;
    } else {
      problems.push_back(p);
      problems.back().line += line_offset;
    }
  }
}

StackCollapser::StackCollapser(const CollapseOptions& options, std::string file, model::StackSet* stacks,
                               elf::Symbolizer* symbols)
    : options_(options), file_(std::move(file)), stacks_(stacks), symbols_(symbols),
      cache_frames_(!options.srcline && !options.inline_frames) {
  if (!options_.event_filter.empty()) event_filter_ = options_.event_filter;
}

StackCollapser::~StackCollapser() = default;

void StackCollapser::preset_default_event(std::string_view event) {
  if (!event_filter_.empty() || event.empty()) return;
  event_filter_ = event;
  event_defaulted_ = true;
}

void StackCollapser::problem(const char* kind, int64_t line, std::string message) {
  if (options_.strict) throw Error::at_line(file_, line, std::move(message));
  for (LineProblem& p : stats_.problems) {
    if (p.kind == kind) {
      ++p.count;
      return;
    }
  }
  stats_.problems.push_back({kind, file_, line, std::move(message), 1});
}

void StackCollapser::no_call_chain(int64_t line) {
  problem(kNoCallChain, line, "sample without a call chain (recorded without -g?): record with 'perf record -g'");
}

bool StackCollapser::saw_no_call_chain() const {
  return std::any_of(stats_.problems.begin(), stats_.problems.end(),
                     [](const LineProblem& p) { return p.kind == kNoCallChain; });
}

// `predictions_tried`: feed_text has compared the line, '\n' included, with the predicted ones.
void StackCollapser::feed_line(std::string_view line, int64_t line_number, bool predictions_tried) {
  line_ = line_number;
  if (!line.empty() && line[0] == '#') return;  // perf's header and comments
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
    predictions_tried = false;  // they were compared with the '\r'
  }
  if (line.empty()) {
    ++stats_.blank_lines;
    end_sample();
    return;
  }
  EventLine event;
  FrameLine frame;
  bool indented = is_perl_space(line[0]);
  if (indented && have_sample_ && cache_frames_ && cached_frame(line, !predictions_tried)) return;
  // The script's order: the event regex (which needs a non-blank first byte), then the frame regex.
  if (!indented && replayed_event(line)) return;
  if (!indented && parse_event_line(line, &event)) {
    on_event(event);
    remember_event(line, event);
    return;
  }
  if (parse_frame_line(line, &frame)) {
    on_frame(frame, line);
    return;
  }
  last_ = nullptr;
  if (indented) {
    std::string_view text = trim_perl_space_right(trim_perl_space_left(line));
    if (pending_next_ < pending_.size()) {
      on_srcline(text);
      return;
    }
    if (!text.empty() && parse_event_line(text, &event)) {  // comm padded by perf's %16s
      // perf pads comm when it prints no call chains; a header right after one without frames (perf script -F
      // without ip) ends a sample that had none.
      if (have_sample_ && reversed_.empty() && pending_.empty() && !after_frame_) no_call_chain(line_number - 1);
      on_event(event);
      return;
    }
    if (after_frame_ && looks_like_srcline(text)) {
      if (have_sample_) ++stats_.srclines_skipped;
      return;
    }
  }
  after_frame_ = false;
  problem("unrecognized-line", line_number, "unrecognized line: " + excerpt(line));
}

// Records `e` as the most recent successor of the previous line's entry, and makes it the previous one.
inline void StackCollapser::follow(CacheEntry* e) {
  if (last_ && last_->successors[0] != e) {  // move or insert e at the front
    CacheEntry** s = last_->successors;
    size_t j = 1;
    while (j < CacheEntry::kSuccessors - 1 && s[j] != e) ++j;
    for (; j > 0; --j) s[j] = s[j - 1];
    s[0] = e;
  }
  last_ = e;
  if (e->successors[0]) __builtin_prefetch(e->successors[0]);
  if (e->successors[1]) __builtin_prefetch(e->successors[1]);
}

// Appends the frames of `e` to the open sample and makes it the previous line's entry.
__attribute__((always_inline)) inline void StackCollapser::use_cached(CacheEntry* e) {
  if (e->size == 1) {
    reversed_.push_back(e->ids()[0]);
  } else {
    reversed_.insert(reversed_.end(), e->ids(), e->ids() + e->size);
  }
  stats_.frames += e->size;
  stats_.unknown_frames += e->unknown;
  after_frame_ = true;
  follow(e);
}

// True if `text` (of `size` bytes) starts with the line of `e`, '\n' included. Compared inline 16 bytes
// at a time, the last block overlapping the one before: a frame line is 40-150 bytes, too short for a call
// to memcmp to pay off, and most mismatches show in the first block (the indent and the address).
inline bool StackCollapser::starts_with_line(const char* text, size_t size, const CacheEntry* e) {
  size_t n = e->text_size + size_t{1};
  if (size < n) return false;
  const char* known = e->text();
  if (n < 16) return std::memcmp(text, known, n) == 0;
  auto differ = [&](size_t at) {
    uint64_t a[2], b[2];
    std::memcpy(a, text + at, 16);
    std::memcpy(b, known + at, 16);
    return ((a[0] ^ b[0]) | (a[1] ^ b[1])) != 0;
  };
  for (size_t at = 0; at + 16 < n; at += 16) {
    if (differ(at)) return false;
  }
  return !differ(n - 16);
}

// The successor of the previous line's entry whose line, '\n' included, starts `text` (of `size` bytes),
// or null.
inline StackCollapser::CacheEntry* StackCollapser::predicted(const char* text, size_t size) const {
  if (!last_) return nullptr;
  for (CacheEntry* e : last_->successors) {
    if (!e) break;
    if (starts_with_line(text, size, e)) return e;
  }
  return nullptr;
}

int64_t StackCollapser::feed_text(std::string_view text, int64_t line_number) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    // The input is read once, front to back: ask for it ahead of the compares that need it.
    __builtin_prefetch(p + 2048);
    if (CacheEntry* e = predicted(p, static_cast<size_t>(end - p))) {
      ++line_number;
      use_cached(e);
      p += e->text_size + size_t{1};
      continue;
    }
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* stop = nl ? nl : end;
    feed_line(std::string_view(p, static_cast<size_t>(stop - p)), ++line_number, true);
    p = nl ? nl + 1 : end;
  }
  return line_number;
}

void StackCollapser::on_event(const EventLine& event) {
  flush_pending();
  last_ = nullptr;  // java_ may change, and with it the cache table
  after_frame_ = false;
  if (!event.event.empty()) {
    auto it = stats_.events.find(event.event);
    if (it == stats_.events.end()) {
      it = stats_.events.emplace(std::string(event.event), 0).first;
      stats_.event_order.emplace_back(event.event);
    }
    ++it->second;
    if (event_filter_.empty()) {
      // By default only the first event type is counted: cycles and instructions do not add up.
      event_filter_ = event.event;
      event_defaulted_ = true;
    } else if (event.event != event_filter_) {
      ++stats_.filtered_samples;
      return;  // the script's `next`: the open sample, if any, keeps its comm and period
    }
  }
  period_ = period_value(event.period);
  std::string_view comm = event.comm;
  java_ = comm.substr(0, 4) == "java";
  have_sample_ = true;
  if (options_.no_comm) return;
  name_.clear();
  for (char c : comm) name_.push_back(c == ' ' ? '_' : c == ';' ? ':' : c);
  if (options_.tid) {
    name_.append("-").append(event.pid).append("/").append(event.tid);
  } else if (options_.pid) {
    name_.append("-").append(event.pid);
  }
  comm_id_ = stacks_->frames().intern(name_);
}

// Fast path for an event line: on_event's work for a remembered line that differs only in its timestamp.
bool StackCollapser::replayed_event(std::string_view line) {
  for (size_t i = 0; i < templates_used_; ++i) {
    EventTemplate& t = templates_[i];
    size_t tail = t.text.size() - t.time_end;
    if (line.size() < t.time_begin + tail || std::memcmp(line.data(), t.text.data(), t.time_begin) != 0 ||
        std::memcmp(line.data() + line.size() - tail, t.text.data() + t.time_end, tail) != 0 ||
        !is_timestamp(line.substr(t.time_begin, line.size() - tail - t.time_begin))) {
      continue;
    }
    const EventTemplate& hit = templates_[i];
    flush_pending();
    last_ = nullptr;
    after_frame_ = false;
    if (hit.samples) {
      ++*hit.samples;
      if (hit.filtered) {
        ++stats_.filtered_samples;
        return true;
      }
    }
    period_ = hit.period;
    java_ = hit.java;
    have_sample_ = true;
    comm_id_ = hit.comm_id;
    return true;
  }
  return false;
}

// Keeps what on_event just did with `line` for replayed_event, if the line has a timestamp.
void StackCollapser::remember_event(std::string_view line, const EventLine& event) {
  size_t begin, end;
  if (!find_timestamp(line, event, &begin, &end)) return;
  EventTemplate& t = templates_[templates_next_];  // the oldest, once all are used
  templates_next_ = (templates_next_ + 1) % kEventTemplates;
  templates_used_ = std::max(templates_used_, templates_next_ == 0 ? kEventTemplates : templates_next_);
  t.text.assign(line);
  t.time_begin = begin;
  t.time_end = end;
  t.samples = nullptr;
  t.filtered = false;
  if (!event.event.empty()) {
    t.samples = &stats_.events.find(event.event)->second;
    t.filtered = event.event != event_filter_;
  }
  t.period = period_;
  t.java = java_;
  t.comm_id = comm_id_;
}

// Fast path: a frame line seen before. The successors of the previous line's entry are tried first; a
// prediction is only taken when the whole text matches, so it is never wrong, only sometimes missed.
bool StackCollapser::cached_frame(std::string_view line, bool try_predictions) {
  CacheEntry* e = nullptr;
  if (last_ && try_predictions) {
    for (CacheEntry* s : last_->successors) {
      if (s && s->text_size == line.size() && std::memcmp(s->text(), line.data(), line.size()) == 0) e = s;
    }
  }
  if (!e) e = find_cached(line);
  if (!e) return false;
  use_cached(e);
  return true;
}

StackCollapser::CacheEntry* StackCollapser::find_cached(std::string_view line) const {
  const LineIndex& index = index_[java_ ? 1 : 0];
  if (index.slots.empty()) return nullptr;
  uint64_t hash = StringHash()(line);
  size_t mask = index.slots.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = index.slots[i];
    if (!slot.entry) return nullptr;
    if (slot.hash == hash && slot.entry->text_size == line.size() &&
        std::memcmp(slot.entry->text(), line.data(), line.size()) == 0) {
      return slot.entry;
    }
  }
}

void StackCollapser::index_insert(LineIndex* index, uint64_t hash, CacheEntry* e) {
  if (2 * (index->used + 1) > index->slots.size()) {  // grow: keep at most half the slots used
    std::vector<Slot> old(std::max<size_t>(1024, 2 * index->slots.size()), Slot{0, nullptr});
    old.swap(index->slots);
    index->used = 0;
    for (const Slot& slot : old) {
      if (slot.entry) index_insert(index, slot.hash, slot.entry);
    }
  }
  size_t mask = index->slots.size() - 1;
  size_t i = hash & mask;
  while (index->slots[i].entry) i = (i + 1) & mask;
  index->slots[i] = Slot{hash, e};
  ++index->used;
}

// Caches the last `size` ids of reversed_ as the frames of `line`.
StackCollapser::CacheEntry* StackCollapser::add_cached(std::string_view line, uint32_t size, uint32_t unknown) {
  size_t bytes = sizeof(CacheEntry) + size * sizeof(uint32_t) + line.size() + 1;
  auto* e = static_cast<CacheEntry*>(arena_.allocate(bytes, alignof(CacheEntry)));
  std::fill(e->successors, e->successors + CacheEntry::kSuccessors, nullptr);
  e->text_size = static_cast<uint32_t>(line.size());
  e->size = size;
  e->unknown = unknown;
  std::copy(reversed_.end() - size, reversed_.end(), e->ids());
  char* text = const_cast<char*>(e->text());
  std::memcpy(text, line.data(), line.size());
  text[line.size()] = '\n';
  index_insert(&index_[java_ ? 1 : 0], StringHash()(line), e);
  return e;
}

void StackCollapser::on_frame(const FrameLine& frame, std::string_view line) {
  flush_pending();
  if (!have_sample_) {  // a frame of a filtered sample, or a sample printed on one line
    last_ = nullptr;
    if (!after_frame_ && is_perl_space(line[0]) && one_line_sample(line)) {
      no_call_chain(line_);
      return;
    }
    after_frame_ = true;
    return;
  }
  after_frame_ = true;
  if (options_.inline_frames && inline_eligible(frame.module) && try_inline(frame)) return;
  std::string_view symbol = strip_offset(frame.symbol);
  uint32_t unknown = 0;
  // The script skips symbols starting with '(' ("process names"), which also drops every C++ function in an
  // anonymous namespace; we keep those (deliberate fix).
  if (!symbol.empty() && symbol[0] == '(' && symbol.substr(0, 21) != "(anonymous namespace)") {
    pending_.clear();
  } else {
    tidy_pieces(frame, symbol, &unknown);
  }
  stats_.frames += pending_.size();
  stats_.unknown_frames += unknown;
  // Only indented lines are cached: feed() looks an unindented line up as an event line first.
  if (!cache_frames_ || !is_perl_space(line[0])) {
    last_ = nullptr;
    if (pending_next_ >= pending_.size()) flush_pending();  // else the pieces wait for source lines
    return;
  }
  uint32_t size = static_cast<uint32_t>(pending_.size());
  flush_pending();
  follow(add_cached(line, size, unknown));
}

// The script's per-piece loop: fills pending_ with the tidied, annotated pieces of one frame, in order.
void StackCollapser::tidy_pieces(const FrameLine& frame, std::string_view symbol, uint32_t* unknown) {
  pending_.clear();
  pending_next_ = 0;
  bool no_symbol_and_module = false;  // the script's $is_unknown: stays set for later pieces
  size_t index = 0;
  for_each_arrow_piece(symbol, [&](std::string_view piece) {
    std::string func;
    if (piece == "[unknown]") {
      ++*unknown;
      std::string_view shown = frame.module;
      if (shown != "[unknown]") {
        size_t slash = shown.rfind('/');
        if (slash != kNo) shown.remove_prefix(slash + 1);
      } else {
        shown = "unknown";
        no_symbol_and_module = true;
      }
      func.append("[").append(shown);
      if (options_.addrs) func.append(" <").append(frame.pc).append(">");
      func.append("]");
      piece = func;
    }
    std::string name;
    append_tidy(piece, java_, &name);
    if (index > 0) {
      if (!contains(name, "_[i]")) name += "_[i]";
    } else if (options_.kernel_annotations() && is_kernel_module(frame.module)) {
      name += "_[k]";
    } else if (options_.jit_annotations() && is_jit_module(frame.module)) {
      if (!contains(name, "_[j]")) name += "_[j]";
    }
    pending_.push_back({std::move(name), options_.srcline && !no_symbol_and_module});
    ++index;
  });
  while (pending_next_ < pending_.size() && !pending_[pending_next_].wants_srcline) ++pending_next_;
}

// --srcline: `text` (trimmed) is the source line of the next waiting piece. The script removes every
// "[...]" group ("libc.so.6[27b25]" -> "libc.so.6") and appends ":" + the rest unless it is empty.
void StackCollapser::on_srcline(std::string_view text) {
  std::string clean;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      size_t close = text.find(']', i + 1);
      if (close != kNo) {
        i = close;
        continue;
      }
    }
    clean.push_back(text[i] == ';' ? ':' : text[i]);
  }
  std::string_view trimmed = trim_perl_space_right(trim_perl_space_left(clean));
  PendingPiece& piece = pending_[pending_next_];
  if (!trimmed.empty()) piece.name.append(":").append(trimmed);
  ++pending_next_;
  while (pending_next_ < pending_.size() && !pending_[pending_next_].wants_srcline) ++pending_next_;
  if (pending_next_ >= pending_.size()) flush_pending();
}

void StackCollapser::flush_pending() {
  for (size_t i = pending_.size(); i-- > 0;) reversed_.push_back(stacks_->frames().intern(pending_[i].name));
  pending_.clear();
  pending_next_ = 0;
}

bool StackCollapser::try_inline(const FrameLine& frame) {
  key_.assign(frame.module);
  key_.push_back('\0');
  key_.append(frame.pc);
  auto it = inline_cache_.find(key_);
  if (it == inline_cache_.end()) {
    std::vector<std::string> names;
    bool ok = inline_frame_names(*symbols_, frame.module, frame.pc, frame.symbol, options_.context, &names);
    if (!ok) {
      if (const Error* why = symbols_->unreadable(std::string(frame.module))) {
        problem("unreadable-binary", line_, "--inline: " + why->describe());
      }
    }
    CachedFrames entry{static_cast<uint32_t>(ids_pool_.size()), 0, 0};
    if (ok) {
      for (const std::string& n : names) ids_pool_.push_back(stacks_->frames().intern(n));
      entry.size = static_cast<uint32_t>(names.size());
    }
    char* stored = static_cast<char*>(arena_.allocate(key_.size(), 1));
    std::memcpy(stored, key_.data(), key_.size());
    it = inline_cache_.emplace(std::string_view(stored, key_.size()), entry).first;
  }
  const CachedFrames& e = it->second;
  if (e.size == 0) return false;
  // Innermost first is already leaf-first order.
  stats_.frames += e.size;
  reversed_.insert(reversed_.end(), ids_pool_.begin() + e.begin, ids_pool_.begin() + e.begin + e.size);
  return true;
}

void StackCollapser::end_sample() {
  flush_pending();
  last_ = nullptr;
  after_frame_ = false;
  if (!have_sample_) return;
  ids_.clear();
  if (!options_.no_comm) ids_.push_back(comm_id_);
  ids_.insert(ids_.end(), reversed_.rbegin(), reversed_.rend());
  if (!ids_.empty()) {
    stacks_->add(ids_, period_);
    ++stats_.samples;
  }
  reversed_.clear();
  have_sample_ = false;
}

void StackCollapser::finish(bool cut_mid_line) {
  flush_pending();
  if (!have_sample_) return;
  if (reversed_.empty() && !after_frame_ && saw_no_call_chain()) {  // the last of the headers without frames
    no_call_chain(line_);
    have_sample_ = false;
  } else if (cut_mid_line) {
    end_sample();
  } else {
    dropped_open_sample_ = true;
    reversed_.clear();
    have_sample_ = false;
  }
}

}  // namespace flamekit::perf
