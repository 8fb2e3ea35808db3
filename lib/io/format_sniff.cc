// format_sniff.cc: magic bytes, header words and first-line shapes of the profile formats (see
// format_sniff.h), and the one-line advice for each tool.
#include "io/format_sniff.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"

namespace flamekit::io {
namespace {

constexpr size_t kMaxLines = 40;  // significant lines looked at for the text formats

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

uint64_t word(std::string_view b, size_t at, size_t size, bool big_endian) {
  uint64_t v = 0;
  for (size_t i = 0; i < size; ++i) {
    auto byte = static_cast<uint8_t>(b[at + (big_endian ? i : size - 1 - i)]);
    v = v << 8 | byte;
  }
  return v;
}

// perf.data: "PERFILE2" (or byte-swapped, written on the other endianness); the header size that follows is
// 16 in pipe mode (perfdata.md §1.1, §1.4). Legacy "PERFFILE" (v1) files are file mode.
Format perf_data(std::string_view b) {
  bool swapped = starts_with(b, "2ELIFREP");
  if (!starts_with(b, "PERFILE2") && !swapped) return starts_with(b, "PERFFILE") ? Format::kPerfData : Format::kText;
  if (b.size() >= 16 && word(b, 8, 8, swapped) == 16) return Format::kPerfDataPipe;
  return Format::kPerfData;
}

// gperftools CPU profile: five header words 0, 3, 0 (1 for Java), period > 0, 0, of 4 or 8 bytes in either
// byte order, as pprof tries them (formats.md §1.3).
bool gperftools_cpu(std::string_view b) {
  for (size_t size : {size_t{4}, size_t{8}}) {
    if (b.size() < 5 * size) continue;
    for (bool big : {false, true}) {
      if (word(b, 0, size, big) == 0 && word(b, size, size, big) == 3 && word(b, 2 * size, size, big) <= 1 &&
          word(b, 3 * size, size, big) > 0 && word(b, 4 * size, size, big) == 0) {
        return true;
      }
    }
  }
  return false;
}

// Protobuf reading for the pprof check: a varint at *at; false if it runs past the end or 10 bytes.
bool varint(std::string_view b, size_t* at, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *at < b.size(); shift += 7) {
    auto byte = static_cast<uint8_t>(b[(*at)++]);
    *v |= uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// True if `b` is wholly a protobuf message: fields numbered 1..`max_field`, wire types varint, 64-bit,
// length-delimited or 32-bit, each inside `b`.
bool plain_message(std::string_view b, uint64_t max_field) {
  size_t at = 0;
  while (at < b.size()) {
    uint64_t tag, v;
    if (!varint(b, &at, &tag) || tag >> 3 == 0 || tag >> 3 > max_field) return false;
    switch (tag & 7) {
      case 0: if (!varint(b, &at, &v)) return false; break;
      case 1: at += 8; break;
      case 2: if (!varint(b, &at, &v) || v > b.size() - at) return false; at += v; break;
      case 5: at += 4; break;
      default: return false;
    }
    if (at > b.size()) return false;
  }
  return true;
}

// pprof's profile.proto (formats.md §3.1): the head parses as Profile fields with their wire types,
// sample_type and sample (fields 1 and 2) hold plain messages, and at least two fields end inside the head
// (a head cut in the middle of a later field is fine).
bool pprof_proto(std::string_view b) {
  size_t at = 0;
  int complete = 0;
  while (at < b.size()) {
    uint64_t tag, v;
    if (!varint(b, &at, &tag)) break;
    uint64_t field = tag >> 3, type = tag & 7;
    bool delimited = (field >= 1 && field <= 6) || field == 11 || field == 13;
    bool scalar = (field >= 7 && field <= 10) || (field >= 12 && field <= 15);
    if (!(type == 2 && delimited) && !(type == 0 && scalar)) return false;
    if (!varint(b, &at, &v)) break;
    if (type == 2) {
      if (v > b.size() - at) break;
      if ((field == 1 || field == 2 || field == 11) && !plain_message(b.substr(at, v), 3)) return false;
      at += v;
    }
    ++complete;
  }
  return complete >= 2;
}

Format compressed(std::string_view b) {
  if (starts_with(b, "\x28\xb5\x2f\xfd")) return Format::kZstd;
  if (starts_with(b, std::string_view("\xfd" "7zXZ\0", 6))) return Format::kXz;
  if (b.size() >= 10 && starts_with(b, "BZh") && b[3] >= '1' && b[3] <= '9' && b.substr(4, 6) == "1AY&SY") {
    return Format::kBzip2;
  }
  return Format::kText;
}

// Binary: NUL bytes on more than a quarter of the lines, or more than one byte in 8 a control character other
// than the whitespace of text files. A NUL alone does not make binary data (git's and grep's rule): a frame
// name in a folded file can hold one (a comm read from a kernel buffer), and flamegraph.pl reads that line.
// Binary formats have NULs all through them: an ELF or random bytes put one on most lines.
bool binary(std::string_view b) {
  size_t control = 0, lines = 0, lines_with_nul = 0;
  bool nul_on_line = false;
  for (char c : b) {
    auto u = static_cast<unsigned char>(c);
    if (u == '\n') {
      ++lines;
      lines_with_nul += nul_on_line;
      nul_on_line = false;
    } else if (u == 0) {
      nul_on_line = true;
      ++control;
    } else if ((u < 0x20 && u != '\r' && u != '\t' && u != '\f' && u != '\v' && u != 0x1b) || u == 0x7f) {
      ++control;
    }
  }
  if (!b.empty() && b.back() != '\n') {
    ++lines;
    lines_with_nul += nul_on_line;
  }
  return lines_with_nul * 4 > lines || control * 8 > b.size();
}

// The first lines of `b` that are not blank or '#' comments, without their '\r'. The last line counts only if
// it ends in '\n' or `b` is the whole input.
std::vector<std::string_view> significant_lines(std::string_view b) {
  std::vector<std::string_view> lines;
  bool whole = b.size() < kSniffBytes;
  size_t at = 0;
  while (at < b.size() && lines.size() < kMaxLines) {
    size_t nl = b.find('\n', at);
    if (nl == std::string_view::npos && !whole) break;
    std::string_view line = b.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    at = nl == std::string_view::npos ? b.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t first = 0;
    while (first < line.size() && is_blank(line[first])) ++first;
    if (first == line.size() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

// "... 1234 [002] 6544038.708352: ...": a "secs.usecs:" token after something else, as perf script prints
// the time of each sample.
bool event_like(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  for (size_t at = line.find(':', i); at != std::string_view::npos; at = line.find(':', at + 1)) {
    if (at + 1 < line.size() && !is_blank(line[at + 1])) continue;
    size_t j = at;
    while (j > i && is_digit(line[j - 1])) --j;
    if (j == at || j == i || line[j - 1] != '.') continue;
    size_t k = j - 1;
    while (k > i && is_digit(line[k - 1])) --k;
    if (k < j - 1 && k > i && is_blank(line[k - 1])) return true;
  }
  return false;
}

// "\t7f722d142778 Interpreter (/usr/lib/jvm/libjvm.so)": indented hex address, a blank, more.
bool frame_like(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  size_t hex = i;
  while (i < line.size() && is_hex(line[i])) ++i;
  return hex > 0 && i > hex && i + 1 < line.size() && is_blank(line[i]);
}

// "a;b;c 12" (or two counts): no indent, a last blank-separated token that is a count, as flamegraph.pl reads
// them (\d+(\.\d*)?).
bool folded_like(std::string_view line) {
  if (is_blank(line[0])) return false;
  size_t end = line.size();
  size_t i = end;
  while (i > 0 && (is_digit(line[i - 1]) || line[i - 1] == '.')) --i;
  if (i == end || i == 0 || !is_blank(line[i - 1]) || !is_digit(line[i])) return false;
  return line.substr(i).find('.') == line.substr(i).rfind('.');
}

// `go tool pprof -raw` (pprof's Profile.String): "Comment:" lines, "PeriodType:", "Period:", "Time:",
// "Duration:", then "Samples:" (a head cut before it still counts, if it names a period).
bool pprof_raw(const std::vector<std::string_view>& lines) {
  bool period = false;
  for (std::string_view l : lines) {
    if (l == "Samples:") return true;
    if (starts_with(l, "Period: ") || starts_with(l, "PeriodType: ")) {
      period = true;
    } else if (!starts_with(l, "Comment: ") && !starts_with(l, "Time: ") && !starts_with(l, "Duration: ")) {
      return false;
    }
  }
  return period;
}

// `go tool pprof -traces`: labels ("File: prog", "Type: cpu", ...), then samples between separator lines.
bool pprof_traces(const std::vector<std::string_view>& lines) {
  for (std::string_view l : lines) {
    if (starts_with(l, "-----------+-------------------------------------------------------")) return true;
  }
  return false;
}

// bpftrace: "Attaching 1 probe..." then maps printed as "@name[key]: value", "@[\n stack\n]: value".
bool bpftrace(std::string_view first) {
  if (starts_with(first, "Attaching ") && first.size() > 10 && is_digit(first[10]) &&
      first.find(" probe") != std::string_view::npos) {
    return true;
  }
  if (first[0] != '@') return false;
  size_t i = 1;
  while (i < first.size() && (first[i] == '_' || is_digit(first[i]) || ((first[i] | 0x20) >= 'a' && (first[i] | 0x20) <= 'z'))) {
    ++i;
  }
  return i < first.size() && (first[i] == '[' || first[i] == ':');
}

Format text_format(std::string_view b) {
  std::vector<std::string_view> lines = significant_lines(b);
  if (lines.empty()) return Format::kText;
  if (starts_with(lines[0], "heap profile:")) return Format::kGperftoolsHeap;
  if (pprof_raw(lines)) return Format::kPprofRaw;
  if (pprof_traces(lines)) return Format::kPprofTraces;
  if (bpftrace(lines[0])) return Format::kBpftrace;
  size_t folded = 0, events = 0, frames = 0;
  for (std::string_view l : lines) {
    folded += folded_like(l);
    if (event_like(l)) {
      ++events;
    } else if (frame_like(l)) {
      ++frames;
    }
  }
  if (folded == lines.size()) return Format::kFolded;
  if (events > 0 && 2 * (events + frames) >= lines.size()) return Format::kPerfScript;
  return Format::kText;
}

// A command that prints the folded stacks of an input of `format` named `f`, and whether it is flamekit's;
// nullopt where there is none to suggest.
struct Route {
  std::string command;
  bool flamekit;
};
std::optional<Route> folding_route(Format format, const std::string& f) {
  switch (format) {
    case Format::kPerfData:
    case Format::kPerfDataPipe: return Route{"perf script -i " + f + " | flame-collapse", true};
    case Format::kPerfScript: return Route{"flame-collapse " + f, true};
    case Format::kPprof:
    case Format::kGperftoolsCpu:
    case Format::kGperftoolsHeap:
    case Format::kPprofRaw:
    case Format::kPprofTraces: return Route{"flame-pprof " + f, true};
    case Format::kBpftrace: return Route{"stackcollapse-bpftrace.pl " + f, false};
    default: return std::nullopt;
  }
}
constexpr const char* kFlameGraphNote = " (stackcollapse-bpftrace.pl comes with FlameGraph)";

// The file as the user named it, in a suggested command. Standard input has no name to give, but perf
// script, the decompressors and flamekit's tools read it as "-" (`perf record -o - | perf script -i - |
// flame-collapse`); FlameGraph's scripts get a placeholder.
std::string shown(const std::string& file, Format format) {
  if (file != "-") return file;
  std::optional<Route> route = folding_route(format, file);
  return route && !route->flamekit ? "FILE" : "-";
}

// The program that decompresses a format flamekit does not decompress itself; "" if none.
std::string decompressor(Format format) {
  switch (format) {
    case Format::kZstd: return "zstd";
    case Format::kXz: return "xz";
    case Format::kBzip2: return "bzip2";
    default: return "";
  }
}

bool is_perf_data(Format format) { return format == Format::kPerfData || format == Format::kPerfDataPipe; }
bool is_pprof_family(Format format) {
  return format == Format::kPprof || format == Format::kGperftoolsCpu || format == Format::kGperftoolsHeap ||
         format == Format::kPprofRaw || format == Format::kPprofTraces;
}

const char* tool(Reader reader) {
  switch (reader) {
    case Reader::kCollapse: return "flame-collapse";
    case Reader::kPprof: return "flame-pprof";
    case Reader::kSvg: return "flame-svg";
    case Reader::kDiff: return "flame-diff";
    case Reader::kDemangle: return "flame-demangle";
  }
  return "";
}

std::string advice(Format format, Reader reader, const std::string& f) {
  if (std::string unpack = decompressor(format); !unpack.empty()) {
    if (reader == Reader::kDiff) return "flamekit reads gzip only: decompress it first (" + unpack + " -d)";
    return "flamekit reads gzip only: '" + unpack + " -dc " + f + " | " + tool(reader) + "'";
  }
  std::optional<Route> route = folding_route(format, f);
  switch (reader) {
    case Reader::kCollapse:
    case Reader::kPprof:
      if (format == Format::kFolded) return "give it to flame-svg or flame-diff as it is";
      if (!route) return "";
      if (route->flamekit) return "read it with '" + route->command + "'";
      return "flamekit does not read it; '" + route->command + "' gives folded stacks" + kFlameGraphNote;
    case Reader::kSvg:
    case Reader::kDiff: {
      if (!route) return "";
      std::string sink = reader == Reader::kSvg ? " | flame-svg" : " > " + (f == "-" ? "profile" : f) + ".folded";
      if (route->flamekit) return "fold it first: '" + route->command + sink + "'";
      return "flamekit does not read it; fold it first: '" + route->command + sink + "'" + kFlameGraphNote;
    }
    case Reader::kDemangle:
      if (is_perf_data(format)) {
        return "perf script demangles by itself; else 'perf script --no-demangle -i " + f + " | flame-demangle'";
      }
      if (is_pprof_family(format)) return "read it with 'flame-pprof " + f + "', which demangles by itself";
      return "";
  }
  return "";
}

// Whether `reader` reads `format` as it is.
bool reads(Reader reader, Format format) {
  switch (reader) {
    case Reader::kCollapse: return format == Format::kText || format == Format::kPerfScript;
    case Reader::kPprof: return is_pprof_family(format);
    case Reader::kSvg:
    case Reader::kDiff: return format == Format::kText || format == Format::kFolded;
    case Reader::kDemangle:
      // A text filter, like c++filt: any text passes, and binary data it cannot tell from text too; only what is
      // surely not text (a known binary format, compressed data) is refused.
      return !is_perf_data(format) && format != Format::kPprof && format != Format::kGperftoolsCpu &&
             decompressor(format).empty();
  }
  return true;
}

const char* expected_input(Reader reader) {
  switch (reader) {
    case Reader::kCollapse: return "perf script text";
    case Reader::kPprof: return "a profile flame-pprof reads";
    case Reader::kSvg:
    case Reader::kDiff: return "folded stacks";
    case Reader::kDemangle: return "text";
  }
  return "";
}

}  // namespace

Format sniff_format(std::string_view head) {
  if (Format f = perf_data(head); f != Format::kText) return f;
  if (Format f = compressed(head); f != Format::kText) return f;
  // Only data holding a NUL or many control bytes is tried as the headerless formats: printable text can read
  // as protobuf fields too ("php 1234 ..." is two varint fields). A protobuf may have few NULs on its "lines".
  bool is_binary = binary(head);
  if (is_binary || head.find('\0') != std::string_view::npos) {
    if (gperftools_cpu(head)) return Format::kGperftoolsCpu;
    if (pprof_proto(head)) return Format::kPprof;
  }
  return is_binary ? Format::kBinary : text_format(head);
}

const char* format_name(Format format) {
  switch (format) {
    case Format::kText: return "text";
    case Format::kPerfScript: return "perf script text";
    case Format::kFolded: return "folded stacks, collapsed already";
    case Format::kPerfData: return "a perf.data file (PERFILE2)";
    case Format::kPerfDataPipe: return "a perf.data stream in pipe mode (PERFILE2, perf record -o -)";
    case Format::kPprof: return "a pprof profile (profile.proto)";
    case Format::kGperftoolsCpu: return "a gperftools CPU profile";
    case Format::kGperftoolsHeap: return "a gperftools heap profile";
    case Format::kPprofRaw: return "go tool pprof -raw output";
    case Format::kPprofTraces: return "go tool pprof -traces output";
    case Format::kBpftrace: return "bpftrace map output";
    case Format::kZstd: return "zstd-compressed data";
    case Format::kXz: return "xz-compressed data";
    case Format::kBzip2: return "bzip2-compressed data";
    case Format::kBinary: return "binary data of a format flamekit does not know";
  }
  return "";
}

std::string wrong_input_message(Format format, Reader reader, const std::string& file) {
  if (reads(reader, format)) return "";
  std::string message = std::string("this is ") + format_name(format) + ", not " + expected_input(reader);
  std::string then = advice(format, reader, shown(file, format));
  if (!then.empty()) message += "; " + then;
  return message;
}

void check_input_format(std::string_view head, Reader reader, const std::string& file) {
  std::string message = wrong_input_message(sniff_format(head.substr(0, kSniffBytes)), reader, file);
  if (!message.empty()) throw Error(Error::Position{file, 0, -1}, std::move(message));
}

}  // namespace flamekit::io
