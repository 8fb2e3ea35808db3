// raw_text.cc: pprof -raw text -> Profile, with stackcollapse-go.pl's reading rules (see raw_text.h). The
// script's state machine is kept as it is: "ignore" until a line holding "Samples:", then sample lines until
// one holding "Locations", then location lines until one holding "Mappings".
#include "pprof/raw_text.h"

#include <charconv>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/error.h"
#include "core/string_hash.h"
#include "io/line_reader.h"

namespace flamekit::pprof {
namespace {

// Perl's \s.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// The script's location pattern, ^\s*([0-9]*): 0x[0-9a-f]+ (M=[0-9]+ )?([^ ]+) .*, with its backtracking:
// the "M=n " group is taken only if a name followed by a space comes after it. Sets *id and *name.
bool match_location(std::string_view s, std::string_view* id, std::string_view* name) {
  size_t i = skip_spaces(s, 0), id_begin = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  *id = s.substr(id_begin, i - id_begin);
  if (s.substr(i, 4) != ": 0x") return false;
  i += 4;
  size_t hex_begin = i;
  while (i < s.size() && is_hex(s[i])) ++i;
  if (i == hex_begin || i >= s.size() || s[i] != ' ') return false;
  std::string_view rest = s.substr(i + 1);
  // ([^ ]+) followed by a space, at the start of `text`.
  auto word = [](std::string_view text, std::string_view* out) {
    size_t end = text.find(' ');
    if (end == 0 || end == std::string_view::npos) return false;
    *out = text.substr(0, end);
    return true;
  };
  if (rest.starts_with("M=")) {
    size_t j = 2;
    while (j < rest.size() && is_digit(rest[j])) ++j;
    if (j > 2 && j < rest.size() && rest[j] == ' ' && word(rest.substr(j + 1), name)) return true;
  }
  return word(rest, name);
}

class RawReader {
 public:
  RawReader(std::string_view bytes, const std::string& name, Profile* p) : in_(name, bytes), p_(p) {}

  void read() {
    enum { kIgnore, kSample, kLocation } state = kIgnore;
    std::string_view line;
    bool saw_samples = false;
    while (in_.next(&line)) {
      if (line.starts_with('#')) continue;
      if (state == kIgnore) {
        if (line.find("Samples:") != std::string_view::npos) state = kSample, saw_samples = true;
        read_header(line);
      } else if (state == kSample) {
        if (!read_sample(line)) {
          if (line.find("Locations") != std::string_view::npos) {
            state = kLocation;
          } else if (p_->sample_types.empty() && p_->samples.empty()) {
            read_types(line);
          }
        }
      } else {
        std::string_view id, name;
        if (match_location(line, &id, &name)) {
          names_[id] = name;  // a later line for the same id wins, as in the script's hash
        } else if (line.find("Mappings") != std::string_view::npos) {
          break;
        }
      }
    }
    if (!saw_samples) throw Error(Error::Position{in_.name(), 0, -1}, "no \"Samples:\" line: not pprof -raw text");
    name_locations();
    if (!p_->sample_types.empty()) p_->default_sample_type = p_->sample_types[0].type;
  }

 private:
  void read_header(std::string_view line) {
    if (line.starts_with("PeriodType: ")) {
      std::string_view rest = line.substr(12);
      size_t space = rest.find(' ');
      p_->period_type = {rest.substr(0, space), space == std::string_view::npos ? std::string_view() : rest.substr(space + 1)};
    } else if (line.starts_with("Period: ")) {
      std::string_view digits = line.substr(8);
      std::from_chars(digits.data(), digits.data() + digits.size(), p_->period);
    }
  }

  // "samples/count cpu/nanoseconds[dflt]"
  void read_types(std::string_view line) {
    std::vector<ValueType> types;
    for (size_t i = skip_spaces(line, 0); i < line.size(); i = skip_spaces(line, i)) {
      size_t end = i;
      while (end < line.size() && !is_space(line[end])) ++end;
      std::string_view token = line.substr(i, end - i);
      i = end;
      size_t slash = token.find('/');
      if (slash == std::string_view::npos) return;
      std::string_view unit = token.substr(slash + 1);
      if (unit.ends_with("[dflt]")) unit.remove_suffix(6);
      types.push_back({token.substr(0, slash), unit});
    }
    p_->sample_types = std::move(types);
  }

  // One sample line: values, ": ", then the ids ([0-9 ]+, split at single spaces as Perl's split / / does:
  // empty fields kept, trailing ones dropped). Returns false if the line is not one.
  bool read_sample(std::string_view line) {
    values_.clear();
    size_t i = skip_spaces(line, 0);
    for (;;) {
      size_t begin = i;
      if (i < line.size() && line[i] == '-') ++i;
      size_t digits = i;
      while (i < line.size() && is_digit(line[i])) ++i;
      if (i == digits) return false;
      int64_t v = 0;
      auto [end, ec] = std::from_chars(line.data() + begin, line.data() + i, v);
      if (ec != std::errc()) throw in_.error_here("sample value out of range");
      values_.push_back(v);
      if (line.substr(i, 2) == ": ") break;
      size_t next = skip_spaces(line, i);
      if (next == i) return false;
      i = next;
    }
    size_t ncols = p_->sample_types.empty() ? values_.size() : p_->sample_types.size();
    if (values_.size() != ncols) return false;
    size_t ids_begin = i + 2, ids_end = ids_begin;
    while (ids_end < line.size() && (is_digit(line[ids_end]) || line[ids_end] == ' ')) ++ids_end;
    if (ids_end == ids_begin) return false;
    if (p_->sample_types.empty()) {
      for (size_t c = 0; c < ncols; ++c) p_->sample_types.push_back({"value", "count"});
    }
    std::string_view ids = line.substr(ids_begin, ids_end - ids_begin);
    while (ids.ends_with(' ')) ids.remove_suffix(1);
    stack_.clear();
    if (!ids.empty()) {
      for (size_t at = 0;;) {
        size_t space = ids.find(' ', at);
        stack_.push_back(location_for(ids.substr(at, space - at)));
        if (space == std::string_view::npos) break;
        at = space + 1;
      }
    }
    p_->add_sample(stack_, values_);
    return true;
  }

  // One location per distinct id text; named once the Locations section has been read.
  uint32_t location_for(std::string_view id) {
    auto [it, added] = locations_.try_emplace(id, 0);
    if (added) {
      it->second = p_->add_location(0, kNone);
      ids_.push_back(id);
    }
    return it->second;
  }

  void name_locations() {
    for (size_t i = 0; i < ids_.size(); ++i) {
      auto named = names_.find(ids_[i]);
      std::string_view name = ids_[i];
      if (named != names_.end() && !named->second.empty() && named->second != "0") name = named->second;
      uint32_t f = p_->add_function(name);
      Location& loc = p_->locations[locations_[ids_[i]]];
      loc.lines_begin = static_cast<uint32_t>(p_->lines.size());
      p_->lines.push_back(Line{f, 0});
      loc.lines_end = loc.lines_begin + 1;
    }
  }

  io::LineReader in_;
  Profile* p_;
  std::vector<int64_t> values_;
  std::vector<uint32_t> stack_;
  std::vector<std::string_view> ids_;  // by location index
  absl::flat_hash_map<std::string_view, uint32_t, StringHash> locations_;
  absl::flat_hash_map<std::string_view, std::string_view, StringHash> names_;
};

}  // namespace

void read_raw_text(std::string_view bytes, const std::string& name, Profile* p) {
  RawReader(bytes, name, p).read();
  check_profile(*p, name);
}

}  // namespace flamekit::pprof
