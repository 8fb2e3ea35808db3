// profile_input.cc: format detection and dispatch to the readers (see profile_input.h).
#include "pprof/profile_input.h"

#include <algorithm>

#include "core/error.h"
#include "io/format_sniff.h"
#include "io/line_reader.h"
#include "pprof/legacy_cpu.h"
#include "pprof/legacy_heap.h"
#include "pprof/proto_reader.h"
#include "pprof/raw_text.h"
#include "pprof/traces_text.h"

namespace flamekit::pprof {

Format parse_format(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "proto") return Format::kProto;
  if (name == "cpu") return Format::kCpu;
  if (name == "heap") return Format::kHeap;
  if (name == "raw") return Format::kRaw;
  if (name == "traces") return Format::kTraces;
  throw Error::usage("--input-format " + std::string(name) + ": not one of auto, proto, cpu, heap, raw, traces");
}

const char* describe_format(Format format) {
  switch (format) {
    case Format::kAuto: return "unknown";
    case Format::kProto: return "pprof protobuf (profile.proto)";
    case Format::kCpu: return "gperftools CPU profile";
    case Format::kHeap: return "gperftools heap profile";
    case Format::kRaw: return "pprof -raw text";
    case Format::kTraces: return "pprof -traces text";
  }
  return "unknown";
}

Format detect_format(std::string_view bytes, const std::string& name) {
  if (bytes.empty()) throw Error(Error::Position{name, 0, -1}, "empty input");
  io::Format sniffed = io::sniff_format(bytes.substr(0, io::kSniffBytes));
  switch (sniffed) {
    case io::Format::kGperftoolsHeap: return Format::kHeap;
    case io::Format::kPprofRaw: return Format::kRaw;
    case io::Format::kPprofTraces: return Format::kTraces;
    case io::Format::kGperftoolsCpu: return Format::kCpu;
    case io::Format::kPprof: return Format::kProto;
    case io::Format::kText:
    case io::Format::kBinary: break;
    default: io::check_input_format(bytes, io::Reader::kPprof, name);  // perf.data, folded stacks, ...: what reads it
  }
  // Anything else that opens with a profile.proto key and is not text is read as protobuf, so that a damaged
  // one gets its reader's message (offset and what broke) rather than this one. A text file's first byte can
  // read as a key ('h' is field 13); a real protobuf has small lengths and field numbers, which are control
  // characters, among its first bytes.
  std::string_view head = bytes.substr(0, 64);
  bool text = std::all_of(head.begin(), head.end(), [](char c) { return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c == '\r'; });
  if (!text && looks_like_proto(bytes)) return Format::kProto;
  throw Error(Error::Position{name, 0, 0}, "not a profile flame-pprof reads (see --input-format)");
}

ProfileInput::ProfileInput(const std::string& path, Format format) : format_(format) {
  mapped_ = std::make_unique<io::MappedFile>(path);
  if (!mapped_->ok()) read_ = io::read_whole(path);
  if (format_ == Format::kAuto) format_ = detect_format(bytes(), path);
}

void read_profile(std::string_view bytes, Format format, const std::string& name, Profile* p) {
  switch (format) {
    case Format::kHeap: return read_legacy_heap(bytes, name, p);
    case Format::kRaw: return read_raw_text(bytes, name, p);
    case Format::kTraces: return read_traces_text(bytes, name, p);
    case Format::kCpu: return read_legacy_cpu(bytes, name, p);
    case Format::kProto: return read_proto(bytes, name, p);
    case Format::kAuto: break;
  }
  throw Error(Error::Position{name, 0, -1}, std::string("no reader for ") + describe_format(format));
}

}  // namespace flamekit::pprof
