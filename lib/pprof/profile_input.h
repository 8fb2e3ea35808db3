// profile_input.h: which reader a profile needs, told from its bytes, and the bytes themselves. A gzip
// wrapper is undone first, whatever the format inside (io::ByteSource recognises it by its magic), so
// `cpu.prof.gz`, `heap.pb.gz` and `raw.txt.gz` read like their plain selves. Then io::sniff_format, the
// one format detector of flamekit, tells (io/format_sniff.h):
//   - "heap profile: ..." on the first line                                           -> legacy heap text;
//   - PeriodType:/Period:/Comment:/Time:/Duration: lines up to Samples:               -> pprof -raw text;
//   - a -traces separator line near the start                                          -> pprof -traces text;
//   - five words 0, 3, 0, period > 0, 0 (32 or 64 bits, either byte order)            -> gperftools CPU;
//   - binary data that parses as profile.proto fields                                  -> protobuf;
// and any other binary data whose first byte is a profile.proto key is read as protobuf too, so that a
// damaged one gets the reader's message. A format of another tool (perf.data, folded stacks) is refused
// naming that tool. --input-format skips the guessing.
//
//   ProfileInput in = load_profile_input("envoy.prof", Format::kAuto);
//   Profile p;
//   read_profile(in.bytes(), in.format, "envoy.prof", &p);
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "io/mapped_file.h"
#include "pprof/profile.h"

namespace flamekit::pprof {

enum class Format { kAuto, kProto, kCpu, kHeap, kRaw, kTraces };

// "auto", "proto", "cpu", "heap", "raw", "traces" -> Format; throws a usage Error for anything else.
Format parse_format(std::string_view name);
// What -v calls it ("gperftools CPU profile", ...).
const char* describe_format(Format format);

// The format of `bytes` (already gunzipped). Throws Error naming `name` if it is none of them.
Format detect_format(std::string_view bytes, const std::string& name);

// A whole input in memory: mapped when it is a plain regular file, else read (and gunzipped).
class ProfileInput {
 public:
  // Opens `path` ("-" = standard input); Format::kAuto detects the format. Throws Error on I/O failure.
  ProfileInput(const std::string& path, Format format);
  std::string_view bytes() const { return mapped_ && mapped_->ok() ? mapped_->bytes() : std::string_view(read_); }
  Format format() const { return format_; }

 private:
  std::unique_ptr<io::MappedFile> mapped_;
  std::string read_;
  Format format_;
};

// Reads `bytes` in `format` (not kAuto) into *p with that format's reader. Throws Error naming `name`.
void read_profile(std::string_view bytes, Format format, const std::string& name, Profile* p);

}  // namespace flamekit::pprof
