// diff_set.h: two folded profiles side by side, as difffolded.pl holds them: every distinct stack with its
// count in the first ("before") and second ("after") profile, 0 where a profile lacks it. difffolded.pl
// treats a stack as one opaque string, and so does this (no per-frame work).
//
// Lines are read with difffolded.pl's rule /^(.*)\s+?(\d+(?:\.\d*)?)$/: the count is the text after the
// last whitespace byte and must be digits with an optional fraction ("12", "3.5", "7."); the stack is
// everything before that byte (so a second space before the count stays in the stack, as in Perl). With
// strip_hex, "0x" and the hex digits after it become "0x..." in the stack (difffolded.pl -s).
//
// Two ways to pair the stacks, same result:
//   - merge: when each input's stacks are strictly increasing byte-wise (folded files as flame-collapse and
//     sort write them), or a few such runs with disjoint ranges (sorted files concatenated), one linear
//     merge pairs them with no hashing, and the entries come out already in output order; two mapped
//     inputs are read on two threads;
//   - hash: otherwise every distinct stack is stored once (views into a mapped input, or copied into an
//     arena) and found again by one hash lookup; memory follows distinct stacks.
//
//   DiffSet set;
//   set.read("before.folded", "after.folded", /*strip_hex=*/false);
//   set.normalize_first();           // -n
//   for (const auto& e : set.entries()) ...   // e.stack, e.counts[0], e.counts[1]
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "io/line_reader.h"
#include "model/stack_set.h"

namespace flamekit::diff {

using model::Count;

class DiffSet {
 public:
  DiffSet() = default;
  DiffSet(const DiffSet&) = delete;
  DiffSet& operator=(const DiffSet&) = delete;

  // Reads both profiles ("-" = standard input, gzip transparent). Empty lines are skipped; a line without
  // a count throws Error "path:line: ...".
  void read(const std::string& before, const std::string& after, bool strip_hex);

  // difffolded.pl -n: if the totals differ, every first count becomes int(count * total2 / total1), computed
  // as Perl does (exact integer arithmetic when the product fits in 64 bits and divides exactly, else
  // doubles), truncated toward zero.
  void normalize_first();

  // Column totals of the counts as they stand (after normalize_first()).
  Count total(int side) const;

  struct Entry {
    std::string_view stack;  // folded text; lives as long as the set
    std::array<Count, 2> counts;
  };
  // Every distinct stack: in output order if in_order(), else in order of first appearance.
  const std::vector<Entry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  bool in_order() const { return in_order_; }

  struct Record {  // one input line
    std::string_view stack;
    Count count;
  };

 private:
  struct Key {  // a stack with its hash, so that rehashing never reads the stack again
    std::string_view stack;
    size_t hash;
    bool operator==(const Key& o) const { return hash == o.hash && stack == o.stack; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return k.hash; }
  };

  // Parses every line of `reader` into *records (stacks copied into the arena unless the reader's views
  // persist or strip_hex rewrote them). Adds to read_totals_[side].
  void collect(io::LineReader* reader, int side, bool strip_hex, std::vector<Record>* records);
  bool merge_sorted(const std::vector<Record>& a, const std::vector<Record>& b, bool ambiguous);
  void add_hashed(const std::vector<Record>& records, int side);
  std::string_view keep(std::string_view bytes);

  std::unique_ptr<io::LineReader> readers_[2];  // kept open: entries may point into their mappings
  std::pmr::monotonic_buffer_resource arena_{1 << 20};
  absl::flat_hash_map<Key, uint32_t, KeyHash> index_;  // stack -> entries_ index (hash way)
  std::vector<Entry> entries_;
  bool in_order_ = false;
  std::array<Count, 2> read_totals_{0, 0};
  std::string stripped_;  // scratch
};

// Splits a difffolded.pl line into stack and count. Returns false if the line has no valid count.
bool split_folded_line(std::string_view line, std::string_view* stack, Count* count);

// Appends `stack` with every "0x<hex digits>" replaced by "0x..." to *out (difffolded.pl -s).
void strip_hex_addresses(std::string_view stack, std::string* out);

}  // namespace flamekit::diff
