// fold.cc: Profile -> StackSet (see fold.h). Each location's frames are interned once; a sample is then the
// concatenation of its locations' frame ids.
#include "pprof/fold.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/error.h"
#include "pprof/measurement.h"

namespace flamekit::pprof {
namespace {

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

class Folder {
 public:
  Folder(const Profile& p, const FoldOptions& o, model::StackSet* stacks) : p_(p), o_(o), stacks_(stacks) {}

  void run() {
    location_frames_.assign(p_.locations.size(), {});
    location_done_.assign(p_.locations.size(), false);
    std::vector<uint32_t> ids;
    for (const Sample& s : p_.samples) {
      std::span<const int64_t> values = p_.values_of(s);
      if (!o_.keep_zero_samples && std::all_of(values.begin(), values.end(), [](int64_t v) { return v == 0; })) continue;
      ids.clear();
      for (const std::string& key : o_.tag_root) add_frames(tag_frame(s, key), &ids);
      std::span<const uint32_t> locs = p_.locations_of(s);
      for (size_t i = locs.size(); i-- > 0;) {
        const std::vector<uint32_t>& frames = frames_of(locs[i]);
        ids.insert(ids.end(), frames.begin(), frames.end());
      }
      stacks_->add(ids, static_cast<model::Count>(values[o_.value_index]));
    }
  }

 private:
  // Interns `name` as frames. A name holding ';' is split there: the folded text is the same, and stacks
  // that read the same are then summed, as the folded format (and every script reading it) has it.
  void add_frames(std::string_view name, std::vector<uint32_t>* ids) {
    if (name.empty()) name = "";  // a default view has no data pointer, which FrameTable would memcpy from
    for (size_t semi; (semi = name.find(';')) != std::string_view::npos; name.remove_prefix(semi + 1)) {
      ids->push_back(stacks_->frames().intern(name.substr(0, semi)));
    }
    ids->push_back(stacks_->frames().intern(name));
  }

  std::string_view function_name(uint32_t f) const {
    if (f == kNone) return {};
    const Function& fn = p_.functions[f];
    if (o_.system_names) return fn.system_name.empty() ? fn.name : fn.system_name;
    return fn.name.empty() ? fn.system_name : fn.name;
  }

  // A location's frames, outer function first.
  const std::vector<uint32_t>& frames_of(uint32_t index) {
    std::vector<uint32_t>& frames = location_frames_[index];
    if (location_done_[index]) return frames;
    location_done_[index] = true;
    const Location& loc = p_.locations[index];
    std::span<const Line> lines = p_.lines_of(loc);
    bool named = false;
    for (const Line& line : lines) named = named || !function_name(line.function).empty();
    // Unnamed: the module and offset. But a location that has lines and neither address nor mapping is
    // known only by its (empty) name: pprof -raw text with an empty location id, which stackcollapse-go.pl
    // prints as an empty frame.
    if (!named && (lines.empty() || loc.address != 0 || loc.mapping != kNone)) {
      add_frames(unresolved_name(p_, loc), &frames);
      return frames;
    }
    for (size_t i = lines.size(); i-- > 0;) {
      add_frames(function_name(lines[i].function), &frames);
      if (!o_.inline_frames) break;
    }
    return frames;
  }

  // pprof's -tagroot frame: the sample's values for `key`, strings first, then numbers with their unit, joined
  // with ','; "<unknown>" when the sample has none (internal/driver/tagroot.go).
  std::string tag_frame(const Sample& s, const std::string& key) const {
    std::string text;
    for (int pass = 0; pass < 2; ++pass) {
      for (const Label& l : p_.labels_of(s)) {
        if (l.key != key || l.is_num != (pass == 1)) continue;
        if (!text.empty()) text += ',';
        text += l.is_num ? scaled_label(l.num, l.num_unit) : std::string(l.str);
      }
    }
    return text.empty() ? "<unknown>" : text;
  }

  const Profile& p_;
  const FoldOptions& o_;
  model::StackSet* stacks_;
  std::vector<std::vector<uint32_t>> location_frames_;
  std::vector<bool> location_done_;
};

}  // namespace

std::string unresolved_name(const Profile& p, const Location& loc) {
  if (loc.mapping != kNone) {
    const Mapping& m = p.mappings[loc.mapping];
    if (!m.file.empty()) return std::string(basename(m.file)) + "+" + hex(loc.address - m.start + m.offset);
  }
  return hex(loc.address);
}

void fold(const Profile& p, const FoldOptions& options, model::StackSet* stacks) {
  Folder(p, options, stacks).run();
}

size_t choose_sample_index(const Profile& p, std::string_view request) {
  if (p.sample_types.empty()) throw Error::usage("the profile has no sample types");
  if (request.empty()) {
    if (!p.default_sample_type.empty()) {
      for (size_t i = 0; i < p.sample_types.size(); ++i) {
        if (p.sample_types[i].type == p.default_sample_type) return i;
      }
    }
    return p.sample_types.size() - 1;
  }
  size_t index = 0;
  auto [end, ec] = std::from_chars(request.data(), request.data() + request.size(), index);
  if (ec == std::errc() && end == request.data() + request.size()) {
    if (index >= p.sample_types.size()) {
      throw Error::usage("--sample-index " + std::string(request) + " is outside the range [0.." +
                         std::to_string(p.sample_types.size() - 1) + "]");
    }
    return index;
  }
  std::string_view no_inuse = request.starts_with("inuse_") ? request.substr(6) : request;
  for (size_t i = 0; i < p.sample_types.size(); ++i) {
    if (p.sample_types[i].type == request || p.sample_types[i].type == no_inuse) return i;
  }
  // A legacy heap profile whose header gives the same alloc and inuse totals has only "objects" and
  // "space" (Go drops the alloc columns as repeats), so alloc_X is X there too.
  if (request.starts_with("alloc_") && p.sample_types.size() == 2 && p.sample_types[0].type == "objects" &&
      p.sample_types[1].type == "space") {
    for (size_t i = 0; i < 2; ++i) {
      if (p.sample_types[i].type == request.substr(6)) return i;
    }
  }
  std::string types;
  for (const ValueType& t : p.sample_types) types += (types.empty() ? "" : " ") + std::string(t.type);
  throw Error::usage("--sample-index " + std::string(request) + " must be one of: " + types);
}

}  // namespace flamekit::pprof
