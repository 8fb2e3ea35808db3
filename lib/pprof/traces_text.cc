// traces_text.cc: pprof -traces text -> Profile (see traces_text.h).
#include "pprof/traces_text.h"

#include <cmath>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/error.h"
#include "core/string_hash.h"
#include "io/line_reader.h"
#include "pprof/measurement.h"

namespace flamekit::pprof {
namespace {

constexpr std::string_view kSeparator = "-----------+-------------------------------------------------------";
constexpr std::string_view kInline = " (inline)";
constexpr size_t kFrameIndent = 13;  // "%10s   " with an empty value

class TracesReader {
 public:
  TracesReader(std::string_view bytes, const std::string& name, Profile* p) : in_(name, bytes), p_(p) {}

  void read() {
    std::string_view line, type = "samples";
    bool in_block = false;
    while (in_.next(&line)) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.starts_with(kSeparator)) {
        finish_block();
        in_block = true;
        continue;
      }
      if (!in_block) {
        if (line.starts_with("Type: ")) type = line.substr(6);
        continue;
      }
      read_block_line(line);
    }
    finish_block();
    p_->sample_types = {{type, unit_.empty() ? std::string_view("count") : unit_}};
    for (size_t i = 0; i < samples_.size(); ++i) {
      const Pending& s = samples_[i];
      p_->add_sample(std::span<const uint32_t>(stacks_.data() + s.stack_begin, s.stack_end - s.stack_begin),
                     std::span<const int64_t>(&s.value, 1));
      for (size_t l = s.labels_begin; l < s.labels_end; ++l) p_->add_label(labels_[l]);
    }
  }

 private:
  struct Pending {
    int64_t value = 0;
    size_t stack_begin = 0, stack_end = 0;
    size_t labels_begin = 0, labels_end = 0;
  };

  void read_block_line(std::string_view line) {
    size_t k = line.find_first_not_of(' ');
    if (k == std::string_view::npos) return;
    if (!has_value_) {
      size_t end = line.find(' ', k);
      if (end == std::string_view::npos) throw in_.error_here("not a -traces value and frame line");
      std::string_view token = line.substr(k, end - k);
      if (token.ends_with(':') && line.substr(end, 2) == "  ") {
        labels_.push_back(Label{token.substr(0, token.size() - 1), line.substr(end + 2), 0, {}, false});
        return;
      }
      if (line.substr(end, 3) != "   ") throw in_.error_here("not a -traces value and frame line");
      read_value(token);
      add_frame(line.substr(end + 3));
      return;
    }
    if (k != kFrameIndent) throw in_.error_here("not a -traces frame line");
    add_frame(line.substr(kFrameIndent));
  }

  void read_value(std::string_view token) {
    double v = 0;
    std::string_view unit;
    if (!parse_scaled_label(token, &v, &unit)) throw in_.error_here("not a pprof value: " + std::string(token));
    if (unit != "count") {
      if (!unit_.empty() && unit_ != unit) throw in_.error_here("values in both " + std::string(unit_) + " and " + std::string(unit));
      unit_ = unit;
    }
    if (!(std::fabs(v) < 9.2e18)) throw in_.error_here("value out of range: " + std::string(token));
    current_.value = std::llround(v);
    has_value_ = true;
  }

  void add_frame(std::string_view name) {
    bool is_inline = name.ends_with(kInline);
    if (is_inline) name.remove_suffix(kInline.size());
    auto [it, added] = functions_.try_emplace(name, 0);
    if (added) it->second = p_->add_function(name);
    pending_lines_.push_back(it->second);
    if (!is_inline) flush_location();
  }

  // The frames since the last non-inline one are one location: the inlined ones, then the one they are in.
  void flush_location() {
    if (pending_lines_.empty()) return;
    stacks_.push_back(p_->add_location(0, kNone, pending_lines_));
    pending_lines_.clear();
  }

  void finish_block() {
    flush_location();
    if (has_value_) {
      current_.stack_end = stacks_.size();
      current_.labels_end = labels_.size();
      samples_.push_back(current_);
    } else {
      labels_.resize(current_.labels_begin);  // a block with labels and no frames is not a sample
    }
    current_ = Pending{0, stacks_.size(), stacks_.size(), labels_.size(), labels_.size()};
    has_value_ = false;
  }

  io::LineReader in_;
  Profile* p_;
  std::string_view unit_;
  bool has_value_ = false;
  Pending current_;
  std::vector<Pending> samples_;
  std::vector<uint32_t> stacks_;  // location indices of all samples, leaf first
  std::vector<Label> labels_;
  std::vector<uint32_t> pending_lines_;
  absl::flat_hash_map<std::string_view, uint32_t, StringHash> functions_;
};

}  // namespace

void read_traces_text(std::string_view bytes, const std::string& name, Profile* p) {
  TracesReader(bytes, name, p).read();
  check_profile(*p, name);
}

}  // namespace flamekit::pprof
