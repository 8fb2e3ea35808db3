// profile.h: the one profile model every flame-pprof reader fills. It is profile.proto's model (google/pprof
// proto/profile.proto), so a legacy gperftools CPU or heap profile, a protobuf and pprof's text outputs all
// become the same thing, and one converter (fold.h) turns any of them into folded stacks.
//
// Cross references are indices into the vectors here, resolved from the input's ids by each reader, and
// variable-length parts (a sample's locations and values, a location's lines) are ranges of shared flat
// vectors, so a profile of a million samples costs a few vectors, not a million small allocations.
// Strings are views: into the input bytes (which the caller keeps alive, see profile_input.h) or into the
// profile's own arena (keep()).
//
//   Profile p;
//   read_legacy_heap(bytes, "h.0001.heap", &p);
//   for (const Sample& s : p.samples)
//     for (uint32_t loc : p.locations_of(s)) ... p.locations[loc].address ...
#pragma once

#include <cstdint>
#include <memory_resource>
#include <span>
#include <string_view>
#include <vector>

namespace flamekit::pprof {

inline constexpr uint32_t kNone = UINT32_MAX;

struct ValueType {
  std::string_view type;  // "cpu", "inuse_space", "samples"
  std::string_view unit;  // "nanoseconds", "bytes", "count"
};

struct Mapping {
  uint64_t id = 0;
  uint64_t start = 0, limit = 0;  // runtime addresses [start, limit)
  uint64_t offset = 0;            // file offset of start
  std::string_view file;          // as the profile names it ("" for anonymous memory)
  std::string_view build_id;      // hex, "" if unknown
  bool has_functions = false;     // the writer already symbolized it (proto flags, shown by -v)
};

struct Function {
  uint64_t id = 0;
  std::string_view name;         // demangled
  std::string_view system_name;  // mangled
  std::string_view filename;
};

struct Line {
  uint32_t function = kNone;  // index into Profile::functions
  int64_t line = 0;
};

struct Location {
  uint64_t id = 0;
  uint32_t mapping = kNone;  // index into Profile::mappings, kNone if unknown
  uint64_t address = 0;      // already adjusted as pprof adjusts return addresses
  // [lines_begin, lines_end) of Profile::lines: the first is the innermost inlined function, the last the
  // function the others were inlined into. Empty when the location is not symbolized.
  uint32_t lines_begin = 0, lines_end = 0;
};

struct Label {
  std::string_view key;
  std::string_view str;       // a string label, or
  int64_t num = 0;            // a numeric one (when str is empty and is_num)
  std::string_view num_unit;  // "bytes", "" if none
  bool is_num = false;
};

struct Sample {
  uint32_t locations_begin = 0, locations_end = 0;  // in Profile::sample_locations, leaf first
  uint32_t values_begin = 0;                        // sample_types.size() values in Profile::values
  uint32_t labels_begin = 0, labels_end = 0;        // in Profile::labels
};

struct Profile {
  std::vector<ValueType> sample_types;
  std::string_view default_sample_type;  // a sample_types[i].type, or ""
  ValueType period_type;
  int64_t period = 0;
  int64_t time_nanos = 0, duration_nanos = 0;
  std::vector<std::string_view> comments;
  std::string_view note;  // what the reader saw that -v should say ("64-bit little-endian")
  // Regexes (RE2 syntax, matched against whole function names with their argument lists cut) of frames
  // pprof removes with everything leafward of them, and of frames exempt from that (see prune.h).
  std::string_view drop_frames, keep_frames;

  std::vector<Mapping> mappings;  // mappings[0] is the main binary, by convention
  std::vector<Function> functions;
  std::vector<Location> locations;
  std::vector<Line> lines;
  std::vector<Sample> samples;
  std::vector<uint32_t> sample_locations;  // location indices
  std::vector<int64_t> values;
  std::vector<Label> labels;

  Profile() = default;
  Profile(const Profile&) = delete;
  Profile& operator=(const Profile&) = delete;

  std::span<const uint32_t> locations_of(const Sample& s) const {
    return {sample_locations.data() + s.locations_begin, s.locations_end - s.locations_begin};
  }
  std::span<const int64_t> values_of(const Sample& s) const {
    return {values.data() + s.values_begin, sample_types.size()};
  }
  std::span<const Label> labels_of(const Sample& s) const {
    return {labels.data() + s.labels_begin, s.labels_end - s.labels_begin};
  }
  std::span<const Line> lines_of(const Location& l) const {
    return {lines.data() + l.lines_begin, l.lines_end - l.lines_begin};
  }

  // Copies `text` into the profile's arena; the view lives as long as the profile.
  std::string_view keep(std::string_view text);

  // Adds a sample with the given location indices (leaf first) and values (one per sample type).
  void add_sample(std::span<const uint32_t> locations, std::span<const int64_t> sample_values);
  // Adds `label` to the sample added last.
  void add_label(const Label& label);
  // Adds a function named `name` (kept as a view) and returns its index.
  uint32_t add_function(std::string_view name);
  // Adds a location at `address` in `mapping` whose lines are the functions `inner_to_outer` (innermost
  // first); returns its index.
  uint32_t add_location(uint64_t address, uint32_t mapping, std::span<const uint32_t> inner_to_outer = {});

 private:
  std::pmr::monotonic_buffer_resource arena_{4096};
};

// Checks the invariants every reader promises (indices in range, one value per type) and throws
// Error(name, "...") if one fails; readers call it last, and fuzzers after every reader.
void check_profile(const Profile& p, const std::string& name);

}  // namespace flamekit::pprof
