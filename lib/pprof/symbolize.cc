// symbolize.cc: unnamed locations -> lines, through elf::Symbolizer (see symbolize.h).
#include "pprof/symbolize.h"

#include "absl/container/flat_hash_map.h"
#include "core/string_hash.h"
#include "elf/elf_image.h"
#include "pprof/binary_locator.h"

namespace flamekit::pprof {

bool binary_matches(const std::string& path, const Mapping& mapping) {
  if (!is_regular_file(path, mapping)) return false;
  elf::ElfImage image(path);
  return image.ok() && (mapping.build_id.empty() || image.build_id() == mapping.build_id);
}

size_t symbolize_profile(Profile* p, const std::vector<std::string>& files, elf::Symbolizer* symbols) {
  std::vector<elf::Mapping> mappings(p->mappings.size());
  for (size_t i = 0; i < p->mappings.size(); ++i) {
    const Mapping& m = p->mappings[i];
    mappings[i] = elf::Mapping{files[i], m.start, m.limit > m.start ? m.limit - m.start : 0, m.offset,
                               std::string(m.build_id)};
  }
  // Functions by name and file: a function inlined in many places is one Function.
  absl::flat_hash_map<std::string, uint32_t, StringHash> functions;
  std::string key;
  size_t named = 0;
  for (Location& loc : p->locations) {
    if (loc.lines_begin != loc.lines_end || loc.mapping == kNone) continue;
    const Mapping& m = p->mappings[loc.mapping];
    if (m.has_functions || files[loc.mapping].empty()) continue;
    const elf::Location& at = symbols->symbolize(mappings[loc.mapping], loc.address);
    if (at.frames.empty()) continue;
    // The location's lines go to the end of the shared vector: its own range, innermost first.
    loc.lines_begin = static_cast<uint32_t>(p->lines.size());
    for (const elf::Frame& f : at.frames) {
      key.assign(f.function).append(1, '\0').append(f.file);
      auto [it, added] = functions.try_emplace(key, 0);
      if (added) {
        it->second = p->add_function(p->keep(f.function));
        p->functions[it->second].filename = p->keep(f.file);
      }
      p->lines.push_back(Line{it->second, f.line});
    }
    loc.lines_end = static_cast<uint32_t>(p->lines.size());
    ++named;
  }
  return named;
}

}  // namespace flamekit::pprof
