// stack_collapser.h: the state machine of flame-collapse. It is fed `perf script` text one line at a time and
// adds one stack per sample to a StackSet, exactly as stackcollapse-perf.pl's main loop does:
//
//   java 12688 [002] 6544038.708352: 10309278 cpu-clock:     <- event line: starts a sample (comm, period)
//   	ffffffff8103ce3b native_safe_halt ([kernel.kallsyms])   <- frame lines, leaf first
//   	7f722d142778 Interpreter (/usr/lib/jvm/libjvm.so)
//                                                             <- blank line: the sample is counted
// giving "java;Interpreter;native_safe_halt 10309278" (root first; the count is the period when the event line
// has one, else 1). Only samples of one event are counted: --event-filter, else the first event seen.
//
// Script quirks kept on purpose (the conformance vectors depend on them): a sample is counted only at its
// blank line (an event line in the middle of a sample replaces comm and period but keeps the frames); the
// frames of a filtered event are dropped; "+0x.." offsets are stripped; frames whose symbol starts with '('
// are skipped; "[unknown]" becomes "[module]" or "[unknown]" (with --addrs "[module <addr>]"); symbols are
// tidied (symbol_tidy.h). Deliberate fixes are listed in event_line.h, frame_line.h and symbol_tidy.h, plus:
// CRLF line ends; ';' in comm becomes ':'; "(anonymous namespace)::f" frames are kept; `perf script -F+srcline` lines are skipped silently when --srcline
// is off (and only real source lines are taken when it is on); with --inline, libdw instead of addr2line.
//
//   StackCollapser c(options, "perf.txt", &stacks, nullptr);
//   while (reader.next(&line)) c.feed(line, reader.line_number());
//   c.finish(!reader.last_line_had_newline());
#pragma once

#include <cstdint>
#include <map>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "model/stack_set.h"
#include "perf/collapse_options.h"
#include "perf/frame_line.h"

namespace flamekit::elf {
class Symbolizer;
}

namespace flamekit::perf {

struct EventLine;

// The problem kind of a sample without a call chain: `perf record` without -g, whose `perf script` prints each
// sample on one line. The script counts none of them; neither do we, but we say why the output is empty.
inline constexpr const char* kNoCallChain = "no-call-chain";

// The first line of one kind of problem, and how many lines had it.
struct LineProblem {
  std::string kind;
  std::string file;
  int64_t line = 0;
  std::string message;
  int64_t count = 0;
};

// What a run saw besides the stacks: for -v, warnings and the summary notes.
struct CollapseStats {
  std::map<std::string, int64_t, std::less<>> events;  // samples per event name, filtered or not
  std::vector<std::string> event_order;              // event names in the order first seen
  int64_t samples = 0;                               // samples counted
  int64_t filtered_samples = 0;                      // samples of another event, dropped
  int64_t frames = 0;                                // frames in counted samples
  int64_t unknown_frames = 0;                        // of which "[unknown]" symbols
  int64_t srclines_skipped = 0;                      // -F+srcline lines ignored (no --srcline)
  int64_t blank_lines = 0;                           // empty lines (the ends of samples)
  std::vector<LineProblem> problems;                 // first line of each kind of problem, in input order

  // Adds the stats of a later part of the same input whose line numbers start after `line_offset` lines.
  void merge_later(const CollapseStats& later, int64_t line_offset);
};

class StackCollapser {
 public:
  // `stacks` and `symbols` (needed only for --inline; may be null otherwise) must outlive the collapser.
  StackCollapser(const CollapseOptions& options, std::string file, model::StackSet* stacks,
                 elf::Symbolizer* symbols);
  ~StackCollapser();
  StackCollapser(const StackCollapser&) = delete;
  StackCollapser& operator=(const StackCollapser&) = delete;

  // The name used in problem positions from now on (several input files are one stream, as Perl's <>).
  void set_file(std::string file) { file_ = std::move(file); }
  // Count only `event` from the start, as if it had been the first event seen (for parallel chunks).
  void preset_default_event(std::string_view event);

  // One input line without its '\n'. Throws Error on an unparsable line if options.strict.
  void feed(std::string_view line, int64_t line_number) { feed_line(line, line_number, false); }
  // Feeds every line of `text` as feed() would, numbering them from `line_number` + 1: each line ends at a
  // '\n' except possibly the last. Returns the number of the last line. Faster than feed() per line: a
  // frame line that repeats the predicted one is recognised by one compare, without looking for its end.
  int64_t feed_text(std::string_view text, int64_t line_number);
  // End of input. An unfinished last sample (no blank line after it) is counted only if the input was cut
  // in the middle of a line (`cut_mid_line`); otherwise it is dropped, as the script drops it.
  void finish(bool cut_mid_line);

  const CollapseStats& stats() const { return stats_; }
  const std::string& event_filter() const { return event_filter_; }
  bool event_defaulted() const { return event_defaulted_; }
  bool dropped_open_sample() const { return dropped_open_sample_; }

 private:
  struct CachedFrames {
    uint32_t begin, size, unknown;  // ids_pool_[begin, begin + size): the frame's pieces, leaf first
  };
  struct PendingPiece {
    std::string name;
    bool wants_srcline;
  };

  void on_event(const EventLine& event);
  bool replayed_event(std::string_view line);
  void remember_event(std::string_view line, const EventLine& event);
  void feed_line(std::string_view line, int64_t line_number, bool predictions_tried);
  bool cached_frame(std::string_view line, bool try_predictions);
  void on_frame(const FrameLine& frame, std::string_view line);
  void on_srcline(std::string_view line);
  void end_sample();
  bool try_inline(const FrameLine& frame);
  void tidy_pieces(const FrameLine& frame, std::string_view symbol, uint32_t* unknown);
  void flush_pending();
  void problem(const char* kind, int64_t line, std::string message);
  void no_call_chain(int64_t line);
  bool saw_no_call_chain() const;

  const CollapseOptions& options_;
  std::string file_;
  model::StackSet* stacks_;
  elf::Symbolizer* symbols_;
  CollapseStats stats_;

  std::string event_filter_;
  bool event_defaulted_ = false;
  bool dropped_open_sample_ = false;

  // The open sample.
  bool have_sample_ = false;   // an event line was accepted (the script's "$pname is set")
  bool java_ = false;          // comm starts with "java": Java symbol tidying
  uint32_t comm_id_ = 0;
  model::Count period_ = 1;
  std::vector<uint32_t> reversed_;  // frame ids, leaf first
  std::vector<PendingPiece> pending_;  // --srcline: the last frame's pieces, waiting for source lines
  size_t pending_next_ = 0;            // next piece that takes a source line
  bool after_frame_ = false;           // the previous line was a frame (or one of its source lines)
  int64_t line_ = 0;

  // The last few event lines, with what on_event made of them. perf prints a thread's event lines alike
  // but for the timestamp, and a line that differs from one of these only there has the same effect
  // (find_timestamp), found by two compares instead of a parse, a map lookup and interning the comm.
  struct EventTemplate {
    std::string text;
    size_t time_begin = 0, time_end = 0;  // the timestamp in text
    int64_t* samples = nullptr;           // the event's entry in stats_.events; null if the line names none
    bool filtered = false;                // an event other than the one counted
    bool java = false;
    model::Count period = 1;
    uint32_t comm_id = 0;
  };
  static constexpr size_t kEventTemplates = 4;
  EventTemplate templates_[kEventTemplates];
  size_t templates_used_ = 0;  // templates_[0, templates_used_) hold lines
  size_t templates_next_ = 0;  // the one replaced next

  // Scratch, reused.
  std::string name_, key_;
  std::vector<uint32_t> ids_;

  // Frame cache: the whole text of a frame line -> its tidied frame ids; [1] for Java comms. The script's
  // regexes and tidying see nothing but that text (and whether comm is java), so equal lines give equal
  // frames. Off with --srcline and --inline, whose frames depend on more than the line.
  // One cached frame line, laid out in one arena block so a lookup touches one place: the header, then
  // `size` frame ids (leaf first), then the line's text and a '\n' (so that feed_text compares a whole line,
  // end included, in one memcmp).
  struct CacheEntry {
    // The entries of the last kSuccessors different lines that followed this one (most recently used
    // first): its usual callers. Recursion through several functions makes one often wrong: with four,
    // 87% of compile.perf.txt's frame lines and 89% of fp.perf.txt's are predicted (77% and 51% with one).
    static constexpr size_t kSuccessors = 4;
    CacheEntry* successors[kSuccessors];
    uint32_t text_size;
    uint32_t size;
    uint32_t unknown;
    uint32_t* ids() { return reinterpret_cast<uint32_t*>(this + 1); }
    const uint32_t* ids() const { return reinterpret_cast<const uint32_t*>(this + 1); }
    const char* text() const { return reinterpret_cast<const char*>(ids() + size); }
  };
  CacheEntry* find_cached(std::string_view line) const;
  CacheEntry* add_cached(std::string_view line, uint32_t size, uint32_t unknown);
  CacheEntry* predicted(const char* text, size_t size) const;
  static bool starts_with_line(const char* text, size_t size, const CacheEntry* e);
  void use_cached(CacheEntry* e);
  void follow(CacheEntry* e);

  bool cache_frames_;
  // The entry of the previous line when it was a frame of the open sample, else null. Its successors are
  // tried first (one compare each, their memory prefetched): call chains repeat, so most lines are
  // predicted without hashing or a hash table probe.
  CacheEntry* last_ = nullptr;
  std::pmr::monotonic_buffer_resource arena_{1 << 16};
  // Line -> entry, [1] for Java comms: open addressing with linear probing, at most half full. A slot
  // keeps the line's StringHash beside the entry, so probing compares hashes without touching entries and
  // growing does not hash the lines again.
  struct Slot {
    uint64_t hash;
    CacheEntry* entry;  // null: empty
  };
  struct LineIndex {
    std::vector<Slot> slots;  // size: a power of two, or 0
    size_t used = 0;
  };
  LineIndex index_[2];
  void index_insert(LineIndex* index, uint64_t hash, CacheEntry* e);
  std::vector<uint32_t> ids_pool_;
  // --inline: module + address -> frame ids (innermost first), or size 0 when addr2line would fail.
  absl::flat_hash_map<std::string_view, CachedFrames> inline_cache_;
};

}  // namespace flamekit::perf
