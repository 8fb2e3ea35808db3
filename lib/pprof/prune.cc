// prune.cc: drop_frames / keep_frames (see prune.h). The patterns are compiled with RE2, whose syntax and
// matching are those of Go's regexp package that pprof uses.
#include "pprof/prune.h"

#include <memory>
#include <vector>

#include "core/error.h"
#include "re2/re2.h"

namespace flamekit::pprof {
namespace {

std::unique_ptr<RE2> compile(std::string_view pattern, const std::string& name, const char* what) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>("^(" + std::string(pattern) + ")$", options);
  if (!re->ok()) throw Error(Error::Position{name, 0, -1}, std::string("bad ") + what + " pattern: " + re->error());
  return re;
}

bool matches(const RE2& re, std::string_view text) { return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re); }

}  // namespace

std::string_view simplify_function_name(std::string_view name) {
  if (name.starts_with('.')) name.remove_prefix(1);  // PPC ELF v1 function descriptors
  constexpr std::string_view kAnonymous = "(anonymous namespace)", kCall = "operator()";
  for (size_t i = 0; i < name.size();) {
    if (name.substr(i).starts_with(kAnonymous)) {
      i += kAnonymous.size();
    } else if (name.substr(i).starts_with(kCall)) {
      i += kCall.size();
    } else if (name[i] == '(') {
      return name.substr(0, i);
    } else {
      ++i;
    }
  }
  return name;
}

void prune_frames(Profile* p, const std::string& name) {
  if (p->drop_frames.empty()) return;
  std::unique_ptr<RE2> drop = compile(p->drop_frames, name, "drop_frames");
  std::unique_ptr<RE2> keep = p->keep_frames.empty() ? nullptr : compile(p->keep_frames, name, "keep_frames");
  enum : uint8_t { kKeep, kPruneBeneath, kPrune };
  std::vector<uint8_t> action(p->locations.size(), kKeep);
  for (size_t li = 0; li < p->locations.size(); ++li) {
    Location& loc = p->locations[li];
    // From the outermost function inwards, the first that drop_frames names (and keep_frames does not).
    for (uint32_t i = loc.lines_end; i-- > loc.lines_begin;) {
      uint32_t f = p->lines[i].function;
      if (f == kNone || p->functions[f].name.empty()) continue;
      std::string_view simple = simplify_function_name(p->functions[f].name);
      if (matches(*drop, simple) && (keep == nullptr || !matches(*keep, simple))) {
        if (i + 1 == loc.lines_end) {
          action[li] = kPrune;
        } else {
          action[li] = kPruneBeneath;
          loc.lines_begin = i + 1;  // keep only the functions the matched one was inlined into
        }
        break;
      }
    }
  }
  for (Sample& s : p->samples) {
    // From the root: after the first frame that stays, the first that goes takes everything leafward.
    bool found_user = false;
    for (uint32_t i = s.locations_end; i-- > s.locations_begin;) {
      uint8_t a = action[p->sample_locations[i]];
      if (a == kKeep) {
        found_user = true;
        continue;
      }
      if (!found_user) continue;
      s.locations_begin = a == kPrune ? i + 1 : i;
      break;
    }
  }
}

}  // namespace flamekit::pprof
