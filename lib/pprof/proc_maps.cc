// proc_maps.cc: maps lines -> mappings, and the legacy mapping fix-ups (see proc_maps.h). The two line
// grammars are Go pprof's own regular expressions, compiled with RE2 (Go's regexp is RE2's syntax and
// semantics), so that a line is read the same way field for field. A maps section is a few hundred lines.
#include "pprof/proc_maps.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "io/line_reader.h"
#include "re2/re2.h"

namespace flamekit::pprof {
namespace {

// profile/legacy_profile.go procMapsRE and briefMapsRE.
constexpr const char* kHexRange = R"(^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?)";
constexpr const char* kPerm = R"((?:\s+([-rwxp]+))?)";

const RE2& proc_maps_re() {
  static const RE2 re(std::string(kHexRange) + kPerm +
                      R"((?:\s+([[:xdigit:]]+))?\s+[[:xdigit:]]+:[[:xdigit:]]+\s+[[:digit:]]+(?:\s+(\S+))?)");
  return re;
}
const RE2& brief_maps_re() {
  static const RE2 re(std::string(kHexRange) + kPerm +
                      R"((?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?(?:\s+([[:xdigit:]]+))?)");
  return re;
}
// A glog prefix ("I0101 12:00:00.000 file.cc:12] ") that some writers put before each line.
const RE2& log_prefix_re() {
  static const RE2 re(R"(^[^\[\]]+:[0-9]+]\s)");
  return re;
}

std::string_view view(const re2::StringPiece& s) { return {s.data(), s.size()}; }

bool parse_hex(std::string_view text, uint64_t* out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out, 16);
  return ec == std::errc() && end == text.data() + text.size();
}

// One maps line as Go's parseMappingEntry reads it. Returns false for a line that is not a mapping or is
// not executable.
bool parse_mapping(std::string_view line, Mapping* m) {
  re2::StringPiece text(line.data(), line.size());
  re2::StringPiece g[7];
  std::string_view start, limit, perm, offset, file, build_id;
  if (proc_maps_re().Match(text, 0, text.size(), RE2::ANCHOR_START, g, 6)) {
    start = view(g[1]), limit = view(g[2]), perm = view(g[3]), offset = view(g[4]), file = view(g[5]);
  } else if (brief_maps_re().Match(text, 0, text.size(), RE2::ANCHOR_START, g, 7)) {
    start = view(g[1]), limit = view(g[2]), perm = view(g[3]), file = view(g[4]), offset = view(g[5]);
    build_id = view(g[6]);
  } else {
    return false;
  }
  if (!perm.empty() && perm.find('x') == std::string_view::npos) return false;
  *m = Mapping();
  if (!parse_hex(start, &m->start) || !parse_hex(limit, &m->limit)) return false;
  if (!offset.empty() && !parse_hex(offset, &m->offset)) return false;
  m->file = file;
  m->build_id = build_id;
  return true;
}

// Go's libRx: a shared library's file name.
bool is_library(std::string_view file) {
  for (size_t at = file.find(".so"); at != std::string_view::npos; at = file.find(".so", at + 1)) {
    size_t after = at + 3;
    if (after == file.size()) return true;
    if ((file[after] == '.' || file[after] == '_') && after + 1 < file.size() && file[after + 1] >= '0' &&
        file[after + 1] <= '9') {
      return true;
    }
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Go's adjacent(): m2 continues m1 (same file and build id where both are known, contiguous addresses and
// file offsets).
bool adjacent(const Mapping& m1, const Mapping& m2) {
  if (!m1.file.empty() && !m2.file.empty() && m1.file != m2.file) return false;
  if (!m1.build_id.empty() && !m2.build_id.empty() && m1.build_id != m2.build_id) return false;
  if (m1.limit != m2.start) return false;
  if (m1.offset != 0 && m2.offset != 0 && m1.offset + (m1.limit - m1.start) != m2.offset) return false;
  return true;
}

// massageMappings: merges split pieces, moves the main binary to the front.
void massage_mappings(std::vector<Mapping>* mappings) {
  std::vector<Mapping>& ms = *mappings;
  if (ms.size() > 1) {
    std::vector<Mapping> merged{ms[0]};
    for (size_t i = 1; i < ms.size(); ++i) {
      Mapping& last = merged.back();
      if (adjacent(last, ms[i])) {
        last.limit = ms[i].limit;
        if (!ms[i].file.empty()) last.file = ms[i].file;
        if (!ms[i].build_id.empty()) last.build_id = ms[i].build_id;
      } else {
        merged.push_back(ms[i]);
      }
    }
    ms = std::move(merged);
  }
  for (size_t i = 0; i < ms.size(); ++i) {
    // The file without any "(deleted)" marker, trimmed (Go: strings.Replace then TrimSpace).
    std::string file(ms[i].file);
    for (size_t at; (at = file.find("(deleted)")) != std::string::npos;) file.erase(at, 9);
    std::string_view name = trim(file);
    if (name.empty() || is_library(name) || name[0] == '[') continue;
    std::swap(ms[0], ms[i]);
    break;
  }
}

}  // namespace

void read_proc_maps(std::string_view text, Profile* p) {
  io::LineReader lines("maps", text);
  std::string_view line;
  while (lines.next(&line)) {
    // Go's scanner splits at '\n' and drops a '\r' before it.
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    re2::StringPiece prefix;
    if (log_prefix_re().Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_START, &prefix, 1)) {
      line.remove_prefix(prefix.size());
    }
    Mapping m;
    if (!parse_mapping(line, &m)) continue;
    m.id = p->mappings.size() + 1;
    p->mappings.push_back(m);
  }
}

void attach_legacy_mappings(Profile* p) {
  std::vector<Mapping>& ms = p->mappings;
  massage_mappings(&ms);
  // remapMappingIDs: a leading /anon_hugepage piece directly followed by another mapping is dropped.
  if (ms.size() > 1 && ms[0].file.starts_with("/anon_hugepage") && ms[0].limit == ms[1].start) ms.erase(ms.begin());
  if (!ms.empty() && ms[0].start - ms[0].offset == 0x400000) {
    ms[0].start = 0x400000;
    ms[0].offset = 0;
  }
  uint32_t fake = kNone;
  for (Location& l : p->locations) {
    uint64_t a = l.address;
    if (l.mapping != kNone || a == 0) continue;
    for (size_t i = 0; i < ms.size() && l.mapping == kNone; ++i) {
      if (ms[i].start <= a && a < ms[i].limit) l.mapping = static_cast<uint32_t>(i);
    }
    for (size_t i = 0; i < ms.size() && l.mapping == kNone; ++i) {
      Mapping& m = ms[i];
      if (m.offset != 0 && m.start - m.offset <= a && a < m.start) {
        m.start -= m.offset;
        m.offset = 0;
        l.mapping = static_cast<uint32_t>(i);
      }
    }
    if (l.mapping == kNone) {
      if (fake == kNone) {
        Mapping m;
        m.limit = UINT64_MAX;
        ms.push_back(m);
        fake = static_cast<uint32_t>(ms.size() - 1);
      }
      l.mapping = fake;
    }
  }
  for (size_t i = 0; i < ms.size(); ++i) ms[i].id = i + 1;
}

}  // namespace flamekit::pprof
