// legacy_heap.cc: gperftools heap profile text -> Profile (see legacy_heap.h). The header and sample lines
// are matched with Go pprof's own regular expressions (heapHeaderRE, heapSampleRE), unanchored as Go
// matches them, so a line is accepted or refused exactly where Go accepts or refuses it.
#include "pprof/legacy_heap.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/error.h"
#include "io/line_reader.h"
#include "pprof/legacy_frames.h"
#include "pprof/proc_maps.h"
#include "re2/re2.h"

namespace flamekit::pprof {
namespace {

const RE2& header_re() {
  static const RE2 re(R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)/?(\d*))");
  return re;
}
const RE2& growth_re() {
  static const RE2 re(R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?)");
  return re;
}
const RE2& fragmentation_re() {
  static const RE2 re(R"(heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?)");
  return re;
}
const RE2& sample_re() {
  static const RE2 re(R"((-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*))");
  return re;
}

std::string_view view(const re2::StringPiece& s) { return {s.data(), s.size()}; }
re2::StringPiece piece(std::string_view s) { return {s.data(), s.size()}; }

struct Header {
  bool v2_sampling = false;  // scale each line with rate
  int64_t rate = 0;          // the period
  bool has_alloc = false;    // four sample types rather than two
};

// Go's parseHeapHeader for the heap_* tags; growth and fragmentation headers are unscaled.
bool parse_header(std::string_view line, Header* h) {
  re2::StringPiece g[6];
  if (RE2::PartialMatch(piece(line), header_re(), &g[0], &g[1], &g[2], &g[3], &g[4], &g[5])) {
    std::string_view tag = view(g[4]), digits = view(g[5]);
    int64_t period = 0;
    if (!digits.empty()) {
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), period);
      if (ec != std::errc() || end != digits.data() + digits.size()) return false;
    }
    h->has_alloc = (view(g[2]) != view(g[0]) && view(g[2]) != "0") || (view(g[3]) != view(g[1]) && view(g[3]) != "0");
    if (tag == "heapz_v2" || tag == "heap_v2") {
      h->v2_sampling = true, h->rate = period;
    } else if (tag == "heapprofile") {
      h->rate = 1;
    } else if (tag == "heap") {
      h->v2_sampling = true, h->rate = period / 2;
    } else {
      return false;
    }
    return true;
  }
  if (RE2::PartialMatch(piece(line), growth_re()) || RE2::PartialMatch(piece(line), fragmentation_re())) {
    h->rate = 1;
    return true;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_sentinel(std::string_view line) {
  return line.find("--- Memory map: ---") != std::string_view::npos || line.find("MAPPED_LIBRARIES:") != std::string_view::npos;
}

// Go's scaleHeapSample: the expected number and bytes of allocations a Poisson sample at `rate` stands for.
void scale(int64_t* count, int64_t* size, int64_t rate) {
  if (*count == 0 || *size == 0) {
    *count = *size = 0;
    return;
  }
  if (rate <= 1) return;
  double avg = static_cast<double>(*size) / static_cast<double>(*count);
  double factor = 1 / (1 - std::exp(-avg / static_cast<double>(rate)));
  // Go converts float64 to int64 by truncation; out-of-range results are implementation-defined there, and
  // clamped here.
  auto to_int = [](double v) {
    if (!(v < 9.2e18)) return INT64_MAX;
    if (!(v > -9.2e18)) return INT64_MIN;
    return static_cast<int64_t>(v);
  };
  *count = to_int(static_cast<double>(*count) * factor);
  *size = to_int(static_cast<double>(*size) * factor);
}

// The hex numbers in `text` (Go's hexNumberRE, 0x[0-9a-f]+, found left to right without overlap).
bool parse_addresses(std::string_view text, std::vector<uint64_t>* out) {
  out->clear();
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  for (size_t i = 0; i + 2 < text.size();) {
    if (text[i] == '0' && text[i + 1] == 'x' && hex(text[i + 2])) {
      size_t end = i + 2;
      while (end < text.size() && hex(text[end])) ++end;
      uint64_t a = 0;
      auto [p, ec] = std::from_chars(text.data() + i + 2, text.data() + end, a, 16);
      if (ec != std::errc()) return false;
      out->push_back(a);
      i = end;
    } else {
      ++i;
    }
  }
  return true;
}

class HeapReader {
 public:
  HeapReader(std::string_view bytes, const std::string& name, Profile* p) : bytes_(bytes), in_(name, bytes), p_(p) {}

  void read() {
    std::string_view line;
    if (!in_.next(&line) || !parse_header(line, &header_)) throw in_.error_here("not a heap profile header");
    p_->period_type = {"space", "bytes"};
    p_->period = header_.rate;
    if (header_.has_alloc) {
      p_->sample_types = {{"alloc_objects", "count"}, {"alloc_space", "bytes"}, {"inuse_objects", "count"}, {"inuse_space", "bytes"}};
    } else {
      p_->sample_types = {{"objects", "count"}, {"space", "bytes"}};
    }
    std::string_view maps;
    while (in_.next(&line)) {
      std::string_view text = trim(line);
      if (text.empty() || text[0] == '#') continue;
      if (is_sentinel(text)) {
        size_t end = static_cast<size_t>(line.data() + line.size() - bytes_.data());
        maps = bytes_.substr(end < bytes_.size() ? end + 1 : end);
        break;
      }
      add_sample(text);
    }
    read_proc_maps(maps, p_);
    attach_legacy_mappings(p_);
    p_->drop_frames = kAllocDropFrames;
    p_->keep_frames = kAllocKeepFrames;
  }

 private:
  int64_t parse_int(std::string_view text) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) throw in_.error_here("malformed sample: count out of range");
    return v;
  }

  // Go's addValues for one count: bytes pair.
  void add_values(std::string_view count_text, std::string_view size_text, const char* what) {
    int64_t count = parse_int(count_text), size = parse_int(size_text);
    if (count == 0 && size != 0) {
      throw in_.error_here(std::string(what) + " count was 0 but " + what + " bytes was " + std::to_string(size));
    }
    if (count != 0) {
      block_size_ = size / count;
      if (header_.v2_sampling) scale(&count, &size, header_.rate);
    }
    values_.push_back(count);
    values_.push_back(size);
  }

  void add_sample(std::string_view text) {
    re2::StringPiece g[5];
    if (!RE2::PartialMatch(piece(text), sample_re(), &g[0], &g[1], &g[2], &g[3], &g[4])) {
      throw in_.error_here("not a heap profile sample line (count: bytes [count: bytes] @ addresses)");
    }
    values_.clear();
    block_size_ = 0;
    if (header_.has_alloc) add_values(view(g[2]), view(g[3]), "allocation");
    add_values(view(g[0]), view(g[1]), "inuse");
    if (!parse_addresses(view(g[4]), &addresses_)) throw in_.error_here("malformed sample: address out of range");
    stack_.clear();
    for (uint64_t a : addresses_) {
      --a;  // a return address: step back into the call instruction
      auto [it, added] = by_address_.try_emplace(a, 0);
      if (added) it->second = p_->add_location(a, kNone);
      stack_.push_back(it->second);
    }
    p_->add_sample(stack_, values_);
    p_->add_label(Label{"bytes", {}, block_size_, {}, true});
  }

  std::string_view bytes_;
  io::LineReader in_;
  Profile* p_;
  Header header_;
  int64_t block_size_ = 0;
  std::vector<int64_t> values_;
  std::vector<uint64_t> addresses_;
  std::vector<uint32_t> stack_;
  absl::flat_hash_map<uint64_t, uint32_t> by_address_;
};

}  // namespace

void read_legacy_heap(std::string_view bytes, const std::string& name, Profile* p) {
  HeapReader(bytes, name, p).read();
  check_profile(*p, name);
}

}  // namespace flamekit::pprof
