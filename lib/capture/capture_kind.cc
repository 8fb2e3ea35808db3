// capture_kind.cc: line shapes of each profiler's output; the first line that decides wins.
#include "capture/capture_kind.h"

#include <zlib.h>

#include <cctype>
#include <cstring>
#include <string>

namespace flamekit::capture {
namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// perf script's frame lines: leading whitespace, a hex address, a space.
bool perf_frame(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == 0 || i == std::string_view::npos) return false;
  size_t j = i;
  while (j < line.size() && is_hex(line[j])) ++j;
  return j > i && j < line.size() && line[j] == ' ';
}

// bpftrace prints a map entry as @[key]: value or @name[key]: value, a multi-line key starting "@[" alone.
bool bpftrace_map(std::string_view line) {
  if (line.empty() || line[0] != '@') return false;
  size_t i = 1;
  while (i < line.size() && (line[i] == '_' || std::isalnum(static_cast<unsigned char>(line[i])))) ++i;
  return i < line.size() && line[i] == '[';
}

// A folded line: frames, a space, a count (integer or decimal) at the end.
bool folded_line(std::string_view line) {
  size_t space = line.rfind(' ');
  if (space == std::string_view::npos || space == 0 || space + 1 == line.size()) return false;
  std::string_view count = line.substr(space + 1);
  size_t digits = 0;
  for (char c : count) {
    if (is_digit(c)) ++digits;
    else if (c != '.') return false;
  }
  return digits > 0 && line[0] != ' ' && line[0] != '\t';
}

// As much of a gzip stream's start as `head` holds, inflated (a truncated stream gives what it can).
std::string inflate_start(std::string_view head) {
  std::string out(4 * head.size() + 4096, '\0');
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return "";
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
  zs.avail_in = static_cast<uInt>(head.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  inflate(&zs, Z_SYNC_FLUSH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

}  // namespace

CaptureKind sniff_capture(std::string_view head) {
  if (head.empty()) return CaptureKind::kEmpty;
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') {
    // pprof protos come gzip'd; so may saved perf script text or folded stacks, which the filters read.
    CaptureKind inner = sniff_capture(inflate_start(head));
    return inner == CaptureKind::kPerfScript || inner == CaptureKind::kFolded ? inner : CaptureKind::kPprof;
  }
  if (head.starts_with("heap profile:") || head.starts_with("--- heapz") || head.starts_with("%")) {
    return CaptureKind::kPprof;  // gperftools heap text, or pprof's symbolized text
  }
  if (std::memchr(head.data(), '\0', head.size()) != nullptr) return CaptureKind::kPprof;  // legacy CPU profile
  bool any_folded = false;
  size_t pos = 0;
  while (pos < head.size()) {
    size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (perf_frame(line)) return CaptureKind::kPerfScript;
    if (bpftrace_map(line)) return CaptureKind::kBpftrace;
    any_folded = any_folded || folded_line(line);
  }
  return any_folded ? CaptureKind::kFolded : CaptureKind::kUnknown;
}

const char* kind_name(CaptureKind kind) {
  switch (kind) {
    case CaptureKind::kEmpty: return "empty output";
    case CaptureKind::kPerfScript: return "perf script text";
    case CaptureKind::kBpftrace: return "bpftrace maps";
    case CaptureKind::kFolded: return "folded stacks";
    case CaptureKind::kPprof: return "a pprof/gperftools profile";
    case CaptureKind::kUnknown: break;
  }
  return "unrecognised output";
}

}  // namespace flamekit::capture
